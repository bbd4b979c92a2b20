/**
 * Issue 14, queue mode: the ledger's requests to the main instance's public API per node run. Table ids are
 * resolved once per process (not three look-ups per node run), a table deleted or created again is found again
 * after one 404, and another API key does not share the ids. Counted on the n8n Data Tables API simulator,
 * through the real node in n8n-core.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { withResults } from '../../lib/governance';
import { DataTableStore, TableIdCache, tableIds } from '../../nodes/SyncLedger/store/dataTables';
import { LEDGER_COLUMNS } from '../../nodes/SyncLedger/store/ledgerStore';
import { connect, ledgerSuite, node, runAs, startWith } from './fixtures';

const { n8nApi, erp, credentials } = ledgerSuite();

const ledger = { resource: 'ledger', tablePrefix: 'p2c_' };
const CLAIM = "$('Claim').item.json.ledger";
const orderGuard = node('Order Guard', 'syncLedger', { ...ledger, operation: 'orderGuard', entityKey: "={{ 'time:' + $json.externalId }}", sourceVersion: '={{ $json.approvedAt }}', targetSystem: 'erp' });
const claim = node('Claim', 'syncLedger', { ...ledger, operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.idempotencyKey }}' });
const record = (key: string, token: string) =>
	node('Record', 'syncLedger', { ...ledger, operation: 'recordResult', store: 'dataTable', idempotencyKey: key, claimToken: token, targetSystem: 'erp', targetId: '={{ $json.id }}' });

/** One delivery of the webhook template's shape: Order Guard → Check & Claim → post → Record Result. */
function delivery() {
	const nodes = [node('Start', 'startItems', {}), orderGuard, claim, node('Post', 'erpPoster', {}), record(`={{ ${CLAIM}.key }}`, `={{ ${CLAIM}.claimToken }}`)];
	return { nodes, connections: connect([['Start', 0, 'Order Guard'], ['Order Guard', 0, 'Claim'], ['Claim', 0, 'Post'], ['Post', 0, 'Record']]) };
}

const entry = (n: number) => ({ idempotencyKey: `erp:timebill:TE-${n}@v1`, externalId: `TE-${n}`, approvedAt: '2026-02-05T17:00:00Z', hours: 8, projectCode: 'P-100' });

/** The simulator's requests during `action`, and how many were table look-ups (GET /data-tables). */
async function counted<T>(action: () => Promise<T>): Promise<{ result: T; total: number; lookups: number; notFound: number }> {
	const from = n8nApi.requests.length;
	const result = await action();
	const made = n8nApi.requests.slice(from);
	return {
		result,
		total: made.length,
		lookups: made.filter((r) => r.method === 'GET' && r.path === '/api/v1/data-tables').length,
		notFound: made.filter((r) => r.status === 404).length,
	};
}

let executions = 0;
async function run(workflow: ReturnType<typeof delivery>, items: IDataObject[]) {
	const result = await runAs(`exec-lookups-${++executions}`, workflow, startWith(items), credentials);
	expect(result.error).toBeUndefined();
	return result;
}

const tableNamed = (name: string) => n8nApi.tables().find((table) => table.name === name);

