/**
 * Key-pair authentication as Snowflake defines it: RS256 JWT with iss = ACCOUNT.USER.SHA256:<fingerprint of the
 * public key DER>, sub = ACCOUNT.USER (upper case, account without region), life at most an hour, and the
 * KEYPAIR_JWT token type header; verified here with jsonwebtoken (an independent library) and the fingerprint
 * recomputed from the public key. The sandbox refuses what Snowflake refuses.
 */
import { createHash, createPublicKey, generateKeyPairSync } from 'crypto';
import { decode, verify } from 'jsonwebtoken';
import type { JwtPayload } from 'jsonwebtoken';

import { P2cSnowflakeKeyPairApi } from '../../credentials/P2cSnowflakeKeyPairApi.credentials';
import { P2cSnowflakeTokenApi } from '../../credentials/P2cSnowflakeTokenApi.credentials';
import { jwtAccountOf, keyPairJwt, publicKeyFingerprint } from '../../nodes/Snowflake/transport/auth';
import { snowflakeSandboxKeyPair, snowflakeSandboxKeyPairCredentials } from '../../sandbox/snowflake';
import { useSnowflakeSandbox } from './helpers';

const suite = useSnowflakeSandbox();

describe('Snowflake key-pair JWT', () => {
	const { privateKey, publicKey } = snowflakeSandboxKeyPair();

	it.each([
		['myorg-myaccount', 'MYORG-MYACCOUNT'],
		['xy12345.us-east-1', 'XY12345'],
		['xy12345.us-east-2.aws', 'XY12345'],
		['https://xy12345.eu-west-1.snowflakecomputing.com', 'XY12345'],
	])('account %s is %s in the token', (account, expected) => {
		expect(jwtAccountOf(account)).toBe(expected);
	});

	it('iss names the public key fingerprint, sub the account and user, life ≤ 1 h, RS256 verifies with the public key', () => {
		const now = Date.parse('2026-12-03T10:00:00Z');
		const token = keyPairJwt({ account: 'xy12345.us-east-1', user: 'p2c_loader', privateKey, lifetimeSeconds: 7200 }, now);
		const payload = verify(token, publicKey, { algorithms: ['RS256'], clockTimestamp: now / 1000 }) as JwtPayload;
		const fingerprint = `SHA256:${createHash('sha256').update(createPublicKey(publicKey).export({ type: 'spki', format: 'der' })).digest('base64')}`;
		expect(payload).toEqual({ iss: `XY12345.P2C_LOADER.${fingerprint}`, sub: 'XY12345.P2C_LOADER', iat: now / 1000, exp: now / 1000 + 3600 });
		expect(decode(token, { complete: true })!.header).toEqual({ alg: 'RS256', typ: 'JWT' });
		expect(publicKeyFingerprint(privateKey)).toBe(fingerprint);
	});

	it('an encrypted private key signs with its passphrase', () => {
		const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'open sesame' } });
		const token = keyPairJwt({ account: 'acme-prod', user: 'loader', privateKey: keys.privateKey, passphrase: 'open sesame' });
		expect((verify(token, keys.publicKey) as JwtPayload).sub).toBe('ACME-PROD.LOADER');
	});

	it('the credential signs a fresh token per request and sends the KEYPAIR_JWT token type; the secret never appears elsewhere', async () => {
		const credential = new P2cSnowflakeKeyPairApi();
		const data = snowflakeSandboxKeyPairCredentials('http://127.0.0.1:1');
		const options = await credential.authenticate(data as never, { url: '/api/v2/statements', headers: { 'User-Agent': 'x' } });
		const headers = options.headers as Record<string, string>;
		expect(headers['X-Snowflake-Authorization-Token-Type']).toBe('KEYPAIR_JWT');
		expect(verify(headers.Authorization.replace(/^Bearer /, ''), publicKey)).toBeTruthy();
		expect(options.baseURL).toBe('http://127.0.0.1:1');
		expect(JSON.stringify(options)).not.toContain('PRIVATE KEY');
	});

	it('the token credential names its kind in the header', async () => {
		const options = await new P2cSnowflakeTokenApi().authenticate({ account: 'acme-prod', authorizationType: 'OAUTH', token: 'secret-token', accountUrl: '' } as never, { url: '/api/v2/statements' });
		expect(options.headers).toMatchObject({ Authorization: 'Bearer secret-token', 'X-Snowflake-Authorization-Token-Type': 'OAUTH' });
		expect(options.baseURL).toBe('https://acme-prod.snowflakecomputing.com');
	});
});

describe('Snowflake sandbox authentication', () => {
	async function post(headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
		const response = await fetch(`${suite.baseUrl}/api/v2/statements`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ statement: 'SELECT 1' }) });
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	}
	const jwt = (settings: Partial<Parameters<typeof keyPairJwt>[0]> = {}, now?: number) => keyPairJwt({ ...snowflakeSandboxKeyPairCredentials(suite.baseUrl), ...settings }, now);

	it('accepts the registered key with the KEYPAIR_JWT header', async () => {
		expect((await post({ Authorization: `Bearer ${jwt()}`, 'X-Snowflake-Authorization-Token-Type': 'KEYPAIR_JWT', 'User-Agent': 'jest' })).status).toBe(200);
	});

	it.each([
		['no token type header (read as OAuth)', () => ({ Authorization: `Bearer ${jwt()}`, 'User-Agent': 'jest' }), 401, '390303'],
		['another key', () => ({ Authorization: `Bearer ${keyPairJwt({ ...snowflakeSandboxKeyPairCredentials(''), privateKey: generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey })}`, 'X-Snowflake-Authorization-Token-Type': 'KEYPAIR_JWT', 'User-Agent': 'jest' }), 401, '390144'],
		['another user', () => ({ Authorization: `Bearer ${jwt({ user: 'SOMEONE_ELSE' })}`, 'X-Snowflake-Authorization-Token-Type': 'KEYPAIR_JWT', 'User-Agent': 'jest' }), 401, '390144'],
		['an expired token', () => ({ Authorization: `Bearer ${jwt({}, Date.now() - 2 * 3600_000)}`, 'X-Snowflake-Authorization-Token-Type': 'KEYPAIR_JWT', 'User-Agent': 'jest' }), 401, '390144'],
		['no User-Agent', () => ({ Authorization: `Bearer ${jwt()}`, 'X-Snowflake-Authorization-Token-Type': 'KEYPAIR_JWT', 'User-Agent': '' }), 400, '391903'],
		['a wrong programmatic access token', () => ({ Authorization: 'Bearer nope', 'X-Snowflake-Authorization-Token-Type': 'PROGRAMMATIC_ACCESS_TOKEN', 'User-Agent': 'jest' }), 401, '390303'],
	])('refuses %s', async (_name, headers, status, code) => {
		const answer = await post(headers());
		expect(answer.status).toBe(status);
		expect(answer.body.code).toBe(code);
	});
});
