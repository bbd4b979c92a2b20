/**
 * Microsoft Entra ID (Azure AD) client credentials for the Microsoft credentials: the shared credential fields,
 * the token scope of an environment, and the v2.0 token request with a client secret or a certificate (a signed
 * client assertion). Errors keep Entra's AADSTS reason and never carry the secret, assertion or key.
 */
import { createHash, randomUUID, X509Certificate } from 'crypto';
import { sleep } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, INodeProperties } from 'n8n-workflow';

import { cachedAccessTokenProperty } from './descriptions';
import { normalisePem, signJwt } from './jwt';
import { tokenErrorReason } from './oauth';
import { pathSegment } from './path';

export const ENTRA_DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** A throttled (429) or unavailable (503) token endpoint is asked once more, after its Retry-After up to this. */
const TOKEN_ATTEMPTS = 2;
const MAX_TOKEN_RETRY_WAIT_MS = 10_000;

/** How long to wait before asking the token endpoint again, or undefined when it should not be asked again. */
function tokenRetryWaitMs(status: number, headers: Record<string, unknown> | undefined): number | undefined {
	if (status !== 429 && status !== 503) return undefined;
	const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
	const seconds = raw === undefined ? 1 : Number(raw);
	if (!Number.isFinite(seconds) || seconds < 0) return 1000;
	const waitMs = seconds * 1000;
	return waitMs <= MAX_TOKEN_RETRY_WAIT_MS ? waitMs : undefined;
}

/** Entra accepts assertions valid for up to ten minutes; five leaves room for clock skew. */
const ASSERTION_LIFETIME_SECONDS = 300;

function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** A URL's origin, refused unless https (plain http only for a local sandbox on this machine). */
function httpsOrigin(value: unknown, what: string): string {
	const text = String(value ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url) throw new Error(`${what} "${text}" is not a URL (e.g. https://contoso.crm.dynamics.com)`);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
		throw new Error(`${what} "${text}" must start with https://`);
	}
	return url.origin;
}

/** The client-credentials scope of an environment: its origin plus `/.default` (`https://org.crm.dynamics.com/.default`). */
export function entraScope(environmentUrl: string): string {
	return `${httpsOrigin(environmentUrl, 'Environment URL')}/.default`;
}

/** The environment URL as the nodes use it: the origin, no trailing slash. */
export function environmentOrigin(environmentUrl: unknown): string {
	return httpsOrigin(environmentUrl, 'Environment URL');
}

/** `{authority}/{tenant}/oauth2/v2.0/token`. */
export function entraTokenUrl(credentials: IDataObject): string {
	const authority = httpsOrigin(credentials.authorityHost || ENTRA_DEFAULT_AUTHORITY_HOST, 'Authority Host');
	const tenant = String(credentials.tenantId ?? '').trim();
	return `${authority}/${pathSegment(tenant, 'Tenant ID')}/oauth2/v2.0/token`;
}

/** Authority Host and Tenant ID: where a Microsoft credential signs in (client credentials and authorization code). */
export function entraAuthorityProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Authority Host',
			name: 'authorityHost',
			type: 'string',
			default: ENTRA_DEFAULT_AUTHORITY_HOST,
			description:
				'Microsoft Entra sign-in host: https://login.microsoftonline.com (global), https://login.microsoftonline.us (US Government) or https://login.partner.microsoftonline.cn (China)',
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: 'Directory (tenant) ID of the app registration, or the tenant domain (contoso.onmicrosoft.com)',
		},
	];
}

/**
 * The Entra fields both client-credential credentials share; each adds its environment URL (and its own
 * fields) after them.
 */
