/**
 * Posting workflows through the Sync Ledger, run in-process with n8n-core against the n8n Data Tables API
 * simulator (sandbox/n8nApi) and a small ERP that upserts by external id.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { withResults } from '../../lib/governance';
import { connect, ledgerSuite, node, recordResultParameters, runAs, startWith } from './fixtures';

const { n8nApi, erp, credentials } = ledgerSuite();


/** Order Guard → Check & Claim → post → Record Result → (failed) Exception Queue. */
function postingWorkflow(options: { crashAfter?: number; claimExpirySeconds?: number; continueOnFail?: boolean } = {}) {
	const ledger = { resource: 'ledger', tablePrefix: 'p2c_' };
	const nodes = [
		node('Start', 'startItems', {}),
		node('Guard', 'syncLedger', { ...ledger, operation: 'orderGuard', entityKey: '={{ $json.entity }}', sourceVersion: '={{ $json.version }}', targetSystem: 'erp' }),
		node('Claim', 'syncLedger', { ...ledger, operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.idempotencyKey }}', claimExpirySeconds: options.claimExpirySeconds ?? 900 }),
		node('Post', 'erpPoster', { crashAfter: options.crashAfter ?? -1 }, options.continueOnFail === false ? {} : { onError: 'continueRegularOutput' }),
		node('Record', 'syncLedger', { ...ledger, ...recordResultParameters({ retryable: false }) }),
		node('Park', 'syncLedger', {
			resource: 'exception',
			operation: 'add',
			tablePrefix: 'p2c_',
			idempotencyKey: '={{ $json.ledger.key }}',
			reason: '={{ $json.reason }}',
			domain: 'finance',
			payload: "={{ $('Claim').item.json }}",
		}),
	];
	const connections = connect([
		['Start', 0, 'Guard'],
		['Guard', 0, 'Claim'],
		['Claim', 0, 'Post'],
		['Post', 0, 'Record'],
		['Record', 1, 'Park'],
	]);
	return { nodes, connections };
}

function timeEntries(count: number, overrides: Record<number, IDataObject> = {}): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		idempotencyKey: `erp:timebill:TE-${i}`,
		externalId: `TE-${i}`,
		entity: `TE-${i}`,
		version: '2026-11-20T10:00:00.000Z',
		hours: 8,
		projectCode: 'P-100',
		...overrides[i],
	}));
}

function counts(run: Awaited<ReturnType<typeof runAs>>) {
	return {
		posted: run.output('Record', 0).length,
		skippedDuplicate: run.output('Claim', 1).length + run.output('Claim', 2).length,
		stale: run.output('Guard', 1).length,
		exception: run.output('Park', 0).length,
	};
}

// The claims as the ledger reads them: each claim row with the result recorded under its token.
const ledgerRows = () => withResults(n8nApi.rowsOf('p2c_ledger')).filter((row) => row.kind === 'claim');

