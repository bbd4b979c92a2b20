/**
 * The idempotency ledger's state machine. One ledger row per idempotency key (the lowest row id wins when a
 * race left more than one); the store decides how rows are read and written, this file decides what a row
 * means and what a claim may do with it.
 */

export type LedgerStatus = 'claimed' | 'posted' | 'failed_retryable' | 'failed';

/**
 * The ledger table holds three kinds of rows in one `key` column: idempotency claims (`claim`, key = the user's
 * idempotency key), the results recorded under a claim (`result`, same key, the claim's token) and order-guard
 * versions (`order`, key = `order:<entity>`). Every read keeps to its kinds, so a user key spelled `order:SO-1` is
 * a claim row and never meets entity SO-1's order row.
 */
export type LedgerRowKind = 'claim' | 'order' | 'result';

export const ORDER_KEY_PREFIX = 'order:';

/** The key column of an entity's order-guard row (kept as the old code wrote it, so existing rows still match). */
export function orderRowKey(entity: string): string {
	return `${ORDER_KEY_PREFIX}${entity}`;
}

/**
 * The kind of a stored row. Rows the node wrote always name their kind. A row without one (added or edited by
 * hand in the Data Tables UI) is read the way the old code would have written it: an order row when its key starts
 * with `order:` and it carries a last applied version, otherwise a claim.
 */
export function rowKind(stored: object): LedgerRowKind {
	const row = stored as { kind?: unknown; key?: unknown; lastVersion?: unknown };
	if (row.kind === 'claim' || row.kind === 'order' || row.kind === 'result') return row.kind;
	const hasVersion = row.lastVersion !== null && row.lastVersion !== undefined && String(row.lastVersion) !== '';
	return String(row.key ?? '').startsWith(ORDER_KEY_PREFIX) && hasVersion ? 'order' : 'claim';
}

export function rowsOfKind<T extends object>(rows: T[], kind: LedgerRowKind): T[] {
	return rows.filter((row) => rowKind(row) === kind);
}

/** A ledger row as stored (column names are the Data Table's). */
export interface LedgerRow {
	id: number;
	key: string;
	kind?: LedgerRowKind | null;
	status: LedgerStatus;
	/** Unique per claim: whoever holds it owns the claim (takeover is a compare-and-set on it; recording needs it). */
	claimToken: string;
	/** Execution that holds (or last held) the claim; for people reading the row, never for deciding ownership. */
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
	/** Read side only, never stored: the id of the result row this claim row is read with (see `withResults`). */
	resultId?: number;
}

export type ClaimOutcome = 'new' | 'alreadyDone' | 'inProgressElsewhere';

/** What a claimer should do after reading the key's current row. */
export type ClaimDecision =
	| { action: 'insert' }
	| { action: 'takeover'; from: LedgerRow; reason: string }
	| { action: 'stop'; outcome: Exclude<ClaimOutcome, 'new'>; row: LedgerRow; reason: string };

