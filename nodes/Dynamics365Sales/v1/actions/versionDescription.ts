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
import { TABLES } from '../../helpers/tables';
import type { SalesOperation, SalesTable, SalesTableName } from '../../helpers/tables';

const OPERATION_LABELS: Record<SalesOperation, OperationLabel> = {
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

function describe(table: { label: string; plural: string }, operation: SalesOperation): string | undefined {
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
			return undefined;
	}
}

const recordIdProperty: INodeProperties = {
	...dataverseRecordLocator('The Dataverse record', 'account'),
	displayOptions: { show: { operation: ['update', 'delete', 'win', 'lose'] } },
};

const getRecordIdProperty: INodeProperties = { ...recordIdProperty, displayOptions: { show: { operation: ['get'], getBy: ['id'] } } };

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

const deleteNotice = destructiveToolNotice(
	'An agent using this tool can delete Dataverse records for good. Give the credential a security role that may delete only what the agent should, and have the agent confirm before it deletes.',
	['delete'],
);

const CANONICAL_TABLES = (Object.keys(TABLES) as SalesTableName[]).filter((name) => (TABLES[name] as SalesTable).canonicalObject);

/** Version 1's parameters, in the order the editor shows them. */
export const properties: INodeProperties[] = [
	authenticationProperty,
	resourcePickerProperty<SalesTableName>(TABLES, 'opportunity'),
	...tableOperationProperties<SalesTableName, SalesOperation>(TABLES, OPERATION_LABELS, (_name, table, operation) => describe(table, operation)),
	getByProperty('accountnumber'),
	getRecordIdProperty,
	recordIdProperty,
	alternateKeyProperty(['get'], 'accountnumber', { getBy: ['alternateKey'] }),
	alternateKeyProperty(['upsert', 'batchUpsert'], 'accountnumber'),
	upsertModeProperty(['upsert', 'batchUpsert']),
	batchNotice(['batchCreate', 'batchUpsert']),
	fieldsProperty(['create', 'update', 'upsert', 'batchCreate', 'batchUpsert'], '{"name": "Contoso", "accountnumber": "ACC-1001"}'),
	lookupsProperty(['create', 'update', 'upsert', 'batchCreate', 'batchUpsert']),
	etagProperty(['update', 'delete']),
	returnRecordProperty(['create', 'update', 'upsert'], 'Whether to return the written record (Prefer: return=representation) rather than only its ID'),
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
