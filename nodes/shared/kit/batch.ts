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

/** One entry's outcome: the vendor's per-record result, or an error that failed its whole batch. */
export type BatchOutcome<T, R> = BatchEntry<T> & ({ result: R; error?: undefined } | { result?: undefined; error: BatchResultMismatchError });

/** The vendor answered a batch with a different number of results than records sent: none can be paired. */
export class BatchResultMismatchError extends Error {
	readonly context = { vendorErrorCode: 'BATCH_RESULT_MISMATCH', vendorErrorFields: [] as string[] };

	constructor(
		readonly batchNumber: number,
		readonly sent: number,
		readonly answered: number,
	) {
		super(
			`batch ${batchNumber}: sent ${sent} records, the vendor answered ${answered} results, so no result can be paired with its item; the records of this batch may or may not have been written`,
		);
		this.name = 'BatchResultMismatchError';
	}
}

/**
 * Sends entries in vendor-sized batches and maps each per-record result back to the item it came from.
 * Vendors answer collection calls with one result per record, in request order; a count that does not
 * match is never a silent misattribution: every entry of that batch gets the mismatch as its error, and the
 * other batches go on. An error `send` throws stops the walk (the caller decides, e.g. by Continue On Fail).
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
			const error = new BatchResultMismatchError(b + 1, batch.length, results.length);
			batch.forEach((entry) => outcomes.push({ ...entry, error }));
			continue;
		}
		batch.forEach((entry, i) => outcomes.push({ ...entry, result: results[i] }));
	}
	return outcomes;
}
