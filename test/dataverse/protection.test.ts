/**
 * Service protection end to end: the transport against the Dataverse sandbox. Each 429 code is resent after the
 * Retry-After the sandbox gave; the client never has more requests in flight than the credential's limit (the
 * sandbox measures it), and when the server's limit is lower the concurrency refusals are waited out.
 */
import { dataverseGet, dataverseGetAll, connectionOf } from '../../nodes/Dataverse/transport';
import { CREDENTIAL_TYPE, pollContext, useDataverseSandbox } from './helpers';

const suite = useDataverseSandbox();

function transport(maxConcurrentRequests: number) {
	const context = pollContext(suite, { parameters: {}, staticData: {}, credentials: { maxConcurrentRequests } });
	const connection = connectionOf(CREDENTIAL_TYPE, { ...suite.credentials()[CREDENTIAL_TYPE], maxConcurrentRequests, clientId: `app-${maxConcurrentRequests}-${Math.random()}` });
	return { context, connection };
}

afterEach(() => {
	suite.sandbox.setLatency(0);
	suite.sandbox.setProtection({ concurrencyLimit: 52, requestLimit: 6000, executionTimeLimitMs: 1_200_000, windowSeconds: 300 });
});

describe('Dataverse service protection through the transport', () => {
	it('never has more requests in flight than the credential allows, and uses all of them', async () => {
		suite.sandbox.setLatency(40);
		const { context, connection } = transport(5);
		const ids = Object.values(suite.sandbox.seeded.accounts);
		const reads = await Promise.all([...ids, ...ids, ...ids].map((id) => dataverseGet(context, connection, 'accounts', id, { select: ['name'] })));
		expect(reads).toHaveLength(ids.length * 3);
		expect(suite.sandbox.protection.maxInFlight()).toBe(5);
		expect(suite.sandbox.requests.filter((r) => r.status === 429)).toHaveLength(0);
	});

	it('0x80072326: a server limit under the client limit is answered 429 + Retry-After, waited out, every read succeeds', async () => {
		suite.sandbox.setLatency(40);
		suite.sandbox.setProtection({ concurrencyLimit: 3 });
		const { context, connection } = transport(8);
		const ids = Object.values(suite.sandbox.seeded.accounts).slice(0, 8);
		const started = Date.now();
		const reads = await Promise.all(ids.map((id) => dataverseGet(context, connection, 'accounts', id, { select: ['name'] })));
		expect(reads.map((r) => r.accountid)).toEqual(ids);
		const refusals = suite.sandbox.requests.filter((r) => r.status === 429);
		expect(refusals.length).toBeGreaterThan(0);
		expect(suite.sandbox.protection.rejections['0x80072326']).toBe(refusals.length);
		expect(suite.sandbox.protection.maxInFlight()).toBeLessThanOrEqual(3);
		// Retry-After: 1 was honoured before the refused reads were resent.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	it('0x80072322: the request-count window is waited out for the seconds Retry-After names', async () => {
		suite.sandbox.setProtection({ requestLimit: 3, windowSeconds: 2 });
		const { context, connection } = transport(1);
		const started = Date.now();
		const pages = await dataverseGetAll(context, connection, 'accounts', { select: ['name'], orderby: 'name asc' }, { pageSize: 3 });
		expect(pages).toHaveLength(suite.sandbox.service.records('accounts').length);
		expect(suite.sandbox.protection.rejections['0x80072322']).toBeGreaterThan(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	it('0x80072321: combined execution time over the limit is waited out too', async () => {
		suite.sandbox.setLatency(30);
		suite.sandbox.setProtection({ executionTimeLimitMs: 25, windowSeconds: 1 });
		const { context, connection } = transport(1);
		const id = suite.sandbox.seeded.accounts['ACC-1001'];
		const first = await dataverseGet(context, connection, 'accounts', id, { select: ['name'] });
		const started = Date.now();
		const second = await dataverseGet(context, connection, 'accounts', id, { select: ['name'] });
		expect(second).toEqual(first);
		expect(suite.sandbox.protection.rejections['0x80072321']).toBe(1);
		expect(suite.sandbox.requests.map((r) => r.status)).toEqual([200, 429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	it('the admin API lowers the limits (settings beside latencyMs)', async () => {
		const axios = (await import('axios')).default;
		const changed = await axios.post(`${suite.baseUrl}/__admin/settings`, { requestLimit: 10, windowSeconds: 5 });
		expect(changed.data).toMatchObject({ requestLimit: 10, windowSeconds: 5, concurrencyLimit: 52 });
		const refused = await axios.post(`${suite.baseUrl}/__admin/settings`, { requestLimit: 0 }, { validateStatus: () => true });
		expect(refused.status).toBe(400);
	});
});
