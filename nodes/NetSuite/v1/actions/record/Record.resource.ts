/**
 * Operations shared by every record resource (customer, job, projectTask, employee, timeBill, expenseReport,
 * invoice, journalEntry). They are written once and parameterised by the record type, since NetSuite's record
 * service treats all record types alike.
 */
import type { INodeProperties } from 'n8n-workflow';

import { RECORD_RESOURCES } from '../../../helpers/recordTypes';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { create, del as delete, get, getMany, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: RECORD_RESOURCES } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a record', action: 'Create a record' },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a record by external ID',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a record', action: 'Delete a record' },
			{ name: 'Get', value: 'get', description: 'Get a record by internal ID', action: 'Get a record' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many records through SuiteQL, page by page',
				action: 'Get many records',
			},
			{ name: 'Update', value: 'update', description: 'Update fields of a record', action: 'Update a record' },
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...create.description,
	...update.description,
	...upsert.description,
	...del.description,
];
