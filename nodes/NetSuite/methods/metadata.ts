/**
 * A record type's fields from NetSuite's metadata catalog (`GET …/record/v1/metadata-catalog/<type>` with
 * `Accept: application/schema+json`): a JSON Schema whose `properties` are the REST fields of the account,
 * custom fields included. The field pickers read it, so they offer what this account has.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { pathSegment } from '../../shared/kit';
import type { RecordTypeInfo } from '../helpers/recordTypes';
import { apiRequest } from '../transport';
import type { NetSuiteConnection } from '../transport';
import { RECORD_PATH } from '../transport/account';

export type RecordFieldKind = 'value' | 'reference' | 'select' | 'sublist';

export interface RecordField {
	name: string;
	title: string;
	kind: RecordFieldKind;
	/** JSON Schema type and format of a value field (string/date, number/double …). */
	type: string;
	readOnly: boolean;
	required: boolean;
}

function kindOf(property: IDataObject): RecordFieldKind {
	const properties = (property.properties ?? {}) as IDataObject;
	if (property.type !== 'object' || !properties) return 'value';
	if (properties.items) return 'sublist';
	const id = properties.id as IDataObject | undefined;
	if (id && Array.isArray(id.enum)) return 'select';
	return id ? 'reference' : 'value';
}

export async function recordFieldsOf(
	context: ILoadOptionsFunctions,
	connection: NetSuiteConnection,
	recordType: RecordTypeInfo,
): Promise<RecordField[]> {
	const response = await apiRequest<IDataObject>(context, connection, {
		method: 'GET',
		path: `${RECORD_PATH}/metadata-catalog/${pathSegment(recordType.restType, 'resource')}`,
		headers: { Accept: 'application/schema+json' },
		idempotent: true,
	});
	const properties = (response.body.properties ?? {}) as Record<string, IDataObject>;
	const required = new Set(Array.isArray(response.body.required) ? (response.body.required as string[]) : []);
	return Object.entries(properties)
		.filter(([name]) => name !== 'links')
		.map(([name, property]) => ({
			name,
			title: typeof property.title === 'string' && property.title ? property.title : name,
			kind: kindOf(property),
			type: [property.type, property.format].filter((part) => typeof part === 'string').join('/'),
			readOnly: property.readOnly === true,
			required: required.has(name),
		}));
}
