import type { INodeProperties } from 'n8n-workflow';

import { outputProperties } from '../../../shared/canonicalOutput';
import { recordLocator, returnAllProperties } from '../../../shared/kit';
import {
	alternateKeyProperty,
	authenticationProperty,
	conditionsProperty,
	fieldsProperty,
	lookupsProperty,
	queryOptionsProperty,
	upsertModeProperty,
} from '../../../Dataverse/descriptions';
import { DATAVERSE_RECORD_URL_REGEX, GUID_REGEX } from '../../../Dataverse/methods/listSearch';
import { TABLES } from '../../helpers/tables';
import type { SalesOperation, SalesTable, SalesTableName } from '../../helpers/tables';

const OPERATION_LABELS: Record<SalesOperation, { name: string; verb: string; many?: boolean }> = {
	batchCreate: { name: 'Batch Create', verb: 'Batch create', many: true },
	batchUpsert: { name: 'Batch Create or Update', verb: 'Batch create or update', many: true },
	create: { name: 'Create', verb: 'Create' },
	delete: { name: 'Delete', verb: 'Delete' },
	get: { name: 'Get', verb: 'Get' },
	getMany: { name: 'Get Many', verb: 'Get many', many: true },
	lose: { name: 'Lose', verb: 'Lose' },
	update: { name: 'Update', verb: 'Update' },
	upsert: { name: 'Create or Update', verb: 'Create or update' },
	win: { name: 'Win', verb: 'Win' },
};

function article(word: string): string {
	return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function describe(table: SalesTable, operation: SalesOperation): string {
	const one = table.label.toLowerCase();
	switch (operation) {
		case 'upsert':
			return `Create ${article(one)} ${one} or update the one with the same alternate key (PATCH by key); a retry never makes a second one`;
		case 'batchCreate':
			return `Create many ${table.plural} through $batch, up to 1,000 per request, each in its own changeset so one bad record never rolls back the others`;
		case 'batchUpsert':
			return `Create or update many ${table.plural} by alternate key through $batch, each in its own changeset`;
		case 'delete':
			return `Delete ${article(one)} ${one} for good`;
		case 'update':
			return `Update ${article(one)} ${one}; with an ETag, a record changed since it was read is refused as stale`;
		case 'win':
			return 'Close the opportunity as won (WinOpportunity): creates the opportunity close and sets Won';
		case 'lose':
			return 'Close the opportunity as lost (LoseOpportunity): creates the opportunity close and sets Canceled or Out-Sold';
		default:
			return `${OPERATION_LABELS[operation].verb} ${OPERATION_LABELS[operation].many ? table.plural : `${article(one)} ${one}`}`;
	}
}

function operationProperty(name: SalesTableName): INodeProperties {
	const table = TABLES[name] as SalesTable;
	const operations = [...table.operations].sort((a, b) => OPERATION_LABELS[a].name.localeCompare(OPERATION_LABELS[b].name));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'get',
		displayOptions: { show: { resource: [name] } },
		options: operations.map((operation) => ({
			name: OPERATION_LABELS[operation].name,
			value: operation,
			description: describe(table, operation),
			action: `${OPERATION_LABELS[operation].verb} ${OPERATION_LABELS[operation].many ? table.plural : `${article(table.label)} ${table.label.toLowerCase()}`}`,
		})),
	};
}

function show(operations: SalesOperation[], resources?: SalesTableName[]) {
	return { show: { operation: operations, ...(resources ? { resource: resources } : {}) } };
}

const recordIdProperty: INodeProperties = {
	...recordLocator({
		description: 'The Dataverse record',
		urlRegex: DATAVERSE_RECORD_URL_REGEX,
		urlPlaceholder: 'https://contoso.crm.dynamics.com/main.aspx?etn=account&id=00000000-0000-0000-0000-000000000000&pagetype=entityrecord',
		urlError: 'Not a Dataverse record URL (…/main.aspx?etn=…&id=<GUID>)',
		idRegex: GUID_REGEX,
		idPlaceholder: '00000000-0000-0000-0000-000000000000',
		idError: 'A Dataverse record ID is a GUID',
	}),
	displayOptions: { show: { operation: ['update', 'delete', 'win', 'lose'] } },
};

const getByProperty: INodeProperties = {
	displayName: 'Get By',
	name: 'getBy',
	type: 'options',
	options: [
		{ name: 'Record', value: 'id', description: 'Picked from a list, by URL or by ID' },
		{ name: 'Alternate Key', value: 'alternateKey', description: 'A key defined on the table, e.g. accountnumber' },
	],
	default: 'id',
	displayOptions: show(['get']),
};

