import type { ZodIssue } from 'zod';

/** One thing wrong with an item: where (a field path such as `timeEntry.hours`) and why, in plain English. */
export interface Problem {
	path: string;
	reason: string;
}

/** `['invoice', 'lines', 0, 'amount']` → `invoice.lines[0].amount`. */
export function formatPath(segments: ReadonlyArray<string | number>): string {
	let path = '';
	for (const segment of segments) {
		if (typeof segment === 'number') path += `[${segment}]`;
		else path += path === '' ? segment : `.${segment}`;
	}
	return path === '' ? '$' : path;
}

export function valueAt(root: unknown, segments: ReadonlyArray<string | number>): unknown {
	let current = root;
	for (const segment of segments) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[segment];
	}
	return current;
}

export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
	return `${typeof value} ${String(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
	string: 'text',
	number: 'a number',
	boolean: 'true or false',
	object: 'an object',
	array: 'a list',
	date: 'a date',
	integer: 'a whole number',
};

/** Turns zod issues into problems a person can act on. `root` is the validated value, for quoting bad values. */
export function problemsFromIssues(issues: ZodIssue[], root: unknown, entity?: string): Problem[] {
	const problems: Problem[] = [];
	for (const issue of issues) {
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) {
				problems.push({
					path: formatPath([...issue.path, key]),
					reason: `is not a field of the canonical ${entity ?? 'record'} (version 1); unknown fields are rejected in strict mode`,
				});
			}
			continue;
		}
		if (issue.code === 'invalid_union') {
			// Report the branch that got furthest rather than "invalid input".
			const best = issue.unionErrors
				.map((error) => error.issues)
				.sort((left, right) => left.length - right.length)[0];
			if (best && best.length > 0) {
				problems.push(...problemsFromIssues(best, root, entity));
				continue;
			}
		}
		problems.push({ path: formatPath(issue.path), reason: reasonFor(issue, valueAt(root, issue.path)) });
	}
	return dedupe(problems);
}

function reasonFor(issue: ZodIssue, value: unknown): string {
	switch (issue.code) {
		case 'invalid_type':
			if (issue.received === 'undefined') return 'is required but missing';
			return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${describeValue(value)}`;
		case 'invalid_enum_value':
			if (issue.message.startsWith('must')) return `${issue.message} (got ${describeValue(value)})`;
			return `must be one of ${issue.options.map(String).join(', ')} (got ${describeValue(value)})`;
		case 'invalid_literal':
			return `must be ${JSON.stringify(issue.expected)} (got ${describeValue(value)})`;
		case 'too_small':
			if (issue.type === 'array') return issue.message.startsWith('must') ? issue.message : `must have at least ${String(issue.minimum)} entries`;
			if (issue.type === 'string') return issue.message.startsWith('must') ? issue.message : 'must not be empty';
			return `must be at least ${String(issue.minimum)}`;
		case 'too_big':
			return `must be at most ${String(issue.maximum)}`;
		case 'invalid_string':
		case 'custom': {
			const plain =
				issue.message.startsWith('must') || issue.message.startsWith('is ') || issue.message.startsWith('does ')
					? issue.message
					: `is not valid: ${issue.message}`;
			const quotable = value !== undefined && (value === null || typeof value !== 'object');
			return quotable && !plain.includes('(got ') ? `${plain} (got ${describeValue(value)})` : plain;
		}
		default:
			return `is not valid: ${issue.message}`;
	}
}

/** One problem per field: the first check that failed says the most (a later check on a malformed value adds noise). */
function dedupe(problems: Problem[]): Problem[] {
	const seen = new Set<string>();
	return problems.filter((problem) => {
		if (seen.has(problem.path)) return false;
		seen.add(problem.path);
		return true;
	});
}
