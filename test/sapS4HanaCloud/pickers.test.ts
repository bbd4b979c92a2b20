/** The record picker (From List) against the SAP sandbox: searched by name with an escaped substringof, paged by $skip. */
import { mockDeep } from 'jest-mock-extended';
import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch } from '../../nodes/SapS4HanaCloud/methods';
import { useSapSandbox } from './helpers';

const suite = useSapSandbox();

function context(parameters: IDataObject): ILoadOptionsFunctions {
	const ctx = mockDeep<ILoadOptionsFunctions>();
	ctx.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => parameters[name] ?? fallback) as never);
	ctx.getCredentials.mockImplementation((async () => suite.basic()) as never);
	ctx.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, request: IHttpRequestOptions) => {
		const url = new URL(String(request.url));
		for (const [k, v] of Object.entries(request.qs ?? {})) url.searchParams.set(k, String(v));
		const basic = `Basic ${Buffer.from(`${suite.basic().username}:${suite.basic().password}`).toString('base64')}`;
		const response = await fetch(url, { headers: { ...(request.headers as Record<string, string>), Authorization: basic } });
		return { body: await response.json(), headers: Object.fromEntries(response.headers.entries()), statusCode: response.status };
	}) as never);
	return ctx;
}

describe('SAP S/4HANA Cloud record picker', () => {
	it('searches business partners by name, a quote escaped, and projects by description with their UUID as value', async () => {
		const found = await listSearch.searchRecords.call(context({ resource: 'businessPartner' }), "O'Brien");
		expect(found.results).toEqual([{ name: "O'Brien & Sons Engineering", value: expect.stringMatching(/^\d{8}$/) }]);
		const project = suite.sap.service('A_EnterpriseProject').records('A_EnterpriseProject').find((p) => p.Project === 'SF-006A000102')!;
		const projects = await listSearch.searchRecords.call(context({ resource: 'project' }), 'Umbrella');
		expect(projects.results).toEqual([{ name: 'Umbrella Finance Transformation', value: project.ProjectUUID }]);
	});

	it('pages by $skip, 50 a page', async () => {
		const partners = suite.sap.service('A_BusinessPartner');
		for (let i = 0; i < 45; i++) await partners.insert('A_BusinessPartner', { BusinessPartner: `2000${String(i).padStart(4, '0')}`, BusinessPartnerCategory: '2', BusinessPartnerGrouping: 'BP02', OrganizationBPName1: `Extra ${i}` });
		const total = partners.records('A_BusinessPartner').length;
		const first = await listSearch.searchRecords.call(context({ resource: 'businessPartner' }));
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const second = await listSearch.searchRecords.call(context({ resource: 'businessPartner' }), undefined, first.paginationToken as string);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((r) => r.value)).size).toBe(total);
	});
});
