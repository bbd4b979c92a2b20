import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { outputProperties, runReadPerItem } from '../../../../shared/canonicalOutput';
import { pathSegment } from '../../../../shared/kit';
import { withoutAttributes } from '../../../../Salesforce/helpers/objects';
import { buildSoql, soqlLiteral } from '../../../../Salesforce/helpers/soql';
import { apiRequest, queryAll } from '../../../../Salesforce/transport';
import { fieldsProperty, recordIdProperty } from '../../../../Salesforce/v1/actions/common.descriptions';
import { checkedRecordId } from '../../../../Salesforce/v1/actions/record/context';
import { toCanonical } from '../../../canonical';
import { CANONICAL_RESOURCES, certiniaFieldsOf, resourceInfo } from '../../../helpers/objects';
import type { CertiniaResource } from '../../../helpers/objects';
import type { CertiniaOperationContext } from './context';
import { CANONICAL_NOTE } from './getMany.operation';

export function description(resources: CertiniaResource[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: resources, operation: ['get'] } }, [
		recordIdProperty,
		fieldsProperty,
		...outputProperties({ show: { resource: CANONICAL_RESOURCES } }, CANONICAL_NOTE),
	]);
}

export async function execute(this: IExecuteFunctions, op: CertiniaOperationContext): Promise<INodeExecutionData[]> {
	const target = { system: 'certinia', object: op.sObject, toCanonical };
	return await runReadPerItem(this, target, async ({ itemIndex, correlationId }, output) => {
		const id = checkedRecordId(this.getNodeParameter('recordId', itemIndex, '', { extractValue: true }));
		const children = output.mode === 'canonical' ? resourceInfo(op.resource).canonicalChildren : undefined;
		if (children) {
			// The record with its children (a project's WBS) in one SOQL query.
			const soql = buildSoql({ object: op.sObject, fields: certiniaFieldsOf(op.resource, this.getNodeParameter('fields', itemIndex, [])), children, where: [`Id = ${soqlLiteral(id, 'id')}`] });
			const [record] = await queryAll(this, op.connection, soql, { correlationId, itemIndex, limit: 1 });
			if (!record) throw new Error(`No ${op.sObject} with Id ${id}`);
			return withoutAttributes(record) as IDataObject;
		}
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
