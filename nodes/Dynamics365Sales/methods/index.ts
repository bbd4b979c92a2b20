import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchTable } from '../../Dataverse/methods/listSearch';
import { tableOf } from '../helpers/tables';

/** The record picker: rows of the chosen table by name, or by GUID. */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	const table = tableOf(String(this.getNodeParameter('resource', 'opportunity')));
	return await searchTable(this, table, String(this.getNodeParameter('authentication', 'clientCredentials')), filter, paginationToken);
}

export const listSearch = { searchRecords };
