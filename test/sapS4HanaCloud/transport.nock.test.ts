/**
 * The SAP transport with nock standing in for the tenant: the CSRF handshake (token and cookie replayed, exactly
 * one re-fetch on 403 X-CSRF-Token: Required, then the refusal reaches the user), SAP's error body with
 * errordetails, the sap-message header, and the OData v2 date conversion.
 */
import nock from 'nock';

import { CSRF_REQUIRED_CODE, fromV2Date, parseSapError, sapMessages, toV2Date } from '../../nodes/SapS4HanaCloud/transport';
import { requestSapToken } from '../../nodes/SapS4HanaCloud/transport/auth';
import { shutdownN8nCore } from '../helpers/harness';
import { sapNode, workflow } from './helpers';
import { runWorkflow } from '../helpers/harness';
import { extraTypes } from './helpers';

const HOST = 'https://my123456-api.s4hana.cloud.sap';
const BP = '/sap/opu/odata/sap/API_BUSINESS_PARTNER';
const credentials = { hostUrl: HOST, username: 'COMM_USER', password: 'secret-password-1' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(async () => {
	nock.enableNetConnect();
	await shutdownN8nCore();
});

const create = () => workflow([{}], sapNode({ resource: 'businessPartner', operation: 'create', fieldsJson: '{"BusinessPartnerCategory":"2","BusinessPartnerGrouping":"BP02","OrganizationBPName1":"Acme"}' }, { continueOnFail: true }));
const run = async () => await runWorkflow(create(), { credentials: { p2cSapS4HanaCloudBasicApi: credentials as never }, extraTypes });
const created = { d: { __metadata: { uri: `${HOST}${BP}/A_BusinessPartner('1')` }, BusinessPartner: '1', OrganizationBPName1: 'Acme' } };

describe('SAP transport (nock)', () => {
	it('fetches the CSRF token with X-CSRF-Token: Fetch and replays the token with the session cookie', async () => {
		const scope = nock(HOST)
			.get(`${BP}/`)
			.matchHeader('x-csrf-token', 'Fetch')
			.reply(200, { d: {} }, { 'x-csrf-token': 'tok-1', 'set-cookie': ['SAP_SESSIONID_S4H_100=abc; path=/; HttpOnly', 'sap-usercontext=sap-client=100; path=/'] })
			.post(`${BP}/A_BusinessPartner`)
			.matchHeader('x-csrf-token', 'tok-1')
			.matchHeader('cookie', 'SAP_SESSIONID_S4H_100=abc; sap-usercontext=sap-client=100')
			.reply(201, created);
		const result = await run();
		expect(result.output('SAP')[0]).toMatchObject({ BusinessPartner: '1' });
		expect(scope.isDone()).toBe(true);
	});

	it('re-fetches once on 403 X-CSRF-Token: Required and resends; a second refusal reaches the item', async () => {
		const required = () => [403, 'CSRF token validation failed', { 'x-csrf-token': 'Required' }] as const;
		const recovered = nock(HOST)
			.get(`${BP}/`).reply(200, { d: {} }, { 'x-csrf-token': 'old', 'set-cookie': 'SAP_SESSIONID_S4H_100=s1; path=/' })
			.post(`${BP}/A_BusinessPartner`).matchHeader('x-csrf-token', 'old').reply(...required())
			.get(`${BP}/`).matchHeader('cookie', 'SAP_SESSIONID_S4H_100=s1').reply(200, { d: {} }, { 'x-csrf-token': 'new' })
			.post(`${BP}/A_BusinessPartner`).matchHeader('x-csrf-token', 'new').reply(201, created);
		expect((await run()).output('SAP')[0]).toMatchObject({ BusinessPartner: '1' });
		expect(recovered.isDone()).toBe(true);

		const refusedTwice = nock(HOST)
			.get(`${BP}/`).reply(200, { d: {} }, { 'x-csrf-token': 'a' })
			.post(`${BP}/A_BusinessPartner`).reply(...required())
			.get(`${BP}/`).reply(200, { d: {} }, { 'x-csrf-token': 'b' })
			.post(`${BP}/A_BusinessPartner`).reply(...required());
		const result = await run();
		expect(result.output('SAP')[0]).toMatchObject({ code: CSRF_REQUIRED_CODE });
		expect(refusedTwice.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('never sends the credential to a __next link on another host: the read fails naming the service root', async () => {
		nock(HOST)
			.get(`${BP}/A_BusinessPartner`)
			.query(true)
			.reply(200, { d: { results: [{ BusinessPartner: '1' }], __next: `https://evil.example.test${BP}/A_BusinessPartner?$skiptoken=2` } });
		const evil = nock('https://evil.example.test').get(/.*/).reply(200, { d: { results: [] } });
		const result = await runWorkflow(workflow([{}], sapNode({ resource: 'businessPartner', operation: 'getMany', returnAll: true }, { continueOnFail: true })), {
			credentials: { p2cSapS4HanaCloudBasicApi: credentials as never },
			extraTypes,
		});
		expect(evil.isDone()).toBe(false);
		expect(JSON.stringify(result.output('SAP'))).toContain(`SAP S/4HANA Cloud gave a link outside its service root (${HOST}${BP})`);
	});

	it('reads SAP’s error body: T100 code, message, errordetails with propertyref', () => {
		const body = {
			error: {
				code: 'CATS_APPL/041',
				message: { lang: 'en', value: 'WBS element X does not exist' },
				innererror: { errordetails: [{ code: 'CATS_APPL/041', message: 'WBS element X does not exist', propertyref: 'TimeSheetDataFields/WBSElement', severity: 'error', target: '' }, { code: 'CATS_APPL/999', message: 'Check the project', propertyref: '', target: '/#TRANSIENT#', severity: 'info' }] },
			},
		};
		expect(parseSapError(body)).toEqual({ code: 'CATS_APPL/041', message: 'WBS element X does not exist (Check the project)', fields: ['TimeSheetDataFields/WBSElement', '/#TRANSIENT#'] });
		expect(parseSapError('CSRF token validation failed', { status: 403, headers: { 'x-csrf-token': 'Required' }, body: '', message: '' })?.code).toBe(CSRF_REQUIRED_CODE);
		// A 403 without the header is an authorization refusal, not a CSRF one.
		expect(parseSapError({ error: { code: 'HTTP/403', message: { value: 'No authorization' } } }, { status: 403, headers: {}, body: '', message: '' })?.code).toBe('HTTP/403');
	});

	it('reads the sap-message header with its details', () => {
		const header = JSON.stringify({ code: 'CJ/100', message: 'Saved', severity: 'info', target: '', details: [{ code: 'CJ/101', message: 'Dates adjusted', severity: 'warning', target: 'PlannedEndDate' }] });
		expect(sapMessages({ 'sap-message': header })).toEqual([
			{ code: 'CJ/100', message: 'Saved', severity: 'info', target: '' },
			{ code: 'CJ/101', message: 'Dates adjusted', severity: 'warning', target: 'PlannedEndDate' },
		]);
		expect(sapMessages({})).toEqual([]);
	});

	it('converts OData v2 dates exactly and refuses impossible dates', () => {
		expect(toV2Date('2026-01-13', 'date')).toBe('/Date(1768262400000)/');
		expect(fromV2Date('/Date(1768262400000)/')).toBe('2026-01-13');
		expect(fromV2Date('/Date(1768262400000+0000)/')).toBe('2026-01-13');
		expect(() => toV2Date('2026-02-30', 'date')).toThrow('field: date');
	});

	it('fetches an OAuth token with the client as HTTP Basic; a refusal keeps SAP\'s error, never the secret', async () => {
		const helper = { helpers: { httpRequest: async (options: Record<string, any>) => {
			const response = await fetch(options.url, { method: options.method, headers: options.headers, body: options.body });
			return { statusCode: response.status, body: await response.json() };
		} } } as never;
		const secret = 'client-secret-value-1';
		nock(HOST).post('/sap/bc/sec/oauth2/token', 'grant_type=client_credentials').matchHeader('authorization', `Basic ${Buffer.from(`CLIENT:${secret}`).toString('base64')}`).reply(200, { access_token: 'at-1', token_type: 'Bearer', expires_in: 3600 });
		await expect(requestSapToken(helper, { hostUrl: HOST, clientId: 'CLIENT', clientSecret: secret })).resolves.toEqual({ accessToken: 'at-1' });
		nock(HOST).post('/sap/bc/sec/oauth2/token').reply(401, { error: 'invalid_client', error_description: `Client authentication failed for ${secret}` });
		const refused = requestSapToken(helper, { hostUrl: HOST, clientId: 'CLIENT', clientSecret: secret });
		await expect(refused).rejects.toThrow('invalid_client: Client authentication failed for [redacted]');
	});
});
