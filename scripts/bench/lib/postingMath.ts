/**
 * The posting benchmark's arithmetic and its table, kept apart from the run so a test can check them.
 *
 * The physical minimum of a posting: the vendor call count at its batch size, sent in waves of the allowed
 * concurrency, each wave taking the injected latency. Nothing that posts through that vendor can be faster.
 */

export interface VendorLimits {
	/** Records one call can carry (1 where the vendor or the path used has no batch endpoint). */
	batchSize: number;
	/** Calls the vendor allows in flight at once. */
	concurrency: number;
	/** Time each call spends in flight, in ms. */
	latencyMs: number;
}

export interface PhysicalMinimum {
	calls: number;
	waves: number;
	seconds: number;
}

function positiveInteger(value: number, name: string): number {
	if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
	return value;
}

/** ceil(entries ÷ batch size) calls, in ceil(calls ÷ concurrency) waves of `latencyMs` each. */
export function physicalMinimum(entries: number, limits: VendorLimits): PhysicalMinimum {
	if (!Number.isInteger(entries) || entries < 0) throw new RangeError(`entries must be a whole number, got ${entries}`);
	const calls = Math.ceil(entries / positiveInteger(limits.batchSize, 'batchSize'));
	const waves = Math.ceil(calls / positiveInteger(limits.concurrency, 'concurrency'));
	if (!Number.isFinite(limits.latencyMs) || limits.latencyMs < 0) throw new RangeError(`latencyMs must be ≥ 0, got ${limits.latencyMs}`);
	return { calls, waves, seconds: (waves * limits.latencyMs) / 1000 };
}

/** a ÷ b, or undefined when b is zero or either is missing (a figure that cannot be formed is left blank). */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
	if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return undefined;
	return a / b;
}

/** One line of the table: a variant's run against one ERP. */
export interface PostingRow {
	erp: string;
	variant: string;
	entries: number;
	/** Vendor calls in the sandbox's request log (token calls included). */
	calls: number;
	/** Seconds from the first node after the source to the last node's end, from n8n's run data. */
	wallSeconds: number;
	/** Seconds inside the ERP (or HTTP Request) node(s) alone. */
	vendorNodeSeconds?: number;
	/** Seconds inside the Sync Ledger nodes (Check & Claim, Record Result); none for the built-in flows. */
	ledgerSeconds?: number;
	/** Entries found exactly once in the sandbox. */
	postedOnce: number;
	/** Entries found more than once. */
	duplicates: number;
	/** Vendor calls answered with an error status (429s included). */
	errors: number;
	minimum: PhysicalMinimum;
	/** This variant's wall time and calls against ours (built-in rows only). */
	versusOurs?: { time?: number; calls?: number };
}

const format = (value: number | undefined, digits: number, suffix = ''): string => (value === undefined ? '–' : `${value.toFixed(digits)}${suffix}`);

/** The table as Markdown (the README carries it as printed). */
export function postingTable(rows: PostingRow[]): string {
	const header = ['ERP', 'Flow', 'Entries', 'Vendor calls', 'Wall time', 'ERP node time', 'Ledger time', 'Minimum (c)', 'Ours ÷ minimum', 'Built-in ÷ ours (time, calls)', 'Posted exactly once', 'Errors'];
	const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
	for (const row of rows) {
		const isOurs = row.versusOurs === undefined;
		lines.push(
			`| ${[
				row.erp,
				row.variant,
				row.entries.toLocaleString('en-US'),
				row.calls.toLocaleString('en-US'),
				format(row.wallSeconds, 1, ' s'),
				format(row.vendorNodeSeconds, 1, ' s'),
				format(row.ledgerSeconds, 1, ' s'),
				`${format(row.minimum.seconds, 2, ' s')} (${row.minimum.calls.toLocaleString('en-US')} calls)`,
				isOurs ? `${format(ratio(row.wallSeconds, row.minimum.seconds), 1, '×')} (node ${format(ratio(row.vendorNodeSeconds, row.minimum.seconds), 1, '×')})` : '',
				isOurs ? '' : `${format(row.versusOurs?.time, 1, '×')}, ${format(row.versusOurs?.calls, 1, '×')}`,
				`${row.postedOnce.toLocaleString('en-US')}${row.duplicates ? ` (+${row.duplicates} duplicated)` : ''}`,
				row.errors.toLocaleString('en-US'),
			].join(' | ')} |`,
		);
	}
	return lines.join('\n');
}
