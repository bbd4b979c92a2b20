/**
 * The record operations every sObject resource offers, generated per resource from one implementation per
 * operation (the resources differ in their sObject, default fields and opportunity line items).
 */
import type { INodeProperties } from 'n8n-workflow';

import { RESOURCES } from '../../../helpers/objects';
import type { RecordResource } from '../../../helpers/objects';
import * as batchUpsert from './batchUpsert.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { batchUpsert, create, get, getMany, update, upsert };

export const RECORD_OPERATIONS = { batchUpsert, create, get, getMany, update, upsert };
export type RecordOperation = keyof typeof RECORD_OPERATIONS;

export function recordOperationProperty(resource: RecordResource): INodeProperties {
	const label = RESOURCES[resource].label.toLowerCase();
	const plural = resource === 'opportunity' ? 'opportunities' : `${label}s`;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [
			{
				name: 'Batch Upsert',
				value: 'batchUpsert',
				description: `Create or update many ${plural} by external ID, 200 per call (sObject Collections)`,
				action: `Batch upsert ${plural}`,
			},
			{
				name: 'Create',
				value: 'create',
				description: resource === 'opportunity' ? 'Create an opportunity, with its line items in one call' : `Create a ${label}`,
				action: `Create a ${label}`,
			},
			{ name: 'Get', value: 'get', description: `Get a ${label} by ID`, action: `Get a ${label}` },
			{ name: 'Get Many', value: 'getMany', description: `Get ${plural} matching conditions (SOQL)`, action: `Get many ${plural}` },
			{ name: 'Update', value: 'update', description: `Update a ${label} by ID`, action: `Update a ${label}` },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: `Create or update a ${label} by external ID`,
			},
		],
		default: 'get',
	};
}

export function recordOperationsDescription(resource: RecordResource): INodeProperties[] {
	return Object.values(RECORD_OPERATIONS).flatMap((operation) => operation.description(resource));
}
