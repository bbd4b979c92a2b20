/**
 * The sandbox's gatekeeper. TBA signatures are recomputed with the independent `oauth-1.0a` library (never
 * with the node's own signer), so a signing bug in the node cannot hide behind the same bug here. M2M
 * assertions are verified with `jsonwebtoken` against the registered certificate's public key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import jwt from 'jsonwebtoken';
import OAuth from 'oauth-1.0a';

import type { SandboxRequest, SandboxResponse } from '../core/server';

export interface TbaIntegration {
	consumerKey: string;
	consumerSecret: string;
	tokens: Record<string, string>; // token id → token secret
}

export interface M2mClient {
	clientId: string;
	certificateId: string;
	publicKeyPem: string;
}

export type AuthFailure =
	| 'missing authorization'
	| 'malformed header'
	| 'wrong realm'
	| 'unsupported signature method'
	| 'unknown consumer'
	| 'unknown token'
	| 'stale timestamp'
	| 'replayed nonce'
	| 'bad signature'
	| 'unknown bearer token'
	| 'expired bearer token';

export interface AuthConfig {
	realm: string;
	tba: TbaIntegration;
	m2m: M2mClient;
	tokenLifetimeSeconds: number;
	/** Accepted distance between oauth_timestamp and the sandbox clock. */
	timestampToleranceSeconds: number;
	nowMs: () => number;
}

const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
const ALLOWED_ALGORITHMS: jwt.Algorithm[] = ['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

/** `OAuth k="v", …` → decoded parameters; undefined when it is not an OAuth header. */
export function parseOAuthHeader(header: string): Record<string, string> | undefined {
	const match = /^OAuth\s+(.*)$/i.exec(header.trim());
	if (!match) return undefined;
	const params: Record<string, string> = {};
	const pattern = /([A-Za-z_][A-Za-z0-9_]*)="([^"]*)"/g;
	let found: RegExpExecArray | null;
	while ((found = pattern.exec(match[1])) !== null) params[found[1]] = decodeURIComponent(found[2]);
	return params;
}

