import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment, runPerItem } from '../../../../shared/kit';
import { recordBodyOf } from '../../../../Salesforce/helpers/body';
import { apiRequest } from '../../../../Salesforce/transport';
import { bodyProperties, recordIdProperty } from '../../../../Salesforce/v1/actions/common.descriptions';
import { checkedRecordId } from '../../../../Salesforce/v1/actions/record/context';
import type { CertiniaResource } from '../../../helpers/objects';
import type { CertiniaOperationContext } from './context';

export function description(resources: CertiniaResource[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: resources, operation: ['update'] } }, [recordIdProperty, ...bodyProperties]);
}

/** PATCH of a record by id; the same values sent twice leave the same record, so a lost answer is resent. */
export async function patchRecord(context: IExecuteFunctions, op: CertiniaOperationContext, id: string, body: Record<string, unknown>, itemIndex: number, correlationId: string): Promise<void> {
	await apiRequest(context, op.connection, {
		method: 'PATCH',
		path: `/sobjects/${pathSegment(op.sObject, 'resource')}/${pathSegment(id, 'recordId')}`,
		body: body as never,
		correlationId,
		itemIndex,
		idempotent: true,
	});
}

export async function execute(this: IExecuteFunctions, op: CertiniaOperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = checkedRecordId(this.getNodeParameter('recordId', itemIndex, '', { extractValue: true }));
		const body = recordBodyOf(this, itemIndex);
		if (!Object.keys(body).length) throw new Error('fields: add at least one field to update');
		await patchRecord(this, op, id, body, itemIndex, correlationId);
		return { id, success: true };
	});
}
