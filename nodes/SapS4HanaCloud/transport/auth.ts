/**
 * OAuth 2.0 client credentials against the S/4HANA Cloud tenant's token endpoint (`/sap/bc/sec/oauth2/token`),
 * for the OAuth credential's `preAuthentication`; the client authenticates with HTTP Basic.
 */
import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { tokenErrorReason } from '../../shared/kit/oauth';

export const SAP_GRANT_PATH = '/sap/bc/sec/oauth2/token';

export interface SapTokenSettings {
	hostUrl: string;
	tokenUrl?: string;
	clientId: string;
	clientSecret: string;
	scope?: string;
}

export function sapTokenUrl(settings: SapTokenSettings): string {
	const explicit = (settings.tokenUrl ?? '').trim();
	return explicit || `${settings.hostUrl.trim().replace(/\/+$/, '')}${SAP_GRANT_PATH}`;
}

/** Fetches a token; a refusal keeps the endpoint's `error` and `error_description`, never the secret. */
export async function requestSapToken(helper: IHttpRequestHelper, settings: SapTokenSettings): Promise<IDataObject> {
	const url = sapTokenUrl(settings);
	const form = new URLSearchParams({ grant_type: 'client_credentials' });
	if (settings.scope?.trim()) form.set('scope', settings.scope.trim());
	const basic = Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString('base64');
	const response = (await helper.helpers.httpRequest({
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', Authorization: `Basic ${basic}` },
		body: form.toString(),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode: number; body: unknown };
	const body = (response.body ?? {}) as IDataObject;
	if (response.statusCode >= 400 || typeof body.access_token !== 'string') {
		throw new Error(`SAP token request to ${url} failed: ${tokenErrorReason(response.statusCode, response.body, [settings.clientSecret, basic])}`);
	}
	return { accessToken: body.access_token };
}
