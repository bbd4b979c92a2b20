/**
 * `$filter` for the sandbox: a parser for the subset the connectors use (comparison, and / or / not,
 * parentheses, contains / startswith / endswith, null, quoted strings with '' escapes, numbers, GUIDs, dates,
 * date-times, booleans) and its evaluation over a record. Anything else is refused as not supported by the
 * sandbox, never guessed at.
 */
import { ODataError } from './types';
import type { EdmType, ODataRecord } from './types';

type Literal = { kind: 'literal'; value: string | number | boolean | null; literalType: 'string' | 'number' | 'boolean' | 'null' | 'guid' | 'date' | 'datetime' };
type PropertyRef = { kind: 'property'; name: string };
type Operand = Literal | PropertyRef;

export type FilterNode =
	| { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
	| { kind: 'not'; operand: FilterNode }
	| { kind: 'compare'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; left: Operand; right: Operand }
	| { kind: 'function'; name: 'contains' | 'startswith' | 'endswith'; property: PropertyRef; value: Literal }
	| { kind: 'boolProperty'; property: PropertyRef };

interface Token {
	type: 'string' | 'word' | 'open' | 'close' | 'comma';
	text: string;
	position: number;
}

function notSupported(what: string): ODataError {
	return new ODataError(501, 'notSupportedBySandbox', `${what} is not supported by the sandbox`);
}

function syntax(message: string): ODataError {
	return new ODataError(400, 'queryInvalid', `Syntax error in $filter: ${message}`);
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		// An enum literal `Namespace.EnumType'Member'` (how F&O writes enum values) compares as its member name.
		const enumType = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?=')/.exec(text.slice(i));
		if (enumType) {
			i += enumType[0].length;
			continue;
		}
		if (c === "'") {
			let value = '';
			let j = i + 1;
			for (;;) {
				if (j >= text.length) throw syntax(`unterminated string literal at position ${i}`);
				if (text[j] === "'") {
					if (text[j + 1] === "'") {
						value += "'";
						j += 2;
						continue;
					}
					break;
				}
				value += text[j++];
			}
			tokens.push({ type: 'string', text: value, position: i });
			i = j + 1;
			continue;
		}
		if (c === '(' || c === ')' || c === ',') {
			tokens.push({ type: c === '(' ? 'open' : c === ')' ? 'close' : 'comma', text: c, position: i });
			i++;
			continue;
		}
		const match = /^[A-Za-z0-9_.:+\-/@$]+/.exec(text.slice(i));
		if (!match) throw syntax(`unexpected character '${c}' at position ${i}`);
		tokens.push({ type: 'word', text: match[0], position: i });
		i += match[0].length;
	}
	return tokens;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?$/;
const COMPARISON = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

class Parser {
	private index = 0;

	constructor(private readonly tokens: Token[]) {}

	parse(): FilterNode {
		const node = this.or();
		if (this.index < this.tokens.length) throw syntax(`unexpected '${this.tokens[this.index].text}' at position ${this.tokens[this.index].position}`);
		return node;
	}

	private peek(): Token | undefined {
		return this.tokens[this.index];
	}

	private isWord(text: string): boolean {
		const token = this.peek();
		return token?.type === 'word' && token.text === text;
	}

	private or(): FilterNode {
		let left = this.and();
		while (this.isWord('or')) {
			this.index++;
			left = { kind: 'or', left, right: this.and() };
		}
		return left;
	}

	private and(): FilterNode {
		let left = this.unary();
		while (this.isWord('and')) {
			this.index++;
			left = { kind: 'and', left, right: this.unary() };
		}
		return left;
	}

	private unary(): FilterNode {
		if (this.isWord('not')) {
			this.index++;
			return { kind: 'not', operand: this.unary() };
		}
		return this.primary();
	}

	private primary(): FilterNode {
		const token = this.peek();
		if (!token) throw syntax('the expression ends too early');
		if (token.type === 'open') {
			this.index++;
			const inner = this.or();
			if (this.peek()?.type !== 'close') throw syntax(`missing ')' for '(' at position ${token.position}`);
			this.index++;
			return inner;
		}
		if (token.type === 'word' && this.tokens[this.index + 1]?.type === 'open') {
			return this.functionCall();
		}
		const left = this.operand();
		const operator = this.peek();
		if (operator?.type === 'word' && COMPARISON.has(operator.text)) {
			this.index++;
			const right = this.operand();
			return { kind: 'compare', op: operator.text as 'eq', left, right };
		}
		if (operator?.type === 'word' && ['in', 'has', 'add', 'sub', 'mul', 'div', 'mod'].includes(operator.text)) throw notSupported(`The $filter operator '${operator.text}'`);
		if (left.kind === 'property') return { kind: 'boolProperty', property: left };
		throw syntax(`expected a comparison after position ${token.position}`);
	}

	private functionCall(): FilterNode {
		const name = this.tokens[this.index].text;
		if (!['contains', 'startswith', 'endswith'].includes(name)) throw notSupported(`The $filter function '${name}'`);
		this.index += 2;
		const property = this.operand();
		if (property.kind !== 'property') throw syntax(`${name} needs a property as its first argument`);
		if (this.peek()?.type !== 'comma') throw syntax(`${name} needs two arguments`);
		this.index++;
		const value = this.operand();
		if (value.kind !== 'literal' || value.literalType !== 'string') throw syntax(`${name} needs a string literal as its second argument`);
		if (this.peek()?.type !== 'close') throw syntax(`missing ')' after ${name}(`);
		this.index++;
		return { kind: 'function', name: name as 'contains', property, value };
	}

	private operand(): Operand {
		const token = this.peek();
		if (!token) throw syntax('the expression ends too early');
		this.index++;
		if (token.type === 'string') return { kind: 'literal', value: token.text, literalType: 'string' };
		if (token.type !== 'word') throw syntax(`unexpected '${token.text}' at position ${token.position}`);
		const text = token.text;
		if (text === 'null') return { kind: 'literal', value: null, literalType: 'null' };
		if (text === 'true' || text === 'false') return { kind: 'literal', value: text === 'true', literalType: 'boolean' };
		if (GUID.test(text)) return { kind: 'literal', value: text.toLowerCase(), literalType: 'guid' };
		if (DATETIME.test(text)) return { kind: 'literal', value: text, literalType: 'datetime' };
		if (DATE.test(text)) return { kind: 'literal', value: text, literalType: 'date' };
		if (NUMBER.test(text)) return { kind: 'literal', value: Number(text.replace(/[mMdDfFlL]$/, '')), literalType: 'number' };
		if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) return { kind: 'property', name: text };
		if (text.includes('/')) throw notSupported(`The property path '${text}' in $filter`);
		if (text.startsWith('Microsoft.') || text.includes('.')) throw notSupported(`'${text}' in $filter`);
		throw syntax(`'${text}' at position ${token.position} is not a property or a literal`);
	}
}

