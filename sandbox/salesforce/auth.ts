/**
 * The sandbox's OAuth endpoints: JWT bearer (assertions verified with jsonwebtoken against the connected app's
 * registered public key) and client credentials, plus userinfo. Errors use Salesforce's token-endpoint shape
 * `{"error": "...", "error_description": "..."}`.
 */
import { createHmac } from 'crypto';
import jwt from 'jsonwebtoken';

import type { SandboxRequest, SandboxResponse } from '../core/server';
import type { SalesforceOrg } from './org';

export interface AuthSettings {
	/** Audiences the org accepts in a JWT assertion (its login URL and My Domain URL). */
	audiences(): string[];
	/** Base URL of the org's instance, returned as instance_url. */
	instanceUrl(): string;
	/** Longest assertion lifetime accepted (exp - now), in seconds. */
	maxAssertionSeconds: number;
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function oauthError(status: number, error: string, description: string): SandboxResponse {
	return { status, body: { error, error_description: description } };
}

function tokenResponse(org: SalesforceOrg, settings: AuthSettings, userId: string, withSignature: boolean): SandboxResponse {
	const accessToken = org.openSession(userId);
	const issuedAt = String(org.now());
	const id = `${settings.instanceUrl()}/id/${org.orgId}/${userId}`;
	const body: Record<string, string> = {
		access_token: accessToken,
		scope: 'api',
		instance_url: settings.instanceUrl(),
		id,
		token_type: 'Bearer',
	};
	if (withSignature) {
		body.issued_at = issuedAt;
		body.signature = createHmac('sha256', org.orgId).update(id + issuedAt).digest('base64');
	}
	return { status: 200, body };
}

function formBody(request: SandboxRequest): URLSearchParams | undefined {
	const type = request.headers['content-type'] ?? '';
	if (!/application\/x-www-form-urlencoded/i.test(type)) return undefined;
	return new URLSearchParams(request.rawBody);
}

function jwtBearer(org: SalesforceOrg, settings: AuthSettings, assertion: string | null): SandboxResponse {
	if (!assertion) return oauthError(400, 'invalid_request', 'assertion is missing');
	const decoded = jwt.decode(assertion, { complete: true });
	if (!decoded || typeof decoded.payload === 'string') return oauthError(400, 'invalid_grant', 'invalid assertion');
	const claims = decoded.payload;
	const app = org.apps.find((a) => a.consumerKey === claims.iss);
	if (!app?.publicKey) return oauthError(400, 'invalid_client_id', 'client identifier invalid');
	try {
		jwt.verify(assertion, app.publicKey, { algorithms: ['RS256'], ignoreExpiration: true });
	} catch {
		return oauthError(400, 'invalid_grant', 'invalid assertion');
	}
	const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).map((a) => String(a ?? '').replace(/\/$/, ''));
	if (!audiences.some((a) => settings.audiences().includes(a))) return oauthError(400, 'invalid_grant', 'audience is invalid');
	const nowSeconds = Math.floor(org.now() / 1000);
	if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return oauthError(400, 'invalid_grant', 'expired authorization code');
	if (claims.exp - nowSeconds > settings.maxAssertionSeconds) return oauthError(400, 'invalid_grant', 'invalid assertion');
	const user = typeof claims.sub === 'string' ? org.userByUsername(claims.sub) : undefined;
	if (!user || user.IsActive === false || !app.preAuthorizedUsers.some((u) => u.toLowerCase() === String(claims.sub).toLowerCase())) {
		return oauthError(400, 'invalid_grant', "user hasn't approved this consumer");
	}
	return tokenResponse(org, settings, String(user.Id), false);
}

function clientCredentials(org: SalesforceOrg, settings: AuthSettings, form: URLSearchParams, authorization: string | undefined): SandboxResponse {
	let clientId = form.get('client_id');
	let clientSecret = form.get('client_secret');
	if (authorization?.startsWith('Basic ')) {
		const [id, ...secret] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
		clientId = decodeURIComponent(id);
		clientSecret = decodeURIComponent(secret.join(':'));
	}
	const app = org.apps.find((a) => a.consumerKey === clientId);
	if (!app || !app.clientSecret || app.clientSecret !== clientSecret) return oauthError(400, 'invalid_client', 'invalid client credentials');
	const user = app.runAsUsername ? org.userByUsername(app.runAsUsername) : undefined;
	if (!user) return oauthError(400, 'invalid_grant', 'no client credentials user enabled');
	return tokenResponse(org, settings, String(user.Id), true);
}

export function tokenEndpoint(org: SalesforceOrg, settings: AuthSettings) {
	return (request: SandboxRequest): SandboxResponse => {
		const form = formBody(request);
		if (!form) return oauthError(400, 'invalid_request', 'must use Content-Type application/x-www-form-urlencoded');
		const grant = form.get('grant_type');
		if (grant === JWT_GRANT) return jwtBearer(org, settings, form.get('assertion'));
		if (grant === 'client_credentials') {
			// Salesforce serves this flow only on an org's My Domain host, never on the shared login hosts.
			if (/^(login|test)\.salesforce\.com(:\d+)?$/i.test(request.headers.host ?? '')) {
				return oauthError(400, 'invalid_grant', 'request not supported on this domain');
			}
			return clientCredentials(org, settings, form, request.headers.authorization);
		}
		return oauthError(400, 'unsupported_grant_type', 'grant type not supported');
	};
}

/** The bearer token of a request, if it carries one. */
export function bearerToken(request: SandboxRequest): string | undefined {
	const header = request.headers.authorization ?? '';
	const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header);
	return match?.[1].trim();
}

export function userInfoEndpoint(org: SalesforceOrg, settings: AuthSettings) {
	return (request: SandboxRequest): SandboxResponse => {
		const token = bearerToken(request);
		const userId = token ? org.sessionUser(token) : undefined;
		// Salesforce answers an unusable token here with a plain-text 403.
		if (!userId) return { status: 403, headers: { 'Content-Type': 'text/plain' }, body: 'Bad_OAuth_Token' };
		const user = org.byId(userId)!;
		return {
			status: 200,
			body: {
				sub: `${settings.instanceUrl()}/id/${org.orgId}/${userId}`,
				user_id: userId,
				organization_id: org.orgId,
				preferred_username: user.Username,
				email: user.Email,
				name: user.Name,
				active: user.IsActive,
			},
		};
	};
}
