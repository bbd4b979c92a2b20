/** The operations of every Kantata resource, generated from the resource table; one implementation per operation. */
import type { INodeProperties } from 'n8n-workflow';

import { RESOURCES } from '../../../helpers/resources';
import type { KantataOperation, KantataResource, KantataResourceName } from '../../../helpers/resources';
import { commentProperty, jsonBodyProperty, readProperties, recordIdProperty, upsertProperties } from './common.descriptions';

const OPERATION_LABELS: Record<KantataOperation, { name: string; verb: string; many?: boolean }> = {
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

function describeOperation(resource: KantataResource, operation: KantataOperation): string {
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
			return `${OPERATION_LABELS[operation].verb} ${OPERATION_LABELS[operation].many ? resource.plural : `a ${resource.singular.replace(/_/g, ' ')}`}`;
	}
}

export function operationProperty(name: KantataResourceName): INodeProperties {
	const resource = RESOURCES[name] as KantataResource;
	const defaultOperation: string = resource.operations.includes('getMany') ? 'getMany' : resource.operations[0];
	const operations = [...resource.operations].sort((a, b) => OPERATION_LABELS[a].name.localeCompare(OPERATION_LABELS[b].name));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		default: defaultOperation,
		noDataExpression: true,
		displayOptions: { show: { resource: [name] } },
		options: operations.map((operation) => ({
			name: OPERATION_LABELS[operation].name,
			value: operation,
			description: describeOperation(resource, operation),
			action: `${OPERATION_LABELS[operation].verb} ${OPERATION_LABELS[operation].many ? resource.plural : `a ${resource.singular.replace(/_/g, ' ')}`}`,
		})),
	};
}

export const recordProperties: INodeProperties[] = [
	...(Object.keys(RESOURCES) as KantataResourceName[]).map(operationProperty),
	recordIdProperty(['get', 'update', 'delete', 'approve', 'reject', 'cancel', 'bulkDelete']),
	...upsertProperties,
	jsonBodyProperty,
	commentProperty,
	...readProperties,
];
