/**
 * Escaping for every query language a user value can reach. Values are always escaped into literals;
 * names (fields, objects) are validated against a strict pattern instead, since they cannot be quoted.
 */

/** SOQL string literal body (Salesforce "Quoted String Escape Sequences"). */
export function escapeSoqlString(value: string): string {
	return value.replace(/[\\'"\n\r\t\b\f]/g, (c) => {
		switch (c) {
			case '\n':
				return '\\n';
			case '\r':
				return '\\r';
			case '\t':
				return '\\t';
			case '\b':
				return '\\b';
			case '\f':
				return '\\f';
			default:
				return `\\${c}`;
		}
	});
}

/** A complete SOQL string literal, quotes included. */
export function soqlString(value: string): string {
	return `'${escapeSoqlString(value)}'`;
}

/** SOQL LIKE pattern body: also escapes the wildcards so user text matches literally. */
export function escapeSoqlLike(value: string): string {
	return escapeSoqlString(value).replace(/[%_]/g, (c) => `\\${c}`);
}

/** SuiteQL (Oracle SQL) string literal, quotes included: a quote is doubled, nothing else is special. */
export function suiteQlString(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/**
 * A field or object name for SOQL or SuiteQL: letters, digits and underscores, dotted for
 * relationships. Throws with the offending name, never passes it through.
 */
export function assertIdentifier(name: string, what = 'field name'): string {
	if (!IDENTIFIER.test(name)) throw new Error(`Invalid ${what} "${name}": use letters, digits and underscores only`);
	return name;
}
