/**
 * SOQL built from parameters. Every value becomes a typed literal (strings escaped by the kit, numbers,
 * booleans, dates and datetimes checked against their formats); every object, field and relationship name is
 * validated, never quoted. Nothing a user types can change the query's structure.
 */
import { assertIdentifier, escapeSoqlLike, escapeSoqlString, soqlString } from '../../shared/kit';

export const SOQL_OPERATORS = [
	'equal',
	'notEqual',
	'lessThan',
	'greaterThan',
	'lessOrEqual',
	'greaterOrEqual',
	'like',
	'contains',
	'startsWith',
	'in',
	'notIn',
	'isNull',
	'isNotNull',
] as const;
export type SoqlOperator = (typeof SOQL_OPERATORS)[number];

export type SoqlValueType = 'string' | 'id' | 'number' | 'boolean' | 'date' | 'dateTime';

export interface SoqlCondition {
	field: string;
	operator: SoqlOperator;
	value?: unknown;
	type: SoqlValueType;
}

export interface SoqlOrder {
	field: string;
	direction: 'ASC' | 'DESC';
}

export interface SoqlChildQuery {
	relationship: string;
	fields: string[];
	orderBy?: SoqlOrder[];
}

export interface SoqlQuerySpec {
	object: string;
	fields: string[];
	conditions?: SoqlCondition[];
	/** How the conditions combine. */
	match?: 'all' | 'any';
	/** Conditions built elsewhere (already safe), ANDed with the rest. */
	where?: string[];
	children?: SoqlChildQuery[];
	orderBy?: SoqlOrder[];
	limit?: number;
}

const COMPARATORS: Partial<Record<SoqlOperator, string>> = {
	equal: '=',
	notEqual: '!=',
	lessThan: '<',
	greaterThan: '>',
	lessOrEqual: '<=',
	greaterOrEqual: '>=',
};

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;
const DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})$/;

export class SoqlValueError extends Error {}

/**
 * Whether `YYYY-MM-DD` names a day of the calendar. JavaScript's date parser rolls 2026-02-30 over to
 * 2026-03-02 instead of refusing it, so the parts are checked against the day they produce.
 */
