import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import type { OperationContext } from '../record/context';
import { readRequestStatus, waitForRequest } from './status';

/** One ESS request's status, and the rejected lines of its execution report when it did not succeed. */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const requestId = String(this.getNodeParameter('requestId', itemIndex, '')).trim();
		if (!/^\d+$/.test(requestId)) throw new InvalidInputError('requestId', `requestId: an ESS request ID is a number, got ${JSON.stringify(requestId)} (field: requestId)`, 'INVALID_ID');
		const wait = this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
		const status = wait
			? await waitForRequest(this, op.connection, requestId, {
					pollIntervalSeconds: Number(this.getNodeParameter('pollIntervalSeconds', itemIndex, 10)),
					timeoutSeconds: Number(this.getNodeParameter('timeoutSeconds', itemIndex, 900)),
					correlationId,
					itemIndex,
				})
			: await readRequestStatus(this, op.connection, requestId, correlationId, itemIndex);
		return { requestId, status: status.status, finished: status.finished, lineErrors: status.lineErrors as unknown as never[], ...(status.reportProblem ? { reportProblem: status.reportProblem } : {}) };
	});
}
