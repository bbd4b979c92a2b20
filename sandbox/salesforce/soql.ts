/**
 * A SOQL subset for the sandbox: SELECT with fields, relationship fields (Account.Name), one level of child
 * subqueries and COUNT(); FROM; WHERE with = != <> < > <= >= LIKE IN / NOT IN, AND / OR / NOT and parentheses,
 * string / number / boolean / NULL / date / datetime literals and the common date literals (TODAY,
 * LAST_N_DAYS:n …); ORDER BY (ASC/DESC, NULLS FIRST/LAST); LIMIT; OFFSET.
 *
 * It rejects what Salesforce rejects, with the same error codes: syntax errors are MALFORMED_QUERY, unknown
 * fields INVALID_FIELD, unknown objects INVALID_TYPE, a literal of the wrong type for its field INVALID_FIELD,
 * a malformed id INVALID_QUERY_FILTER_OPERATOR, and AND mixed with OR without parentheses is a syntax error.
 * SOQL features outside the subset (semi-joins, GROUP BY, aggregates other than COUNT(), functions, WITH, FOR,
 * USING SCOPE, TYPEOF, nested subqueries, the date literals not listed, currency literals) are refused as
 * MALFORMED_QUERY (Salesforce's envelope) with a message that says plainly the sandbox does not support them,
 * never one that reads like Salesforce's own parse error: such a query may well run in Salesforce.
 */
import { canonicalId, isValidId } from './ids';
import { childRelationship, fieldDef, isNumericType, isTextType, objectDef, relationshipField } from './schema';
import type { FieldDef, ObjectDef } from './schema';

export class SoqlError extends Error {
	constructor(
		readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR' | 'NUMBER_OUTSIDE_VALID_RANGE',
		message: string,
	) {
		super(message);
	}
}

// ---------------------------------------------------------------- tokens

type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';

interface Token {
	kind: TokenKind;
	text: string;
	/** Decoded value of a string literal. */
	value?: string;
	/** Zero-based offset in the query. */
	pos: number;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^[+-]?\d+(?:\.\d+)?(?![\w.])/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;
const STRING_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/** A SOQL feature the sandbox does not implement: Salesforce's error code, the sandbox's own plain words. */
export function unsupported(feature: string): SoqlError {
	return new SoqlError(
		'MALFORMED_QUERY',
		`The Salesforce sandbox does not support ${feature} in SOQL. It runs SELECT fields, parent relationship fields, ` +
			'one level of child subqueries and COUNT() FROM one object, with WHERE, ORDER BY, LIMIT and OFFSET.',
	);
}

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** The unsupported feature a call `NAME(` belongs to. */
function functionFeature(name: string): string {
	const upper = name.toUpperCase();
	return AGGREGATES.has(upper) ? 'aggregate functions other than COUNT()' : `the function ${upper}()`;
}

/** Date literals Salesforce has beyond the ones the sandbox evaluates (LAST_WEEK, THIS_QUARTER, N_DAYS_AGO:n …). */
const OTHER_DATE_LITERAL = /^(?:(?:LAST|THIS|NEXT)_(?:WEEK|QUARTER|FISCAL_QUARTER|FISCAL_YEAR|90_DAYS)|(?:LAST|NEXT)_N_(?:WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS)|N_(?:DAYS|WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS)_AGO)$/;

function positionMessage(soql: string, pos: number, text: string): string {
	return `\n${soql}\n${' '.repeat(pos)}^\nERROR at Row:1:Column:${pos + 1}\n${text}`;
}

function tokenize(soql: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < soql.length) {
		const c = soql[i];
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		const rest = soql.slice(i);
		if (c === "'") {
			let value = '';
			let j = i + 1;
			let closed = false;
			while (j < soql.length) {
				const d = soql[j];
				if (d === '\\') {
					const e = soql[j + 1];
					if (e !== undefined && e in STRING_ESCAPES) value += STRING_ESCAPES[e];
					// \% and \_ stay escaped: they only mean something inside a LIKE pattern.
					else if (e === '%' || e === '_') value += `\\${e}`;
					else throw new SoqlError('MALFORMED_QUERY', positionMessage(soql, j, `Invalid string literal '${soql.slice(i, j + 2)}'. Illegal character sequence '\\${e ?? ''}' in string literal.`));
					j += 2;
					continue;
				}
				if (d === "'") {
					closed = true;
					break;
				}
				value += d;
				j++;
			}
			if (!closed) throw new SoqlError('MALFORMED_QUERY', positionMessage(soql, i, `unexpected token: '${soql.slice(i)}'`));
			tokens.push({ kind: 'string', text: soql.slice(i, j + 1), value, pos: i });
			i = j + 1;
			continue;
		}
		let m = DATETIME.exec(rest);
		if (m) {
			tokens.push({ kind: 'datetime', text: m[0], pos: i });
			i += m[0].length;
			continue;
		}
		m = DATE.exec(rest);
		if (m) {
			tokens.push({ kind: 'date', text: m[0], pos: i });
			i += m[0].length;
			continue;
		}
		m = NUMBER.exec(rest);
		if (m) {
			tokens.push({ kind: 'number', text: m[0], pos: i });
			i += m[0].length;
			continue;
		}
		m = IDENT.exec(rest);
		if (m) {
			tokens.push({ kind: 'ident', text: m[0], pos: i });
			i += m[0].length;
			continue;
		}
		const two = soql.slice(i, i + 2);
		if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
			tokens.push({ kind: 'op', text: two, pos: i });
			i += 2;
			continue;
		}
		if (c === '=' || c === '<' || c === '>') {
			tokens.push({ kind: 'op', text: c, pos: i });
			i++;
			continue;
		}
		if (c === '(' || c === ')' || c === ',' || c === ':') {
			tokens.push({ kind: 'punct', text: c, pos: i });
			i++;
			continue;
		}
		throw new SoqlError('MALFORMED_QUERY', positionMessage(soql, i, `unexpected token: '${c}'`));
	}
	tokens.push({ kind: 'eof', text: '<EOF>', pos: soql.length });
	return tokens;
}

