/**
 * Each client-credential credential's `test` request, resolved the way n8n resolves it, answered by the vendor
 * sandbox with a token from the Entra sandbox: 200 with the token, 401 without. A test request the sandbox
 * cannot answer would make "Test credential" fail in n8n for every user.
 */
import type { ICredentialTestRequest } from 'n8n-workflow';

import { P2cDynamics365FinanceApi } from '../../credentials/P2cDynamics365FinanceApi.credentials';
import { entraScope, requestEntraToken } from '../../nodes/shared/kit/entra';
import { createDynamicsFinanceSandbox } from '../../sandbox/dynamicsFinance';
import { createEntraSandbox, entraSandboxClientCredentials } from '../../sandbox/entra';
import { fetchHelpers, resolveExpression } from './helpers';

/** The credential test's URL as n8n builds it: the baseURL expression on the environment URL, then the url. */
function testUrl(request: ICredentialTestRequest['request'], environmentUrl: string): string {
	return `${resolveExpression(String(request.baseURL), { environmentUrl })}${resolveExpression(String(request.url), { environmentUrl })}`;
}

describe('Microsoft credential test requests against the sandboxes', () => {
	const entra = createEntraSandbox();
	const finance = createDynamicsFinanceSandbox({ latencyMs: 0 });
	let entraUrl = '';
	let financeUrl = '';
	beforeAll(async () => {
		entraUrl = await entra.start(0);
		financeUrl = await finance.start(0);
	});
	afterAll(async () => {
		await entra.stop();
		await finance.stop();
	});

	it('Finance: GET /data/LegalEntities?$top=1 answers 200 with an Entra token for the environment, 401 without', async () => {
		const credential = new P2cDynamics365FinanceApi();
		// An environment URL pasted from the browser, with a path and a query, still reaches the environment.
		const url = testUrl(credential.test.request, ` ${financeUrl}/?cmp=usmf&mi=DefaultDashboard`);
		expect(url).toBe(`${financeUrl}/data/LegalEntities?$top=1&$select=LegalEntityId`);
		const { accessToken } = await requestEntraToken(fetchHelpers(), entraSandboxClientCredentials(entraUrl, financeUrl, 'certificate'), entraScope(financeUrl));
		const signed = await credential.authenticate({ accessToken }, { url, headers: credential.test.request.headers as Record<string, string> });
		const ok = await fetch(url, { headers: signed.headers as Record<string, string> });
		expect(ok.status).toBe(200);
		const body = (await ok.json()) as { value: Array<{ LegalEntityId: string }> };
		expect(body.value).toHaveLength(1);
		expect(Object.keys(body.value[0])).toEqual(expect.arrayContaining(['LegalEntityId']));
		expect((await fetch(url)).status).toBe(401);
	});
});
