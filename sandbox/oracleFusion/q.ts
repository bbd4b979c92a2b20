/**
 * Oracle's `q` parameter as the REST framework reads it. Version 1: query by example, `Attr=value;Attr2=value`
 * (`*` a wildcard). Version 2 and later: row-match expressions, `Attr = 'x' and (B > 3 or C is null)`, with
 * `=`, `!=`, `<>`, `<`, `<=`, `>`, `>=`, `LIKE` (`%` and `*` wildcards), `is null`, `is not null`, `in (…)`,
 * `between … and …`, `and`, `or`, `not` and parentheses; literals in single or double quotes with backslash
 * escapes, numbers, true/false. Anything else is a syntax error (the framework's 400).
 */

export type Row = Record<string, unknown>;
export type Predicate = (row: Row) => boolean;

export class QSyntaxError extends Error {}

type Token = { kind: 'word' | 'string' | 'number' | 'op' | 'paren' | 'comma'; text: string };

function tokenize(input: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < input.length) {
		const c = input[i];
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (c === "'" || c === '"') {
			let value = '';
			i++;
			let closed = false;
			while (i < input.length) {
				const d = input[i];
				if (d === '\\' && i + 1 < input.length) {
					value += input[i + 1];
					i += 2;
					continue;
				}
				if (d === c) {
					closed = true;
					i++;
					break;
				}
				value += d;
				i++;
			}
			if (!closed) throw new QSyntaxError(`unterminated literal starting ${c}${value.slice(0, 20)}`);
			tokens.push({ kind: 'string', text: value });
			continue;
		}
		if (c === '(' || c === ')') {
			tokens.push({ kind: 'paren', text: c });
			i++;
			continue;
		}
		if (c === ',') {
			tokens.push({ kind: 'comma', text: c });
			i++;
			continue;
		}
		const op = /^(<>|!=|<=|>=|=|<|>)/.exec(input.slice(i));
		if (op) {
			tokens.push({ kind: 'op', text: op[1] });
			i += op[1].length;
			continue;
		}
		const number = /^-?\d+(\.\d+)?(?![A-Za-z_])/.exec(input.slice(i));
		if (number) {
			tokens.push({ kind: 'number', text: number[0] });
			i += number[0].length;
			continue;
		}
		const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(input.slice(i));
		if (word) {
			tokens.push({ kind: 'word', text: word[0] });
			i += word[0].length;
			continue;
		}
		throw new QSyntaxError(`unexpected character ${JSON.stringify(c)} at ${i}`);
	}
	return tokens;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function compare(a: unknown, b: unknown): number {
	if (typeof a === 'number' || typeof b === 'number') {
		const x = Number(a);
		const y = Number(b);
		if (Number.isFinite(x) && Number.isFinite(y)) return x === y ? 0 : x < y ? -1 : 1;
	}
	if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b) ? 0 : 1;
	// Timestamps compare as instants, whatever their zone notation (Z, +00:00) or precision.
	if (typeof a === 'string' && typeof b === 'string' && TIMESTAMP.test(a) && TIMESTAMP.test(b)) {
		const x = Date.parse(a);
		const y = Date.parse(b);
		return x === y ? 0 : x < y ? -1 : 1;
	}
	const x = String(a);
	const y = String(b);
	return x === y ? 0 : x < y ? -1 : 1;
}

function likeRegex(pattern: string): RegExp {
	const body = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/[%*]/g, '.*').replace(/_/g, '.');
	return new RegExp(`^${body}$`, 'i');
}

