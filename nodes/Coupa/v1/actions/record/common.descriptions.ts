import type { INodeProperties } from 'n8n-workflow';

import { outputProperties } from '../../../../shared/canonicalOutput';
import { recordLocator, returnAllProperties } from '../../../../shared/kit';
import { ERP_NUMBER_FIELD } from '../../../canonical';
import { FILTER_OPERATORS } from '../../../transport';
import { canonicalResources, resourcesWith } from '../../../helpers/resources';
import type { CoupaOperation } from '../../../helpers/resources';

export function showFor(operation: CoupaOperation) {
	return { show: { resource: resourcesWith(operation), operation: [operation] } };
}

/** A Coupa record page or API URL (`…/invoices/42`, `…/api/purchase_orders/17`); the capture is the id. */
export const COUPA_RECORD_URL_REGEX = '^https?://[^/]+/(?:api/)?[a-z_]+/(\\d+)(?:[/?#].*)?$';

export const recordIdProperty: INodeProperties = {
	...recordLocator({
		description: 'The Coupa record',
		urlRegex: COUPA_RECORD_URL_REGEX,
		urlPlaceholder: 'https://mycompany.coupahost.com/invoices/42',
		urlError: 'Not a Coupa record URL (…/invoices/42)',
		idRegex: '\\d+',
		idPlaceholder: '42',
		idError: 'A Coupa ID is a number',
	}),
	displayOptions: { show: { operation: ['get', 'update', 'markExported'] } },
};

export const invoiceIdProperty: INodeProperties = {
	displayName: 'Invoice ID',
	name: 'invoiceId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '42',
	description: 'The Coupa ID of the invoice whose lines to read',
	displayOptions: { show: { resource: ['invoiceLine'], operation: ['getMany'] } },
};

export const jsonBodyProperty: INodeProperties = {
	displayName: 'Fields (JSON)',
	name: 'jsonBody',
	type: 'json',
	default: '{}',
	required: true,
	description:
		'The record\'s attributes as Coupa\'s JSON names them (dashed), e.g. {"invoice-number": "INV-1", "invoice-date": "2026-05-31", "currency": {"code": "USD"}}; references as objects holding the Coupa ID. Money as decimal text.',
	displayOptions: { show: { operation: ['create', 'update'] } },
};

const OPERATOR_OPTIONS = [
	{ name: 'Equals', value: 'eq' },
	...FILTER_OPERATORS.map((operator) => ({ name: operator.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()), value: operator })),
];

export const filterProperties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { operation: ['getMany'] }, hide: { resource: ['invoiceLine'] } },
		options: [
			{ displayName: 'Status', name: 'status', type: 'string', default: '', placeholder: 'approved', description: 'Only records in this Coupa status (e.g. approved, issued)' },
			{
				displayName: 'Exported',
				name: 'exported',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Exported', value: 'true' },
					{ name: 'Not Exported', value: 'false' },
				],
				default: 'any',
				description: 'Whether to return only records already marked as exported to the ERP, or only those not yet marked',
			},
			{ displayName: 'Updated Since', name: 'updatedSince', type: 'dateTime', default: '', description: 'Only records changed at or after this time (updated-at[gt_or_eq])' },
		],
	},
	{
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'Coupa filters as attribute[operator]=value, e.g. supplier[name] contains Northwind; values are sent as values only',
		displayOptions: { show: { operation: ['getMany'] }, hide: { resource: ['invoiceLine'] } },
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{ displayName: 'Attribute', name: 'attribute', type: 'string', default: '', placeholder: 'supplier[name]', description: 'Attribute name (dashes or underscores), nested as parent[child]' },
					{ displayName: 'Operator', name: 'operator', type: 'options', options: OPERATOR_OPTIONS, default: 'eq' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'For In / Not In, values separated by commas' },
				],
			},
		],
	},
	{ ...returnAllProperties[0], displayOptions: { show: { operation: ['getMany'] } } },
	{ ...returnAllProperties[1], displayOptions: { show: { operation: ['getMany'], returnAll: [false] } } },
];

export const readOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'readOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { operation: ['get', 'getMany'] } },
	options: [
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'string',
			default: '',
			placeholder: '["invoice-number",{"invoice-lines":["total"]}]',
			description: 'Only these attributes (Coupa\'s fields parameter), to keep answers small; Canonical output needs the attributes its mapping reads',
		},
		{
			displayName: 'Return Object',
			name: 'returnObject',
			type: 'options',
			options: [
				{ name: 'Full', value: 'full', description: 'Every attribute and association' },
				{ name: 'Shallow', value: 'shallow', description: 'Attributes, and only IDs and natural keys of associations' },
				{ name: 'Limited', value: 'limited', description: 'IDs only' },
			],
			default: 'full',
		},
		{ displayName: 'Order By', name: 'orderBy', type: 'string', default: '', placeholder: 'updated-at', description: 'Attribute to sort by' },
		{
			displayName: 'Direction',
			name: 'dir',
			type: 'options',
			options: [
				{ name: 'Ascending', value: 'asc' },
				{ name: 'Descending', value: 'desc' },
			],
			default: 'asc',
		},
	],
};

export const writeOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'writeOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { operation: ['create', 'update', 'markExported'] } },
	options: [
		{
			displayName: 'Return Object',
			name: 'returnObject',
			type: 'options',
			options: [
				{ name: 'Full', value: 'full' },
				{ name: 'Shallow', value: 'shallow' },
				{ name: 'Limited', value: 'limited', description: 'The ID only' },
				{ name: 'None', value: 'none', description: 'Nothing (the output keeps the ID)' },
			],
			default: 'full',
		},
	],
};

export const markExportedProperties: INodeProperties[] = [
	{
		displayName: 'ERP Document Number',
		name: 'erpDocumentNumber',
		type: 'string',
		default: '',
		description: 'The number of the document the ERP created (e.g. the vendor bill), written back to Coupa; empty writes none',
		displayOptions: showFor('markExported'),
	},
	{
		displayName: 'ERP Number Custom Field',
		name: 'erpNumberField',
		type: 'string',
		default: ERP_NUMBER_FIELD,
		description: 'The custom field that holds the ERP number on invoices and purchase orders (expense reports use their own erp-document-ID)',
		displayOptions: { show: { resource: ['invoice', 'purchaseOrder'], operation: ['markExported'] } },
	},
];

export const canonicalOutputProperties: INodeProperties[] = outputProperties(
	{ show: { resource: canonicalResources(), operation: ['get', 'getMany'] } },
	'A purchase order comes out as one cost commitment per line; an invoice as a supplier invoice; an expense report as an expense.',
);
