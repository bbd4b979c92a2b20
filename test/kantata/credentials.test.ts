/** Both Kantata credentials: the token credential signs with a bearer header, and each credential's test request succeeds against the sandbox with a good token and fails with Kantata's 401 otherwise. */
import type { ICredentialTestRequest } from 'n8n-workflow';

import { P2cKantataOAuth2Api } from '../../credentials/P2cKantataOAuth2Api.credentials';
import { P2cKantataTokenApi } from '../../credentials/P2cKantataTokenApi.credentials';
import { createKantataSandbox, KANTATA_SANDBOX_PERSONAL_TOKEN, kantataSandboxCredentials } from '../../sandbox/kantata';
import type { KantataSandbox } from '../../sandbox/kantata';

describe('Kantata credentials', () => {
	let sandbox: KantataSandbox;
	let base = '';
	beforeAll(async () => {
		sandbox = createKantataSandbox({ latencyMs: 0 });
		base = await sandbox.start(0);
	});
	afterAll(async () => await sandbox.stop());

	/** The test request as n8n resolves it: the baseURL expression on the credential's base URL. */
	const testUrl = (request: ICredentialTestRequest['request']) => `${kantataSandboxCredentials(base).baseUrl.replace(/\/$/, '')}${String(request.url)}`;

	it('token credential: bearer header, test request answers 200 with the token and 401 oauth without', async () => {
		const credential = new P2cKantataTokenApi();
		expect(credential.authenticate.properties.headers).toEqual({ Authorization: '=Bearer {{$credentials.accessToken}}' });
		expect(credential.test.request.baseURL).toContain('$credentials.baseUrl');
		const url = testUrl(credential.test.request);
		expect((await fetch(url, { headers: { Authorization: `Bearer ${KANTATA_SANDBOX_PERSONAL_TOKEN}` } })).status).toBe(200);
		const refused = await fetch(url, { headers: { Authorization: 'Bearer wrong' } });
		expect(refused.status).toBe(401);
		expect(await refused.json()).toEqual({ errors: [{ type: 'oauth', message: 'Invalid OAuth 2 Request' }] });
	});

	it('OAuth2 credential: extends n8n\'s oAuth2Api with the authorization-code grant and Kantata\'s endpoints, and has a test request', () => {
		const credential = new P2cKantataOAuth2Api();
		expect(credential.extends).toEqual(['oAuth2Api']);
		const defaults = Object.fromEntries(credential.properties.map((p) => [p.name, p.default]));
		expect(defaults).toMatchObject({ grantType: 'authorizationCode', authUrl: 'https://app.mavenlink.com/oauth/authorize', accessTokenUrl: 'https://app.mavenlink.com/oauth/token', baseUrl: 'https://api.mavenlink.com/api/v1' });
		expect(credential.test.request.url).toBe('/users/me.json');
	});
});
