/** Reads a dotted field path ("customer.id", "lines.0.amount") out of a JSON value; undefined when absent. */
export function getPath(value: unknown, path: string): unknown {
	if (path === '') return value;
	let current: unknown = value;
	for (const segment of path.split('.')) {
		if (current === null || current === undefined || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

/** Splits a comma-separated list of field paths, trimming blanks. */
export function splitPaths(text: string): string[] {
	return text
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part.length > 0);
}
