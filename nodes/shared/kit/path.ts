/**
 * User values that become URL path segments (record ids, external ids, object and field names). A segment
 * like `.` or `..` is resolved away by URL normalisation (`…/customer/.` is `…/customer/`, the collection), and
 * `/`, `\`, `?`, `#` or an encoded dot would change which resource is addressed. Such values are refused
 * before any request is sent, naming the field; everything else is percent-encoded into exactly one segment.
 */

/** An input value that cannot be used where it was given; carries the field for the item's error output. */
export class InvalidInputError extends Error {
	readonly context: { vendorErrorCode: string; vendorErrorFields: string[] };

	constructor(field: string, message: string, code = 'INVALID_INPUT') {
		super(message);
		this.name = 'InvalidInputError';
		this.context = { vendorErrorCode: code, vendorErrorFields: [field] };
	}
}

/** C0 and C1 control characters and DEL: invisible in logs, and some servers strip or split on them. */
function hasControlCharacter(value: string): boolean {
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
	}
	return false;
}
const PERCENT_ESCAPE = /%[0-9a-f]{2}/i;

/** Why `value` cannot be one path segment, or undefined when it can. */
export function pathSegmentProblem(value: string): string | undefined {
	if (value === '') return 'it is empty';
	if (value === '.' || value === '..') return 'a path segment of dots addresses the collection or a parent, not a record';
	if (/[/\\]/.test(value)) return 'it contains a slash or backslash';
	if (/[?#]/.test(value)) return 'it contains ? or #';
	if (PERCENT_ESCAPE.test(value)) return 'it contains a percent-encoded character (%XX); give the value decoded';
	if (hasControlCharacter(value)) return 'it contains a control character';
	return undefined;
}

/**
 * `value` as exactly one encoded URL path segment, or an InvalidInputError naming `field` (the parameter the
 * value came from). Used by every place that puts a user value into a request path.
 */
export function pathSegment(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
	if (text === undefined) {
		throw new InvalidInputError(field, `${field}: expected a text or number value for the URL path, got ${value === null ? 'null' : typeof value} (field: ${field})`, 'INVALID_ID');
	}
	const problem = pathSegmentProblem(text);
	if (problem) {
		throw new InvalidInputError(field, `${field}: ${JSON.stringify(text)} cannot be used in the request path: ${problem} (field: ${field})`, 'INVALID_ID');
	}
	return encodeURIComponent(text);
}
