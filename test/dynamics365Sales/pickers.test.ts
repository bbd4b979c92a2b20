/** The record picker of the Sales node: rows of the chosen table by name (text escaped) or GUID, paged by nextLink. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { DATAVERSE_RECORD_URL_REGEX, PICKER_PAGE_SIZE } from '../../nodes/Dataverse/methods/listSearch';
import { getColumns, searchRecords } from '../../nodes/Dynamics365Sales/methods';
import { pollContext, useDataverseSandbox } from '../dataverse/helpers';

const suite = useDataverseSandbox();

function loadContext(resource: string) {
	return pollContext(suite, { parameters: { resource, authentication: 'clientCredentials' }, staticData: {} }) as unknown as ILoadOptionsFunctions;
}

describe('Dynamics 365 Sales record picker', () => {
	it('finds accounts by a name with a quote, by GUID, and links each to its record page', async () => {
		const byName = await searchRecords.call(loadContext('account'), "O'Brien");
		expect(byName.results.map((r) => r.name)).toEqual(["O'Brien & Sons Engineering"]);
		const id = String(byName.results[0].value);
		expect(new RegExp(DATAVERSE_RECORD_URL_REGEX).exec(String(byName.results[0].url))?.[1]).toBe(id);
		const byId = await searchRecords.call(loadContext('account'), id.toUpperCase());
		expect(byId.results.map((r) => r.value)).toEqual([id]);
	});

	it('pages with the nextLink as the pagination token', async () => {
		for (let i = 0; i < PICKER_PAGE_SIZE + 5; i++) await suite.sandbox.service.insert('contacts', { firstname: 'Picker', lastname: `Person ${String(i).padStart(3, '0')}` });
		const first = await searchRecords.call(loadContext('contact'), 'Picker');
		expect(first.results).toHaveLength(PICKER_PAGE_SIZE);
		expect(first.paginationToken).toEqual(expect.stringContaining('$skiptoken='));
		const second = await searchRecords.call(loadContext('contact'), 'Picker', first.paginationToken);
		expect(second.results).toHaveLength(5);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((r) => r.value)).size).toBe(PICKER_PAGE_SIZE + 5);
	});

	it("lists a table's columns from its definition, lookups as the _x_value column a condition filters on", async () => {
		const columns = await getColumns.call(loadContext('opportunity'));
		const values = columns.map((c) => c.value);
		expect(values).toEqual(expect.arrayContaining(['name', 'statecode', 'estimatedvalue', '_customerid_value', '_parentaccountid_value', 'p2c_externalid']));
		expect(values).not.toContain('customerid');
		expect(columns.find((c) => c.value === 'estimatedvalue')?.description).toBe('Money');
		expect(columns.find((c) => c.value === 'statecode')?.description).toBe('State');
		const request = suite.sandbox.requests.find((r) => r.path.includes('EntityDefinitions'))!;
		expect(decodeURIComponent(request.path)).toMatch(/EntityDefinitions\(LogicalName='opportunity'\)\/Attributes$/);
	});
});

