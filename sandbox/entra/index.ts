/**
 * Microsoft Entra ID sandbox: the v2.0 token endpoint the Microsoft credentials talk to, as a server of its own.
 * Client credentials with a client secret or a certificate-signed client assertion (verified with the
 * independent `jsonwebtoken` library against the registered certificate: signature, x5t thumbprint, aud, iss,
 * sub, exp), the authorization-code and refresh-token grants for the delegated credential, and the
 * `/authorize` page (signs the sandbox's licensed user in at once). Refusals carry Entra's error JSON with
 * AADSTS codes. Access tokens are RS256 JWTs whose `aud` is the scope's resource; the Dataverse and Finance
 * sandboxes check them in-process with `verifyAccessToken`.
 *
 *   const entra = createEntraSandbox();
 *   const entraUrl = await entra.start(ENTRA_SANDBOX_PORT);
 *   const data = entraSandboxClientCredentials(entraUrl, dataverseUrl); // a p2cDataverseClientCredentialsApi credential
 *
 * Resources: any loopback origin (a local sandbox) is a known resource; other origins must be registered
 * with `registerResource` or the token request answers AADSTS500011, as Entra does for an unknown resource.
 */
import { createHash, randomBytes, randomUUID, X509Certificate } from 'crypto';
import jwt from 'jsonwebtoken';

import { SandboxServer } from '../core/server';
import type { SandboxRequest, SandboxResponse } from '../core/server';
import {
	ENTRA_SANDBOX_APP_CERTIFICATE,
	ENTRA_SANDBOX_APP_PRIVATE_KEY,
	ENTRA_SANDBOX_ISSUER_PRIVATE_KEY,
	ENTRA_SANDBOX_ISSUER_PUBLIC_KEY,
} from './keys';

export {
	ENTRA_SANDBOX_APP_CERTIFICATE,
	ENTRA_SANDBOX_APP_PRIVATE_KEY,
	ENTRA_SANDBOX_UNREGISTERED_CERTIFICATE,
	ENTRA_SANDBOX_UNREGISTERED_PRIVATE_KEY,
} from './keys';

export const ENTRA_SANDBOX_PORT = 4090;
export const ENTRA_SANDBOX_TENANT_ID = '5f3c1e2a-8b4d-4c6e-9a7f-1b2c3d4e5f60';
export const ENTRA_SANDBOX_TENANT_DOMAIN = 'brightline-consulting.onmicrosoft.com';
/** The firm's integration app registration: one client secret and one certificate. */
export const ENTRA_SANDBOX_CLIENT_ID = '0b6f4a1e-3c2d-4e5f-8a9b-7c6d5e4f3a21';
export const ENTRA_SANDBOX_CLIENT_SECRET = 'p2c~Entra.Sandbox-Secret_0001';
/** The app's service principal object id (the `oid` of its tokens; the Dataverse Application User is keyed by it). */
export const ENTRA_SANDBOX_APP_OBJECT_ID = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';
/** The licensed user the authorization-code flow signs in. */
export const ENTRA_SANDBOX_USER = {
	objectId: '4a3b2c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d',
	userPrincipalName: 'pmo.lead@brightline-consulting.example',
	name: 'PMO Lead',
} as const;

const ACCESS_TOKEN_LIFETIME_SECONDS = 3599;
const CODE_LIFETIME_MS = 10 * 60_000;
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface EntraApp {
	clientId: string;
	displayName: string;
	objectId: string;
	secrets: string[];
	certificates: string[];
}

export interface EntraAccessTokenClaims extends jwt.JwtPayload {
	aud: string;
	tid: string;
	appid: string;
	oid: string;
	idtyp: 'app' | 'user';
	scp?: string;
	upn?: string;
	uti: string;
}

export type EntraTokenCheck = { valid: true; claims: EntraAccessTokenClaims } | { valid: false; reason: string };

/** Tokens revoked by `revokeIssuedTokens` (a stale cache, as after a token expires), by their `uti`. */
const revokedTokenIds = new Set<string>();
const issuedTokenIds = new Set<string>();

function trimSlash(value: string): string {
	return value.replace(/\/+$/, '');
}

