import type { INodeProperties } from 'n8n-workflow';

import { outputProperties } from '../../../shared/canonicalOutput';
import { article, destructiveToolNotice, resourcePickerProperty, returnAllProperties } from '../../../shared/kit';
import type { OperationLabel } from '../../../shared/kit';
import {
	alternateKeyProperty,
	authenticationProperty,
	conditionsProperty,
	fieldsProperty,
	lookupsProperty,
	queryOptionsProperty,
	upsertModeProperty,
} from '../../../Dataverse/descriptions';
import {
	batchNotice,
	dataverseRecordLocator,
	etagProperty,
	getByProperty,
	returnRecordProperty,
	showFor as show,
	tableOperationProperties,
} from '../../../Dataverse/tableDescriptions';
import type { DescribedTable } from '../../../Dataverse/tableDescriptions';
import { TABLES, tablesWith } from '../../helpers/tables';
import type { ProjectOperationsOperation, ProjectOperationsTable, ProjectOperationsTableName } from '../../helpers/tables';

const OPERATION_LABELS: Record<ProjectOperationsOperation, OperationLabel> = {
	applyWbsChanges: { name: 'Apply WBS Changes', verb: 'Apply WBS changes to', many: true },
	approve: { name: 'Approve', verb: 'Approve' },
	batchCreate: { name: 'Batch Create', verb: 'Batch create', many: true },
	create: { name: 'Create', verb: 'Create' },
	get: { name: 'Get', verb: 'Get' },
	getMany: { name: 'Get Many', verb: 'Get many', many: true },
	markReady: { name: 'Mark Ready for Invoicing', verb: 'Mark ready for invoicing' },
	replace: { name: 'Replace', verb: 'Replace' },
	submit: { name: 'Submit', verb: 'Submit' },
	update: { name: 'Update', verb: 'Update' },
	upsert: { name: 'Create or Update', verb: 'Create or update' },
};

function describe(name: ProjectOperationsTableName, table: DescribedTable<ProjectOperationsOperation>, operation: ProjectOperationsOperation): string | undefined {
	const one = table.label.toLowerCase();
	switch (operation) {
		case 'create':
			if (name === 'project') return 'Create a project with msdyn_CreateProjectV1: the project and its default bucket at once';
			if (name === 'teamMember') return 'Add a team member with msdyn_CreateTeamMemberV1, at once';
			return `Create ${article(one)} ${one}`;
		case 'applyWbsChanges':
			return 'Create, update or delete tasks, buckets, dependencies and assignments through the schedule API: operation sets of up to 200 operations, executed and awaited, each error on its own item';
		case 'replace':
			return 'Move an assignment to another task or team member: delete it and create the new one in one operation set (assignments are never updated)';
		case 'submit':
			return name === 'timeEntry' ? 'Submit a time entry for approval (msdyn_TimeEntriesSubmit)' : 'Submit an expense for approval (msdyn_ExpenseEntriesSubmit)';
		case 'approve':
			return `Approve a submitted ${one} through its project approval: the entry becomes Approved and its actuals are created`;
		case 'markReady':
			return 'Set a fixed-price milestone to Ready for Invoicing, so its amount can be invoiced';
		case 'upsert':
			return `Create ${article(one)} ${one} or update the one with the same alternate key (e.g. p2c_externalid); a retry never makes a second one`;
		case 'batchCreate':
			return `Create many ${table.plural} through $batch, up to 1,000 per request, each in its own changeset so one bad record fails alone`;
		case 'update':
			return `Update ${article(one)} ${one}; with an ETag, a record changed since it was read is refused as stale`;
		default:
			return undefined;
	}
}

const locator = (description: string, searchListMethod: string) => dataverseRecordLocator(description, 'msdyn_project', searchListMethod);

const recordIdProperty: INodeProperties = {
	...locator('The record', 'searchRecords'),
	displayOptions: { show: { operation: ['update', 'submit', 'approve', 'markReady', 'replace'] } },
};

const projectIdProperty: INodeProperties = {
	...locator('The project whose schedule changes', 'searchProjects'),
	displayName: 'Project',
	name: 'projectId',
	displayOptions: show(['applyWbsChanges']),
};

