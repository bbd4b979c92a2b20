/**
 * Snowflake key-pair authentication: a JWT signed with the user's RSA private key (RS256), sent as the bearer
 * token with `X-Snowflake-Authorization-Token-Type: KEYPAIR_JWT`. Snowflake finds the key by the fingerprint in
 * `iss` (`SHA256:` + base64 of the SHA-256 of the public key's DER), which must match the user's
 * `RSA_PUBLIC_KEY_FP`. The token is signed per request, so it is never older than a second when it is used.
 */
import { createHash, createPublicKey } from 'crypto';

import { normalisePem, signJwt } from '../../shared/kit/jwt';

/** Snowflake allows at most one hour between `iat` and `exp`. */
export const MAX_JWT_LIFETIME_SECONDS = 3600;
export const DEFAULT_JWT_LIFETIME_SECONDS = 300;

export type SnowflakeTokenType = 'KEYPAIR_JWT' | 'OAUTH' | 'PROGRAMMATIC_ACCESS_TOKEN';
export const TOKEN_TYPE_HEADER = 'X-Snowflake-Authorization-Token-Type';

/**
 * The account as the JWT names it: upper case, without region or cloud (`xy12345.us-east-1.aws` → `XY12345`;
 * `myorg-myaccount` stays whole). A full host pasted by mistake loses `.snowflakecomputing.com` first.
 */
export function jwtAccountOf(account: string): string {
	const bare = account.trim().replace(/^https?:\/\//i, '').replace(/\.snowflakecomputing\.com.*$/i, '');
	return (bare.split('.')[0] ?? '').toUpperCase();
}

/** `SHA256:<base64>` of the public key derived from the private key (what `DESC USER` shows as RSA_PUBLIC_KEY_FP). */
export function publicKeyFingerprint(privateKeyPem: string, passphrase?: string): string {
	const publicKey = createPublicKey({ key: normalisePem(privateKeyPem), format: 'pem', ...(passphrase ? { passphrase } : {}) });
	const der = publicKey.export({ type: 'spki', format: 'der' });
	return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
}

export interface KeyPairSettings {
	account: string;
	user: string;
	privateKey: string;
	passphrase?: string;
	lifetimeSeconds?: number;
}

/** The signed key-pair JWT, valid from now for the lifetime asked (capped at Snowflake's hour). */
export function keyPairJwt(settings: KeyPairSettings, nowMs: number = Date.now()): string {
	const qualifiedUser = `${jwtAccountOf(settings.account)}.${settings.user.trim().toUpperCase()}`;
	const iat = Math.floor(nowMs / 1000);
	const lifetime = Math.min(Math.max(Math.floor(settings.lifetimeSeconds ?? DEFAULT_JWT_LIFETIME_SECONDS), 30), MAX_JWT_LIFETIME_SECONDS);
	const passphrase = settings.passphrase ? settings.passphrase : undefined;
	return signJwt(
		{ alg: 'RS256', typ: 'JWT' },
		{ iss: `${qualifiedUser}.${publicKeyFingerprint(settings.privateKey, passphrase)}`, sub: qualifiedUser, iat, exp: iat + lifetime },
		settings.privateKey,
		passphrase ? { passphrase } : {},
	);
}

/** `https://<account>.snowflakecomputing.com`, or the URL the credential names (private link, a proxy, the sandbox). */
export function accountUrlOf(credentials: { account?: unknown; accountUrl?: unknown }): string {
	const explicit = String(credentials.accountUrl ?? '').trim().replace(/\/+$/, '');
	if (explicit) return explicit;
	const account = String(credentials.account ?? '').trim().replace(/^https?:\/\//i, '').replace(/\.snowflakecomputing\.com.*$/i, '');
	return `https://${account.toLowerCase()}.snowflakecomputing.com`;
}
