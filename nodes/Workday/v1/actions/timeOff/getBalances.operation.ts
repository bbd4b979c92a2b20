import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import { restList } from '../../../transport';
import type { OperationContext } from '../context';
import { limitOf } from '../context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const worker = String(this.getNodeParameter('balanceWorker', itemIndex, '') ?? '').trim();
		if (worker && !/^[0-9a-f]{32}$/.test(worker)) throw new InvalidInputError('balanceWorker', `balanceWorker: ${JSON.stringify(worker)} is not a worker WID (32 lower-case hex digits) (field: balanceWorker)`, 'INVALID_ID');
		const qs: IDataObject = worker ? { worker } : {};
		return await restList(this, op.connection, 'absenceManagement', '/balances', qs, { limit: limitOf(this, itemIndex), itemIndex, correlationId });
	});
}
