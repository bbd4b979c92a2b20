/**
 * Request building and transport behaviour with nock standing in for NetSuite: the node runs in n8n-core,
 * signs with the credential and talks to the host derived from the account id.
 */
import nock from 'nock';

import { buildSelect, conditionSql } from '../../nodes/NetSuite/helpers/suiteql';
import { RECORD_TYPES } from '../../nodes/NetSuite/helpers/recordTypes';
import {
	externalIdPath,
	idFromLocation,
	isNetSuiteThrottle,
	nextSuiteQlOffset,
	parseNetSuiteError,
	recordPath,
} from '../../nodes/NetSuite/transport';
import { shutdownN8nCore } from '../helpers/harness';
import { netSuiteNode, run, workflow } from './helpers';

const HOST = 'https://1234567-sb1.suitetalk.api.netsuite.com';
const credentials = {
	p2cNetSuiteTbaApi: {
		accountId: '1234567_SB1',
		consumerKey: 'ck',
		consumerSecret: 'cs',
		tokenId: 'tk',
		tokenSecret: 'ts',
		baseUrl: '',
		concurrencyLimit: 5,
	},
};
const SIGNED = /^OAuth realm="1234567_SB1",oauth_consumer_key="ck",oauth_token="tk",oauth_signature_method="HMAC-SHA256",oauth_timestamp="\d+",oauth_nonce="[0-9a-f]{32}",oauth_version="1\.0",oauth_signature="[^"]+"$/;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(async () => {
	nock.enableNetConnect();
	await shutdownN8nCore();
});

function suiteQlPage(offset: number, limit: number, total: number, ids: string[]) {
	const hasMore = offset + ids.length < total;
	const link = (rel: string, o: number) => ({ rel, href: `${HOST}/services/rest/query/v1/suiteql?limit=${limit}&offset=${o}` });
	return {
		links: [link('first', 0), ...(hasMore ? [link('next', offset + limit)] : []), link('self', offset)],
		count: ids.length,
		hasMore,
		items: ids.map((id) => ({ links: [], id, companyname: `Customer ${id}` })),
		offset,
		totalResults: total,
	};
}

const problem = (status: number, code: string, detail: string, path?: string) => ({
	type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
	title: 'Bad Request',
	status,
	'o:errorDetails': [{ detail, 'o:errorCode': code, ...(path ? { 'o:errorPath': path } : {}) }],
});

describe('SuiteQL page walk (nock)', () => {
	it('posts the query with Prefer: transient, signed limit/offset, and follows hasMore across 3 pages', async () => {
		const q = "SELECT id, companyname FROM customer WHERE companyname LIKE 'A%' ORDER BY id";
		const scope = nock(HOST, { reqheaders: { prefer: 'transient', authorization: SIGNED, 'content-type': /application\/json/ } })
			.post('/services/rest/query/v1/suiteql', { q })
			.query({ limit: '2', offset: '0' })
			.reply(200, suiteQlPage(0, 2, 5, ['1', '2']))
			.post('/services/rest/query/v1/suiteql', { q })
			.query({ limit: '2', offset: '2' })
			.reply(200, suiteQlPage(2, 2, 5, ['3', '4']))
			.post('/services/rest/query/v1/suiteql', { q })
			.query({ limit: '2', offset: '4' })
			.reply(200, suiteQlPage(4, 2, 5, ['5']));
		const result = await run(
			workflow([{}], netSuiteNode({ resource: 'suiteQl', operation: 'query', query: q, returnAll: true, options: { pageSize: 2 } })),
			credentials,
		);
		expect(result.error).toBeUndefined();
		expect(result.output('NetSuite').map((row) => row.id)).toEqual(['1', '2', '3', '4', '5']);
		expect(result.output('NetSuite')[0]).toEqual({ id: '1', companyname: 'Customer 1', correlationId: expect.any(String) });
		expect(scope.isDone()).toBe(true);
	});

	it('stops once the limit is reached and keeps the offset a multiple of the page size', async () => {
		const scope = nock(HOST)
			.post('/services/rest/query/v1/suiteql')
			.query({ limit: '2', offset: '0' })
			.reply(200, suiteQlPage(0, 2, 9, ['1', '2']))
			.post('/services/rest/query/v1/suiteql')
			.query({ limit: '2', offset: '2' })
			.reply(200, suiteQlPage(2, 2, 9, ['3', '4']));
		const result = await run(
			workflow([{}], netSuiteNode({ resource: 'customer', operation: 'getMany', returnAll: false, limit: 3, options: { pageSize: 2 } })),
			credentials,
		);
		expect(result.error).toBeUndefined();
		expect(result.output('NetSuite').map((row) => row.id)).toEqual(['1', '2', '3']);
		expect(scope.isDone()).toBe(true);
	});

	it('reads the next offset from the next link, else offset + count', () => {
		expect(nextSuiteQlOffset(suiteQlPage(0, 1000, 2500, Array.from({ length: 1000 }, String)))).toBe(1000);
		expect(nextSuiteQlOffset({ ...suiteQlPage(0, 2, 5, ['1', '2']), links: [] })).toBe(2);
		expect(nextSuiteQlOffset(suiteQlPage(4, 2, 5, ['5']))).toBeUndefined();
	});
});

