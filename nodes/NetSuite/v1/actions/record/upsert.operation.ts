import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ItemParameters } from '../../../../shared/kit';
import { runPerItemConcurrently } from '../../../../shared/kit/concurrentItems';
import { isRepeatableWrite, recordBodyReader, sublistNames, sublistsIn } from '../../../helpers/body';
import { RECORD_RESOURCES } from '../../../helpers/recordTypes';
import { apiRequest, externalIdPath } from '../../../transport';
import { fetchRecord, idFromResponse } from './context';
import type { RecordOperationContext } from './context';
import { fetchRecordOption, replaceSublistsOption, writeBodyProperties } from './write.descriptions';

const upsertReplaceOption: INodeProperties = {
	...replaceSublistsOption,
	description:
		'Sublists in the body always replace the record lines, so a repeated upsert changes nothing. List other sublists here to empty them too.',
};

const properties: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'SF-0015g00000XyZ12',
		description:
			'The record is created when no record of this type has this external ID, updated otherwise (PUT …/eid:&lt;external ID&gt;)',
	},
	...writeBodyProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [fetchRecordOption, upsertReplaceOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: RECORD_RESOURCES, operation: ['upsert'] } }, properties);

export async function execute(this: IExecuteFunctions, ctx: RecordOperationContext): Promise<INodeExecutionData[]> {
	// One record per request, as many items in flight as the account has concurrency slots (the transport holds them).
	const bodyOf = recordBodyReader(this);
	const readExternalId = new ItemParameters(this).reader('externalId', '');
	return await runPerItemConcurrently(this, ctx.connection.concurrency.limit, async ({ itemIndex, correlationId }) => {
		const externalId = String(readExternalId(itemIndex) ?? '').trim();
		if (!externalId) throw new Error('External ID is empty (field: externalId)');
		const body = bodyOf(itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		// An upsert makes the record match the source: the lines of every sublist in the body replace the
		// record's lines (non-keyed sublists such as journal lines would otherwise be appended on each run).
		const replace = [...new Set([...sublistNames(options.replace), ...sublistsIn(body)])];
		const response = await apiRequest(this, ctx.connection, {
			method: 'PUT',
			path: externalIdPath(ctx.recordType.restType, externalId),
			query: { replace: replace.length ? replace.join(',') : undefined },
			body,
			// Upsert by external id: a repeat finds the record the first call made (unless it appends lines).
			idempotent: isRepeatableWrite(body, replace),
			itemIndex,
			correlationId,
		});
		let id = idFromResponse(response.headers);
		if (options.fetchRecord || !id) {
			const record = await fetchRecord(this, ctx, id ?? `eid:${externalId}`, itemIndex, correlationId);
			if (options.fetchRecord) return record;
			id = String(record.id ?? '');
		}
		return { id, externalId, recordType: ctx.recordType.restType, upserted: true };
	});
}
