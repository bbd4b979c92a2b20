/**
 * Salesforce OAuth helpers shared by the credentials: login host resolution, the RS256 JWT bearer assertion
 * (signed with node's crypto) and the token request, whose errors keep Salesforce's `error_description`.
 */
import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { signJwt } from '../../shared/kit/jwt';
import { tokenErrorReason } from '../../shared/kit/oauth';

export const DEFAULT_API_VERSION = 'v62.0';
export const LOGIN_GRANT_PATH = '/services/oauth2/token';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Salesforce recommends a short assertion lifetime; three minutes as its own docs show. */
const ASSERTION_LIFETIME_SECONDS = 180;

function trimUrl(value: unknown): string {
	return String(value ?? '').trim().replace(/\/+$/, '');
}

/** Where the JWT bearer token request goes: production, sandbox or a custom login URL (or a local sandbox). */
export function loginUrlOf(credentials: IDataObject): string {
	if (credentials.environment === 'custom') return trimUrl(credentials.loginUrl);
	return credentials.environment === 'sandbox' ? 'https://test.salesforce.com' : 'https://login.salesforce.com';
}

/**
 * The assertion's audience. From Spring '26 new orgs expect their My Domain URL; otherwise it is the login
 * URL the request goes to.
 */
export function jwtAudienceOf(credentials: IDataObject): string {
	return trimUrl(credentials.myDomainUrl) || loginUrlOf(credentials);
}

/** The API version path segment, always `vNN.N`. */
export function apiVersionOf(credentials: IDataObject): string {
	const raw = String(credentials.apiVersion ?? '').trim() || DEFAULT_API_VERSION;
	const version = raw.startsWith('v') ? raw : `v${raw}`;
	if (!/^v\d{2}\.0$/.test(version)) throw new Error(`Salesforce API version "${raw}" must look like v62.0`);
	return version;
}

export interface JwtAssertionInput {
	clientId: string;
	username: string;
	audience: string;
	privateKeyPem: string;
	nowSeconds?: number;
}

/** The RS256 JWT bearer assertion: iss = consumer key, sub = username, aud = login or My Domain URL, exp. */
export function buildJwtAssertion(input: JwtAssertionInput): string {
	const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
	return signJwt({ alg: 'RS256', typ: 'JWT' }, { iss: input.clientId, sub: input.username, aud: input.audience, exp: now + ASSERTION_LIFETIME_SECONDS }, input.privateKeyPem);
}

/** Posts a token request and returns access token and instance URL, or fails with Salesforce's reason. */
export async function requestToken(
	context: IHttpRequestHelper,
	url: string,
	form: Record<string, string>,
): Promise<{ accessToken: string; instanceUrl: string }> {
	const response = (await context.helpers.httpRequest({
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: new URLSearchParams(form).toString(),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode: number; body: IDataObject | string };
	const body = (typeof response.body === 'string' ? safeJson(response.body) : response.body) ?? {};
	if (response.statusCode >= 400 || typeof body.access_token !== 'string' || typeof body.instance_url !== 'string') {
		const reason = tokenErrorReason(response.statusCode, body, [form.assertion, form.client_secret]);
		throw new Error(`Salesforce token request to ${url} failed: ${reason}`);
	}
	return { accessToken: body.access_token, instanceUrl: trimUrl(body.instance_url) };
}

function safeJson(text: string): IDataObject | undefined {
	try {
		return JSON.parse(text) as IDataObject;
	} catch {
		return undefined;
	}
}

export function trimmedUrl(value: unknown): string {
	return trimUrl(value);
}
