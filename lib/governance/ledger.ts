/**
 * The idempotency ledger's state machine. One ledger row per idempotency key (the lowest row id wins when a
 * race left more than one); the store decides how rows are read and written, this file decides what a row
 * means and what a claim may do with it.
 */

export type LedgerStatus = 'claimed' | 'posted' | 'failed_retryable' | 'failed';

/** A ledger row as stored (column names are the Data Table's). */
export interface LedgerRow {
	id: number;
	key: string;
	status: LedgerStatus;
	/** Unique per claim attempt; compare-and-set token for takeover and result recording. */
	claimToken: string;
	/** Execution that holds (or last held) the claim. */
	claimOwner: string;
	claimedAt: string;
	expiresAt: string;
	attempts: number;
	targetSystem?: string | null;
	targetId?: string | null;
	postedAt?: string | null;
	error?: string | null;
	correlationId?: string | null;
	workflowId?: string | null;
}

export type ClaimOutcome = 'new' | 'alreadyDone' | 'inProgressElsewhere';

/** What a claimer should do after reading the key's current row. */
export type ClaimDecision =
	| { action: 'insert' }
	| { action: 'takeover'; from: LedgerRow; reason: string }
	| { action: 'stop'; outcome: Exclude<ClaimOutcome, 'new'>; row: LedgerRow; reason: string };

export interface ClaimPolicy {
	now: Date;
	/** The claiming execution. A claim it already holds is returned to it, so a retried node run is not blocked by itself. */
	owner: string;
	/** Replays (from the exception queue) may take a key whose last attempt failed permanently. */
	allowFailed: boolean;
}

/** The row that represents a key: the lowest id (the first insert), so every racer agrees once all rows are visible. */
export function canonicalRow<T extends { id: number }>(rows: T[]): T | undefined {
	let best: T | undefined;
	for (const row of rows) if (!best || row.id < best.id) best = row;
	return best;
}

export function isExpired(row: Pick<LedgerRow, 'expiresAt'>, now: Date): boolean {
	const expires = Date.parse(row.expiresAt);
	return !Number.isFinite(expires) || expires <= now.getTime();
}

export function decideClaim(row: LedgerRow | undefined, policy: ClaimPolicy): ClaimDecision {
	if (!row) return { action: 'insert' };
	switch (row.status) {
		case 'posted':
			return {
				action: 'stop',
				outcome: 'alreadyDone',
				row,
				reason: `already posted to ${row.targetSystem ?? 'the target'} as ${row.targetId ?? '(no id recorded)'}`,
			};
		case 'claimed':
			if (row.claimOwner === policy.owner) return { action: 'takeover', from: row, reason: 'claim held by this execution' };
			if (!isExpired(row, policy.now)) {
				return {
					action: 'stop',
					outcome: 'inProgressElsewhere',
					row,
					reason: `claimed by execution ${row.claimOwner} until ${row.expiresAt}`,
				};
			}
			return { action: 'takeover', from: row, reason: `claim of execution ${row.claimOwner} expired at ${row.expiresAt}` };
		case 'failed_retryable':
			return { action: 'takeover', from: row, reason: `retrying after a retryable failure: ${row.error ?? 'unknown error'}` };
		case 'failed':
			if (policy.allowFailed) return { action: 'takeover', from: row, reason: 'replay of a permanently failed key' };
			return {
				action: 'stop',
				outcome: 'inProgressElsewhere',
				row,
				reason: `parked: the last attempt failed permanently (${row.error ?? 'unknown error'}); replay it from the exception queue`,
			};
		default:
			return { action: 'takeover', from: row, reason: `unknown status "${String(row.status)}"` };
	}
}

/** Columns written when a claim is taken (insert or compare-and-set takeover). */
export function claimColumns(
	key: string,
	claimToken: string,
	policy: ClaimPolicy,
	ttlSeconds: number,
	previous?: LedgerRow,
): Omit<LedgerRow, 'id'> {
	if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`claim expiry must be a positive number of seconds, got ${ttlSeconds}`);
	return {
		key,
		status: 'claimed',
		claimToken,
		claimOwner: policy.owner,
		claimedAt: policy.now.toISOString(),
		expiresAt: new Date(policy.now.getTime() + ttlSeconds * 1000).toISOString(),
		attempts: (previous?.attempts ?? 0) + 1,
		targetSystem: previous?.targetSystem ?? null,
		targetId: previous?.targetId ?? null,
		postedAt: null,
		error: null,
	};
}

export type PostingResult =
	| { kind: 'posted'; targetSystem: string; targetId: string; at: Date }
	| { kind: 'failed'; error: string; retryable: boolean; at: Date };

/** Columns written when a result is recorded. */
export function resultColumns(result: PostingResult): Partial<LedgerRow> {
	if (result.kind === 'posted') {
		return {
			status: 'posted',
			targetSystem: result.targetSystem,
			targetId: result.targetId,
			postedAt: result.at.toISOString(),
			error: null,
		};
	}
	return { status: result.retryable ? 'failed_retryable' : 'failed', error: result.error.slice(0, 2000) };
}
