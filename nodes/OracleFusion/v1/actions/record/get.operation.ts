import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { toCanonical } from '../../../canonical';
import { apiRequest } from '../../../transport';
import type { OperationContext } from './context';
import { collectionPathOf, recordIdOf, shapeQuery } from './context';

export function canonicalTarget(op: OperationContext) {
	return { system: 'oracleFusion', object: op.resource.canonicalObject ?? op.resource.collection, toCanonical };
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(op), async ({ itemIndex, correlationId }, output) => {
		const path = `${collectionPathOf(this, itemIndex, op.resource)}/${recordIdOf(this, itemIndex, op.resource)}`;
		const options = this.getNodeParameter('readOptions', itemIndex, {}) as IDataObject;
		const qs = shapeQuery(options, output.mode === 'canonical' ? (op.resource.canonicalExpand ?? []) : []);
		const response = await apiRequest<IDataObject>(this, op.connection, { method: 'GET', service: op.resource.service, path, qs, correlationId, itemIndex });
		return response.body;
	});
}
