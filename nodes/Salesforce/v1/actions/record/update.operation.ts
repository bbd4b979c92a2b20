import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment, runPerItem } from '../../../../shared/kit';
import { recordBodyOf } from '../../../helpers/body';
import type { RecordResource } from '../../../helpers/objects';
import { apiRequest } from '../../../transport';
import { bodyProperties, recordIdProperty } from '../common.descriptions';
import { checkedRecordId } from './context';
import type { OperationContext } from './context';

export function description(resource: RecordResource): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [resource], operation: ['update'] } }, [recordIdProperty, ...bodyProperties]);
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = checkedRecordId(this.getNodeParameter('recordId', itemIndex, '', { extractValue: true }));
		const body = recordBodyOf(this, itemIndex);
		if (!Object.keys(body).length) throw new Error('fields: add at least one field to update');
		// PATCH of the same values is idempotent: safe to resend when an answer was lost.
		await apiRequest(this, op.connection, { method: 'PATCH', path: `/sobjects/${pathSegment(op.sObject, 'resource')}/${pathSegment(id, 'recordId')}`, body, correlationId, itemIndex, idempotent: true });
		return { id, success: true };
	});
}
