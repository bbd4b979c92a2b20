import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItemConcurrently } from '../../../../shared/kit/concurrentItems';
import { recordBodyReader } from '../../../helpers/body';
import { RECORD_RESOURCES } from '../../../helpers/recordTypes';
import { apiRequest, recordPath } from '../../../transport';
import { fetchRecord, idFromResponse } from './context';
import type { RecordOperationContext } from './context';
import { fetchRecordOption, writeBodyProperties } from './write.descriptions';

const properties: INodeProperties[] = [
	...writeBodyProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			fetchRecordOption,
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				placeholder: '0f8b9c1e-6a4c-4b0a-9a3e-2c5d7e8f9a10',
				description:
					'Sent as X-NetSuite-Idempotency-Key (a UUID). Derive it from the source record so a repeat sends the same key. NetSuite documents it for asynchronous requests.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: RECORD_RESOURCES, operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, ctx: RecordOperationContext): Promise<INodeExecutionData[]> {
	// One record per request, as many items in flight as the account has concurrency slots (the transport holds them).
	const bodyOf = recordBodyReader(this);
	return await runPerItemConcurrently(this, ctx.connection.concurrency.limit, async ({ itemIndex, correlationId }) => {
		const body = bodyOf(itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const headers: IDataObject = {};
		if (typeof options.idempotencyKey === 'string' && options.idempotencyKey.trim()) {
			headers['X-NetSuite-Idempotency-Key'] = options.idempotencyKey.trim();
		}
		const response = await apiRequest(this, ctx.connection, {
			method: 'POST',
			path: recordPath(ctx.recordType.restType),
			body,
			headers,
			itemIndex,
			correlationId,
		});
		const id = idFromResponse(response.headers);
		if (!id) throw new Error(`NetSuite created the ${ctx.recordType.restType} but sent no Location header naming it`);
		if (options.fetchRecord) return await fetchRecord(this, ctx, id, itemIndex, correlationId);
		return { id, recordType: ctx.recordType.restType, created: true };
	});
}
