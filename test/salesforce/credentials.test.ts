import jwt from 'jsonwebtoken';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { P2cSalesforceJwtApi } from '../../credentials/P2cSalesforceJwtApi.credentials';
import { buildJwtAssertion, jwtAudienceOf, loginUrlOf } from '../../nodes/Salesforce/transport/auth';
import { normalisePem } from '../../nodes/shared/kit/jwt';
import {
	createSalesforceSandbox,
	SALESFORCE_SANDBOX_PUBLIC_KEY,
	SALESFORCE_UNREGISTERED_PRIVATE_KEY,
	salesforceSandboxClientCredentials,
	salesforceSandboxCredentials,
} from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { shutdownN8nCore } from '../helpers/harness';
import { runSalesforceNode } from './helpers';

const query = { resource: 'search', operation: 'query', soql: 'SELECT Id FROM Account LIMIT 1' };

describe('Salesforce credentials', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';

	beforeAll(async () => {
		sandbox = createSalesforceSandbox();
		baseUrl = await sandbox.start(0);
	});
	beforeEach(() => sandbox.reset());
	afterAll(async () => {
		await sandbox.stop();
		await shutdownN8nCore();
	});

	const tokenCalls = () => sandbox.requests.filter((r) => r.path === '/services/oauth2/token');

	it('signs an RS256 assertion with iss, sub, aud and a short exp', () => {
		const credentials = salesforceSandboxCredentials(baseUrl);
		const assertion = buildJwtAssertion({
			clientId: credentials.clientId,
			username: credentials.username,
			audience: jwtAudienceOf(credentials),
			privateKeyPem: credentials.privateKey,
			nowSeconds: 1_800_000_000,
		});
		const claims = jwt.verify(assertion, SALESFORCE_SANDBOX_PUBLIC_KEY, { algorithms: ['RS256'], ignoreExpiration: true }) as jwt.JwtPayload;
		expect(claims).toEqual({ iss: credentials.clientId, sub: credentials.username, aud: baseUrl, exp: 1_800_000_180 });
		expect(jwt.decode(assertion, { complete: true })?.header).toEqual({ alg: 'RS256', typ: 'JWT' });
	});

	it('resolves login host and audience: production, sandbox, custom, My Domain', () => {
		expect(loginUrlOf({ environment: 'production' })).toBe('https://login.salesforce.com');
		expect(loginUrlOf({ environment: 'sandbox' })).toBe('https://test.salesforce.com');
		expect(loginUrlOf({ environment: 'custom', loginUrl: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
		expect(jwtAudienceOf({ environment: 'sandbox', myDomainUrl: 'https://acme--uat.sandbox.my.salesforce.com/' })).toBe(
			'https://acme--uat.sandbox.my.salesforce.com',
		);
		expect(jwtAudienceOf({ environment: 'sandbox' })).toBe('https://test.salesforce.com');
	});

	it('accepts a PEM whose line breaks were flattened when pasted', () => {
		const pem = salesforceSandboxCredentials(baseUrl).privateKey;
		expect(normalisePem(pem.replace(/\n/g, ' '))).toBe(pem);
		expect(normalisePem(pem.replace(/\n/g, '\\n'))).toBe(pem);
	});

	it('exchanges the assertion once (verified by the sandbox with jsonwebtoken) and reuses the cached session', async () => {
		const credentials: ICredentialDataDecryptedObject = salesforceSandboxCredentials(baseUrl);
		const first = await runSalesforceNode({ credentials, parameters: query });
		expect(first.error).toBeUndefined();
		expect(first.credentials.preAuthenticationCalls).toEqual(['p2cSalesforceJwtApi']);
		expect(credentials.accessToken).toEqual(expect.stringMatching(/^00D\w+!/));
		expect(credentials.instanceUrl).toBe(baseUrl);
		const second = await runSalesforceNode({ credentials, parameters: query });
		expect(second.error).toBeUndefined();
		expect(second.credentials.preAuthenticationCalls).toEqual([]);
		expect(tokenCalls()).toHaveLength(1);
		expect(tokenCalls()[0].body).toEqual(expect.stringContaining('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer'));
		expect(sandbox.org.sessionCount).toBe(1);
	});

	it('gets a new session when Salesforce answers 401 INVALID_SESSION_ID', async () => {
		const credentials: ICredentialDataDecryptedObject = salesforceSandboxCredentials(baseUrl);
		await runSalesforceNode({ credentials, parameters: query });
		const oldToken = credentials.accessToken;
		sandbox.org.expireSessions();
		const result = await runSalesforceNode({ credentials, parameters: query });
		expect(result.error).toBeUndefined();
		expect(result.output('Salesforce')).toHaveLength(1);
		expect(credentials.accessToken).not.toBe(oldToken);
		expect(sandbox.requests.filter((r) => r.path.endsWith('/query')).map((r) => r.status)).toEqual([200, 401, 200]);
		expect(tokenCalls()).toHaveLength(2);
	});

	it.each([
		['a key the app does not know', { privateKey: SALESFORCE_UNREGISTERED_PRIVATE_KEY }, 'invalid_grant: invalid assertion'],
		['an unknown consumer key', { clientId: 'not-a-consumer-key' }, 'invalid_client_id: client identifier invalid'],
		['a user who is not pre-authorized', { username: 'maria.sales@brightline-consulting.example' }, "invalid_grant: user hasn't approved this consumer"],
		['the wrong audience', { myDomainUrl: 'https://someone-else.my.salesforce.com' }, 'invalid_grant: audience is invalid'],
	])('reports Salesforce’s reason when the token request fails: %s', async (_case, override, reason) => {
		const credentials = { ...salesforceSandboxCredentials(baseUrl), ...override };
		const result = await runSalesforceNode({ credentials, parameters: query });
		expect(result.error).toContain(reason);
		expect(result.error).not.toContain('BEGIN PRIVATE KEY');
		expect(sandbox.requests.filter((r) => r.path.includes('/services/data'))).toHaveLength(0);
	});

	it('client credentials flow: token from the My Domain host, cached the same way', async () => {
		const credentials: ICredentialDataDecryptedObject = salesforceSandboxClientCredentials(baseUrl);
		const first = await runSalesforceNode({ credentials, credentialType: 'p2cSalesforceClientCredentialsApi', parameters: query });
		expect(first.error).toBeUndefined();
		await runSalesforceNode({ credentials, credentialType: 'p2cSalesforceClientCredentialsApi', parameters: query });
		expect(tokenCalls()).toHaveLength(1);
		expect(tokenCalls()[0].body).toEqual(expect.stringContaining('grant_type=client_credentials'));
		const bad = await runSalesforceNode({
			credentials: { ...salesforceSandboxClientCredentials(baseUrl), clientSecret: 'wrong' },
			credentialType: 'p2cSalesforceClientCredentialsApi',
			parameters: query,
		});
		expect(bad.error).toContain('invalid_client: invalid client credentials');
	});

	it('authenticate adds the bearer token and the instance URL, and leaves a test request’s own base URL', async () => {
		const type = new P2cSalesforceJwtApi();
		const credentials = { accessToken: 'T0K', instanceUrl: 'https://acme.my.salesforce.com' };
		const relative = await type.authenticate(credentials, { url: '/services/data/v62.0/limits' } as IHttpRequestOptions);
		expect(relative).toMatchObject({ baseURL: 'https://acme.my.salesforce.com', headers: { Authorization: 'Bearer T0K' } });
		const test = await type.authenticate(credentials, { baseURL: 'https://login.salesforce.com', url: '/services/oauth2/userinfo' } as IHttpRequestOptions);
		expect(test.baseURL).toBe('https://login.salesforce.com');
	});
});
