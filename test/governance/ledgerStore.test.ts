import fc from 'fast-check';

import { withResults } from '../../lib/governance';
import { LedgerStore } from '../../nodes/SyncLedger/store/ledgerStore';
import { MemoryRowStore } from './memoryStore';

const T0 = new Date('2026-11-23T12:00:00.000Z');

function ledgerFor(rows: MemoryRowStore, executionId: string, now: () => Date = () => T0) {
	return new LedgerStore(rows, 'p2c_', { workflowId: 'wf1', executionId, now });
}

/** Yields a random number of microtasks, so concurrent claimers interleave differently on every run. */
function randomScheduler(seed: number) {
	let state = seed || 1;
	return async () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		for (let i = 0; i < state % 5; i++) await Promise.resolve();
	};
}

describe('ledger store: claims', () => {
	it('property: concurrent executions claiming the same keys get exactly one "new" per key', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer(), async (executions, keyCount, seed) => {
				const rows = new MemoryRowStore(randomScheduler(seed));
				const keys = Array.from({ length: keyCount }, (_, i) => `key-${i}`);
				const results = await Promise.all(
					Array.from({ length: executions }, async (_, e) => {
						const ledger = ledgerFor(rows, `exec-${e}`);
						const outcomes: string[] = [];
						for (const key of keys) outcomes.push((await ledger.claim(key, { ttlSeconds: 60, allowFailed: false, correlationId: `c${e}` })).outcome);
						return outcomes;
					}),
				);
				keys.forEach((_, k) => {
					const column = results.map((outcomes) => outcomes[k]);
					expect(column.filter((o) => o === 'new')).toHaveLength(1);
					expect(column.filter((o) => o === 'inProgressElsewhere')).toHaveLength(executions - 1);
				});
				// Losers withdrew their rows: one row per key remains.
				expect(rows.rowsOf('p2c_ledger')).toHaveLength(keyCount);
			}),
			{ numRuns: 60 },
		);
	});

	it('property: concurrent batched claims (claimMany) over overlapping key sets give one "new" per key', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 4 }),
				fc.integer(),
				async (batches, seed) => {
					const rows = new MemoryRowStore(randomScheduler(seed));
					// Some keys were posted or claimed before, so batches mix first claims, takeovers and stops.
					const seeder = ledgerFor(rows, 'exec-seed');
					const seed0 = await seeder.claim('key-0', { ttlSeconds: 60, allowFailed: false, correlationId: 's' });
					await seeder.recordResult('key-0', { kind: 'posted', targetSystem: 'erp', targetId: 'R', at: T0 }, { claimToken: seed0.row.claimToken, correlationId: 's' });
					const seed1 = await seeder.claim('key-1', { ttlSeconds: 60, allowFailed: false, correlationId: 's' });
					await seeder.recordResult('key-1', { kind: 'failed', error: 'timeout', retryable: true, at: T0 }, { claimToken: seed1.row.claimToken, correlationId: 's' });
					const results = await Promise.all(
						batches.map((keys, e) =>
							ledgerFor(rows, `exec-${e}`).claimMany(
								keys.map((k) => ({ key: `key-${k}`, allowFailed: false, correlationId: `c${e}` })),
								60,
							),
						),
					);
					const allKeys = new Set(batches.flat());
					for (const k of allKeys) {
						const outcomes = results.filter((r) => r.has(`key-${k}`)).map((r) => r.get(`key-${k}`)!.outcome);
						if (k === 0) expect(outcomes.every((o) => o === 'alreadyDone')).toBe(true);
						else expect(outcomes.filter((o) => o === 'new')).toHaveLength(1);
					}
					expect(withResults(rows.rowsOf('p2c_ledger'))).toHaveLength(new Set([0, 1, ...allKeys]).size);
				},
			),
			{ numRuns: 60 },
		);
	});

	it('Postgres-like late commit: a racer whose lower id commits after the other has won yields (strict claim)', async () => {
		// Rule changed with the strict claim (issue 14): the old test had the late racer (lower id) win and the
		// early one yield; now whoever settles first wins and the late row, whatever its id, withdraws.
		const rows = new MemoryRowStore();
		let releaseA!: () => void;
		const aCommitted = new Promise<void>((resolve) => (releaseA = resolve));
		rows.commitDelay = async (row) => {
			if (row.claimOwner === 'exec-a') await aCommitted;
		};
		const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
		const ledgerA = new LedgerStore(rows, 'p2c_', { workflowId: 'wf1', executionId: 'exec-a', now: () => T0, pause });
		const ledgerB = new LedgerStore(rows, 'p2c_', { workflowId: 'wf1', executionId: 'exec-b', now: () => T0, pause });
		// A takes id 1 but commits only after B has claimed with id 2.
		const aClaim = ledgerA.claim('k', { ttlSeconds: 60, allowFailed: false, correlationId: 'a' });
		await new Promise((resolve) => setImmediate(resolve));
		const b = await ledgerB.claim('k', { ttlSeconds: 60, allowFailed: false, correlationId: 'b' });
		releaseA();
		const a = await aClaim;
		expect([a.outcome, b.outcome]).toEqual(['inProgressElsewhere', 'new']);
		expect(rows.rowsOf('p2c_ledger').map((r) => [r.claimOwner, r.status])).toEqual([['exec-b', 'claimed']]);
	});

	it('a posted key is already done; an expired claim is taken over exactly once', async () => {
		const rows = new MemoryRowStore();
		let now = T0;
		const a = ledgerFor(rows, 'exec-a', () => now);
		const first = await a.claim('k', { ttlSeconds: 60, allowFailed: false, correlationId: 'c' });
		expect(first.outcome).toBe('new');
		now = new Date(T0.getTime() + 61_000);
		const [b, c] = [ledgerFor(rows, 'exec-b', () => now), ledgerFor(rows, 'exec-c', () => now)];
		const outcomes = await Promise.all([
			b.claim('k', { ttlSeconds: 60, allowFailed: false, correlationId: 'c' }),
			c.claim('k', { ttlSeconds: 60, allowFailed: false, correlationId: 'c' }),
		]);
		expect(outcomes.map((o) => o.outcome).sort()).toEqual(['inProgressElsewhere', 'new']);
		const winner = outcomes[0].outcome === 'new' ? b : c;
		const won = outcomes.find((o) => o.outcome === 'new')!;
		expect(won.row.attempts).toBe(2);
		// The first execution's claim is gone: its token no longer records anything (new rule: refused naming the
		// holder; the old code recorded a late success over the new claim), the winner's token does.
		const winnerName = winner === b ? 'exec-b' : 'exec-c';
		await expect(a.recordResult('k', { kind: 'failed', error: 'timeout', retryable: true, at: now }, { claimToken: first.row.claimToken, correlationId: 'c' })).rejects.toThrow(
			`claimed by execution ${winnerName}`,
		);
		const posted = await winner.recordResult('k', { kind: 'posted', targetSystem: 'erp', targetId: 'R-1', at: now }, { claimToken: won.row.claimToken, correlationId: 'c' });
		expect(posted).toMatchObject({ recorded: true, overridden: false });
		const again = await ledgerFor(rows, 'exec-d', () => now).claim('k', { ttlSeconds: 60, allowFailed: false, correlationId: 'c' });
		expect(again.outcome).toBe('alreadyDone');
		expect(again.row).toMatchObject({ targetSystem: 'erp', targetId: 'R-1' });
	});

	it('a permanent failure parks the key until a replay claims it', async () => {
		const rows = new MemoryRowStore();
		const a = ledgerFor(rows, 'exec-a');
		const claim = await a.claim('k', { ttlSeconds: 60, allowFailed: false, correlationId: 'c' });
		await a.recordResult('k', { kind: 'failed', error: 'INVALID_KEY_OR_REF (field: job)', retryable: false, at: T0 }, { claimToken: claim.row.claimToken, correlationId: 'c' });
		const b = ledgerFor(rows, 'exec-b');
		expect((await b.claim('k', { ttlSeconds: 60, allowFailed: false, correlationId: 'c' })).reason).toContain('parked');
		expect((await b.claim('k', { ttlSeconds: 60, allowFailed: true, correlationId: 'c' })).outcome).toBe('new');
	});

	it('audits every write without tokens', async () => {
		const rows = new MemoryRowStore();
		const a = ledgerFor(rows, 'exec-a');
		const claim = await a.claim('k', { ttlSeconds: 60, allowFailed: false, correlationId: 'corr-1' });
		await a.recordResult('k', { kind: 'posted', targetSystem: 'erp', targetId: 'R-9', at: T0 }, { claimToken: claim.row.claimToken, correlationId: 'corr-1' });
		expect(await a.flushAudit()).toBe(2);
		const audit = rows.rowsOf('p2c_audit');
		expect(audit.map((e) => e.action)).toEqual(['ledger.claim', 'ledger.posted']);
		expect(audit.every((e) => e.correlationId === 'corr-1' && e.executionId === 'exec-a' && e.workflowId === 'wf1')).toBe(true);
		expect(JSON.stringify(audit)).not.toContain(claim.row.claimToken);
	});
});

