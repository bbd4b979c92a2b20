/**
 * jsforce 3, a widely used third-party Salesforce client, drives the Salesforce sandbox over HTTP. Whatever
 * jsforce sends is what real integrations send, so a sandbox change that a real client would trip over (a
 * request shape it does not accept, an envelope it cannot read) fails here. jsforce logs in with the
 * sandbox's own flows (client credentials and JWT bearer through its OAuth2 class).
 */
import { Connection } from 'jsforce';
import jwt from 'jsonwebtoken';

import {
	createSalesforceSandbox,
	SALESFORCE_SANDBOX_CLIENT_ID,
	SALESFORCE_SANDBOX_CLIENT_SECRET,
	SALESFORCE_SANDBOX_CONSUMER_KEY,
	SALESFORCE_SANDBOX_PRIVATE_KEY,
	SALESFORCE_SANDBOX_USERNAME,
} from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';

type Rec = Record<string, any>;

// jsforce's HTTP layer (undici 8) needs Node 22.19+; on older Node it runs on Node's built-in fetch instead.
jest.mock('undici', () => {
	const { nodeRunsUndici8, undiciStandIn } = jest.requireActual<typeof import('./undiciOnNode20')>('./undiciOnNode20');
	return nodeRunsUndici8() ? jest.requireActual('undici') : undiciStandIn;
});

const VERSION = '62.0';
const MINUTE = 60_000;

let sandbox: SalesforceSandbox;
let baseUrl = '';
/** The org's clock: getUpdated / getDeleted cover whole minutes up to now, so the tests move it on. */
let clock = Date.now();

beforeAll(async () => {
	sandbox = createSalesforceSandbox({ now: () => clock });
	baseUrl = await sandbox.start(0);
});
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	clock = Date.now();
	sandbox.reset();
});

/** A connection logged in through jsforce's OAuth2 client-credentials grant. */
async function connect(): Promise<Connection> {
	const conn = new Connection({
		oauth2: { clientId: SALESFORCE_SANDBOX_CLIENT_ID, clientSecret: SALESFORCE_SANDBOX_CLIENT_SECRET, loginUrl: baseUrl },
		version: VERSION,
	});
	await conn.authorize({ grant_type: 'client_credentials' });
	return conn;
}

const state = () => sandbox.org.snapshot() as Record<string, Rec[]>;
const apiPaths = () => sandbox.requests.map((r) => `${r.method} ${r.path}`);

describe('jsforce logs in', () => {
	it('with the client-credentials grant: instance URL, token and the user from the identity URL', async () => {
		const conn = await connect();
		expect(conn.instanceUrl).toBe(baseUrl);
		expect(conn.accessToken).toBeTruthy();
		const user = state().User.find((u) => u.Username === SALESFORCE_SANDBOX_USERNAME)!;
		expect(conn.userInfo?.id).toBe(user.Id);
		expect(conn.userInfo?.organizationId).toBe(sandbox.org.orgId);
	});

	it('with the JWT bearer grant (assertion signed with jsonwebtoken)', async () => {
		const conn = new Connection({ oauth2: { clientId: SALESFORCE_SANDBOX_CONSUMER_KEY, loginUrl: baseUrl }, version: VERSION });
		const assertion = jwt.sign(
			{ iss: SALESFORCE_SANDBOX_CONSUMER_KEY, sub: SALESFORCE_SANDBOX_USERNAME, aud: baseUrl, exp: Math.floor(clock / 1000) + 120 },
			SALESFORCE_SANDBOX_PRIVATE_KEY,
			{ algorithm: 'RS256' },
		);
		await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
		const result = await conn.query<Rec>('SELECT Id, Name FROM Account');
		expect(result.totalSize).toBe(state().Account.length);
	});

	it('identity(): the identity URL from the versions resource answers with the user and org', async () => {
		const conn = await connect();
		const identity = await conn.identity();
		const user = state().User.find((u) => u.Username === SALESFORCE_SANDBOX_USERNAME)!;
		expect(identity).toMatchObject({
			user_id: user.Id,
			organization_id: sandbox.org.orgId,
			username: SALESFORCE_SANDBOX_USERNAME,
			email: user.Email,
			active: true,
			id: `${baseUrl}/id/${sandbox.org.orgId}/${user.Id}`,
		});
		expect(identity.urls.rest).toBe(`${baseUrl}/services/data/v{version}/`);
		expect(apiPaths()).toContain(`GET /id/${sandbox.org.orgId}/${user.Id}`);
	});
});

