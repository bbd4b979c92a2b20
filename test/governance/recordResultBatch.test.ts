/**
 * Issue 14, Record Result in one request per batch. Results are appended as `result` rows (one insert for the
 * batch) under the claim token they were given; a key's state is its claim row read with the result under its
 * current token. Checked here: the requests per batch (store and node), the stale-token rule, a takeover that
 * meets a result committed late (the old code lost it and posted again), a crash between post and record, and a
 * table holding rows the old code wrote beside new ones.
 */
import type { IDataObject } from 'n8n-workflow';

import { postingSuccessRate, withResults } from '../../lib/governance';
import type { FilterCondition, Row } from '../../nodes/SyncLedger/store/dataTables';
import { LedgerStore } from '../../nodes/SyncLedger/store/ledgerStore';
import { createN8nApiSandbox } from '../../sandbox/n8nApi';
import { shutdownN8nCore } from '../helpers/harness';
import { connect, createErpSandbox, node, runAs, startWith } from './fixtures';
import { MemoryRowStore } from './memoryStore';

const T0 = new Date('2026-11-23T12:00:00.000Z');
const LATER = new Date(T0.getTime() + 61_000);
const claimOptions = { ttlSeconds: 60, allowFailed: false, correlationId: 'c' };
const posted = (targetId: string) => ({ kind: 'posted' as const, targetSystem: 'erp', targetId, at: T0 });

/** The memory row store, counting requests by kind and letting a test step in around writes. */
class CountingStore extends MemoryRowStore {
	counts = { list: 0, insert: 0, update: 0, remove: 0 };
	beforeUpdate?: (filters: FilterCondition[], data: IDataObject) => Promise<void>;
	afterInsert?: (rows: Row[]) => Promise<void>;

	override async list(tableId: string, filters: FilterCondition[]): Promise<Row[]> {
		this.counts.list++;
		return await super.list(tableId, filters);
	}
	override async listAny(tableId: string, column: string, values: unknown[]): Promise<Row[]> {
		this.counts.list++;
		return await super.listAny(tableId, column, values);
	}
	override async insert(tableId: string, rows: IDataObject[]): Promise<Row[]> {
		this.counts.insert++;
		const inserted = await super.insert(tableId, rows);
		await this.afterInsert?.(inserted);
		return inserted;
	}
	override async update(tableId: string, filters: FilterCondition[], data: IDataObject, match?: 'and' | 'or'): Promise<Row[]> {
		this.counts.update++;
		await this.beforeUpdate?.(filters, data);
		return await super.update(tableId, filters, data, match);
	}
	override async remove(tableId: string, filters: FilterCondition[], match?: 'and' | 'or'): Promise<void> {
		this.counts.remove++;
		await super.remove(tableId, filters, match);
	}
	reset(): void {
		this.counts = { list: 0, insert: 0, update: 0, remove: 0 };
	}
}

function ledgerFor(rows: MemoryRowStore, executionId: string, now: () => Date = () => T0) {
	return new LedgerStore(rows, 'p2c_', { workflowId: 'wf1', executionId, now, pause: async () => {} });
}

/** The key's claim as the ledger reads it (claim row with its current result). */
const stateOf = (rows: MemoryRowStore, key: string) => withResults(rows.rowsOf('p2c_ledger')).filter((r) => r.key === key && r.kind === 'claim');

