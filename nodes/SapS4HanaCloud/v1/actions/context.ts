import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from '../../../shared/kit';
import { odataComparison, odataPlainLiteral, odataPropertyName, odataStringLiteral } from '../../../shared/kit/odata';
import type { SapResource, SapResourceName } from '../../helpers/resources';
import type { SapConnection } from '../../transport';
import { toV2Date, v2DateLiteral } from '../../transport';

export interface OperationContext {
	resourceName: SapResourceName;
	connection: SapConnection;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `(guid'…')`, `('10100001')` or `(SupplierInvoice='…',FiscalYear='2026')`: values checked and escaped. */
export function keyPredicate(resource: SapResource, values: Record<string, string>): string {
	if (resource.key.length === 1) {
		const value = (values[resource.key[0]] ?? '').trim();
		if (!value) throw new InvalidInputError('recordId', `recordId: the ${resource.label.toLowerCase()}'s key is required (field: recordId)`, 'INVALID_ID');
		if (resource.keyType === 'Edm.Guid') {
			if (!GUID.test(value)) throw new InvalidInputError('recordId', `recordId: "${value}" is not a UUID (field: recordId)`, 'INVALID_ID');
			return `(guid'${value.toLowerCase()}')`;
		}
		return `(${encodeURIComponent(odataStringLiteral(value))})`;
	}
	return `(${resource.key
		.map((name) => {
			const value = (values[name] ?? '').trim();
			if (!value) throw new InvalidInputError(name, `${name}: part of the key, required (field: ${name})`, 'INVALID_ID');
			return `${name}=${encodeURIComponent(odataStringLiteral(value))}`;
		})
		.join(',')})`;
}

export function recordIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('recordId', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!value) throw new InvalidInputError('recordId', 'recordId: give the record\'s key (field: recordId)', 'INVALID_ID');
	return value;
}

/** One v2 $filter comparison; strings quoted and escaped, the other types validated. */
export function condition(field: string, operator: string, value: string, valueType: string): string {
	let literal: string;
	if (valueType === 'number' || valueType === 'boolean') literal = odataPlainLiteral(value, valueType, field, 'conditions');
	else if (valueType === 'date') literal = v2DateLiteral(value, 'conditions');
	else literal = odataStringLiteral(value);
	return odataComparison(field, operator, literal, { field: 'conditions', version: 'v2', functions: ['startswith'] });
}

/** The JSON fields of a write: dates given as YYYY-MM-DD become /Date(ms)/; numbers are refused where SAP wants decimal text. */
/** JSON text, or an InvalidInputError naming the field. */
export function parseJson(text: string, field: string): unknown {
	let problem: string | undefined;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem !== undefined) throw new InvalidInputError(field, `${field}: not valid JSON: ${problem} (field: ${field})`);
	return value;
}

export function writeFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = context.getNodeParameter('fieldsJson', itemIndex, '{}') as unknown;
	const value = typeof raw === 'string' ? parseJson(raw || '{}', 'fieldsJson') : raw;
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InvalidInputError('fieldsJson', 'fieldsJson: must be a JSON object of fields (field: fieldsJson)');
	const out: IDataObject = {};
	for (const [name, fieldValue] of Object.entries(value as IDataObject)) {
		odataPropertyName(name, 'fieldsJson');
		if (typeof fieldValue === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(fieldValue) && /Date$/.test(name)) out[name] = toV2Date(fieldValue, name);
		else out[name] = fieldValue as IDataObject[keyof IDataObject];
	}
	return out;
}
