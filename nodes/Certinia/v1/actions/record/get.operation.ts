import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment, runPerItem } from '../../../../shared/kit';
import { withoutAttributes } from '../../../../Salesforce/helpers/objects';
import { apiRequest } from '../../../../Salesforce/transport';
import { fieldsProperty, recordIdProperty } from '../../../../Salesforce/v1/actions/common.descriptions';
import { checkedRecordId } from '../../../../Salesforce/v1/actions/record/context';
import { certiniaFieldsOf } from '../../../helpers/objects';
import type { CertiniaResource } from '../../../helpers/objects';
import type { CertiniaOperationContext } from './context';

export function description(resources: CertiniaResource[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: resources, operation: ['get'] } }, [recordIdProperty, fieldsProperty]);
}

export async function execute(this: IExecuteFunctions, op: CertiniaOperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = checkedRecordId(this.getNodeParameter('recordId', itemIndex, '', { extractValue: true }));
		const fields = certiniaFieldsOf(op.resource, this.getNodeParameter('fields', itemIndex, [])).join(',');
		const response = await apiRequest<IDataObject>(this, op.connection, {
			method: 'GET',
			path: `/sobjects/${pathSegment(op.sObject, 'resource')}/${pathSegment(id, 'recordId')}`,
			qs: { fields },
			correlationId,
			itemIndex,
		});
		return withoutAttributes(response.body) as IDataObject;
	});
}
