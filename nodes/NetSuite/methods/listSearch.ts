import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isRecordResource, RECORD_TYPES } from '../helpers/recordTypes';
import { buildSelect } from '../helpers/suiteql';
import type { Condition } from '../helpers/suiteql';
import { netSuiteConnection, suiteQlQuery } from '../transport';
import type { NetSuiteAuthentication } from '../transport';

/** Rows per page of the record picker; the next page starts at a multiple of it, as SuiteQL paging requires. */
export const RECORD_PAGE_SIZE = 100;

function offsetOf(paginationToken: unknown): number {
	const offset = Number(paginationToken ?? 0);
	return Number.isSafeInteger(offset) && offset > 0 && offset % RECORD_PAGE_SIZE === 0 ? offset : 0;
}

/**
 * Records of the selected resource for the record picker, newest first, searched by their label column (the
 * text as an escaped LIKE literal) or by internal ID when the text is a number, one SuiteQL page at a time.
 */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	const resource = this.getNodeParameter('resource', 'customer') as string;
	if (!isRecordResource(resource)) return { results: [] };
	const recordType = RECORD_TYPES[resource];
	const connection = await netSuiteConnection(this, this.getNodeParameter('authentication', 'tba') as NetSuiteAuthentication);
	const text = (filter ?? '').trim();
	const conditions: Condition[] = text ? [{ column: recordType.labelColumn, operator: 'contains', value: text }] : [];
	if (/^\d+$/.test(text)) conditions.push({ column: 'id', operator: 'equals', value: text });
	const q = buildSelect({ recordType, columns: ['id', recordType.labelColumn], conditions, combineWith: 'OR', orderBy: 'id', direction: 'DESC' });
	const offset = offsetOf(paginationToken);
	const rows = await suiteQlQuery(this, connection, q, { limit: RECORD_PAGE_SIZE, pageSize: RECORD_PAGE_SIZE, offset });
	return {
		results: rows.map((row) => ({
			name: `${String(row[recordType.labelColumn] ?? '(no name)')} (${String(row.id)})`,
			value: String(row.id),
		})),
		// A full page may have a successor; an empty next page ends the list.
		paginationToken: rows.length === RECORD_PAGE_SIZE ? offset + RECORD_PAGE_SIZE : undefined,
	};
}
