/** The operations of every Oracle Fusion resource, generated from the resource table; one implementation per operation. */
import type { INodeProperties } from 'n8n-workflow';

import { outputProperties } from '../../../../shared/canonicalOutput';
import { operationPickerProperty, recordLocator, returnAllProperties } from '../../../../shared/kit';
import type { OperationLabel } from '../../../../shared/kit';
import { RESOURCES, resourcesWith } from '../../../helpers/resources';
import type { OracleOperation, OracleResource, OracleResourceName } from '../../../helpers/resources';

const OPERATION_LABELS: Record<OracleOperation, OperationLabel> = {
	batch: { name: 'Batch', verb: 'Batch write', many: true },
	create: { name: 'Create', verb: 'Create' },
	delete: { name: 'Delete', verb: 'Delete' },
	get: { name: 'Get', verb: 'Get' },
	getImportStatus: { name: 'Get Import Status', verb: 'Get the import status of' },
	getMany: { name: 'Get Many', verb: 'Get many', many: true },
	importCost: { name: 'Import (Skip If Already Imported)', verb: 'Import' },
	importJournals: { name: 'Import Journals', verb: 'Import', many: true },
	update: { name: 'Update', verb: 'Update' },
	upsert: { name: 'Create or Update', verb: 'Create or update' },
};

function describeOperation(resource: OracleResource, operation: OracleOperation): string | undefined {
	switch (operation) {
		case 'upsert':
			return `Create a ${resource.singular}, or update the one Oracle matches by its keys (Upsert-Mode); safe to resend`;
		case 'batch':
			return `Write many ${resource.plural} in Oracle batch requests; a part Oracle refuses fails alone on its item and the others are sent again`;
		case 'importCost':
			return 'Create the cost unless one with the same transaction source, document and original transaction reference is already in Oracle (unprocessed or processed)';
		case 'importJournals':
			return 'Load the items\' journals into the GL interface through the ERP integration service (importBulkData) and run Journal Import; optionally wait and report each line\'s errors on its item';
		case 'getImportStatus':
			return 'Read an ESS request\'s status and, when it failed, the per-line errors of its execution report';
		case 'delete':
			return `Delete a ${resource.singular} for good`;
		default:
			return undefined;
	}
}

export function operationProperty(name: OracleResourceName): INodeProperties {
	const resource = RESOURCES[name] as OracleResource;
	return operationPickerProperty({
		resource: name,
		operations: resource.operations,
		labels: OPERATION_LABELS,
		target: { one: `a ${resource.singular}`, many: resource.plural },
		describe: (operation) => describeOperation(resource, operation),
	});
}

export function showFor(operations: OracleOperation[], only?: OracleResourceName[]) {
	const resources = only ?? [...new Set(operations.flatMap((operation) => resourcesWith(operation)))];
	return { show: { resource: resources, operation: operations } };
}

/** An Oracle REST item URL (`…/fscmRestApi/resources/11.13.18.05/projects/300000001`, child paths too); the capture is the key. */
export const ORACLE_RECORD_URL_REGEX = '^https?://[^/]+/(?:fscm|hcm|crm)RestApi/resources/[^/]+/(?:[A-Za-z]+/[^/?#]+/child/)?[A-Za-z]+/([^/?#]+)/?(?:[?#].*)?$';

export const recordIdProperty: INodeProperties = {
	...recordLocator({
		description: 'The Oracle record: its key (a number, or for composite keys the hash in its self link)',
		urlRegex: ORACLE_RECORD_URL_REGEX,
		urlPlaceholder: 'https://abcd.fa.us2.oraclecloud.com/fscmRestApi/resources/11.13.18.05/projects/300000001',
		urlError: 'Not an Oracle REST item URL (…/fscmRestApi/resources/11.13.18.05/<resource>/<key>)',
		idRegex: '[A-Za-z0-9_.\\-]+',
		idPlaceholder: '300000001',
		idError: 'An Oracle key has letters, digits, dots, dashes and underscores only',
	}),
	displayOptions: showFor(['get', 'update', 'delete']),
};

const JSON_DESCRIPTIONS: Partial<Record<OracleResourceName, string>> = {
	unprocessedProjectCost:
		'The cost as Oracle names its attributes, e.g. {"TransactionSource": "PSA Labor", "Document": "Time", "DocumentEntry": "Professional", "BusinessUnit": "US1 Business Unit", "ProjectNumber": "PRJ-1001", "TaskNumber": "1.1", "ExpenditureType": "Professional Labor", "ExpenditureItemDate": "2026-01-13", "ExpenditureOrganization": "Consulting US", "PersonNumber": "EMP-0002", "Quantity": 7.5, "UnitOfMeasure": "Hours", "OriginalTransactionReference": "PSA-TE-1001"}',
	projectBillingEvent: 'E.g. {"ContractNumber": "CON-1001", "ContractLineNumber": "1", "EventTypeName": "Milestone", "ProjectNumber": "PRJ-1001", "TaskNumber": "4", "BillTrnsAmount": 25000, "BillTrnsCurrencyCode": "USD", "CompletionDate": "2026-06-30", "EventDescription": "Go-live sign-off"}',
};

