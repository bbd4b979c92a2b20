/**
 * Retention: what the Sync Ledger may forget, decided on the rows as stored.
 * - A key is forgotten whole (its claim rows and every result row) once every claim row of it reads as posted
 *   (with its latest result, see `withResults`) before the cutoff. A key with a live claim, a failure or a newer
 *   posting stays. A forgotten key is new again: a delivery of it afterwards is posted again, so the cutoff must
 *   lie beyond anything a source can still resend.
 * - A result row under a token no claim row of its key carries (ignored by every reader) goes once its posting is
 *   older than the cutoff; one without a date stays (a takeover may still adopt a late result).
 * - Order rows (Order Guard's last version per entity) stay: one per entity, and they keep old versions out.
 * - Audit entries older than their cutoff, and exceptions resolved before theirs; open or replayed ones stay.
 */
import type { AuditEntry } from './audit';
import type { ExceptionRecord } from './exceptions';
import { claimsByKey, rowKind } from './ledger';
import type { LedgerRow } from './ledger';

export interface LedgerForgetting {
	/** Keys forgotten whole, in the order first stored. */
	keys: string[];
	/** Ids of every row to delete: the keys' claim and result rows, then orphaned result rows. */
	rowIds: number[];
	orphanedResults: number;
}

const before = (at: unknown, cutoff: Date): boolean => {
	const time = at === null || at === undefined || at === '' ? Number.NaN : Date.parse(String(at));
	return Number.isFinite(time) && time < cutoff.getTime();
};

export function ledgerRowsToForget(stored: LedgerRow[], postedBefore: Date): LedgerForgetting {
	const keys = [...claimsByKey(stored)].filter(([, claims]) => claims.every((claim) => claim.status === 'posted' && before(claim.postedAt, postedBefore))).map(([key]) => key);
	const forgotten = new Set(keys);
	const tokens = new Set(stored.filter((row) => rowKind(row) === 'claim').map((row) => `${String(row.claimToken)}\u0000${row.key}`));
	const rowIds: number[] = [];
	let orphanedResults = 0;
	for (const row of stored) {
		const kind = rowKind(row);
		if (kind === 'order') continue;
		if (forgotten.has(row.key)) {
			rowIds.push(row.id);
		} else if (kind === 'result' && !tokens.has(`${String(row.claimToken)}\u0000${row.key}`) && before(row.postedAt, postedBefore)) {
			rowIds.push(row.id);
			orphanedResults++;
		}
	}
	return { keys, rowIds, orphanedResults };
}

export function auditEntriesToForget(entries: Array<AuditEntry & { id: number }>, olderThan: Date): number[] {
	return entries.filter((entry) => before(entry.at, olderThan)).map((entry) => entry.id);
}

export function exceptionsToForget(records: ExceptionRecord[], resolvedBefore: Date): number[] {
	return records.filter((record) => record.status === 'resolved' && record.id !== undefined && before(record.resolvedAt, resolvedBefore)).map((record) => record.id!);
}
