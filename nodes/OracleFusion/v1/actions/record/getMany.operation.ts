import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { listAll } from '../../../transport';
import type { OperationContext } from './context';
import { collectionPathOf, listQuery } from './context';
import { canonicalTarget } from './get.operation';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(op), async ({ itemIndex, correlationId }, output) => {
		const qs = listQuery(this, itemIndex, output.mode === 'canonical' ? (op.resource.canonicalExpand ?? []) : []);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		return await listAll(this, op.connection, collectionPathOf(this, itemIndex, op.resource), qs, { service: op.resource.service, limit, correlationId, itemIndex });
	});
}
