/** The posting benchmark's physical minimum, ratios and table (scripts/bench/lib/postingMath.ts). */
import { physicalMinimum, postingTable, ratio } from '../../scripts/bench/lib/postingMath';
import type { PostingRow } from '../../scripts/bench/lib/postingMath';

describe('physical minimum', () => {
	it('is ceil(entries ÷ batch) calls in ceil(calls ÷ concurrency) waves of the latency', () => {
		// NetSuite record service: one record per call, 5 in flight, 50 ms.
		expect(physicalMinimum(10_000, { batchSize: 1, concurrency: 5, latencyMs: 50 })).toEqual({ calls: 10_000, waves: 2_000, seconds: 100 });
		// An OData $batch of 1,000 requests, 8 in flight: 10 calls, 2 waves.
		expect(physicalMinimum(10_000, { batchSize: 1_000, concurrency: 8, latencyMs: 50 })).toEqual({ calls: 10, waves: 2, seconds: 0.1 });
		// A last partial batch and a last partial wave both count whole.
		expect(physicalMinimum(1_001, { batchSize: 500, concurrency: 2, latencyMs: 50 })).toEqual({ calls: 3, waves: 2, seconds: 0.1 });
		expect(physicalMinimum(0, { batchSize: 100, concurrency: 5, latencyMs: 50 })).toEqual({ calls: 0, waves: 0, seconds: 0 });
	});

	it('refuses limits that are not positive whole numbers', () => {
		expect(() => physicalMinimum(10, { batchSize: 0, concurrency: 5, latencyMs: 50 })).toThrow(/batchSize/);
		expect(() => physicalMinimum(10, { batchSize: 1, concurrency: 1.5, latencyMs: 50 })).toThrow(/concurrency/);
		expect(() => physicalMinimum(-1, { batchSize: 1, concurrency: 1, latencyMs: 50 })).toThrow(/entries/);
	});

	it('leaves a ratio blank when it cannot be formed', () => {
		expect(ratio(3, 2)).toBe(1.5);
		expect(ratio(3, 0)).toBeUndefined();
		expect(ratio(undefined, 2)).toBeUndefined();
	});
});

describe('posting table', () => {
	const minimum = physicalMinimum(10_000, { batchSize: 1_000, concurrency: 8, latencyMs: 50 });
	const ours: PostingRow = { erp: 'SAP', variant: 'ours', entries: 10_000, calls: 12, wallSeconds: 25, vendorNodeSeconds: 0.5, ledgerSeconds: 20.25, postedOnce: 10_000, duplicates: 0, errors: 0, minimum };
	const builtIn: PostingRow = { erp: 'SAP', variant: 'built-in, default', entries: 10_000, calls: 10_001, wallSeconds: 75, vendorNodeSeconds: 74, postedOnce: 9_990, duplicates: 2, errors: 1_234, minimum, versusOurs: { time: 3, calls: 833.4 } };

	it('prints one Markdown row per run with the ratios on the right rows', () => {
		const lines = postingTable([ours, builtIn]).split('\n');
		expect(lines).toHaveLength(4);
		expect(lines[0]).toBe('| ERP | Flow | Entries | Vendor calls | Wall time | ERP node time | Ledger time | Minimum (c) | Ours ÷ minimum | Built-in ÷ ours (time, calls) | Posted exactly once | Errors |');
		expect(lines[1].split('|').filter((cell) => cell === '---')).toHaveLength(12);
		expect(lines[2]).toBe('| SAP | ours | 10,000 | 12 | 25.0 s | 0.5 s | 20.3 s | 0.10 s (10 calls) | 250.0× (node 5.0×) |  | 10,000 | 0 |');
		expect(lines[3]).toBe('| SAP | built-in, default | 10,000 | 10,001 | 75.0 s | 74.0 s | – | 0.10 s (10 calls) |  | 3.0×, 833.4× | 9,990 (+2 duplicated) | 1,234 |');
	});

	it('shows a missing figure as a dash', () => {
		const line = postingTable([{ ...ours, vendorNodeSeconds: undefined }]).split('\n')[2];
		expect(line).toContain('| – |');
		expect(line).toContain('250.0× (node –)');
	});
});
