import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchTable } from '../../Dataverse/methods/listSearch';
import { TABLES, tableOf } from '../helpers/tables';

function authenticationOf(context: ILoadOptionsFunctions): string {
	return String(context.getNodeParameter('authentication', 'clientCredentials'));
}

/** The record picker: rows of the chosen table by name, or by GUID. */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	const table = tableOf(String(this.getNodeParameter('resource', 'project')));
	return await searchTable(this, table, authenticationOf(this), filter, paginationToken);
}

/** Projects by subject (the project of Apply WBS Changes). */
export async function searchProjects(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	return await searchTable(this, TABLES.project, authenticationOf(this), filter, paginationToken);
}

export const listSearch = { searchRecords, searchProjects };
