/**
 * The Microsoft credentials inside n8n-core's request path: the token is fetched by preAuthentication, cached on
 * the credential (expirable), reused, and renewed exactly once when the resource answers 401; token failures
 * reach the user with Entra's AADSTS reason and never with the secret. Plus the OAuth2 (authorization code)
 * credential's shape and the sandbox's authorization-code and refresh grants.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { P2cDataverseClientCredentialsApi } from '../../credentials/P2cDataverseClientCredentialsApi.credentials';
import { P2cDataverseOAuth2Api } from '../../credentials/P2cDataverseOAuth2Api.credentials';
import { P2cDynamics365FinanceApi } from '../../credentials/P2cDynamics365FinanceApi.credentials';
import { SandboxServer } from '../../sandbox/core/server';
import type { SandboxResponse } from '../../sandbox/core/server';
import {
	createEntraSandbox,
	ENTRA_SANDBOX_CLIENT_ID,
	ENTRA_SANDBOX_CLIENT_SECRET,
	ENTRA_SANDBOX_TENANT_ID,
	ENTRA_SANDBOX_USER,
	entraSandboxClientCredentials,
	entraSandboxOAuth2Credentials,
	revokeIssuedTokens,
	verifyAccessToken,
} from '../../sandbox/entra';
import { ODataError, ODataService, standardDialect } from '../../sandbox/odata';
import { runWorkflow, shutdownN8nCore } from '../helpers/harness';
import { startNodeEmitting } from '../kit/trigger-items';
import { resolveExpression } from './helpers';

/** Sends GET <environment>/api/data/v9.2/WhoAmI through n8n's authenticated request helper. */
class WhoAmIProbe implements INodeType {
	description = {
		displayName: 'WhoAmI Probe',
		name: 'whoAmIProbe',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'WhoAmI' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'p2cDataverseClientCredentialsApi', required: false },
			{ name: 'p2cDynamics365FinanceApi', required: false },
			{ name: 'p2cDataverseOAuth2Api', required: false },
		],
		properties: [{ displayName: 'Credential Type', name: 'credentialType', type: 'string', default: 'p2cDataverseClientCredentialsApi' }],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions) {
		const type = this.getNodeParameter('credentialType', 0) as string;
		const credentials = await this.getCredentials(type);
		const body = await this.helpers.httpRequestWithAuthentication.call(this, type, {
			method: 'GET',
			url: `${String(credentials.environmentUrl)}/api/data/v9.2/WhoAmI`,
			json: true,
		});
		return [[{ json: body }]];
	}
}

