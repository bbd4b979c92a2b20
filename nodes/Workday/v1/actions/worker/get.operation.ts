import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { restRequest } from '../../../transport';
import type { OperationContext } from '../context';
import { recordIdOf, WORKER_PROFILE_TARGET } from '../context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, WORKER_PROFILE_TARGET, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		return (await restRequest<IDataObject>(this, op.connection, { service: 'common', path: `/workers/${id}`, itemIndex, correlationId })).body;
	});
}