// ---------------------------------------------------------------- syntax tree

export type Literal =
	| { kind: 'string'; value: string; pos: number }
	| { kind: 'number'; value: number; pos: number }
	| { kind: 'boolean'; value: boolean; pos: number }
	| { kind: 'null'; pos: number }
	| { kind: 'date'; value: string; pos: number }
	| { kind: 'datetime'; value: number; pos: number }
	| { kind: 'dateLiteral'; name: string; n?: number; pos: number };

export type Condition = { kind: 'cond'; path: string; pos: number; op: string; value: Literal | Literal[] };
export type Expr = { kind: 'and' | 'or'; items: Expr[] } | { kind: 'not'; expr: Expr } | Condition;

export type SelectItem =
	| { kind: 'field'; path: string; pos: number }
	| { kind: 'count'; pos: number }
	| { kind: 'subquery'; query: Query; pos: number };

export interface Query {
	select: SelectItem[];
	from: string;
	fromPos: number;
	where?: Expr;
	orderBy: Array<{ path: string; pos: number; desc: boolean; nullsLast: boolean }>;
	limit?: number;
	offset?: number;
}

const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'ORDER', 'BY', 'ASC', 'DESC', 'NULLS', 'FIRST', 'LAST', 'LIMIT', 'OFFSET', 'NULL', 'TRUE', 'FALSE', 'GROUP', 'HAVING', 'WITH', 'FOR', 'USING', 'INCLUDES', 'EXCLUDES']);
const DATE_LITERALS = new Set(['TODAY', 'YESTERDAY', 'TOMORROW', 'THIS_MONTH', 'LAST_MONTH', 'NEXT_MONTH', 'THIS_YEAR', 'LAST_YEAR']);
const DATE_N_LITERALS = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS']);

class Parser {
	private i = 0;

	constructor(
		private readonly soql: string,
		private readonly tokens: Token[],
	) {}

	private peek(offset = 0): Token {
		return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
	}

	private next(): Token {
		return this.tokens[this.i++];
	}

