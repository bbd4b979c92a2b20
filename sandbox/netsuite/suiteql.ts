/**
 * The SuiteQL subset the sandbox answers: SELECT columns or * FROM one table [alias] WHERE (=, <>, !=, <, >,
 * <=, >=, [NOT] LIKE [ESCAPE], [NOT] IN, IS [NOT] NULL, AND, OR, NOT, parentheses) ORDER BY. A query NetSuite
 * would refuse too (unknown table or field, broken syntax) is refused as NetSuite does; a SuiteQL feature
 * outside the subset (joins, functions such as BUILTIN.DF, aggregates, GROUP BY, subqueries …) is refused
 * with SuiteQlUnsupported, whose text says plainly that the sandbox does not support it. Both are 400
 * INVALID_PARAMETER on `q`.
 */
export type Row = Record<string, unknown>;

export class SuiteQlError extends Error {}

/** A valid SuiteQL feature this sandbox does not implement. */
export class SuiteQlUnsupported extends Error {
	constructor(readonly feature: string) {
		super(
			`The NetSuite sandbox does not support ${feature} in SuiteQL. It runs SELECT columns or * FROM one table [alias], ` +
				'WHERE with comparisons, LIKE, IN, IS NULL, AND, OR, NOT, and ORDER BY.',
		);
	}
}

/** SuiteQL (Oracle SQL) words the subset has no place for, by the feature they belong to. */
const UNSUPPORTED_WORDS = new Map<string, string>(Object.entries({
	join: 'JOIN',
	inner: 'JOIN',
	left: 'JOIN',
	right: 'JOIN',
	full: 'JOIN',
	cross: 'JOIN',
	outer: 'JOIN',
	on: 'JOIN',
	group: 'GROUP BY',
	having: 'HAVING',
	union: 'UNION / INTERSECT / MINUS',
	intersect: 'UNION / INTERSECT / MINUS',
	minus: 'UNION / INTERSECT / MINUS',
	distinct: 'DISTINCT',
	top: 'TOP n',
	fetch: 'FETCH FIRST n ROWS',
	offset: 'OFFSET … ROWS',
	case: 'CASE expressions',
	between: 'BETWEEN',
	exists: 'EXISTS subqueries',
	nulls: 'NULLS FIRST / NULLS LAST',
	rownum: 'ROWNUM',
	sysdate: 'SYSDATE and other date expressions',
	current_date: 'SYSDATE and other date expressions',
}));

type Token =
	| { t: 'ident'; v: string }
	| { t: 'string'; v: string }
	| { t: 'number'; v: number }
	| { t: 'op'; v: string }
	| { t: 'punct'; v: string };

const KEYWORDS = new Set(['select', 'from', 'where', 'and', 'or', 'not', 'like', 'escape', 'in', 'is', 'null', 'order', 'by', 'asc', 'desc', 'as']);

function tokenize(sql: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < sql.length) {
		const c = sql[i];
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (c === "'") {
			let value = '';
			i++;
			for (;;) {
				if (i >= sql.length) throw new SuiteQlError('Unterminated string literal');
				if (sql[i] === "'") {
					if (sql[i + 1] === "'") {
						value += "'";
						i += 2;
						continue;
					}
					i++;
					break;
				}
				value += sql[i++];
			}
			tokens.push({ t: 'string', v: value });
			continue;
		}
		const number = /^-?\d+(\.\d+)?/.exec(sql.slice(i));
		if (number && (c !== '-' || tokens.length === 0 || tokens[tokens.length - 1].t === 'op' || tokens[tokens.length - 1].v === '(' || tokens[tokens.length - 1].v === ',')) {
			tokens.push({ t: 'number', v: Number(number[0]) });
			i += number[0].length;
			continue;
		}
		const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i));
		if (ident) {
			tokens.push({ t: 'ident', v: ident[0] });
			i += ident[0].length;
			continue;
		}
		const op = /^(<>|!=|<=|>=|=|<|>)/.exec(sql.slice(i));
		if (op) {
			tokens.push({ t: 'op', v: op[0] });
			i += op[0].length;
			continue;
		}
		if ('(),.*'.includes(c)) {
			tokens.push({ t: 'punct', v: c });
			i++;
			continue;
		}
		if ('+-/|'.includes(c)) throw new SuiteQlUnsupported('arithmetic and string operators (+ - * / ||)');
		if (c === '"') throw new SuiteQlUnsupported('quoted identifiers');
		throw new SuiteQlError(`Unexpected character "${c}"`);
	}
	return tokens;
}

type Expr =
	| { k: 'and' | 'or'; l: Expr; r: Expr }
	| { k: 'not'; e: Expr }
	| { k: 'cmp'; col: string; op: string; value: string | number }
	| { k: 'like'; col: string; pattern: string; escape?: string; negate: boolean }
	| { k: 'in'; col: string; values: Array<string | number>; negate: boolean }
	| { k: 'null'; col: string; negate: boolean };

export interface Query {
	columns: Array<{ column: string; alias: string }> | '*';
	table: string;
	alias?: string;
	where?: Expr;
	orderBy: Array<{ column: string; desc: boolean }>;
}

