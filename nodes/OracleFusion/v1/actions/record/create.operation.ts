import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { apiRequest } from '../../../transport';
import type { OperationContext } from './context';
import { collectionPathOf, jsonBodyOf } from './context';

/** One record; a POST is never resent after a lost answer (it may have been committed): use Create or Update for that. */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const response = await apiRequest<IDataObject>(this, op.connection, { method: 'POST', service: op.resource.service, path: collectionPathOf(this, itemIndex, op.resource), body: jsonBodyOf(this, itemIndex), correlationId, itemIndex });
		return response.body ?? {};
	});
}