export function entraClientCredentialsProperties(): INodeProperties[] {
	return [
		cachedAccessTokenProperty,
		...entraAuthorityProperties(),
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: 'Application (client) ID of the app registration',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Client Secret', value: 'clientSecret' },
				{ name: 'Certificate', value: 'certificate' },
			],
			default: 'clientSecret',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The secret's Value (not its Secret ID), from Certificates & secrets",
			displayOptions: { show: { authentication: ['clientSecret'] } },
		},
		{
			displayName: 'Certificate (PEM)',
			name: 'certificate',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			placeholder: '-----BEGIN CERTIFICATE-----',
			description: 'The public certificate uploaded to the app registration; its thumbprint goes in the assertion',
			displayOptions: { show: { authentication: ['certificate'] } },
		},
		{
			displayName: 'Private Key (PEM)',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			placeholder: '-----BEGIN PRIVATE KEY-----',
			description: "The certificate's private key (unencrypted PKCS#8 or PKCS#1), used to sign the client assertion",
			displayOptions: { show: { authentication: ['certificate'] } },
		},
	];
}

/** The DER bytes of the first certificate in a PEM (a chain may follow it). */
function certificateDer(pem: string): Buffer {
	const match = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(String(pem).replace(/\\n/g, '\n'));
	if (!match) throw new Error('Certificate (PEM): no -----BEGIN CERTIFICATE----- block found');
	let der: Buffer | undefined;
	let problem = '';
	try {
		der = new X509Certificate(normalisePem(match[0])).raw;
	} catch (error) {
		problem = (error as Error).message;
	}
	if (!der) throw new Error(`Certificate (PEM) cannot be read: ${problem}`);
	return der;
}

export interface EntraAssertionInput {
	clientId: string;
	tokenUrl: string;
	certificatePem: string;
	privateKeyPem: string;
	nowSeconds?: number;
	jwtId?: string;
}

/**
 * The client assertion Entra's certificate credentials expect: RS256, header `x5t` (base64url SHA-1 thumbprint
 * of the certificate) and `x5t#S256`; claims aud = the token URL, iss = sub = client id, jti, nbf, iat, exp.
 */
