import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { dateOnly } from '../../../helpers/soapRequests';
import { restList } from '../../../transport';
import type { OperationContext } from '../context';
import { limitOf, recordIdOf } from '../context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		const filters = this.getNodeParameter('timeOffFilters', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		if (filters.fromDate) qs.fromDate = dateOnly(filters.fromDate, 'fromDate');
		if (filters.toDate) qs.toDate = dateOnly(filters.toDate, 'toDate');
		return await restList(this, op.connection, 'absenceManagement', `/workers/${id}/timeOffDetails`, qs, { limit: limitOf(this, itemIndex), itemIndex, correlationId });
	});
}
