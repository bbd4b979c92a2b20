/**
 * Both Workday credentials against the sandbox: the refresh-token exchange (Basic client auth) and its errors
 * without secrets, the bearer header, each credential's test request as n8n resolves it, and the record pickers.
 */
import { mockDeep } from 'jest-mock-extended';
import axios from 'axios';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { P2cWorkdayIsuApi } from '../../credentials/P2cWorkdayIsuApi.credentials';
import { P2cWorkdayOAuth2Api } from '../../credentials/P2cWorkdayOAuth2Api.credentials';
import { searchSupervisoryOrganizations, searchWorkers } from '../../nodes/Workday/methods/listSearch';
import { createWorkdaySandbox, wid, workdayIsuSandboxCredentials, workdayOAuth2SandboxCredentials } from '../../sandbox/workday';
import type { WorkdaySandbox } from '../../sandbox/workday';

/** n8n's request helper for preAuthentication, on axios. */
const helper = {
	helpers: {
		httpRequest: async (request: IHttpRequestOptions) => {
			const response = await axios.request({ method: request.method, url: request.url, headers: request.headers as Record<string, string>, data: request.body, validateStatus: () => true });
			return { statusCode: response.status, body: response.data, headers: response.headers };
		},
	},
} as unknown as IHttpRequestHelper;

/** The `={{ … }}` credential expressions of a test request, evaluated the way n8n would. */
function resolve(expression: string, credentials: Record<string, unknown>): string {
	if (!expression.startsWith('=')) return expression;
	return expression.slice(1).replace(/\{\{(.*?)\}\}/g, (_m, code: string) => String(new Function('$credentials', `return (${code});`)(credentials)));
}

describe('Workday credentials', () => {
	let sandbox: WorkdaySandbox;
	let base = '';
	beforeAll(async () => {
		sandbox = createWorkdaySandbox({ latencyMs: 0 });
		base = await sandbox.start(0);
	});
	afterAll(async () => await sandbox.stop());

	it('OAuth2: the refresh token is exchanged at the tenant\'s token endpoint with the client as Basic; the token is sent as Bearer', async () => {
		const credential = new P2cWorkdayOAuth2Api();
		const data = workdayOAuth2SandboxCredentials(base);
		const { accessToken } = (await credential.preAuthentication.call(helper, data as unknown as ICredentialDataDecryptedObject)) as { accessToken: string };
		expect(accessToken).toMatch(/^[0-9a-f]{48}$/);
		const token = sandbox.requests.find((r) => r.path === '/ccx/oauth2/meridian_impl1/token')!;
		expect(token.headers.authorization).toBe('[redacted]');
		expect(new URLSearchParams(String(token.body))).toEqual(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: data.refreshToken }));
		const signed = await credential.authenticate({ ...data, accessToken }, { url: 'x', headers: {} });
		expect(signed.headers).toEqual({ Authorization: `Bearer ${accessToken}` });
		const test = credential.test.request;
		const url = `${resolve(String(test.baseURL), data)}${resolve(String(test.url), data)}`;
		expect(url).toBe(`${base}/ccx/api/common/v1/meridian_impl1/workers`);
		expect((await axios.get(url, { params: test.qs, headers: { Authorization: `Bearer ${accessToken}` }, validateStatus: () => true })).status).toBe(200);
		expect((await axios.get(url, { params: test.qs, validateStatus: () => true })).status).toBe(401);
	});

	it('OAuth2: a wrong client secret is invalid_client, and neither secret nor refresh token appears in the error', async () => {
		const credential = new P2cWorkdayOAuth2Api();
		const data = { ...workdayOAuth2SandboxCredentials(base), clientSecret: 'wrong-client-secret-1234' };
		await expect(credential.preAuthentication.call(helper, data as unknown as ICredentialDataDecryptedObject)).rejects.toThrow(`Workday token request to ${base}/ccx/oauth2/meridian_impl1/token failed: HTTP 401 invalid_client: Invalid client credentials`);
		const error = await credential.preAuthentication.call(helper, data as unknown as ICredentialDataDecryptedObject).catch((e: Error) => e.message);
		expect(String(error)).not.toContain('wrong-client-secret-1234');
		expect(String(error)).not.toContain(data.refreshToken);
	});

	it('ISU: the test request is a Get_Workers the UsernameToken is put into, accepted by the sandbox; a wrong password is a fault', async () => {
		const credential = new P2cWorkdayIsuApi();
		const data = workdayIsuSandboxCredentials(base);
		const test = credential.test.request;
		const url = `${resolve(String(test.baseURL), data)}${resolve(String(test.url), data)}`;
		expect(url).toBe(`${base}/ccx/service/meridian_impl1/Human_Resources/v42.0`);
		const send = async (password: string) => {
			const signed = await credential.authenticate({ ...data, password }, { url, method: 'POST', headers: test.headers, body: test.body });
			return await axios.post(url, signed.body, { headers: signed.headers as Record<string, string>, validateStatus: () => true, responseType: 'text' });
		};
		const ok = await send(data.password);
		expect(ok.status).toBe(200);
		expect(ok.data).toContain('<wd:Total_Results>5</wd:Total_Results>');
		const refused = await send('not-it');
		expect(refused.status).toBe(500);
		expect(refused.data).toContain('invalid username or password');
	});

	it('pickers: workers searched by name with Workday\'s search, paged by offset; supervisory organizations filtered by name', async () => {
		const data = workdayOAuth2SandboxCredentials(base);
		const { accessToken } = (await new P2cWorkdayOAuth2Api().preAuthentication.call(helper, data as unknown as ICredentialDataDecryptedObject)) as { accessToken: string };
		const context = mockDeep<ILoadOptionsFunctions>();
		context.getCredentials.mockImplementation((async () => ({ ...data, accessToken })) as never);
		context.getNode.mockReturnValue({ name: 'Workday' } as never);
		context.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, request: IHttpRequestOptions) => {
			const response = await axios.request({ method: request.method ?? 'GET', url: request.url, params: request.qs, headers: { ...(request.headers as Record<string, string>), Authorization: `Bearer ${accessToken}` }, validateStatus: () => true });
			return { body: response.data, headers: response.headers, statusCode: response.status };
		}) as never);
		const workers = await searchWorkers.call(context, 'oliver');
		expect(workers.results).toEqual([{ name: 'Oliver Hale', value: wid('worker', 'EMP-0003'), url: `${base}/ccx/api/common/v1/meridian_impl1/workers/${wid('worker', 'EMP-0003')}` }]);
		expect(workers.paginationToken).toBeUndefined();
		expect(new URLSearchParams(sandbox.requests.filter((r) => r.path.endsWith('/workers')).at(-1)!.query).get('search')).toBe('oliver');
		const orgs = await searchSupervisoryOrganizations.call(context, 'finance');
		expect(orgs.results.map((r) => r.name)).toEqual(['Finance (Marcus Bell)']);
	});
});
