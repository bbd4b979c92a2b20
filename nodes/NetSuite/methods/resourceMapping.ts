import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { fieldsOfResource } from './metadata';
import type { RecordField } from './metadata';

/**
 * n8n field type for a catalog type (`type/format`). Dates (`string/date`, `YYYY-MM-DD`) stay text: n8n's
 * dateTime would add a time and a zone, and the day could shift.
 */
export function mapperTypeOf(field: Pick<RecordField, 'type' | 'values'>): FieldType {
	if (field.values) return 'options';
	const [type, format] = field.type.split('/');
	if (type === 'boolean') return 'boolean';
	if (type === 'number' || type === 'integer') return 'number';
	if (type === 'string' && format === 'date-time') return 'dateTime';
	return 'string';
}

/** Value fields that are objects or arrays (subrecords) are not flat values a mapper row can hold. */
function isFlatValue(field: RecordField): boolean {
	const type = field.type.split('/')[0];
	return type !== 'object' && type !== 'array';
}

/**
 * The mapper's fields for one catalog field. A reference or select is mapped by `<field>.id` (its internal
 * ID), a reference also by `<field>.externalId`, so the body gets `{ "<field>": { "id": … } }`, never a bare
 * string. Only a create marks required fields; a required reference is marked on its internal ID.
 */
function mapperFieldsOf(field: RecordField, markRequired: boolean): ResourceMapperField[] {
	const common = { defaultMatch: false, canBeUsedToMatch: false, display: true };
	const required = markRequired && field.required;
	if (field.kind === 'value') {
		const type = mapperTypeOf(field);
		return [
			{
				...common,
				id: field.name,
				displayName: `${field.title} (${field.name})`,
				required,
				type,
				...(type === 'options' ? { options: (field.values ?? []).map((value) => ({ name: value, value })) } : {}),
			},
		];
	}
	const byId: ResourceMapperField = {
		...common,
		id: `${field.name}.id`,
		displayName: `${field.title}: Internal ID (${field.name}.id)`,
		required,
		type: field.values ? 'options' : 'string',
		...(field.values ? { options: field.values.map((value) => ({ name: value, value })) } : {}),
	};
	if (field.kind === 'select') return [byId];
	return [
		byId,
		{ ...common, id: `${field.name}.externalId`, displayName: `${field.title}: External ID (${field.name}.externalId)`, required: false, type: 'string' },
	];
}

/**
 * The body fields of the record type from the account's metadata catalog, custom fields included. Sublists
 * and subrecords are left out (set them with JSON); read-only fields too.
 */
export async function getMappingColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const operation = this.getNodeParameter('operation', 'create') as string;
	const fields = (await fieldsOfResource(this)).filter(
		(field) => !field.readOnly && field.kind !== 'sublist' && field.name !== 'id' && field.name !== 'refName' && (field.kind !== 'value' || isFlatValue(field)),
	);
	return {
		fields: fields.flatMap((field) => mapperFieldsOf(field, operation === 'create')),
		emptyFieldsNotice: 'The metadata catalog lists no body fields this record type can set',
	};
}
