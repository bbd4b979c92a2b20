/**
 * Issue 14, reads: NetSuite's canonical Get Many finds the ids with SuiteQL and reads the full records in parallel,
 * as many at once as the account's concurrency limit allows and never more: one SuiteQL request, one record
 * request per id, and the limit reached (not one request at a time).
 */
import { shutdownN8nCore } from '../helpers/harness';
import { createNetSuiteSandbox, netSuiteSandboxCredentials } from '../../sandbox/netsuite';
import type { NetSuiteSandbox } from '../../sandbox/netsuite';
import { netSuiteNode, run, workflow } from './helpers';

const LIMIT = 2;
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

describe('NetSuite canonical Get Many in parallel within the account limit', () => {
	it('reads each time bill once, up to the limit at a time, and maps them all', async () => {
		sandbox.reset();
		const ids = sandbox.store.all('timeBill').map((record) => String(record.id));
		expect(ids.length).toBeGreaterThan(LIMIT);
		const result = await run(
			workflow([{}], netSuiteNode({ resource: 'timeBill', operation: 'getMany', returnAll: true, output: 'canonical', canonicalEnvironment: 'sandbox', canonicalOptions: { defaultCurrency: 'USD' } })),
			{ p2cNetSuiteTbaApi: netSuiteSandboxCredentials(url, LIMIT) },
		);
		expect(result.error).toBeUndefined();
		const reads = sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/services/rest/record/v1/timeBill/'));
		expect(reads.map((r) => r.path.split('/').pop()).sort()).toEqual([...ids].sort());
		expect(sandbox.requests.filter((r) => r.path.endsWith('/suiteql'))).toHaveLength(1);
		expect(sandbox.maxInFlight).toBe(LIMIT);
		expect(sandbox.concurrencyRejections).toBe(0);
		expect(result.output('NetSuite').map((r) => (r.envelope as { source: { id: string } }).source.id).sort()).toEqual([...ids].sort());
	});
});
