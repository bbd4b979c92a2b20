import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { resourceOf } from '../helpers/resources';
import type { KantataAuthentication } from '../transport';
import { apiRequest, kantataConnection, recordsOf } from '../transport';

/** Records per page of the record picker. */
export const RECORD_PAGE_SIZE = 50;

const NAME_FIELDS = ['title', 'name', 'full_name', 'label', 'date_performed', 'date', 'service_model_ref', 'event_type'];

function labelOf(record: IDataObject): string {
	const field = NAME_FIELDS.find((f) => typeof record[f] === 'string' && record[f] !== '');
	const name = field ? String(record[field]) : '';
	return name ? `${name} (${String(record.id)})` : String(record.id);
}

/**
 * Records of the chosen resource for the record picker: Kantata's own `search` where the collection has one
 * (workspaces, groups, stories, users), an exact id when the text is a number, paged with `page` / `per_page`.
 */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	const resource = resourceOf(String(this.getNodeParameter('resource', 'workspace')));
	const connection = await kantataConnection(this, this.getNodeParameter('authentication', 'token') as KantataAuthentication);
	const text = (filter ?? '').trim();
	const page = Number.isInteger(Number(paginationToken)) && Number(paginationToken) > 0 ? Number(paginationToken) : 1;
	const qs: IDataObject = { page, per_page: RECORD_PAGE_SIZE };
	if (/^\d+$/.test(text)) qs.only = text;
	else if (text && resource.filters.includes('search')) qs.search = text;
	const response = await apiRequest<IDataObject>(this, connection, { method: 'GET', path: `/${resource.collection}.json`, qs });
	const records = recordsOf(response.body);
	const meta = (response.body.meta ?? {}) as IDataObject;
	const more = Number(meta.page_number ?? page) < Number(meta.page_count ?? page);
	return {
		results: records.map((record) => ({ name: labelOf(record), value: String(record.id) })),
		paginationToken: more ? page + 1 : undefined,
	};
}
