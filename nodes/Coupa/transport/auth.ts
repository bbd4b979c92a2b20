/**
 * Coupa's token endpoint (`POST {instance}/oauth2/token`, client credentials with scopes) and when a cached
 * token is due for renewal. Used by the credential's preAuthentication; never echoes the secret.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { tokenErrorReason } from '../../shared/kit/oauth';

/** What the node's operations need (read everything it offers, write POs, invoices, suppliers, projects, lookups). */
export const COUPA_DEFAULT_SCOPES = [
	'core.common.read',
	'core.accounting.read',
	'core.purchase_order.read',
	'core.purchase_order.write',
	'core.invoice.read',
	'core.invoice.write',
	'core.supplier.read',
	'core.project.read',
	'core.expense.read',
	'core.expense.write',
	'core.inventory.receiving.read',
];

/** Coupa tokens live 24 h; Coupa advises renewing after about 20 h, i.e. with a sixth of the life left. */
export function renewAtFor(issuedAtMs: number, expiresInSeconds: number): number {
	return issuedAtMs + Math.floor((expiresInSeconds * 1000 * 5) / 6);
}

/** Whether a cached token's renewal time has passed (an unknown time is not due: n8n renews on 401 anyway). */
export function tokenIsDue(renewAt: unknown, nowMs: number): boolean {
	if (typeof renewAt !== 'string' || renewAt === '') return false;
	const at = Date.parse(renewAt);
	return Number.isFinite(at) && nowMs >= at;
}

export function instanceUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const url = String(credentials.instanceUrl ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/?#]+/i.test(url)) throw new Error('Instance URL must be the Coupa host, e.g. https://mycompany.coupahost.com');
	return url.match(/^https?:\/\/[^/?#]+/i)![0];
}

export async function requestCoupaToken(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<{ accessToken: string; expiresIn: number }> {
	const tokenUrl = `${instanceUrlOf(credentials)}/oauth2/token`;
	const clientId = String(credentials.clientId ?? '').trim();
	const secret = String(credentials.clientSecret ?? '');
	if (!clientId) throw new Error('Client ID is empty');
	if (!secret) throw new Error('Client Secret is empty');
	const scope = String(credentials.scopes ?? '').split(/[\s,]+/).filter(Boolean).join(' ');
	const form: Record<string, string> = { grant_type: 'client_credentials', client_id: clientId, client_secret: secret };
	if (scope) form.scope = scope;
	const response = (await helpers.helpers.httpRequest({
		method: 'POST',
		url: tokenUrl,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: new URLSearchParams(form).toString(),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode: number; body: unknown };
	let body = response.body as Record<string, unknown> | string | undefined;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body) as Record<string, unknown>;
		} catch {
			// Not JSON: tokenErrorReason says so.
		}
	}
	const token = body && typeof body === 'object' ? body.access_token : undefined;
	if (response.statusCode < 400 && typeof token === 'string' && token !== '') {
		const expiresIn = Number((body as Record<string, unknown>).expires_in);
		return { accessToken: token, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 86_399 };
	}
	throw new Error(`Coupa token request to ${tokenUrl} failed: ${tokenErrorReason(response.statusCode, body, [secret])}`);
}
