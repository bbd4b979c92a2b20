import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { apiRequest } from '../../../transport';
import type { OperationContext } from './context';
import { collectionPathOf, recordIdOf } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const key = recordIdOf(this, itemIndex, op.resource);
		await apiRequest(this, op.connection, { method: 'DELETE', service: op.resource.service, path: `${collectionPathOf(this, itemIndex, op.resource)}/${key}`, correlationId, itemIndex });
		return { deleted: true, [op.resource.key]: decodeURIComponent(key) };
	});
}
