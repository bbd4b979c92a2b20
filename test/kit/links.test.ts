/**
 * Links a vendor gives (next pages, delta links) are followed with the credential attached, so every transport
 * that follows one checks it with the kit's linkWithin first: a link to another origin, or outside the API's
 * root on the same host, is refused with a clear error and never requested.
 */
import jwt from 'jsonwebtoken';
import nock from 'nock';

import { connectionOf, requestUrl } from '../../nodes/Dataverse/transport';
import { LinkOutsideRootError, linkWithin } from '../../nodes/shared/kit';
import { SALESFORCE_SANDBOX_PRIVATE_KEY, SALESFORCE_SANDBOX_PUBLIC_KEY } from '../../sandbox/salesforce';
import { financeNode, runWith, workflow } from '../dynamics365Finance/helpers';
import { shutdownN8nCore } from '../helpers/harness';
import { runSalesforceNode } from '../salesforce/helpers';

const EVIL = 'https://evil.example.test';

describe('kit linkWithin', () => {
	it('follows a link under an absolute root and refuses every other origin or path', () => {
		const root = 'https://contoso.crm4.dynamics.com/api/data/v9.2';
		expect(linkWithin(`${root}/accounts?$skiptoken=%3Ccookie%20page=%222%22%20/%3E`, root)).toBe(`${root}/accounts?$skiptoken=%3Ccookie%20page=%222%22%20/%3E`);
		expect(linkWithin('HTTPS://Contoso.CRM4.dynamics.com/api/data/v9.2/accounts', root)).toBe(`${root}/accounts`);
		for (const outside of [
			`${EVIL}/api/data/v9.2/accounts`,
			'https://contoso.crm4.dynamics.com.evil.example.test/api/data/v9.2/accounts',
			'https://contoso.crm4.dynamics.com@evil.example.test/api/data/v9.2/accounts',
			'https://user:pw@contoso.crm4.dynamics.com/api/data/v9.2/accounts',
			'https://contoso.crm4.dynamics.com:444/api/data/v9.2/accounts',
			'http://contoso.crm4.dynamics.com/api/data/v9.2/accounts',
			'https://contoso.crm4.dynamics.com/api/data/v9.2/../../../XRMServices/2011/Organization.svc',
			'https://contoso.crm4.dynamics.com/api/data/v9.2/%2e%2e/%2e%2e/other',
			'https://contoso.crm4.dynamics.com/api/data/v9.2\\..\\..\\other',
			'https://contoso.crm4.dynamics.com/api/data/v9.20/accounts',
			'/api/data/v9.2/accounts',
			'//evil.example.test/api/data/v9.2/accounts',
			'',
		]) {
			expect(() => linkWithin(outside, root, 'Dataverse')).toThrow(LinkOutsideRootError);
		}
		expect(() => linkWithin(`${EVIL}/x`, root, 'Dataverse')).toThrow(`Dataverse gave a link outside its service root (${root})`);
	});

	it('with a path root (requests relative to the credential host) follows only paths below it', () => {
		expect(linkWithin('/services/data/v61.0/query/01gxx0000000001-2000', '/services/data')).toBe('/services/data/v61.0/query/01gxx0000000001-2000');
		for (const outside of [
			`${EVIL}/services/data/v61.0/query/01gxx-2000`,
			'//evil.example.test/services/data/v61.0/query/01gxx-2000',
			'/\\evil.example.test/services/data/v61.0/query/01gxx-2000',
			'/services/data/../apexrest/x',
			'/services/database/x',
			'services/data/v61.0/query/01gxx-2000',
		]) {
			expect(() => linkWithin(outside, '/services/data', 'Salesforce')).toThrow(LinkOutsideRootError);
		}
	});

	it('the Dataverse transport refuses a link that leaves the service root on the same host', () => {
		const connection = connectionOf('p2cDataverseClientCredentialsApi', { environmentUrl: 'https://contoso.crm4.dynamics.com', clientId: 'app-1' });
		expect(() => requestUrl(connection, { url: 'https://contoso.crm4.dynamics.com/api/data/v9.2/../../../XRMServices/2011/Organization.svc' })).toThrow(LinkOutsideRootError);
		expect(() => requestUrl(connection, { url: `${EVIL}/api/data/v9.2/accounts` })).toThrow(LinkOutsideRootError);
	});
});

describe('transports never send the credential to a link on another origin', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(async () => {
		nock.enableNetConnect();
		await shutdownN8nCore();
	});

	it('Dynamics 365 Finance: an @odata.nextLink to another host fails the read and is not requested', async () => {
		const env = 'https://contoso.operations.dynamics.com';
		nock(env).get('/data/CustomersV3').query(true).reply(200, { value: [{ dataAreaId: 'usmf', CustomerAccount: 'US-1001' }], '@odata.nextLink': `${EVIL}/data/CustomersV3?$skiptoken=abc` });
		const evil = nock(EVIL).get(/.*/).reply(200, { value: [] });
		const credentials = { tenantId: 'tenant', clientId: 'client', authentication: 'clientSecret', clientSecret: 'shh', environmentUrl: env, accessToken: 'cached-token' };
		const result = await runWith(credentials, workflow([{}], financeNode({ resource: 'customer', operation: 'getMany', company: 'usmf', returnAll: true })));
		expect(evil.isDone()).toBe(false);
		expect(result.error).toMatch(/Dynamics 365 Finance gave a link outside its service root \(https:\/\/contoso\.operations\.dynamics\.com\/data\)/);
	});

	it('Salesforce: a nextRecordsUrl that is not a query path on the instance fails the query and is not requested', async () => {
		const login = 'https://login.example.test';
		const instance = 'https://brightline.my.example.test';
		nock(login)
			.post('/services/oauth2/token', (body: Record<string, string> | string) => {
				const form = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body;
				return Boolean(jwt.verify(form.assertion, SALESFORCE_SANDBOX_PUBLIC_KEY, { algorithms: ['RS256'] }));
			})
			.reply(200, { access_token: '00Dxx!session', instance_url: instance, id: `${login}/id/00Dxx/005xx`, token_type: 'Bearer' });
		nock(instance)
			.get('/services/data/v61.0/query')
			.query(true)
			.reply(200, { totalSize: 2, done: false, nextRecordsUrl: `${EVIL}/services/data/v61.0/query/01gxx0000000001-1`, records: [{ Id: '001xx000000001AAA', Name: 'A1' }] });
		const evil = nock(EVIL).get(/.*/).reply(200, { done: true, records: [] });
		const stray = nock(instance).get(/.*/).reply(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
		const result = await runSalesforceNode({
			credentials: { environment: 'custom', loginUrl: login, clientId: '3MVG9.consumer', username: 'integration@brightline.example', privateKey: SALESFORCE_SANDBOX_PRIVATE_KEY, apiVersion: 'v61.0' },
			parameters: { resource: 'search', operation: 'query', soql: 'SELECT Id, Name FROM Account', returnAll: true },
		});
		expect(evil.isDone()).toBe(false);
		expect(stray.isDone()).toBe(false);
		expect(result.error).toMatch(/Salesforce gave a link outside its service root \(\/services\/data\)/);
	});
});
