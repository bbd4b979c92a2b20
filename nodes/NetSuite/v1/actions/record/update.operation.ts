import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItemConcurrently } from '../../../../shared/kit/concurrentItems';
import { isRepeatableWrite, recordBodyReader, sublistNames } from '../../../helpers/body';
import { RECORD_RESOURCES } from '../../../helpers/recordTypes';
import { apiRequest, recordPath } from '../../../transport';
import { recordIdLocator } from '../common.descriptions';
import { fetchRecord, recordIdParameter } from './context';
import type { RecordOperationContext } from './context';
import { fetchRecordOption, replaceSublistsOption, writeBodyProperties } from './write.descriptions';

const properties: INodeProperties[] = [
	recordIdLocator,
	...writeBodyProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [fetchRecordOption, replaceSublistsOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: RECORD_RESOURCES, operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, ctx: RecordOperationContext): Promise<INodeExecutionData[]> {
	// One record per request, as many items in flight as the account has concurrency slots (the transport holds them).
	const bodyOf = recordBodyReader(this);
	return await runPerItemConcurrently(this, ctx.connection.concurrency.limit, async ({ itemIndex, correlationId }) => {
		const id = recordIdParameter(this, itemIndex);
		const body = bodyOf(itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const replace = sublistNames(options.replace);
		await apiRequest(this, ctx.connection, {
			method: 'PATCH',
			path: recordPath(ctx.recordType.restType, id),
			query: { replace: replace.length ? replace.join(',') : undefined },
			body,
			// Setting the same fields twice leaves the record as setting them once; appending lines does not.
			idempotent: isRepeatableWrite(body, replace),
			itemIndex,
			correlationId,
		});
		if (options.fetchRecord) return await fetchRecord(this, ctx, id, itemIndex, correlationId);
		return { id, recordType: ctx.recordType.restType, updated: true };
	});
}
