import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { assertIdentifier, pathSegment, runPerItem } from '../../../../shared/kit';
import { recordBodyOf } from '../../../helpers/body';
import type { RecordResource } from '../../../helpers/objects';
import { apiRequest } from '../../../transport';
import { bodyProperties, externalIdFieldProperty } from '../common.descriptions';
import type { OperationContext } from './context';

export const externalIdValueProperty: INodeProperties = {
	displayName: 'External ID Value',
	name: 'externalIdValue',
	type: 'string',
	default: '',
	required: true,
	description: 'Value of the external ID field that identifies the record',
};

export function description(resource: RecordResource): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [resource], operation: ['upsert'] } }, [externalIdFieldProperty, externalIdValueProperty, ...bodyProperties]);
}

export function externalIdFieldOf(context: IExecuteFunctions, itemIndex: number): string {
	return assertIdentifier(String(context.getNodeParameter('externalIdField', itemIndex, '', { extractValue: true }) ?? '').trim(), 'external ID field');
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const field = externalIdFieldOf(this, itemIndex);
		const value = String(this.getNodeParameter('externalIdValue', itemIndex, '') ?? '').trim();
		if (!value) throw new Error(`externalIdValue: a value for ${field} is required`);
		const body = recordBodyOf(this, itemIndex);
		// Salesforce takes the external id from the URL; the body must not repeat it.
		for (const key of Object.keys(body)) if (key.toLowerCase() === field.toLowerCase() || key === 'Id') delete body[key];
		const response = await apiRequest<IDataObject | string[]>(this, op.connection, {
			method: 'PATCH',
			path: `/sobjects/${pathSegment(op.sObject, 'resource')}/${pathSegment(field, 'externalIdField')}/${pathSegment(value, 'externalIdValue')}`,
			body,
			correlationId,
			itemIndex,
			idempotent: true,
		});
		if (response.statusCode === 300) {
			const error = new Error(`Salesforce: MULTIPLE_CHOICES: ${field} = ${value} matches several records; make the field unique`);
			Object.assign(error, { context: { vendorErrorCode: 'MULTIPLE_CHOICES', vendorErrorFields: [field] } });
			throw error;
		}
		const result = (response.body ?? {}) as IDataObject;
		// Versions before 46 answer an update with 204 and no body.
		const created = response.statusCode === 201 || result.created === true;
		return { id: result.id ?? null, created, success: true, externalIdField: field, externalId: value };
	});
}