describe('Record Result: requests per batch', () => {
	it.each([1, 40, 250, 1000])('%i results: one insert, one read per 56 claims (a URL within 8 KB), no update', async (count) => {
		const rows = new CountingStore();
		const ledger = ledgerFor(rows, 'exec-a');
		const keys = Array.from({ length: count }, (_, i) => `erp:timebill:TE-${i}`);
		const claims = await ledger.claimMany(keys.map((key) => ({ key, allowFailed: false, correlationId: 'c' })), 900);
		rows.reset();
		const outcomes = await ledger.recordMany(
			keys.map((key, i) => ({
				key,
				claimToken: claims.get(key)!.row.claimToken,
				correlationId: 'c',
				result: i % 10 === 9 ? { kind: 'failed' as const, error: 'INVALID_FLD_VALUE', retryable: false, at: T0, targetSystem: 'erp' } : posted(`R-${i}`),
			})),
		);
		expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
		expect(rows.counts).toEqual({ list: Math.ceil(count / 56), insert: 1, update: 0, remove: 0 });
		// Every key reads as recorded, with its own target id or error.
		const states = new Map(withResults(rows.rowsOf('p2c_ledger')).filter((r) => r.kind === 'claim').map((r) => [r.key, r]));
		keys.forEach((key, i) => expect(states.get(key)).toMatchObject(i % 10 === 9 ? { status: 'failed', error: 'INVALID_FLD_VALUE' } : { status: 'posted', targetId: `R-${i}` }));
		// The next run's Check & Claim: posted keys are Already Done, permanent failures parked.
		const next = await ledgerFor(rows, 'exec-b').claimMany(keys.map((key) => ({ key, allowFailed: false, correlationId: 'c' })), 900);
		keys.forEach((key, i) => expect(next.get(key)!.outcome).toBe(i % 10 === 9 ? 'inProgressElsewhere' : 'alreadyDone'));
	});

	it('through the node: a batch of 120 results is one insert of result rows, two token reads, no update', async () => {
		const n8nApi = createN8nApiSandbox();
		const erp = createErpSandbox();
		await n8nApi.start();
		await erp.start();
		try {
			const credentials = {
				p2cN8nApi: { baseUrl: `${n8nApi.baseUrl}/api/v1`, apiKey: n8nApi.apiKey },
				erpTestApi: { baseUrl: erp.baseUrl, token: 'erp-token' },
			};
			const CLAIM = "$('Claim').item.json.ledger";
			const flow = {
				nodes: [
					node('Start', 'startItems', {}),
					node('Claim', 'syncLedger', { resource: 'ledger', tablePrefix: 'p2c_', operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.idempotencyKey }}' }),
					node('Post', 'erpPoster', {}, { onError: 'continueRegularOutput' }),
					node('Record', 'syncLedger', {
						resource: 'ledger',
						tablePrefix: 'p2c_',
						operation: 'recordResult',
						store: 'dataTable',
						idempotencyKey: `={{ ${CLAIM}.key }}`,
						claimToken: `={{ ${CLAIM}.claimToken }}`,
						targetSystem: 'erp',
						targetId: '={{ $json.id }}',
						errorMessage: '={{ $json.error }}',
						retryable: false,
					}),
				],
				connections: connect([['Start', 0, 'Claim'], ['Claim', 0, 'Post'], ['Post', 0, 'Record']]),
			};
			const entries = Array.from({ length: 120 }, (_, i) => ({ idempotencyKey: `erp:timebill:TE-${i}`, externalId: `TE-${i}`, hours: 8, projectCode: 'P-100' }));
			const run = await runAs('exec-node', flow, startWith(entries), credentials);
			expect(run.error).toBeUndefined();
			expect(run.output('Record', 0)).toHaveLength(120);
			const ledgerTable = n8nApi.tables().find((table) => table.name === 'p2c_ledger')!.id;
			const rowsPath = `/api/v1/data-tables/${ledgerTable}/rows`;
			const resultInserts = n8nApi.requests.filter((r) => r.method === 'POST' && r.path === rowsPath && ((r.body as { data: IDataObject[] }).data ?? []).some((row) => row.kind === 'result'));
			expect(resultInserts).toHaveLength(1);
			expect((resultInserts[0].body as { data: IDataObject[] }).data).toHaveLength(120);
			const tokenReads = n8nApi.requests.filter((r) => r.method === 'GET' && r.path === rowsPath && decodeURIComponent(String(r.query)).includes('claimToken'));
			expect(tokenReads).toHaveLength(3);
			expect(n8nApi.requests.filter((r) => r.method === 'PATCH' && ['posted', 'failed'].includes(String((r.body as { data?: IDataObject }).data?.status)))).toHaveLength(0);
			expect(withResults(n8nApi.rowsOf('p2c_ledger')).filter((r) => r.kind === 'claim' && r.status === 'posted')).toHaveLength(120);
		} finally {
			await n8nApi.stop();
			await erp.stop();
		}
	});
});

