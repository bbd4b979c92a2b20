import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, ResourceMapperField, ResourceMapperValue } from 'n8n-workflow';

import { decimalToNumber, exactDecimalText } from '../../../lib/canonical';
import type { Problem } from '../../../lib/canonical';
import { assertIdentifier, ItemParameters } from '../../shared/kit';

export interface FieldPair {
	name: string;
	value: unknown;
}

/**
 * Field/value pairs to a record body. A dotted name sets a reference or subrecord field:
 * `subsidiary.id` = `1` gives `{ "subsidiary": { "id": "1" } }`.
 */
export function bodyFromFields(fields: FieldPair[]): IDataObject {
	const body: IDataObject = {};
	for (const { name, value } of fields) {
		const path = assertIdentifier(String(name ?? '').trim(), 'field name').split('.');
		let target = body;
		for (const segment of path.slice(0, -1)) {
			const next = target[segment];
			if (next === undefined) target[segment] = {};
			else if (typeof next !== 'object' || next === null || Array.isArray(next)) {
				throw new Error(`Field "${name}" conflicts with field "${segment}" set before it`);
			}
			target = target[segment] as IDataObject;
		}
		target[path[path.length - 1]] = value as IDataObject[string];
	}
	return body;
}

/**
 * The reader of the record body each item asks for, from "Define Below" fields, the JSON parameter or the mapper.
 * Made once per node run: a JSON Body that is a plain field path (`{{ $('Check & Claim').item.json.body }}`) is read
 * without n8n's expression engine (see ItemParameters).
 */
export function recordBodyReader(context: IExecuteFunctions): (itemIndex: number) => IDataObject {
	const parameters = new ItemParameters(context);
	const readMode = parameters.reader<string>('specifyBody', 'defineBelow');
	const readJson = parameters.reader<unknown>('jsonBody', '{}', { objects: true });
	return (itemIndex) => {
		const mode = readMode(itemIndex);
		if (mode === 'mapper') return mappedBody(context, itemIndex);
		if (mode === 'json') return parsedJsonBody(context, readJson(itemIndex), itemIndex);
		const fields = (context.getNodeParameter('fields.field', itemIndex, []) as FieldPair[]) ?? [];
		try {
			return bodyFromFields(fields);
		} catch (error) {
			throw new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex, description: 'Field: fields' });
		}
	};
}

function parsedJsonBody(context: IExecuteFunctions, raw: unknown, itemIndex: number): IDataObject {
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw || '{}');
		} catch (error) {
			throw new NodeOperationError(context.getNode(), `JSON Body is not valid JSON: ${(error as Error).message}`, {
				itemIndex,
				description: 'Field: jsonBody',
			});
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(context.getNode(), 'JSON Body must be an object of record fields', {
			itemIndex,
			description: 'Field: jsonBody',
		});
	}
	return parsed as IDataObject;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';
const isPlainObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDateTime = (value: unknown): value is { toISO(): string; toISODate(): string } =>
	isPlainObject(value) && typeof value.toISO === 'function' && typeof value.toISODate === 'function';

/**
 * An input item's value for a mapper field: the key itself (`companyName`, `subsidiary.id`), or for
 * `<field>.id` / `<field>.externalId` the input's `<field>` as a reference object (a record read from NetSuite
 * carries `{ id, refName, links }`), or a bare internal ID given as `<field>`.
 */
function inputValueOf(json: IDataObject, id: string): unknown {
	if (Object.prototype.hasOwnProperty.call(json, id)) return json[id];
	const [name, part, ...rest] = id.split('.');
	if (!part || rest.length) return undefined;
	const value = json[name];
	if (isPlainObject(value)) return value[part];
	return part === 'id' && (typeof value === 'string' || typeof value === 'number') ? value : undefined;
}

/**
 * A mapped value as NetSuite takes it, by the mapper field's type; `null` reason when it is fine. Numbers
 * are sent only when the JSON number carries exactly the decimal given (the canonical model's check), so an
 * amount is never rounded on its way; text passes as typed.
 */
