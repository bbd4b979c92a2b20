import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { tableColumns } from '../../Dataverse/methods/loadOptions';
import { searchTable } from '../../Dataverse/methods/listSearch';
import { tableOf } from '../helpers/tables';

/** The record picker: rows of the chosen table by name, or by GUID. */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	const table = tableOf(String(this.getNodeParameter('resource', 'opportunity')));
	return await searchTable(this, table, String(this.getNodeParameter('authentication', 'clientCredentials')), filter, paginationToken);
}

export const listSearch = { searchRecords };

/** The chosen table's columns, for conditions. */
export async function getColumns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const table = tableOf(String(this.getNodeParameter('resource', 'opportunity')));
	return await tableColumns(this, table.logicalName, String(this.getNodeParameter('authentication', 'clientCredentials')));
}

export const loadOptions = { getColumns };
