/**
 * A record type's fields from NetSuite's metadata catalog (`GET …/record/v1/metadata-catalog/<type>` with
 * `Accept: application/schema+json`): a JSON Schema whose `properties` are the REST fields of the account,
 * custom fields included. The field pickers read it, so they offer what this account has.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { pathSegment } from '../../shared/kit';
import { isRecordResource, RECORD_TYPES } from '../helpers/recordTypes';
import type { RecordTypeInfo } from '../helpers/recordTypes';
import { apiRequest, netSuiteConnection } from '../transport';
import type { NetSuiteAuthentication, NetSuiteConnection } from '../transport';
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
	/** The values a select (its ids) or an enumerated value field may take, when the schema lists them. */
	values?: string[];
}

function valuesOf(property: IDataObject, kind: RecordFieldKind): string[] | undefined {
	const source = kind === 'select' ? (((property.properties ?? {}) as IDataObject).id as IDataObject) : property;
	return Array.isArray(source?.enum) ? source.enum.map((value) => String(value)) : undefined;
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
		.map(([name, property]) => {
			const kind = kindOf(property);
			const values = valuesOf(property, kind);
			return {
				name,
				title: typeof property.title === 'string' && property.title ? property.title : name,
				kind,
				type: [property.type, property.format].filter((part) => typeof part === 'string').join('/'),
				readOnly: property.readOnly === true,
				required: required.has(name),
				...(values ? { values } : {}),
			};
		});
}

/** The fields of the record type the node's `resource` parameter names, for the pickers and the mapper. */
export async function fieldsOfResource(context: ILoadOptionsFunctions): Promise<RecordField[]> {
	const resource = String(context.getNodeParameter('resource', '') ?? '');
	if (!isRecordResource(resource)) {
		throw new NodeOperationError(context.getNode(), `"${resource}" has no record fields to pick from`);
	}
	const connection = await netSuiteConnection(context, context.getNodeParameter('authentication', 'tba') as NetSuiteAuthentication);
	return await recordFieldsOf(context, connection, RECORD_TYPES[resource]);
}
