/** The Entra sandbox's token endpoint driven by the kit's token request: secret and certificate, and its AADSTS refusals. */
import jwt from 'jsonwebtoken';

import { entraScope, environmentOrigin, requestEntraToken } from '../../nodes/shared/kit/entra';
import { createHash, X509Certificate } from 'crypto';

import {
	createEntraSandbox,
	ENTRA_SANDBOX_APP_CERTIFICATE,
	ENTRA_SANDBOX_APP_PRIVATE_KEY,
	ENTRA_SANDBOX_CLIENT_ID,
	ENTRA_SANDBOX_CLIENT_SECRET,
	ENTRA_SANDBOX_TENANT_ID,
	ENTRA_SANDBOX_UNREGISTERED_CERTIFICATE,
	ENTRA_SANDBOX_UNREGISTERED_PRIVATE_KEY,
	entraSandboxClientCredentials,
	revokeIssuedTokens,
	verifyAccessToken,
} from '../../sandbox/entra';
import { fetchHelpers } from './helpers';

describe('Entra sandbox token endpoint', () => {
	const entra = createEntraSandbox();
	let entraUrl = '';
	const environment = 'http://127.0.0.1:4999';
	beforeAll(async () => {
		entraUrl = await entra.start(0);
	});
	beforeEach(() => entra.reset());
	afterAll(async () => await entra.stop());

	it.each(['clientSecret', 'certificate'] as const)('issues an app token for the environment with %s, which the resource verifies', async (authentication) => {
		const credentials = entraSandboxClientCredentials(entraUrl, environment, authentication);
		const { accessToken, expiresIn } = await requestEntraToken(fetchHelpers(), credentials, entraScope(environment));
		expect(expiresIn).toBe(3599);
		const check = verifyAccessToken(accessToken, environment);
		expect(check).toMatchObject({ valid: true, claims: { aud: environment, appid: credentials.clientId, idtyp: 'app' } });
		expect(verifyAccessToken(accessToken, 'http://127.0.0.1:5000')).toEqual({ valid: false, reason: expect.stringContaining('audience') });
		const form = new URLSearchParams(entra.requests[0].body as string);
		expect(form.get('scope')).toBe(`${environment}/.default`);
		expect(form.get('grant_type')).toBe('client_credentials');
		revokeIssuedTokens();
		expect(verifyAccessToken(accessToken, environment)).toEqual({ valid: false, reason: 'the token is expired' });
	});

	it('the certificate assertion carries x5t, aud = token URL, iss = sub = client id and a short exp', async () => {
		const helpers = fetchHelpers();
		const credentials = entraSandboxClientCredentials(entraUrl, environment, 'certificate');
		await requestEntraToken(helpers, credentials, entraScope(environment));
		const form = new URLSearchParams(helpers.calls[0].body as string);
		expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
		expect(form.get('client_secret')).toBeNull();
		const decoded = jwt.decode(form.get('client_assertion')!, { complete: true })!;
		const payload = decoded.payload as jwt.JwtPayload;
		expect(decoded.header).toMatchObject({ alg: 'RS256', typ: 'JWT', x5t: expect.stringMatching(/^[A-Za-z0-9_-]{27}$/) });
		expect(payload).toMatchObject({ aud: `${entraUrl}/${credentials.tenantId}/oauth2/v2.0/token`, iss: credentials.clientId, sub: credentials.clientId, jti: expect.any(String) });
		expect(payload.exp! - payload.nbf!).toBeLessThanOrEqual(600);
	});

	it.each([
		['a wrong secret', { clientSecret: 'not-the-secret-value' }, 'AADSTS7000215', 'invalid_client'],
		['an unknown app', { clientId: '11111111-2222-3333-4444-555555555555' }, 'AADSTS700016', 'unauthorized_client'],
		['an unknown tenant', { tenantId: 'someone-else.onmicrosoft.com' }, 'AADSTS90002', 'invalid_request'],
	])('reports Entra’s reason for %s, never the secret', async (_case, override, code, error) => {
		const credentials = { ...entraSandboxClientCredentials(entraUrl, environment), ...override };
		const failure = requestEntraToken(fetchHelpers(), credentials, entraScope(environment));
		await expect(failure).rejects.toThrow(`${error}: ${code}:`);
		await expect(failure).rejects.not.toThrow(ENTRA_SANDBOX_CLIENT_SECRET);
		await expect(failure).rejects.not.toThrow('not-the-secret-value');
	});

	it('refuses a certificate the app does not have, and a resource the tenant does not know', async () => {
		const unregistered = { ...entraSandboxClientCredentials(entraUrl, environment, 'certificate'), certificate: ENTRA_SANDBOX_UNREGISTERED_CERTIFICATE, privateKey: ENTRA_SANDBOX_UNREGISTERED_PRIVATE_KEY };
		await expect(requestEntraToken(fetchHelpers(), unregistered, entraScope(environment))).rejects.toThrow('AADSTS700027');
		const credentials = entraSandboxClientCredentials(entraUrl, environment);
		await expect(requestEntraToken(fetchHelpers(), credentials, entraScope('https://unknown.crm.dynamics.com'))).rejects.toThrow('invalid_resource: AADSTS500011');
	});

	describe('certificate assertions the sandbox refuses, verified with jsonwebtoken', () => {
		const x5t = createHash('sha1').update(new X509Certificate(ENTRA_SANDBOX_APP_CERTIFICATE).raw).digest('base64url');
		const tokenUrl = () => `${entraUrl}/${ENTRA_SANDBOX_TENANT_ID}/oauth2/v2.0/token`;
		const now = () => Math.floor(Date.now() / 1000);
		const claims = () => ({ aud: tokenUrl(), iss: ENTRA_SANDBOX_CLIENT_ID, sub: ENTRA_SANDBOX_CLIENT_ID, jti: 'j', nbf: now(), exp: now() + 300 });
		const post = async (assertion: string) => {
			const response = await fetch(tokenUrl(), {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: ENTRA_SANDBOX_CLIENT_ID,
					scope: `${environment}/.default`,
					client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
					client_assertion: assertion,
				}).toString(),
			});
			return { status: response.status, body: (await response.json()) as { error?: string; error_codes?: number[]; access_token?: string } };
		};
		const sign = (payload: object, key = ENTRA_SANDBOX_APP_PRIVATE_KEY) => jwt.sign(payload, key, { algorithm: 'RS256', header: { alg: 'RS256', typ: 'JWT', x5t } as jwt.JwtHeader, noTimestamp: true });

		it.each([
			['expired', () => ({ ...claims(), nbf: now() - 900, exp: now() - 600 }), ENTRA_SANDBOX_APP_PRIVATE_KEY, 700024],
			['for another audience', () => ({ ...claims(), aud: 'https://login.microsoftonline.com/other/oauth2/v2.0/token' }), ENTRA_SANDBOX_APP_PRIVATE_KEY, 700023],
			['issued by another client', () => ({ ...claims(), iss: 'someone-else', sub: 'someone-else' }), ENTRA_SANDBOX_APP_PRIVATE_KEY, 700021],
			['signed by a key that is not the certificate’s', () => claims(), ENTRA_SANDBOX_UNREGISTERED_PRIVATE_KEY, 7000274],
		])('%s', async (_case, payload, key, code) => {
			const refused = await post(sign(payload(), key));
			expect(refused.status).toBe(401);
			expect(refused.body).toMatchObject({ error: 'invalid_client', error_codes: [code] });
			expect(refused.body.access_token).toBeUndefined();
		});

		it('a well-formed assertion gets a token (the cases above differ from it in one claim each)', async () => {
			const accepted = await post(sign(claims()));
			expect(accepted.status).toBe(200);
			expect(typeof accepted.body.access_token).toBe('string');
		});
	});

	it.each([
		['an unsupported grant', { grant_type: 'password' }, 400, 'unsupported_grant_type', 70003],
		['neither a secret nor an assertion', { grant_type: 'client_credentials', scope: 'http://127.0.0.1:4999/.default' }, 401, 'invalid_client', 7000218],
		['a client-credentials scope without /.default', { grant_type: 'client_credentials', scope: 'http://127.0.0.1:4999/user_impersonation', client_secret: ENTRA_SANDBOX_CLIENT_SECRET }, 400, 'invalid_scope', 1002012],
	])('token endpoint refuses %s with Entra’s error JSON', async (_case, form, status, error, code) => {
		const response = await fetch(`${entraUrl}/${ENTRA_SANDBOX_TENANT_ID}/oauth2/v2.0/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ client_id: ENTRA_SANDBOX_CLIENT_ID, ...form }).toString(),
		});
		expect(response.status).toBe(status);
		const body = (await response.json()) as Record<string, unknown>;
		expect(body).toMatchObject({ error, error_codes: [code], trace_id: expect.any(String), correlation_id: expect.any(String), timestamp: expect.any(String) });
		expect(body.error_description).toEqual(expect.stringMatching(new RegExp(`^AADSTS${code}: `)));
	});

	it('the sign-in page refuses an unknown app or a non-https redirect, and otherwise returns to the app with a code and the state', async () => {
		const authorize = (query: Record<string, string>) => fetch(`${entraUrl}/${ENTRA_SANDBOX_TENANT_ID}/oauth2/v2.0/authorize?${new URLSearchParams(query).toString()}`, { redirect: 'manual' });
		const base = { client_id: ENTRA_SANDBOX_CLIENT_ID, response_type: 'code', scope: 'http://127.0.0.1:4999/user_impersonation offline_access', state: 'xyz' };
		const unknown = await authorize({ ...base, client_id: '11111111-1111-1111-1111-111111111111', redirect_uri: 'https://n8n.example.com/rest/oauth2-credential/callback' });
		expect(unknown.status).toBe(400);
		expect(await unknown.text()).toContain('AADSTS700016');
		const plainHttp = await authorize({ ...base, redirect_uri: 'http://n8n.example.com/rest/oauth2-credential/callback' });
		expect(await plainHttp.text()).toContain('AADSTS50011');
		const ok = await authorize({ ...base, redirect_uri: 'https://n8n.example.com/rest/oauth2-credential/callback' });
		expect(ok.status).toBe(302);
		const back = new URL(ok.headers.get('location')!);
		expect(back.origin + back.pathname).toBe('https://n8n.example.com/rest/oauth2-credential/callback');
		expect(back.searchParams.get('state')).toBe('xyz');
		expect(back.searchParams.get('code')).toMatch(/^0\.sandbox-code\./);
	});

	it('scopes a token to the environment origin and refuses plain http outside this machine', () => {
		expect(entraScope('https://contoso.crm4.dynamics.com/main.aspx?appid=1')).toBe('https://contoso.crm4.dynamics.com/.default');
		expect(entraScope('http://localhost:4010/')).toBe('http://localhost:4010/.default');
		expect(() => entraScope('http://contoso.crm.dynamics.com')).toThrow('must start with https://');
		expect(() => entraScope('contoso')).toThrow('is not a URL');
		expect(environmentOrigin(' https://contoso.operations.dynamics.com/namespaces/AXSF/ ')).toBe('https://contoso.operations.dynamics.com');
		expect(() => environmentOrigin('ftp://contoso.crm.dynamics.com')).toThrow('Environment URL "ftp://contoso.crm.dynamics.com" must start with https://');
	});
});
