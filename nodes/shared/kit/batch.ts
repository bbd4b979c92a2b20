/** Splits a list into batches of at most `size` (a vendor's per-call record limit). */
export function chunk<T>(values: T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}

export interface BatchEntry<T> {
	itemIndex: number;
	value: T;
}

export interface BatchOutcome<T, R> extends BatchEntry<T> {
	result: R;
}

/**
 * Sends entries in vendor-sized batches and maps each per-record result back to the item it came from.
 * Vendors answer collection calls with one result per record, in request order; a count that does not
 * match is an error, never a silent misattribution.
 */
export async function sendInBatches<T, R>(
	entries: Array<BatchEntry<T>>,
	size: number,
	send: (values: T[], batchIndex: number) => Promise<R[]>,
): Promise<Array<BatchOutcome<T, R>>> {
	const outcomes: Array<BatchOutcome<T, R>> = [];
	const batches = chunk(entries, size);
	for (let b = 0; b < batches.length; b++) {
		const batch = batches[b];
		const results = await send(batch.map((entry) => entry.value), b);
		if (results.length !== batch.length) {
			throw new Error(`batch ${b + 1}: sent ${batch.length} records, the vendor answered ${results.length} results`);
		}
		batch.forEach((entry, i) => outcomes.push({ ...entry, result: results[i] }));
	}
	return outcomes;
}