	private isKeyword(word: string, offset = 0): boolean {
		const t = this.peek(offset);
		return t.kind === 'ident' && t.text.toUpperCase() === word;
	}

	private unexpected(t: Token = this.peek()): SoqlError {
		return new SoqlError('MALFORMED_QUERY', positionMessage(this.soql, t.pos, `unexpected token: ${t.kind === 'eof' ? '<EOF>' : `'${t.text}'`}`));
	}

	private expectKeyword(word: string): Token {
		if (!this.isKeyword(word)) throw this.unexpected();
		return this.next();
	}

	private expectPunct(p: string): Token {
		const t = this.peek();
		if (t.kind !== 'punct' || t.text !== p) throw this.unexpected();
		return this.next();
	}

	private fieldPath(): Token {
		const t = this.peek();
		if (t.kind !== 'ident' || (KEYWORDS.has(t.text.toUpperCase()) && !t.text.includes('.'))) throw this.unexpected();
		return this.next();
	}

	parseTop(): Query {
		const query = this.parseQuery(false);
		if (this.peek().kind !== 'eof') throw this.unexpected();
		return query;
	}

	private parseQuery(nested: boolean): Query {
		this.expectKeyword('SELECT');
		const select: SelectItem[] = [];
		for (;;) {
			const t = this.peek();
			if (t.kind === 'punct' && t.text === '(') {
				if (nested) throw unsupported('child subqueries nested inside a child subquery');
				this.next();
				const inner = this.parseQuery(true);
				this.expectPunct(')');
				select.push({ kind: 'subquery', query: inner, pos: t.pos });
			} else if (t.kind === 'ident' && t.text.toUpperCase() === 'COUNT' && this.peek(1).text === '(') {
				this.next();
				this.next();
				if (this.peek().text !== ')') throw unsupported('aggregate functions other than COUNT()');
				this.next();
				select.push({ kind: 'count', pos: t.pos });
			} else {
				if (this.isKeyword('TYPEOF')) throw unsupported('TYPEOF');
				const f = this.fieldPath();
				if (this.peek().kind === 'punct' && this.peek().text === '(') throw unsupported(functionFeature(f.text));
				select.push({ kind: 'field', path: f.text, pos: f.pos });
			}
			if (this.peek().kind === 'punct' && this.peek().text === ',') {
				this.next();
				continue;
			}
			break;
		}
		this.expectKeyword('FROM');
		const from = this.peek();
		if (from.kind !== 'ident' || from.text.includes('.')) throw this.unexpected();
		this.next();
		const query: Query = { select, from: from.text, fromPos: from.pos, orderBy: [] };
		this.refuseClauses();
		if (this.isKeyword('WHERE')) {
			this.next();
			query.where = this.parseOr();
		}
		this.refuseClauses();
		if (this.isKeyword('GROUP') || this.isKeyword('HAVING')) throw unsupported('GROUP BY and HAVING');
		if (this.isKeyword('ORDER')) {
			this.next();
			this.expectKeyword('BY');
			for (;;) {
				const f = this.fieldPath();
				if (this.peek().kind === 'punct' && this.peek().text === '(') throw unsupported(functionFeature(f.text));
				let desc = false;
				if (this.isKeyword('ASC')) this.next();
				else if (this.isKeyword('DESC')) {
					this.next();
					desc = true;
				}
				let nullsLast = desc;
				if (this.isKeyword('NULLS')) {
					this.next();
					if (this.isKeyword('FIRST')) nullsLast = false;
					else if (this.isKeyword('LAST')) nullsLast = true;
					else throw this.unexpected();
					this.next();
				}
				query.orderBy.push({ path: f.text, pos: f.pos, desc, nullsLast });
				if (this.peek().kind === 'punct' && this.peek().text === ',') {
					this.next();
					continue;
				}
				break;
			}
		}
		if (this.isKeyword('LIMIT')) {
			this.next();
			query.limit = this.integer();
		}
		if (this.isKeyword('OFFSET')) {
			this.next();
			const t = this.peek();
			query.offset = this.integer();
			if (query.offset > 2000) {
				throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', positionMessage(this.soql, t.pos, `Maximum SOQL offset allowed is 2000`));
			}
		}
		this.refuseClauses();
		return query;
	}

