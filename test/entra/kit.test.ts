/** The kit's Entra token request against login.microsoftonline.com (nock): the form it posts, the assertion it signs, and how refusals read. */
import { X509Certificate } from 'crypto';
import jwt from 'jsonwebtoken';
import nock from 'nock';

import { buildEntraClientAssertion, entraTokenUrl, requestEntraToken } from '../../nodes/shared/kit/entra';
import { ENTRA_SANDBOX_APP_CERTIFICATE, ENTRA_SANDBOX_APP_PRIVATE_KEY } from '../../sandbox/entra';
import { fetchHelpers } from './helpers';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '6731de76-14a6-49ae-97bc-6eba6914391e';
const SECRET = 'Qx8Q~sEcReT.value_that-must-never-leak';
const SCOPE = 'https://contoso.crm.dynamics.com/.default';
const TOKEN_PATH = `/${TENANT}/oauth2/v2.0/token`;

/** The SHA-1 thumbprint as the Azure portal shows it (hex), turned into the base64url x5t Entra expects. */
function x5tFromPortalThumbprint(pem: string): string {
	return Buffer.from(new X509Certificate(pem).fingerprint.replace(/:/g, ''), 'hex').toString('base64url');
}

describe('Entra token request (kit)', () => {
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.restore());

	const base = { authorityHost: 'https://login.microsoftonline.com', tenantId: TENANT, clientId: CLIENT };

	it('client secret: posts the client credentials form to the v2.0 endpoint and returns the token', async () => {
		let form: URLSearchParams | undefined;
		nock('https://login.microsoftonline.com')
			.post(TOKEN_PATH, (body: string) => {
				form = new URLSearchParams(body);
				return true;
			})
			.reply(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'eyJ0eXAi.token' });
		const token = await requestEntraToken(fetchHelpers(), { ...base, authentication: 'clientSecret', clientSecret: SECRET }, SCOPE);
		expect(token).toEqual({ accessToken: 'eyJ0eXAi.token', expiresIn: 3599 });
		expect(Object.fromEntries(form!)).toEqual({ grant_type: 'client_credentials', client_id: CLIENT, scope: SCOPE, client_secret: SECRET });
	});

	it('certificate: an RS256 assertion with x5t of the certificate, aud = token URL, iss = sub = client id, exp within ten minutes', async () => {
		let form: URLSearchParams | undefined;
		nock('https://login.microsoftonline.com')
			.post(TOKEN_PATH, (body: string) => {
				form = new URLSearchParams(body);
				return true;
			})
			.reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: 'cert-token' });
		await requestEntraToken(fetchHelpers(), { ...base, authentication: 'certificate', certificate: ENTRA_SANDBOX_APP_CERTIFICATE, privateKey: ENTRA_SANDBOX_APP_PRIVATE_KEY }, SCOPE);
		expect(form!.get('client_secret')).toBeNull();
		expect(form!.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
		const assertion = form!.get('client_assertion')!;
		const publicKey = new X509Certificate(ENTRA_SANDBOX_APP_CERTIFICATE).publicKey;
		const claims = jwt.verify(assertion, publicKey.export({ type: 'spki', format: 'pem' }) as string, { algorithms: ['RS256'] }) as jwt.JwtPayload;
		const now = Math.floor(Date.now() / 1000);
		expect(claims).toMatchObject({ aud: `https://login.microsoftonline.com${TOKEN_PATH}`, iss: CLIENT, sub: CLIENT });
		expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
		expect(Math.abs(claims.nbf! - now)).toBeLessThanOrEqual(5);
		expect(claims.exp! - claims.nbf!).toBeGreaterThan(0);
		expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(600);
		const header = jwt.decode(assertion, { complete: true })!.header as jwt.JwtHeader & { 'x5t#S256'?: string };
		expect(header.alg).toBe('RS256');
		expect(header.x5t).toBe(x5tFromPortalThumbprint(ENTRA_SANDBOX_APP_CERTIFICATE));
		expect(header['x5t#S256']).toBe(Buffer.from(new X509Certificate(ENTRA_SANDBOX_APP_CERTIFICATE).fingerprint256.replace(/:/g, ''), 'hex').toString('base64url'));
	});

	it('a pasted PEM with its line breaks flattened still signs; a missing certificate is named', () => {
		const flattened = ENTRA_SANDBOX_APP_CERTIFICATE.replace(/\n/g, ' ');
		const assertion = buildEntraClientAssertion({ clientId: CLIENT, tokenUrl: 'https://x/token', certificatePem: flattened, privateKeyPem: ENTRA_SANDBOX_APP_PRIVATE_KEY.replace(/\n/g, '\\n'), nowSeconds: 1_800_000_000, jwtId: 'j1' });
		expect(jwt.decode(assertion)).toEqual({ aud: 'https://x/token', iss: CLIENT, sub: CLIENT, jti: 'j1', nbf: 1_800_000_000, iat: 1_800_000_000, exp: 1_800_000_300 });
		expect(() => buildEntraClientAssertion({ clientId: CLIENT, tokenUrl: 't', certificatePem: 'nope', privateKeyPem: ENTRA_SANDBOX_APP_PRIVATE_KEY })).toThrow('Certificate (PEM): no -----BEGIN CERTIFICATE----- block found');
	});

	it("a 400 AADSTS refusal reaches the user with Entra's error, description and code, never the secret", async () => {
		nock('https://login.microsoftonline.com')
			.post(TOKEN_PATH)
			.reply(400, {
				error: 'invalid_request',
				error_description: `AADSTS90002: Tenant '${TENANT}' not found. Trace ID: 0000 Correlation ID: 1111 Timestamp: 2026-01-01 00:00:00Z`,
				error_codes: [90002, 50000],
				timestamp: '2026-01-01 00:00:00Z',
				trace_id: '0000',
				correlation_id: '1111',
			});
		const failure = requestEntraToken(fetchHelpers(), { ...base, authentication: 'clientSecret', clientSecret: SECRET }, SCOPE);
		await expect(failure).rejects.toThrow(
			`Microsoft Entra token request to https://login.microsoftonline.com${TOKEN_PATH} failed: HTTP 400 invalid_request: AADSTS90002: Tenant '${TENANT}' not found.`,
		);
		await expect(failure).rejects.toThrow('(AADSTS50000)');
		await expect(failure).rejects.not.toThrow(SECRET);
	});

	it('a description that echoes the secret is redacted', async () => {
		nock('https://login.microsoftonline.com').post(TOKEN_PATH).reply(401, { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided: ${SECRET}`, error_codes: [7000215] });
		const failure = requestEntraToken(fetchHelpers(), { ...base, authentication: 'clientSecret', clientSecret: SECRET }, SCOPE);
		await expect(failure).rejects.toThrow('AADSTS7000215: Invalid client secret provided: [redacted]');
	});

	it('a throttled token endpoint is asked once more after its Retry-After; a second refusal or a long wait is reported', async () => {
		const bodies: string[] = [];
		nock('https://login.microsoftonline.com')
			.post(TOKEN_PATH, (body: string) => bodies.push(body) > 0)
			.reply(429, { error: 'temporarily_unavailable', error_description: 'AADSTS50196: The server terminated an operation because it encountered a client request loop.', error_codes: [50196] }, { 'Retry-After': '1' })
			.post(TOKEN_PATH, (body: string) => bodies.push(body) > 0)
			.reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: 'after-wait' });
		const started = Date.now();
		const token = await requestEntraToken(fetchHelpers(), { ...base, authentication: 'certificate', certificate: ENTRA_SANDBOX_APP_CERTIFICATE, privateKey: ENTRA_SANDBOX_APP_PRIVATE_KEY }, SCOPE);
		expect(token.accessToken).toBe('after-wait');
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		const jtis = bodies.map((body) => (jwt.decode(new URLSearchParams(body).get('client_assertion')!) as jwt.JwtPayload).jti);
		expect(new Set(jtis).size).toBe(2);

		nock('https://login.microsoftonline.com').post(TOKEN_PATH).times(2).reply(503, { error: 'temporarily_unavailable', error_description: 'AADSTS90033: A transient error has occurred.', error_codes: [90033] }, { 'Retry-After': '0' });
		await expect(requestEntraToken(fetchHelpers(), { ...base, clientSecret: SECRET }, SCOPE)).rejects.toThrow('HTTP 503 temporarily_unavailable: AADSTS90033');
		nock('https://login.microsoftonline.com').post(TOKEN_PATH).reply(429, { error: 'temporarily_unavailable' }, { 'Retry-After': '3600' });
		await expect(requestEntraToken(fetchHelpers(), { ...base, clientSecret: SECRET }, SCOPE)).rejects.toThrow('HTTP 429 temporarily_unavailable');
		expect(nock.isDone()).toBe(true);
	});

	it('a proxy page or a 200 without a token is not mistaken for a token', async () => {
		nock('https://login.microsoftonline.com').post(TOKEN_PATH).reply(502, '<html>Bad gateway</html>');
		await expect(requestEntraToken(fetchHelpers(), { ...base, clientSecret: SECRET }, SCOPE)).rejects.toThrow('HTTP 502: the answer has no OAuth error');
		nock('https://login.microsoftonline.com').post(TOKEN_PATH).reply(200, { token_type: 'Bearer' });
		await expect(requestEntraToken(fetchHelpers(), { ...base, clientSecret: SECRET }, SCOPE)).rejects.toThrow('HTTP 200: the answer carries no usable token');
	});

	it('builds the token URL from the authority host and tenant, refusing a tenant that would change the path', () => {
		expect(entraTokenUrl({ tenantId: 'contoso.onmicrosoft.com' })).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
		expect(entraTokenUrl({ authorityHost: 'https://login.microsoftonline.us/', tenantId: TENANT })).toBe(`https://login.microsoftonline.us/${TENANT}/oauth2/v2.0/token`);
		expect(() => entraTokenUrl({ tenantId: '../evil' })).toThrow('Tenant ID');
		expect(() => entraTokenUrl({ authorityHost: 'http://login.example.com', tenantId: TENANT })).toThrow('must start with https://');
	});
});