describe('Record Result: only the current claim token counts', () => {
	it('a result under a token a takeover replaced is refused naming the new holder, and leaves no row behind', async () => {
		const rows = new CountingStore();
		const a = ledgerFor(rows, 'exec-a');
		const first = await a.claim('k', claimOptions);
		const b = ledgerFor(rows, 'exec-b', () => LATER);
		const second = await b.claim('k', claimOptions);
		expect(second).toMatchObject({ outcome: 'new', row: { attempts: 2 } });
		await expect(a.recordResult('k', posted('R-A'), { claimToken: first.row.claimToken, correlationId: 'c' })).rejects.toThrow(
			'the claim token does not match the claim of key "k": it is claimed by execution exec-b',
		);
		expect(rows.rowsOf('p2c_ledger').filter((r) => r.kind === 'result')).toHaveLength(0);
		expect(stateOf(rows, 'k')).toEqual([expect.objectContaining({ status: 'claimed', claimOwner: 'exec-b' })]);
		await b.recordResult('k', posted('R-B'), { claimToken: second.row.claimToken, correlationId: 'c' });
		await expect(a.recordResult('k', posted('R-A'), { claimToken: first.row.claimToken, correlationId: 'c' })).rejects.toThrow('it was posted by execution exec-b to erp as R-B');
		expect(stateOf(rows, 'k')).toEqual([expect.objectContaining({ status: 'posted', targetId: 'R-B' })]);
	});

	it('a stale result row left in the table (its writer died before withdrawing it) does not count', async () => {
		const rows = new MemoryRowStore();
		const first = await ledgerFor(rows, 'exec-a').claim('k', claimOptions);
		const b = ledgerFor(rows, 'exec-b', () => LATER);
		const second = await b.claim('k', claimOptions);
		const table = [...rows.tables.values()].find((t) => t.name === 'p2c_ledger')!;
		table.rows.push({ id: table.nextId++, key: 'k', kind: 'result', claimToken: first.row.claimToken, status: 'posted', targetSystem: 'erp', targetId: 'R-A' } as Row);
		// Check & Claim still sees B's live claim, not A's result; a third claimer is kept off.
		expect(await ledgerFor(rows, 'exec-c', () => LATER).claim('k', claimOptions)).toMatchObject({ outcome: 'inProgressElsewhere', row: { claimOwner: 'exec-b', status: 'claimed' } });
		expect((await b.recordResult('k', { kind: 'failed', error: 'timeout', retryable: true, at: LATER }, { claimToken: second.row.claimToken, correlationId: 'c' })).row).toMatchObject({ status: 'failed_retryable' });
		// The retryable failure is reclaimable; A's stale "posted" never made the key done.
		expect((await ledgerFor(rows, 'exec-c', () => LATER).claim('k', claimOptions)).outcome).toBe('new');
	});

	it('a result committed between a takeover\'s read and its compare-and-set is adopted, not posted again', async () => {
		const rows = new CountingStore();
		const a = ledgerFor(rows, 'exec-a');
		const first = await a.claim('k', claimOptions);
		const b = ledgerFor(rows, 'exec-b', () => LATER);
		// A's claim has expired; A posted anyway and records while B takes the key over: A's result commits after
		// B read the key (claimed, expired) and before B's compare-and-set on A's token.
		let recordedByA: Promise<unknown> | undefined;
		rows.beforeUpdate = async (_filters, data) => {
			if (data.claimOwner !== 'exec-b' || recordedByA) return;
			recordedByA = a.recordResult('k', posted('R-A'), { claimToken: first.row.claimToken, correlationId: 'c' });
			await recordedByA;
		};
		const taken = await b.claim('k', claimOptions);
		expect(taken).toMatchObject({ outcome: 'alreadyDone', row: { status: 'posted', targetId: 'R-A' } });
		expect(taken.reason).toContain('recorded by execution exec-a');
		await expect(recordedByA).resolves.toMatchObject({ recorded: true });
		expect(stateOf(rows, 'k')).toEqual([expect.objectContaining({ status: 'posted', targetId: 'R-A', claimOwner: 'exec-b' })]);
		expect((await ledgerFor(rows, 'exec-c', () => LATER).claim('k', claimOptions)).outcome).toBe('alreadyDone');
	});

	it('a takeover landing between a result\'s insert and its confirming read: the result is adopted and reported recorded', async () => {
		const rows = new CountingStore();
		const a = ledgerFor(rows, 'exec-a');
		const first = await a.claim('k', claimOptions);
		const b = ledgerFor(rows, 'exec-b', () => LATER);
		let releaseA!: () => void;
		const bDone = new Promise<void>((resolve) => (releaseA = resolve));
		let inserted!: () => void;
		const aInserted = new Promise<void>((resolve) => (inserted = resolve));
		let recordedByA: Promise<unknown> | undefined;
		// A's insert commits after B's read; A's confirming read waits until B's takeover is over.
		rows.afterInsert = async (written) => {
			if (written[0]?.kind !== 'result' || written[0]?.claimOwner !== 'exec-a') return;
			inserted();
			await bDone;
		};
		rows.beforeUpdate = async (_filters, data) => {
			if (data.claimOwner !== 'exec-b' || recordedByA) return;
			recordedByA = a.recordResult('k', posted('R-A'), { claimToken: first.row.claimToken, correlationId: 'c' });
			await Promise.race([aInserted, recordedByA]);
		};
		const taken = await b.claim('k', claimOptions);
		releaseA();
		expect(taken).toMatchObject({ outcome: 'alreadyDone', row: { targetId: 'R-A' } });
		await expect(recordedByA).resolves.toMatchObject({ recorded: true, row: { status: 'posted', targetId: 'R-A' } });
		// A's own row (under the replaced token) is withdrawn; B's adopted copy stands.
		expect(rows.rowsOf('p2c_ledger').filter((r) => r.kind === 'result')).toEqual([expect.objectContaining({ claimOwner: 'exec-b', targetId: 'R-A' })]);
		expect(stateOf(rows, 'k')).toEqual([expect.objectContaining({ status: 'posted', targetId: 'R-A' })]);
	});
});