function mappedValue(field: ResourceMapperField | undefined, value: unknown): { value?: unknown; reason?: string } {
	switch (field?.type) {
		case 'number': {
			const problems: Problem[] = [];
			const number = decimalToNumber(exactDecimalText(value), field.id, problems);
			return problems.length ? { reason: problems[0].reason } : { value: number };
		}
		case 'boolean':
			if (typeof value === 'boolean') return { value };
			if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return { value: value.trim().toLowerCase() === 'true' };
			return { reason: `must be true or false (got ${JSON.stringify(value)})` };
		case 'options': {
			const text = typeof value === 'number' ? String(exactDecimalText(value)) : value;
			const allowed = (field.options ?? []).map((option) => String(option.value));
			if (typeof text === 'string' && (!allowed.length || allowed.includes(text.trim()))) return { value: text.trim() };
			return { reason: `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})` };
		}
		case 'dateTime':
			if (isDateTime(value)) return { value: value.toISO() };
			if (value instanceof Date) return { value: value.toISOString() };
			return typeof value === 'string' ? { value } : { reason: `must be a date-time (got ${JSON.stringify(value)})` };
		case 'string':
			if (typeof value === 'string') return { value };
			if (typeof value === 'number') return { value: exactDecimalText(value) };
			if (typeof value === 'boolean') return { value: String(value) };
			// A Luxon date on a text field is a NetSuite date (YYYY-MM-DD): its own calendar day, no zone shift.
			if (isDateTime(value)) return { value: value.toISODate() };
			return { reason: `must be text (got ${JSON.stringify(value)})` };
		default:
			return { value };
	}
}

/**
 * The body from the resource mapper ("Map Fields"). The mapper's fields (the saved schema) say each field's
 * type; `<field>.id` / `<field>.externalId` become a reference object. Fields left empty are not sent.
 * Auto-map takes only input keys that are fields of the record, so `correlationId` and the like stay out.
 * A create refuses a required field left empty before anything is sent.
 */
function mappedBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	// The whole parameter, not `columns.value`: n8n would turn number text into a float before the check.
	const columns = (context.getNodeParameter('columns', itemIndex, {}) ?? {}) as Partial<ResourceMapperValue>;
	const schema = (columns.schema ?? []).filter((field) => !field.removed);
	const byId = new Map(schema.map((field) => [field.id, field]));
	const fail = (id: string, reason: string) =>
		new NodeOperationError(context.getNode(), `Field "${id}": ${reason}`, { itemIndex, description: `Field: columns.${id}` });
	let values: IDataObject;
	if (columns.mappingMode === 'autoMapInputData') {
		const json = context.getInputData()[itemIndex]?.json ?? {};
		values = {};
		for (const field of schema) values[field.id] = inputValueOf(json, field.id) as IDataObject[string];
	} else {
		values = isPlainObject(columns.value) ? columns.value : {};
	}
	const pairs: FieldPair[] = [];
	for (const [id, raw] of Object.entries(values)) {
		if (isEmpty(raw) || (typeof raw === 'string' && !raw.trim())) continue;
		const { value, reason } = mappedValue(byId.get(id), raw);
		if (reason) throw fail(id, reason);
		pairs.push({ name: id, value });
	}
	let body: IDataObject;
	try {
		body = bodyFromFields(pairs);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex, description: 'Field: columns' });
	}
	if (context.getNodeParameter('operation', itemIndex, '') === 'create') {
		// A required reference counts as set by its internal or its external ID.
		const missing = schema.find((field) => field.required && body[field.id.split('.')[0]] === undefined);
		if (missing) throw fail(missing.id, 'required to create the record, but empty');
	}
	return body;
}

/** Sublists given as comma-separated names (the `replace` option). */
export function sublistNames(value: unknown): string[] {
	return typeof value === 'string' ? value.split(',').map((name) => name.trim()).filter(Boolean) : [];
}

/** Sublists the body sets (`{ "items": [...] }` values). */
export function sublistsIn(body: IDataObject): string[] {
	return Object.entries(body)
		.filter(([, value]) => typeof value === 'object' && value !== null && Array.isArray((value as IDataObject).items))
		.map(([name]) => name);
}

/**
 * Whether sending the body twice leaves the record as sending it once. Sublist lines without `replace` are
 * added to the record's lines, so a resent request would add them twice.
 */
export function isRepeatableWrite(body: IDataObject, replace: string[]): boolean {
	return sublistsIn(body).every((name) => replace.includes(name));
}
