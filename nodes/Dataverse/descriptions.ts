/**
 * Parameters every Dataverse node shares (authentication, fields and lookups to write, alternate keys, Get Many
 * conditions and options) and reading them: values become OData literals (escaped, typed), names are validated
 * as column names, lookups become `@odata.bind`. Used by Dynamics 365 Sales and Project Operations.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { InvalidInputError } from '../shared/kit';
import { jsonObjectParameter as kitJsonObjectParameter } from '../shared/kit/jsonParameter';
import { isGuid, odataStringLiteral } from '../shared/kit/odata';
import { odataBind } from './transport';
import type { DataverseKey, DataverseQuery, UpsertMode } from './transport';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Client Credentials (Application User)', value: 'clientCredentials' },
		{ name: 'OAuth2 (Licensed User)', value: 'oAuth2' },
	],
	default: 'clientCredentials',
};

export const dataverseCredentials: INodeTypeDescription['credentials'] = [
	{ name: 'p2cDataverseClientCredentialsApi', required: true, displayOptions: { show: { authentication: ['clientCredentials'] } } },
	{ name: 'p2cDataverseOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
];

const COLUMN = /^[a-z_][a-z0-9_]*$/;

/** A column (logical) name, lower-case as Dataverse names them; anything else is refused naming `field`. */
export function columnName(value: unknown, field: string): string {
	const name = String(value ?? '').trim();
	if (!COLUMN.test(name)) throw new InvalidInputError(field, `${field}: "${name}" is not a Dataverse column name (lower-case letters, digits, underscores) (field: ${field})`);
	return name;
}

export function columnList(value: unknown, field: string): string[] {
	const names = (Array.isArray(value) ? value : String(value ?? '').split(',')).map((v) => String(v).trim()).filter(Boolean);
	return names.map((name) => columnName(name, field));
}

/** The Fields (JSON) parameter as an object (JSON text or an object from an expression). */
export function jsonObjectParameter(context: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	return kitJsonObjectParameter(context, name, itemIndex, 'column names and values');
}

export const fieldsProperty = (operations: string[], example: string): INodeProperties => ({
	displayName: 'Fields (JSON)',
	name: 'jsonBody',
	type: 'json',
	default: '{}',
	placeholder: example,
	description: 'Columns by logical name. Money and decimals as JSON numbers, choices as their integer values, lookups under Lookups (or as "nav@odata.bind": "/set(ID)").',
	displayOptions: { show: { operation: operations } },
});

export const lookupsProperty = (operations: string[]): INodeProperties => ({
	displayName: 'Lookups',
	name: 'lookups',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Lookup',
	default: {},
	description: 'Related records to set, written as navigation property @odata.bind (navigation property names are case-sensitive)',
	displayOptions: { show: { operation: operations } },
	options: [
		{
			displayName: 'Lookup',
			name: 'lookup',
			values: [
				{ displayName: 'Navigation Property', name: 'navigationProperty', type: 'string', default: '', placeholder: 'parentcustomerid_account', description: 'The single-valued navigation property, e.g. parentaccountid, customerid_account' },
				{ displayName: 'Table (Entity Set)', name: 'entitySet', type: 'string', default: '', placeholder: 'accounts', description: 'The entity set of the related record' },
				{ displayName: 'Record ID', name: 'id', type: 'string', default: '', placeholder: '00000000-0000-0000-0000-000000000000', description: 'The related record\'s GUID' },
			],
		},
	],
});

/** Fields and lookups of a write, merged into one body. */
export function writeBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const body = jsonObjectParameter(context, 'jsonBody', itemIndex);
	const lookups = ((context.getNodeParameter('lookups', itemIndex, {}) as IDataObject).lookup ?? []) as IDataObject[];
	for (const lookup of lookups) {
		const nav = String(lookup.navigationProperty ?? '').trim();
		const set = String(lookup.entitySet ?? '').trim();
		const id = String(lookup.id ?? '').trim();
		if (!isGuid(id)) throw new InvalidInputError('lookups', `lookups: "${id}" for ${nav} is not a record GUID (field: lookups)`);
		Object.assign(body, odataBind(nav, set, id));
	}
	return body;
}

