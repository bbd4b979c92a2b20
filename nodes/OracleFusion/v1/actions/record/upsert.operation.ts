import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { apiRequest } from '../../../transport';
import type { OperationContext } from './context';
import { collectionPathOf, jsonBodyOf } from './context';

/**
 * `POST` with `Upsert-Mode: true`: Oracle looks for a record matching the payload's keys (e.g. ProjectNumber,
 * PartyNumber) and updates it, or creates one. Sending it twice has the effect of sending it once, so a lost
 * answer is retried.
 */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const response = await apiRequest<IDataObject>(this, op.connection, {
			method: 'POST',
			service: op.resource.service,
			path: collectionPathOf(this, itemIndex, op.resource),
			body: jsonBodyOf(this, itemIndex),
			headers: { 'Upsert-Mode': 'true' },
			idempotent: true,
			correlationId,
			itemIndex,
		});
		return response.body ?? {};
	});
}
