/**
 * Create or Update and Batch Upsert by an external id field: the Salesforce platform's upsert
 * (`PATCH /sobjects/<pse object>/<field>/<value>`, and sObject Collections for a batch), run by the Salesforce
 * node's implementations, which use only the object and the connection. A resent upsert updates the record its
 * first attempt created, so a lost answer never makes a second record.
 */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { bodyProperties, externalIdFieldProperty } from '../../../../Salesforce/v1/actions/common.descriptions';
import * as salesforceBatchUpsert from '../../../../Salesforce/v1/actions/record/batchUpsert.operation';
import type { OperationContext } from '../../../../Salesforce/v1/actions/record/context';
import * as salesforceUpsert from '../../../../Salesforce/v1/actions/record/upsert.operation';
import type { CertiniaResource } from '../../../helpers/objects';
import type { CertiniaOperationContext } from './context';

const batchOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'All or None',
			name: 'allOrNone',
			type: 'boolean',
			default: false,
			description: 'Whether one failed record rolls back the other records of its batch of 200',
		},
	],
};

export function description(resources: CertiniaResource[]): INodeProperties[] {
	return [
		...updateDisplayOptions({ show: { resource: resources, operation: ['upsert'] } }, [externalIdFieldProperty, salesforceUpsert.externalIdValueProperty, ...bodyProperties]),
		...updateDisplayOptions({ show: { resource: resources, operation: ['batchUpsert'] } }, [
			externalIdFieldProperty,
			salesforceUpsert.externalIdValueProperty,
			...bodyProperties,
			batchOptions,
		]),
	];
}

/** The Salesforce implementations read only `sObject` and `connection` of their context. */
function platformContext(op: CertiniaOperationContext): OperationContext {
	return { resource: op.resource as unknown as OperationContext['resource'], sObject: op.sObject, connection: op.connection };
}

export async function upsert(this: IExecuteFunctions, op: CertiniaOperationContext): Promise<INodeExecutionData[]> {
	return await salesforceUpsert.execute.call(this, platformContext(op));
}

export async function batchUpsert(this: IExecuteFunctions, op: CertiniaOperationContext): Promise<INodeExecutionData[]> {
	return await salesforceBatchUpsert.execute.call(this, platformContext(op));
}
