import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { dataverseDelete } from '../../../../Dataverse/transport';
import type { OperationContext } from './context';
import { recordIdOf } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		const etag = String(this.getNodeParameter('etag', itemIndex, '') ?? '');
		await dataverseDelete(this, op.connection, op.table.entitySet, id, { etag, correlationId, itemIndex });
		return { [op.table.idColumn]: id, deleted: true };
	});
}