/** Parses a version 2+ expression; `attributes` are the names the resource has (unknown ones are errors). */
export function parseExpression(input: string, attributes: Set<string>): Predicate {
	const tokens = tokenize(input);
	let position = 0;
	const peek = () => tokens[position];
	const next = () => tokens[position++];
	const keyword = (word: string) => peek()?.kind === 'word' && peek().text.toLowerCase() === word;
	const literal = (): unknown => {
		const token = next();
		if (!token) throw new QSyntaxError('a value is missing at the end');
		if (token.kind === 'string') return token.text;
		if (token.kind === 'number') return Number(token.text);
		if (token.kind === 'word' && /^(true|false)$/i.test(token.text)) return token.text.toLowerCase() === 'true';
		throw new QSyntaxError(`expected a value, found ${token.text}`);
	};
	const comparison = (): Predicate => {
		const token = next();
		if (!token || token.kind !== 'word') throw new QSyntaxError(`expected an attribute name, found ${token?.text ?? 'the end'}`);
		const attribute = token.text;
		if (!attributes.has(attribute)) throw new QSyntaxError(`the attribute ${attribute} is not in the resource`);
		if (keyword('is')) {
			next();
			const negate = keyword('not');
			if (negate) next();
			if (!keyword('null')) throw new QSyntaxError('expected null after is');
			next();
			return (row) => (row[attribute] === null || row[attribute] === undefined) !== negate;
		}
		if (keyword('like')) {
			next();
			const regex = likeRegex(String(literal()));
			return (row) => row[attribute] !== null && row[attribute] !== undefined && regex.test(String(row[attribute]));
		}
		if (keyword('in')) {
			next();
			if (next()?.text !== '(') throw new QSyntaxError('expected ( after in');
			const values: unknown[] = [literal()];
			while (peek()?.kind === 'comma') {
				next();
				values.push(literal());
			}
			if (next()?.text !== ')') throw new QSyntaxError('expected ) to close in');
			return (row) => values.some((v) => compare(row[attribute], v) === 0);
		}
		if (keyword('between')) {
			next();
			const low = literal();
			if (!keyword('and')) throw new QSyntaxError('expected and in between');
			next();
			const high = literal();
			return (row) => row[attribute] != null && compare(row[attribute], low) >= 0 && compare(row[attribute], high) <= 0;
		}
		const op = next();
		if (!op || op.kind !== 'op') throw new QSyntaxError(`expected an operator after ${attribute}`);
		const value = literal();
		return (row) => {
			const actual = row[attribute];
			if (actual === null || actual === undefined) return false;
			const c = compare(actual, value);
			switch (op.text) {
				case '=':
					return c === 0;
				case '!=':
				case '<>':
					return c !== 0;
				case '<':
					return c < 0;
				case '<=':
					return c <= 0;
				case '>':
					return c > 0;
				default:
					return c >= 0;
			}
		};
	};
	const factor = (): Predicate => {
		if (keyword('not')) {
			next();
			const inner = factor();
			return (row) => !inner(row);
		}
		if (peek()?.text === '(') {
			next();
			const inner = or();
			if (next()?.text !== ')') throw new QSyntaxError('a parenthesis is not closed');
			return inner;
		}
		return comparison();
	};
	const and = (): Predicate => {
		const parts = [factor()];
		while (keyword('and')) {
			next();
			parts.push(factor());
		}
		return (row) => parts.every((p) => p(row));
	};
	const or = (): Predicate => {
		const parts = [and()];
		while (keyword('or')) {
			next();
			parts.push(and());
		}
		return (row) => parts.some((p) => p(row));
	};
	const predicate = or();
	if (position < tokens.length) throw new QSyntaxError(`unexpected ${tokens[position].text} after the expression`);
	return predicate;
}

/** Version 1 query by example: `Attr=value;Attr2=value`, `*` matching any text. */
export function parseQueryByExample(input: string, attributes: Set<string>): Predicate {
	const parts = input.split(';').filter(Boolean).map((part) => {
		const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(part.trim());
		if (!match) throw new QSyntaxError(`"${part}" is not Attribute=value`);
		if (!attributes.has(match[1])) throw new QSyntaxError(`the attribute ${match[1]} is not in the resource`);
		const regex = likeRegex(match[2]);
		return (row: Row) => row[match[1]] !== null && row[match[1]] !== undefined && regex.test(String(row[match[1]]));
	});
	return (row) => parts.every((p) => p(row));
}
