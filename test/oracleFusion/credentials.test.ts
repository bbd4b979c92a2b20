/**
 * Oracle credentials inside n8n-core: the OAuth 2.0 credential exchanges a token with the identity domain
 * (client credentials, or an RS256 user assertion the sandbox verifies), caches it on the credential, reuses it,
 * and renews it once on a 401; a refused exchange keeps error and error_description and never the secret. Basic
 * signs every request for a test pod.
 */
import { decode as decodeJwt } from 'jsonwebtoken';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { P2cOracleFusionBasicApi } from '../../credentials/P2cOracleFusionBasicApi.credentials';
import { P2cOracleFusionOAuth2Api } from '../../credentials/P2cOracleFusionOAuth2Api.credentials';
import { buildUserAssertion, IDENTITY_AUDIENCE, tokenRequestBody } from '../../nodes/OracleFusion/transport/auth';
import { ORACLE_SANDBOX_CLIENT_SECRET, ORACLE_SANDBOX_PRIVATE_KEY } from '../../sandbox/oracleFusion';
import { oracleNode, useOracleSandbox, workflow } from './helpers';

const suite = useOracleSandbox();

const readProjects = () => workflow([{}], oracleNode({ resource: 'project', operation: 'getMany', limit: 1 }, { authentication: 'oAuth2' }));

describe('Oracle Fusion OAuth 2.0 credential', () => {
	it.each(['clientCredentials', 'jwtAssertion'] as const)('%s: one token exchange, cached on the credential and reused', async (grant) => {
		const credentials = suite.credentials(grant);
		const first = await suite.run(readProjects(), credentials);
		expect(first.error).toBeUndefined();
		expect(first.output('Oracle')).toHaveLength(1);
		expect(first.credentials.preAuthenticationCalls).toEqual(['p2cOracleFusionOAuth2Api']);
		const cached = first.credentials.store.p2cOracleFusionOAuth2Api.accessToken;
		expect(typeof cached === 'string' && cached.length > 10).toBe(true);
		const second = await suite.run(readProjects(), { ...credentials, p2cOracleFusionOAuth2Api: first.credentials.store.p2cOracleFusionOAuth2Api });
		expect(second.error).toBeUndefined();
		expect(second.credentials.preAuthenticationCalls).toEqual([]);
		const exchanges = suite.sandbox.requests.filter((r) => r.path === '/oauth2/v1/token');
		expect(exchanges).toHaveLength(1);
		const form = new URLSearchParams(String(exchanges[0].body));
		expect(form.get('grant_type')).toBe(grant === 'jwtAssertion' ? 'urn:ietf:params:oauth:grant-type:jwt-bearer' : 'client_credentials');
	});

	it('renews the token once when Oracle answers 401 and the request goes through', async () => {
		const first = await suite.run(readProjects(), suite.credentials());
		suite.sandbox.expireTokens();
		suite.sandbox.requests.length = 0;
		const second = await suite.run(readProjects(), { ...suite.credentials(), p2cOracleFusionOAuth2Api: first.credentials.store.p2cOracleFusionOAuth2Api });
		expect(second.error).toBeUndefined();
		expect(second.credentials.preAuthenticationCalls).toEqual(['p2cOracleFusionOAuth2Api']);
		expect(suite.sandbox.requests.map((r) => r.status)).toEqual([401, 200, 200]);
	});

	it('a refused exchange names the identity domain\'s error and never shows the secret', async () => {
		const credentials = suite.credentials();
		credentials.p2cOracleFusionOAuth2Api = { ...credentials.p2cOracleFusionOAuth2Api, clientSecret: 'wrong-secret-value-123' } as ICredentialDataDecryptedObject;
		const result = await suite.run(readProjects(), credentials);
		expect(result.error).toContain('invalid_client: Client authentication failed.');
		expect(result.error).not.toContain('wrong-secret-value-123');
		expect(result.error).not.toContain(ORACLE_SANDBOX_CLIENT_SECRET);
	});

	it('builds the user assertion OCI IAM expects: RS256, issuer the client, subject the user, audience the identity domain, short-lived', () => {
		const assertion = buildUserAssertion({ identityDomainUrl: 'https://idcs.example', grantType: 'jwtAssertion', clientId: 'client-1', clientSecret: 's', scope: 'scope', username: 'INTEGRATION.USER', privateKey: ORACLE_SANDBOX_PRIVATE_KEY, keyId: 'cert-alias' }, 1_800_000_000);
		const decoded = decodeJwt(assertion, { complete: true })!;
		expect(decoded.header).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: 'cert-alias' });
		expect(decoded.payload).toMatchObject({ iss: 'client-1', sub: 'INTEGRATION.USER', aud: IDENTITY_AUDIENCE, iat: 1_800_000_000, exp: 1_800_000_300 });
		expect(new URLSearchParams(tokenRequestBody({ identityDomainUrl: '', grantType: 'jwtAssertion', clientId: '', clientSecret: '', scope: 'urn:x' }, assertion)).get('assertion')).toBe(assertion);
	});

	it('the test request reads one project with the framework version pinned', () => {
		expect(new P2cOracleFusionOAuth2Api().test.request).toMatchObject({ url: '/fscmRestApi/resources/11.13.18.05/projects?limit=1&onlyData=true&fields=ProjectId', headers: { 'REST-Framework-Version': '4' } });
	});
});

describe('Oracle Fusion Basic credential', () => {
	it('signs with HTTP Basic; a wrong password gets 401', async () => {
		expect(new P2cOracleFusionBasicApi().authenticate).toEqual({ type: 'generic', properties: { auth: { username: '={{$credentials.username}}', password: '={{$credentials.password}}' } } });
		const ok = await suite.run(workflow([{}], oracleNode({ resource: 'project', operation: 'getMany', limit: 1 })));
		expect(ok.error).toBeUndefined();
		expect(suite.sandbox.requests[0].headers.authorization).toBe('[redacted]');
		const credentials = suite.credentials();
		credentials.p2cOracleFusionBasicApi = { ...credentials.p2cOracleFusionBasicApi, password: 'nope' } as ICredentialDataDecryptedObject;
		const refused = await suite.run(workflow([{}], oracleNode({ resource: 'project', operation: 'getMany', limit: 1 }, { continueOnFail: true })), credentials);
		expect(refused.output('Oracle')[0]).toMatchObject({ code: 'HTTP_401' });
	});
});
