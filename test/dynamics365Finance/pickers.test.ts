/** Company and record pickers against the F&O sandbox: legal entities, and records searched in a company and paged by nextLink. */
import { mockDeep } from 'jest-mock-extended';
import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch, loadOptions } from '../../nodes/Dynamics365Finance/methods';
import { useFinanceSandbox } from './helpers';

const suite = useFinanceSandbox();

function context(parameters: IDataObject, token: string): ILoadOptionsFunctions {
	const ctx = mockDeep<ILoadOptionsFunctions>();
	ctx.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => parameters[name] ?? fallback) as never);
	ctx.getCredentials.mockImplementation((async () => suite.credentials()) as never);
	ctx.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, request: IHttpRequestOptions) => {
		const url = new URL(String(request.url));
		for (const [k, v] of Object.entries(request.qs ?? {})) url.searchParams.set(k, String(v));
		const response = await fetch(url, { headers: { ...(request.headers as Record<string, string>), Authorization: `Bearer ${token}` } });
		return { body: await response.json(), headers: Object.fromEntries(response.headers.entries()), statusCode: response.status };
	}) as never);
	return ctx;
}

describe('Dynamics 365 Finance pickers', () => {
	it('lists the companies', async () => {
		const companies = await loadOptions.getCompanies.call(context({}, await suite.token()));
		expect(companies).toEqual([
			{ name: 'Meridian Advisory Group UK (gbsi)', value: 'gbsi' },
			{ name: 'Meridian Advisory Group US (usmf)', value: 'usmf' },
		]);
	});

	it('searches a company\'s records by name or key, escaped, and pages by nextLink', async () => {
		const token = await suite.token();
		const found = await listSearch.searchRecords.call(context({ resource: 'customer', company: 'gbsi' }, token), "O'Brien");
		expect(found.results).toEqual([{ name: "O'Brien & Sons Engineering (GB-1010, gbsi)", value: 'GB-1010' }]);
		const byKey = await listSearch.searchRecords.call(context({ resource: 'project', company: 'usmf' }, token), 'SF-006A000101');
		expect(byKey.results.map((r) => r.value)).toEqual(['SF-006A000101']);
		for (let i = 0; i < 55; i++) await suite.finance.service.insert('CustomersV3', { dataAreaId: 'gbsi', CustomerAccount: `GB-9${String(i).padStart(3, '0')}`, OrganizationName: `Extra ${i}`, CustomerGroupId: '30' });
		const first = await listSearch.searchRecords.call(context({ resource: 'customer', company: 'gbsi' }, token));
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toEqual(expect.stringContaining('$skiptoken'));
		const second = await listSearch.searchRecords.call(context({ resource: 'customer', company: 'gbsi' }, token), undefined, first.paginationToken as string);
		expect(second.paginationToken).toBeUndefined();
		expect(first.results.length + second.results.length).toBe(58);
	});
});
