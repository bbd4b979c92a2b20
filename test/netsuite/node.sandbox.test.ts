/**
 * The NetSuite node in n8n-core against the NetSuite sandbox: upserts that never duplicate, SuiteQL page
 * walks, throttling, the account concurrency limit, M2M token caching and NetSuite's error details.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	createNetSuiteSandbox,
	netSuiteSandboxCredentials,
	netSuiteSandboxOAuth2Credentials,
} from '../../sandbox/netsuite';
import type { NetSuiteSandbox } from '../../sandbox/netsuite';
import { netSuiteNode, run, useNetSuiteSandbox, workflow } from './helpers';

const suite = useNetSuiteSandbox();
const tba = suite.tba;

function customerUpsert(externalIdExpression: string) {
	return netSuiteNode(
		{
			resource: 'customer',
			operation: 'upsert',
			externalId: externalIdExpression,
			specifyBody: 'json',
			jsonBody: '={{ { "companyName": $json.name, "email": $json.email, "subsidiary": { "id": "2" } } }}',
		},
		{ name: 'Upsert Customer' },
	);
}

function projectUpsert() {
	return netSuiteNode(
		{
			resource: 'job',
			operation: 'upsert',
			externalId: '={{ $("Items").item.json.opportunityId }}',
			specifyBody: 'json',
			jsonBody:
				'={{ { "companyName": $("Items").item.json.project, "parent": { "id": $json.id }, "startDate": "2026-04-01", "jobBillingType": { "id": "1" } } }}',
		},
		{ name: 'Upsert Project' },
	);
}

describe('NetSuite node against the sandbox', () => {
	it('upserts a customer and its project by external id twice and keeps one of each', async () => {
		const items = [{ accountId: 'SF-001X0000NEW1', opportunityId: 'SF-006X0000NEW1', name: 'Wayne Enterprises', email: 'ap@wayne.example', project: 'Wayne Data Platform' }];
		const flow = workflow(items, customerUpsert('={{ $json.accountId }}'), projectUpsert());
		const before = suite.sandbox.store.all('customer').length;

		const first = await run(flow, tba());
		expect(first.error).toBeUndefined();
		const second = await run(flow, tba());
		expect(second.error).toBeUndefined();

		const [customerOut] = first.output('Upsert Customer');
		expect(customerOut).toMatchObject({ externalId: 'SF-001X0000NEW1', recordType: 'customer' });
		expect(second.output('Upsert Customer')[0].id).toBe(customerOut.id);
		expect(second.output('Upsert Project')[0].id).toBe(first.output('Upsert Project')[0].id);

		const customers = suite.sandbox.store.all('customer').filter((c) => c.fields.externalId === 'SF-001X0000NEW1');
		expect(customers).toHaveLength(1);
		expect(suite.sandbox.store.all('customer')).toHaveLength(before + 1);
		const projects = suite.sandbox.store.all('job').filter((j) => j.fields.externalId === 'SF-006X0000NEW1');
		expect(projects).toHaveLength(1);
		expect((projects[0].fields.parent as IDataObject).id).toBe(customerOut.id);
		// Subsidiary is taken from the customer, as NetSuite does.
		expect((projects[0].fields.subsidiary as IDataObject).id).toBe('2');

		const puts = suite.sandbox.requests.filter((r) => r.method === 'PUT');
		expect(puts.map((r) => r.path)).toEqual([
			'/services/rest/record/v1/customer/eid:SF-001X0000NEW1',
			'/services/rest/record/v1/job/eid:SF-006X0000NEW1',
			'/services/rest/record/v1/customer/eid:SF-001X0000NEW1',
			'/services/rest/record/v1/job/eid:SF-006X0000NEW1',
		]);
		expect(puts.every((r) => r.status === 204)).toBe(true);
	});

	it("reads a plain-path External ID and JSON Body without n8n's expression engine, posting what n8n's own evaluation posts", async () => {
		// ItemParameters reads `$('Items').item.json.ref` and `$json.body` directly; JSON.stringify(...) goes through n8n.
		const items = [
			{ ref: 'SF-001X0000PATH1', body: { companyName: 'Path One Ltd', email: 'ap@one.example', subsidiary: { id: '2' } } },
			{ ref: 'SF-001X0000PATH2', body: { companyName: 'Path Two Ltd', email: 'ap@two.example', subsidiary: { id: '2' } } },
		];
		const upsert = (jsonBody: string) =>
			netSuiteNode({ resource: 'customer', operation: 'upsert', externalId: "={{ $('Items').item.json.ref }}", specifyBody: 'json', jsonBody }, { name: 'Upsert Customer' });
		const direct = await run(workflow(items, upsert('={{ $json.body }}')), tba());
		expect(direct.error).toBeUndefined();
		const directPuts = suite.sandbox.requests.filter((r) => r.method === 'PUT').map((r) => [r.path, r.body]);
		suite.sandbox.reset();
		const viaN8n = await run(workflow(items, upsert('={{ JSON.stringify($json.body) }}')), tba());
		expect(viaN8n.error).toBeUndefined();
		const n8nPuts = suite.sandbox.requests.filter((r) => r.method === 'PUT').map((r) => [r.path, r.body]);
		expect(directPuts).toEqual(n8nPuts);
		expect(directPuts.map(([, body]) => body)).toEqual(items.map((i) => i.body));
		expect(directPuts.map(([path]) => path)).toEqual(items.map((i) => `/services/rest/record/v1/customer/eid:${i.ref}`));
		expect(direct.output('Upsert Customer').map((o) => o.externalId)).toEqual(items.map((i) => i.ref));
		expect(suite.sandbox.store.all('customer').filter((c) => String(c.fields.externalId).startsWith('SF-001X0000PATH')).map((c) => c.fields.companyName)).toEqual(['Path One Ltd', 'Path Two Ltd']);
	});

	it('creates from "Define Below" fields, reads the Location id and returns the record on request', async () => {
		const flow = workflow(
			[{}],
			netSuiteNode({
				resource: 'customer',
				operation: 'create',
				specifyBody: 'defineBelow',
				fields: { field: [{ name: 'companyName', value: 'Cyberdyne Systems' }, { name: 'subsidiary.id', value: '3' }] },
				options: { fetchRecord: true, idempotencyKey: '5d9c3c1e-0a7b-4d43-9d8e-1f2a3b4c5d6e' },
			}),
		);
		const result = await run(flow, tba());
		expect(result.error).toBeUndefined();
		const [record] = result.output('NetSuite');
		const created = suite.sandbox.store.all('customer').find((c) => c.fields.companyName === 'Cyberdyne Systems')!;
		expect(record.id).toBe(created.id);
		expect(record.subsidiary).toMatchObject({ id: '3', refName: 'Meridian Advisory UK' });
		const post = suite.sandbox.requests.find((r) => r.method === 'POST' && r.path.endsWith('/customer'))!;
		expect(post.headers['x-netsuite-idempotency-key']).toBe('5d9c3c1e-0a7b-4d43-9d8e-1f2a3b4c5d6e');
		expect(post.body).toEqual({ companyName: 'Cyberdyne Systems', subsidiary: { id: '3' } });
	});

	it('walks SuiteQL pages (getMany) following hasMore until every row is in', async () => {
		const flow = workflow(
			[{}],
			netSuiteNode({
				resource: 'customer',
				operation: 'getMany',
				returnAll: true,
				options: { columns: 'id, companyname, externalid', pageSize: 2 },
			}),
		);
		const result = await run(flow, tba());
		expect(result.error).toBeUndefined();
		const rows = result.output('NetSuite');
		const expected = suite.sandbox.store.all('customer').map((c) => c.id);
		expect(expected.length).toBeGreaterThanOrEqual(5);
		expect(rows.map((r) => r.id)).toEqual(expected);
		expect(rows[0]).not.toHaveProperty('links');
		const pages = suite.sandbox.requests.filter((r) => r.path === '/services/rest/query/v1/suiteql');
		expect(pages.length).toBe(Math.ceil(expected.length / 2));
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pages.map((p) => p.query)).toEqual(pages.map((_, i) => `?limit=2&offset=${i * 2}`));
		expect(pages.every((p) => p.headers.prefer === 'transient')).toBe(true);
		expect((pages[0].body as IDataObject).q).toBe('SELECT id, companyname, externalid FROM customer ORDER BY id ASC');
	});

	it('filters getMany with escaped conditions: a quote in a value cannot break out of the literal', async () => {
		const flow = workflow(
			[{}],
			netSuiteNode({
				resource: 'customer',
				operation: 'getMany',
				returnAll: true,
				conditions: {
					condition: [
						{ column: 'companyname', operator: 'startsWith', value: "O'Brien" },
						{ column: 'subsidiary', operator: 'in', value: '3, 2' },
					],
				},
			}),
		);
		const result = await run(flow, tba());
		expect(result.error).toBeUndefined();
		expect(result.output('NetSuite').map((r) => r.companyname)).toEqual(["O'Brien & Sons Logistics"]);
		const injection = workflow(
			[{}],
			netSuiteNode({
				resource: 'customer',
				operation: 'getMany',
				returnAll: true,
				conditions: { condition: [{ column: 'companyname', operator: 'equals', value: "x' OR '1'='1" }] },
			}),
		);
		const injected = await run(injection, tba());
		expect(injected.error).toBeUndefined();
		expect(injected.output('NetSuite')).toEqual([]);
	});

	it('restricts transaction getMany to the record type and reads invoices with expanded lines', async () => {
		const list = await run(
			workflow([{}], netSuiteNode({ resource: 'invoice', operation: 'getMany', returnAll: true, options: { columns: 'id, tranid, type' } })),
			tba(),
		);
		const invoices = list.output('NetSuite');
		expect(invoices.length).toBe(suite.sandbox.store.all('invoice').length);
		expect(invoices.every((row) => row.type === 'CustInvc')).toBe(true);

		const get = await run(
			workflow([{}], netSuiteNode({ resource: 'invoice', operation: 'get', recordId: { __rl: true, mode: 'id', value: invoices[0].id }, options: { expandSubResources: true } })),
			tba(),
		);
		const [invoice] = get.output('NetSuite');
		expect((invoice.item as IDataObject).items).toHaveLength(2);
		expect(invoice.total).toBe(3650);
	});

	it('waits out a 429 with Retry-After and then succeeds', async () => {
		suite.sandbox.addFault({
			kind: 'status',
			method: 'POST',
			path: '/suiteql$',
			status: 429,
			headers: { 'Retry-After': '1', 'Content-Type': 'application/vnd.oracle.resource+json; type=error' },
			body: { type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.30', title: 'Too Many Requests', status: 429, 'o:errorDetails': [{ detail: 'Concurrent request limit exceeded.', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }] },
		});
		const started = Date.now();
		const result = await run(workflow([{}], netSuiteNode({ resource: 'suiteQl', operation: 'query', query: 'SELECT id FROM employee ORDER BY id', returnAll: true })), tba());
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(result.output('NetSuite')).toHaveLength(suite.sandbox.store.all('employee').length);
		expect(suite.sandbox.requests.filter((r) => r.path.endsWith('/suiteql')).map((r) => r.status)).toEqual([429, 200]);
	});

	it("keeps NetSuite's error code and o:errorPath on error items (Continue On Fail)", async () => {
		const flow = workflow(
			[{ name: 'No Customer Project' }, { name: 'Bad Parent', parent: '9999' }],
			netSuiteNode(
				{
					resource: 'job',
					operation: 'create',
					specifyBody: 'json',
					jsonBody: '={{ $json.parent ? { "companyName": $json.name, "parent": { "id": $json.parent } } : { "companyName": $json.name } }}',
				},
				{ continueOnFail: true },
			),
		);
		const result = await run(flow, tba());
		const [missing, invalid] = result.output('NetSuite');
		expect(missing).toMatchObject({ code: 'USER_ERROR', fields: ['parent'] });
		expect(String(missing.error)).toContain('Please enter value(s) for: Customer');
		expect(invalid).toMatchObject({ code: 'INVALID_CONTENT', fields: ['parent'] });
		expect(String(invalid.error)).toContain('Invalid Field Value 9999');
		expect(missing.correlationId).toEqual(expect.any(String));
	});

	it('signs in with OAuth 2.0 M2M once and reuses the cached token', async () => {
		const flow = workflow([{}], netSuiteNode({ resource: 'employee', operation: 'getMany', returnAll: true }, { auth: 'oAuth2' }));
		const first = await run(flow, { p2cNetSuiteOAuth2Api: netSuiteSandboxOAuth2Credentials(suite.baseUrl) });
		expect(first.error).toBeUndefined();
		expect(first.output('NetSuite')).toHaveLength(suite.sandbox.store.all('employee').length);
		expect(first.credentials.preAuthenticationCalls).toEqual(['p2cNetSuiteOAuth2Api']);
		const cached = first.credentials.store.p2cNetSuiteOAuth2Api;
		expect(cached.accessToken).toMatch(/^[0-9a-f]{48}$/);

		const second = await run(flow, { p2cNetSuiteOAuth2Api: cached });
		expect(second.error).toBeUndefined();
		expect(second.credentials.preAuthenticationCalls).toEqual([]);
		expect(suite.sandbox.auth.tokensIssued).toBe(1);
		const authHeaders = suite.sandbox.requests.filter((r) => r.path.endsWith('/suiteql'));
		expect(authHeaders).toHaveLength(2);
	});
});

describe('account concurrency through the kit limiter', () => {
	let slow: NetSuiteSandbox;
	let slowUrl: string;

	beforeAll(async () => {
		slow = createNetSuiteSandbox({ concurrencyLimit: 2, latencyMs: 60 });
		slowUrl = await slow.start(0);
	});

	afterAll(async () => {
		await slow.stop();
	});

	const getFlow = () =>
		workflow(
			[{ id: '104' }, { id: '105' }, { id: '106' }],
			netSuiteNode({ resource: 'customer', operation: 'get', recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }),
		);

	it('never has more requests in flight than the credential allows, across parallel executions', async () => {
		slow.reset();
		const credentials = { p2cNetSuiteTbaApi: netSuiteSandboxCredentials(slowUrl, 2) };
		const results = await Promise.all(Array.from({ length: 6 }, () => run(getFlow(), credentials)));
		for (const result of results) {
			expect(result.error).toBeUndefined();
			expect(result.output('NetSuite').map((r) => r.id)).toEqual(['104', '105', '106']);
		}
		expect(slow.requests).toHaveLength(18);
		expect(slow.maxInFlight).toBe(2);
		expect(slow.concurrencyRejections).toBe(0);
	});

	it('(control) a limit above the account limit makes the sandbox refuse requests', async () => {
		slow.reset();
		const credentials = { p2cNetSuiteTbaApi: netSuiteSandboxCredentials(slowUrl, 6) };
		const results = await Promise.all(Array.from({ length: 6 }, () => run(getFlow(), credentials)));
		expect(slow.concurrencyRejections).toBeGreaterThan(0);
		// Refused requests were retried after Retry-After: every execution still succeeds.
		for (const result of results) expect(result.error).toBeUndefined();
	}, 60_000);
});

describe('OAuth 2.0 M2M token expiry', () => {
	it('fetches a new token when NetSuite answers 401 to an expired one, and resends the request', async () => {
		let clock = Date.now();
		const timed = createNetSuiteSandbox({ nowMs: () => clock, tokenLifetimeSeconds: 60 });
		const timedUrl = await timed.start(0);
		try {
			const flow = workflow([{}], netSuiteNode({ resource: 'customer', operation: 'get', recordId: '104' }, { auth: 'oAuth2' }));
			const first = await run(flow, { p2cNetSuiteOAuth2Api: netSuiteSandboxOAuth2Credentials(timedUrl) });
			expect(first.error).toBeUndefined();
			const cached = first.credentials.store.p2cNetSuiteOAuth2Api;
			clock += 61_000;
			const second = await run(flow, { p2cNetSuiteOAuth2Api: cached });
			expect(second.error).toBeUndefined();
			expect(second.output('NetSuite')[0].id).toBe('104');
			expect(second.credentials.preAuthenticationCalls).toEqual(['p2cNetSuiteOAuth2Api']);
			expect(second.credentials.store.p2cNetSuiteOAuth2Api.accessToken).not.toBe(cached.accessToken);
			expect(timed.auth.tokensIssued).toBe(2);
			expect(timed.auth.failures.map((f) => f.reason)).toEqual(['expired bearer token']);
			expect(timed.requests.filter((r) => r.path.endsWith('/customer/104')).map((r) => r.status)).toEqual([200, 401, 200]);
		} finally {
			await timed.stop();
		}
	});
});

describe('record picker (listSearch)', () => {
	it('searches the selected resource by its label column through SuiteQL, values escaped', async () => {
		const { mockDeep } = await import('jest-mock-extended');
		const axios = (await import('axios')).default;
		const { P2cNetSuiteTbaApi } = await import('../../credentials/P2cNetSuiteTbaApi.credentials');
		const { searchRecords } = await import('../../nodes/NetSuite/methods/listSearch');
		const credentials = netSuiteSandboxCredentials(suite.baseUrl);
		const context = mockDeep<import('n8n-workflow').ILoadOptionsFunctions>();
		context.getNodeParameter.mockImplementation(((name: string) => ({ resource: 'customer', authentication: 'tba' })[name]) as never);
		context.getCredentials.mockResolvedValue(credentials as never);
		context.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, options: import('n8n-workflow').IHttpRequestOptions) => {
			const signed = await new P2cNetSuiteTbaApi().authenticate(credentials, options);
			const response = await axios({ method: signed.method, url: signed.url, headers: signed.headers as never, data: signed.body, validateStatus: () => true });
			return { body: response.data, headers: response.headers, statusCode: response.status };
		}) as never);

		const found = await searchRecords.call(context, "o'brien");
		expect(found.results).toEqual([]);
		const matches = await searchRecords.call(context, "O'Brien");
		const obrien = suite.sandbox.store.all('customer').find((c) => String(c.fields.companyName).startsWith("O'Brien"))!;
		expect(matches.results).toEqual([{ name: `O'Brien & Sons Logistics (${obrien.id})`, value: obrien.id }]);
		const all = await searchRecords.call(context);
		expect(all.results.map((r) => r.value)).toEqual(suite.sandbox.store.all('customer').map((c) => c.id).reverse());
	});
});

describe('answers lost after the write', () => {
	it('resends a DELETE whose answer was lost and reports it deleted when the resend finds nothing', async () => {
		suite.sandbox.reset();
		const project = suite.sandbox.store.all('job')[2];
		suite.sandbox.addFault({ kind: 'lostResponse', method: 'DELETE', path: `/job/${project.id}$` });
		const result = await run(workflow([{}], netSuiteNode({ resource: 'job', operation: 'delete', recordId: project.id })), tba());
		expect(result.error).toBeUndefined();
		expect(result.output('NetSuite')[0]).toMatchObject({ id: project.id, deleted: true });
		expect(suite.sandbox.store.get('job', project.id)).toBeUndefined();
		expect(suite.sandbox.requests.filter((r) => r.method === 'DELETE').map((r) => [r.status, r.fault])).toEqual([
			[204, 'lostResponse'],
			[404, undefined],
		]);
	}, 20_000);

	it('an upsert whose answer was lost is resent and still leaves one record', async () => {
		suite.sandbox.reset();
		const before = suite.sandbox.store.all('customer').length;
		suite.sandbox.addFault({ kind: 'lostResponse', method: 'PUT', path: '/customer/eid:SF-LOST-1$' });
		const result = await run(workflow([{ accountId: 'SF-LOST-1', name: 'Lost Answer Ltd', email: 'ap@lost.example' }], customerUpsert('={{ $json.accountId }}')), tba());
		expect(result.error).toBeUndefined();
		expect(suite.sandbox.store.all('customer')).toHaveLength(before + 1);
		expect(suite.sandbox.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([204, 204]);
	}, 20_000);
});

describe('upserts with sublists', () => {
	it('replaces the lines of sublists in the body, so a repeated journal upsert leaves the same lines', async () => {
		suite.sandbox.reset();
		const journal = netSuiteNode(
			{
				resource: 'journalEntry',
				operation: 'upsert',
				externalId: 'REV-OPP1-2026-02',
				specifyBody: 'json',
				jsonBody: JSON.stringify({
					subsidiary: { id: '2' },
					tranDate: '2026-02-28',
					memo: 'Revenue 2026-02',
					line: { items: [{ account: { id: '210' }, debit: 1234.56 }, { account: { id: '305' }, credit: 1234.56 }] },
				}),
			},
			{ name: 'Journal' },
		);
		const flow = workflow([{}], journal);
		const first = await run(flow, tba());
		const second = await run(flow, tba());
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		const journals = suite.sandbox.store.all('journalEntry').filter((j) => j.fields.externalId === 'REV-OPP1-2026-02');
		expect(journals).toHaveLength(1);
		expect((journals[0].fields.line as IDataObject[]).map((l) => [l.debit ?? 0, l.credit ?? 0])).toEqual([
			[1234.56, 0],
			[0, 1234.56],
		]);
		expect(suite.sandbox.requests.filter((r) => r.method === 'PUT').map((r) => r.query)).toEqual(['?replace=line', '?replace=line']);
	});
});
