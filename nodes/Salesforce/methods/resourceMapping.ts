import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import type { FieldInfo } from '../helpers/describe';
import { fieldsOfResource } from './resource';

/**
 * n8n field type for a describe type. Currency stays text so an amount reaches Salesforce as typed, never
 * through a float; dates stay text (YYYY-MM-DD) since n8n's dateTime would add a time and zone.
 */
export function mapperTypeOf(describeType: string): FieldType {
	switch (describeType) {
		case 'boolean':
			return 'boolean';
		case 'double':
		case 'percent':
		case 'int':
		case 'long':
			return 'number';
		case 'datetime':
			return 'dateTime';
		case 'time':
			return 'time';
		case 'picklist':
			return 'options';
		default:
			return 'string';
	}
}

/** Salesforce's rule for a field a create must set: not nillable, createable and given no default. */
export function isRequiredOnCreate(field: FieldInfo): boolean {
	return !field.nillable && field.createable && !field.defaultedOnCreate;
}

/** Compound fields (BillingAddress …) are written through their component fields. */
const COMPOUND_TYPES = new Set(['address', 'location']);

/**
 * The fields a write may set, from describe: createable ones for a create, updateable ones for an update,
 * either for an upsert. Only a create marks required fields (an update or upsert may leave them as they are).
 */
export async function getMappingColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const operation = this.getNodeParameter('operation', 'create') as string;
	const writable = (field: FieldInfo) =>
		operation === 'create' ? field.createable : operation === 'update' ? field.updateable : field.createable || field.updateable;
	const fields = (await fieldsOfResource(this)).filter((field) => writable(field) && !COMPOUND_TYPES.has(field.type));
	return {
		fields: fields.map((field): ResourceMapperField => {
			const type = mapperTypeOf(field.type);
			return {
				id: field.name,
				displayName: `${field.label} (${field.name})`,
				required: operation === 'create' && isRequiredOnCreate(field),
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type,
				...(type === 'options' ? { options: field.picklistValues.map((p) => ({ name: p.label, value: p.value })) } : {}),
			};
		}),
		emptyFieldsNotice: 'This object has no fields this operation can set',
	};
}
