/** The record picker (a q LIKE on the name, escaped, paged while hasMore) and the field pickers filled from describe. */
import { mockDeep } from 'jest-mock-extended';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { getAttributes } from '../../nodes/OracleFusion/methods/loadOptions';
import { RECORD_PAGE_SIZE, searchRecords } from '../../nodes/OracleFusion/methods/listSearch';
import { createOracleFusionSandbox, oracleSandboxCredentials } from '../../sandbox/oracleFusion';
import type { OracleFusionSandbox } from '../../sandbox/oracleFusion';

describe('Oracle Fusion pickers', () => {
	let sandbox: OracleFusionSandbox;
	let credentials: ICredentialDataDecryptedObject;
	beforeAll(async () => {
		sandbox = createOracleFusionSandbox({ latencyMs: 0 });
		credentials = oracleSandboxCredentials(await sandbox.start(0)) as unknown as ICredentialDataDecryptedObject;
	});
	beforeEach(() => sandbox.reset());
	afterAll(async () => await sandbox.stop());

	function context(resource: string) {
		const ctx = mockDeep<ILoadOptionsFunctions>();
		const parameter = (name: string, fallback?: unknown) => (name === 'resource' ? resource : name === 'authentication' ? 'basic' : fallback);
		ctx.getNodeParameter.mockImplementation(parameter as never);
		ctx.getCurrentNodeParameter.mockImplementation(((name: string) => parameter(name)) as never);
		ctx.getCredentials.mockImplementation((async () => credentials) as never);
		ctx.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, request: IHttpRequestOptions) => {
			const url = new URL(String(request.url));
			for (const [k, v] of Object.entries(request.qs ?? {})) url.searchParams.set(k, String(v));
			const headers = { ...(request.headers as Record<string, string>), Authorization: `Basic ${Buffer.from(`${String(credentials.username)}:${String(credentials.password)}`).toString('base64')}` };
			const response = await fetch(url, { headers });
			return { body: await response.json(), headers: {}, statusCode: response.status };
		}) as never);
		return ctx;
	}

	it('searches accounts by name with an escaped q LIKE and labels them with their number', async () => {
		const found = await searchRecords.call(context('customer'), "o'brien");
		expect(found.results).toEqual([{ name: "O'Brien & Sons Engineering (CUST-1010)", value: 'CUST-1010' }]);
		expect(new URLSearchParams(sandbox.requests[0].query).get('q')).toBe("OrganizationName LIKE '%o\\'brien%'");
	});

	it('pages while hasMore, by offset', async () => {
		for (let i = 0; i < RECORD_PAGE_SIZE + 5; i++) sandbox.store.insert('accounts', { PartyId: 800000 + i, PartyNumber: `P-${i}`, OrganizationName: `Zeta ${String(i).padStart(3, '0')}`, Type: 'ZCA_CUSTOMER', PartyStatus: 'A' });
		const first = await searchRecords.call(context('customer'), 'Zeta');
		expect(first.results).toHaveLength(RECORD_PAGE_SIZE);
		expect(first.paginationToken).toBe(RECORD_PAGE_SIZE);
		const second = await searchRecords.call(context('customer'), 'Zeta', first.paginationToken);
		expect(second.results).toHaveLength(5);
		expect(second.paginationToken).toBeUndefined();
	});

	it('picks records with hash keys by the key in their self link', async () => {
		const found = await searchRecords.call(context('worker'), 'Priya');
		const worker = sandbox.store.all('workers').find((w) => w.PersonNumber === 'EMP-0002')!;
		expect(found.results).toEqual([{ name: 'Priya Raman (EMP-0002)', value: worker.workersUniqID }]);
	});

	it('fills the field pickers from the resource\'s describe metadata', async () => {
		const attributes = await getAttributes.call(context('unprocessedProjectCost'));
		const reference = attributes.find((a) => a.value === 'OriginalTransactionReference');
		expect(reference).toMatchObject({ name: 'Original Transaction Reference (OriginalTransactionReference)', description: 'string, required, set on create only' });
		expect(attributes.find((a) => a.value === 'ProjectId')?.description).toBe('integer, read-only');
		expect(sandbox.requests[0].path).toBe('/fscmRestApi/resources/11.13.18.05/unprocessedProjectCosts/describe');
	});
});
