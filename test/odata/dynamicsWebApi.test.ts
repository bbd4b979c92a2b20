/**
 * dynamics-web-api 2.5 (a widely used third-party Dataverse client) drives the OData sandbox core, mounted as a
 * Dataverse-like service (test/odata/testService.ts), over HTTP. What this client sends is what real Dataverse
 * integrations send (absolute URLs inside $batch parts, its own boundaries and Content-IDs), so a core change
 * it would trip over fails here.
 */
import { DynamicsWebApi } from 'dynamics-web-api';

import { createTestService } from './testService';

type Rec = Record<string, any>;

describe('dynamics-web-api against the OData sandbox core', () => {
	const { server, service } = createTestService();
	let client: DynamicsWebApi;
	beforeAll(async () => {
		const baseUrl = await server.start(0);
		client = new DynamicsWebApi({ serverUrl: baseUrl, dataApi: { version: '9.2' }, onTokenRefresh: async () => 'test-token' });
	});
	beforeEach(async () => {
		server.reset();
		await new Promise((resolve) => setImmediate(resolve));
	});
	afterAll(async () => await server.stop());

	it('creates, retrieves by id and alternate key, updates with the etag', async () => {
		const id = await client.create<Rec, string>({ collection: 'accounts', data: { name: "D'Arcy Ltd", accountnumber: 'DW-1' } });
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
		const byId = await client.retrieve<Rec>({ collection: 'accounts', key: id, select: ['name'] });
		expect(byId.name).toBe("D'Arcy Ltd");
		const byKey = await client.retrieve<Rec>({ collection: 'accounts', key: "accountnumber='DW-1'", select: ['accountid'] });
		expect(byKey.accountid).toBe(id);
		const updated = await client.update<Rec, Rec>({ collection: 'accounts', key: id, data: { name: 'Renamed' }, ifmatch: byId['@odata.etag'], returnRepresentation: true });
		expect(updated.name).toBe('Renamed');
		// The client reads 412 Precondition Failed on a conditional update as `false` (its documented legacy handling).
		await expect(client.update({ collection: 'accounts', key: id, data: { name: 'Stale' }, ifmatch: byId['@odata.etag'] })).resolves.toBe(false);
		expect(service.get('accounts', { accountid: id })?.name).toBe('Renamed');
		expect(server.requests.at(-1)?.status).toBe(412);
	});

	it('pages with maxPageSize and the nextLink, and retrieveAll walks every page', async () => {
		const first = await client.retrieveMultiple<Rec>({ collection: 'accounts', select: ['name'], orderBy: ['name'], maxPageSize: 3 });
		expect(first.value).toHaveLength(3);
		expect(first.oDataNextLink).toBeDefined();
		const second = await client.retrieveMultiple<Rec>({ collection: 'accounts', select: ['name'], maxPageSize: 3 }, first.oDataNextLink);
		expect(second.value.map((r) => r.name)).toEqual(['Account 4', 'Account 5', 'Account 6']);
		const all = await client.retrieveAll<Rec>({ collection: 'accounts', select: ['name'], filter: "startswith(name,'Account')", maxPageSize: 2 });
		expect(all.value.map((r) => r.name)).toEqual(['Account 1', 'Account 2', 'Account 3', 'Account 4', 'Account 5', 'Account 6', 'Account 7']);
		const counted = await client.retrieveMultiple<Rec>({ collection: 'accounts', count: true, filter: "name eq 'O''Brien & Sons'" });
		expect(counted.oDataCount).toBe(1);
	});

	it('$batch: a changeset with a Content-ID reference, then a query, in one round trip', async () => {
		client.startBatch();
		void client.create({ collection: 'accounts', data: { name: 'Batch Parent' }, contentId: '1' });
		void client.create({ collection: 'contacts', data: { lastname: 'Child', 'parentcustomerid_account@odata.bind': '$1' } });
		void client.retrieveMultiple({ collection: 'accounts', select: ['name'], filter: "name eq 'Batch Parent'" });
		const results = await client.executeBatch();
		expect(results).toHaveLength(3);
		const [accountId, contactId, query] = results as [string, string, Rec];
		expect(accountId).toMatch(/^[0-9a-f-]{36}$/);
		expect(service.get('contacts', { contactid: contactId })?._parentcustomerid_value).toBe(accountId);
		expect(query.value.map((r: Rec) => r.name)).toEqual(['Batch Parent']);
	});

	it('$batch with continue-on-error: the bad record answers its error, the others are written', async () => {
		client.startBatch();
		void client.create({ collection: 'accounts', data: { name: 'Good 1' }, inChangeSet: false });
		void client.create({ collection: 'accounts', data: { name: 'x'.repeat(161) }, inChangeSet: false });
		void client.create({ collection: 'accounts', data: { name: 'Good 2' }, inChangeSet: false });
		const results = await client.executeBatch({ continueOnError: true });
		expect(results).toHaveLength(3);
		expect(results[1]).toMatchObject({ status: 400 });
		expect(JSON.stringify(results[1])).toContain('exceeded the maximum allowed length');
		const names = service.records('accounts').map((r) => r.name);
		expect(names).toEqual(expect.arrayContaining(['Good 1', 'Good 2']));
	});
});