export const jsonBodyProperties: INodeProperties[] = (Object.keys(RESOURCES) as OracleResourceName[])
	.filter((name) => (RESOURCES[name] as OracleResource).operations.some((op) => ['create', 'update', 'upsert', 'batch', 'importCost'].includes(op)))
	.map((name) => ({
		displayName: 'Fields (JSON)',
		name: 'jsonBody',
		type: 'json' as const,
		default: '{}',
		required: true,
		description: JSON_DESCRIPTIONS[name] ?? 'The record\'s attributes as Oracle names them. Amounts are JSON numbers with the currency\'s decimals; dates YYYY-MM-DD.',
		displayOptions: { show: { resource: [name], operation: ['create', 'update', 'upsert', 'batch', 'importCost'] } },
	}));

export const parentIdProperty: INodeProperties = {
	displayName: 'Project ID',
	name: 'parentId',
	type: 'string',
	default: '',
	required: true,
	description: 'The ProjectId of the project the tasks belong to',
	displayOptions: { show: { resource: ['projectTask'] } },
};

export const batchProperties: INodeProperties[] = [
	{
		displayName: 'Batch Operation',
		name: 'batchOperation',
		type: 'options',
		options: [
			{ name: 'Create', value: 'create' },
			{ name: 'Create or Update', value: 'upsert' },
			{ name: 'Update', value: 'update' },
			{ name: 'Delete', value: 'delete' },
		],
		default: 'create',
		description: 'What each item\'s part does',
		displayOptions: showFor(['batch']),
	},
	{
		displayName: 'Record Key',
		name: 'batchRecordId',
		type: 'string',
		default: '',
		required: true,
		description: 'The key of the record each part updates or deletes (usually an expression)',
		displayOptions: { show: { operation: ['batch'], batchOperation: ['update', 'delete'] } },
	},
	{
		displayName: 'Parts Per Request',
		name: 'partsPerRequest',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 500 },
		default: 100,
		description: 'Oracle sets no limit on parts, but a long batch can time out; smaller requests keep each one short',
		displayOptions: showFor(['batch']),
	},
];

export const updateProperties: INodeProperties[] = [
	{
		displayName: 'Concurrency Check',
		name: 'concurrency',
		type: 'options',
		options: [
			{ name: 'None (Last Writer Wins)', value: 'none' },
			{ name: 'Read the ETag First', value: 'read', description: 'GET the record and send its ETag as If-Match, so a change made in between is refused (412)' },
			{ name: 'Given ETag', value: 'given', description: 'Send the ETag below as If-Match' },
		],
		default: 'none',
		displayOptions: showFor(['update']),
	},
	{
		displayName: 'ETag',
		name: 'etag',
		type: 'string',
		default: '',
		required: true,
		description: 'The ETag of the version you read; Oracle refuses the update with 412 if the record changed since',
		displayOptions: { show: { operation: ['update'], concurrency: ['given'] } },
	},
];

/** Option values are words: n8n reads a parameter value that starts with "=" as an expression. */
const OPERATORS = [
	{ name: '=', value: 'eq' },
	{ name: '!=', value: 'ne' },
	{ name: '<', value: 'lt' },
	{ name: '<=', value: 'le' },
	{ name: '>', value: 'gt' },
	{ name: '>=', value: 'ge' },
	{ name: 'LIKE', value: 'like' },
	{ name: 'Is Null', value: 'isNull' },
	{ name: 'Is Not Null', value: 'isNotNull' },
];

export const listProperties: INodeProperties[] = [
	...returnAllProperties.map((p) => ({ ...p, displayOptions: { show: { ...(p.displayOptions?.show ?? {}), operation: ['getMany'] } } })),
	{
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'Joined with "and" into a q expression; every value is quoted and escaped',
		displayOptions: showFor(['getMany']),
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Attribute Name or ID',
						name: 'attribute',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getAttributes', loadOptionsDependsOn: ['resource'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{ displayName: 'Operator', name: 'operator', type: 'options', options: OPERATORS, default: 'eq' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'For LIKE, % matches any text' },
				],
			},
		],
	},
	{
		displayName: 'Finder',
		name: 'finder',
		type: 'fixedCollection',
		placeholder: 'Add Finder',
		default: {},
		description: 'A finder the resource defines (e.g. PrimaryKey) with its variables',
		displayOptions: showFor(['getMany']),
		options: [
			{
				displayName: 'Finder',
				name: 'finder',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'PrimaryKey' },
					{
						displayName: 'Variables',
						name: 'variables',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						default: {},
						options: [
							{
								displayName: 'Variable',
								name: 'variable',
								values: [
									{ displayName: 'Name', name: 'name', type: 'string', default: '' },
									{ displayName: 'Value', name: 'value', type: 'string', default: '' },
								],
							},
						],
					},
				],
			},
		],
	},
];

