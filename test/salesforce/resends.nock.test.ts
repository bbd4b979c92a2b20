/**
 * Issue 8, items 10, 11, 12 and 15 for Salesforce, in n8n-core with nock standing in for the org: ids that would
 * change the request path, anonymous 5xx after a POST, the per-request retry time budget, a batch answered with
 * the wrong number of results, and token errors that keep Salesforce's reason without echoing the assertion.
 */
// Backoff waits go through n8n's sleep; recording them instead keeps retry tests fast and countable.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
import { sleep } from 'n8n-workflow';
import nock from 'nock';

import { SALESFORCE_SANDBOX_PRIVATE_KEY } from '../../sandbox/salesforce';
import { shutdownN8nCore } from '../helpers/harness';
import { runSalesforceNode } from './helpers';

const LOGIN = 'https://login.resends.example.test';
const INSTANCE = 'https://resends.my.example.test';
const API = '/services/data/v61.0';
const credentials = () => ({
	environment: 'custom',
	loginUrl: LOGIN,
	clientId: '3MVG9.consumer',
	username: 'integration@brightline.example',
	privateKey: SALESFORCE_SANDBOX_PRIVATE_KEY,
	apiVersion: 'v61.0',
});

function tokenEndpoint() {
	return nock(LOGIN)
		.post('/services/oauth2/token')
		.reply(200, { access_token: '00Dxx!session', instance_url: INSTANCE, id: `${LOGIN}/id/00Dxx/005xx`, token_type: 'Bearer' });
}

/** Every request nock could not match: none may go anywhere unplanned. */
const unmatched: string[] = [];

beforeAll(() => {
	nock.disableNetConnect();
	nock.emitter.on('no match', (req: { method?: string; path?: string }) => unmatched.push(`${req.method} ${req.path}`));
});
beforeEach(() => {
	unmatched.length = 0;
	(sleep as jest.Mock).mockClear();
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
	nock.enableNetConnect();
	await shutdownN8nCore();
});

const upsert = (value: string) => ({
	resource: 'account',
	operation: 'upsert',
	externalIdField: { __rl: true, mode: 'name', value: 'External_Id__c' },
	externalIdValue: value,
	bodyMode: 'json',
	bodyJson: JSON.stringify({ Name: 'Dots Inc' }),
});