class Parser {
	private i = 0;
	constructor(private readonly tokens: Token[]) {}

	private peek(): Token | undefined {
		return this.tokens[this.i];
	}

	private isKeyword(word: string): boolean {
		const t = this.peek();
		return t?.t === 'ident' && t.v.toLowerCase() === word;
	}

	private keyword(word: string): void {
		if (!this.isKeyword(word)) throw new SuiteQlError(`Expected ${word.toUpperCase()}`);
		this.i++;
	}

	private punct(value: string): boolean {
		const t = this.peek();
		if (t?.t === 'punct' && t.v === value) {
			this.i++;
			return true;
		}
		return false;
	}

	/** Throws SuiteQlUnsupported when the next token starts a feature outside the subset. */
	private refuseUnsupported(): void {
		const t = this.peek();
		const feature = t?.t === 'ident' ? UNSUPPORTED_WORDS.get(t.v.toLowerCase()) : undefined;
		if (feature) throw new SuiteQlUnsupported(feature);
		const next = this.tokens[this.i + 1];
		if (t?.t === 'punct' && t.v === '(' && next?.t === 'ident' && next.v.toLowerCase() === 'select') {
			throw new SuiteQlUnsupported('subqueries');
		}
	}

	private identifier(): string {
		this.refuseUnsupported();
		const t = this.peek();
		if (t?.t !== 'ident' || KEYWORDS.has(t.v.toLowerCase())) throw new SuiteQlError('Expected a name');
		this.i++;
		return t.v;
	}

	/** `column` or `table.column`; the qualifier must be the table or its alias (checked later). */
	private columnRef(): string {
		const first = this.identifier();
		const ref = this.punct('.') ? `${first}.${this.identifier()}` : first;
		if (this.peek()?.t === 'punct' && this.peek()?.v === '(') {
			const name = ref.toUpperCase();
			throw new SuiteQlUnsupported(/^(COUNT|SUM|AVG|MIN|MAX)$/.test(name) ? `aggregate functions (${name}())` : `functions (${name}())`);
		}
		return ref;
	}

	private literal(): string | number {
		this.refuseUnsupported();
		const t = this.peek();
		if (t?.t === 'string' || t?.t === 'number') {
			this.i++;
			return t.v;
		}
		if (t?.t === 'ident' && !KEYWORDS.has(t.v.toLowerCase())) {
			const next = this.tokens[this.i + 1];
			if (next?.t === 'punct' && next.v === '(') throw new SuiteQlUnsupported(`functions (${t.v.toUpperCase()}())`);
			throw new SuiteQlUnsupported('comparing a column with another column');
		}
		throw new SuiteQlError('Expected a literal value');
	}

	parse(): Query {
		this.keyword('select');
		this.refuseUnsupported();
		let columns: Query['columns'];
		if (this.punct('*')) columns = '*';
		else {
			columns = [];
			do {
				const column = this.columnRef();
				let alias = column.includes('.') ? column.split('.')[1] : column;
				if (this.isKeyword('as')) {
					this.i++;
					alias = this.identifier();
				} else if (this.peek()?.t === 'ident' && !this.isKeyword('from')) alias = this.identifier();
				columns.push({ column, alias: alias.toLowerCase() });
			} while (this.punct(','));
		}
		this.keyword('from');
		const table = this.identifier();
		let alias: string | undefined;
		if (this.peek()?.t === 'ident' && !this.isKeyword('where') && !this.isKeyword('order')) alias = this.identifier();
		if (this.peek()?.t === 'punct' && this.peek()?.v === ',') throw new SuiteQlUnsupported('JOIN');
		this.refuseUnsupported();
		let where: Expr | undefined;
		if (this.isKeyword('where')) {
			this.i++;
			where = this.or();
		}
		this.refuseUnsupported();
		const orderBy: Query['orderBy'] = [];
		if (this.isKeyword('order')) {
			this.i++;
			this.keyword('by');
			do {
				const column = this.columnRef();
				let desc = false;
				if (this.isKeyword('asc')) this.i++;
				else if (this.isKeyword('desc')) {
					this.i++;
					desc = true;
				}
				orderBy.push({ column, desc });
				this.refuseUnsupported();
			} while (this.punct(','));
		}
		this.refuseUnsupported();
		if (this.i < this.tokens.length) throw new SuiteQlError('Unexpected text after the query');
		return { columns, table, alias, where, orderBy };
	}

	private or(): Expr {
		let left = this.and();
		while (this.isKeyword('or')) {
			this.i++;
			left = { k: 'or', l: left, r: this.and() };
		}
		return left;
	}

	private and(): Expr {
		let left = this.not();
		while (this.isKeyword('and')) {
			this.i++;
			left = { k: 'and', l: left, r: this.not() };
		}
		return left;
	}

	private not(): Expr {
		if (this.isKeyword('not')) {
			this.i++;
			return { k: 'not', e: this.not() };
		}
		if (this.punct('(')) {
			const inner = this.or();
			if (!this.punct(')')) throw new SuiteQlError('Expected )');
			return inner;
		}
		return this.predicate();
	}