export function buildEntraClientAssertion(input: EntraAssertionInput): string {
	const der = certificateDer(input.certificatePem);
	const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
	const header = {
		alg: 'RS256',
		typ: 'JWT',
		x5t: createHash('sha1').update(der).digest('base64url'),
		'x5t#S256': createHash('sha256').update(der).digest('base64url'),
	};
	const payload = {
		aud: input.tokenUrl,
		iss: input.clientId,
		sub: input.clientId,
		jti: input.jwtId ?? randomUUID(),
		nbf: now,
		iat: now,
		exp: now + ASSERTION_LIFETIME_SECONDS,
	};
	let assertion: string | undefined;
	let problem = '';
	try {
		assertion = signJwt(header, payload, input.privateKeyPem);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (assertion === undefined) throw new Error(`Private Key (PEM) cannot sign the client assertion: ${problem}`);
	return assertion;
}

/** Entra's `error_codes` (e.g. [7000215]) as `AADSTS7000215`, when the description does not already name them. */
function withErrorCodes(reason: string, body: unknown): string {
	const codes = (body && typeof body === 'object' ? (body as IDataObject).error_codes : undefined) as unknown;
	if (!Array.isArray(codes) || codes.length === 0) return reason;
	const missing = codes.map((code) => `AADSTS${String(code)}`).filter((code) => !reason.includes(code));
	return missing.length ? `${reason} (${missing.join(', ')})` : reason;
}

function parsedJson(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object') return body as IDataObject;
	if (typeof body !== 'string') return undefined;
	try {
		return JSON.parse(body) as IDataObject;
	} catch {
		return undefined;
	}
}

/**
 * `POST {authority}/{tenant}/oauth2/v2.0/token` with the client credentials grant for `scope`, authenticated by
 * the client secret or a certificate-signed client assertion. Fails with Entra's reason (error, AADSTS
 * description and codes), never with the secret, the assertion or the key.
 */
export async function requestEntraToken(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	scope: string,
): Promise<{ accessToken: string; expiresIn: number }> {
	const tokenUrl = entraTokenUrl(credentials);
	const clientId = String(credentials.clientId ?? '').trim();
	if (!clientId) throw new Error('Client ID is empty');
	const useCertificate = credentials.authentication === 'certificate';
	const secret = String(credentials.clientSecret ?? '');
	const privateKeyPem = String(credentials.privateKey ?? '');
	if (!useCertificate && !secret) throw new Error('Client Secret is empty');
	for (let attempt = 1; ; attempt++) {
		const form: Record<string, string> = { grant_type: 'client_credentials', client_id: clientId, scope };
		const secrets: Array<string | undefined> = [];
		if (useCertificate) {
			// A fresh assertion (new jti) per attempt: Entra may refuse a replayed one.
			form.client_assertion_type = CLIENT_ASSERTION_TYPE;
			form.client_assertion = buildEntraClientAssertion({ clientId, tokenUrl, certificatePem: String(credentials.certificate ?? ''), privateKeyPem });
			secrets.push(form.client_assertion, privateKeyPem);
		} else {
			form.client_secret = secret;
			secrets.push(secret);
		}
		const response = (await helpers.helpers.httpRequest({
			method: 'POST',
			url: tokenUrl,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams(form).toString(),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: unknown; headers?: Record<string, unknown> };
		const body = parsedJson(response.body) ?? {};
		const accessToken = body.access_token;
		if (response.statusCode < 400 && typeof accessToken === 'string' && accessToken !== '') {
			const expiresIn = Number(body.expires_in);
			return { accessToken, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3599 };
		}
		const waitMs = attempt < TOKEN_ATTEMPTS ? tokenRetryWaitMs(response.statusCode, response.headers) : undefined;
		if (waitMs === undefined) {
			const reason = withErrorCodes(tokenErrorReason(response.statusCode, body, secrets), body);
			throw new Error(`Microsoft Entra token request to ${tokenUrl} failed: ${reason}`);
		}
		await sleep(waitMs);
	}
}

/**
 * `preAuthentication` of the Microsoft client-credential credentials: a token for the credential's environment
 * (`{environment origin}/.default`), cached on the credential by n8n until it is empty or a request answers 401.
 */
export async function preAuthenticateEntraClientCredentials(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const { accessToken } = await requestEntraToken(this, credentials, entraScope(String(credentials.environmentUrl ?? '')));
	return { accessToken };
}

/**
 * The origin of an environment URL inside an n8n expression (`$credentials.environmentUrl`, `$self["environmentUrl"]`),
 * so a URL pasted from the browser with a path, query or trailing slash still addresses the environment.
 */
export function environmentOriginExpression(reference: string): string {
	return `(String(${reference}).trim().match(/^https?:\\/\\/[^\\/?#]+/i) || [String(${reference}).trim()])[0]`;
}

/** The environment URL field of a Microsoft credential (`environmentUrl`, the origin the token is scoped to). */
export function environmentUrlProperty(placeholder: string, description: string): INodeProperties {
	return { displayName: 'Environment URL', name: 'environmentUrl', type: 'string', default: '', required: true, placeholder, description };
}

/** Dataverse's per-user service-protection limit on concurrent requests. */
export const DATAVERSE_MAX_CONCURRENT_REQUESTS = 52;

/**
 * The Dataverse connection fields both Dataverse credentials carry (client credentials and authorization code):
 * environment URL, Web API version and the concurrency limit the transport keeps to.
 */
export function dataverseConnectionProperties(): INodeProperties[] {
	return [
		environmentUrlProperty('https://contoso.crm.dynamics.com', 'The Dataverse environment (Power Platform admin center → environment → Environment URL); the token is scoped to it'),
		{
			displayName: 'Web API Version',
			name: 'apiVersion',
			type: 'string',
			default: '9.2',
			description: 'Dataverse Web API version, as in /api/data/v9.2',
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrentRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: DATAVERSE_MAX_CONCURRENT_REQUESTS },
			default: DATAVERSE_MAX_CONCURRENT_REQUESTS,
			description:
				'Requests in flight at once for this user across the nodes of this n8n process; Dataverse refuses more than 52 per user (service protection)',
		},
	];
}