export function isCalendarDate(text: string): boolean {
	const match = DATE_PARTS.exec(text);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `HH:MM[:SS[.fff]]` within the day (hours 0–23, minutes and seconds 0–59). */
function isClockTime(text: string): boolean {
	const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?/.exec(text);
	return !!match && Number(match[1]) < 24 && Number(match[2]) < 60 && Number(match[3] ?? 0) < 60;
}

function dateTimeMs(value: unknown): { text: string; ms: number } {
	const text = value instanceof Date ? value.toISOString() : String(value ?? '').trim();
	const strict = isCalendarDate(text.slice(0, 10)) && text[10] === 'T' && isClockTime(text.slice(11));
	const ms = strict ? Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN;
	return { text, ms };
}

/** A SOQL datetime literal in UTC: 2026-11-23T17:05:00Z. */
export function soqlDateTime(value: unknown, field?: string): string {
	const { text, ms } = dateTimeMs(value);
	if (Number.isNaN(ms)) {
		throw new SoqlValueError(`${field ? `${field}: ` : ''}"${text}" is not an ISO 8601 date and time (e.g. 2026-11-23T17:05:00Z)`);
	}
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One value as a SOQL literal of the given type. */
export function soqlLiteral(value: unknown, type: SoqlValueType, field = 'value'): string {
	if (value === null || value === undefined) return 'null';
	const text = typeof value === 'string' ? value.trim() : String(value);
	switch (type) {
		case 'id':
			if (!ID.test(text)) throw new SoqlValueError(`${field}: "${text}" is not a Salesforce id (15 or 18 letters and digits)`);
			return `'${text}'`;
		case 'number':
			if (!NUMBER.test(text)) throw new SoqlValueError(`${field}: "${text}" is not a number`);
			return text;
		case 'boolean':
			if (text !== 'true' && text !== 'false') throw new SoqlValueError(`${field}: "${text}" is not true or false`);
			return text;
		case 'date':
			if (!isCalendarDate(text)) {
				throw new SoqlValueError(`${field}: "${text}" is not a date of the calendar (YYYY-MM-DD)`);
			}
			return text;
		case 'dateTime':
			return soqlDateTime(value, field);
		default:
			return soqlString(typeof value === 'string' ? value : String(value));
	}
}

function listValues(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
	return value === undefined || value === null ? [] : [value];
}

/** One condition: `Field op literal`. */
export function buildCondition(condition: SoqlCondition): string {
	const field = assertIdentifier(condition.field, 'field name');
	const { operator, value, type } = condition;
	switch (operator) {
		case 'isNull':
			return `${field} = null`;
		case 'isNotNull':
			return `${field} != null`;
		case 'in':
		case 'notIn': {
			const values = listValues(value);
			if (!values.length) throw new SoqlValueError(`${field}: IN needs at least one value`);
			return `${field} ${operator === 'in' ? 'IN' : 'NOT IN'} (${values.map((v) => soqlLiteral(v, type, field)).join(', ')})`;
		}
		case 'like':
			// The user's own pattern: % and _ stay wildcards, quotes and backslashes are escaped.
			return `${field} LIKE '${escapeSoqlString(String(value ?? ''))}'`;
		case 'contains':
			return `${field} LIKE '%${escapeSoqlLike(String(value ?? ''))}%'`;
		case 'startsWith':
			return `${field} LIKE '${escapeSoqlLike(String(value ?? ''))}%'`;
		default: {
			const comparator = COMPARATORS[operator];
			if (!comparator) throw new SoqlValueError(`Unknown operator "${String(operator)}"`);
			if (value === null || value === undefined || value === '') {
				if (operator === 'equal') return `${field} = null`;
				if (operator === 'notEqual') return `${field} != null`;
				throw new SoqlValueError(`${field}: a value is required for ${operator}`);
			}
			return `${field} ${comparator} ${soqlLiteral(value, type, field)}`;
		}
	}
}

function fieldList(fields: string[]): string {
	// Salesforce refuses a field selected twice; keep the first spelling of each.
	const unique: string[] = [];
	for (const field of fields.map((f) => assertIdentifier(f.trim(), 'field name'))) {
		if (!unique.some((u) => u.toLowerCase() === field.toLowerCase())) unique.push(field);
	}
	if (!unique.length) throw new SoqlValueError('At least one field must be selected');
	return unique.join(', ');
}

function orderClause(orderBy: SoqlOrder[] | undefined): string {
	if (!orderBy?.length) return '';
	return ` ORDER BY ${orderBy.map((o) => `${assertIdentifier(o.field, 'sort field')} ${o.direction === 'DESC' ? 'DESC' : 'ASC'}`).join(', ')}`;
}

/** The whole query. */
export function buildSoql(spec: SoqlQuerySpec): string {
	const object = assertIdentifier(spec.object, 'object name');
	const select = [fieldList(spec.fields)];
	for (const child of spec.children ?? []) {
		select.push(`(SELECT ${fieldList(child.fields)} FROM ${assertIdentifier(child.relationship, 'relationship name')}${orderClause(child.orderBy)})`);
	}
	const parts: string[] = [...(spec.where ?? [])];
	const conditions = (spec.conditions ?? []).map(buildCondition);
	if (conditions.length) parts.push(conditions.join(spec.match === 'any' ? ' OR ' : ' AND '));
	const where = parts.length === 0 ? '' : ` WHERE ${parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' AND ')}`;
	let limit = '';
	if (spec.limit !== undefined) {
		if (!Number.isInteger(spec.limit) || spec.limit < 1) throw new SoqlValueError(`Limit must be a positive whole number, got ${spec.limit}`);
		limit = ` LIMIT ${spec.limit}`;
	}
	return `SELECT ${select.join(', ')} FROM ${object}${where}${orderClause(spec.orderBy)}${limit}`;
}
