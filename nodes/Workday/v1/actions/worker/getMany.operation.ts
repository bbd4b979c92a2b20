import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { restList } from '../../../transport';
import type { OperationContext } from '../context';
import { limitOf, WORKER_PROFILE_TARGET } from '../context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, WORKER_PROFILE_TARGET, async ({ itemIndex, correlationId }) => {
		const search = String(this.getNodeParameter('search', itemIndex, '') ?? '').trim();
		const qs: IDataObject = search ? { search } : {};
		return await restList(this, op.connection, 'common', '/workers', qs, { limit: limitOf(this, itemIndex), itemIndex, correlationId });
	});
}
