import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { apiRequest } from '../../../transport';
import type { OperationContext } from './context';
import { recordIdOf } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		await apiRequest(this, op.connection, { method: 'DELETE', path: `/${op.resource.collection}/${id}.json`, correlationId, itemIndex });
		return { id, deleted: true };
	});
}
