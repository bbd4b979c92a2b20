/** The record picker: Kantata's own search, an exact id, and page tokens from the envelope's meta. */
import { mockDeep } from 'jest-mock-extended';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { RECORD_PAGE_SIZE, searchRecords } from '../../nodes/Kantata/methods/listSearch';
import { createKantataSandbox, kantataSandboxCredentials } from '../../sandbox/kantata';
import type { KantataSandbox } from '../../sandbox/kantata';

describe('Kantata record picker', () => {
	let sandbox: KantataSandbox;
	let credentials: ICredentialDataDecryptedObject;
	beforeAll(async () => {
		sandbox = createKantataSandbox({ latencyMs: 0 });
		credentials = kantataSandboxCredentials(await sandbox.start(0)) as unknown as ICredentialDataDecryptedObject;
	});
	beforeEach(() => sandbox.reset());
	afterAll(async () => await sandbox.stop());

	function context(resource: string) {
		const ctx = mockDeep<ILoadOptionsFunctions>();
		ctx.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => (name === 'resource' ? resource : name === 'authentication' ? 'token' : fallback)) as never);
		ctx.getCredentials.mockImplementation((async () => credentials) as never);
		ctx.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, request: IHttpRequestOptions) => {
			const url = new URL(String(request.url));
			for (const [k, v] of Object.entries(request.qs ?? {})) url.searchParams.set(k, String(v));
			const response = await fetch(url, { headers: { Authorization: `Bearer ${String(credentials.accessToken)}` } });
			return { body: await response.json(), headers: {}, statusCode: response.status };
		}) as never);
		return ctx;
	}

	it('searches workspaces by title with Kantata\'s search, and finds one by exact id', async () => {
		const found = await searchRecords.call(context('workspace'), 'umbrella');
		expect(found.results).toEqual([{ name: expect.stringMatching(/^Umbrella Finance Transformation \(\d+\)$/), value: expect.any(String) }]);
		const byId = await searchRecords.call(context('workspace'), String(found.results[0].value));
		expect(byId.results.map((r) => r.value)).toEqual([found.results[0].value]);
		expect(new URLSearchParams(sandbox.requests[0].query).get('search')).toBe('umbrella');
	});

	it('pages with the envelope\'s meta', async () => {
		const workspaceId = String(sandbox.account.records('workspaces')[0].id);
		for (let i = 0; i < RECORD_PAGE_SIZE + 5; i++) sandbox.account.insert('stories', { title: `S${i}`, story_type: 'task', workspace_id: workspaceId });
		const first = await searchRecords.call(context('story'));
		expect(first.results).toHaveLength(RECORD_PAGE_SIZE);
		expect(first.paginationToken).toBe(2);
		const second = await searchRecords.call(context('story'), undefined, first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect(first.results.length + second.results.length).toBe(sandbox.account.records('stories').length);
	});
});
