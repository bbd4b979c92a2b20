import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { writeBody } from '../../../../Dataverse/descriptions';
import { dataverseUpdate } from '../../../../Dataverse/transport';
import type { OperationContext } from './context';
import { recordIdOf } from './context';

/** PATCH with If-Match: `*` (never creates), or the ETag given (a record changed since is refused as stale). */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		const body = writeBody(this, itemIndex);
		const etag = String(this.getNodeParameter('etag', itemIndex, '') ?? '');
		const returnRecord = this.getNodeParameter('returnRecord', itemIndex, true) as boolean;
		const result = await dataverseUpdate(this, op.connection, op.table.entitySet, id, body, { etag, returnRecord, correlationId, itemIndex });
		return result.record ?? { [op.table.idColumn]: id };
	});
}