export function parseFilter(text: string): FilterNode {
	return new Parser(tokenize(text)).parse();
}

/** Names each property the filter uses, so the service can check them against the entity type. */
export function filterProperties(node: FilterNode, out: PropertyRef[] = []): PropertyRef[] {
	switch (node.kind) {
		case 'and':
		case 'or':
			filterProperties(node.left, out);
			filterProperties(node.right, out);
			break;
		case 'not':
			filterProperties(node.operand, out);
			break;
		case 'compare':
			for (const side of [node.left, node.right]) if (side.kind === 'property') out.push(side);
			break;
		case 'function':
			out.push(node.property);
			break;
		case 'boolProperty':
			out.push(node.property);
	}
	return out;
}

export interface FilterContext {
	/** The record's value of a property (name as resolved by the service). */
	valueOf(record: ODataRecord, name: string): unknown;
	typeOf(name: string): EdmType | undefined;
	caseInsensitive: boolean;
}

/** A literal must fit the property it is compared with, as OData's type checks require. */
function checkLiteral(type: EdmType | undefined, literal: Literal, property: string): void {
	if (literal.literalType === 'null' || !type) return;
	const fits: Record<string, Literal['literalType'][]> = {
		'Edm.String': ['string'],
		'Edm.Guid': ['guid'],
		'Edm.Int32': ['number'],
		'Edm.Int64': ['number'],
		'Edm.Decimal': ['number'],
		'Edm.Double': ['number'],
		'Edm.Boolean': ['boolean'],
		'Edm.DateTimeOffset': ['datetime', 'date'],
		'Edm.Date': ['date'],
	};
	const allowed = fits[type];
	// An enum member (F&O) is compared as its name in a string literal.
	if (allowed && !allowed.includes(literal.literalType) && !(type === 'Edm.String' && literal.literalType === 'guid')) {
		throw new ODataError(400, 'queryInvalid', `A binary operator with incompatible types was detected. Found operand types '${type}' and '${literal.literalType}' for property '${property}'.`);
	}
}