describe('ledger table look-ups', () => {
	it('each ledger node run looks no table up once the process knows them: Order Guard 4 requests, Check & Claim 6, Record Result 3', async () => {
		// The first node run of the process looks up the two tables it uses (ledger, audit; the exceptions table is not needed).
		const first = await counted(() => run(delivery(), [entry(0)]));
		expect(first.lookups).toBe(2);

		// Each ledger node on its own, a new entry each: no look-up (the old code: three per node run).
		const guardOnly = { nodes: [node('Start', 'startItems', {}), orderGuard], connections: connect([['Start', 0, 'Order Guard']]) };
		const guard = await counted(() => run(guardOnly, [entry(1)]));
		expect(guard.result.output('Order Guard', 0)).toHaveLength(1);
		// read the entity, insert its first version, read it back (the lowest id wins), one audit insert
		expect(guard).toMatchObject({ lookups: 0, total: 4 });

		const claimOnly = { nodes: [node('Start', 'startItems', {}), claim], connections: connect([['Start', 0, 'Claim']]) };
		const claimed = await counted(() => run(claimOnly, [entry(1)]));
		const won = claimed.result.output('Claim', 0);
		expect(won).toHaveLength(1);
		// read the key, insert settling, capture, read, confirm, one audit insert
		expect(claimed).toMatchObject({ lookups: 0, total: 6 });

		const { key, claimToken } = won[0].ledger as IDataObject;
		const recordOnly = { nodes: [node('Start', 'startItems', {}), record(String(key), String(claimToken))], connections: connect([['Start', 0, 'Record']]) };
		const recorded = await counted(() => run(recordOnly, [{ id: 'R-77' }]));
		expect(recorded.result.output('Record', 0)).toHaveLength(1);
		// one insert of the result, one read of the claims by token, one audit insert
		expect(recorded).toMatchObject({ lookups: 0, total: 3 });
		expect(withResults(n8nApi.rowsOf('p2c_ledger')).find((row) => row.key === key)).toMatchObject({ status: 'posted', targetId: 'R-77' });
	});

	it('a delivery costs the main instance 13 requests, a duplicate 2, and none of them a look-up', async () => {
		await run(delivery(), [entry(0)]);
		for (const n of [1, 2, 3]) expect(await counted(() => run(delivery(), [entry(n)]))).toMatchObject({ lookups: 0, total: 13 });
		const duplicate = await counted(() => run(delivery(), [entry(2)]));
		// Order Guard reads the version it already has; Check & Claim reads the key and stops (already done).
		expect(duplicate).toMatchObject({ lookups: 0, total: 2 });
		expect(duplicate.result.output('Claim', 1)).toHaveLength(1);
		expect(erp.records().map((r) => r.externalId).sort()).toEqual(['TE-0', 'TE-1', 'TE-2', 'TE-3']);
	});

	it('executions that start together in a fresh process share one look-up per table (no race to create it)', async () => {
		tableIds.clear();
		const from = n8nApi.requests.length;
		await Promise.all([0, 1, 2, 3].map((n) => run(delivery(), [entry(n)])));
		const made = n8nApi.requests.slice(from);
		expect(made.filter((r) => r.method === 'GET' && r.path === '/api/v1/data-tables')).toHaveLength(2);
		expect(made.filter((r) => r.method === 'POST' && r.path === '/api/v1/data-tables').map((r) => r.status)).toEqual([201, 201]);
		expect(erp.records()).toHaveLength(4);
	});

	it('a ledger table deleted since it was resolved is found again after one 404 (created afresh, as on first use), and the delivery is posted once', async () => {
		await run(delivery(), [entry(0)]);
		const old = tableNamed('p2c_ledger')!;
		const deleted = await fetch(`${n8nApi.baseUrl}/api/v1/data-tables/${old.id}`, { method: 'DELETE', headers: { 'X-N8N-API-KEY': n8nApi.apiKey } });
		expect(deleted.status).toBe(204);

		const after = await counted(() => run(delivery(), [entry(1)]));
		const fresh = tableNamed('p2c_ledger')!;
		expect(fresh.id).not.toBe(old.id);
		// One 404 (the first request on the old id), one look-up, then the run goes on with the new table.
		expect(after).toMatchObject({ notFound: 1, lookups: 1 });
		expect(after.result.output('Record', 0)).toHaveLength(1);
		expect(withResults(n8nApi.rowsOf('p2c_ledger')).filter((row) => row.kind === 'claim').map((row) => [row.key, row.status])).toEqual([['erp:timebill:TE-1@v1', 'posted']]);

		// The next delivery uses the new id straight away.
		expect(await counted(() => run(delivery(), [entry(2)]))).toMatchObject({ notFound: 0, lookups: 0, total: 13 });
	});

	it('an audit table deleted and created again by hand under the same name is used from the next request', async () => {
		await run(delivery(), [entry(0)]);
		const old = tableNamed('p2c_audit')!;
		const headers = { 'X-N8N-API-KEY': n8nApi.apiKey, 'Content-Type': 'application/json' };
		await fetch(`${n8nApi.baseUrl}/api/v1/data-tables/${old.id}`, { method: 'DELETE', headers });
		const created = await fetch(`${n8nApi.baseUrl}/api/v1/data-tables`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ name: 'p2c_audit', columns: ['at', 'correlationId', 'workflowId', 'executionId', 'action', 'target', 'key', 'before', 'after'].map((name) => ({ name, type: name === 'at' ? 'date' : 'string' })) }),
		});
		expect(created.status).toBe(201);
		const after = await counted(() => run(delivery(), [entry(1)]));
		expect(after).toMatchObject({ notFound: 1, lookups: 1 });
		// Every audit entry of that delivery is in the recreated table.
		expect(n8nApi.rowsOf('p2c_audit').map((row) => row.action)).toEqual(['order.applied', 'ledger.claim', 'ledger.posted']);
	});

	it('another API key (another user, perhaps another project) looks its tables up itself', async () => {
		await run(delivery(), [entry(0)]);
		const cache = new TableIdCache();
		/** A node context whose credential names `apiKey` (the cache's scope) and sends the simulator's real key. */
		const contextWith = (apiKey: string) =>
			({
				getNode: () => ({ id: 'n', name: 'Ledger', type: 'syncLedger', typeVersion: 1, position: [0, 0], parameters: {} }),
				getCredentials: async () => ({ baseUrl: `${n8nApi.baseUrl}/api/v1`, apiKey }),
				helpers: {
					httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
						const response = await fetch(options.url, { method: options.method, headers: { 'X-N8N-API-KEY': n8nApi.apiKey } });
						return { body: await response.json(), headers: {}, statusCode: response.status };
					},
				},
			}) as unknown as IExecuteFunctions;
		const lookups = async (apiKey: string) =>
			(await counted(() => new DataTableStore(contextWith(apiKey), `${n8nApi.baseUrl}/api/v1`, undefined, cache).ensureTable('p2c_ledger', LEDGER_COLUMNS))).lookups;
		expect(await lookups('key-of-user-a')).toBe(1);
		expect(await lookups('key-of-user-a')).toBe(0);
		expect(await lookups('key-of-user-b')).toBe(1);
		expect(await lookups('key-of-user-b')).toBe(0);
	});
});