describe('writes (nock)', () => {
	it('creates with POST, reads the internal id from the 204 Location header, sends the idempotency key', async () => {
		const scope = nock(HOST, { reqheaders: { 'x-netsuite-idempotency-key': 'key-1', authorization: SIGNED } })
			.post('/services/rest/record/v1/timeBill', { employee: { id: '100' }, hours: '7.5', tranDate: '2026-01-13' })
			.reply(204, '', { Location: `${HOST}/services/rest/record/v1/timeBill/4321` });
		const result = await run(
			workflow(
				[{}],
				netSuiteNode({
					resource: 'timeBill',
					operation: 'create',
					specifyBody: 'json',
					jsonBody: '{"employee": {"id": "100"}, "hours": "7.5", "tranDate": "2026-01-13"}',
					options: { idempotencyKey: 'key-1' },
				}),
			),
			credentials,
		);
		expect(result.error).toBeUndefined();
		expect(result.output('NetSuite')[0]).toMatchObject({ id: '4321', recordType: 'timeBill', created: true });
		expect(scope.isDone()).toBe(true);
	});

	it('upserts with PUT …/eid:<id> and returns the internal id from Location', async () => {
		const scope = nock(HOST)
			.put('/services/rest/record/v1/job/eid:SF-006%201', { companyName: 'Project', parent: { id: '104' } })
			.reply(204, '', { Location: `${HOST}/services/rest/record/v1/job/222` });
		const result = await run(
			workflow(
				[{}],
				netSuiteNode({
					resource: 'job',
					operation: 'upsert',
					externalId: 'SF-006 1',
					specifyBody: 'defineBelow',
					fields: { field: [{ name: 'companyName', value: 'Project' }, { name: 'parent.id', value: '104' }] },
				}),
			),
			credentials,
		);
		expect(result.error).toBeUndefined();
		expect(result.output('NetSuite')[0]).toMatchObject({ id: '222', externalId: 'SF-006 1', upserted: true });
		expect(scope.isDone()).toBe(true);
	});

	it('does not resend a create after a 503 (the write may have happened), but does resend an upsert', async () => {
		const create = nock(HOST).post('/services/rest/record/v1/customer').reply(503, 'Service Unavailable');
		const failed = await run(
			workflow([{}], netSuiteNode({ resource: 'customer', operation: 'create', specifyBody: 'json', jsonBody: '{"companyName": "X"}' })),
			credentials,
		);
		expect(failed.error).toMatch(/NetSuite: HTTP_503/);
		expect(create.isDone()).toBe(true);

		const upsert = nock(HOST)
			.put('/services/rest/record/v1/customer/eid:A1')
			.reply(503, 'Service Unavailable')
			.put('/services/rest/record/v1/customer/eid:A1')
			.reply(204, '', { Location: `${HOST}/services/rest/record/v1/customer/9` });
		const retried = await run(
			workflow([{}], netSuiteNode({ resource: 'customer', operation: 'upsert', externalId: 'A1', specifyBody: 'json', jsonBody: '{"companyName": "X"}' })),
			credentials,
		);
		expect(retried.error).toBeUndefined();
		expect(retried.output('NetSuite')[0].id).toBe('9');
		expect(upsert.isDone()).toBe(true);
	}, 20_000);
});