function safeEqual(a: string, b: string): boolean {
	const ab = Buffer.from(a);
	const bb = Buffer.from(b);
	return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** The URL the client signed: scheme and host as it addressed us, path and query as sent. */
function requestUrl(request: SandboxRequest): string {
	const host = request.headers.host ?? request.url.host;
	return `${request.url.protocol}//${host}${request.url.pathname}${request.url.search}`;
}

export class NetSuiteAuth {
	private readonly seenNonces = new Map<string, number>();
	private readonly bearerTokens = new Map<string, number>(); // token → expiry (ms)
	readonly failures: Array<{ reason: AuthFailure; path: string }> = [];
	tokensIssued = 0;

	constructor(private readonly config: AuthConfig) {}

	reset(): void {
		this.seenNonces.clear();
		this.bearerTokens.clear();
		this.failures.length = 0;
		this.tokensIssued = 0;
	}

	private fail(reason: AuthFailure, request: SandboxRequest): AuthFailure {
		this.failures.push({ reason, path: request.path });
		return reason;
	}

	/** Undefined when the request is authenticated, else why not. */
	check(request: SandboxRequest): AuthFailure | undefined {
		const header = request.headers.authorization;
		if (!header) return this.fail('missing authorization', request);
		if (/^Bearer\s+/i.test(header)) return this.checkBearer(header.replace(/^Bearer\s+/i, '').trim(), request);
		return this.checkTba(header, request);
	}

	private checkBearer(token: string, request: SandboxRequest): AuthFailure | undefined {
		const expiry = this.bearerTokens.get(token);
		if (expiry === undefined) return this.fail('unknown bearer token', request);
		if (expiry <= this.config.nowMs()) return this.fail('expired bearer token', request);
		return undefined;
	}

	private checkTba(header: string, request: SandboxRequest): AuthFailure | undefined {
		const params = parseOAuthHeader(header);
		const required = ['oauth_consumer_key', 'oauth_token', 'oauth_signature_method', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature'];
		if (!params || required.some((name) => !params[name])) return this.fail('malformed header', request);
		if (params.realm !== this.config.realm) return this.fail('wrong realm', request);
		if (params.oauth_signature_method !== 'HMAC-SHA256') return this.fail('unsupported signature method', request);
		if (params.oauth_version !== undefined && params.oauth_version !== '1.0') return this.fail('malformed header', request);
		const { tba } = this.config;
		if (params.oauth_consumer_key !== tba.consumerKey) return this.fail('unknown consumer', request);
		const tokenSecret = tba.tokens[params.oauth_token];
		if (tokenSecret === undefined) return this.fail('unknown token', request);
		const timestamp = Number(params.oauth_timestamp);
		const nowSeconds = this.config.nowMs() / 1000;
		if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > this.config.timestampToleranceSeconds) {
			return this.fail('stale timestamp', request);
		}

		const oauth = new OAuth({
			consumer: { key: tba.consumerKey, secret: tba.consumerSecret },
			signature_method: 'HMAC-SHA256',
			hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
		});
		const oauthData: Record<string, string> = {};
		for (const name of ['oauth_consumer_key', 'oauth_nonce', 'oauth_signature_method', 'oauth_timestamp', 'oauth_token', 'oauth_version']) {
			if (params[name] !== undefined) oauthData[name] = params[name];
		}
		const isForm = /application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '');
		const formData = isForm ? Object.fromEntries(new URLSearchParams(request.rawBody)) : {};
		const expected = oauth.getSignature(
			{ url: requestUrl(request), method: request.method, data: formData },
			tokenSecret,
			oauthData as unknown as OAuth.Data,
		);
		if (!safeEqual(expected, params.oauth_signature)) return this.fail('bad signature', request);

		const nonceKey = `${params.oauth_token}:${params.oauth_nonce}`;
		this.forgetOldNonces(nowSeconds);
		if (this.seenNonces.has(nonceKey)) return this.fail('replayed nonce', request);
		this.seenNonces.set(nonceKey, timestamp);
		return undefined;
	}

	private forgetOldNonces(nowSeconds: number): void {
		for (const [key, timestamp] of this.seenNonces) {
			if (nowSeconds - timestamp > 2 * this.config.timestampToleranceSeconds) this.seenNonces.delete(key);
		}
	}

	/** `POST /services/rest/auth/oauth2/v1/token` with a client credentials grant and a JWT assertion. */
	tokenEndpoint(request: SandboxRequest): SandboxResponse {
		const oauthError = (error: string, description: string): SandboxResponse => ({
			status: 400,
			headers: { 'Content-Type': 'application/json;charset=UTF-8' },
			body: { error, error_description: description },
		});
		if (!/application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')) {
			return oauthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
		}
		const form = new URLSearchParams(request.rawBody);
		if (form.get('grant_type') !== 'client_credentials') return oauthError('unsupported_grant_type', 'grant_type must be client_credentials');
		if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
			return oauthError('invalid_request', 'client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
		}
		const assertion = form.get('client_assertion') ?? '';
		const decoded = jwt.decode(assertion, { complete: true });
		if (!decoded || typeof decoded.payload === 'string') return oauthError('invalid_request', 'client_assertion is not a JWT');
		const { m2m } = this.config;
		if (decoded.header.kid !== m2m.certificateId) return oauthError('invalid_client', 'Unknown certificate ID (kid)');
		const host = request.headers.host ?? request.url.host;
		const audience = `${request.url.protocol}//${host}${TOKEN_PATH}`;
		let payload: jwt.JwtPayload;
		try {
			payload = jwt.verify(assertion, m2m.publicKeyPem, {
				algorithms: ALLOWED_ALGORITHMS,
				audience,
				issuer: m2m.clientId,
				clockTimestamp: Math.floor(this.config.nowMs() / 1000),
			}) as jwt.JwtPayload;
		} catch (error) {
			return oauthError('invalid_grant', `Assertion rejected: ${(error as Error).message}`);
		}
		if (typeof payload.iat !== 'number' || typeof payload.exp !== 'number' || payload.exp - payload.iat > 3600) {
			return oauthError('invalid_grant', 'exp must be at most 60 minutes after iat');
		}
		const scopes = String(payload.scope ?? '').split(/[\s,]+/);
		if (!scopes.includes('rest_webservices')) return oauthError('invalid_scope', 'scope must include rest_webservices');
		const token = randomBytes(24).toString('hex');
		this.bearerTokens.set(token, this.config.nowMs() + this.config.tokenLifetimeSeconds * 1000);
		this.tokensIssued++;
		return {
			status: 200,
			headers: { 'Content-Type': 'application/json;charset=UTF-8' },
			body: { access_token: token, expires_in: String(this.config.tokenLifetimeSeconds), token_type: 'bearer' },
		};
	}
}
