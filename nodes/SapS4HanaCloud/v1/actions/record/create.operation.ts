import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { resourceOf } from '../../../helpers/resources';
import { plainRecord, sapRequest, unwrap } from '../../../transport';
import type { OperationContext } from '../context';
import { writeFields } from '../context';

/** One record per item (POST; 201 with the record). A create whose answer is lost is not resent. */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const resource = resourceOf(op.resourceName);
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const response = await sapRequest<IDataObject>(this, op.connection, { method: 'POST', service: resource.service, path: `/${resource.entitySet}`, body: writeFields(this, itemIndex), correlationId, itemIndex, idempotent: false });
		return { ...plainRecord(unwrap(response.body)), ...(response.sapMessages.length ? { sapMessages: response.sapMessages } : {}) };
	});
}