/**
 * Checks an access token the way a Microsoft resource does: the sandbox issuer's signature, not expired, not
 * revoked, and `aud` equal to the resource's origin (`expectedAudience`, a trailing slash ignored).
 */
export function verifyAccessToken(token: string, expectedAudience: string): EntraTokenCheck {
	let claims: EntraAccessTokenClaims;
	try {
		claims = jwt.verify(token, ENTRA_SANDBOX_ISSUER_PUBLIC_KEY, { algorithms: ['RS256'] }) as EntraAccessTokenClaims;
	} catch (error) {
		return { valid: false, reason: (error as Error).name === 'TokenExpiredError' ? 'the token is expired' : 'the token signature is invalid' };
	}
	if (revokedTokenIds.has(claims.uti)) return { valid: false, reason: 'the token is expired' };
	if (trimSlash(String(claims.aud)) !== trimSlash(expectedAudience)) {
		return { valid: false, reason: `the token's audience ${String(claims.aud)} is not this resource (${trimSlash(expectedAudience)})` };
	}
	return { valid: true, claims };
}

/** Every token issued so far stops working (as when it expires); the next request gets 401 and a new token. */
export function revokeIssuedTokens(): number {
	for (const id of issuedTokenIds) revokedTokenIds.add(id);
	const count = issuedTokenIds.size;
	issuedTokenIds.clear();
	return count;
}

function thumbprint(certificatePem: string, algorithm: 'sha1' | 'sha256'): string {
	return createHash(algorithm).update(new X509Certificate(certificatePem).raw).digest('base64url');
}

function isLoopbackOrigin(origin: string): boolean {
	try {
		const host = new URL(origin).hostname;
		return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
	} catch {
		return false;
	}
}

interface EntraErrorInput {
	status: number;
	error: string;
	code: number;
	description: string;
}

const CONSENTED_REFRESH_PREFIX = '1.sandbox-consented.';

/**
 * A refresh token of the sandbox user who consented to the integration app for `resourceOrigin`, as a credential
 * imported without a browser carries it. It names its resource, so it stays valid across sandbox resets.
 */
export function entraSandboxUserRefreshToken(resourceOrigin: string): string {
	return `${CONSENTED_REFRESH_PREFIX}${Buffer.from(trimSlash(resourceOrigin)).toString('base64url')}`;
}

function consentedRefreshTokenEntry(token: string): { clientId: string; scope: string } | undefined {
	if (!token.startsWith(CONSENTED_REFRESH_PREFIX)) return undefined;
	const resource = Buffer.from(token.slice(CONSENTED_REFRESH_PREFIX.length), 'base64url').toString('utf8');
	if (!/^https?:\/\/[^/\s]+$/.test(resource)) return undefined;
	return { clientId: ENTRA_SANDBOX_CLIENT_ID, scope: `${resource}/user_impersonation offline_access` };
}

export class EntraSandbox extends SandboxServer {
	readonly apps = new Map<string, EntraApp>();
	private readonly resources = new Set<string>();
	private readonly codes = new Map<string, { clientId: string; redirectUri: string; scope: string; expiresAt: number }>();
	private readonly refreshTokens = new Map<string, { clientId: string; scope: string }>();
	/** Access tokens handed out (for tests: how often a credential asked). */
	readonly issued: Array<{ clientId: string; aud: string; idtyp: 'app' | 'user'; grantType: string }> = [];
	tokenLifetimeSeconds = ACCESS_TOKEN_LIFETIME_SECONDS;

	constructor() {
		super({ name: 'entra', reset: () => this.resetState(), snapshot: () => this.snapshotState() });
		this.resetState();
		this.route('POST', '/:tenant/oauth2/v2.0/token', (request) => this.token(request));
		this.route('GET', '/:tenant/oauth2/v2.0/authorize', (request) => this.authorize(request));
	}