describe('Salesforce ids that would change the request path (item 10)', () => {
	it.each(['.', '..', '%2E%2E', 'A/B', 'A\\B', 'A?x=1', 'A#b', 'A\u0000B'])('upsert refuses the external id value %j before any request', async (value) => {
		const result = await runSalesforceNode({ credentials: credentials(), parameters: upsert(value), continueOnFail: true });
		const [out] = result.output('Salesforce');
		expect(out).toMatchObject({ code: 'INVALID_ID', fields: ['externalIdValue'] });
		expect(String(out.error)).toContain('(field: externalIdValue)');
		expect(unmatched).toEqual([]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('upserts an ordinary value as one encoded segment, and the other items of the run still post', async () => {
		tokenEndpoint();
		const api = nock(INSTANCE).patch(`${API}/sobjects/Account/External_Id__c/ACC%201%2B2`, { Name: 'Dots Inc' }).reply(201, { id: '001xx0000000001AAA', success: true, created: true });
		const result = await runSalesforceNode({
			credentials: credentials(),
			items: [{ v: '..' }, { v: 'ACC 1+2' }],
			parameters: upsert('={{ $json.v }}'),
			continueOnFail: true,
		});
		const [refused, posted] = result.output('Salesforce');
		expect(refused).toMatchObject({ code: 'INVALID_ID', fields: ['externalIdValue'] });
		expect(posted).toMatchObject({ success: true, created: true, externalId: 'ACC 1+2' });
		expect(unmatched).toEqual([]);
		api.done();
	});

	it('get refuses a record id of dots, naming recordId', async () => {
		const result = await runSalesforceNode({ credentials: credentials(), parameters: { resource: 'account', operation: 'get', recordId: '..', fields: 'Id' }, continueOnFail: true });
		expect(result.output('Salesforce')[0]).toMatchObject({ code: 'INVALID_ID', fields: ['recordId'] });
		expect(unmatched).toEqual([]);
	});
});

describe('an anonymous 5xx after a POST is a lost answer, not throttling (item 11)', () => {
	const create = { resource: 'account', operation: 'create', bodyMode: 'json', bodyJson: JSON.stringify({ Name: 'Once Only Ltd' }) };

	it.each([
		['no body', ''],
		["a proxy's HTML page", '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>'],
		["someone else's JSON", { message: 'Service Unavailable', status: 503 }],
	])('does not resend a create answered 503 with %s', async (_what, body) => {
		tokenEndpoint();
		const api = nock(INSTANCE).post(`${API}/sobjects/Account`).reply(503, body as never);
		const result = await runSalesforceNode({ credentials: credentials(), parameters: create, continueOnFail: true });
		expect(result.output('Salesforce')[0]).toMatchObject({ code: 'HTTP_503' });
		expect(sleep).not.toHaveBeenCalled();
		expect(unmatched).toEqual([]);
		api.done();
	});

	it("resends a create when Salesforce itself says SERVER_UNAVAILABLE (the request was not processed)", async () => {
		tokenEndpoint();
		const api = nock(INSTANCE)
			.post(`${API}/sobjects/Account`)
			.reply(503, [{ message: 'Server is unavailable', errorCode: 'SERVER_UNAVAILABLE' }])
			.post(`${API}/sobjects/Account`)
			.reply(201, { id: '001xx0000000002AAA', success: true, errors: [] });
		const result = await runSalesforceNode({ credentials: credentials(), parameters: create });
		expect(result.error).toBeUndefined();
		expect(result.output('Salesforce')[0]).toMatchObject({ id: '001xx0000000002AAA', success: true });
		api.done();
	});

	it('resends an update (idempotent PATCH) after a bare 503', async () => {
		tokenEndpoint();
		const api = nock(INSTANCE)
			.patch(`${API}/sobjects/Account/001xx0000000003AAA`)
			.reply(503, '')
			.patch(`${API}/sobjects/Account/001xx0000000003AAA`)
			.reply(204);
		const result = await runSalesforceNode({
			credentials: credentials(),
			parameters: { resource: 'account', operation: 'update', recordId: '001xx0000000003AAA', bodyMode: 'json', bodyJson: JSON.stringify({ Phone: '1' }) },
		});
		expect(result.error).toBeUndefined();
		api.done();
	});
});

describe('one request has an overall retry time budget (item 11)', () => {
	it('stops when the next Retry-After wait would pass the budget, naming code, attempts and time waited', async () => {
		tokenEndpoint();
		const limit = [{ message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }];
		const api = nock(INSTANCE).get(`${API}/query`).query(true).times(3).reply(403, limit, { 'Retry-After': '60' });
		const result = await runSalesforceNode({ credentials: credentials(), parameters: { resource: 'search', operation: 'query', soql: 'SELECT Id FROM Account', returnAll: true } });
		// Two waits of 60 s fit the 120 s budget; a third would not, so the request ends after three attempts.
		expect((sleep as jest.Mock).mock.calls).toEqual([[60_000], [60_000]]);
		expect(result.error).toBe(
			'Salesforce: REQUEST_LIMIT_EXCEEDED: ConcurrentPerOrgLongTxn Limit exceeded.; retries stopped: the next wait of 60 s would pass the retry budget of 120 s for one request (3 attempts, waited 120 s)',
		);
		const error = result.run.data.resultData.error as unknown as { context: Record<string, unknown> };
		expect(error.context).toMatchObject({ vendorErrorCode: 'REQUEST_LIMIT_EXCEEDED', attempts: 3, waitedMs: 120_000 });
		api.done();
	});
});

describe('a batch answered with the wrong number of results (item 12)', () => {
	const items = Array.from({ length: 201 }, (_, i) => ({ ext: `ACC-M-${i}`, name: `Mismatch Account ${i}` }));
	const parameters = {
		resource: 'account',
		operation: 'batchUpsert',
		externalIdField: { __rl: true, mode: 'name', value: 'External_Id__c' },
		externalIdValue: '={{ $json.ext }}',
		bodyMode: 'define',
		fieldsUi: { field: [{ name: 'Name', value: '={{ $json.name }}' }] },
	};
	const collections = () => {
		let call = 0;
		return nock(INSTANCE)
			.patch(`${API}/composite/sobjects/Account/External_Id__c`)
			.times(2)
			.reply((_uri, body) => {
				call++;
				const records = (body as { records: unknown[] }).records;
				// The first batch of 200 comes back one result short; the second is answered in full.
				const answered = call === 1 ? records.slice(1) : records;
				return [200, answered.map((_, i) => ({ id: `001xx00000M${String(call)}${String(i).padStart(4, '0')}AAA`, success: true, created: true, errors: [] }))];
			});
	};

	it('makes every item of that batch an error item (Continue On Fail); the other batch proceeds', async () => {
		tokenEndpoint();
		const api = collections();
		const result = await runSalesforceNode({ credentials: credentials(), items, parameters, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const out = result.output('Salesforce');
		expect(out).toHaveLength(201);
		expect(out.slice(0, 200).every((item) => item.success === false && item.code === 'BATCH_RESULT_MISMATCH')).toBe(true);
		expect(String(out[0].error)).toContain('batch 1: sent 200 records, the vendor answered 199 results');
		expect(out[200]).toMatchObject({ success: true, externalId: 'ACC-M-200' });
		const runData = result.run.data.resultData.runData.Salesforce[0].data!.main[0]!;
		expect(runData.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		api.done();
	});

	it('without Continue On Fail the node fails naming the mismatch and the first item of that batch', async () => {
		tokenEndpoint();
		collections();
		const result = await runSalesforceNode({ credentials: credentials(), items, parameters });
		expect(result.error).toContain('BATCH_RESULT_MISMATCH');
		expect(result.error).toContain('sent 200 records, the vendor answered 199 results');
		const error = result.run.data.resultData.error as unknown as { context: Record<string, unknown> };
		expect(error.context.itemIndex).toBe(0);
	});
});

describe('a composite create answered with the wrong number of results (item 12)', () => {
	it('fails that item saying the outcome is unknown (never "nothing was created"); the next item is created', async () => {
		tokenEndpoint();
		const created = (id: string, ref: string) => ({ body: { id, success: true, errors: [] }, httpHeaders: {}, httpStatusCode: 201, referenceId: ref });
		const api = nock(INSTANCE)
			.post(`${API}/composite`)
			.reply(200, { compositeResponse: [created('006xx0000000001AAA', 'newOpportunity')] })
			.post(`${API}/composite`)
			.reply(200, { compositeResponse: [created('006xx0000000002AAA', 'newOpportunity'), created('00kxx0000000002AAA', 'lineItem1')] });
		const result = await runSalesforceNode({
			credentials: credentials(),
			items: [{ name: 'Short answer' }, { name: 'Full answer' }],
			parameters: {
				resource: 'opportunity',
				operation: 'create',
				bodyMode: 'json',
				bodyJson: '={{ JSON.stringify({ Name: $json.name, StageName: "Prospecting", CloseDate: "2026-12-01" }) }}',
				lineItemsJson: JSON.stringify([{ PricebookEntryId: '01uxx0000000001AAA', Quantity: 1, UnitPrice: 100 }]),
			},
			continueOnFail: true,
		});
		const [short, full] = result.output('Salesforce');
		expect(short).toMatchObject({ code: 'COMPOSITE_RESULT_MISMATCH' });
		expect(String(short.error)).toContain('sent 2 subrequests, Salesforce answered 1 results');
		expect(String(short.error)).not.toContain('nothing was created');
		expect(full).toMatchObject({ id: '006xx0000000002AAA', success: true, lineItemIds: ['00kxx0000000002AAA'] });
		api.done();
	});
});

describe('token errors keep the reason and never the assertion (item 15)', () => {
	it("shows Salesforce's error and error_description, with an echoed assertion redacted", async () => {
		let assertion = '';
		nock(LOGIN)
			.post('/services/oauth2/token', (body: Record<string, string>) => {
				assertion = body.assertion;
				return true;
			})
			.reply(400, () => ({ error: 'invalid_grant', error_description: `user hasn't approved this consumer (assertion ${assertion})` }));
		const result = await runSalesforceNode({ credentials: credentials(), parameters: { resource: 'org', operation: 'getApiUsage' } });
		expect(assertion.split('.')).toHaveLength(3);
		expect(result.error).toContain("invalid_grant: user hasn't approved this consumer (assertion [redacted])");
		expect(result.error).not.toContain(assertion);
	});
});
