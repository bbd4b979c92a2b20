import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { resourceOf } from '../helpers/resources';
import { apiRequest, coupaConnection, filterQuery, recordsOf } from '../transport';

/** Records per page of the record picker (Coupa's own maximum). */
export const RECORD_PAGE_SIZE = 50;

/**
 * Records of the chosen resource for the record picker: the resource's name attribute `[contains]` the typed
 * text (an exact id when the text is a number), `limit` / `offset` paged, only the id and that attribute read.
 */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	const resource = resourceOf(String(this.getNodeParameter('resource', 'invoice')));
	const connection = await coupaConnection(this);
	const text = (filter ?? '').trim();
	const offset = Number.isInteger(Number(paginationToken)) && Number(paginationToken) > 0 ? Number(paginationToken) : 0;
	const qs: IDataObject = { limit: RECORD_PAGE_SIZE, offset, fields: JSON.stringify(['id', resource.searchAttribute]), order_by: 'id', dir: 'desc' };
	if (/^\d+$/.test(text)) Object.assign(qs, filterQuery([{ attribute: 'id', operator: 'eq', value: text }]));
	else if (text) Object.assign(qs, filterQuery([{ attribute: resource.searchAttribute, operator: 'contains', value: text }]));
	const records = recordsOf((await apiRequest(this, connection, { method: 'GET', path: `/${resource.path}`, qs })).body);
	return {
		results: records.map((record) => {
			const label = record[resource.searchAttribute];
			return { name: typeof label === 'string' && label ? `${label} (${String(record.id)})` : String(record.id), value: String(record.id) };
		}),
		paginationToken: records.length === RECORD_PAGE_SIZE ? offset + RECORD_PAGE_SIZE : undefined,
	};
}
