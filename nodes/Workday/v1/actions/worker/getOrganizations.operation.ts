import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { restList } from '../../../transport';
import type { OperationContext } from '../context';
import { limitOf, recordIdOf } from '../context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		return await restList(this, op.connection, 'common', `/workers/${id}/organizations`, {}, { limit: limitOf(this, itemIndex), itemIndex, correlationId });
	});
}
