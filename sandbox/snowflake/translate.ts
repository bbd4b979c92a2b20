/**
 * The subset of Snowflake SQL the Snowflake node emits (and simple hand-written statements), translated to
 * Postgres for the embedded engine: `?` bindings become typed `$n` parameters, Snowflake type names become
 * Postgres ones, `CURRENT_TIMESTAMP()` loses its parentheses, and PRIMARY KEY constraints are dropped because
 * Snowflake does not enforce them. Quoted identifiers and string literals pass through untouched. Anything
 * the SQL API itself refuses (PUT, GET, USE, ALTER SESSION, transactions) is refused here the same way.
 */
export interface SqlBinding {
	type: string;
	value: string | null;
}

export class UnsupportedStatement extends Error {}

type Token = { kind: 'word' | 'quoted' | 'string' | 'comment' | 'space' | 'symbol' | 'param'; text: string };

function tokenize(sql: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < sql.length) {
		const c = sql[i];
		if (c === "'" || c === '"') {
			let j = i + 1;
			for (;;) {
				if (j >= sql.length) throw new UnsupportedStatement(`SQL compilation error:\nsyntax error: unterminated ${c === "'" ? 'string' : 'identifier'} starting at position ${i}`);
				if (sql[j] === c) {
					if (sql[j + 1] === c) {
						j += 2;
						continue;
					}
					break;
				}
				if (c === "'" && sql[j] === '\\') j++;
				j++;
			}
			tokens.push({ kind: c === "'" ? 'string' : 'quoted', text: sql.slice(i, j + 1) });
			i = j + 1;
		} else if (c === '-' && sql[i + 1] === '-') {
			const end = sql.indexOf('\n', i);
			const j = end < 0 ? sql.length : end;
			tokens.push({ kind: 'comment', text: sql.slice(i, j) });
			i = j;
		} else if (c === '/' && sql[i + 1] === '*') {
			const end = sql.indexOf('*/', i + 2);
			const j = end < 0 ? sql.length : end + 2;
			tokens.push({ kind: 'comment', text: sql.slice(i, j) });
			i = j;
		} else if (/\s/.test(c)) {
			let j = i;
			while (j < sql.length && /\s/.test(sql[j])) j++;
			tokens.push({ kind: 'space', text: sql.slice(i, j) });
			i = j;
		} else if (/[A-Za-z_]/.test(c)) {
			let j = i;
			while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j])) j++;
			tokens.push({ kind: 'word', text: sql.slice(i, j) });
			i = j;
		} else if (c === '?') {
			tokens.push({ kind: 'param', text: c });
			i++;
		} else {
			tokens.push({ kind: 'symbol', text: c });
			i++;
		}
	}
	return tokens;
}

/** Snowflake type names (outside quotes) → Postgres. */
const TYPE_NAMES: Record<string, string> = {
	NUMBER: 'NUMERIC',
	STRING: 'TEXT',
	VARIANT: 'JSONB',
	TIMESTAMP_TZ: 'TIMESTAMPTZ',
	TIMESTAMP_LTZ: 'TIMESTAMPTZ',
	TIMESTAMP_NTZ: 'TIMESTAMP',
	DATETIME: 'TIMESTAMP',
	FLOAT: 'FLOAT8',
	DOUBLE: 'FLOAT8',
};

/** How a binding's value is typed in Postgres. TIMESTAMP_* and DATE bindings are converted before (epoch values). */
const PARAM_TYPES: Record<string, string> = {
	TEXT: 'text',
	FIXED: 'numeric',
	REAL: 'float8',
	BOOLEAN: 'boolean',
	DATE: 'date',
	TIME: 'time',
	TIMESTAMP_TZ: 'timestamptz',
	TIMESTAMP_LTZ: 'timestamptz',
	TIMESTAMP_NTZ: 'timestamp',
};

const REFUSED_FIRST_WORDS = new Set(['PUT', 'GET', 'USE', 'BEGIN', 'COMMIT', 'ROLLBACK', 'START']);

export interface Translated {
	sql: string;
	params: Array<string | null>;
	/** The statement's first keyword, upper case (CREATE, MERGE, INSERT, SELECT, …). */
	verb: string;
}

