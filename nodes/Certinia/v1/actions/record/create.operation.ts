import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment, runPerItem } from '../../../../shared/kit';
import { recordBodyOf } from '../../../../Salesforce/helpers/body';
import { apiRequest } from '../../../../Salesforce/transport';
import { bodyProperties } from '../../../../Salesforce/v1/actions/common.descriptions';
import type { CertiniaResource } from '../../../helpers/objects';
import type { CertiniaOperationContext } from './context';

export function description(resources: CertiniaResource[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: resources, operation: ['create'] } }, [
		{
			displayName: 'A create is not safe to retry: when its answer is lost the record may exist. Use Create or Update (by an external ID) where a flow may run twice.',
			name: 'createNotice',
			type: 'notice',
			default: '',
		},
		...bodyProperties,
	]);
}

export async function execute(this: IExecuteFunctions, op: CertiniaOperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const body = recordBodyOf(this, itemIndex);
		// POST is not idempotent: a lost answer is not resent (the kit's rule), the item fails with the reason.
		const response = await apiRequest<IDataObject>(this, op.connection, { method: 'POST', path: `/sobjects/${pathSegment(op.sObject, 'resource')}`, body, correlationId, itemIndex });
		return { id: response.body.id ?? null, success: true };
	});
}
