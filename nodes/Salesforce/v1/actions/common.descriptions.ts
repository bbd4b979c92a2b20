/** Parameters several operations share: record id, field lists, record bodies, the external id field. */
import type { INodeProperties } from 'n8n-workflow';

import { mappedFieldsProperty, recordLocator } from '../../../shared/kit/descriptions';
import { SOQL_OPERATORS } from '../../helpers/soql';

/** A Salesforce id: 15 characters (case-sensitive) or 18 (with its case-safe suffix). */
export const SALESFORCE_ID_REGEX = '[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?';

/**
 * A record page URL: Lightning (`…/lightning/r/<Object>/<Id>/view`, also without the object) or Classic
 * (`https://<instance>/<Id>`). One capture group, the id, as n8n's extractValue wants.
 */
export const SALESFORCE_RECORD_URL_REGEX = `^https?://[^/]+/(?:lightning/r/(?:[A-Za-z0-9_]+/)?)?(${SALESFORCE_ID_REGEX})(?:[/?#].*)?$`;

/** The record an operation acts on: picked from a list (searched by name), pasted as a record URL, or an id. */
export const recordIdProperty: INodeProperties = recordLocator({
	description: 'The record to act on',
	urlRegex: SALESFORCE_RECORD_URL_REGEX,
	urlPlaceholder: 'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000000000AIAQ/view',
	urlError: 'Not a Salesforce record URL (Lightning or Classic)',
	idRegex: SALESFORCE_ID_REGEX,
	idPlaceholder: '006Dn000000000AIAQ',
	idError: 'Not a Salesforce ID (15 or 18 letters and digits)',
});

/**
 * Fields to return, picked from describe. Saved workflows may still hold the former comma-separated text;
 * the operations read both.
 */
export const fieldsProperty: INodeProperties = {
	displayName: 'Field Names or IDs',
	name: 'fields',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['resource'] },
	default: [],
	description:
		'Fields to return; none returns the standard fields. Relationship fields (Account.Name) can be given with an expression as a comma-separated list. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const externalIdFieldProperty: INodeProperties = {
	displayName: 'External ID Field',
	name: 'externalIdField',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A field marked "External ID" on the object; records are matched on its value',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchExternalIdFields', searchable: true },
		},
		{
			displayName: 'By API Name',
			name: 'name',
			type: 'string',
			placeholder: 'External_Id__c',
			validation: [{ type: 'regex', properties: { regex: '^[A-Za-z][A-Za-z0-9_]*$', errorMessage: 'Not a field API name' } }],
		},
	],
};

export const bodyProperties: INodeProperties[] = [
	{
		displayName: 'Fields To Send',
		name: 'bodyMode',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'define', description: 'Field name and value pairs' },
			{ name: 'JSON', value: 'json' },
			{
				name: 'Map Fields',
				value: 'mapper',
				description: "The object's fields from describe: required ones marked, picklists as options, input fields mapped by name",
			},
		],
		// The default stays "Define Below": n8n does not save default values, so a new default would change saved nodes.
		default: 'define',
	},
	{
		displayName: 'Fields',
		name: 'fieldsUi',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { bodyMode: ['define'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getWritableFields' },
						default: '',
						description:
							'API name of the field. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Empty clears the field',
					},
				],
			},
		],
	},
	{
		displayName: 'Fields (JSON)',
		name: 'bodyJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { bodyMode: ['json'] } },
		description: 'Object of field API names to values, e.g. {"StageName": "Closed Won", "Amount": 125000}',
	},
	mappedFieldsProperty({ bodyMode: ['mapper'] }, 'Fields left empty are not sent; use Define Below or JSON to clear a field'),

];

const OPERATOR_NAMES: Record<(typeof SOQL_OPERATORS)[number], string> = {
	equal: 'Equal',
	notEqual: 'Not Equal',
	lessThan: 'Less Than',
	greaterThan: 'Greater Than',
	lessOrEqual: 'Less or Equal',
	greaterOrEqual: 'Greater or Equal',
	like: 'Like (% and _ Wildcards)',
	contains: 'Contains',
	startsWith: 'Starts With',
	in: 'In List',
	notIn: 'Not In List',
	isNull: 'Is Empty',
	isNotNull: 'Is Not Empty',
};

export const conditionProperties: INodeProperties[] = [
	{
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'Filters for the SOQL WHERE clause; every value is escaped and typed by its field',
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getFields' },
						default: '',
						description:
							'Field API name (Account.Name for a related record). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: SOQL_OPERATORS.map((value) => ({ name: OPERATOR_NAMES[value], value })),
						default: 'equal',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'For In / Not In a comma-separated list. Ignored by Is Empty / Is Not Empty; empty with Equal means the field is empty.',
					},
					{
						displayName: 'Value Type',
						name: 'valueType',
						type: 'options',
						options: [
							{ name: 'Boolean', value: 'boolean' },
							{ name: 'Date', value: 'date' },
							{ name: 'Date and Time', value: 'dateTime' },
							{ name: 'From Field Type', value: 'auto' },
							{ name: 'ID', value: 'id' },
							{ name: 'Number', value: 'number' },
							{ name: 'Text', value: 'string' },
						],
						default: 'auto',
						description:
							'How the value is written into SOQL. "From Field Type" reads the type from describe; related fields (with a dot) count as text unless you pick a type.',
					},
				],
			},
		],
	},
	{
		displayName: 'Match',
		name: 'match',
		type: 'options',
		options: [
			{ name: 'All Conditions', value: 'all' },
			{ name: 'Any Condition', value: 'any' },
		],
		default: 'all',
	},
];


export const queryOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'queryOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 200, maxValue: 2000 },
			default: 2000,
			description: 'Records per page Salesforce should return (Sforce-Query-Options header, 200 to 2,000; a hint, not a guarantee)',
		},
	],
};

/** The batch size hint of a query operation's options, if set. */
export function batchSizeOf(options: { batchSize?: number } | undefined): number | undefined {
	const size = Number(options?.batchSize);
	return Number.isInteger(size) && size >= 200 && size <= 2000 ? size : undefined;
}

export { returnAllProperties } from '../../../shared/kit';