describe('crash between post and record', () => {
	it('the key stays claimed until expiry, is taken over and recorded by the new holder; the dead run\'s late record is refused', async () => {
		const rows = new MemoryRowStore();
		let now = T0;
		const a = ledgerFor(rows, 'exec-a', () => now);
		const first = await a.claim('k', claimOptions);
		// A posted to the ERP and died before Record Result.
		now = new Date(T0.getTime() + 30_000);
		expect(await ledgerFor(rows, 'exec-b', () => now).claim('k', claimOptions)).toMatchObject({ outcome: 'inProgressElsewhere', row: { claimOwner: 'exec-a' } });
		now = LATER;
		const b = ledgerFor(rows, 'exec-b', () => now);
		const retry = await b.claim('k', claimOptions);
		expect(retry).toMatchObject({ outcome: 'new', row: { attempts: 2 } });
		// B posts again (an upsert by external id returns the same record) and records.
		await b.recordMany([{ key: 'k', claimToken: retry.row.claimToken, correlationId: 'c', result: posted('R-1') }]);
		await expect(a.recordResult('k', posted('R-1'), { claimToken: first.row.claimToken, correlationId: 'c' })).resolves.toMatchObject({ recorded: true });
		// (A's late result names the very record B recorded: it is B's, so it is reported as recorded, and counted once.)
		await expect(a.recordResult('k', posted('R-OTHER'), { claimToken: first.row.claimToken, correlationId: 'c' })).rejects.toThrow('it was posted by execution exec-b to erp as R-1');
		expect(stateOf(rows, 'k')).toEqual([expect.objectContaining({ status: 'posted', targetId: 'R-1', attempts: 2 })]);
		expect(rows.rowsOf('p2c_ledger').filter((r) => r.kind === 'result')).toHaveLength(1);
	});
});