	/** WITH …, USING SCOPE and FOR VIEW / REFERENCE / UPDATE are SOQL the sandbox does not run. */
	private refuseClauses(): void {
		if (this.isKeyword('WITH')) throw unsupported('the WITH clause (SECURITY_ENFORCED, USER_MODE, DATA CATEGORY …)');
		if (this.isKeyword('USING')) throw unsupported('USING SCOPE');
		if (this.isKeyword('FOR')) throw unsupported(`FOR ${this.peek(1).kind === 'ident' ? this.peek(1).text.toUpperCase() : ''}`.trim());
	}

	private integer(): number {
		const t = this.peek();
		if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw this.unexpected();
		this.next();
		return Number.parseInt(t.text, 10);
	}

	/** OR of ANDs; AND and OR may not be mixed at one level without parentheses (as in Salesforce). */
	private parseOr(): Expr {
		const first = this.parseNot();
		const items = [first];
		let joiner: 'AND' | 'OR' | undefined;
		while (this.isKeyword('AND') || this.isKeyword('OR')) {
			const word = this.peek().text.toUpperCase() as 'AND' | 'OR';
			if (joiner && joiner !== word) throw this.unexpected();
			joiner = word;
			this.next();
			items.push(this.parseNot());
		}
		if (!joiner) return first;
		return { kind: joiner === 'AND' ? 'and' : 'or', items };
	}

	private parseNot(): Expr {
		if (this.isKeyword('NOT')) {
			this.next();
			return { kind: 'not', expr: this.parsePrimary() };
		}
		return this.parsePrimary();
	}

	private parsePrimary(): Expr {
		const t = this.peek();
		if (t.kind === 'punct' && t.text === '(') {
			this.next();
			const inner = this.parseOr();
			this.expectPunct(')');
			return inner;
		}
		const f = this.fieldPath();
		if (this.peek().kind === 'punct' && this.peek().text === '(') throw unsupported(functionFeature(f.text));
		let op: string;
		if (this.peek().kind === 'op') op = this.next().text;
		else if (this.isKeyword('LIKE')) {
			this.next();
			op = 'LIKE';
		} else if (this.isKeyword('IN')) {
			this.next();
			op = 'IN';
		} else if (this.isKeyword('NOT') && this.isKeyword('IN', 1)) {
			this.next();
			this.next();
			op = 'NOT IN';
		} else if (this.isKeyword('INCLUDES') || this.isKeyword('EXCLUDES')) {
			throw unsupported('INCLUDES / EXCLUDES');
		} else throw this.unexpected();
		if (op === '<>') op = '!=';
		if (op === 'IN' || op === 'NOT IN') {
			this.expectPunct('(');
			if (this.isKeyword('SELECT')) throw unsupported('semi-join and anti-join subqueries (IN / NOT IN (SELECT …))');
			const values: Literal[] = [this.literal()];
			while (this.peek().text === ',') {
				this.next();
				values.push(this.literal());
			}
			this.expectPunct(')');
			return { kind: 'cond', path: f.text, pos: f.pos, op, value: values };
		}
		return { kind: 'cond', path: f.text, pos: f.pos, op, value: this.literal() };
	}