describe('Sync Ledger posting workflows', () => {
	it('every item ends in exactly one of posted, skipped duplicate, stale, exception (counts asserted)', async () => {
		// Earlier run applied TE-3 at a newer version and posted TE-1.
		await runAs('exec-seed', postingWorkflow(), startWith(timeEntries(4, { 3: { version: '2026-11-21T00:00:00.000Z' } }).filter((_, i) => i === 1 || i === 3)), credentials);
		const items = timeEntries(6, { 2: { projectCode: '' }, 5: { idempotencyKey: 'erp:timebill:TE-0', externalId: 'TE-0', entity: 'TE-0b' } });
		const run = await runAs('exec-1', postingWorkflow(), startWith(items), credentials);
		expect(run.error).toBeUndefined();
		// TE-0 posted; TE-1 already done; TE-2 refused by the ERP → exception; TE-3 older than applied → stale;
		// TE-4 posted; item 5 repeats TE-0's key in the same batch → skipped.
		expect(counts(run)).toEqual({ posted: 2, skippedDuplicate: 2, stale: 1, exception: 1 });
		expect(run.output('Claim', 1)[0]).toMatchObject({ ledger: { outcome: 'alreadyDone', targetSystem: 'erp', targetId: 'R-1' } });
		expect(run.output('Claim', 2)[0].reason).toContain('duplicate of item 0 in this batch');
		expect(run.output('Guard', 1)[0].reason).toContain('older than 2026-11-21T00:00:00.000Z');
		const [exception] = n8nApi.rowsOf('p2c_exceptions');
		expect(exception).toMatchObject({ key: 'erp:timebill:TE-2', status: 'open', owner: 'Finance' });
		expect(exception.reason).toContain('INVALID_FLD_VALUE');
		expect(exception.payload).not.toContain(String((run.output('Claim', 0)[0].ledger as IDataObject).claimToken));
		expect(erp.records().map((r) => r.externalId).sort()).toEqual(['TE-0', 'TE-1', 'TE-3', 'TE-4']);
		// Audit: every ledger write names the execution, no API key anywhere in the tables.
		const audit = n8nApi.rowsOf('p2c_audit');
		expect(audit.filter((a) => a.executionId === 'exec-1').map((a) => a.action).sort()).toEqual(
			['exception.add', 'ledger.claim', 'ledger.claim', 'ledger.claim', 'ledger.failed', 'ledger.posted', 'ledger.posted', 'order.applied', 'order.applied', 'order.applied', 'order.applied', 'order.stale'].sort(),
		);
		expect(JSON.stringify(n8nApi.tables())).not.toContain(n8nApi.apiKey);
	});

	it('a batch killed midway and re-run posts every item exactly once', async () => {
		const items = timeEntries(6);
		// Claims that outlive the too-early re-run even on a loaded machine (1 s ran out before it at load 20).
		const killed = await runAs('exec-killed', postingWorkflow({ crashAfter: 3, claimExpirySeconds: 5, continueOnFail: false }), startWith(items), credentials);
		expect(killed.error).toContain('worker killed');
		expect(erp.records()).toHaveLength(3);
		// Straight after the crash the claims are live: a re-run keeps off them.
		const tooEarly = await runAs('exec-early', postingWorkflow({ claimExpirySeconds: 1 }), startWith(items), credentials);
		expect(counts(tooEarly)).toEqual({ posted: 0, skippedDuplicate: 6, stale: 0, exception: 0 });
		const expiry = Math.max(...ledgerRows().map((r) => Date.parse(String(r.expiresAt))));
		expect(expiry).toBeGreaterThan(Date.now());
		await new Promise((resolve) => setTimeout(resolve, expiry - Date.now() + 100));
		const rerun = await runAs('exec-rerun', postingWorkflow({ claimExpirySeconds: 1 }), startWith(items), credentials);
		expect(counts(rerun)).toEqual({ posted: 6, skippedDuplicate: 0, stale: 0, exception: 0 });
		// The three records the killed run wrote were upserted again, not duplicated.
		expect(erp.records().map((r) => r.externalId).sort()).toEqual(items.map((i) => i.externalId).sort());
		expect(erp.records().filter((r) => r.writes === 2)).toHaveLength(3);
		const third = await runAs('exec-third', postingWorkflow(), startWith(items), credentials);
		expect(counts(third)).toEqual({ posted: 0, skippedDuplicate: 6, stale: 0, exception: 0 });
		expect(ledgerRows().map((r) => r.status)).toEqual(Array(6).fill('posted'));
		expect(ledgerRows().every((r) => r.attempts === 2)).toBe(true);
	});

	it('a response lost after the ERP committed is retried without a duplicate', async () => {
		erp.addFault({ kind: 'lostResponse', method: 'PUT', path: '^/records/TE-1$' });
		const run = await runAs('exec-lost', postingWorkflow(), startWith(timeEntries(3)), credentials);
		expect(counts(run)).toEqual({ posted: 3, skippedDuplicate: 0, stale: 0, exception: 0 });
		const puts = erp.requests.filter((r) => r.path === '/records/TE-1');
		expect(puts.map((r) => r.fault ?? r.status)).toEqual(['lostResponse', 200]);
		expect(erp.records()).toHaveLength(3);
		expect(ledgerRows().find((r) => r.key === 'erp:timebill:TE-1')).toMatchObject({ status: 'posted', targetId: 'R-2' });
	});

	it('two concurrent executions over the same batch post nothing twice', async () => {
		// Slow ledger reads make the two executions' claims interleave key by key.
		n8nApi.addFault({ kind: 'latency', method: 'GET', path: '/rows$', delayMs: 3, times: 1000 });
		erp.addFault({ kind: 'latency', method: 'PUT', delayMs: 20, times: 100 });
		const items = timeEntries(8);
		const [a, b] = await Promise.all([
			runAs('exec-a', postingWorkflow(), startWith(items), credentials),
			runAs('exec-b', postingWorkflow(), startWith(items), credentials),
		]);
		const [ca, cb] = [counts(a), counts(b)];
		expect(ca.posted + cb.posted).toBe(8);
		expect(ca.skippedDuplicate + cb.skippedDuplicate).toBe(8);
		expect(erp.requests.filter((r) => r.method === 'PUT')).toHaveLength(8);
		expect(erp.records().every((r) => r.writes === 1)).toBe(true);
	});

	it('replaying an edited exception posts it once', async () => {
		await runAs('exec-1', postingWorkflow(), startWith(timeEntries(2, { 1: { projectCode: '' } })), credentials);
		const [exception] = n8nApi.rowsOf('p2c_exceptions');
		// A finance user fixes the payload in the Data Table.
		const payload = JSON.parse(String(exception.payload));
		exception.payload = JSON.stringify({ ...payload, projectCode: 'P-200' });
		const replay = {
			nodes: [
				node('Start', 'startItems', {}),
				node('Open', 'syncLedger', { resource: 'exception', operation: 'list', status: 'open', domain: 'finance', limit: 50, tablePrefix: 'p2c_' }),
				node('Replay', 'syncLedger', { resource: 'exception', operation: 'replay', exceptionId: '={{ $json.id }}', tablePrefix: 'p2c_' }),
				...postingWorkflow().nodes.filter((n) => ['Claim', 'Post', 'Record'].includes(n.name)),
				node('Resolve', 'syncLedger', { resource: 'exception', operation: 'resolve', exceptionId: "={{ $('Replay').item.json.replay.exceptionId }}", resolution: 'replayed with corrected project code', tablePrefix: 'p2c_' }),
			],
			connections: connect([
				['Start', 0, 'Open'],
				['Open', 0, 'Replay'],
				['Replay', 0, 'Claim'],
				['Claim', 0, 'Post'],
				['Post', 0, 'Record'],
				['Record', 0, 'Resolve'],
			]),
		};
		const first = await runAs('exec-replay', replay, startWith([{}]), credentials);
		expect(first.error).toBeUndefined();
		expect(first.output('Record', 0)).toHaveLength(1);
		expect(first.output('Resolve', 0)[0]).toMatchObject({ exception: { status: 'resolved' } });
		expect(erp.records().find((r) => r.externalId === 'TE-1')).toMatchObject({ writes: 1, body: { projectCode: 'P-200' } });
		// Nothing is open any more: a second replay run posts nothing.
		const second = await runAs('exec-replay-2', replay, startWith([{}]), credentials);
		expect(second.output('Replay', 0)).toHaveLength(0);
		expect(erp.records()).toHaveLength(2);
		expect(n8nApi.rowsOf('p2c_exceptions')[0]).toMatchObject({ status: 'resolved', replayCount: 1 });
	});

	it('Health reports success rate per target, stale records and open exceptions by owner', async () => {
		await runAs('exec-1', postingWorkflow(), startWith(timeEntries(4, { 1: { projectCode: '' } })), credentials);
		await runAs('exec-2', postingWorkflow(), startWith([{ ...timeEntries(1)[0], version: '2026-01-01T00:00:00.000Z' }]), credentials);
		const health = {
			nodes: [node('Start', 'startItems', {}), node('Health', 'syncLedger', { resource: 'health', operation: 'get', tablePrefix: 'p2c_' })],
			connections: connect([['Start', 0, 'Health']]),
		};
		const approvedAt = new Date(Date.now() - 50 * 3_600_000).toISOString();
		const run = await runAs('exec-health', health, startWith([{ approvedAt, invoicedAt: new Date(Date.now() - 2 * 3_600_000).toISOString() }, { approvedAt }]), credentials);
		const kpis = Object.fromEntries(run.output('Health').map((k) => [k.kpi, k]));
		expect(kpis.postingSuccessRate.byTarget).toEqual({ erp: { posted: 3, failed: 1, rate: 0.75 } });
		expect(kpis.staleRecords).toMatchObject({ total: 1, byTarget: { erp: 1 } });
		expect(kpis.openExceptionsByOwnerAndAge).toMatchObject({ total: 1, byOwner: { Finance: { open: 1 } } });
		expect(kpis.approvedToInvoicedLatency).toMatchObject({ count: 1, notInvoiced: 1, p50Hours: 48 });
		expect(kpis.approvedButUnpostedByAge).toMatchObject({ total: 2, buckets: { '1-3d': 2 } });
	});

	it('property: every input item ends in exactly one outcome for random batches', async () => {
		const entry = fc.record({ n: fc.integer({ min: 0, max: 5 }), version: fc.integer({ min: 1, max: 3 }), bad: fc.boolean() });
		let execution = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.array(entry, { maxLength: 6 }), async (earlier, batch) => {
				n8nApi.reset();
				erp.reset();
				const toItems = (entries: typeof batch) =>
					entries.map((e) => ({ idempotencyKey: `k-${e.n}-v${e.version}`, externalId: `E-${e.n}`, entity: `E-${e.n}`, version: String(e.version), hours: 1, projectCode: e.bad ? '' : 'P' }));
				await runAs(`exec-p${execution++}`, postingWorkflow(), startWith(toItems(earlier)), credentials);
				const run = await runAs(`exec-p${execution++}`, postingWorkflow(), startWith(toItems(batch)), credentials);
				expect(run.error).toBeUndefined();
				const c = counts(run);
				expect(c.posted + c.skippedDuplicate + c.stale + c.exception).toBe(batch.length);
			}),
			{ numRuns: 12 },
		);
	});
});