export interface ClaimPolicy {
	now: Date;
	/**
	 * The claiming execution, written to the row for people to read. It grants nothing: a live claim keeps every
	 * other claim away, its own execution's included (a loop or a second batch reaching the same key), because the
	 * claim is owned by its token, not by the execution id (which may also be empty).
	 */
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

/** The claim holder as people read it; an empty execution id is said so, never shown as a blank. */
export function ownerName(row: Pick<LedgerRow, 'claimOwner'>): string {
	return row.claimOwner ? row.claimOwner : '(no execution id)';
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
			if (!isExpired(row, policy.now)) {
				return {
					action: 'stop',
					outcome: 'inProgressElsewhere',
					row,
					reason:
						row.claimOwner && row.claimOwner === policy.owner
							? `already claimed by this execution (an earlier Check & Claim of the same key) until ${row.expiresAt}`
							: `claimed by execution ${ownerName(row)} until ${row.expiresAt}`,
				};
			}
			return { action: 'takeover', from: row, reason: `claim of execution ${ownerName(row)} expired at ${row.expiresAt}` };
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
		kind: 'claim',
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

/**
 * A result row: appended by Record Result under the claim's token (one insert for a whole batch), never updated.
 * It counts only while the claim row still carries that token; a takeover gives the claim a new token, so a result
 * recorded under the old one is ignored from then on.
 */
export function resultRow(key: string, claimToken: string, result: PostingResult & { targetSystem?: string }, recordedBy: string): Omit<LedgerRow, 'id' | 'claimedAt' | 'expiresAt' | 'attempts'> {
	const columns = resultColumns(result);
	if (result.kind === 'failed' && result.targetSystem) columns.targetSystem = result.targetSystem;
	return { key, kind: 'result', claimToken, claimOwner: recordedBy, ...columns } as Omit<LedgerRow, 'id' | 'claimedAt' | 'expiresAt' | 'attempts'>;
}

/** The claim row as it stands once `result` (a result row under its token) is read over it. */
export function applyResult<T extends LedgerRow>(claim: T, result: LedgerRow): T {
	const applied: T = { ...claim, status: result.status, error: result.error ?? null, resultId: result.id };
	if (result.correlationId) applied.correlationId = result.correlationId;
	if (result.status === 'posted') {
		applied.targetSystem = result.targetSystem ?? null;
		applied.targetId = result.targetId ?? null;
		applied.postedAt = result.postedAt ?? null;
	} else if (result.targetSystem) {
		applied.targetSystem = result.targetSystem;
	}
	return applied;
}

/**
 * The ledger as it is read: every claim row with the latest result recorded under its current token (the highest
 * id: one holder's results are inserted in the order recorded), result rows folded away, other rows as they are.
 * A claim row without such a result reads as stored, so rows written before results were appended (a claim row
 * that holds its own status) keep their meaning. Results under a token no claim carries any more are ignored.
 */
export function withResults<T extends object>(rows: T[]): T[] {
	const latest = new Map<string, LedgerRow>();
	const slot = (key: unknown, token: unknown) => `${String(token)}\u0000${String(key)}`;
	for (const row of rows as unknown as LedgerRow[]) {
		if (rowKind(row) !== 'result') continue;
		const at = slot(row.key, row.claimToken);
		const seen = latest.get(at);
		if (!seen || row.id > seen.id) latest.set(at, row);
	}
	const read: T[] = [];
	for (const row of rows as unknown as LedgerRow[]) {
		const kind = rowKind(row);
		if (kind === 'result') continue;
		const result = kind === 'claim' && row.claimToken ? latest.get(slot(row.key, row.claimToken)) : undefined;
		read.push((result ? applyResult(row, result) : row) as unknown as T);
	}
	return read;
}

/** Claim rows, each read with the result recorded under its token (`withResults`), grouped by key. */
export function claimsByKey<T extends object>(rows: T[]): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const row of rowsOfKind(withResults(rows), 'claim')) {
		const key = String((row as { key?: unknown }).key);
		map.set(key, [...(map.get(key) ?? []), row]);
	}
	return map;
}

/**
 * Whether a result may be written over the key's claim row. Recording needs the claim's token: only the claim
 * that a Check & Claim handed out may record, and it may record again (a retried Record Result) until another
 * claim takes the key. Without the token, or with another claim's, recording is refused naming the holder,
 * unless the caller asked for an override (admin repair), which writes whatever the row says.
 */
export type RecordDecision = { action: 'write'; over?: LedgerRow } | { action: 'refuse'; reason: string };

export function decideRecord(key: string, row: LedgerRow | undefined, claimToken: string | undefined, override: boolean): RecordDecision {
	if (override) return { action: 'write', over: row };
	if (!claimToken) {
		return {
			action: 'refuse',
			reason: `no claim token given for key "${key}"${row ? ` (${describeHolder(row)})` : ''}: pass the token Check & Claim output (ledger.claimToken), or turn on Record Without Claim for an admin repair`,
		};
	}
	if (!row) return { action: 'refuse', reason: `no ledger row for key "${key}": claim it with Check & Claim first` };
	if (row.claimToken === claimToken) return { action: 'write', over: row };
	return { action: 'refuse', reason: `the claim token does not match the claim of key "${key}": ${describeHolder(row)}; result not recorded` };
}

function describeHolder(row: LedgerRow): string {
	switch (row.status) {
		case 'claimed':
			return `it is claimed by execution ${ownerName(row)} until ${row.expiresAt}`;
		case 'posted':
			return `it was posted by execution ${ownerName(row)} to ${row.targetSystem ?? 'the target'} as ${row.targetId ?? '(no id recorded)'}`;
		default:
			return `its last claim, by execution ${ownerName(row)}, ${row.status === 'failed' ? 'failed permanently' : 'failed'}: ${row.error ?? 'unknown error'}`;
	}
}
