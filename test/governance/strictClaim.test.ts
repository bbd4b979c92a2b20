/**
 * Strict claims under Postgres-like commits (issue 14): a row's id is taken when its insert starts, and it becomes
 * visible only when its commit lands, after a random delay. Hundreds of keys, several claimers each, single and
 * batched claims mixed: every key must be won by exactly one claimer. The old claim (lowest id wins, two looks)
 * gave some keys two winners here.
 */
import { LedgerStore } from '../../nodes/SyncLedger/store/ledgerStore';
import { MemoryRowStore } from './memoryStore';

const T0 = new Date('2026-12-03T12:00:00.000Z');

function seeded(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

async function race(seed: number, keyCount: number, claimersPerKey: number) {
	const random = seeded(seed);
	const rows = new MemoryRowStore(async () => {
		for (let i = Math.floor(random() * 4); i > 0; i--) await Promise.resolve();
	});
	// Commits land 0–8 ms after the insert took its id, in any order.
	rows.commitDelay = async () => await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 9)));
	const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 5)));
	const keys = Array.from({ length: keyCount }, (_, i) => `time-entry-${i}`);
	const wins = new Map<string, string[]>(keys.map((key) => [key, []]));
	const claimers = Array.from({ length: claimersPerKey }, async (_, c) => {
		const ledger = new LedgerStore(rows, 'p2c_', { workflowId: 'wf', executionId: `exec-${c}`, now: () => T0, pause });
		// Even claimers take keys in batches (Check & Claim's claimMany), odd ones one by one in another order.
		if (c % 2 === 0) {
			const results = await ledger.claimMany(
				keys.map((key) => ({ key, allowFailed: false, correlationId: `c${c}` })),
				900,
			);
			for (const [key, result] of results) if (result.outcome === 'new') wins.get(key)!.push(`exec-${c}`);
		} else {
			await Promise.all(
				[...keys].reverse().map(async (key) => {
					const result = await ledger.claim(key, { ttlSeconds: 900, allowFailed: false, correlationId: `c${c}` });
					if (result.outcome === 'new') wins.get(key)!.push(`exec-${c}`);
				}),
			);
		}
	});
	await Promise.all(claimers);
	return { wins, rows };
}

describe('strict claims with late commits (Postgres-like)', () => {
	it.each([1, 2, 3])('seed %i: 200 keys × 4 claimers, every key won exactly once, one claimed row per key', async (seed) => {
		const { wins, rows } = await race(seed, 200, 4);
		const doubles = [...wins].filter(([, winners]) => winners.length > 1);
		const none = [...wins].filter(([, winners]) => winners.length === 0);
		expect(doubles).toEqual([]);
		expect(none).toEqual([]);
		const ledgerRows = rows.rowsOf('p2c_ledger');
		expect(ledgerRows.filter((row) => row.status === 'claimed')).toHaveLength(200);
		// The row left per key belongs to its winner.
		for (const row of ledgerRows.filter((r) => r.status === 'claimed')) expect(wins.get(String(row.key))).toEqual([row.claimOwner]);
	}, 60_000);
});