describe('rows the old code wrote, beside result rows', () => {
	it('a claim row holding its own status keeps its meaning; a result under its token reads over it; Health counts each key once', async () => {
		const rows = new MemoryRowStore();
		const ledger = ledgerFor(rows, 'exec-new', () => LATER);
		await ledger.open();
		const table = [...rows.tables.values()].find((t) => t.name === 'p2c_ledger')!;
		const add = (row: IDataObject) => {
			const stored = { id: table.nextId++, claimOwner: 'exec-old', claimedAt: T0.toISOString(), expiresAt: new Date(T0.getTime() + 60_000).toISOString(), attempts: 1, ...row } as Row;
			table.rows.push(stored);
			return stored;
		};
		add({ key: 'old-posted', kind: 'claim', status: 'posted', claimToken: 't1', targetSystem: 'erp', targetId: 'R-1' });
		add({ key: 'old-retry', kind: 'claim', status: 'failed_retryable', claimToken: 't2', targetSystem: 'erp', error: 'timeout' });
		add({ key: 'old-parked', kind: 'claim', status: 'failed', claimToken: 't3', targetSystem: 'erp', error: 'INVALID_FLD_VALUE' });
		// A claim row the old code recorded as failed, then its holder recorded again after the upgrade (a result row).
		add({ key: 'old-then-new', kind: 'claim', status: 'failed_retryable', claimToken: 't4', targetSystem: 'erp', error: 'timeout' });
		add({ key: 'old-then-new', kind: 'result', status: 'posted', claimToken: 't4', targetSystem: 'erp', targetId: 'R-4' });
		// A result under a token its claim no longer carries.
		add({ key: 'old-parked', kind: 'result', status: 'posted', claimToken: 'superseded', targetSystem: 'erp', targetId: 'R-X' });
		const keys = ['old-posted', 'old-retry', 'old-parked', 'old-then-new'];
		const outcomes = await ledger.claimMany(keys.map((key) => ({ key, allowFailed: false, correlationId: 'c' })), 60);
		expect(Object.fromEntries(keys.map((key) => [key, outcomes.get(key)!.outcome]))).toEqual({
			'old-posted': 'alreadyDone',
			'old-retry': 'new',
			'old-parked': 'inProgressElsewhere',
			'old-then-new': 'alreadyDone',
		});
		expect(outcomes.get('old-then-new')!.row).toMatchObject({ status: 'posted', targetId: 'R-4' });
		expect(outcomes.get('old-parked')!.reason).toContain('failed permanently (INVALID_FLD_VALUE)');
		// The old retryable row was taken over in place (its id, a new token) and records through a result row.
		const retry = outcomes.get('old-retry')!;
		expect(retry.row).toMatchObject({ id: 2, status: 'claimed', attempts: 2 });
		await ledger.recordResult('old-retry', posted('R-2'), { claimToken: retry.row.claimToken, correlationId: 'c' });
		const { ledger: claims } = await ledger.snapshot();
		expect(claims.map((r) => [r.key, r.status, r.targetId ?? null])).toEqual([
			['old-posted', 'posted', 'R-1'],
			['old-retry', 'posted', 'R-2'],
			['old-parked', 'failed', null],
			['old-then-new', 'posted', 'R-4'],
		]);
		expect(postingSuccessRate(claims)).toMatchObject({ byTarget: { erp: { posted: 3, failed: 1 } } });
	});
});

afterAll(async () => {
	await shutdownN8nCore();
});