describe('jsforce reads', () => {
	it('query with autoFetch walks nextRecordsUrl (queryMore) to the last record', async () => {
		const conn = await connect();
		const names = Array.from({ length: 450 }, (_, i) => `Paging Co ${String(i).padStart(3, '0')}`);
		for (let i = 0; i < names.length; i += 200) {
			const results = await conn.sobject('Account').create(names.slice(i, i + 200).map((Name) => ({ Name })));
			expect(results.every((r) => r.success)).toBe(true);
		}
		const seeded = state().Account.length;
		const result = await conn
			.query<Rec>("SELECT Id, Name FROM Account WHERE Name LIKE 'Paging Co%' ORDER BY Name")
			.execute({ autoFetch: true, maxFetch: 10_000, headers: { 'Sforce-Query-Options': 'batchSize=200' } });
		expect(result.records.map((r: Rec) => r.Name)).toEqual(names);
		expect(seeded).toBeGreaterThanOrEqual(450);
		expect(apiPaths().filter((p) => /^GET \/services\/data\/v62\.0\/query\/01g/.test(p))).toHaveLength(2);
	});

	it('queryAll sees deleted records that query does not', async () => {
		const conn = await connect();
		const created = await conn.sobject('Account').create({ Name: 'Soon Deleted Ltd' });
		expect(created.success).toBe(true);
		await conn.sobject('Account').destroy(created.id!);
		const live = await conn.query<Rec>("SELECT Id FROM Account WHERE Name = 'Soon Deleted Ltd'");
		expect(live.totalSize).toBe(0);
		const all = await conn.query<Rec>("SELECT Id, IsDeleted FROM Account WHERE Name = 'Soon Deleted Ltd'", { scanAll: true });
		expect(all.records).toEqual([expect.objectContaining({ Id: created.id, IsDeleted: true })]);
		expect(apiPaths()).toContain('GET /services/data/v62.0/queryAll');
	});

	it('describe, describeGlobal and retrieve by ids (sObject Collections retrieve, null for a missing id)', async () => {
		const conn = await connect();
		const describe = await conn.sobject('Account').describe();
		expect(describe.name).toBe('Account');
		expect(describe.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Id', 'Name', 'External_Id__c']));
		const global = await conn.describeGlobal();
		expect(global.sobjects.map((s) => s.name)).toEqual(expect.arrayContaining(['Account', 'Opportunity', 'Contract']));

		const [first, second] = state().Account;
		const missing = `${String(first.Id).slice(0, 3)}000000000ZZZ`;
		const records = (await conn.sobject('Account').retrieve([first.Id, missing, second.Id], { fields: ['Name', 'external_id__c'] })) as Array<Rec | null>;
		expect(records).toEqual([
			{ attributes: expect.objectContaining({ type: 'Account' }), Name: first.Name, External_Id__c: first.External_Id__c },
			null,
			{ attributes: expect.objectContaining({ type: 'Account' }), Name: second.Name, External_Id__c: second.External_Id__c },
		]);
		expect(apiPaths()).toContain('POST /services/data/v62.0/composite/sobjects/Account');
	});

	it('limits() carries the common keys with Max and Remaining; DailyApiRequests is metered', async () => {
		const conn = await connect();
		const limits = (await conn.limits()) as Rec;
		for (const key of ['DailyApiRequests', 'DailyAsyncApexExecutions', 'DailyBulkApiBatches', 'DataStorageMB', 'FileStorageMB', 'SingleEmail', 'MassEmail', 'HourlyTimeBasedWorkflow']) {
			expect([key, typeof limits[key]?.Max, typeof limits[key]?.Remaining]).toEqual([key, 'number', 'number']);
		}
		expect(limits.DailyApiRequests.Max - limits.DailyApiRequests.Remaining).toBe(sandbox.org.apiUsage);
	});

	it('a SOQL feature the sandbox lacks fails with MALFORMED_QUERY that says so plainly', async () => {
		const conn = await connect();
		for (const soql of [
			'SELECT AccountId, SUM(Amount) FROM Opportunity GROUP BY AccountId',
			'SELECT Id FROM Account WITH SECURITY_ENFORCED',
			'SELECT Id FROM Opportunity WHERE CloseDate = THIS_QUARTER',
			'SELECT Id, toLabel(StageName) FROM Opportunity',
			'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity)',
		]) {
			const error = (await conn.query(soql).then(
				() => undefined,
				(e: Rec) => e,
			)) as Rec;
			expect([soql, error?.errorCode]).toEqual([soql, 'MALFORMED_QUERY']);
			expect(error.message).toMatch(/^The Salesforce sandbox does not support .+ in SOQL\./);
			expect(error.message).not.toMatch(/ERROR at Row/);
		}
	});
});

describe('jsforce writes', () => {
	it('update([...]) (sObject Collections, jsforce sends lowercase `id`) updates every record', async () => {
		const conn = await connect();
		const accounts = state().Account.slice(0, 3);
		const results = await conn.sobject('Account').update(accounts.map((a, i) => ({ Id: a.Id, Description: `Reviewed ${i}` })));
		expect(results).toEqual(accounts.map((a) => ({ id: a.Id, success: true, errors: [] })));
		const after = state().Account;
		accounts.forEach((a, i) => expect(after.find((r) => r.Id === a.Id)!.Description).toBe(`Reviewed ${i}`));
		// jsforce's body really does carry `id`, not `Id`: the sandbox must match it case-insensitively.
		const sent = sandbox.requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/composite/sobjects'))!;
		expect(Object.keys((sent.body as Rec).records[0])).toContain('id');
	});

	it('field and object names in any case are Salesforce’s names; answers use the canonical casing', async () => {
		const conn = await connect();
		const created = await conn.sobject('account').create({ name: 'Lower Case Inc', billingcity: 'Leeds', EXTERNAL_ID__C: 'LC-1' });
		expect(created.success).toBe(true);
		await conn.sobject('ACCOUNT').update({ Id: created.id!, industry: 'Consulting' });
		const found = await conn.query<Rec>("select id, name, billingcity, industry from account where external_id__c = 'LC-1'");
		expect(found.records).toEqual([
			{ attributes: expect.objectContaining({ type: 'Account' }), Id: created.id, Name: 'Lower Case Inc', BillingCity: 'Leeds', Industry: 'Consulting' },
		]);
		const many = await conn.sobject('Account').create([{ name: 'Batch Lower A' }, { NAME: 'Batch Lower B' }]);
		expect(many.map((r) => r.success)).toEqual([true, true]);
	});

	it('CRUD on single records: create, retrieve, update, destroy (then ENTITY_IS_DELETED)', async () => {
		const conn = await connect();
		const account = conn.sobject('Account');
		const created = await account.create({ Name: 'Crud Co', BillingCountry: 'Ireland' });
		const read = (await account.retrieve(created.id!)) as Rec;
		expect(read).toMatchObject({ Id: created.id, Name: 'Crud Co', BillingCountry: 'Ireland' });
		expect(await account.update({ Id: created.id!, Name: 'Crud Co Renamed' })).toEqual({ id: created.id, success: true, errors: [] });
		expect(((await account.retrieve(created.id!)) as Rec).Name).toBe('Crud Co Renamed');
		expect(await account.destroy(created.id!)).toEqual({ id: created.id, success: true, errors: [] });
		await expect(account.retrieve(created.id!)).rejects.toMatchObject({ errorCode: 'ENTITY_IS_DELETED' });
	});

	it('upsert by external id: single (PATCH …/External_Id__c/value) and many (sObject Collections upsert)', async () => {
		const conn = await connect();
		const account = conn.sobject('Account');
		const existing = state().Account[0];
		const single = (await account.upsert({ Name: 'Upserted Single', External_Id__c: 'UPS-1' }, 'External_Id__c')) as Rec;
		expect(single).toMatchObject({ success: true, created: true });
		const again = (await account.upsert({ Name: 'Upserted Single v2', External_Id__c: 'UPS-1' }, 'External_Id__c')) as Rec;
		expect(again).toMatchObject({ id: single.id, success: true, created: false });
		const many = (await account.upsert(
			[
				{ Name: 'Renamed Existing', External_Id__c: existing.External_Id__c },
				{ Name: 'Brand New', External_Id__c: 'UPS-2' },
			],
			'External_Id__c',
		)) as Rec[];
		expect(many).toEqual([
			{ id: existing.Id, success: true, errors: [], created: false },
			{ id: expect.any(String), success: true, errors: [], created: true },
		]);
		expect(state().Account.find((a) => a.Id === existing.Id)!.Name).toBe('Renamed Existing');
	});

	it('destroy([...]) uses sObject Collections delete; a missing id fails on its own', async () => {
		const conn = await connect();
		const created = await conn.sobject('Account').create([{ Name: 'Del A' }, { Name: 'Del B' }]);
		const ids = created.map((r) => r.id!);
		const results = await conn.sobject('Account').destroy([...ids, ids[0]]);
		expect(results).toEqual([
			{ id: ids[0], success: true, errors: [] },
			{ id: ids[1], success: true, errors: [] },
			{ success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] },
		]);
		expect(apiPaths()).toContain('DELETE /services/data/v62.0/composite/sobjects');
		expect(state().Account.filter((a) => ids.includes(a.Id))).toEqual([]);
	});

	it('getUpdated / getDeleted report writes in whole minutes up to now', async () => {
		const conn = await connect();
		const start = new Date(clock - 5 * MINUTE);
		const created = await conn.sobject('Account').create([{ Name: 'Replicated A' }, { Name: 'Replicated B' }]);
		await conn.sobject('Account').destroy(created[1].id!);
		// Writes in the current minute are not covered yet: latestDateCovered stops at the minute.
		const early = await conn.sobject('Account').updated(start, new Date(clock + MINUTE));
		expect(early.ids).not.toContain(created[0].id);
		clock += 2 * MINUTE;
		const end = new Date(clock);
		const updated = await conn.sobject('Account').updated(start, end);
		expect(updated.ids).toEqual([created[0].id]);
		expect(updated.latestDateCovered).toBe(new Date(Math.floor(clock / MINUTE) * MINUTE).toISOString().replace('Z', '+0000'));
		const deleted = await conn.sobject('Account').deleted(start, end);
		expect(deleted.deletedRecords).toEqual([{ id: created[1].id, deletedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/) }]);
		expect(typeof deleted.earliestDateAvailable).toBe('string');
		await expect(conn.sobject('Account').updated(new Date(clock - 31 * 24 * 60 * MINUTE), end)).rejects.toMatchObject({ errorCode: 'INVALID_REPLICATION_DATE' });
	});

	it('Composite, Composite Batch and sObject Tree through conn.requestPost', async () => {
		const conn = await connect();
		const base = `/services/data/v${VERSION}`;
		const composite = (await conn.requestPost(`${base}/composite`, {
			allOrNone: true,
			compositeRequest: [
				{ method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Composite Parent' } },
				{ method: 'GET', url: `${base}/sobjects/Account/@{acct.id}?fields=Name`, referenceId: 'read' },
			],
		})) as Rec;
		expect(composite.compositeResponse.map((r: Rec) => r.httpStatusCode)).toEqual([201, 200]);
		expect(composite.compositeResponse[1].body.Name).toBe('Composite Parent');

		const [first] = state().Account;
		const batch = (await conn.requestPost(`${base}/composite/batch`, {
			haltOnError: true,
			batchRequests: [
				{ method: 'PATCH', url: `v${VERSION}/sobjects/account/${first.Id}`, richInput: { name: 'Batch Renamed' } },
				{ method: 'GET', url: `v${VERSION}/sobjects/Account/${first.Id}?fields=Name` },
				{ method: 'GET', url: `v${VERSION}/sobjects/Account/001000000000ZZZ` },
				{ method: 'GET', url: `v${VERSION}/limits` },
			],
		})) as Rec;
		expect(batch.hasErrors).toBe(true);
		expect(batch.results.map((r: Rec) => r.statusCode)).toEqual([204, 200, 404, 412]);
		expect(batch.results[1].result.Name).toBe('Batch Renamed');
		expect(batch.results[3].result).toEqual([{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }]);

		const tree = (await conn.requestPost(`${base}/composite/tree/Account`, {
			records: [
				{
					attributes: { type: 'Account', referenceId: 'root1' },
					name: 'Tree Root',
					opportunities: {
						records: [{ attributes: { type: 'Opportunity', referenceId: 'opp1' }, Name: 'Tree Deal', StageName: 'Prospecting', CloseDate: '2026-12-31' }],
					},
				},
				{ attributes: { type: 'Account', referenceId: 'root2' }, Name: 'Tree Root Two' },
			],
		})) as Rec;
		expect(tree).toEqual({
			hasErrors: false,
			results: [
				{ referenceId: 'root1', id: expect.any(String) },
				{ referenceId: 'root2', id: expect.any(String) },
				{ referenceId: 'opp1', id: expect.any(String) },
			],
		});
		const opportunity = state().Opportunity.find((o) => o.Id === tree.results[2].id)!;
		expect(opportunity.AccountId).toBe(tree.results[0].id);

		const before = state().Account.length;
		const failed = await conn
			.requestPost(`${base}/composite/tree/Account`, {
				records: [
					{ attributes: { type: 'Account', referenceId: 'ok' }, Name: 'Would Be Rolled Back' },
					{ attributes: { type: 'Account', referenceId: 'bad' }, Industry: 'No Name' },
				],
			})
			.then(
				() => undefined,
				(e: Rec) => e,
			);
		expect(failed).toMatchObject({ name: expect.any(String) });
		expect(state().Account.length).toBe(before);
	});
});
