import { mock } from 'jest-mock-extended';
import type { IExecuteFunctions } from 'n8n-workflow';

import { dedupeCheck, dedupeRecordPosted } from '../../nodes/SyncLedger/store/dedupe';

/** n8n's deduplication helpers over a set, as its database-backed service behaves for mode "entries". */
function contextWithDedupeStore() {
	const stored = new Set<string>();
	const context = mock<IExecuteFunctions>();
	Object.assign(context, {
		helpers: {
			checkProcessedAndRecord: jest.fn(async (items: string[]) => {
				const processed = items.filter((i) => stored.has(String(i)));
				const fresh = items.filter((i) => !stored.has(String(i)));
				fresh.forEach((i) => stored.add(String(i)));
				return { new: fresh, processed };
			}),
			removeProcessed: jest.fn(async (items: string[]) => items.forEach((i) => stored.delete(String(i)))),
		},
	});
	return { context, stored };
}

describe('deduplication-store fallback', () => {
	it('checks without leaving a trace and records only posted keys', async () => {
		const { context, stored } = contextWithDedupeStore();
		expect([...(await dedupeCheck(context, ['a', 'b', 'a'], { maxEntries: 100 }))]).toEqual([]);
		expect(stored.size).toBe(0);
		await dedupeRecordPosted(context, ['a'], { maxEntries: 100 });
		expect([...(await dedupeCheck(context, ['a', 'b'], { maxEntries: 100 }))]).toEqual(['a']);
		expect([...stored]).toEqual(['a']);
		expect(context.helpers.checkProcessedAndRecord).toHaveBeenCalledWith(['a', 'b'], 'workflow', { mode: 'entries', maxEntries: 100 });
	});
});
