import type { INodeProperties } from 'n8n-workflow';

import { outputProperties } from '../../../../shared/canonicalOutput';
import { recordLocator, returnAllProperties } from '../../../../shared/kit';
import { RESOURCES, resourcesWith, resourcesWithFilter } from '../../../helpers/resources';
import type { KantataOperation, KantataResource, KantataResourceName, ListFilter } from '../../../helpers/resources';

export function showFor(operation: KantataOperation, only?: KantataResourceName[]) {
	return { show: { resource: only ?? resourcesWith(operation), operation: [operation] } };
}

/** A Kantata record page or API URL (`…/workspaces/12345`, `…/api/v1/time_entries/67.json`); the capture is the id. */
export const KANTATA_RECORD_URL_REGEX = '^https?://[^/]+/(?:api/v1/)?[a-z_]+/(\\d+)(?:[/?#.].*)?$';

/** A record picked from a list (searched), by its Kantata URL, or by ID. */
export function recordIdProperty(operations: KantataOperation[]): INodeProperties {
	return {
		...recordLocator({
			description: 'The Kantata record',
			urlRegex: KANTATA_RECORD_URL_REGEX,
			urlPlaceholder: 'https://app.mavenlink.com/workspaces/12345',
			urlError: 'Not a Kantata record URL (…/workspaces/12345)',
			idRegex: '\\d+',
			idPlaceholder: '12345',
			idError: 'A Kantata ID is a number',
		}),
		displayOptions: { show: { operation: operations } },
	};
}

export const jsonBodyProperty: INodeProperties = {
	displayName: 'Fields (JSON)',
	name: 'jsonBody',
	type: 'json',
	default: '{}',
	required: true,
	description:
		'The record\'s attributes as Kantata names them, e.g. {"workspace_id": "123", "date_performed": "2026-01-13", "time_in_minutes": 450}. Money in integer cents, durations in minutes.',
	displayOptions: { show: { operation: ['create', 'update', 'upsert', 'bulkCreate'] } },
};

export const upsertProperties: INodeProperties[] = [
	{
		displayName: 'External Service Name',
		name: 'externalService',
		type: 'string',
		default: 'n8n',
		required: true,
		description: 'The service_name of the external reference that identifies the record, e.g. salesforce',
		displayOptions: showFor('upsert'),
	},
	{
		displayName: 'External Model',
		name: 'externalModel',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Opportunity',
		description: 'The service_model of the external reference: what the record is in the other system',
		displayOptions: showFor('upsert'),
	},
	{
		displayName: 'External ID',
		name: 'externalRef',
		type: 'string',
		default: '',
		required: true,
		description: 'The service_model_ref: the record\'s ID in the other system',
		displayOptions: showFor('upsert'),
	},
	{
		displayName: 'Update If Found',
		name: 'updateIfFound',
		type: 'boolean',
		default: true,
		description: 'Whether a record already linked to this external ID is updated with the fields (otherwise it is returned as is)',
		displayOptions: showFor('upsert'),
	},
];

export const commentProperty: INodeProperties = {
	displayName: 'Comment',
	name: 'comment',
	type: 'string',
	default: '',
	description: 'Resolution description recorded with the approval, rejection or cancellation',
	displayOptions: { show: { operation: ['approve', 'reject', 'cancel'], resource: ['timesheetSubmission', 'expenseReportSubmission'] } },
};