describe('throttling and errors (nock)', () => {
	it('waits for Retry-After on 429 and then succeeds', async () => {
		const scope = nock(HOST)
			.get('/services/rest/record/v1/customer/104')
			.reply(429, problem(429, 'CONCURRENCY_LIMIT_EXCEEDED', 'Concurrent request limit exceeded.'), { 'Retry-After': '1' })
			.get('/services/rest/record/v1/customer/104')
			.reply(200, { links: [], id: '104', companyName: 'Acme' });
		const started = Date.now();
		const result = await run(workflow([{}], netSuiteNode({ resource: 'customer', operation: 'get', recordId: '104' })), credentials);
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(result.output('NetSuite')[0]).toMatchObject({ id: '104', companyName: 'Acme' });
		expect(scope.isDone()).toBe(true);
	});

	it('treats 400 SSS_REQUEST_LIMIT_EXCEEDED as a throttle and retries even a create', async () => {
		const scope = nock(HOST)
			.post('/services/rest/record/v1/customer')
			.reply(400, problem(400, 'SSS_REQUEST_LIMIT_EXCEEDED', 'Request limit exceeded.'), { 'Retry-After': '0' })
			.post('/services/rest/record/v1/customer')
			.reply(204, '', { Location: `${HOST}/services/rest/record/v1/customer/777` });
		const result = await run(
			workflow([{}], netSuiteNode({ resource: 'customer', operation: 'create', specifyBody: 'json', jsonBody: '{"companyName": "Y"}' })),
			credentials,
		);
		expect(result.error).toBeUndefined();
		expect(result.output('NetSuite')[0].id).toBe('777');
		expect(scope.isDone()).toBe(true);
	});

	it('maps problem+json to an error that keeps o:errorCode and o:errorPath', async () => {
		nock(HOST)
			.post('/services/rest/record/v1/invoice')
			.reply(400, problem(400, 'INVALID_CONTENT', 'Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item', 'item.items[0].item'));
		const flow = workflow(
			[{}],
			netSuiteNode(
				{ resource: 'invoice', operation: 'create', specifyBody: 'json', jsonBody: '{"entity": {"id": "104"}, "item": {"items": [{"item": {"id": "9999"}}]}}' },
				{ continueOnFail: true },
			),
		);
		const result = await run(flow, credentials);
		const [item] = result.output('NetSuite');
		expect(item).toMatchObject({ code: 'INVALID_CONTENT', fields: ['item.items[0].item'] });
		expect(item.error).toBe(
			'NetSuite: INVALID_CONTENT: Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item (field: item.items[0].item)',
		);

		nock(HOST).get('/services/rest/record/v1/customer/1').reply(404, problem(404, 'NONEXISTENT_ID', 'The record instance does not exist.'));
		const stopped = await run(workflow([{}], netSuiteNode({ resource: 'customer', operation: 'get', recordId: '1' })), credentials);
		expect(stopped.error).toBe('NetSuite: NONEXISTENT_ID: The record instance does not exist.');
	});
});

