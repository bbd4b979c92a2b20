import {
	assertIdentifier,
	backoffMs,
	chunk,
	collectRecords,
	concurrencySnapshot,
	DEFAULT_RETRY_POLICY,
	escapeSoqlLike,
	hasMoreNextOffset,
	nextPageNumber,
	odataNextLink,
	retryAfterMs,
	salesforceNextRecordsUrl,
	sendInBatches,
	soqlString,
	suiteQlString,
	walkPages,
	withConcurrencyLimit,
} from '../../nodes/shared/kit';

describe('escaping', () => {
	it('keeps a SOQL injection attempt inside the string literal', () => {
		const literal = soqlString("x' OR Name != '");
		expect(literal).toBe("'x\\' OR Name != \\''");
		// Every quote inside the literal is escaped, so the literal ends only at its last character.
		expect(literal.slice(1, -1).replace(/\\./g, '')).not.toContain("'");
	});

	it('escapes backslashes before quotes so an escaped quote cannot be unescaped', () => {
		expect(soqlString("a\\' OR 1=1")).toBe("'a\\\\\\' OR 1=1'");
	});

	it('escapes SOQL LIKE wildcards only in LIKE patterns', () => {
		expect(escapeSoqlLike('50%_off')).toBe('50\\%\\_off');
		expect(soqlString('50%')).toBe("'50%'");
	});

	it('doubles quotes for SuiteQL', () => {
		expect(suiteQlString("O'Brien")).toBe("'O''Brien'");
	});

	it('accepts field and relationship names and rejects anything else', () => {
		expect(assertIdentifier('Account.External_Id__c')).toBe('Account.External_Id__c');
		expect(() => assertIdentifier('Name FROM User --')).toThrow('Invalid field name "Name FROM User --"');
		expect(() => assertIdentifier('1abc')).toThrow();
	});
});

describe('retry timing', () => {
	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(retryAfterMs({ 'retry-after': '3' })).toBe(3000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, now)).toBe(10_000);
		expect(retryAfterMs({})).toBeUndefined();
	});

	it('backs off exponentially within the cap, with jitter', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffMs(1, policy, () => 1)).toBe(100);
		expect(backoffMs(3, policy, () => 1)).toBe(400);
		expect(backoffMs(10, policy, () => 1)).toBe(1000);
		expect(backoffMs(3, policy, () => 0.5)).toBe(200);
	});
});

describe('concurrency limiter', () => {
	it('never runs more than the limit per key, and frees slots on failure', async () => {
		let active = 0;
		let peak = 0;
		const gates: Array<() => void> = [];
		const task = (fail: boolean) => async () => {
			active++;
			peak = Math.max(peak, active);
			await new Promise<void>((resolve) => gates.push(resolve));
			active--;
			if (fail) throw new Error('boom');
			return 'ok';
		};
		let settled = 0;
		const runs = Array.from({ length: 10 }, (_, i) =>
			withConcurrencyLimit('acct-1', 3, task(i % 4 === 0))
				.catch((e: Error) => e.message)
				.finally(() => settled++),
		);
		while (settled < runs.length) {
			await new Promise((r) => setImmediate(r));
			expect(concurrencySnapshot('acct-1').active).toBeLessThanOrEqual(3);
			gates.shift()?.();
		}
		const results = await Promise.all(runs);
		expect(peak).toBe(3);
		expect(results.filter((r) => r === 'boom')).toHaveLength(3);
		expect(concurrencySnapshot('acct-1')).toMatchObject({ active: 0, waiting: 0 });
	});
});

describe('pagination', () => {
	it('walks Salesforce nextRecordsUrl pages until done', async () => {
		const pages: Record<string, object> = {
			first: { done: false, nextRecordsUrl: '/q/2', records: [1, 2] },
			'/q/2': { done: false, nextRecordsUrl: '/q/3', records: [3] },
			'/q/3': { done: true, records: [4] },
		};
		const fetched: string[] = [];
		const records = await collectRecords(
			walkPages(async (cursor?: string) => {
				fetched.push(cursor ?? 'first');
				return pages[cursor ?? 'first'] as any;
			}, salesforceNextRecordsUrl),
			(page: any) => page.records,
		);
		expect(records).toEqual([1, 2, 3, 4]);
		expect(fetched).toEqual(['first', '/q/2', '/q/3']);
	});

	it('stops at a limit without fetching further pages', async () => {
		let calls = 0;
		const records = await collectRecords(
			walkPages(async () => {
				calls++;
				return { done: false, nextRecordsUrl: `/q/${calls}`, records: [calls, calls] };
			}, salesforceNextRecordsUrl),
			(page: any) => page.records,
			3,
		);
		expect(records).toEqual([1, 1, 2]);
		expect(calls).toBe(2);
	});

	it('ends when a vendor repeats a cursor instead of looping forever', async () => {
		let calls = 0;
		for await (const _ of walkPages(async () => ({ '@odata.nextLink': 'same' }) as any, odataNextLink)) calls++;
		expect(calls).toBe(2);
	});

	it('reads OData v2/v4, hasMore/offset and page/per_page cursors', () => {
		expect(odataNextLink({ d: { __next: 'v2' } })).toBe('v2');
		expect(odataNextLink({ '@odata.nextLink': 'v4' })).toBe('v4');
		expect(hasMoreNextOffset({ hasMore: true, offset: 1000, count: 1000, links: [{ rel: 'next', href: 'n' }] })).toEqual({ offset: 2000, href: 'n' });
		expect(hasMoreNextOffset({ hasMore: false, offset: 0, count: 5 })).toBeUndefined();
		expect(nextPageNumber({ meta: { page_number: 2, page_count: 3 } })).toBe(3);
		expect(nextPageNumber({ meta: { page_number: 3, page_count: 3 } })).toBeUndefined();
	});
});

describe('batches', () => {
	it('chunks at the vendor limit', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(() => chunk([1], 0)).toThrow(RangeError);
	});

	it('maps per-record results back to their items and fails only the batch whose answer is short', async () => {
		const entries = [3, 5, 8].map((value, i) => ({ itemIndex: i * 2, value }));
		const outcomes = await sendInBatches(entries, 2, async (values) => values.map((v) => v * 10));
		expect(outcomes.map((o) => [o.itemIndex, o.result])).toEqual([
			[0, 30],
			[2, 50],
			[4, 80],
		]);
		// A count mismatch fails every entry of that batch (nothing can be paired), and the next batch goes on.
		const mixed = await sendInBatches(entries, 2, async (values, batchIndex) => (batchIndex === 0 ? values.slice(1) : values.map((v) => v * 10)));
		expect(mixed.map((o) => [o.itemIndex, o.result, o.error?.context.vendorErrorCode])).toEqual([
			[0, undefined, 'BATCH_RESULT_MISMATCH'],
			[2, undefined, 'BATCH_RESULT_MISMATCH'],
			[4, 80, undefined],
		]);
		expect(mixed[0].error?.message).toContain('sent 2 records, the vendor answered 1');
	});
});