/** Snowflake's binding value for DATE / TIMESTAMP_* is epoch based; Postgres takes ISO text. */
function paramValue(binding: SqlBinding): string | null {
	if (binding.value === null || binding.value === undefined) return null;
	const type = binding.type.toUpperCase();
	if (type === 'DATE' && /^-?\d+$/.test(binding.value)) return new Date(Number(binding.value)).toISOString().slice(0, 10);
	if (type.startsWith('TIMESTAMP_') && /^-?\d+$/.test(binding.value)) {
		// Nanoseconds since the epoch.
		const nanos = BigInt(binding.value);
		return new Date(Number(nanos / 1_000_000n)).toISOString();
	}
	return String(binding.value);
}

export function translate(statement: string, bindings: Record<string, SqlBinding> | undefined): Translated {
	const tokens = tokenize(statement);
	const words = tokens.filter((t) => t.kind === 'word');
	const verb = (words[0]?.text ?? '').toUpperCase();
	if (REFUSED_FIRST_WORDS.has(verb) || (verb === 'ALTER' && (words[1]?.text ?? '').toUpperCase() === 'SESSION')) {
		throw new UnsupportedStatement(`Unsupported statement type '${verb === 'ALTER' ? 'ALTER SESSION' : verb}'.`);
	}
	if (tokens.some((t) => t.kind === 'symbol' && t.text === ';') && tokens.slice(tokens.findIndex((t) => t.text === ';') + 1).some((t) => t.kind !== 'space' && t.kind !== 'comment' && t.text !== ';')) {
		throw new UnsupportedStatement('Actual statement count 2 did not match the desired statement count 1.');
	}
	const params: Array<string | null> = [];
	const out: string[] = [];
	for (let index = 0; index < tokens.length; index++) {
		const token = tokens[index];
		if (token.kind === 'param') {
			const binding = bindings?.[String(params.length + 1)];
			if (!binding) throw new UnsupportedStatement(`Bind variable ? not set.`);
			const pgType = PARAM_TYPES[String(binding.type).toUpperCase()];
			if (!pgType) throw new UnsupportedStatement(`Unsupported bind type '${String(binding.type)}' (the sandbox takes TEXT, FIXED, REAL, BOOLEAN, DATE, TIME and TIMESTAMP_*).`);
			params.push(paramValue(binding));
			out.push(`$${params.length}::${pgType}`);
			continue;
		}
		if (token.kind === 'symbol' && token.text === ';') continue;
		if (token.kind === 'word') {
			const upper = token.text.toUpperCase();
			// CURRENT_TIMESTAMP() → CURRENT_TIMESTAMP (Postgres takes no empty parentheses).
			if (upper === 'CURRENT_TIMESTAMP' || upper === 'SYSDATE' || upper === 'CURRENT_DATE') {
				let next = index + 1;
				while (tokens[next]?.kind === 'space') next++;
				let close = next + 1;
				while (tokens[close]?.kind === 'space') close++;
				if (tokens[next]?.text === '(' && tokens[close]?.text === ')') {
					out.push(upper === 'SYSDATE' ? 'LOCALTIMESTAMP' : upper);
					index = close;
					continue;
				}
			}
			// Snowflake does not enforce PRIMARY KEY; drop the constraint (and the comma before it) so duplicates behave alike.
			if (upper === 'PRIMARY') {
				let next = index + 1;
				while (tokens[next]?.kind === 'space') next++;
				if (tokens[next]?.text.toUpperCase() === 'KEY') {
					let open = next + 1;
					while (tokens[open]?.kind === 'space') open++;
					if (tokens[open]?.text === '(') {
						let close = open;
						while (close < tokens.length && tokens[close].text !== ')') close++;
						while (out.length && /^\s*$/.test(out[out.length - 1])) out.pop();
						if (out[out.length - 1] === ',') out.pop();
						index = close;
						continue;
					}
					// A column-level PRIMARY KEY: dropped.
					index = next;
					continue;
				}
			}
			out.push(TYPE_NAMES[upper] ?? token.text);
			continue;
		}
		out.push(token.text);
	}
	const provided = Object.keys(bindings ?? {}).length;
	if (provided > params.length) throw new UnsupportedStatement(`Bind variables provided: ${provided}, used in the statement: ${params.length}.`);
	return { sql: out.join(''), params, verb };
}