const FILTER_PROPERTIES: Record<ListFilter, INodeProperties> = {
	workspaceId: { displayName: 'Workspace IDs', name: 'workspaceId', type: 'string', default: '', description: 'Only records of these workspaces (comma-separated IDs)' },
	userId: { displayName: 'User IDs', name: 'userId', type: 'string', default: '', description: 'Only records of these users (comma-separated IDs)' },
	updatedAfter: { displayName: 'Updated After', name: 'updatedAfter', type: 'dateTime', default: '', description: 'Only records changed after this time' },
	createdAfter: { displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '', description: 'Only events created after this time (the feed keeps about 9 days)' },
	approved: {
		displayName: 'Approval',
		name: 'approved',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'Approved', value: 'true' },
			{ name: 'Not Approved', value: 'false' },
		],
		default: 'any',
	},
	uninvoiced: { displayName: 'Uninvoiced Only', name: 'uninvoiced', type: 'boolean', default: false, description: 'Whether to return only records not yet on an invoice' },
	billable: {
		displayName: 'Billable',
		name: 'billable',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'Billable', value: 'true' },
			{ name: 'Non-Billable', value: 'false' },
		],
		default: 'any',
	},
	datePerformedBetween: { displayName: 'Date Performed Between', name: 'datePerformedBetween', type: 'string', default: '', placeholder: '2026-01-01:2026-01-31', description: 'Only entries performed in this range, YYYY-MM-DD:YYYY-MM-DD' },
	search: { displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Only records whose name or title contains this text' },
	subjectType: {
		displayName: 'Subject Type',
		name: 'subjectType',
		type: 'options',
		default: 'Workspace',
		options: ['Workspace', 'WorkspaceGroup', 'Story', 'User'].map((value) => ({ name: value === 'WorkspaceGroup' ? 'Workspace Group (Client)' : value, value })),
		description: 'Only values set on records of this type',
	},
	eventTypes: { displayName: 'Event Types', name: 'eventTypes', type: 'string', default: '', placeholder: 'time_entry:created,time_entry:updated', description: 'Only these event types (comma-separated)' },
};

export function filterCollection(): INodeProperties[] {
	const filters = Object.keys(FILTER_PROPERTIES) as ListFilter[];
	return (Object.keys(RESOURCES) as KantataResourceName[])
		.filter((name) => (RESOURCES[name] as KantataResource).operations.includes('getMany') && (RESOURCES[name] as KantataResource).filters.length > 0)
		.map((name) => ({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection' as const,
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: { resource: [name], operation: ['getMany'] } },
			options: filters.filter((f) => resourcesWithFilter(f).includes(name)).map((f) => FILTER_PROPERTIES[f]),
		}));
}

export function readOptionsProperties(): INodeProperties[] {
	return (Object.keys(RESOURCES) as KantataResourceName[])
		.filter((name) => (RESOURCES[name] as KantataResource).operations.some((op) => op === 'get' || op === 'getMany'))
		.map((name) => {
			const resource = RESOURCES[name] as KantataResource;
			const options: INodeProperties[] = [];
			if (resource.includes.length) {
				options.push({
					displayName: 'Include',
					name: 'include',
					type: 'multiOptions',
					options: resource.includes.map((include) => ({ name: include.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()), value: include })),
					default: [],
					description: 'Associated records to read in the same request; each record gets them under "included"',
				});
			}
			options.push(
				{ displayName: 'Only IDs', name: 'only', type: 'string', default: '', description: 'Only these records (comma-separated IDs); missing ones are left out, not an error' },
				{ displayName: 'Order', name: 'order', type: 'string', default: '', placeholder: 'updated_at:desc', description: 'Sort as attribute:asc or attribute:desc' },
			);
			return {
				displayName: 'Options',
				name: 'readOptions',
				type: 'collection' as const,
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { resource: [name], operation: ['get', 'getMany'] } },
				options: resource.operations.includes('getMany') ? options : options.filter((o) => o.name === 'include'),
			};
		});
}

export const CANONICAL_RESOURCES = (Object.keys(RESOURCES) as KantataResourceName[]).filter((name) => (RESOURCES[name] as KantataResource).canonicalObject);

export const readProperties: INodeProperties[] = [
	...returnAllProperties.map((p) => ({ ...p, displayOptions: { show: { ...(p.displayOptions?.show ?? {}), operation: ['getMany'] } } })),
	...filterCollection(),
	...readOptionsProperties(),
	...outputProperties(
		{ show: { resource: CANONICAL_RESOURCES, operation: ['get', 'getMany'] } },
		'A workspace comes with its stories as the WBS. Money is read from integer cents and hours from minutes, exactly.',
	),
];
