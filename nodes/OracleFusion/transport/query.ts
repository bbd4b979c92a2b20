/**
 * The query parameters of Oracle's REST framework, built so no user value changes the query's meaning:
 * `q` row-match expressions (framework version 2 and later: `Attr = 'value' and Other > 3`), `finder`,
 * `fields` / `expand` (never both: Oracle refuses the pair), `orderBy`. Attribute, finder and child names are
 * checked against a strict pattern (they cannot be quoted); values are always quoted literals.
 */
import { InvalidInputError } from '../../shared/kit/path';

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** An attribute, finder, variable or child name; refused (naming `field`) unless letters, digits and underscores. */
export function oracleName(name: string, field: string): string {
	const trimmed = String(name ?? '').trim();
	if (!NAME.test(trimmed)) throw new InvalidInputError(field, `${field}: "${trimmed}" is not an Oracle attribute name (letters, digits and underscores, starting with a letter) (field: ${field})`);
	return trimmed;
}

/**
 * A `q` string literal: single quotes around the value, with a backslash before every backslash and single
 * quote inside it, so `O'Brien` is `'O\'Brien'` and a value can never close the literal early.
 */
export function qString(value: string): string {
	return `'${String(value).replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** A `q` literal for a value: numbers and booleans bare (exact decimals only), everything else quoted. */
export function qLiteral(value: unknown, field: string): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new InvalidInputError(field, `${field}: ${String(value)} is not a number Oracle can compare (field: ${field})`);
		return String(value);
	}
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'bigint') return value.toString();
	if (value === null || value === undefined) throw new InvalidInputError(field, `${field}: a condition needs a value; use the operator "is null" to test for none (field: ${field})`);
	return qString(String(value));
}

export type QOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'is null' | 'is not null';

export interface QCondition {
	attribute: string;
	operator: QOperator;
	value?: unknown;
}

const OPERATORS = new Set<QOperator>(['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'is null', 'is not null']);

/** One condition as `Attr <op> literal`; `field` is the parameter named in errors. */
export function qCondition(condition: QCondition, field = 'conditions'): string {
	const attribute = oracleName(condition.attribute, `${field}.attribute`);
	if (!OPERATORS.has(condition.operator)) throw new InvalidInputError(`${field}.operator`, `${field}.operator: unknown operator "${String(condition.operator)}" (field: ${field}.operator)`);
	if (condition.operator === 'is null' || condition.operator === 'is not null') return `${attribute} ${condition.operator}`;
	return `${attribute} ${condition.operator} ${qLiteral(condition.value, `${field}.value`)}`;
}

/** Conditions joined with `and` (every value escaped), or undefined for none. */
export function qExpression(conditions: QCondition[], field = 'conditions'): string | undefined {
	if (!conditions.length) return undefined;
	return conditions.map((c) => qCondition(c, field)).join(' and ');
}

/**
 * `finder=<Name>;<var>=<value>,<var>=<value>`. A finder value cannot be quoted, so one that contains a comma,
 * a semicolon or a double quote (which would split or end it) is refused, naming the variable.
 */
export function finderParam(name: string, variables: Record<string, unknown>, field = 'finder'): string {
	const finder = oracleName(name, field);
	const parts = Object.entries(variables).map(([variable, value]) => {
		const checked = oracleName(variable, `${field}.${variable}`);
		const text = String(value ?? '');
		if (/[,;"]/.test(text)) throw new InvalidInputError(`${field}.${variable}`, `${field}.${variable}: a finder value cannot contain a comma, semicolon or double quote (got ${JSON.stringify(text)}); use a q condition instead (field: ${field}.${variable})`);
		return `${checked}=${text}`;
	});
	return parts.length ? `${finder};${parts.join(',')}` : finder;
}

/** A comma-separated list of attribute or child names, each checked; `Child:Attr` pairs for `fields` allowed when `allowChild`. */
export function nameList(value: unknown, field: string, options: { allowDotted?: boolean; allowChild?: boolean } = {}): string | undefined {
	const names = (Array.isArray(value) ? value.map(String) : String(value ?? '').split(','))
		.map((s) => s.trim())
		.filter(Boolean);
	if (!names.length) return undefined;
	for (const name of names) {
		const segments = options.allowChild && name.includes(':') ? name.split(':') : [name];
		for (const segment of segments) for (const part of options.allowDotted ? segment.split('.') : [segment]) oracleName(part, field);
	}
	return names.join(',');
}

/** `orderBy=A:asc,B:desc`. */
export function orderByParam(value: unknown, field = 'orderBy'): string | undefined {
	const entries = String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (!entries.length) return undefined;
	return entries
		.map((entry) => {
			const [name, direction = 'asc'] = entry.split(':');
			if (!/^(asc|desc)$/i.test(direction)) throw new InvalidInputError(field, `${field}: write each sort as Attribute:asc or Attribute:desc (got "${entry}") (field: ${field})`);
			return `${oracleName(name, field)}:${direction.toLowerCase()}`;
		})
		.join(',');
}
