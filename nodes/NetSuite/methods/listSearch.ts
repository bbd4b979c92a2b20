import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isRecordResource, RECORD_TYPES } from '../helpers/recordTypes';
import { buildSelect } from '../helpers/suiteql';
import { netSuiteConnection, suiteQlQuery } from '../transport';
import type { NetSuiteAuthentication } from '../transport';

/** Records of the selected resource for the record picker, searched by their label column. */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const resource = this.getNodeParameter('resource', 'customer') as string;
	if (!isRecordResource(resource)) return { results: [] };
	const recordType = RECORD_TYPES[resource];
	const authentication = this.getNodeParameter('authentication', 'tba') as NetSuiteAuthentication;
	const connection = await netSuiteConnection(this, authentication);
	const q = buildSelect({
		recordType,
		columns: ['id', recordType.labelColumn],
		conditions: filter ? [{ column: recordType.labelColumn, operator: 'contains', value: filter }] : [],
		orderBy: 'id',
		direction: 'DESC',
	});
	const rows = await suiteQlQuery(this, connection, q, { limit: 100 });
	return {
		results: rows.map((row) => ({
			name: `${String(row[recordType.labelColumn] ?? '(no name)')} (${String(row.id)})`,
			value: String(row.id),
		})),
	};
}
