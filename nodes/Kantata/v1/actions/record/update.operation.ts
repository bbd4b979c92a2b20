import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { apiRequest, recordsOf } from '../../../transport';
import type { OperationContext } from './context';
import { jsonBodyOf, recordIdOf } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		const body = jsonBodyOf(this, itemIndex);
		const response = await apiRequest<IDataObject>(this, op.connection, { method: 'PUT', path: `/${op.resource.collection}/${id}.json`, body: { [op.resource.singular]: body }, correlationId, itemIndex });
		return recordsOf(response.body)[0] ?? {};
	});
}
