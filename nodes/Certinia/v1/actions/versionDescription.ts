import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../../../Salesforce/v1/actions/versionDescription';
import { CERTINIA_RESOURCES } from '../../helpers/objects';
import type { CertiniaResource } from '../../helpers/objects';
import * as approval from './approval/approval.operation';
import * as create from './record/create.operation';
import * as get from './record/get.operation';
import * as getMany from './record/getMany.operation';
import * as update from './record/update.operation';
import * as upsert from './record/upsert.operation';

export { authenticationProperty };

const ALL = Object.keys(CERTINIA_RESOURCES) as CertiniaResource[];
/** PSA writes timecard splits itself: they are read, never written. */
const WRITABLE: CertiniaResource[] = ALL.filter((r) => r !== 'timecardSplit');

const DOMAIN_OPERATIONS: Partial<Record<CertiniaResource, Array<{ name: string; value: string; description: string; action: string }>>> = {
	timecard: [
		{ name: 'Submit', value: 'submit', description: 'Submit a saved timecard for approval', action: 'Submit a timecard' },
		{ name: 'Approve', value: 'approve', description: 'Approve a submitted timecard (it enters financials)', action: 'Approve a timecard' },
		{ name: 'Reject', value: 'reject', description: 'Reject a submitted timecard', action: 'Reject a timecard' },
	],
	expenseReport: [
		{ name: 'Submit', value: 'submit', description: 'Submit an expense report for approval', action: 'Submit an expense report' },
		{ name: 'Approve', value: 'approve', description: 'Approve a submitted expense report and its expenses', action: 'Approve an expense report' },
		{ name: 'Reject', value: 'reject', description: 'Reject a submitted expense report', action: 'Reject an expense report' },
	],
	milestone: [{ name: 'Complete', value: 'complete', description: 'Mark a milestone complete (Approved, with its actual date)', action: 'Complete a milestone' }],
	billingEvent: [
		{ name: 'Record Invoice', value: 'recordInvoice', description: 'Write the ERP invoice number and date back onto a released billing event', action: 'Record the invoice of a billing event' },
	],
};

function operationProperty(resource: CertiniaResource): INodeProperties {
	const { label, plural } = CERTINIA_RESOURCES[resource];
	const lower = label.toLowerCase();
	const article = /^[aeiou]/i.test(lower) ? 'an' : 'a';
	const writes = WRITABLE.includes(resource)
		? [
				{ name: 'Batch Upsert', value: 'batchUpsert', description: `Create or update many ${plural} by external ID, 200 per call (sObject Collections)`, action: `Batch upsert ${plural}` },
				{ name: 'Create', value: 'create', description: `Create ${article} ${lower}`, action: `Create ${article} ${lower}` },
				{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: `Create or update ${article} ${lower} by external ID` },
				{ name: 'Update', value: 'update', description: `Update ${article} ${lower} by ID`, action: `Update ${article} ${lower}` },
			]
		: [];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [
			...writes,
			{ name: 'Get', value: 'get', description: `Get ${article} ${lower} by ID`, action: `Get ${article} ${lower}` },
			{ name: 'Get Many', value: 'getMany', description: `Get ${plural} matching conditions (SOQL)`, action: `Get many ${plural}` },
			...(DOMAIN_OPERATIONS[resource] ?? []),
		].sort((a, b) => a.name.localeCompare(b.name)),
		default: 'get',
	};
}

export const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: ALL.map((value) => ({ name: CERTINIA_RESOURCES[value].label, value })).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'project',
	},
	...ALL.map(operationProperty),
	...get.description(ALL),
	...getMany.description(ALL),
	...create.description(WRITABLE),
	...update.description(WRITABLE),
	...upsert.description(WRITABLE),
	...approval.description(),
];