	private resetState(): void {
		this.apps.clear();
		this.codes.clear();
		this.refreshTokens.clear();
		this.issued.length = 0;
		this.tokenLifetimeSeconds = ACCESS_TOKEN_LIFETIME_SECONDS;
		this.apps.set(ENTRA_SANDBOX_CLIENT_ID, {
			clientId: ENTRA_SANDBOX_CLIENT_ID,
			displayName: 'Brightline n8n integration',
			objectId: ENTRA_SANDBOX_APP_OBJECT_ID,
			secrets: [ENTRA_SANDBOX_CLIENT_SECRET],
			certificates: [ENTRA_SANDBOX_APP_CERTIFICATE],
		});
	}

	private snapshotState() {
		return { apps: [...this.apps.values()].map((app) => ({ clientId: app.clientId, displayName: app.displayName })), resources: [...this.resources], issued: this.issued };
	}

	/** A resource (environment origin) the tenant knows, beside every loopback origin. */
	registerResource(origin: string): void {
		this.resources.add(trimSlash(origin));
	}


	/** Mints a refresh token for the sandbox user as if they had consented (valid until the next reset). */
	issueUserRefreshToken(resourceOrigin: string, clientId = ENTRA_SANDBOX_CLIENT_ID): string {
		const token = `1.sandbox-refresh.${randomBytes(24).toString('base64url')}`;
		this.refreshTokens.set(token, { clientId, scope: `${trimSlash(resourceOrigin)}/user_impersonation offline_access` });
		return token;
	}

	private knownTenant(tenant: string): boolean {
		return tenant === ENTRA_SANDBOX_TENANT_ID || tenant.toLowerCase() === ENTRA_SANDBOX_TENANT_DOMAIN;
	}

	private knownResource(origin: string): boolean {
		return this.resources.has(origin) || isLoopbackOrigin(origin);
	}

