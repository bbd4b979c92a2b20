/**
 * Issue 8, items 6–9: a key is posted at most once, whatever the caller does.
 * 6 claim and order-guard rows never meet; 7 a claim is owned by its token, not the execution id;
 * 8 recording needs the claim (or an explicit override); 9 versions compare exactly and times name their zone.
 * Each case runs on the ledger store (memory rows) and, where a node is involved, in-process through n8n against
 * the Data Tables API simulator.
 */
import type { IDataObject } from 'n8n-workflow';

import { compareVersions, parseVersion, withResults } from '../../lib/governance';
import { LedgerStore } from '../../nodes/SyncLedger/store/ledgerStore';
import { createN8nApiSandbox } from '../../sandbox/n8nApi';
import { shutdownN8nCore } from '../helpers/harness';
import { connect, createErpSandbox, node, runAs, startWith } from './fixtures';
import { MemoryRowStore } from './memoryStore';

const T0 = new Date('2026-11-23T12:00:00.000Z');
const claimOptions = { ttlSeconds: 60, allowFailed: false, correlationId: 'c' };
const posted = (targetId: string) => ({ kind: 'posted' as const, targetSystem: 'erp', targetId, at: T0 });

function ledgerFor(rows: MemoryRowStore, executionId: string, now: () => Date = () => T0) {
	return new LedgerStore(rows, 'p2c_', { workflowId: 'wf1', executionId, now });
}

describe('6. claim rows and order-guard rows never meet', () => {
	it('a user key spelled "order:SO-1" posted once stays posted when entity SO-1 moves on', async () => {
		const rows = new MemoryRowStore();
		const a = ledgerFor(rows, 'exec-a');
		const claim = await a.claim('order:SO-1', claimOptions);
		expect(claim.outcome).toBe('new');
		await a.recordResult('order:SO-1', posted('R-1'), { claimToken: claim.row.claimToken, correlationId: 'c' });
		// The order guard of entity SO-1 writes its own row, and leaves the posted claim alone.
		expect((await a.orderGuard('SO-1', '5', 'c', 'erp')).outcome).toBe('applied');
		expect((await a.orderGuard('SO-1', '6', 'c', 'erp')).outcome).toBe('applied');
		const again = await ledgerFor(rows, 'exec-b').claim('order:SO-1', claimOptions);
		expect(again).toMatchObject({ outcome: 'alreadyDone', row: { status: 'posted', targetId: 'R-1' } });
		expect(withResults(rows.rowsOf('p2c_ledger')).map((r) => [r.key, r.kind, r.status])).toEqual([
			['order:SO-1', 'claim', 'posted'],
			['order:SO-1', 'order', 'applied'],
		]);
	});

	it('an order row is not a claim: claiming "order:SO-1" is a first claim and the guard keeps its version', async () => {
		const rows = new MemoryRowStore();
		const a = ledgerFor(rows, 'exec-a');
		expect((await a.orderGuard('SO-1', '5', 'c', 'erp')).outcome).toBe('applied');
		const claim = await a.claim('order:SO-1', claimOptions);
		expect(claim).toMatchObject({ outcome: 'new', reason: 'first claim of this key', row: { attempts: 1 } });
		expect((await a.orderGuard('SO-1', '4', 'c', 'erp')).outcome).toBe('stale');
		// claimMany reads keys in bulk; it must skip the order row as well.
		const batch = await ledgerFor(rows, 'exec-b').claimMany([{ key: 'order:SO-2', allowFailed: false, correlationId: 'c' }], 60);
		await a.orderGuard('SO-2', '1', 'c', 'erp');
		expect(batch.get('order:SO-2')!.outcome).toBe('new');
		expect((await ledgerFor(rows, 'exec-c').claimMany([{ key: 'order:SO-2', allowFailed: false, correlationId: 'c' }], 60)).get('order:SO-2')!.outcome).toBe('inProgressElsewhere');
	});

	it('migration: rows the old code wrote are read by their kind; rows without a kind by the legacy rule', async () => {
		const rows = new MemoryRowStore();
		const ledger = ledgerFor(rows, 'exec-new');
		await ledger.open();
		const table = [...rows.tables.values()].find((t) => t.name === 'p2c_ledger')!;
		const old = (row: IDataObject) => table.rows.push({ id: table.nextId++, claimToken: `old-${table.nextId}`, ...row } as never);
		old({ key: 'order:SO-1', kind: 'order', status: 'applied', lastVersion: '5' }); // old order guard
		old({ key: 'order:SO-2', kind: null, status: 'applied', lastVersion: '2026-03-01T10:00:00.000Z' }); // hand-made, no kind
		old({ key: 'order:SO-3', kind: null, status: 'posted', targetSystem: 'erp', targetId: 'R-3', expiresAt: T0.toISOString() }); // a claim, no kind
		expect((await ledger.orderGuard('SO-1', '4', 'c', 'erp')).outcome).toBe('stale');
		expect((await ledger.orderGuard('SO-2', '2026-03-01T09:00:00Z', 'c', 'erp')).outcome).toBe('stale');
		expect((await ledger.claim('order:SO-1', claimOptions)).reason).toBe('first claim of this key');
		expect((await ledger.claim('order:SO-2', claimOptions)).reason).toBe('first claim of this key');
		expect(await ledger.claim('order:SO-3', claimOptions)).toMatchObject({ outcome: 'alreadyDone', row: { targetId: 'R-3' } });
		// The guard's next write stamps the legacy order row with its kind; nothing else was touched.
		expect((await ledger.orderGuard('SO-2', '2026-03-02T00:00:00Z', 'c', 'erp')).outcome).toBe('applied');
		expect(table.rows.filter((r) => r.id <= 3).map((r) => [r.key, r.kind, r.status])).toEqual([
			['order:SO-1', 'order', 'applied'],
			['order:SO-2', 'order', 'applied'],
			['order:SO-3', null, 'posted'],
		]);
	});
});