describe('pure builders', () => {
	it('parses NetSuite errors, token endpoint errors and throttle signals', () => {
		expect(
			parseNetSuiteError({
				'o:errorDetails': [
					{ detail: 'first', 'o:errorCode': 'USER_ERROR', 'o:errorPath': 'subsidiary' },
					{ detail: 'second', 'o:errorCode': 'USER_ERROR', 'o:errorPath': 'parent' },
				],
			}),
		).toEqual({ code: 'USER_ERROR', message: 'first | second', fields: ['subsidiary', 'parent'] });
		expect(parseNetSuiteError({ 'o:errorDetails': [{ detail: 'bad q', 'o:errorCode': 'INVALID_PARAMETER', 'o:errorQueryParam': 'q' }] })).toEqual({
			code: 'INVALID_PARAMETER',
			message: 'bad q',
			fields: ['q'],
		});
		expect(parseNetSuiteError({ error: 'invalid_grant', error_description: 'expired' })).toEqual({ code: 'invalid_grant', message: 'expired', fields: [] });
		expect(parseNetSuiteError('<html>')).toBeUndefined();
		const failure = (status: number) => ({ status, headers: {}, body: undefined, message: '' });
		const error = (code: string) => ({ code, message: '', fields: [] });
		expect(isNetSuiteThrottle(failure(429), undefined)).toBe(true);
		expect(isNetSuiteThrottle(failure(400), error('SSS_REQUEST_LIMIT_EXCEEDED'))).toBe(true);
		expect(isNetSuiteThrottle(failure(403), error('CONCURRENCY_LIMIT_EXCEEDED'))).toBe(true);
		expect(isNetSuiteThrottle(failure(400), error('USER_ERROR'))).toBe(false);
		expect(isNetSuiteThrottle(failure(403), error('INSUFFICIENT_PERMISSION'))).toBe(false);
	});

	it('reads internal ids from Location headers', () => {
		expect(idFromLocation('https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/customer/107')).toBe('107');
		expect(idFromLocation('/services/rest/record/v1/job/88/')).toBe('88');
		expect(idFromLocation(undefined)).toBeUndefined();
	});

	it('builds record paths with eid: kept readable and ids encoded', () => {
		expect(recordPath('customer')).toBe('/services/rest/record/v1/customer');
		expect(recordPath('customer', '107')).toBe('/services/rest/record/v1/customer/107');
		expect(externalIdPath('job', 'SF 006&1')).toBe('/services/rest/record/v1/job/eid:SF%20006%261');
		// A slash cannot stay inside one segment (servers and proxies decode %2F), so such ids are refused.
		expect(() => externalIdPath('job', 'SF 006/1')).toThrow('externalId: "SF 006/1" cannot be used in the request path');
		expect(() => recordPath('job', '../employee/1')).toThrow('(field: recordId)');
	});

	it('escapes every value and validates every column name in SuiteQL conditions', () => {
		expect(conditionSql({ column: 'companyname', operator: 'equals', value: "O'Brien" })).toBe("companyname = 'O''Brien'");
		expect(conditionSql({ column: 'companyname', operator: 'contains', value: '100%_x' })).toBe("companyname LIKE '%100\\%\\_x%' ESCAPE '\\'");
		expect(conditionSql({ column: 'id', operator: 'in', value: "1, 2' OR 1=1 --" })).toBe("id IN ('1', '2'' OR 1=1 --')");
		expect(conditionSql({ column: 'email', operator: 'isEmpty' })).toBe('email IS NULL');
		expect(() => conditionSql({ column: 'id; DROP', operator: 'equals', value: '1' })).toThrow(/Invalid column name/);
		expect(() => conditionSql({ column: "companyname = 'x' OR 1", operator: 'equals', value: '1' })).toThrow(/Invalid column name/);
		expect(
			buildSelect({
				recordType: RECORD_TYPES.invoice,
				columns: ['id', 'tranid'],
				conditions: [
					{ column: 'entity', operator: 'equals', value: '104' },
					{ column: 'entity', operator: 'equals', value: '105' },
				],
				combineWith: 'OR',
				orderBy: 'trandate',
				direction: 'DESC',
			}),
		).toBe("SELECT id, tranid FROM transaction WHERE type = 'CustInvc' AND (entity = '104' OR entity = '105') ORDER BY trandate DESC, id ASC");
		expect(() => buildSelect({ recordType: RECORD_TYPES.customer, orderBy: 'id desc' })).toThrow(/Invalid sort column/);
	});
});

describe('resends that must not duplicate (nock)', () => {
	it('does not resend a PATCH that appends sublist lines, but resends one that only sets fields', async () => {
		const appending = nock(HOST).patch('/services/rest/record/v1/invoice/501').reply(502, 'Bad Gateway');
		const failed = await run(
			workflow([{}], netSuiteNode({ resource: 'invoice', operation: 'update', recordId: '501', specifyBody: 'json', jsonBody: '{"item": {"items": [{"item": {"id": "20"}}]}}' })),
			credentials,
		);
		expect(failed.error).toMatch(/NetSuite: HTTP_502/);
		expect(appending.isDone()).toBe(true);

		const replacing = nock(HOST)
			.patch('/services/rest/record/v1/invoice/501')
			.query({ replace: 'item' })
			.reply(502, 'Bad Gateway')
			.patch('/services/rest/record/v1/invoice/501')
			.query({ replace: 'item' })
			.reply(204, '');
		const resent = await run(
			workflow(
				[{}],
				netSuiteNode({
					resource: 'invoice',
					operation: 'update',
					recordId: '501',
					specifyBody: 'json',
					jsonBody: '{"memo": "x", "item": {"items": [{"item": {"id": "20"}}]}}',
					options: { replace: 'item' },
				}),
			),
			credentials,
		);
		expect(resent.error).toBeUndefined();
		expect(resent.output('NetSuite')[0]).toMatchObject({ id: '501', updated: true });
		expect(replacing.isDone()).toBe(true);
	}, 20_000);
});