function comparable(value: unknown, type: EdmType | undefined, caseInsensitive: boolean): string | number | boolean | null {
	if (value === null || value === undefined) return null;
	if (type === 'Edm.DateTimeOffset') return Date.parse(String(value));
	if (type === 'Edm.Guid') return String(value).toLowerCase();
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	return caseInsensitive ? String(value).toLowerCase() : String(value);
}

function compare(op: string, a: string | number | boolean | null, b: string | number | boolean | null): boolean {
	if (op === 'eq') return a === b;
	if (op === 'ne') return a !== b;
	if (a === null || b === null) return false;
	if (op === 'gt') return a > b;
	if (op === 'ge') return a >= b;
	if (op === 'lt') return a < b;
	return a <= b;
}

export function evaluateFilter(node: FilterNode, record: ODataRecord, context: FilterContext): boolean {
	switch (node.kind) {
		case 'and':
			return evaluateFilter(node.left, record, context) && evaluateFilter(node.right, record, context);
		case 'or':
			return evaluateFilter(node.left, record, context) || evaluateFilter(node.right, record, context);
		case 'not':
			return !evaluateFilter(node.operand, record, context);
		case 'boolProperty':
			return context.valueOf(record, node.property.name) === true;
		case 'function': {
			const raw = context.valueOf(record, node.property.name);
			if (raw === null || raw === undefined) return false;
			const value = context.caseInsensitive ? String(raw).toLowerCase() : String(raw);
			const needle = context.caseInsensitive ? String(node.value.value).toLowerCase() : String(node.value.value);
			if (node.name === 'contains') return value.includes(needle);
			if (node.name === 'startswith') return value.startsWith(needle);
			return value.endsWith(needle);
		}
		case 'compare': {
			const { left, right } = node;
			const propertyType = left.kind === 'property' ? context.typeOf(left.name) : right.kind === 'property' ? context.typeOf(right.name) : undefined;
			const side = (operand: Operand): string | number | boolean | null => {
				if (operand.kind === 'property') return comparable(context.valueOf(record, operand.name), context.typeOf(operand.name), context.caseInsensitive);
				if (operand.literalType === 'date' && propertyType === 'Edm.DateTimeOffset') return Date.parse(`${String(operand.value)}T00:00:00Z`);
				return comparable(operand.value, operand.literalType === 'datetime' ? 'Edm.DateTimeOffset' : propertyType, context.caseInsensitive);
			};
			if (left.kind === 'property' && right.kind === 'literal') checkLiteral(context.typeOf(left.name), right, left.name);
			if (right.kind === 'property' && left.kind === 'literal') checkLiteral(context.typeOf(right.name), left, right.name);
			return compare(node.op, side(left), side(right));
		}
	}
}