const getRecordIdProperty: INodeProperties = { ...recordIdProperty, displayOptions: { show: { operation: ['get'], getBy: ['id'] } } };

const etagProperty: INodeProperties = {
	displayName: 'ETag',
	name: 'etag',
	type: 'string',
	default: '',
	placeholder: 'W/"1234567"',
	description: 'The @odata.etag of the record as it was read. When given, the change is applied only if nobody changed the record since; otherwise it is refused as stale.',
	displayOptions: show(['update', 'delete']),
};

const returnRecordProperty: INodeProperties = {
	displayName: 'Return Record',
	name: 'returnRecord',
	type: 'boolean',
	default: true,
	description: 'Whether to return the written record (Prefer: return=representation) rather than only its ID',
	displayOptions: show(['create', 'update', 'upsert']),
};

const closeProperties: INodeProperties[] = [
	{
		displayName: 'Lose Reason',
		name: 'loseStatus',
		type: 'options',
		options: [
			{ name: 'Canceled', value: 'canceled' },
			{ name: 'Out-Sold', value: 'outSold' },
		],
		default: 'outSold',
		displayOptions: show(['lose'], ['opportunity']),
	},
	{
		displayName: 'Close Details',
		name: 'closeDetails',
		type: 'collection',
		placeholder: 'Add Detail',
		default: {},
		displayOptions: show(['win', 'lose'], ['opportunity']),
		options: [
			{ displayName: 'Actual Close Date', name: 'actualend', type: 'string', default: '', placeholder: '2026-11-12', description: 'The close date (YYYY-MM-DD); today when empty' },
			{ displayName: 'Actual Revenue', name: 'actualrevenue', type: 'string', default: '', placeholder: '45000.00', description: 'Exact decimal amount in the opportunity\'s currency' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: 'Subject of the opportunity close; "Won" or "Lost" when empty' },
		],
	},
];

const batchOnlyNotice: INodeProperties = {
	displayName: 'Every input item becomes one request of a $batch (1,000 per batch), each in its own changeset, so one bad record fails alone; its error names the field Dataverse named.',
	name: 'batchNotice',
	type: 'notice',
	default: '',
	displayOptions: show(['batchCreate', 'batchUpsert']),
};

export const deleteNotice: INodeProperties = {
	displayName: 'An agent using this tool can delete Dataverse records for good. Give the credential a security role that may delete only what the agent should, and have the agent confirm before it deletes.',
	name: 'deleteAsToolNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { operation: ['delete'], '@tool': [true] } },
};

const CANONICAL_TABLES = (Object.keys(TABLES) as SalesTableName[]).filter((name) => (TABLES[name] as SalesTable).canonicalObject);

/** Version 1's parameters, in the order the editor shows them. */
export const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: (Object.keys(TABLES) as SalesTableName[]).map((name) => ({ name: TABLES[name].label, value: name })).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'opportunity',
	},
	...(Object.keys(TABLES) as SalesTableName[]).map(operationProperty),
	getByProperty,
	getRecordIdProperty,
	recordIdProperty,
	alternateKeyProperty(['get'], 'accountnumber', { getBy: ['alternateKey'] }),
	alternateKeyProperty(['upsert', 'batchUpsert'], 'accountnumber'),
	upsertModeProperty(['upsert', 'batchUpsert']),
	batchOnlyNotice,
	fieldsProperty(['create', 'update', 'upsert', 'batchCreate', 'batchUpsert'], '{"name": "Contoso", "accountnumber": "ACC-1001"}'),
	lookupsProperty(['create', 'update', 'upsert', 'batchCreate', 'batchUpsert']),
	etagProperty,
	returnRecordProperty,
	...closeProperties,
	...returnAllProperties.map((p) => ({ ...p, displayOptions: { show: { ...(p.displayOptions?.show ?? {}), operation: ['getMany'] } } })),
	conditionsProperty(['getMany'], 'getColumns'),
	queryOptionsProperty(['get'], false),
	queryOptionsProperty(['getMany'], true),
	...outputProperties(
		{ show: { resource: CANONICAL_TABLES, operation: ['get', 'getMany'] } },
		'An opportunity comes with its products as contract lines; money is read from Dataverse decimals exactly in the record\'s currency (transactioncurrencyid is expanded for it).',
	),
	deleteNotice,
];
