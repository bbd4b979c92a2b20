// Backoff waits go through n8n's sleep; recording them instead keeps retry tests fast and countable.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
import { sleep } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { shutdownN8nCore } from '../helpers/harness';
import { runSalesforceNode } from './helpers';

type Rec = Record<string, any>;

describe('Salesforce node against the sandbox', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';
	let credentials: ICredentialDataDecryptedObject;

	beforeAll(async () => {
		sandbox = createSalesforceSandbox();
		baseUrl = await sandbox.start(0);
	});
	beforeEach(() => {
		sandbox.reset();
		credentials = salesforceSandboxCredentials(baseUrl);
	});
	afterAll(async () => {
		await sandbox.stop();
		await shutdownN8nCore();
	});

	const state = () => sandbox.org.snapshot() as Record<string, Rec[]>;
	const requestsTo = (pattern: RegExp) => sandbox.requests.filter((r) => pattern.test(r.path));

	it('gets closed-won opportunities without a NetSuite project id, with their line items', async () => {
		const result = await runSalesforceNode({
			credentials,
			parameters: {
				resource: 'opportunity',
				operation: 'getMany',
				fields: 'Id, Name, AccountId, Account.Name, Amount, CloseDate, StageName, NetSuite_Project_Id__c',
				conditions: {
					condition: [
						{ field: 'StageName', operator: 'equal', value: 'Closed Won', valueType: 'auto' },
						{ field: 'NetSuite_Project_Id__c', operator: 'isNull', value: '', valueType: 'auto' },
					],
				},
				returnAll: true,
			},
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Salesforce');
		const expected = state()
			.Opportunity.filter((o) => o.StageName === 'Closed Won' && o.NetSuite_Project_Id__c === null)
			.map((o) => o.Id)
			.sort();
		expect(expected.length).toBeGreaterThanOrEqual(4);
		expect(out.map((o) => o.Id).sort()).toEqual(expected);
		for (const opportunity of out) {
			const lines = state().OpportunityLineItem.filter((li) => li.OpportunityId === opportunity.Id);
			const got = (opportunity.OpportunityLineItems as IDataObject | null)?.records as IDataObject[] | undefined;
			expect((got ?? []).map((l) => l.Id).sort()).toEqual(lines.map((l) => l.Id).sort());
			expect((opportunity.Account as IDataObject).Name).toEqual(expect.any(String));
			expect(opportunity.correlationId).toEqual(expect.any(String));
			expect(opportunity).not.toHaveProperty('attributes');
		}
		// Typed by describe: the null test went out as `= null`, not a quoted string.
		const query = requestsTo(/\/query$/)[0];
		expect(decodeURIComponent(query.query.replace(/\+/g, ' '))).toContain('NetSuite_Project_Id__c = null');
	});

	it('walks nextRecordsUrl across pages until done (batchSize 200, 450 accounts)', async () => {
		const admin = String(state().User[0].Id);
		const missing = 450 - state().Account.length;
		for (let i = 0; i < missing; i++) sandbox.org.insert('Account', { Name: `Bulk Account ${i}`, Industry: 'Consulting' }, admin);
		const result = await runSalesforceNode({
			credentials,
			parameters: { resource: 'account', operation: 'getMany', fields: 'Id, Name', returnAll: true, queryOptions: { batchSize: 200 } },
		});
		expect(result.error).toBeUndefined();
		const ids = result.output('Salesforce').map((a) => a.Id);
		expect(ids).toHaveLength(450);
		expect(new Set(ids).size).toBe(450);
		const pages = sandbox.requests.filter((r) => r.path.includes('/query'));
		expect(pages.map((p) => p.path.replace(/.*\/query/, '/query'))).toEqual(['/query', expect.stringMatching(/^\/query\/01g\w+-200$/), expect.stringMatching(/^\/query\/01g\w+-400$/)]);
		expect(pages.every((p) => p.headers['sforce-query-options'] === 'batchSize=200')).toBe(true);
	});

	it('stops fetching pages once the limit is reached', async () => {
		const admin = String(state().User[0].Id);
		for (let i = 0; i < 300; i++) sandbox.org.insert('Account', { Name: `Bulk ${i}` }, admin);
		const result = await runSalesforceNode({
			credentials,
			parameters: { resource: 'account', operation: 'getMany', fields: 'Id', returnAll: false, limit: 5, queryOptions: { batchSize: 200 } },
		});
		expect(result.output('Salesforce')).toHaveLength(5);
		expect(requestsTo(/\/query/)).toHaveLength(1);
		expect(decodeURIComponent(requestsTo(/\/query/)[0].query)).toContain('LIMIT 5');
	});

	it('updates an opportunity and Salesforce moves its SystemModstamp and stage flags', async () => {
		const opportunity = state().Opportunity.find((o) => o.StageName === 'Negotiation/Review')!;
		const result = await runSalesforceNode({
			credentials,
			items: [{ id: opportunity.Id, project: 'PRJ-77' }],
			parameters: {
				resource: 'opportunity',
				operation: 'update',
				recordId: '={{ $json.id }}',
				bodyMode: 'define',
				fieldsUi: { field: [{ name: 'StageName', value: 'Closed Won' }, { name: 'NetSuite_Project_Id__c', value: '={{ $json.project }}' }] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Salesforce')).toEqual([expect.objectContaining({ id: opportunity.Id, success: true })]);
		const after = state().Opportunity.find((o) => o.Id === opportunity.Id)!;
		expect(after).toMatchObject({ StageName: 'Closed Won', IsWon: true, IsClosed: true, NetSuite_Project_Id__c: 'PRJ-77' });
		expect(after.SystemModstamp).not.toBe(opportunity.SystemModstamp);
		const patch = requestsTo(/\/sobjects\/Opportunity\//)[0];
		expect(patch).toMatchObject({ method: 'PATCH', body: { StageName: 'Closed Won', NetSuite_Project_Id__c: 'PRJ-77' } });
		// The item's correlation id travels as a header and comes back on the output item.
		expect(patch.headers['x-correlation-id']).toBe(result.output('Salesforce')[0].correlationId);
	});

	it('upsert by external id is idempotent: two runs create one record', async () => {
		const parameters = {
			resource: 'account',
			operation: 'upsert',
			externalIdField: { __rl: true, mode: 'name', value: 'External_Id__c' },
			externalIdValue: 'ACC-NEW-1',
			bodyMode: 'json',
			bodyJson: JSON.stringify({ Name: 'Hartmann & Partner Beratung', Industry: 'Consulting' }),
		};
		const first = await runSalesforceNode({ credentials, parameters });
		const second = await runSalesforceNode({ credentials, parameters });
		expect(first.output('Salesforce')[0]).toMatchObject({ created: true, success: true });
		expect(second.output('Salesforce')[0]).toMatchObject({ created: false, success: true, id: first.output('Salesforce')[0].id });
		expect(state().Account.filter((a) => a.External_Id__c === 'ACC-NEW-1')).toHaveLength(1);
		const upserts = requestsTo(/\/sobjects\/Account\/External_Id__c\//);
		expect(upserts.map((r) => [r.method, r.path, r.status])).toEqual([
			['PATCH', '/services/data/v62.0/sobjects/Account/External_Id__c/ACC-NEW-1', 201],
			['PATCH', '/services/data/v62.0/sobjects/Account/External_Id__c/ACC-NEW-1', 200],
		]);
		// The external id travels in the URL only.
		expect(upserts[0].body).toEqual({ Name: 'Hartmann & Partner Beratung', Industry: 'Consulting' });
	});

	const batchItems = [
		{ ext: 'OPP-2002', stage: 'Closed Won', close: '2026-10-20', name: 'Contoso SAP Rollout Advisory' },
		{ ext: 'OPP-9001', stage: 'Prospecting', close: '2027-05-01', name: 'Hartmann Finance Transformation' },
		{ ext: 'OPP-9002', stage: 'Prospecting', close: 'next spring', name: 'Bad Date Deal' },
		{ ext: 'OPP-9003', stage: 'Won-ish', close: '2027-06-01', name: 'Bad Stage Deal' },
		{ ext: 'OPP-9004', stage: 'Qualification', close: '2027-07-01', name: 'Northwind Analytics Follow-on' },
	];
	const batchParameters = {
		resource: 'opportunity',
		operation: 'batchUpsert',
		externalIdField: { __rl: true, mode: 'name', value: 'External_Id__c' },
		externalIdValue: '={{ $json.ext }}',
		bodyMode: 'define',
		fieldsUi: {
			field: [
				{ name: 'Name', value: '={{ $json.name }}' },
				{ name: 'StageName', value: '={{ $json.stage }}' },
				{ name: 'CloseDate', value: '={{ $json.close }}' },
			],
		},
	};

	it('batch upsert maps mixed per-record results back to their items (Continue On Fail)', async () => {
		const result = await runSalesforceNode({ credentials, items: batchItems, parameters: batchParameters, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const out = result.output('Salesforce');
		expect(out).toHaveLength(5);
		expect(out[0]).toMatchObject({ success: true, created: false, externalId: 'OPP-2002' });
		expect(out[1]).toMatchObject({ success: true, created: true, externalId: 'OPP-9001' });
		expect(out[2]).toMatchObject({ success: false, code: 'JSON_PARSER_ERROR', fields: ['CloseDate'] });
		expect(out[3]).toMatchObject({ success: false, code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['StageName'] });
		expect(out[4]).toMatchObject({ success: true, created: true, externalId: 'OPP-9004' });
		expect(String(out[3].error)).toContain('StageName');
		const runData = result.run.data.resultData.runData.Salesforce[0].data!.main[0]!;
		expect(runData.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		// One collections call for all five; the ids returned are the sandbox's.
		expect(requestsTo(/\/composite\/sobjects/)).toHaveLength(1);
		const created = state().Opportunity.find((o) => o.External_Id__c === 'OPP-9001')!;
		expect(out[1].id).toBe(created.Id);
		expect(state().Opportunity.some((o) => o.External_Id__c === 'OPP-9002')).toBe(false);
	});

	it('batch upsert without Continue On Fail fails naming the first failed item', async () => {
		const result = await runSalesforceNode({ credentials, items: batchItems, parameters: batchParameters });
		expect(result.error).toMatch(/JSON_PARSER_ERROR/);
		expect(result.error).toMatch(/CloseDate/);
		const error = result.run.data.resultData.error as unknown as { context: IDataObject };
		expect(error.context.itemIndex).toBe(2);
	});

	it('batch upsert with All or None rolls back the good records too', async () => {
		const result = await runSalesforceNode({
			credentials,
			items: batchItems,
			parameters: { ...batchParameters, options: { allOrNone: true } },
			continueOnFail: true,
		});
		const out = result.output('Salesforce');
		expect(out.map((o) => o.success)).toEqual([false, false, false, false, false]);
		expect(out[1].code).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
		expect(state().Opportunity.some((o) => o.External_Id__c === 'OPP-9001')).toBe(false);
	});

	it('batch upsert sends 200 records per call', async () => {
		const items = Array.from({ length: 401 }, (_, i) => ({ ext: `ACC-B-${i}`, name: `Batch Account ${i}` }));
		const result = await runSalesforceNode({
			credentials,
			items,
			parameters: {
				resource: 'account',
				operation: 'batchUpsert',
				externalIdField: { __rl: true, mode: 'name', value: 'External_Id__c' },
				externalIdValue: '={{ $json.ext }}',
				bodyMode: 'define',
				fieldsUi: { field: [{ name: 'Name', value: '={{ $json.name }}' }] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Salesforce')).toHaveLength(401);
		expect(requestsTo(/\/composite\/sobjects/).map((r) => ((r.body as IDataObject).records as unknown[]).length)).toEqual([200, 200, 1]);
		expect(result.output('Salesforce')[400]).toMatchObject({ externalId: 'ACC-B-400', created: true });
	});

	it('creates an opportunity with line items in one Composite call', async () => {
		const entry = state().PricebookEntry[0];
		const account = state().Account[0];
		const result = await runSalesforceNode({
			credentials,
			parameters: {
				resource: 'opportunity',
				operation: 'create',
				bodyMode: 'json',
				bodyJson: JSON.stringify({ Name: 'Northwind Data Platform', AccountId: account.Id, StageName: 'Prospecting', CloseDate: '2027-02-01' }),
				lineItemsJson: JSON.stringify([
					{ PricebookEntryId: entry.Id, Quantity: 10, UnitPrice: 1600 },
					{ PricebookEntryId: entry.Id, Quantity: 2.5, UnitPrice: 1500.5 },
				]),
			},
		});
		expect(result.error).toBeUndefined();
		const [out] = result.output('Salesforce');
		expect(out.lineItemIds).toHaveLength(2);
		const opportunity = state().Opportunity.find((o) => o.Id === out.id)!;
		expect(opportunity.Amount).toBe(19751.25);
		expect(state().OpportunityLineItem.filter((li) => li.OpportunityId === out.id)).toHaveLength(2);
		expect(requestsTo(/\/composite$/)).toHaveLength(1);
	});

	it('a failing line item rolls the whole opportunity back and names the cause', async () => {
		const before = state().Opportunity.length;
		const result = await runSalesforceNode({
			credentials,
			continueOnFail: true,
			parameters: {
				resource: 'opportunity',
				operation: 'create',
				bodyMode: 'json',
				bodyJson: JSON.stringify({ Name: 'Doomed Deal', StageName: 'Prospecting', CloseDate: '2027-02-01' }),
				lineItemsJson: JSON.stringify([{ Quantity: 1, UnitPrice: 100 }]),
			},
		});
		const [out] = result.output('Salesforce');
		expect(out.code).toBe('REQUIRED_FIELD_MISSING');
		expect(out.fields).toEqual(['PricebookEntryId']);
		expect(state().Opportunity.length).toBe(before);
	});

	it('get returns a record; get of an opportunity carries its line items', async () => {
		const contract = state().Contract[0];
		const contractRun = await runSalesforceNode({ credentials, parameters: { resource: 'contract', operation: 'get', recordId: contract.Id, fields: 'Id, Status, EndDate' } });
		expect(contractRun.output('Salesforce')).toEqual([{ Id: contract.Id, Status: contract.Status, EndDate: contract.EndDate, correlationId: expect.any(String) }]);
		const withLines = state().Opportunity.find((o) => o.HasOpportunityLineItem)!;
		const oppRun = await runSalesforceNode({ credentials, parameters: { resource: 'opportunity', operation: 'get', recordId: withLines.Id, fields: 'Id, Amount' } });
		const [opp] = oppRun.output('Salesforce');
		expect(opp.Amount).toBe(withLines.Amount);
		expect(((opp.OpportunityLineItems as IDataObject).records as unknown[]).length).toBeGreaterThan(0);
	});

	it('a spent API allocation is 403 REQUEST_LIMIT_EXCEEDED: retried, then reported with its code', async () => {
		(sleep as jest.Mock).mockClear();
		// Warm the session first so only REST calls are refused.
		await runSalesforceNode({ credentials, parameters: { resource: 'search', operation: 'query', soql: 'SELECT Id FROM Account LIMIT 1' } });
		sandbox.org.apiDailyLimit = sandbox.org.apiUsage;
		sandbox.requests.length = 0;
		const result = await runSalesforceNode({ credentials, continueOnFail: true, parameters: { resource: 'search', operation: 'query', soql: 'SELECT Id FROM Account' } });
		const [out] = result.output('Salesforce');
		expect(out.code).toBe('REQUEST_LIMIT_EXCEEDED');
		expect(String(out.error)).toContain('TotalRequests Limit exceeded');
		expect(sandbox.requests.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
		expect((sleep as jest.Mock).mock.calls).toHaveLength(4);
		// The allocation frees up: the same call now goes through after one refusal.
		sandbox.requests.length = 0;
		sandbox.addFault({ kind: 'status', path: '/query', status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] });
		sandbox.org.apiDailyLimit = 15000;
		const retried = await runSalesforceNode({ credentials, parameters: { resource: 'search', operation: 'query', soql: 'SELECT Id FROM Account LIMIT 2' } });
		expect(retried.error).toBeUndefined();
		expect(retried.output('Salesforce')).toHaveLength(2);
		expect(sandbox.requests.map((r) => r.status)).toEqual([403, 200]);
	});

	it('reports the daily API usage from /limits and Sforce-Limit-Info', async () => {
		sandbox.org.apiDailyLimit = 5000;
		const result = await runSalesforceNode({ credentials, parameters: { resource: 'org', operation: 'getApiUsage' } });
		const [out] = result.output('Salesforce');
		expect(out.dailyApiRequests).toEqual({ max: 5000, remaining: 5000 - sandbox.org.apiUsage, used: sandbox.org.apiUsage });
		expect(out.limitInfoHeader).toEqual({ used: sandbox.org.apiUsage, limit: 5000 });
	});

	it('Salesforce query errors keep their code (INVALID_FIELD) and are not retried', async () => {
		const result = await runSalesforceNode({ credentials, continueOnFail: true, parameters: { resource: 'search', operation: 'query', soql: 'SELECT Nope__c FROM Account' } });
		expect(result.output('Salesforce')[0]).toMatchObject({ code: 'INVALID_FIELD' });
		expect(requestsTo(/\/query/)).toHaveLength(1);
	});
});
