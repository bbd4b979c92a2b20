/**
 * Pickers: the companies (LegalEntities) for Company, and the records of the chosen resource in the chosen
 * company for From List, searched by name or key (contains, escaped) and paged with `@odata.nextLink`.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { odataMaxPageSizePrefer, odataStringLiteral } from '../../shared/kit/odata';
import { entityOf, fixedConditions } from '../helpers/entities';
import { financeConnection, financeRequest, listAll, scopeQuery } from '../transport';

const PAGE = 50;

async function getCompanies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const connection = await financeConnection(this);
	const companies = await listAll(this, connection, '/LegalEntities', { $select: 'LegalEntityId,Name', $orderby: 'LegalEntityId' });
	return companies.map((c) => ({ name: `${String(c.Name ?? c.LegalEntityId)} (${String(c.LegalEntityId)})`, value: String(c.LegalEntityId).toLowerCase() }));
}

async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const entity = entityOf(this.getNodeParameter('resource', 'customer') as string);
	const connection = await financeConnection(this);
	const keyField = entity.key[0];
	let page: IDataObject;
	if (paginationToken) {
		page = (await financeRequest<IDataObject>(this, connection, { method: 'GET', path: paginationToken, headers: { Prefer: odataMaxPageSizePrefer(PAGE) } })).body;
	} else {
		const conditions: string[] = [];
		const company = entity.companyScoped ? String(this.getNodeParameter('company', '') ?? '').trim() : '';
		if (company) conditions.push(`dataAreaId eq ${odataStringLiteral(company.toLowerCase())}`);
		conditions.push(...fixedConditions(entity));
		if (filter) conditions.push(`(contains(${entity.nameField},${odataStringLiteral(filter)}) or contains(${keyField},${odataStringLiteral(filter)}))`);
		const qs: IDataObject = { $select: [...new Set(['dataAreaId', keyField, entity.nameField])].filter((f) => entity.companyScoped || f !== 'dataAreaId').join(','), $orderby: keyField };
		if (conditions.length) qs.$filter = conditions.join(' and ');
		page = (await financeRequest<IDataObject>(this, connection, { method: 'GET', path: `/${entity.set}`, qs: scopeQuery(entity, qs), headers: { Prefer: odataMaxPageSizePrefer(PAGE) } })).body;
	}
	const records = Array.isArray(page.value) ? (page.value as IDataObject[]) : [];
	return {
		results: records.map((r) => ({ name: `${String(r[entity.nameField] ?? r[keyField])} (${String(r[keyField])}${r.dataAreaId ? `, ${String(r.dataAreaId)}` : ''})`, value: String(r[keyField]) })),
		paginationToken: typeof page['@odata.nextLink'] === 'string' ? page['@odata.nextLink'] : undefined,
	};
}

export const loadOptions = { getCompanies };
export const listSearch = { searchRecords };