const wbsProperties: INodeProperties[] = [
	{
		displayName: 'Change',
		name: 'change',
		type: 'options',
		options: [
			{ name: 'Create', value: 'create' },
			{ name: 'Update', value: 'update' },
			{ name: 'Delete', value: 'delete' },
		],
		default: 'create',
		displayOptions: show(['applyWbsChanges']),
	},
	{
		displayName: 'Entity',
		name: 'scheduleEntity',
		type: 'options',
		options: [
			{ name: 'Project', value: 'msdyn_project', description: 'The project itself (update only)' },
			{ name: 'Project Bucket', value: 'msdyn_projectbucket' },
			{ name: 'Project Task', value: 'msdyn_projecttask', description: 'A WBS task; a new task without a bucket goes into the project\'s first bucket' },
			{ name: 'Resource Assignment', value: 'msdyn_resourceassignment', description: 'A team member on a task (create or delete; use Replace to move one)' },
			{ name: 'Task Dependency', value: 'msdyn_projecttaskdependency', description: 'Predecessor → successor (create or delete)' },
			{ name: 'Team Member', value: 'msdyn_projectteam', description: 'Update or delete (create with Project Team Member → Create)' },
		],
		default: 'msdyn_projecttask',
		displayOptions: show(['applyWbsChanges']),
	},
	{
		displayName: 'Record ID',
		name: 'scheduleRecordId',
		type: 'string',
		default: '',
		placeholder: '00000000-0000-0000-0000-000000000000',
		description: 'The record to update or delete. For Create, an optional ID for the new record (a rerun with the same ID is refused as a duplicate rather than creating a second record); a new one is generated when empty.',
		displayOptions: show(['applyWbsChanges']),
	},
	{
		displayName: 'Schedule Options',
		name: 'scheduleOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['applyWbsChanges', 'replace']),
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: 'n8n', description: 'The operation set\'s description, shown under Settings → Schedule Integration → Operation Sets' },
			{ displayName: 'Poll Interval (Seconds)', name: 'pollIntervalSeconds', type: 'number', typeOptions: { minValue: 0.1, numberPrecision: 1 }, default: 2, description: 'How often to read the operation set\'s status while it runs' },
			{ displayName: 'Timeout (Seconds)', name: 'timeoutSeconds', type: 'number', typeOptions: { minValue: 1 }, default: 120, description: 'How long to wait for an operation set; items of a set still running then fail with its ID (it may yet apply)' },
		],
	},
];

const replaceProperties: INodeProperties[] = [
	{ displayName: 'New Task ID', name: 'taskId', type: 'string', default: '', required: true, placeholder: '00000000-0000-0000-0000-000000000000', description: 'The task the assignment moves to (the same task to change only the team member)', displayOptions: show(['replace']) },
	{ displayName: 'New Team Member ID', name: 'teamMemberId', type: 'string', default: '', required: true, placeholder: '00000000-0000-0000-0000-000000000000', description: 'The project team member (msdyn_projectteam) who takes the assignment', displayOptions: show(['replace']) },
];

const scheduleLicenceNotice: INodeProperties = {
	displayName:
		'Microsoft documents that the Project schedule APIs (projects, team members and WBS changes) may refuse application users: if Dataverse refuses this credential, use OAuth2 (Licensed User) with a user who has a Project license.',
	name: 'scheduleLicenceNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { authentication: ['clientCredentials'], operation: ['applyWbsChanges', 'replace', 'create'], resource: ['project', 'projectTask', 'teamMember', 'resourceAssignment'] } },
};

const wbsFieldsNotice: INodeProperties = {
	displayName:
		'Fields are the entity\'s columns (e.g. msdyn_subject, msdyn_effort, msdyn_scheduledstart). The project is bound for you; add parent task, bucket, predecessor / successor or team member under Lookups (e.g. msdyn_parenttask → msdyn_projecttasks).',
	name: 'wbsNotice',
	type: 'notice',
	default: '',
	displayOptions: show(['applyWbsChanges']),
};

const scheduleDeleteNotice = destructiveToolNotice(
	'An agent using this tool can delete tasks, buckets, dependencies and assignments for good. Give the credential a user who may change only the projects the agent should, and have the agent confirm before it deletes.',
	['applyWbsChanges', 'replace'],
);

const CANONICAL_TABLES = (Object.keys(TABLES) as ProjectOperationsTableName[]).filter((name) => (TABLES[name] as ProjectOperationsTable).canonicalObject);

/** Version 1's parameters, in the order the editor shows them. */
export const properties: INodeProperties[] = [
	authenticationProperty,
	resourcePickerProperty<ProjectOperationsTableName>(TABLES, 'project'),
	...tableOperationProperties<ProjectOperationsTableName, ProjectOperationsOperation>(TABLES, OPERATION_LABELS, describe),
	scheduleLicenceNotice,
	getByProperty('p2c_externalid'),
	{ ...recordIdProperty, displayOptions: { show: { operation: ['get'], getBy: ['id'] } } },
	recordIdProperty,
	alternateKeyProperty(['get'], 'p2c_externalid', { getBy: ['alternateKey'] }),
	alternateKeyProperty(['upsert'], 'p2c_externalid'),
	upsertModeProperty(['upsert']),
	projectIdProperty,
	...wbsProperties,
	wbsFieldsNotice,
	...replaceProperties,
	batchNotice(['batchCreate']),
	fieldsProperty(['create', 'update', 'upsert', 'batchCreate', 'applyWbsChanges'], '{"msdyn_subject": "Design", "msdyn_effort": 16}'),
	lookupsProperty(['create', 'update', 'upsert', 'batchCreate', 'applyWbsChanges']),
	etagProperty(['update']),
	returnRecordProperty(['create', 'update', 'upsert'], 'Whether to return the written record rather than only its ID'),
	...returnAllProperties.map((p) => ({ ...p, displayOptions: { show: { ...(p.displayOptions?.show ?? {}), operation: ['getMany'] } } })),
	conditionsProperty(['getMany']),
	queryOptionsProperty(['get'], false),
	queryOptionsProperty(['getMany'], true),
	...outputProperties(
		{ show: { resource: CANONICAL_TABLES, operation: ['get', 'getMany'] } },
		'A project comes with its WBS, a proforma invoice with its lines; durations are read as exact hours from minutes and money exactly in the record\'s currency.',
	),
	scheduleDeleteNotice,
];

export { tablesWith };
