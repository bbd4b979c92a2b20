// Backoff waits go through n8n's sleep; recording them instead keeps retry tests fast and countable.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
import { sleep } from 'n8n-workflow';
import jwt from 'jsonwebtoken';
import nock from 'nock';

import { isSalesforceThrottle, parseLimitInfo, parseSalesforceError } from '../../nodes/Salesforce/transport';
import { SALESFORCE_SANDBOX_PRIVATE_KEY, SALESFORCE_SANDBOX_PUBLIC_KEY } from '../../sandbox/salesforce';
import { shutdownN8nCore } from '../helpers/harness';
import { runSalesforceNode } from './helpers';

const LOGIN = 'https://login.example.test';
const INSTANCE = 'https://brightline.my.example.test';
const credentials = () => ({
	environment: 'custom',
	loginUrl: LOGIN,
	clientId: '3MVG9.consumer',
	username: 'integration@brightline.example',
	privateKey: SALESFORCE_SANDBOX_PRIVATE_KEY,
	apiVersion: 'v61.0',
});
const limitExceeded = [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }];

/** The token endpoint, checking the assertion with the public key the way Salesforce would. */
function tokenEndpoint() {
	return nock(LOGIN)
		.post('/services/oauth2/token', (body: Record<string, string> | string) => {
			const form = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body;
			if (form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return false;
			const claims = jwt.verify(form.assertion, SALESFORCE_SANDBOX_PUBLIC_KEY, { algorithms: ['RS256'], audience: LOGIN, issuer: '3MVG9.consumer' }) as jwt.JwtPayload;
			return claims.sub === 'integration@brightline.example';
		})
		.reply(200, { access_token: '00Dxx!session', instance_url: INSTANCE, id: `${LOGIN}/id/00Dxx/005xx`, token_type: 'Bearer' });
}

describe('Salesforce transport (nock)', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(async () => {
		nock.enableNetConnect();
		await shutdownN8nCore();
	});

	const query = { resource: 'search', operation: 'query', soql: 'SELECT Id, Name FROM Account', returnAll: true };

	it('follows nextRecordsUrl across three pages, as given, until done', async () => {
		const token = tokenEndpoint();
		const page = (n: number) => [{ attributes: { type: 'Account', url: `/x/${n}` }, Id: `001xx00000000${n}AAA`, Name: `A${n}` }];
		const api = nock(INSTANCE, { reqheaders: { authorization: 'Bearer 00Dxx!session' } })
			.get('/services/data/v61.0/query')
			.query({ q: 'SELECT Id, Name FROM Account' })
			.reply(200, { totalSize: 3, done: false, nextRecordsUrl: '/services/data/v61.0/query/01gxx0000000001-1', records: page(1) })
			.get('/services/data/v61.0/query/01gxx0000000001-1')
			.reply(200, { totalSize: 3, done: false, nextRecordsUrl: '/services/data/v61.0/query/01gxx0000000001-2', records: page(2) })
			.get('/services/data/v61.0/query/01gxx0000000001-2')
			.reply(200, { totalSize: 3, done: true, records: page(3) });
		const result = await runSalesforceNode({ credentials: credentials(), parameters: query });
		expect(result.error).toBeUndefined();
		expect(result.output('Salesforce').map((r) => r.Name)).toEqual(['A1', 'A2', 'A3']);
		expect(result.output('Salesforce')[0]).not.toHaveProperty('attributes');
		token.done();
		api.done();
	});

	it('retries 403 REQUEST_LIMIT_EXCEEDED and succeeds on the next attempt', async () => {
		(sleep as jest.Mock).mockClear();
		tokenEndpoint();
		let attempts = 0;
		nock(INSTANCE)
			.get('/services/data/v61.0/query')
			.query(true)
			.times(2)
			.reply(() => {
				attempts++;
				return attempts === 1
					? [403, limitExceeded, { 'Sforce-Limit-Info': 'api-usage=15000/15000' }]
					: [200, { totalSize: 1, done: true, records: [{ Id: '001xx000000001AAA' }] }, { 'Sforce-Limit-Info': 'api-usage=14990/15000' }];
			});
		const result = await runSalesforceNode({ credentials: credentials(), parameters: query });
		expect(result.error).toBeUndefined();
		expect(attempts).toBe(2);
		expect(result.output('Salesforce')).toHaveLength(1);
		// One backoff between the two attempts, within the kit's first step (≤ 500 ms).
		expect((sleep as jest.Mock).mock.calls).toEqual([[expect.any(Number)]]);
		expect((sleep as jest.Mock).mock.calls[0][0]).toBeLessThanOrEqual(500);
	});

	it('gives up on a persistent REQUEST_LIMIT_EXCEEDED after 5 attempts and keeps the code', async () => {
		(sleep as jest.Mock).mockClear();
		tokenEndpoint();
		const api = nock(INSTANCE).get('/services/data/v61.0/query').query(true).times(5).reply(403, limitExceeded);
		const result = await runSalesforceNode({ credentials: credentials(), parameters: query });
		expect(result.error).toBe('Salesforce: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.');
		const error = result.run.data.resultData.error as unknown as { context: Record<string, unknown> };
		expect(error.context).toMatchObject({ vendorErrorCode: 'REQUEST_LIMIT_EXCEEDED', attempts: 5 });
		expect((sleep as jest.Mock).mock.calls).toHaveLength(4);
		api.done();
	});

	it('does not retry a request Salesforce rejected for its content', async () => {
		tokenEndpoint();
		const api = nock(INSTANCE)
			.get('/services/data/v61.0/query')
			.query(true)
			.reply(400, [{ message: "\nSELECT Foo FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo'", errorCode: 'INVALID_FIELD' }]);
		const result = await runSalesforceNode({ credentials: credentials(), parameters: query, continueOnFail: true });
		expect(result.output('Salesforce')[0]).toMatchObject({ code: 'INVALID_FIELD' });
		api.done();
	});

	it('parses Salesforce error arrays, collection errors and token errors', () => {
		expect(parseSalesforceError([{ message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }])).toEqual({
			code: 'REQUIRED_FIELD_MISSING',
			message: 'Required fields are missing: [Name]',
			fields: ['Name'],
		});
		expect(parseSalesforceError([{ statusCode: 'DUPLICATE_VALUE', message: 'dup', fields: ['External_Id__c'] }])?.code).toBe('DUPLICATE_VALUE');
		expect(parseSalesforceError({ error: 'invalid_grant', error_description: 'audience is invalid' })).toEqual({ code: 'invalid_grant', message: 'audience is invalid', fields: [] });
		expect(parseSalesforceError('<html>')).toBeUndefined();
	});

	it('treats 403 REQUEST_LIMIT_EXCEEDED and 503 as throttles, other 403s not', () => {
		const headers = {};
		expect(isSalesforceThrottle({ status: 403, headers, body: null, message: '' }, { code: 'REQUEST_LIMIT_EXCEEDED', message: '', fields: [] })).toBe(true);
		expect(isSalesforceThrottle({ status: 403, headers, body: null, message: '' }, { code: 'INSUFFICIENT_ACCESS', message: '', fields: [] })).toBe(false);
		expect(isSalesforceThrottle({ status: 503, headers, body: null, message: '' }, { code: 'SERVER_UNAVAILABLE', message: '', fields: [] })).toBe(true);
		expect(parseLimitInfo('api-usage=18/15000; per-app-api-usage=17/250(appName=x)')).toEqual({ used: 18, limit: 15000 });
	});
});