describe('Microsoft credentials', () => {
	const entra = createEntraSandbox();
	const resource = new SandboxServer({ name: 'resource', reset: () => undefined, snapshot: () => ({}) });
	let resourceOrigin = '';
	const service: ODataService = new ODataService({
		root: '/api/data/v9.2',
		dialect: standardDialect,
		sets: [],
		hooks: {
			authorize: (request): SandboxResponse | undefined => {
				const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
				const check = verifyAccessToken(token, resourceOrigin);
				return check.valid ? undefined : service.errorResponse(new ODataError(401, 'unauthorized', `Authentication failed: ${check.reason}`));
			},
			functions: { WhoAmI: ({ request }) => ({ status: 200, body: { UserId: verifyAccessToken(request.headers.authorization.slice(7), resourceOrigin).valid ? 'ok' : 'no' } }) },
		},
	});
	service.mount(resource);
	let entraUrl = '';

	beforeAll(async () => {
		entraUrl = await entra.start(0);
		resourceOrigin = await resource.start(0);
	});
	beforeEach(() => {
		entra.reset();
		resource.reset();
	});
	afterAll(async () => {
		await entra.stop();
		await resource.stop();
		await shutdownN8nCore();
	});

	/** Runs the probe; the credential as n8n stored it afterwards (token cached) is written back into `credentials`. */
	async function run(credentials: ICredentialDataDecryptedObject, credentialType = 'p2cDataverseClientCredentialsApi') {
		const result = await runWorkflow(
			{
				nodes: [
					{ id: '1', name: 'Start', type: 'n8n-nodes-planning-to-cash.startItems', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: '2',
						name: 'WhoAmI',
						type: 'n8n-nodes-planning-to-cash.whoAmIProbe',
						typeVersion: 1,
						position: [200, 0],
						parameters: { credentialType },
						credentials: { [credentialType]: { id: 'c1', name: 'Microsoft' } },
					},
				],
				connections: { Start: { main: [[{ node: 'WhoAmI', type: 'main', index: 0 }]] } },
			},
			{ credentials: { [credentialType]: credentials }, extraTypes: { nodes: [new WhoAmIProbe(), startNodeEmitting([{}])] }, startNode: 'Start' },
		);
		Object.assign(credentials, result.credentials.store[credentialType]);
		return result;
	}

	const resourceStatuses = () => resource.requests.map((r) => r.status);

	it('fetches the token once, caches it on the credential and reuses it', async () => {
		const credentials: ICredentialDataDecryptedObject = entraSandboxClientCredentials(entraUrl, resourceOrigin);
		const first = await run(credentials);
		expect(first.error).toBeUndefined();
		expect(first.output('WhoAmI')).toEqual([{ UserId: 'ok' }]);
		expect(first.credentials.preAuthenticationCalls).toEqual(['p2cDataverseClientCredentialsApi']);
		expect(verifyAccessToken(String(credentials.accessToken), resourceOrigin).valid).toBe(true);
		const second = await run(credentials);
		expect(second.error).toBeUndefined();
		expect(second.credentials.preAuthenticationCalls).toEqual([]);
		expect(entra.issued).toHaveLength(1);
		expect(resourceStatuses()).toEqual([200, 200]);
	});

	it('renews the token once when the resource answers 401, then succeeds', async () => {
		const credentials: ICredentialDataDecryptedObject = entraSandboxClientCredentials(entraUrl, resourceOrigin);
		await run(credentials);
		const oldToken = credentials.accessToken;
		revokeIssuedTokens();
		const result = await run(credentials);
		expect(result.error).toBeUndefined();
		expect(result.output('WhoAmI')).toEqual([{ UserId: 'ok' }]);
		expect(credentials.accessToken).not.toBe(oldToken);
		expect(resourceStatuses()).toEqual([200, 401, 200]);
		expect(entra.issued).toHaveLength(2);
	});

	it('the Finance credential signs a certificate assertion and gets a token for its environment', async () => {
		const credentials: ICredentialDataDecryptedObject = entraSandboxClientCredentials(entraUrl, resourceOrigin, 'certificate');
		const result = await run(credentials, 'p2cDynamics365FinanceApi');
		expect(result.error).toBeUndefined();
		expect(entra.issued).toEqual([{ clientId: ENTRA_SANDBOX_CLIENT_ID, aud: resourceOrigin, idtyp: 'app', grantType: 'client_credentials' }]);
		expect(String(entra.requests[0].body)).toContain('client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer');
	});

	it("a refused token request fails the node with Entra's AADSTS reason and without the secret; nothing reaches the resource", async () => {
		const wrongSecret = 'Wrong~Secret.Value_123456';
		const result = await run({ ...entraSandboxClientCredentials(entraUrl, resourceOrigin), clientSecret: wrongSecret });
		expect(result.error).toContain('invalid_client: AADSTS7000215: Invalid client secret provided');
		expect(result.error).not.toContain(wrongSecret);
		expect(result.error).not.toContain(ENTRA_SANDBOX_CLIENT_SECRET);
		expect(resource.requests).toHaveLength(0);
	});

	it('the client-credential credentials share the Entra fields and add the Dataverse or Finance ones', async () => {
		const dataverse = new P2cDataverseClientCredentialsApi();
		const finance = new P2cDynamics365FinanceApi();
		const names = (type: { properties: Array<{ name: string }> }) => type.properties.map((p) => p.name);
		const shared = ['accessToken', 'authorityHost', 'tenantId', 'clientId', 'authentication', 'clientSecret', 'certificate', 'privateKey', 'environmentUrl'];
		expect(names(dataverse)).toEqual(expect.arrayContaining([...shared, 'apiVersion', 'maxConcurrentRequests']));
		expect(names(finance)).toEqual(expect.arrayContaining(shared));
		expect(names(finance)).not.toContain('maxConcurrentRequests');
		const defaults = Object.fromEntries(dataverse.properties.map((p) => [p.name, p.default]));
		expect(defaults).toMatchObject({ authorityHost: 'https://login.microsoftonline.com', apiVersion: '9.2', maxConcurrentRequests: 52, authentication: 'clientSecret' });
		const accessToken = dataverse.properties.find((p) => p.name === 'accessToken')!;
		expect(accessToken).toMatchObject({ type: 'hidden', typeOptions: { expirable: true, password: true } });
		const signed = await dataverse.authenticate({ accessToken: 'T0K' }, { url: 'https://x/api/data/v9.2/accounts', headers: { Prefer: 'odata.maxpagesize=10' } });
		expect(signed.headers).toEqual({ Prefer: 'odata.maxpagesize=10', Authorization: 'Bearer T0K' });
		expect(dataverse.test.request.method).toBe('GET');
		const pasted = { environmentUrl: 'https://contoso.crm.dynamics.com/', apiVersion: '9.1' };
		expect(resolveExpression(String(dataverse.test.request.baseURL), pasted) + resolveExpression(String(dataverse.test.request.url), pasted)).toBe(
			'https://contoso.crm.dynamics.com/api/data/v9.1/WhoAmI',
		);
		expect(finance.test.request.url).toBe('/data/LegalEntities?$top=1&$select=LegalEntityId');
	});

	it('OAuth2 credential: extends oAuth2Api with Entra endpoints of the tenant and the environment user_impersonation scope', () => {
		const credential = new P2cDataverseOAuth2Api();
		expect(credential.extends).toEqual(['oAuth2Api']);
		const defaults = Object.fromEntries(credential.properties.map((p) => [p.name, p.default]));
		expect(defaults).toMatchObject({ grantType: 'authorizationCode', apiVersion: '9.2', maxConcurrentRequests: 52 });
		const self = { authorityHost: 'https://login.microsoftonline.com/', tenantId: 'contoso.onmicrosoft.com', environmentUrl: 'https://contoso.crm4.dynamics.com/main.aspx?appid=1' };
		expect(resolveExpression(String(defaults.authUrl), self)).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize');
		expect(resolveExpression(String(defaults.accessTokenUrl), self)).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
		expect(resolveExpression(String(defaults.scope), self)).toBe('https://contoso.crm4.dynamics.com/user_impersonation offline_access');
		expect(resolveExpression(String(credential.test.request.baseURL), self) + resolveExpression(String(credential.test.request.url), self)).toBe(
			'https://contoso.crm4.dynamics.com/api/data/v9.2/WhoAmI',
		);
		const notice = credential.properties.find((p) => p.type === 'notice')!;
		expect(notice.displayName).toContain('schedule APIs');
		expect(notice.displayName).toContain('licence');
	});

	it('OAuth2 credential in n8n-core: an expired access token is refreshed with the refresh token once and the request retried as the user', async () => {
		const credentials: ICredentialDataDecryptedObject = entraSandboxOAuth2Credentials(entraUrl, resourceOrigin);
		entra.reset(); // the consented refresh token outlives a sandbox reset
		const result = await run(credentials, 'p2cDataverseOAuth2Api');
		expect(result.error).toBeUndefined();
		expect(result.output('WhoAmI')).toEqual([{ UserId: 'ok' }]);
		expect(resourceStatuses()).toEqual([401, 200]);
		expect(entra.issued).toEqual([{ clientId: ENTRA_SANDBOX_CLIENT_ID, aud: resourceOrigin, idtyp: 'user', grantType: 'refresh_token' }]);
		const form = new URLSearchParams(String(entra.requests[0].body));
		expect(form.get('grant_type')).toBe('refresh_token');
	});

	it('authorization code and refresh grants issue user tokens with a rotating refresh token', async () => {
		const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';
		const authorize = new URL(`${entraUrl}/${ENTRA_SANDBOX_TENANT_ID}/oauth2/v2.0/authorize`);
		const scope = `${resourceOrigin}/user_impersonation offline_access`;
		for (const [name, value] of Object.entries({ client_id: ENTRA_SANDBOX_CLIENT_ID, response_type: 'code', redirect_uri: redirectUri, scope, state: 's1' })) authorize.searchParams.set(name, value);
		const consent = await fetch(authorize, { redirect: 'manual' });
		expect(consent.status).toBe(302);
		const callback = new URL(consent.headers.get('location')!);
		expect(callback.searchParams.get('state')).toBe('s1');
		const token = async (form: Record<string, string>) => {
			const response = await fetch(`${entraUrl}/${ENTRA_SANDBOX_TENANT_ID}/oauth2/v2.0/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ client_id: ENTRA_SANDBOX_CLIENT_ID, client_secret: ENTRA_SANDBOX_CLIENT_SECRET, ...form }).toString(),
			});
			return { status: response.status, body: (await response.json()) as Record<string, any> };
		};
		const exchanged = await token({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: redirectUri, scope });
		expect(exchanged.status).toBe(200);
		expect(verifyAccessToken(exchanged.body.access_token, resourceOrigin)).toMatchObject({ valid: true, claims: { idtyp: 'user', upn: ENTRA_SANDBOX_USER.userPrincipalName, scp: 'user_impersonation' } });
		const reused = await token({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: redirectUri, scope });
		expect(reused.body).toMatchObject({ error: 'invalid_grant', error_codes: [70000] });
		const refreshed = await token({ grant_type: 'refresh_token', refresh_token: exchanged.body.refresh_token, scope });
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).not.toBe(exchanged.body.refresh_token);
		const bogus = await token({ grant_type: 'refresh_token', refresh_token: 'nope' });
		expect(bogus.status).toBe(400);
		expect(bogus.body).toMatchObject({ error: 'invalid_grant', error_codes: [70000], trace_id: expect.any(String), correlation_id: expect.any(String) });
	});
});
