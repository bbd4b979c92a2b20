/**
 * Access tokens from the OCI IAM identity domain attached to the Fusion pod (`<domain>/oauth2/v1/token`), for
 * the OAuth 2.0 credential's `preAuthentication`: the client credentials grant, or the JWT user assertion
 * grant (an RS256 assertion naming the Fusion user, signed with the key whose certificate the confidential
 * application trusts). The client authenticates with HTTP Basic (client id and secret) either way.
 */
import { randomUUID } from 'crypto';
import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { signJwt } from '../../shared/kit/jwt';
import { tokenErrorReason } from '../../shared/kit/oauth';

export const IDENTITY_GRANT_PATH = '/oauth2/v1/token';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The audience OCI IAM expects in a user assertion. */
export const IDENTITY_AUDIENCE = 'https://identity.oraclecloud.com/';

export type OracleGrant = 'clientCredentials' | 'jwtAssertion';

export interface OracleTokenSettings {
	identityDomainUrl: string;
	grantType: OracleGrant;
	clientId: string;
	clientSecret: string;
	scope: string;
	username?: string;
	privateKey?: string;
	keyId?: string;
	/** Lifetime of the assertion in seconds (OCI IAM accepts short-lived assertions). */
	assertionLifetimeSeconds?: number;
}

/** The user assertion: issuer the client, subject the Fusion user, audience the identity domain. */
export function buildUserAssertion(settings: OracleTokenSettings, now = Math.floor(Date.now() / 1000)): string {
	const header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' };
	if (settings.keyId) header.kid = settings.keyId;
	const payload = {
		iss: settings.clientId,
		sub: settings.username,
		aud: IDENTITY_AUDIENCE,
		iat: now,
		exp: now + (settings.assertionLifetimeSeconds ?? 300),
		jti: randomUUID(),
	};
	return signJwt(header, payload, settings.privateKey ?? '');
}

export function tokenRequestBody(settings: OracleTokenSettings, assertion?: string): string {
	const form = new URLSearchParams();
	if (settings.grantType === 'jwtAssertion') {
		form.set('grant_type', JWT_BEARER_GRANT);
		form.set('assertion', assertion ?? '');
	} else {
		form.set('grant_type', 'client_credentials');
	}
	form.set('scope', settings.scope);
	return form.toString();
}

/** Fetches a token; a refusal keeps the identity domain's `error` and `error_description`, never a secret. */
export async function requestOracleToken(helper: IHttpRequestHelper, settings: OracleTokenSettings): Promise<IDataObject> {
	const url = `${settings.identityDomainUrl.trim().replace(/\/+$/, '')}${IDENTITY_GRANT_PATH}`;
	if (settings.grantType === 'jwtAssertion' && (!settings.username || !settings.privateKey)) {
		throw new Error('Oracle JWT assertion: Username and Private Key are required for the JWT user assertion grant');
	}
	const assertion = settings.grantType === 'jwtAssertion' ? buildUserAssertion(settings) : undefined;
	const basic = Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString('base64');
	const response = (await helper.helpers.httpRequest({
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json', Authorization: `Basic ${basic}` },
		body: tokenRequestBody(settings, assertion),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode: number; body: unknown };
	const body = (response.body ?? {}) as IDataObject;
	if (response.statusCode >= 400 || typeof body.access_token !== 'string') {
		const reason = tokenErrorReason(response.statusCode, response.body, [assertion, settings.clientSecret, settings.privateKey, basic]);
		throw new Error(`Oracle identity domain token request to ${url} failed: ${reason}`);
	}
	return { accessToken: body.access_token };
}