describe('ledger store: order guard and exceptions', () => {
	it('concurrent versions of one entity: the newest wins, older ones are stale', async () => {
		const rows = new MemoryRowStore(randomScheduler(7));
		const guard = (execution: string, version: string) => ledgerFor(rows, execution).orderGuard('te-1', version, 'c', 'erp');
		expect((await guard('e0', '2026-03-01T10:00:00Z')).outcome).toBe('applied');
		const decisions = await Promise.all([guard('e1', '2026-03-01T09:00:00Z'), guard('e2', '2026-03-01T11:00:00Z')]);
		expect(decisions.map((d) => d.outcome)).toEqual(['stale', 'applied']);
		expect((await guard('e3', '2026-03-01T10:30:00Z')).outcome).toBe('stale');
		expect(rows.rowsOf('p2c_ledger').filter((r) => r.kind === 'order')).toHaveLength(1);
	});

	it('moves an exception from open to replayed to resolved, once', async () => {
		const rows = new MemoryRowStore();
		const ledger = ledgerFor(rows, 'exec-a');
		const record = await ledger.addException({ key: 'k', reason: 'missing job', domain: 'finance', correlationId: 'c', payload: { a: 1 } });
		const replays = await Promise.all([ledger.transitionException(record.id!, 'replayed', { correlationId: 'c' }), ledger.transitionException(record.id!, 'replayed', { correlationId: 'c' })]);
		expect(replays.filter((r) => r.record?.status === 'replayed' && r.reason.endsWith('replayed'))).toHaveLength(1);
		expect((await ledger.transitionException(record.id!, 'resolved', { correlationId: 'c', resolution: 'fixed' })).record).toMatchObject({ status: 'resolved', resolution: 'fixed' });
		expect((await ledger.transitionException(record.id!, 'replayed', { correlationId: 'c' })).reason).toContain('already resolved');
	});
});
