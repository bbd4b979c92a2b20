/**
 * Issue 14, posting: NetSuite's record writes (Create, Update, Create or Update) send one record per request, so
 * many items go as many requests at once as the account's concurrency limit allows and never more (not one after
 * another); outputs stay in item order and a refused item fails alone under Continue On Fail.
 */
import { shutdownN8nCore } from '../helpers/harness';
import { createNetSuiteSandbox, netSuiteSandboxCredentials } from '../../sandbox/netsuite';
import type { NetSuiteSandbox } from '../../sandbox/netsuite';
import { netSuiteNode, run, workflow } from './helpers';

const LIMIT = 3;
let sandbox: NetSuiteSandbox;
let url: string;

beforeAll(async () => {
	sandbox = createNetSuiteSandbox({ concurrencyLimit: LIMIT, latencyMs: 40 });
	url = await sandbox.start(0);
});
afterAll(async () => {
	await sandbox.stop();
	await shutdownN8nCore();
});

describe('NetSuite record writes in parallel within the account limit', () => {
	it('upserts 12 time bills with the limit in flight, none refused, outputs in item order', async () => {
		sandbox.reset();
		const employee = sandbox.store.all('employee')[0].id;
		const items = Array.from({ length: 12 }, (_, i) => ({ reference: `PAR-${i}`, body: { employee: { id: employee }, tranDate: '2026-01-13', hours: '1', memo: `PAR-${i}` } }));
		const result = await run(
			workflow(items, netSuiteNode({ resource: 'timeBill', operation: 'upsert', externalId: '={{ $json.reference }}', specifyBody: 'json', jsonBody: '={{ JSON.stringify($json.body) }}' })),
			{ p2cNetSuiteTbaApi: netSuiteSandboxCredentials(url, LIMIT) },
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.filter((r) => r.method === 'PUT')).toHaveLength(12);
		expect(sandbox.maxInFlight).toBe(LIMIT);
		expect(sandbox.concurrencyRejections).toBe(0);
		expect(result.output('NetSuite').map((r) => r.externalId)).toEqual(items.map((i) => i.reference));
		const stored = sandbox.store.all('timeBill').filter((r) => String(r.fields.externalId ?? '').startsWith('PAR-'));
		expect(stored.map((r) => r.fields.memo).sort()).toEqual(items.map((i) => i.body.memo).sort());
	});

	it('under Continue On Fail a refused record fails alone, in its place', async () => {
		sandbox.reset();
		const employee = sandbox.store.all('employee')[0].id;
		const items = Array.from({ length: 6 }, (_, i) => ({ memo: `CR-${i}`, employee: i === 3 ? '999999' : employee }));
		const result = await run(
			workflow(items, netSuiteNode({ resource: 'timeBill', operation: 'create', specifyBody: 'json', jsonBody: "={{ JSON.stringify({ employee: { id: $json.employee }, tranDate: '2026-01-13', hours: '1', memo: $json.memo }) }}" }, { continueOnFail: true })),
			{ p2cNetSuiteTbaApi: netSuiteSandboxCredentials(url, LIMIT) },
		);
		const out = result.output('NetSuite');
		expect(out).toHaveLength(6);
		expect(out.map((o) => Boolean(o.error))).toEqual([false, false, false, true, false, false]);
		expect(sandbox.maxInFlight).toBeGreaterThan(1);
		expect(sandbox.maxInFlight).toBeLessThanOrEqual(LIMIT);
	});
});
