import type { INodeProperties } from 'n8n-workflow';

import { outputProperties } from '../../../shared/canonicalOutput';
import { operationPickerProperty, recordLocator, resourcePickerProperty, returnAllProperties } from '../../../shared/kit';
import type { OperationLabel } from '../../../shared/kit';
import { ENTITIES, resourcesWith } from '../../helpers/entities';
import type { FinanceEntity, FinanceOperation, FinanceResourceName } from '../../helpers/entities';

const NAMES = Object.keys(ENTITIES) as FinanceResourceName[];

export function showFor(operations: FinanceOperation[], only?: FinanceResourceName[]) {
	const resources = only ?? [...new Set(operations.flatMap((operation) => resourcesWith(operation)))];
	return { show: { resource: resources, operation: operations } };
}

const OPERATION_LABELS: Record<FinanceOperation, OperationLabel> = {
	get: { name: 'Get', verb: 'Get' },
	getMany: { name: 'Get Many', verb: 'Get many', many: true },
	create: { name: 'Create', verb: 'Create' },
	update: { name: 'Update', verb: 'Update' },
	upsert: { name: 'Create or Update', verb: 'Create or update' },
	addLines: { name: 'Add Lines', verb: 'Add lines to' },
	post: { name: 'Post', verb: 'Post' },
};

function describe(entity: FinanceEntity, operation: FinanceOperation): string | undefined {
	const one = entity.label.toLowerCase();
	switch (operation) {
		case 'upsert':
			return `Create a ${one}, or update the one with the same key or external reference (${entity.externalReferenceField}); a re-run never makes a second one`;
		case 'create':
			return entity.lines
				? `Create a ${one} with its lines in one changeset (all or none); with an external reference, a re-run adds only the lines not there yet`
				: `Create a ${one}`;
		case 'addLines':
			return `Add each input item as a line of one ${one}; each line in its own changeset, so one bad line fails alone and the rest are added`;
		case 'post':
			return `Post a ${one}; an already posted one is reported as skipped, never posted twice`;
		case 'get':
			return entity.lines ? `Get a ${one} with its lines` : `Get a ${one}`;
		default:
			return undefined;
	}
}

export function operationProperty(name: FinanceResourceName): INodeProperties {
	const entity = ENTITIES[name] as FinanceEntity;
	return operationPickerProperty({
		resource: name,
		operations: entity.operations,
		labels: OPERATION_LABELS,
		target: { one: `a ${entity.label.toLowerCase()}`, many: entity.plural },
		describe: (operation) => describe(entity, operation),
	});
}

export const resourceProperty = resourcePickerProperty<FinanceResourceName>(ENTITIES, 'customer');

const COMPANY_SCOPED = NAMES.filter((name) => (ENTITIES[name] as FinanceEntity).companyScoped);

export const companyProperty: INodeProperties = {
	displayName: 'Company Name or ID',
	name: 'company',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCompanies' },
	default: '',
	description:
		'The legal entity (dataAreaId, e.g. usmf) the record belongs to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	displayOptions: { show: { resource: COMPANY_SCOPED } },
};

/** A record of F&O's OData address (`…/data/CustomersV3(dataAreaId='usmf',CustomerAccount='C1')`): the capture is the last key value. */
export const FINANCE_RECORD_URL_REGEX = "^https?://[^/]+/data/[A-Za-z0-9_]+\\(.*?[A-Za-z_]+='((?:[^']|'')+)'\\)(?:[?#].*)?$";

export const recordIdProperty: INodeProperties = {
	...recordLocator({
		description: 'The record, by its key in the company (customer account, project ID, journal batch number, invoice identifier, personnel number …)',
		urlRegex: FINANCE_RECORD_URL_REGEX,
		urlPlaceholder: "https://contoso.operations.dynamics.com/data/CustomersV3(dataAreaId='usmf',CustomerAccount='US-001')",
		urlError: "Not an F&O data entity URL (…/data/<EntitySet>(dataAreaId='…',Key='…'))",
		idRegex: '[^\\u0000-\\u001f]{1,60}',
		idPlaceholder: 'US-001',
		idError: 'A key of 1 to 60 printable characters',
	}),
	displayOptions: showFor(['get', 'update', 'addLines', 'post']),
};

export const jsonBodyProperty: INodeProperties = {
	displayName: 'Fields (JSON)',
	name: 'jsonBody',
	type: 'json',
	default: '{}',
	required: true,
	description:
		'The record\'s fields as the data entity names them, e.g. {"OrganizationName": "Northwind Health Partners", "CustomerGroupId": "30"}. Amounts and hours as JSON numbers (exact decimals); dates as 2026-01-13. The company comes from Company.',
	displayOptions: showFor(['create', 'update', 'upsert']),
};

export const lineJsonProperty: INodeProperties = {
	displayName: 'Line Fields (JSON)',
	name: 'lineJson',
	type: 'json',
	default: '{}',
	required: true,
	description:
		'This item\'s line as the lines entity names its fields, e.g. {"LineNumber": 1, "ProjectID": "SF-006A000101", "Category": "Consulting", "ResourceId": "EMP-0002", "ProjectDate": "2026-01-13", "Hours": 7.5}. A line already on the journal (same LineNumber, or same Line Reference Field value) is skipped, so a re-run adds nothing twice.',
	displayOptions: showFor(['addLines']),
};

export const linesJsonProperty: INodeProperties = {
	displayName: 'Lines (JSON)',
	name: 'linesJson',
	type: 'json',
	default: '[]',
	description: 'The document\'s lines, an array of objects as the lines entity names its fields; lines without a LineNumber are numbered in order. Empty creates the header alone, for Add Lines to fill.',
	displayOptions: showFor(['create'], NAMES.filter((name) => (ENTITIES[name] as FinanceEntity).lines)),
};

