import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from '../../../shared/kit';
import { odataStringLiteral } from '../../../shared/kit/odata';
import type { SapResource, SapResourceName } from '../../helpers/resources';
import type { SapConnection } from '../../transport';
import { toV2Date, v2DateLiteral } from '../../transport';

export interface OperationContext {
	resourceName: SapResourceName;
	connection: SapConnection;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

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

export function fieldName(value: unknown, field: string): string {
	const name = String(value ?? '').trim();
	if (!IDENTIFIER.test(name)) throw new InvalidInputError(field, `${field}: "${name}" is not a field name (letters, digits, underscores) (field: ${field})`);
	return name;
}

/** One v2 $filter comparison; strings quoted and escaped, the other types validated. */
export function condition(field: string, operator: string, value: string, valueType: string): string {
	let literal: string;
	switch (valueType) {
		case 'number':
			if (!/^-?\d+(\.\d+)?$/.test(value.trim())) throw new InvalidInputError('conditions', `conditions: ${field} needs a number, got ${JSON.stringify(value)} (field: conditions)`);
			literal = value.trim();
			break;
		case 'boolean':
			if (!/^(true|false)$/i.test(value.trim())) throw new InvalidInputError('conditions', `conditions: ${field} needs true or false (field: conditions)`);
			literal = value.trim().toLowerCase();
			break;
		case 'date':
			literal = v2DateLiteral(value, 'conditions');
			break;
		default:
			literal = odataStringLiteral(value);
	}
	if (operator === 'startswith') return `startswith(${field},${literal}) eq true`;
	if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(operator)) throw new InvalidInputError('conditions', `conditions: unknown operator ${operator} (field: conditions)`);
	return `${field} ${operator} ${literal}`;
}

export function and(...conditions: Array<string | undefined>): string | undefined {
	const present = conditions.filter((c): c is string => !!c);
	if (!present.length) return undefined;
	return present.length === 1 ? present[0] : present.map((c) => `(${c})`).join(' and ');
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
		fieldName(name, 'fieldsJson');
		if (typeof fieldValue === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(fieldValue) && /Date$/.test(name)) out[name] = toV2Date(fieldValue, name);
		else out[name] = fieldValue as IDataObject[keyof IDataObject];
	}
	return out;
}
