import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { alternateKeyOf, upsertModeOf, writeBody } from '../../../../Dataverse/descriptions';
import { dataverseUpsert } from '../../../../Dataverse/transport';
import type { OperationContext } from './context';

/** PATCH by alternate key; the mode adds If-None-Match: * (create only) or If-Match: * (update only). */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const key = alternateKeyOf(this, itemIndex);
		const body = writeBody(this, itemIndex);
		const mode = upsertModeOf(this, itemIndex);
		const returnRecord = this.getNodeParameter('returnRecord', itemIndex, true) as boolean;
		const result = await dataverseUpsert(this, op.connection, op.table.entitySet, key, body, mode, { returnRecord, correlationId, itemIndex });
		return { ...(result.record ?? { [op.table.idColumn]: result.id }), ...(result.created !== undefined ? { created: result.created } : {}) };
	});
}
