/**
 * Field metadata from the describe call, cached per execution: condition values are typed by their field,
 * names are checked before a query is sent, and the UI lists fields and external id fields.
 */
import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { pathSegment } from '../../shared/kit';
import { apiRequest } from '../transport';
import type { SalesforceConnection } from '../transport';
import type { SoqlValueType } from './soql';

export interface FieldInfo {
	name: string;
	label: string;
	type: string;
	externalId: boolean;
	createable: boolean;
	updateable: boolean;
	nillable: boolean;
	defaultedOnCreate: boolean;
	/** For a lookup: the name its related record goes by in SOQL (`Account` for AccountId). */
	relationshipName?: string;
	/** Picklist values the org offers (active ones only), in describe order. */
	picklistValues: Array<{ label: string; value: string }>;
}

const cache = new WeakMap<object, Map<string, Promise<FieldInfo[]>>>();

export async function describeFields(
	context: IAllExecuteFunctions,
	connection: SalesforceConnection,
	sObject: string,
): Promise<FieldInfo[]> {
	let perContext = cache.get(context);
	if (!perContext) {
		perContext = new Map();
		cache.set(context, perContext);
	}
	let pending = perContext.get(sObject);
	if (!pending) {
		pending = apiRequest<IDataObject>(context, connection, { method: 'GET', path: `/sobjects/${pathSegment(sObject, 'resource')}/describe` }).then(
			(response) =>
				((response.body.fields as IDataObject[]) ?? []).map((f) => ({
					name: String(f.name),
					label: String(f.label ?? f.name),
					type: String(f.type),
					externalId: f.externalId === true,
					createable: f.createable === true,
					updateable: f.updateable === true,
					nillable: f.nillable === true,
					defaultedOnCreate: f.defaultedOnCreate === true,
					relationshipName: typeof f.relationshipName === 'string' && f.relationshipName ? f.relationshipName : undefined,
					picklistValues: ((f.picklistValues as IDataObject[]) ?? [])
						.filter((p) => p.active !== false)
						.map((p) => ({ label: String(p.label ?? p.value), value: String(p.value) })),
				})),
		);
		perContext.set(sObject, pending);
		pending.catch(() => perContext!.delete(sObject));
	}
	return await pending;
}

/** How a value compares against a field of this describe type. */
export function valueTypeOf(describeType: string | undefined): SoqlValueType {
	switch (describeType) {
		case 'id':
		case 'reference':
			return 'id';
		case 'double':
		case 'currency':
		case 'percent':
		case 'int':
		case 'long':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'date':
			return 'date';
		case 'datetime':
			return 'dateTime';
		default:
			return 'string';
	}
}
