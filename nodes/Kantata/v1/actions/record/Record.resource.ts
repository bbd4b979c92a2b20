/** The operations of every Kantata resource, generated from the resource table; one implementation per operation. */
import type { INodeProperties } from 'n8n-workflow';

import { operationPickerProperty } from '../../../../shared/kit';
import type { OperationLabel } from '../../../../shared/kit';
import { RESOURCES } from '../../../helpers/resources';
import type { KantataOperation, KantataResource, KantataResourceName } from '../../../helpers/resources';
import { commentProperty, jsonBodyProperty, readProperties, recordIdProperty, upsertProperties } from './common.descriptions';

const OPERATION_LABELS: Record<KantataOperation, OperationLabel> = {
	approve: { name: 'Approve', verb: 'Approve' },
	bulkCreate: { name: 'Bulk Create', verb: 'Bulk create', many: true },
	bulkDelete: { name: 'Bulk Delete', verb: 'Bulk delete', many: true },
	cancel: { name: 'Cancel', verb: 'Cancel' },
	create: { name: 'Create', verb: 'Create' },
	delete: { name: 'Delete', verb: 'Delete' },
	get: { name: 'Get', verb: 'Get' },
	getMany: { name: 'Get Many', verb: 'Get many', many: true },
	reject: { name: 'Reject', verb: 'Reject' },
	update: { name: 'Update', verb: 'Update' },
	upsert: { name: 'Create or Update', verb: 'Create or update' },
};

function describeOperation(resource: KantataResource, operation: KantataOperation): string | undefined {
	switch (operation) {
		case 'upsert':
			return `Create a ${resource.singular.replace(/_/g, ' ')}, or update the one linked to the same external reference; a retried create never makes a second one`;
		case 'bulkCreate':
			return `Create many ${resource.plural} in one request per ${resource.bulkCreateLimit}; each result paired with its item`;
		case 'bulkDelete':
			return `Delete many ${resource.plural}, ${resource.bulkDeleteLimit} per request; Kantata deletes a request's records all or none`;
		case 'delete':
			return `Delete a ${resource.singular.replace(/_/g, ' ')} for good`;
		case 'approve':
		case 'reject':
			return `${OPERATION_LABELS[operation].name} a pending submission`;
		case 'cancel':
			return resource.collection === 'invoices' ? 'Cancel an invoice; its time entries and expenses can be invoiced again' : 'Cancel a submission';
		default:
			return undefined;
	}
}

export function operationProperty(name: KantataResourceName): INodeProperties {
	const resource = RESOURCES[name] as KantataResource;
	return operationPickerProperty({
		resource: name,
		operations: resource.operations,
		labels: OPERATION_LABELS,
		target: { one: `a ${resource.singular.replace(/_/g, ' ')}`, many: resource.plural },
		describe: (operation) => describeOperation(resource, operation),
	});
}

export const recordProperties: INodeProperties[] = [
	...(Object.keys(RESOURCES) as KantataResourceName[]).map(operationProperty),
	recordIdProperty(['get', 'update', 'delete', 'approve', 'reject', 'cancel', 'bulkDelete']),
	...upsertProperties,
	jsonBodyProperty,
	commentProperty,
	...readProperties,
];
