import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { apiRequest, recordsOf } from '../../../transport';
import type { OperationContext } from './context';
import { jsonBodyOf } from './context';

/** One record; a POST is never resent after a lost answer (Kantata has no idempotency key): use Create or Update for that. */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const body = jsonBodyOf(this, itemIndex);
		const response = await apiRequest<IDataObject>(this, op.connection, { method: 'POST', path: `/${op.resource.collection}.json`, body: { [op.resource.singular]: body }, correlationId, itemIndex });
		return recordsOf(response.body)[0] ?? {};
	});
}
