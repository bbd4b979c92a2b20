import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fieldsOfResource } from './metadata';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** Every field and sublist of the record type, for the fields a read returns. */
export async function getRecordFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await fieldsOfResource(this))
		.filter((field) => field.name !== 'id' && field.name !== 'refName')
		.map((field) => ({ name: `${field.title} (${field.name})`, value: field.name, description: field.kind === 'value' ? field.type : field.kind }))
		.sort(byName);
}

/**
 * Fields a write may set, as the body's field names: a value field by its name, a reference or select by
 * `<field>.id` (internal ID) and a reference also by `<field>.externalId`. Sublists are set through JSON.
 */
export async function getWritableFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	for (const field of await fieldsOfResource(this)) {
		if (field.readOnly || field.kind === 'sublist') continue;
		const required = field.required ? ' (required)' : '';
		if (field.kind === 'value') {
			options.push({ name: `${field.title}${required}`, value: field.name, description: `${field.name}: ${field.type}` });
			continue;
		}
		options.push({ name: `${field.title}: Internal ID${required}`, value: `${field.name}.id`, description: `${field.name}, by internal ID` });
		if (field.kind === 'reference') {
			options.push({ name: `${field.title}: External ID`, value: `${field.name}.externalId`, description: `${field.name}, by external ID` });
		}
	}
	return options.sort(byName);
}
