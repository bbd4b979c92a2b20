/**
 * Retention (Sync Ledger → Ledger → Prune): which rows may go. A posted key goes whole once posted before the
 * cutoff; anything a reader or a claimer still needs stays (not posted, posted since, a second claim row, order
 * rows, an undated orphan a takeover may adopt).
 */
import { auditEntriesToForget, exceptionsToForget, ledgerRowsToForget } from '../../lib/governance';
import type { AuditEntry, ExceptionRecord, LedgerRow } from '../../lib/governance';

const CUTOFF = new Date('2026-01-01T00:00:00.000Z');
const OLD = '2025-06-01T00:00:00.000Z';
const NEW = '2026-06-01T00:00:00.000Z';

let id = 0;
const claim = (key: string, token: string, extra: Partial<LedgerRow> = {}): LedgerRow =>
	({ id: ++id, key, kind: 'claim', status: 'claimed', claimToken: token, claimOwner: 'exec', claimedAt: OLD, expiresAt: OLD, attempts: 1, ...extra }) as LedgerRow;
const result = (key: string, token: string, status: LedgerRow['status'], postedAt: string | null): LedgerRow =>
	({ id: ++id, key, kind: 'result', status, claimToken: token, claimOwner: 'exec', postedAt, targetSystem: 'erp', targetId: status === 'posted' ? `T-${key}` : null }) as LedgerRow;

describe('ledger retention', () => {
	it('forgets a key posted before the cutoff with its claim and result rows, and keeps every other key', () => {
		const rows = [
			claim('old-posted', 'a'),
			result('old-posted', 'a', 'failed_retryable', null),
			result('old-posted', 'a', 'posted', OLD),
			claim('new-posted', 'b'),
			result('new-posted', 'b', 'posted', NEW),
			claim('old-failed', 'c'),
			result('old-failed', 'c', 'failed', null),
			claim('still-claimed', 'd'),
			// Posted long ago, then claimed again by a takeover (new token): the current claim has no result yet.
			claim('taken-over', 'e2'),
			result('taken-over', 'e1', 'posted', OLD),
			// Written before results were appended: the claim row holds its own status.
			claim('legacy-posted', 'f', { status: 'posted', postedAt: OLD }),
			// A second claim row (being settled) beside a posted one: stays until settled.
			claim('settling', 'g'),
			result('settling', 'g', 'posted', OLD),
			claim('settling', 'h', { status: 'settling' as LedgerRow['status'] }),
			// Order Guard's row, spelled like a forgotten key.
			{ id: ++id, key: 'old-posted', kind: 'order', status: 'posted', claimToken: '', lastVersion: '5' } as unknown as LedgerRow,
		];
		const forgotten = ledgerRowsToForget(rows, CUTOFF);
		expect(forgotten.keys).toEqual(['old-posted', 'legacy-posted']);
		expect(forgotten.rowIds).toEqual([rows[0].id, rows[1].id, rows[2].id, rows[10].id, rows[9].id].sort((a, b) => a - b));
		// The taken-over key's old result is under a token no claim carries and was posted before the cutoff.
		expect(forgotten.orphanedResults).toBe(1);
		expect(rows.filter((row) => forgotten.rowIds.includes(row.id)).map((row) => row.key).sort()).toEqual(['legacy-posted', 'old-posted', 'old-posted', 'old-posted', 'taken-over']);
	});

	it('keeps an orphaned result without a posting date (a late result a takeover may adopt) and one posted since the cutoff', () => {
		const rows = [claim('k', 'new'), result('k', 'old-1', 'failed_retryable', null), result('k', 'old-2', 'posted', NEW)];
		expect(ledgerRowsToForget(rows, CUTOFF)).toEqual({ keys: [], rowIds: [], orphanedResults: 0 });
	});

	it('a posting exactly at the cutoff, or with an unreadable date, is kept', () => {
		const rows = [claim('at', 'a'), result('at', 'a', 'posted', CUTOFF.toISOString()), claim('bad', 'b'), result('bad', 'b', 'posted', 'yesterday')];
		expect(ledgerRowsToForget(rows, CUTOFF).keys).toEqual([]);
	});

	it('deletes audit entries older than their cutoff and exceptions resolved before theirs; open and replayed ones stay', () => {
		const audit = [
			{ id: 1, at: OLD },
			{ id: 2, at: NEW },
			{ id: 3, at: '' },
		] as Array<AuditEntry & { id: number }>;
		expect(auditEntriesToForget(audit, CUTOFF)).toEqual([1]);
		const exception = (exceptionId: number, status: ExceptionRecord['status'], resolvedAt: string | null) => ({ id: exceptionId, key: `k${exceptionId}`, status, resolvedAt, raisedAt: OLD }) as ExceptionRecord;
		expect(exceptionsToForget([exception(1, 'resolved', OLD), exception(2, 'resolved', NEW), exception(3, 'open', null), exception(4, 'replayed', null), exception(5, 'resolved', null)], CUTOFF)).toEqual([1]);
	});
});