export const lineReferenceFieldProperty: INodeProperties = {
	displayName: 'Line Reference Field',
	name: 'lineReferenceField',
	type: 'string',
	default: '',
	placeholder: 'Description',
	description:
		'A line field that holds the source record\'s ID (e.g. Description = dataverse:TIME-ENTRY-ID): a line whose value is already on the document is skipped, and lines may leave out LineNumber. Empty matches lines by LineNumber.',
	displayOptions: showFor(['create', 'addLines'], NAMES.filter((name) => (ENTITIES[name] as FinanceEntity).lines)),
};

export const postAfterCreateProperty: INodeProperties = {
	displayName: 'Post After Create',
	name: 'postAfterCreate',
	type: 'boolean',
	default: false,
	description: 'Whether to post the document once it is created with its lines (a document found again by its External Reference is posted too, unless it already is)',
	displayOptions: showFor(['create'], NAMES.filter((name) => (ENTITIES[name] as FinanceEntity).postAction)),
};

export const externalReferenceProperty: INodeProperties = {
	displayName: 'External Reference',
	name: 'externalReference',
	type: 'string',
	default: '',
	description:
		'The record\'s ID in the system it comes from (e.g. dataverse:6f0c…): written to the entity\'s external reference field and looked up first, so a re-run finds the record instead of creating a second one',
	displayOptions: showFor(['create', 'upsert'], NAMES.filter((name) => (ENTITIES[name] as FinanceEntity).externalReferenceField)),
};

export const upsertProperties: INodeProperties[] = [
	{
		displayName: 'Match On',
		name: 'matchOn',
		type: 'options',
		options: [
			{ name: 'Key', value: 'key', description: 'The entity\'s key in the Fields (customer account, project ID …)' },
			{ name: 'External Reference', value: 'externalReference', description: 'The External Reference, in the entity\'s external reference field' },
		],
		default: 'key',
		displayOptions: showFor(['upsert']),
	},
];

export const getManyProperties: INodeProperties[] = [
	...returnAllProperties.map((property) => ({ ...property, displayOptions: { show: { ...(property.displayOptions?.show ?? {}), operation: ['getMany'] } } })),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'Conditions the records must all meet, sent as $filter; every value is escaped',
		displayOptions: showFor(['getMany']),
		options: [
			{
				displayName: 'Condition',
				name: 'conditions',
				values: [
					{ displayName: 'Field', name: 'field', type: 'string', default: '', placeholder: 'CustomerGroupId', description: 'The field as the entity names it' },
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						default: 'eq',
						options: [
							{ name: 'Contains', value: 'contains' },
							{ name: 'Equals', value: 'eq' },
							{ name: 'Greater Than', value: 'gt' },
							{ name: 'Greater Than or Equal', value: 'ge' },
							{ name: 'Less Than', value: 'lt' },
							{ name: 'Less Than or Equal', value: 'le' },
							{ name: 'Not Equals', value: 'ne' },
							{ name: 'Starts With', value: 'startswith' },
						],
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					{
						displayName: 'Value Type',
						name: 'valueType',
						type: 'options',
						default: 'string',
						options: [
							{ name: 'Boolean', value: 'boolean' },
							{ name: 'Date and Time', value: 'dateTime' },
							{ name: 'Enum Member', value: 'enum', description: 'An enum value as EnumType\'Member\', e.g. NoYes\'Yes\' or CustVendorBlocked\'No\'' },
							{ name: 'Number', value: 'number' },
							{ name: 'Text', value: 'string' },
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'readOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(['getMany']),
		options: [
			{ displayName: 'All Companies', name: 'allCompanies', type: 'boolean', default: false, description: 'Whether to read every company the user may see (cross-company) instead of the chosen Company' },
			{ displayName: 'Include Lines', name: 'includeLines', type: 'boolean', default: false, description: 'Whether each journal or invoice comes with its lines under Lines (one more request per document; Canonical output always reads them)' },
			{ displayName: 'Fields to Return', name: 'select', type: 'string', default: '', placeholder: 'CustomerAccount,OrganizationName', description: 'Comma-separated fields ($select); empty returns all' },
			{ displayName: 'Order By', name: 'orderBy', type: 'string', default: '', placeholder: 'CustomerAccount desc', description: 'A field, optionally followed by asc or desc ($orderby)' },
		],
	},
];

export const postAsToolNotice: INodeProperties = {
	displayName: 'An agent using this tool posts to the ledger, which cannot be undone (only reversed). Give the credential a user who may post only what the agent should, and have the agent confirm first.',
	name: 'postAsToolNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { operation: ['post'], '@tool': [true] } },
};

export const canonicalOutputProperties: INodeProperties[] = outputProperties(
	{ show: { resource: NAMES.filter((name) => (ENTITIES[name] as FinanceEntity).canonicalObject), operation: ['get', 'getMany'] } },
	'Hour and expense journals come out one canonical time entry or expense per line; free-text invoices and general journals with their lines.',
);

export const properties: INodeProperties[] = [
	resourceProperty,
	...NAMES.map(operationProperty),
	companyProperty,
	recordIdProperty,
	...upsertProperties,
	externalReferenceProperty,
	jsonBodyProperty,
	linesJsonProperty,
	lineJsonProperty,
	lineReferenceFieldProperty,
	postAfterCreateProperty,
	...getManyProperties,
	...canonicalOutputProperties,
	postAsToolNotice,
];