	private literal(): Literal {
		const t = this.next();
		switch (t.kind) {
			case 'string':
				return { kind: 'string', value: t.value!, pos: t.pos };
			case 'number':
				return { kind: 'number', value: Number(t.text), pos: t.pos };
			case 'date':
				if (Number.isNaN(Date.parse(`${t.text}T00:00:00Z`))) throw this.unexpected(t);
				return { kind: 'date', value: t.text, pos: t.pos };
			case 'datetime': {
				const iso = t.text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
				const ms = Date.parse(iso);
				if (Number.isNaN(ms)) throw this.unexpected(t);
				return { kind: 'datetime', value: ms, pos: t.pos };
			}
			case 'ident': {
				const word = t.text.toUpperCase();
				if (word === 'NULL') return { kind: 'null', pos: t.pos };
				if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE', pos: t.pos };
				if (DATE_LITERALS.has(word)) return { kind: 'dateLiteral', name: word, pos: t.pos };
				if (DATE_N_LITERALS.has(word)) {
					this.expectPunct(':');
					const n = this.integer();
					return { kind: 'dateLiteral', name: word, n, pos: t.pos };
				}
				if (OTHER_DATE_LITERAL.test(word)) throw unsupported(`the date literal ${word}`);
				if (/^[A-Z]{3}-?\d/.test(t.text)) throw unsupported('currency literals (USD5000)');
				if (this.peek().kind === 'punct' && this.peek().text === '(') throw unsupported(functionFeature(t.text));
				throw this.unexpected(t);
			}
			default:
				throw this.unexpected(t);
		}
	}
}

export function parseSoql(soql: string): Query {
	return new Parser(soql, tokenize(soql)).parseTop();
}

// ---------------------------------------------------------------- evaluation

export type Rec = Record<string, unknown>;

/** What the evaluator needs from the org. */
export interface QuerySource {
	records(object: ObjectDef): Rec[];
	/** Records in the recycle bin (IsDeleted true), for queryAll. */
	deletedRecords?(object: ObjectDef): Rec[];
	byId(id: string): Rec | undefined;
	now(): number;
}

interface ResolvedPath {
	/** Relationship names walked, canonical case (e.g. ['Account']). */
	relationships: Array<{ name: string; field: FieldDef }>;
	field: FieldDef;
}

const DAY = 86_400_000;

function startOfUtcDay(ms: number): number {
	return Math.floor(ms / DAY) * DAY;
}

function dateLiteralRange(literal: Extract<Literal, { kind: 'dateLiteral' }>, now: number): [number, number] {
	const today = startOfUtcDay(now);
	const d = new Date(today);
	const monthStart = (offset: number) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
	const yearStart = (offset: number) => Date.UTC(d.getUTCFullYear() + offset, 0, 1);
	switch (literal.name) {
		case 'TODAY':
			return [today, today + DAY];
		case 'YESTERDAY':
			return [today - DAY, today];
		case 'TOMORROW':
			return [today + DAY, today + 2 * DAY];
		case 'LAST_N_DAYS':
			return [today - (literal.n ?? 0) * DAY, today + DAY];
		case 'NEXT_N_DAYS':
			return [today + DAY, today + (1 + (literal.n ?? 0)) * DAY];
		case 'THIS_MONTH':
			return [monthStart(0), monthStart(1)];
		case 'LAST_MONTH':
			return [monthStart(-1), monthStart(0)];
		case 'NEXT_MONTH':
			return [monthStart(1), monthStart(2)];
		case 'THIS_YEAR':
			return [yearStart(0), yearStart(1)];
		default:
			return [yearStart(-1), yearStart(0)];
	}
}