describe('7. a claim is owned by its token, not by the execution id', () => {
	it('a second Check & Claim of a key in the same execution is kept off, and the first claim records cleanly', async () => {
		const rows = new MemoryRowStore();
		const a = ledgerFor(rows, 'exec-a');
		const first = await a.claim('k', claimOptions);
		const second = await a.claim('k', claimOptions);
		expect(second.outcome).toBe('inProgressElsewhere');
		expect(second.reason).toContain('already claimed by this execution');
		const batch = await a.claimMany([{ key: 'k', allowFailed: false, correlationId: 'c' }], 60);
		expect(batch.get('k')!.outcome).toBe('inProgressElsewhere');
		const recorded = await a.recordResult('k', posted('R-1'), { claimToken: first.row.claimToken, correlationId: 'c' });
		expect(recorded.reason).toBe('posted to erp as R-1');
		expect(withResults(rows.rowsOf('p2c_ledger'))).toEqual([expect.objectContaining({ key: 'k', status: 'posted', attempts: 1 })]);
	});

	it('an empty execution id does not make two executions one owner', async () => {
		const rows = new MemoryRowStore();
		const first = await ledgerFor(rows, '').claim('k', claimOptions);
		const second = await ledgerFor(rows, '').claim('k', claimOptions);
		expect([first.outcome, second.outcome]).toEqual(['new', 'inProgressElsewhere']);
		await expect(ledgerFor(rows, '').recordResult('k', posted('R-1'), { correlationId: 'c' })).rejects.toThrow('no claim token given');
	});

	it('every claim gets its own token, unguessable from the execution', async () => {
		const rows = new MemoryRowStore();
		const a = ledgerFor(rows, 'exec-a');
		const tokens = [(await a.claim('k1', claimOptions)).row.claimToken, (await a.claim('k2', claimOptions)).row.claimToken];
		expect(new Set(tokens).size).toBe(2);
		for (const token of tokens) expect(token).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('8. Record Result needs the claim', () => {
	it('an execution that never claimed the key cannot record over a live claim; the error names the holder', async () => {
		const rows = new MemoryRowStore();
		const holder = await ledgerFor(rows, 'exec-a').claim('k', claimOptions);
		const intruder = ledgerFor(rows, 'exec-b');
		await expect(intruder.recordResult('k', posted('R-X'), { correlationId: 'c' })).rejects.toThrow(/claimed by execution exec-a until 2026-11-23T12:01:00.000Z/);
		await expect(intruder.recordResult('k', posted('R-X'), { claimToken: 'not-the-token', correlationId: 'c' })).rejects.toThrow(
			'the claim token does not match the claim of key "k": it is claimed by execution exec-a',
		);
		await expect(intruder.recordResult('nobody-claimed', posted('R-X'), { claimToken: 'x', correlationId: 'c' })).rejects.toThrow('claim it with Check & Claim first');
		expect(rows.rowsOf('p2c_ledger')).toEqual([expect.objectContaining({ key: 'k', status: 'claimed', claimOwner: 'exec-a', claimToken: holder.row.claimToken })]);
		// The holder records, and may record again (a retried Record Result) until another claim takes the key.
		const a = ledgerFor(rows, 'exec-a');
		expect((await a.recordResult('k', posted('R-1'), { claimToken: holder.row.claimToken, correlationId: 'c' })).recorded).toBe(true);
		expect((await a.recordResult('k', posted('R-1'), { claimToken: holder.row.claimToken, correlationId: 'c' })).row).toMatchObject({ status: 'posted', targetId: 'R-1' });
		await expect(intruder.recordResult('k', posted('R-X'), { correlationId: 'c' })).rejects.toThrow('it was posted by execution exec-a to erp as R-1');
	});

	it('Record Without Claim (admin repair) writes over any claim, or makes the row, and is audited as an override', async () => {
		const rows = new MemoryRowStore();
		await ledgerFor(rows, 'exec-a').claim('k', claimOptions);
		const admin = ledgerFor(rows, 'exec-admin');
		const repaired = await admin.recordResult('k', posted('R-7'), { correlationId: 'c', override: true });
		expect(repaired).toMatchObject({ recorded: true, overridden: true, row: { status: 'posted', targetId: 'R-7' } });
		expect(repaired.reason).toContain('over the claimed row of execution exec-a');
		const fresh = await admin.recordResult('never-claimed', posted('R-8'), { correlationId: 'c', override: true });
		expect(fresh).toMatchObject({ overridden: true, row: { key: 'never-claimed', kind: 'claim', status: 'posted' } });
		expect((await ledgerFor(rows, 'exec-b').claim('never-claimed', claimOptions)).outcome).toBe('alreadyDone');
		await admin.flushAudit();
		const audit = rows.rowsOf('p2c_audit').filter((e) => e.action === 'ledger.posted');
		expect(audit).toHaveLength(2);
		expect(String(audit[0].before)).toContain('recordWithoutClaim');
		expect(String(audit[0].before)).toContain('exec-a');
	});
});

describe('9. versions compare exactly', () => {
	it('integers above 2^53 are told apart, as text; a JSON number that lost digits is refused', () => {
		expect(compareVersions(parseVersion('9007199254740993'), parseVersion('9007199254740992'))).toBe(1);
		expect(compareVersions(parseVersion('18446744073709551615'), parseVersion('18446744073709551614'))).toBe(1);
		expect(compareVersions(parseVersion(' 0042 '), parseVersion(42))).toBe(0);
		expect(() => parseVersion(2 ** 53 + 2)).toThrow('beyond 2^53');
		expect(compareVersions(parseVersion('1.10'), parseVersion('1.9'))).toBe(-1);
		expect(compareVersions(parseVersion('0.1'), parseVersion('0.10'))).toBe(0);
		expect(compareVersions(parseVersion('-3'), parseVersion('-2.5'))).toBe(-1);
	});

	it('date-times must carry their zone; offsets, Salesforce "+0000" and sub-millisecond digits are exact', () => {
		expect(() => parseVersion('2026-03-01T10:00:00')).toThrow(/"2026-03-01T10:00:00" has no time zone/);
		expect(() => parseVersion('2026-03-01T10:00:00.123')).toThrow('has no time zone');
		expect(() => parseVersion('2026-02-30T10:00:00Z')).toThrow('not a valid ISO 8601 date-time');
		expect(compareVersions(parseVersion('2026-03-01T10:00:00.000+0000'), parseVersion('2026-03-01T11:00:00+01:00'))).toBe(0);
		expect(compareVersions(parseVersion('2026-03-01T10:00:00.1234567Z'), parseVersion('2026-03-01T10:00:00.123Z'))).toBe(1);
		expect(parseVersion('2026-03-01T10:00:00.1234567Z').text).toBe('2026-03-01T10:00:00.1234567Z');
		expect(parseVersion('2026-03-01T11:00:00+01:00').text).toBe('2026-03-01T10:00:00.000Z');
		// A bare date is ISO 8601's date form: midnight UTC, whatever the server's zone.
		expect(compareVersions(parseVersion('2026-01-01'), parseVersion('2026-01-01T00:00:00Z'))).toBe(0);
	});

	it('the order guard keeps a big version and sends the one below it to stale', async () => {
		const rows = new MemoryRowStore();
		const guard = (version: unknown) => ledgerFor(rows, 'exec-a').orderGuard('SO-1', version, 'c', 'erp');
		expect((await guard('9007199254740993')).outcome).toBe('applied');
		expect(await guard('9007199254740992')).toMatchObject({ outcome: 'stale', previous: '9007199254740993' });
		expect((await guard('9007199254740994')).outcome).toBe('applied');
		await expect(guard('2026-03-01T10:00:00')).rejects.toThrow('no time zone');
	});
});

describe('items 6–8 through the node in n8n', () => {
	const n8nApi = createN8nApiSandbox();
	const erp = createErpSandbox();
	let credentials: Record<string, IDataObject> = {};
	const ledger = { resource: 'ledger', tablePrefix: 'p2c_' };
	const claimNode = (name = 'Claim') => node(name, 'syncLedger', { ...ledger, operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.idempotencyKey }}' });
	const recordNode = (parameters: IDataObject = {}) =>
		node('Record', 'syncLedger', { ...ledger, operation: 'recordResult', store: 'dataTable', targetSystem: 'erp', targetId: '={{ $json.externalId }}', errorMessage: '', ...parameters });

	beforeAll(async () => {
		await n8nApi.start();
		await erp.start();
		credentials = {
			p2cN8nApi: { baseUrl: `${n8nApi.baseUrl}/api/v1`, apiKey: n8nApi.apiKey },
			erpTestApi: { baseUrl: erp.baseUrl, token: 'erp-token' },
		};
	});
	beforeEach(() => {
		n8nApi.reset();
		erp.reset();
	});
	afterAll(async () => {
		await n8nApi.stop();
		await erp.stop();
		await shutdownN8nCore();
	});

	it('6: guard then claim of "order:<entity>" keys, run again at a newer version, posts once', async () => {
		const workflow = {
			nodes: [
				node('Start', 'startItems', {}),
				node('Guard', 'syncLedger', { ...ledger, operation: 'orderGuard', entityKey: '={{ $json.entity }}', sourceVersion: '={{ $json.version }}', targetSystem: 'erp' }),
				claimNode(),
				node('Post', 'erpPoster', {}),
				recordNode({ idempotencyKey: "={{ $('Claim').item.json.ledger.key }}", claimToken: "={{ $('Claim').item.json.ledger.claimToken }}", targetId: '={{ $json.id }}' }),
			],
			connections: connect([
				['Start', 0, 'Guard'],
				['Guard', 0, 'Claim'],
				['Claim', 0, 'Post'],
				['Post', 0, 'Record'],
			]),
		};
		const item = (version: string) => ({ idempotencyKey: 'order:SO-1', entity: 'SO-1', externalId: 'SO-1', version, hours: 1, projectCode: 'P' });
		const first = await runAs('exec-1', workflow, startWith([item('1')]), credentials);
		expect(first.output('Record', 0)).toHaveLength(1);
		const second = await runAs('exec-2', workflow, startWith([item('2')]), credentials);
		expect(second.error).toBeUndefined();
		expect(second.output('Guard', 0)).toHaveLength(1);
		expect(second.output('Claim', 1)).toEqual([expect.objectContaining({ ledger: expect.objectContaining({ outcome: 'alreadyDone', targetId: 'R-1' }) })]);
		expect(erp.records()).toEqual([expect.objectContaining({ externalId: 'SO-1', writes: 1 })]);
	});

	it('7: two Check & Claim runs of the same keys in one execution: the second sends every key to In Progress Elsewhere', async () => {
		const workflow = { nodes: [node('Start', 'startItems', {}), claimNode('Claim'), claimNode('Claim again')], connections: connect([['Start', 0, 'Claim'], ['Claim', 0, 'Claim again']]) };
		const run = await runAs('exec-loop', workflow, startWith([{ idempotencyKey: 'k1' }, { idempotencyKey: 'k2' }]), credentials);
		expect(run.output('Claim', 0)).toHaveLength(2);
		expect(run.output('Claim again', 0)).toHaveLength(0);
		expect(run.output('Claim again', 2).map((j) => (j.ledger as IDataObject).outcome)).toEqual(['inProgressElsewhere', 'inProgressElsewhere']);
	});

	it('8: Claim → Record gets the token by default; a Record Result without the claim fails naming the holder; Record Without Claim repairs', async () => {
		const wired = { nodes: [node('Start', 'startItems', {}), claimNode(), recordNode()], connections: connect([['Start', 0, 'Claim'], ['Claim', 0, 'Record']]) };
		const ok = await runAs('exec-wired', wired, startWith([{ idempotencyKey: 'k-wired', externalId: 'R-1' }]), credentials);
		expect(ok.error).toBeUndefined();
		expect(ok.output('Record', 0)).toEqual([expect.objectContaining({ ledger: expect.objectContaining({ status: 'posted', recorded: true, overridden: false }) })]);

		const claimOnly = { nodes: [node('Start', 'startItems', {}), claimNode()], connections: connect([['Start', 0, 'Claim']]) };
		await runAs('exec-holder', claimOnly, startWith([{ idempotencyKey: 'k-held' }]), credentials);
		const recordOnly = (parameters: IDataObject = {}) => ({ nodes: [node('Start', 'startItems', {}), recordNode({ idempotencyKey: '={{ $json.idempotencyKey }}', ...parameters })], connections: connect([['Start', 0, 'Record']]) });
		const refused = await runAs('exec-intruder', recordOnly(), startWith([{ idempotencyKey: 'k-held', externalId: 'R-X' }]), credentials);
		expect(refused.error).toContain('claimed by execution exec-holder');
		const tolerant = recordOnly();
		tolerant.nodes[1] = { ...tolerant.nodes[1], onError: 'continueRegularOutput' };
		const continued = await runAs('exec-intruder-2', tolerant, startWith([{ idempotencyKey: 'k-held', externalId: 'R-X' }]), credentials);
		expect(continued.error).toBeUndefined();
		expect(continued.output('Record', 0)).toHaveLength(0);
		expect(continued.output('Record', 1)).toEqual([expect.objectContaining({ error: expect.stringContaining('claimed by execution exec-holder') })]);
		expect(n8nApi.rowsOf('p2c_ledger').find((r) => r.key === 'k-held')).toMatchObject({ status: 'claimed', claimOwner: 'exec-holder' });

		const repaired = await runAs('exec-admin', recordOnly({ recordWithoutClaim: true }), startWith([{ idempotencyKey: 'k-held', externalId: 'R-9' }]), credentials);
		expect(repaired.output('Record', 0)).toEqual([expect.objectContaining({ ledger: expect.objectContaining({ status: 'posted', targetId: 'R-9', overridden: true }) })]);
	});
});
