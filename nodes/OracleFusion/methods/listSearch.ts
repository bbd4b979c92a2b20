import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { resourceOf } from '../helpers/resources';
import { apiRequest, itemsOf, oracleConnection } from '../transport';
import type { OracleAuthentication } from '../transport';
import { qString } from '../transport/query';

/** Records per page of the record picker. */
export const RECORD_PAGE_SIZE = 50;

/**
 * Records of the chosen resource for the record picker: a `q` LIKE on the name attribute (the text escaped, `%`
 * around it), paged with `limit` / `offset` while `hasMore`. Child resources (tasks) are picked by ID.
 */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	const resource = resourceOf(String(this.getNodeParameter('resource', 'project')));
	if (resource.parent || resource.operations.every((op) => op !== 'getMany')) return { results: [] };
	const connection = await oracleConnection(this, this.getNodeParameter('authentication', 'oAuth2') as OracleAuthentication);
	const offset = Number.isInteger(Number(paginationToken)) && Number(paginationToken) > 0 ? Number(paginationToken) : 0;
	const text = (filter ?? '').trim();
	const fields = [resource.key, resource.nameField, resource.numberField].filter((f, i, all): f is string => !!f && all.indexOf(f) === i);
	const qs: IDataObject = { limit: RECORD_PAGE_SIZE, offset, onlyData: resource.keyKind === 'hash' ? 'false' : 'true', orderBy: `${resource.nameField}:asc` };
	if (resource.keyKind !== 'hash') qs.fields = fields.join(',');
	if (text) qs.q = `${resource.nameField} LIKE ${qString(`%${text}%`)}`;
	const response = await apiRequest<IDataObject>(this, connection, { method: 'GET', service: resource.service, path: `/${resource.collection}`, qs });
	const records = itemsOf(response.body);
	return {
		results: records.map((record) => {
			const self = ((record.links ?? []) as IDataObject[]).find((link) => link.rel === 'self');
			const key = resource.keyKind === 'hash' ? String(self?.href ?? '').split('/').pop() ?? '' : String(record[resource.key] ?? '');
			const number = resource.numberField && resource.numberField !== resource.nameField ? record[resource.numberField] : undefined;
			const name = String(record[resource.nameField] ?? key);
			return { name: number ? `${name} (${String(number)})` : name, value: key };
		}),
		paginationToken: response.body.hasMore === true ? offset + records.length : undefined,
	};
}
