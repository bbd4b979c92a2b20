import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { restRequest } from '../../../transport';
import type { OperationContext } from '../context';
import { recordIdOf } from '../context';

/** A supervisory organization with its `manager`, the way to a worker's manager over REST. */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		return (await restRequest<IDataObject>(this, op.connection, { service: 'common', path: `/supervisoryOrganizations/${id}`, itemIndex, correlationId })).body;
	});
}