	/** Entra's error JSON: error, description with the AADSTS code and trace ids, error_codes, timestamp. */
	private error(input: EntraErrorInput): SandboxResponse {
		const traceId = randomUUID();
		const correlationId = randomUUID();
		const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
		return {
			status: input.status,
			headers: { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' },
			body: {
				error: input.error,
				error_description: `AADSTS${input.code}: ${input.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
				error_codes: [input.code],
				timestamp,
				trace_id: traceId,
				correlation_id: correlationId,
				error_uri: `https://login.microsoftonline.com/error?code=${input.code}`,
			},
		};
	}

	private tokenUrl(tenant: string): string {
		return `${this.baseUrl}/${tenant}/oauth2/v2.0/token`;
	}

	private async token(request: SandboxRequest): Promise<SandboxResponse> {
		const tenant = request.params.tenant;
		if (!this.knownTenant(tenant)) {
			return this.error({ status: 400, error: 'invalid_request', code: 90002, description: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.` });
		}
		if (!/application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')) {
			return this.error({ status: 400, error: 'invalid_request', code: 900144, description: "The request body must contain the following parameter: 'grant_type'." });
		}
		const form = new URLSearchParams(request.rawBody);
		const grantType = form.get('grant_type') ?? '';
		const clientId = form.get('client_id') ?? '';
		if (!grantType) return this.error({ status: 400, error: 'invalid_request', code: 900144, description: "The request body must contain the following parameter: 'grant_type'." });
		if (!['client_credentials', 'authorization_code', 'refresh_token'].includes(grantType)) {
			return this.error({ status: 400, error: 'unsupported_grant_type', code: 70003, description: `The app requested an unsupported grant type '${grantType}'.` });
		}
		const app = this.apps.get(clientId);
		if (!app) {
			return this.error({
				status: 400,
				error: 'unauthorized_client',
				code: 700016,
				description: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
			});
		}
		const refusal = this.authenticateClient(app, form, tenant);
		if (refusal) return refusal;
		if (grantType === 'client_credentials') return this.clientCredentials(app, form, tenant);
		if (grantType === 'authorization_code') return this.authorizationCode(app, form, tenant);
		return this.refresh(app, form, tenant);
	}

	/** The client secret or the certificate assertion; undefined when the client proved who it is. */
	private authenticateClient(app: EntraApp, form: URLSearchParams, tenant: string): SandboxResponse | undefined {
		const secret = form.get('client_secret');
		const assertion = form.get('client_assertion');
		if (secret !== null) {
			if (app.secrets.includes(secret)) return undefined;
			return this.error({
				status: 401,
				error: 'invalid_client',
				code: 7000215,
				description: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
			});
		}
		if (assertion === null) {
			return this.error({ status: 401, error: 'invalid_client', code: 7000218, description: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." });
		}
		if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) {
			return this.error({ status: 400, error: 'invalid_request', code: 50027, description: "JWT token is invalid or malformed: client_assertion_type must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'." });
		}
		const decoded = jwt.decode(assertion, { complete: true });
		if (!decoded || typeof decoded.payload !== 'object') {
			return this.error({ status: 400, error: 'invalid_request', code: 50027, description: 'JWT token is invalid or malformed.' });
		}
		const header = decoded.header as jwt.JwtHeader & { 'x5t#S256'?: string };
		const certificate = app.certificates.find(
			(pem) => (header.x5t !== undefined && thumbprint(pem, 'sha1') === header.x5t) || (header['x5t#S256'] !== undefined && thumbprint(pem, 'sha256') === header['x5t#S256']),
		);
		if (!certificate) {
			return this.error({
				status: 401,
				error: 'invalid_client',
				code: 700027,
				description: `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${String(header.x5t ?? header['x5t#S256'] ?? '')}']`,
			});
		}
		const audiences = [this.tokenUrl(tenant), `${this.baseUrl}/${tenant}/v2.0`];
		try {
			jwt.verify(assertion, new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'pem' }) as string, {
				algorithms: ['RS256', 'PS256'],
				audience: audiences as [string, ...string[]],
				issuer: app.clientId,
				subject: app.clientId,
			});
		} catch (error) {
			const name = (error as Error).name;
			const message = (error as Error).message;
			if (name === 'TokenExpiredError') return this.error({ status: 401, error: 'invalid_client', code: 700024, description: 'Client assertion is not within its valid time range.' });
			if (/audience/.test(message)) return this.error({ status: 401, error: 'invalid_client', code: 700023, description: `Client assertion audience claim does not match Realm issuer. Expected ${audiences[0]}.` });
			if (/issuer|subject/.test(message)) return this.error({ status: 401, error: 'invalid_client', code: 700021, description: "Client assertion application identifier doesn't match 'client_id' parameter." });
			return this.error({ status: 401, error: 'invalid_client', code: 7000274, description: 'Key was found, but use of the key to verify the signature failed.' });
		}
		const claims = decoded.payload as jwt.JwtPayload;
		if (typeof claims.exp !== 'number' || typeof claims.jti !== 'string' || claims.jti === '') {
			return this.error({ status: 400, error: 'invalid_request', code: 50027, description: 'JWT token is invalid or malformed: exp and jti are required.' });
		}
		return undefined;
	}

	private issueAccessToken(app: EntraApp, resource: string, grantType: string, user?: { scope: string }): string {
		const now = Math.floor(Date.now() / 1000);
		const uti = randomBytes(16).toString('base64url');
		const claims: Record<string, unknown> = {
			aud: resource,
			iss: `https://sts.windows.net/${ENTRA_SANDBOX_TENANT_ID}/`,
			iat: now,
			nbf: now,
			exp: now + this.tokenLifetimeSeconds,
			tid: ENTRA_SANDBOX_TENANT_ID,
			appid: app.clientId,
			ver: '1.0',
			uti,
		};
		if (user) {
			Object.assign(claims, { oid: ENTRA_SANDBOX_USER.objectId, upn: ENTRA_SANDBOX_USER.userPrincipalName, name: ENTRA_SANDBOX_USER.name, idtyp: 'user', scp: 'user_impersonation' });
		} else {
			Object.assign(claims, { oid: app.objectId, sub: app.objectId, idtyp: 'app', roles: [] });
		}
		issuedTokenIds.add(uti);
		this.issued.push({ clientId: app.clientId, aud: resource, idtyp: user ? 'user' : 'app', grantType });
		return jwt.sign(claims, ENTRA_SANDBOX_ISSUER_PRIVATE_KEY, { algorithm: 'RS256', keyid: 'p2c-entra-sandbox', noTimestamp: true });
	}

	/** The resource origin of a scope list, or an error response as Entra gives for a bad or unknown scope. */
	private resourceOf(scope: string, tenant: string, requireDefault: boolean): { resource: string } | { refusal: SandboxResponse } {
		const resourceScopes = scope.split(/\s+/).filter((s) => s && !['openid', 'profile', 'email', 'offline_access'].includes(s));
		if (resourceScopes.length === 0) {
			return { refusal: this.error({ status: 400, error: 'invalid_scope', code: 1002012, description: `The provided value for scope ${scope} is not valid.` }) };
		}
		const first = resourceScopes[0];
		const match = /^(https?:\/\/[^/]+)\/(.+)$/.exec(first);
		if (!match || (requireDefault && match[2] !== '.default')) {
			return {
				refusal: this.error({
					status: 400,
					error: 'invalid_scope',
					code: 1002012,
					description: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
				}),
			};
		}
		const resource = trimSlash(match[1]);
		if (!this.knownResource(resource)) {
			return {
				refusal: this.error({
					status: 400,
					error: 'invalid_resource',
					code: 500011,
					description: `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
				}),
			};
		}
		return { resource };
	}

	private clientCredentials(app: EntraApp, form: URLSearchParams, tenant: string): SandboxResponse {
		const resolved = this.resourceOf(form.get('scope') ?? '', tenant, true);
		if ('refusal' in resolved) return resolved.refusal;
		const accessToken = this.issueAccessToken(app, resolved.resource, 'client_credentials');
		return { status: 200, headers: { 'Cache-Control': 'no-store, no-cache' }, body: { token_type: 'Bearer', expires_in: this.tokenLifetimeSeconds, ext_expires_in: this.tokenLifetimeSeconds, access_token: accessToken } };
	}

	private userTokens(app: EntraApp, tenant: string, scope: string, grantType: string): SandboxResponse {
		const resolved = this.resourceOf(scope, tenant, false);
		if ('refusal' in resolved) return resolved.refusal;
		const accessToken = this.issueAccessToken(app, resolved.resource, grantType, { scope });
		const body: Record<string, unknown> = {
			token_type: 'Bearer',
			scope: `${resolved.resource}/user_impersonation`,
			expires_in: this.tokenLifetimeSeconds,
			ext_expires_in: this.tokenLifetimeSeconds,
			access_token: accessToken,
		};
		if (/\boffline_access\b/.test(scope)) {
			const refreshToken = `1.sandbox-refresh.${randomBytes(24).toString('base64url')}`;
			this.refreshTokens.set(refreshToken, { clientId: app.clientId, scope });
			body.refresh_token = refreshToken;
		}
		return { status: 200, headers: { 'Cache-Control': 'no-store, no-cache' }, body };
	}

	private authorizationCode(app: EntraApp, form: URLSearchParams, tenant: string): SandboxResponse {
		const code = form.get('code') ?? '';
		const entry = this.codes.get(code);
		this.codes.delete(code);
		if (!entry || entry.clientId !== app.clientId) {
			return this.error({ status: 400, error: 'invalid_grant', code: 70000, description: "The provided value for the 'code' parameter is not valid." });
		}
		if (entry.expiresAt < Date.now()) {
			return this.error({ status: 400, error: 'invalid_grant', code: 70008, description: 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.' });
		}
		if ((form.get('redirect_uri') ?? '') !== entry.redirectUri) {
			return this.error({ status: 400, error: 'invalid_grant', code: 50148, description: 'The redirect_uri does not match the one used in the authorization request.' });
		}
		return this.userTokens(app, tenant, form.get('scope') || entry.scope, 'authorization_code');
	}

	private refresh(app: EntraApp, form: URLSearchParams, tenant: string): SandboxResponse {
		const token = form.get('refresh_token') ?? '';
		const entry = this.refreshTokens.get(token) ?? consentedRefreshTokenEntry(token);
		if (!entry || entry.clientId !== app.clientId) {
			return this.error({ status: 400, error: 'invalid_grant', code: 70000, description: 'Provided grant is invalid or malformed.' });
		}
		// Entra rotates refresh tokens; the old one keeps working until it expires, so it is not deleted here.
		return this.userTokens(app, tenant, form.get('scope') || entry.scope, 'refresh_token');
	}

	/** The sign-in page: the sandbox's licensed user is signed in and consents at once; back to the app with a code. */
	private authorize(request: SandboxRequest): SandboxResponse {
		const tenant = request.params.tenant;
		const clientId = request.query.get('client_id') ?? '';
		const redirectUri = request.query.get('redirect_uri') ?? '';
		const page = (code: number, text: string): SandboxResponse => ({
			status: 400,
			headers: { 'Content-Type': 'text/html; charset=utf-8' },
			body: `<html><body><h1>Sign in</h1><p>AADSTS${code}: ${text.replace(/[<>&]/g, '')}</p></body></html>`,
		});
		if (!this.knownTenant(tenant)) return page(90002, `Tenant '${tenant}' not found.`);
		if (!this.apps.has(clientId)) return page(700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
		if (request.query.get('response_type') !== 'code') return page(900144, "The request body must contain the following parameter: 'response_type'.");
		let target: URL;
		try {
			target = new URL(redirectUri);
		} catch {
			return page(50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`);
		}
		if (!isLoopbackOrigin(target.origin) && target.protocol !== 'https:') {
			return page(50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`);
		}
		const code = `0.sandbox-code.${randomBytes(24).toString('base64url')}`;
		this.codes.set(code, { clientId, redirectUri, scope: request.query.get('scope') ?? '', expiresAt: Date.now() + CODE_LIFETIME_MS });
		target.searchParams.set('code', code);
		const state = request.query.get('state');
		if (state !== null) target.searchParams.set('state', state);
		target.searchParams.set('session_state', randomUUID());
		return { status: 302, headers: { Location: target.toString() }, body: '' };
	}
}

export function createEntraSandbox(): EntraSandbox {
	return new EntraSandbox();
}

/**
 * Data for a p2cDataverseClientCredentialsApi or p2cDynamics365FinanceApi credential that gets its token from
 * the Entra sandbox at `entraBaseUrl` for the environment at `environmentUrl`.
 */
export function entraSandboxClientCredentials(entraBaseUrl: string, environmentUrl: string, authentication: 'clientSecret' | 'certificate' = 'clientSecret') {
	return {
		authorityHost: entraBaseUrl,
		tenantId: ENTRA_SANDBOX_TENANT_ID,
		clientId: ENTRA_SANDBOX_CLIENT_ID,
		authentication,
		...(authentication === 'clientSecret'
			? { clientSecret: ENTRA_SANDBOX_CLIENT_SECRET }
			: { certificate: ENTRA_SANDBOX_APP_CERTIFICATE, privateKey: ENTRA_SANDBOX_APP_PRIVATE_KEY }),
		environmentUrl,
		accessToken: '',
	};
}

/**
 * Data for a p2cDataverseOAuth2Api credential (authorization code) against the Entra sandbox at `entraBaseUrl`,
 * already connected as the sandbox's licensed user: its access token is stale and its refresh token valid, so
 * n8n refreshes it on the first 401 without a browser.
 */
export function entraSandboxOAuth2Credentials(entraBaseUrl: string, environmentUrl: string) {
	const origin = trimSlash(environmentUrl);
	return {
		authorityHost: entraBaseUrl,
		tenantId: ENTRA_SANDBOX_TENANT_ID,
		clientId: ENTRA_SANDBOX_CLIENT_ID,
		clientSecret: ENTRA_SANDBOX_CLIENT_SECRET,
		environmentUrl: origin,
		authUrl: `${entraBaseUrl}/${ENTRA_SANDBOX_TENANT_ID}/oauth2/v2.0/authorize`,
		accessTokenUrl: `${entraBaseUrl}/${ENTRA_SANDBOX_TENANT_ID}/oauth2/v2.0/token`,
		scope: `${origin}/user_impersonation offline_access`,
		oauthTokenData: { token_type: 'Bearer', access_token: 'stale-until-refreshed', refresh_token: entraSandboxUserRefreshToken(origin) },
	};
}
