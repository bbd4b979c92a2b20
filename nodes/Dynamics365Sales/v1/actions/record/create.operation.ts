import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { writeBody } from '../../../../Dataverse/descriptions';
import { dataverseCreate } from '../../../../Dataverse/transport';
import type { OperationContext } from './context';

/** POST one record. A create whose answer is lost is not resent: use Create or Update where a flow may run twice. */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const body = writeBody(this, itemIndex);
		const returnRecord = this.getNodeParameter('returnRecord', itemIndex, true) as boolean;
		const result = await dataverseCreate(this, op.connection, op.table.entitySet, body, { returnRecord, correlationId, itemIndex });
		return result.record ?? { [op.table.idColumn]: result.id };
	});
}
