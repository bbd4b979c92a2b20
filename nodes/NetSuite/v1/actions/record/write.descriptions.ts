import type { INodeProperties } from 'n8n-workflow';

import { mappedFieldsProperty as kitMappedFieldsProperty } from '../../../../shared/kit/descriptions';
import { recordBodyProperties } from '../common.descriptions';

export const fetchRecordOption: INodeProperties = {
	displayName: 'Return Full Record',
	name: 'fetchRecord',
	type: 'boolean',
	default: false,
	description: 'Whether to read the record back after the write (one more request) instead of returning its ID only',
};

export const replaceSublistsOption: INodeProperties = {
	displayName: 'Replace Sublists',
	name: 'replace',
	type: 'string',
	default: '',
	placeholder: 'item,expense',
	description: 'Comma-separated sublists whose lines are replaced by the ones in the body instead of merged',
};

/** The resource mapper ("Map Fields"): the record type's body fields from the account's metadata catalog. */
export const mappedFieldsProperty: INodeProperties = kitMappedFieldsProperty(
	{ specifyBody: ['mapper'] },
	'Body fields only: sublists (lines) and subrecords are not listed, set them with JSON. A reference is set by its internal ID (or external ID). Fields left empty are not sent; use Define Below or JSON to clear a field.',
);

/**
 * The write operations' body parameters: the shared ones (Define Below, JSON) plus Map Fields. "Define Below"
 * stays the default: n8n does not save default values, so a new default would change saved nodes.
 */
export const writeBodyProperties: INodeProperties[] = [
	...recordBodyProperties.map((property) =>
		property.name === 'specifyBody'
			? {
					...property,
					options: [
						...(property.options ?? []),
						{
							name: 'Map Fields',
							value: 'mapper',
							description: "The record type's fields from the metadata catalog: required ones marked, selects as options, input fields mapped by name",
						},
					],
				}
			: property,
	),
	mappedFieldsProperty,
];
