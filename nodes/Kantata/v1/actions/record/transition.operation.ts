/** Approve, reject or cancel a timesheet or expense report submission; cancel an invoice. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { apiRequest, recordsOf } from '../../../transport';
import type { OperationContext } from './context';
import { recordIdOf } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext, action: 'approve' | 'reject' | 'cancel'): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		const comment = op.resourceName === 'invoice' ? '' : String(this.getNodeParameter('comment', itemIndex, '') ?? '');
		const response = await apiRequest<IDataObject>(this, op.connection, {
			method: 'PUT',
			path: `/${op.resource.collection}/${id}/${action}`,
			body: op.resourceName === 'invoice' ? {} : { resolution: comment ? { description: comment } : {} },
			correlationId,
			itemIndex,
			// Resending an approval that was applied is refused (the submission is no longer pending), never doubled.
			idempotent: true,
		});
		return recordsOf(response.body)[0] ?? {};
	});
}