	private predicate(): Expr {
		this.refuseUnsupported();
		if (this.peek()?.t !== 'ident') throw new SuiteQlUnsupported('conditions on anything but a column');
		const col = this.columnRef();
		this.refuseUnsupported();
		const t = this.peek();
		if (t?.t === 'op') {
			this.i++;
			return { k: 'cmp', col, op: t.v === '!=' ? '<>' : t.v, value: this.literal() };
		}
		if (this.isKeyword('is')) {
			this.i++;
			const negate = this.isKeyword('not');
			if (negate) this.i++;
			this.keyword('null');
			return { k: 'null', col, negate };
		}
		const negate = this.isKeyword('not');
		if (negate) this.i++;
		this.refuseUnsupported();
		if (this.isKeyword('like')) {
			this.i++;
			const pattern = this.literal();
			if (typeof pattern !== 'string') throw new SuiteQlError('LIKE needs a string');
			let escape: string | undefined;
			if (this.isKeyword('escape')) {
				this.i++;
				const e = this.literal();
				if (typeof e !== 'string' || e.length !== 1) throw new SuiteQlError('ESCAPE needs one character');
				escape = e;
			}
			return { k: 'like', col, pattern, escape, negate };
		}
		if (this.isKeyword('in')) {
			this.i++;
			this.refuseUnsupported();
			if (!this.punct('(')) throw new SuiteQlError('Expected ( after IN');
			const values: Array<string | number> = [];
			do values.push(this.literal());
			while (this.punct(','));
			if (!this.punct(')')) throw new SuiteQlError('Expected )');
			return { k: 'in', col, values, negate };
		}
		throw new SuiteQlError('Expected a condition');
	}
}

export function parseSuiteQl(sql: string): Query {
	return new Parser(tokenize(sql)).parse();
}

function compare(a: unknown, b: string | number): number | undefined {
	if (a === undefined || a === null) return undefined;
	const an = typeof a === 'number' ? a : Number(a);
	const bn = typeof b === 'number' ? b : Number(b);
	if (String(a).trim() !== '' && String(b).trim() !== '' && Number.isFinite(an) && Number.isFinite(bn)) return an - bn;
	const as = String(a);
	const bs = String(b);
	return as < bs ? -1 : as > bs ? 1 : 0;
}

function likeRegex(pattern: string, escape?: string): RegExp {
	let out = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (escape && c === escape && i + 1 < pattern.length) {
			out += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		} else if (c === '%') out += '.*';
		else if (c === '_') out += '.';
		else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${out}$`, 's');
}

/** Runs a parsed query over a table's rows; `columnName` resolves a reference or throws for an unknown one. */
export function runQuery(query: Query, rows: Row[], columnName: (ref: string) => string): Row[] {
	const test = (expr: Expr, row: Row): boolean => {
		switch (expr.k) {
			case 'and':
				return test(expr.l, row) && test(expr.r, row);
			case 'or':
				return test(expr.l, row) || test(expr.r, row);
			case 'not':
				return !test(expr.e, row);
			case 'null': {
				const isNull = row[columnName(expr.col)] === undefined || row[columnName(expr.col)] === null;
				return expr.negate ? !isNull : isNull;
			}
			case 'cmp': {
				const result = compare(row[columnName(expr.col)], expr.value);
				if (result === undefined) return false;
				switch (expr.op) {
					case '=':
						return result === 0;
					case '<>':
						return result !== 0;
					case '<':
						return result < 0;
					case '>':
						return result > 0;
					case '<=':
						return result <= 0;
					default:
						return result >= 0;
				}
			}
			case 'like': {
				const value = row[columnName(expr.col)];
				if (value === undefined || value === null) return false;
				const match = likeRegex(expr.pattern, expr.escape).test(String(value));
				return expr.negate ? !match : match;
			}
			case 'in': {
				const value = row[columnName(expr.col)];
				if (value === undefined || value === null) return false;
				const found = expr.values.some((v) => compare(value, v) === 0);
				return expr.negate ? !found : found;
			}
		}
	};
	let result = query.where ? rows.filter((row) => test(query.where!, row)) : [...rows];
	if (query.orderBy.length) {
		const keys = query.orderBy.map((o) => ({ column: columnName(o.column), desc: o.desc }));
		result = result.sort((a, b) => {
			for (const { column, desc } of keys) {
				const av = a[column];
				const bv = b[column];
				// Oracle: NULLS LAST ascending, NULLS FIRST descending.
				if (av === undefined && bv === undefined) continue;
				if (av === undefined) return desc ? -1 : 1;
				if (bv === undefined) return desc ? 1 : -1;
				const c = compare(av, bv as string | number)!;
				if (c !== 0) return desc ? -c : c;
			}
			return 0;
		});
	}
	if (query.columns === '*') return result.map((row) => ({ ...row }));
	const columns = query.columns.map(({ column, alias }) => ({ name: columnName(column), alias }));
	return result.map((row) => {
		const out: Row = {};
		for (const { name, alias } of columns) if (row[name] !== undefined && row[name] !== null) out[alias] = row[name];
		return out;
	});
}