export const readOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'readOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: showFor(['get', 'getMany']),
	options: [
		{
			displayName: 'Expand',
			name: 'expand',
			type: 'string',
			default: '',
			placeholder: 'Tasks',
			description: 'Child collections to read along (comma-separated, e.g. Tasks or receivablesInvoiceLines), or all',
		},
		{
			displayName: 'Fields Names or IDs',
			name: 'fields',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getAttributes', loadOptionsDependsOn: ['resource'] },
			default: [],
			description: 'Only these attributes (from the resource\'s describe metadata). Cannot be combined with Expand. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{ displayName: 'Only Data', name: 'onlyData', type: 'boolean', default: true, description: 'Whether to leave out the links Oracle adds to every record' },
		{ displayName: 'Order By', name: 'orderBy', type: 'string', default: '', placeholder: 'CreationDate:desc', description: 'Attribute:asc or Attribute:desc, comma-separated' },
		{
			displayName: 'Query (Q)',
			name: 'query',
			type: 'string',
			default: '',
			placeholder: "ProjectStatus = 'ACTIVE' and StartDate > '2026-01-01'",
			description: 'Your own q expression (framework version 2+ syntax), joined with the conditions by "and". It is sent as written, so quote its values yourself.',
		},
	],
};

export const journalProperties: INodeProperties[] = [
	{
		displayName: 'Journal',
		name: 'journal',
		type: 'json',
		default: '={{ $json }}',
		required: true,
		description:
			'A canonical journal entry: number (the journal name, e.g. REV-OPP-1-2026-01), date, currency, memo and lines, each with a lineId, an account whose ID is the segment values joined by "." (e.g. 101.10.41000.000), and a debit or a credit as money {"amount": "1000.00", "currency": "USD"}. Debits must equal credits.',
		displayOptions: showFor(['importJournals']),
	},
	{ displayName: 'Ledger ID', name: 'ledgerId', type: 'string', default: '', required: true, description: 'LEDGER_ID of the GL interface lines', displayOptions: showFor(['importJournals']) },
	{ displayName: 'Data Access Set ID', name: 'dataAccessSetId', type: 'string', default: '', required: true, description: 'The data access set Journal Import runs under', displayOptions: showFor(['importJournals']) },
	{ displayName: 'Journal Source', name: 'journalSource', type: 'string', default: 'Spreadsheet', required: true, description: 'USER_JE_SOURCE_NAME, e.g. Spreadsheet or a source defined for the integration', displayOptions: showFor(['importJournals']) },
	{ displayName: 'Journal Category', name: 'journalCategory', type: 'string', default: 'Adjustment', required: true, description: 'USER_JE_CATEGORY_NAME', displayOptions: showFor(['importJournals']) },
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description: 'Whether to poll the ESS request until it ends and put each journal\'s line errors on its item',
		displayOptions: showFor(['importJournals']),
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		displayOptions: { show: { operation: ['importJournals', 'getImportStatus'], waitForCompletion: [true] } },
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 900,
		description: 'How long to wait before giving up (the import keeps running in Oracle; read it later with Get Import Status)',
		displayOptions: { show: { operation: ['importJournals', 'getImportStatus'], waitForCompletion: [true] } },
	},
	{ displayName: 'Request ID', name: 'requestId', type: 'string', default: '', required: true, description: 'The ESS request ID importBulkData returned (ReqstId)', displayOptions: showFor(['getImportStatus']) },
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description: 'Whether to poll until the request ends',
		displayOptions: showFor(['getImportStatus']),
	},
];

export const CANONICAL_RESOURCES = (Object.keys(RESOURCES) as OracleResourceName[]).filter((name) => (RESOURCES[name] as OracleResource).canonicalObject);

export const recordProperties: INodeProperties[] = [
	...(Object.keys(RESOURCES) as OracleResourceName[]).map(operationProperty),
	parentIdProperty,
	recordIdProperty,
	...jsonBodyProperties,
	...batchProperties,
	...updateProperties,
	...listProperties,
	readOptionsProperty,
	...journalProperties,
	...outputProperties(
		{ show: { resource: CANONICAL_RESOURCES, operation: ['get', 'getMany'] } },
		'A project comes with its tasks as the WBS, an invoice with its lines, an expense report with its expenses. Amounts are read as exact decimals.',
	),
];