/** Datetime values are stored as Salesforce prints them: 2026-11-23T17:00:00.000+0000. */
export function datetimeMs(value: unknown): number {
	return Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

function dateMs(value: unknown): number {
	return Date.parse(`${String(value)}T00:00:00Z`);
}

function likeToRegExp(pattern: string): RegExp {
	let out = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
			out += `\\${pattern[i + 1]}`;
			i++;
		} else if (c === '%') out += '.*';
		else if (c === '_') out += '.';
		else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${out}$`, 'is');
}

class Compiler {
	constructor(
		private readonly soql: string,
		private readonly source: QuerySource,
	) {}

	private error(code: SoqlError['errorCode'], pos: number, text: string): SoqlError {
		return new SoqlError(code, positionMessage(this.soql, pos, text));
	}

	resolvePath(object: ObjectDef, path: string, pos: number): ResolvedPath {
		const parts = path.split('.');
		const relationships: ResolvedPath['relationships'] = [];
		let current = object;
		for (let i = 0; i < parts.length - 1; i++) {
			const rel = relationshipField(current, parts[i]);
			const target = rel?.referenceTo?.[0] ? objectDef(rel.referenceTo[0]) : undefined;
			if (!rel || !target) {
				throw this.error(
					'INVALID_FIELD',
					pos,
					`Didn't understand relationship '${parts[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
				);
			}
			relationships.push({ name: rel.relationshipName!, field: rel });
			current = target;
		}
		const field = fieldDef(current, parts[parts.length - 1]);
		if (!field) {
			throw this.error(
				'INVALID_FIELD',
				pos,
				`No such column '${parts[parts.length - 1]}' on entity '${current.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
			);
		}
		return { relationships, field };
	}

	valueOf(record: Rec, path: ResolvedPath): unknown {
		let current: Rec | undefined = record;
		for (const step of path.relationships) {
			const id: unknown = current?.[step.field.name];
			current = typeof id === 'string' ? this.source.byId(id) : undefined;
			if (!current) return null;
		}
		return current?.[path.field.name] ?? null;
	}

	private typeError(field: FieldDef, literal: Literal): SoqlError {
		const typeName = field.type === 'datetime' ? 'dateTime' : isNumericType(field.type) ? 'double' : field.type === 'boolean' ? 'boolean' : field.type === 'date' ? 'date' : 'string';
		const quoting = typeName === 'string' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
		return this.error('INVALID_FIELD', literal.pos, `value of filter criterion for field '${field.name}' must be of type ${typeName} and ${quoting}`);
	}

	/** Turns a literal into a comparable value for the field, rejecting what Salesforce rejects. */
	private operand(field: FieldDef, literal: Literal): { value: unknown; range?: [number, number] } {
		if (literal.kind === 'null') return { value: null };
		const t = field.type;
		if (t === 'id' || t === 'reference') {
			if (literal.kind !== 'string') throw this.typeError(field, literal);
			if (!isValidId(literal.value)) throw this.error('INVALID_QUERY_FILTER_OPERATOR', literal.pos, `invalid ID field: ${literal.value}`);
			return { value: canonicalId(literal.value) };
		}
		if (isTextType(t)) {
			if (literal.kind !== 'string') throw this.typeError(field, literal);
			return { value: literal.value };
		}
		if (isNumericType(t)) {
			if (literal.kind !== 'number') throw this.typeError(field, literal);
			return { value: literal.value };
		}
		if (t === 'boolean') {
			if (literal.kind !== 'boolean') throw this.typeError(field, literal);
			return { value: literal.value };
		}
		if (t === 'date') {
			if (literal.kind === 'date') return { value: dateMs(literal.value) };
			if (literal.kind === 'dateLiteral') return { value: undefined, range: dateLiteralRange(literal, this.source.now()) };
			throw this.typeError(field, literal);
		}
		// datetime
		if (literal.kind === 'datetime') return { value: literal.value };
		if (literal.kind === 'dateLiteral') return { value: undefined, range: dateLiteralRange(literal, this.source.now()) };
		throw this.typeError(field, literal);
	}

	compileExpr(object: ObjectDef, node: Expr): (record: Rec) => boolean {
		if (node.kind === 'and' || node.kind === 'or') {
			const parts = node.items.map((e) => this.compileExpr(object, e));
			return node.kind === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
		}
		if (node.kind === 'not') {
			const inner = this.compileExpr(object, node.expr);
			return (r) => !inner(r);
		}
		const expr = node as Condition;
		const path = this.resolvePath(object, expr.path, expr.pos);
		const field = path.field;
		const t = field.type;
		const normalise = (raw: unknown): unknown => {
			if (raw === null || raw === undefined) return null;
			if (t === 'date') return dateMs(raw);
			if (t === 'datetime') return datetimeMs(raw);
			if (t === 'id' || t === 'reference') return canonicalId(String(raw)) ?? raw;
			if (isTextType(t)) return String(raw).toLowerCase();
			return raw;
		};
		const fold = (v: unknown) => (typeof v === 'string' && isTextType(t) && t !== 'id' && t !== 'reference' ? v.toLowerCase() : v);

		if (expr.op === 'IN' || expr.op === 'NOT IN') {
			const values = (expr.value as Literal[]).map((l) => fold(this.operand(field, l).value));
			const negate = expr.op === 'NOT IN';
			return (r) => {
				const v = normalise(this.valueOf(r, path));
				const hit = values.some((x) => x === v);
				return negate ? !hit : hit;
			};
		}
		const literal = expr.value as Literal;
		if (expr.op === 'LIKE') {
			if (!isTextType(t) || t === 'id' || t === 'reference') {
				throw this.error('INVALID_FIELD', expr.pos, `invalid operator on ${field.type} field: ${field.name}`);
			}
			if (literal.kind !== 'string') throw this.typeError(field, literal);
			const re = likeToRegExp(literal.value);
			return (r) => {
				const v = this.valueOf(r, path);
				return v !== null && re.test(String(v));
			};
		}
		if (literal.kind === 'null' && expr.op !== '=' && expr.op !== '!=') {
			throw this.error('MALFORMED_QUERY', literal.pos, `unexpected token: 'null'`);
		}
		if (t === 'boolean' && expr.op !== '=' && expr.op !== '!=') {
			throw this.error('INVALID_QUERY_FILTER_OPERATOR', expr.pos, `invalid operator on boolean field: ${field.name}`);
		}
		const { value, range } = this.operand(field, literal);
		const target = fold(value);
		const op = expr.op;
		return (r) => {
			const v = normalise(this.valueOf(r, path)) as any;
			if (range) {
				if (v === null) return op === '!=';
				const [from, to] = range;
				switch (op) {
					case '=':
						return v >= from && v < to;
					case '!=':
						return v < from || v >= to;
					case '<':
						return v < from;
					case '<=':
						return v < to;
					case '>':
						return v >= to;
					default:
						return v >= from;
				}
			}
			if (op === '=') return v === target;
			if (op === '!=') return v !== target;
			if (v === null || target === null) return false;
			const x = target as any;
			switch (op) {
				case '<':
					return v < x;
				case '<=':
					return v <= x;
				case '>':
					return v > x;
				default:
					return v >= x;
			}
		};
	}
}

export interface QueryResult {
	totalSize: number;
	records: Rec[];
	countOnly: boolean;
}

/**
 * Parses, checks and runs a query; records come back shaped as the REST API returns them. `includeDeleted`
 * is queryAll: deleted records (the recycle bin) match too.
 */
export function runSoql(soql: string, source: QuerySource, version: string, options: { includeDeleted?: boolean } = {}): QueryResult {
	const query = parseSoql(soql);
	const compiler = new Compiler(soql, source);
	const rows = options.includeDeleted
		? (object: ObjectDef) => [...source.records(object), ...(source.deletedRecords?.(object) ?? [])]
		: (object: ObjectDef) => source.records(object).filter((r) => r.IsDeleted !== true);
	return execute(query, compiler, { records: rows, byId: (id) => source.byId(id), now: () => source.now() }, version, soql);
}

function attributes(object: ObjectDef, record: Rec, version: string): Rec {
	return { type: object.name, url: `/services/data/${version}/sobjects/${object.name}/${String(record.Id)}` };
}

function execute(query: Query, compiler: Compiler, source: QuerySource, version: string, soql: string, parent?: { object: ObjectDef; rel: string; parentId: string }): QueryResult {
	let object: ObjectDef | undefined;
	let filterParent: ((r: Rec) => boolean) | undefined;
	if (parent) {
		const rel = childRelationship(parent.object, query.from);
		if (!rel) {
			throw new SoqlError(
				'INVALID_TYPE',
				positionMessage(soql, query.fromPos, `Didn't understand relationship '${query.from}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`),
			);
		}
		object = objectDef(rel.childSObject)!;
		filterParent = (r) => r[rel.field] === parent.parentId;
	} else {
		object = objectDef(query.from);
		if (!object) {
			throw new SoqlError(
				'INVALID_TYPE',
				positionMessage(soql, query.fromPos, `sObject type '${query.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`),
			);
		}
	}
	const obj = object;

	const countOnly = query.select.some((s) => s.kind === 'count');
	if (countOnly && query.select.length > 1) {
		throw new SoqlError('MALFORMED_QUERY', positionMessage(soql, query.select[1].pos, 'COUNT() cannot be combined with other fields'));
	}
	// Resolve every selected path up front so a bad name fails even when no row matches.
	const seen = new Set<string>();
	for (const s of query.select) {
		if (s.kind !== 'field') continue;
		const resolved = compiler.resolvePath(obj, s.path, s.pos);
		const key = [...resolved.relationships.map((r) => r.name), resolved.field.name].join('.').toLowerCase();
		if (seen.has(key)) throw new SoqlError('MALFORMED_QUERY', positionMessage(soql, s.pos, `duplicate field selected: ${s.path}`));
		seen.add(key);
	}
	const subqueries = query.select.filter((s): s is Extract<SelectItem, { kind: 'subquery' }> => s.kind === 'subquery');
	for (const sub of subqueries) {
		// Validate the subquery against a parent that matches nothing, so its errors surface now.
		execute(sub.query, compiler, source, version, soql, { object: obj, rel: sub.query.from, parentId: '' });
	}
	const where = query.where ? compiler.compileExpr(obj, query.where) : () => true;
	const order = query.orderBy.map((o) => ({ ...o, resolved: compiler.resolvePath(obj, o.path, o.pos) }));

	let rows = source.records(obj).filter((r) => (!filterParent || filterParent(r)) && where(r));
	if (order.length) {
		rows = [...rows].sort((a, b) => {
			for (const o of order) {
				let x = compiler.valueOf(a, o.resolved) as any;
				let y = compiler.valueOf(b, o.resolved) as any;
				if (x === y) continue;
				if (x === null) return o.nullsLast ? 1 : -1;
				if (y === null) return o.nullsLast ? -1 : 1;
				if (o.resolved.field.type === 'datetime') {
					x = datetimeMs(x);
					y = datetimeMs(y);
				} else if (typeof x === 'string') {
					x = x.toLowerCase();
					y = String(y).toLowerCase();
				}
				if (x === y) continue;
				const cmp = x < y ? -1 : 1;
				return o.desc ? -cmp : cmp;
			}
			return 0;
		});
	}
	if (query.offset) rows = rows.slice(query.offset);
	if (query.limit !== undefined) rows = rows.slice(0, query.limit);
	if (countOnly) return { totalSize: rows.length, records: [], countOnly: true };

	const records = rows.map((row) => {
		const out: Rec = { attributes: attributes(obj, row, version) };
		query.select.forEach((item) => {
			if (item.kind === 'subquery') {
				const rel = childRelationship(obj, item.query.from)!;
				const children = execute(item.query, compiler, source, version, soql, { object: obj, rel: rel.relationshipName, parentId: String(row.Id) });
				out[rel.relationshipName] = children.records.length ? { totalSize: children.totalSize, done: true, records: children.records } : null;
				return;
			}
			if (item.kind !== 'field') return;
			const resolved = compiler.resolvePath(obj, item.path, item.pos);
			if (!resolved.relationships.length) {
				out[resolved.field.name] = row[resolved.field.name] ?? null;
				return;
			}
			// Nest relationship fields: Account.Owner.Name → { Account: { Owner: { Name } } }.
			let holder = out;
			let current: Rec | undefined = row;
			for (const step of resolved.relationships) {
				const id: unknown = current?.[step.field.name];
				current = typeof id === 'string' ? source.byId(id) : undefined;
				if (!current) {
					if (!(step.name in holder)) holder[step.name] = null;
					return;
				}
				const targetObject = objectDef(step.field.referenceTo![0])!;
				if (!holder[step.name]) holder[step.name] = { attributes: attributes(targetObject, current, version) };
				holder = holder[step.name] as Rec;
			}
			holder[resolved.field.name] = current?.[resolved.field.name] ?? null;
		});
		return out;
	});
	return { totalSize: records.length, records, countOnly: false };
}
