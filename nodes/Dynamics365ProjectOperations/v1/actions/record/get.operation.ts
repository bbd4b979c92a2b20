import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { alternateKeyOf, readQuery } from '../../../../Dataverse/descriptions';
import { dataverseGet } from '../../../../Dataverse/transport';
import type { OperationContext } from './context';
import { canonicalExpand, canonicalTarget, recordIdOf } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(op), async ({ itemIndex, correlationId }, output) => {
		const key = this.getNodeParameter('getBy', itemIndex, 'id') === 'alternateKey' ? alternateKeyOf(this, itemIndex) : recordIdOf(this, itemIndex);
		const { query, formattedValues } = readQuery(this, itemIndex, false);
		if (output.mode === 'canonical') query.expand = canonicalExpand(op, query.expand);
		return await dataverseGet(this, op.connection, op.table.entitySet, key, query, { formattedValues: formattedValues || output.mode === 'canonical', correlationId, itemIndex });
	});
}
