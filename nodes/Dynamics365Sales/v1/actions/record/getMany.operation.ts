import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { readQuery } from '../../../../Dataverse/descriptions';
import { dataverseGetAll } from '../../../../Dataverse/transport';
import type { OperationContext } from './context';
import { canonicalTarget } from './context';
import { canonicalExpand } from './get.operation';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(op), async ({ itemIndex, correlationId }, output) => {
		const { query, formattedValues } = readQuery(this, itemIndex, true);
		if (output.mode === 'canonical') query.expand = canonicalExpand(op, query.expand);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		return await dataverseGetAll(this, op.connection, op.table.entitySet, query, { limit, formattedValues: formattedValues || output.mode === 'canonical', correlationId, itemIndex });
	});
}
