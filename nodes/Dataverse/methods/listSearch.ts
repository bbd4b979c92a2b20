/**
 * Record pickers for any Dataverse table: rows whose primary name column contains the typed text (OData
 * `contains`, the text escaped as a literal), or the row itself when the text is a GUID; paged by
 * `odata.maxpagesize` with the nextLink as the pagination token. Every Dataverse node builds its
 * `listSearch` methods from `tableSearch`.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isGuid, odataStringLiteral } from '../../shared/kit/odata';
import { dataverseConnection, dataverseGetPage } from '../transport';

/** What the picker needs to know about a table. */
export interface PickerTable {
	entitySet: string;
	logicalName: string;
	idColumn: string;
	/** The primary name column (`name`, `fullname`, `msdyn_subject` …). */
	nameColumn: string;
}

/** Rows per picker page. */
export const PICKER_PAGE_SIZE = 50;

/** The record's page in the Dataverse app: `…/main.aspx?etn=account&id=<guid>&pagetype=entityrecord`. */
export function recordUrl(environmentUrl: string, logicalName: string, id: string): string {
	return `${environmentUrl}/main.aspx?etn=${encodeURIComponent(logicalName)}&id=${encodeURIComponent(id)}&pagetype=entityrecord`;
}

/** A Dataverse app URL of a record (`main.aspx?…id=<guid>`, braces allowed); the capture is the GUID. */
export const DATAVERSE_RECORD_URL_REGEX = '^https?://[^/]+/main\\.aspx\\?(?:[^#]*&)?id=(?:%7[Bb]|\\{)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:%7[Dd]|\\})?(?:[&#].*)?$';

export const GUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The filter of a picker search: by id for a GUID, else the name contains the text. */
export function searchFilter(table: PickerTable, text: string): string | undefined {
	const trimmed = text.trim();
	if (!trimmed) return undefined;
	if (isGuid(trimmed)) return `${table.idColumn} eq ${trimmed.toLowerCase()}`;
	return `contains(${table.nameColumn},${odataStringLiteral(trimmed)})`;
}

export async function searchTable(
	context: ILoadOptionsFunctions,
	table: PickerTable,
	authentication: string,
	filter?: string,
	paginationToken?: unknown,
): Promise<INodeListSearchResult> {
	const connection = await dataverseConnection(context, authentication);
	const link = typeof paginationToken === 'string' && paginationToken ? paginationToken : undefined;
	const page = await dataverseGetPage(
		context,
		connection,
		table.entitySet,
		{ select: [table.idColumn, table.nameColumn], filter: searchFilter(table, filter ?? ''), orderby: `${table.nameColumn} asc` },
		{ pageSize: PICKER_PAGE_SIZE, link },
	);
	return {
		results: page.records.map((record) => {
			const id = String(record[table.idColumn]);
			const name = typeof record[table.nameColumn] === 'string' && record[table.nameColumn] !== '' ? String(record[table.nameColumn]) : id;
			return { name, value: id, url: recordUrl(connection.environmentUrl, table.logicalName, id) };
		}),
		paginationToken: page.nextLink,
	};
}
