/**
 * Workday authentication shared by the two credentials: the OAuth 2.0 refresh-token grant of an API client for
 * integrations (token endpoint per tenant, client authenticated with Basic), and the integration system user's
 * WS-Security UsernameToken (SOAP) or Basic header (RaaS). Values in the SOAP header are escaped like any other.
 */
import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { tokenErrorReason } from '../../shared/kit/oauth';
import { renderXml, xml } from '../../shared/kit/xml';

import { hostOf, SOAP_HEADER_SLOT } from './index';

const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

export function tokenUrlOf(credentials: IDataObject): string {
	return `${hostOf(credentials.host)}/ccx/oauth2/${encodeURIComponent(String(credentials.tenant ?? '').trim())}/token`;
}

/** The ISU's user name as Workday wants it: `user@tenant` (the tenant is added when the user name has none). */
export function isuUserName(credentials: IDataObject): string {
	const user = String(credentials.username ?? '').trim();
	return user.includes('@') ? user : `${user}@${String(credentials.tenant ?? '').trim()}`;
}

/** The refresh-token grant; the access token comes back, or an error with Workday's OAuth reason (no secrets). */
export async function refreshAccessToken(context: IHttpRequestHelper, credentials: IDataObject): Promise<{ accessToken: string }> {
	const url = tokenUrlOf(credentials);
	const clientId = String(credentials.clientId ?? '');
	const clientSecret = String(credentials.clientSecret ?? '');
	const refreshToken = String(credentials.refreshToken ?? '');
	const response = (await context.helpers.httpRequest({
		method: 'POST',
		url,
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Accept: 'application/json',
			Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
		},
		body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode: number; body: IDataObject | string };
	let body: IDataObject = {};
	if (typeof response.body === 'string') {
		try {
			body = JSON.parse(response.body) as IDataObject;
		} catch {
			body = {};
		}
	} else if (response.body) {
		body = response.body;
	}
	if (response.statusCode >= 400 || typeof body.access_token !== 'string' || body.access_token === '') {
		throw new Error(`Workday token request to ${url} failed: ${tokenErrorReason(response.statusCode, body, [refreshToken, clientSecret])}`);
	}
	return { accessToken: body.access_token };
}

/** The WS-Security header with the ISU's UsernameToken (password as text, as Workday's WWS expects). */
export function usernameTokenHeader(username: string, password: string): string {
	return renderXml(
		xml('env:Header', {}, [
			xml('wsse:Security', { 'xmlns:wsse': WSSE_NS, 'env:mustUnderstand': '1' }, [
				xml('wsse:UsernameToken', {}, [xml('wsse:Username', {}, username), xml('wsse:Password', { Type: PASSWORD_TEXT }, password)]),
			]),
		]),
	);
}

/** A SOAP envelope built by the transport gets the UsernameToken in its header slot; anything else Basic auth. */
export function withIsuAuthentication<T extends { body?: unknown; headers?: IDataObject }>(credentials: IDataObject, request: T): T {
	const username = isuUserName(credentials);
	const password = String(credentials.password ?? '');
	if (typeof request.body === 'string' && request.body.includes(SOAP_HEADER_SLOT)) {
		return { ...request, body: request.body.replace(SOAP_HEADER_SLOT, () => usernameTokenHeader(username, password)) };
	}
	return { ...request, headers: { ...(request.headers ?? {}), Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` } };
}