export const alternateKeyProperty = (operations: string[], placeholder: string, displayExtra: IDataObject = {}): INodeProperties => ({
	displayName: 'Alternate Key',
	name: 'keyParts',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Key Column',
	default: {},
	required: true,
	description: 'The alternate key defined on the table (one column, or every column of a composite key), e.g. accountnumber',
	displayOptions: { show: { operation: operations, ...displayExtra } },
	options: [
		{
			displayName: 'Key Column',
			name: 'part',
			values: [
				{ displayName: 'Column', name: 'column', type: 'string', default: '', placeholder },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

/** The alternate key given (`{accountnumber: 'A-1'}`); values stay text, the key predicate quotes them. */
export function alternateKeyOf(context: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const parts = ((context.getNodeParameter('keyParts', itemIndex, {}) as IDataObject).part ?? []) as IDataObject[];
	if (!parts.length) throw new InvalidInputError('keyParts', 'keyParts: give the alternate key column and value (field: keyParts)');
	const key: Record<string, string> = {};
	for (const part of parts) {
		const column = columnName(part.column, 'keyParts');
		const value = String(part.value ?? '');
		if (value === '') throw new InvalidInputError(column, `${column}: the alternate key value is empty (field: ${column})`);
		key[column] = value;
	}
	return key;
}

export const upsertModeProperty = (operations: string[]): INodeProperties => ({
	displayName: 'Mode',
	name: 'upsertMode',
	type: 'options',
	options: [
		{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)' },
		{ name: 'Create Only', value: 'createOnly', description: 'If-None-Match: * — an existing record with this key is an error, never overwritten' },
		{ name: 'Update Only', value: 'updateOnly', description: 'If-Match: * — a missing record is an error, never created' },
	],
	default: 'upsert',
	displayOptions: { show: { operation: operations } },
});

export function upsertModeOf(context: IExecuteFunctions, itemIndex: number): UpsertMode {
	const mode = context.getNodeParameter('upsertMode', itemIndex, 'upsert') as string;
	return mode === 'createOnly' || mode === 'updateOnly' ? mode : 'upsert';
}

/** `{column: value}` key or the GUID, for operations that take either. */
export type KeyInput = DataverseKey;

// ---------------------------------------------------------------------------------------------------------
// Get Many: conditions and options

export type ConditionOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'contains' | 'startswith' | 'endswith' | 'null' | 'notNull';

/**
 * Get Many conditions. With `columnsMethod` (a loadOptions method listing the table's columns, e.g. the shared
 * `getColumns`), the column is picked from the table's definition; otherwise it is typed.
 */
export const conditionsProperty = (operations: string[], columnsMethod?: string): INodeProperties => ({
	displayName: 'Conditions',
	name: 'conditions',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Condition',
	default: {},
	description: 'Rows must meet every condition ($filter, each value escaped and typed)',
	displayOptions: { show: { operation: operations } },
	options: [
		{
			displayName: 'Condition',
			name: 'condition',
			values: [
				columnsMethod
					? {
							displayName: 'Column Name or ID',
							name: 'column',
							type: 'options',
							typeOptions: { loadOptionsMethod: columnsMethod, loadOptionsDependsOn: ['resource'] },
							default: '',
							description: 'The column, from the table\'s definition (lookups as _x_value). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						}
					: { displayName: 'Column', name: 'column', type: 'string', default: '', placeholder: 'statecode', description: 'Logical column name; lookups as _x_value' },
				{
					displayName: 'Operator',
					name: 'operator',
					type: 'options',
					options: [
						{ name: 'Contains', value: 'contains' },
						{ name: 'Ends With', value: 'endswith' },
						{ name: 'Equals', value: 'eq' },
						{ name: 'Greater Than', value: 'gt' },
						{ name: 'Greater Than or Equal', value: 'ge' },
						{ name: 'Is Empty', value: 'null' },
						{ name: 'Is Not Empty', value: 'notNull' },
						{ name: 'Less Than', value: 'lt' },
						{ name: 'Less Than or Equal', value: 'le' },
						{ name: 'Not Equals', value: 'ne' },
						{ name: 'Starts With', value: 'startswith' },
					],
					default: 'eq',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				{
					displayName: 'Value Type',
					name: 'valueType',
					type: 'options',
					options: [
						{ name: 'Automatic', value: 'auto', description: 'GUIDs, numbers, true/false and ISO dates as such; anything else as text' },
						{ name: 'Text', value: 'string' },
					],
					default: 'auto',
				},
			],
		},
	],
});

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A condition value as an OData literal: text is always quoted with quotes doubled. */
export function odataLiteral(value: string, type: 'auto' | 'string' = 'auto'): string {
	if (type === 'string') return odataStringLiteral(value);
	const text = value.trim();
	if (isGuid(text)) return text.toLowerCase();
	if (/^-?\d+(\.\d+)?$/.test(text)) return text;
	if (text === 'true' || text === 'false') return text;
	if (ISO_DATE_TIME.test(text)) return text;
	return odataStringLiteral(value);
}

export function conditionFilter(condition: IDataObject, field = 'conditions'): string {
	const column = columnName(condition.column, field);
	const operator = String(condition.operator ?? 'eq') as ConditionOperator;
	const value = String(condition.value ?? '');
	switch (operator) {
		case 'null':
			return `${column} eq null`;
		case 'notNull':
			return `${column} ne null`;
		case 'contains':
		case 'startswith':
		case 'endswith':
			return `${operator}(${column},${odataStringLiteral(value)})`;
		case 'eq':
		case 'ne':
		case 'gt':
		case 'ge':
		case 'lt':
		case 'le':
			return `${column} ${operator} ${odataLiteral(value, condition.valueType === 'string' ? 'string' : 'auto')}`;
		default:
			throw new InvalidInputError(field, `${field}: unknown operator "${String(operator)}" (field: ${field})`);
	}
}

const SELECT_OPTION: INodeProperties = { displayName: 'Columns', name: 'select', type: 'string', default: '', placeholder: 'name,accountnumber,modifiedon', description: 'Columns to return ($select), comma-separated; all when empty' };
const EXPAND_OPTION: INodeProperties = { displayName: 'Expand', name: 'expand', type: 'string', default: '', placeholder: 'primarycontactid($select=fullname)', description: 'Related records to include ($expand), as Dataverse writes it' };
const FORMATTED_OPTION: INodeProperties = { displayName: 'Formatted Values', name: 'formattedValues', type: 'boolean', default: false, description: 'Whether to add the labels of choices, lookups and money as @OData.Community.Display.V1.FormattedValue annotations' };

/** Read options: columns, expand and formatted values; Get Many adds an extra filter and the sort. */
export const queryOptionsProperty = (operations: string[], many: boolean): INodeProperties => ({
	displayName: 'Options',
	name: 'queryOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { operation: operations } },
	options: many
		? [
				SELECT_OPTION,
				EXPAND_OPTION,
				{ displayName: 'Filter (OData)', name: 'filter', type: 'string', default: '', placeholder: 'revenue gt 100000', description: 'An extra $filter, ANDed with the conditions. Quote text values and double single quotes inside them.' },
				FORMATTED_OPTION,
				{ displayName: 'Order By', name: 'orderby', type: 'string', default: '', placeholder: 'modifiedon desc', description: 'Sort ($orderby): column asc|desc, comma-separated' },
			]
		: [SELECT_OPTION, EXPAND_OPTION, FORMATTED_OPTION],
});

const ORDER_BY = /^[a-z_][a-z0-9_]*( (asc|desc))?(,\s*[a-z_][a-z0-9_]*( (asc|desc))?)*$/;
const EXPAND = /^[A-Za-z_][A-Za-z0-9_]*(\([^()]*(\([^()]*\)[^()]*)*\))?(,[A-Za-z_][A-Za-z0-9_]*(\([^()]*(\([^()]*\)[^()]*)*\))?)*$/;

/** The query of a Get / Get Many from its conditions and options. */
export function readQuery(context: IExecuteFunctions, itemIndex: number, withConditions: boolean): { query: DataverseQuery; formattedValues: boolean } {
	const options = context.getNodeParameter('queryOptions', itemIndex, {}) as IDataObject;
	const query: DataverseQuery = {};
	if (options.select) query.select = columnList(options.select, 'select');
	if (options.expand) {
		const expand = String(options.expand).replace(/\s+/g, '');
		if (!EXPAND.test(expand)) throw new InvalidInputError('expand', `expand: "${String(options.expand)}" is not an $expand such as primarycontactid($select=fullname) (field: expand)`);
		query.expand = expand;
	}
	if (withConditions) {
		const conditions = ((context.getNodeParameter('conditions', itemIndex, {}) as IDataObject).condition ?? []) as IDataObject[];
		const filters = conditions.map((condition) => conditionFilter(condition));
		if (options.filter) filters.push(`(${String(options.filter)})`);
		if (filters.length) query.filter = filters.join(' and ');
		if (options.orderby) {
			const orderby = String(options.orderby).trim();
			if (!ORDER_BY.test(orderby)) throw new InvalidInputError('orderby', `orderby: "${orderby}" is not column asc|desc, comma-separated (field: orderby)`);
			query.orderby = orderby;
		}
	}
	return { query, formattedValues: options.formattedValues === true };
}
