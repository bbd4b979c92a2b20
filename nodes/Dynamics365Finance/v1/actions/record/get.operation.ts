import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { financeRequest, recordPath, scopeQuery } from '../../../transport';
import type { OperationContext } from '../context';
import { pickedKey } from '../context';
import { canonicalTarget, shapeForOutput } from './read';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(op.entity), async ({ itemIndex, correlationId }, output) => {
		const key = pickedKey(this, itemIndex, op.entity);
		const response = await financeRequest<IDataObject>(this, op.connection, { method: 'GET', path: recordPath(op.entity.set, key), qs: scopeQuery(op.entity), correlationId, itemIndex });
		return await shapeForOutput(this, op.connection, op.entity, [response.body], output.mode === 'canonical', itemIndex, correlationId);
	});
}
