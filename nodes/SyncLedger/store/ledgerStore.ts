/**
 * The Sync Ledger on a row store (n8n Data Tables): claims, results, order versions, exceptions and audit.
 *
 * Claim protocol. A key's decided rows (`claimed`, `posted`, `failed…`) are its claim; the lowest id is the one
 * everybody reads. Two paths, each resting on n8n running a conditional update as ONE `UPDATE … WHERE … RETURNING`
 * (Postgres; on SQLite one write transaction), so a row matched by the WHERE is changed by exactly one statement:
 * 1. a key with a row that may be taken (expired claim, retryable failure, replay of a permanent failure):
 *    compare-and-set on that row's id and the token read; an empty answer means another execution took it first;
 * 2. a key with no row (a first claim): insert a `settling` row marked `lastVersion = open:<key>`; capture every
 *    still-open row of the key with a fresh mark in one conditional UPDATE (`… WHERE lastVersion = 'open:<key>'`);
 *    read the key; win only if our row and every live row of the key carry our mark; then confirm (`claimed`).
 *    Losers delete their rows and look again once the key settles.
 * Why 2 is strict under any commit order: a row's mark is written once; each claimer's insert commits before its
 * capture and its capture before its read. If A and B both won, A's read did not see B's row (it would carry A's
 * mark, not B's) so B's insert committed after A's read, which came after A's insert; and symmetrically A's insert
 * committed after B's read — a cycle. Assumption: a claimer finishes its three steps before the claim expiry;
 * settling rows older than that are treated as left by a crashed claimer and ignored.
 * Claim rows and order-guard rows share the table but not a namespace: every read keeps to rows of its own `kind`.
 */
import { randomUUID } from 'crypto';
import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import {
	applyResult,
	auditEntriesToForget,
	auditEntry,
	canonicalRow,
	claimColumns,
	claimsByKey,
	decideClaim,
	decideOrder,
	decideRecord,
	exceptionsToForget,
	isExpired,
	ledgerRowsToForget,
	newException,
	orderRowKey,
	reopenedException,
	ownerName,
	parseVersion,
	resultColumns,
	resultRow,
	rowKind,
	rowsOfKind,
	withResults,
} from '../../../lib/governance';
import type {
	AuditEntry,
	BusinessDomain,
	ClaimOutcome,
	ClaimPolicy,
	ExceptionRecord,
	ExceptionStatus,
	LedgerRow,
	OrderDecision,
	PostingResult,
} from '../../../lib/governance';
import { mapWithConcurrency } from '../../shared/kit';
import type { ColumnSpec, ColumnType, FilterCondition, Row, RowStore } from './dataTables';

/** Column name → type, in the order the table gets them (a Data Table's columns, not node parameters). */
function columnSpecs(types: Record<string, ColumnType>): ColumnSpec[] {
	return Object.entries(types).map(([name, type]) => ({ name, type }));
}

export const LEDGER_COLUMNS: ColumnSpec[] = columnSpecs({
	key: 'string',
	kind: 'string',
	status: 'string',
	claimToken: 'string',
	claimOwner: 'string',
	claimedAt: 'date',
	expiresAt: 'date',
	attempts: 'number',
	targetSystem: 'string',
	targetId: 'string',
	postedAt: 'date',
	error: 'string',
	lastVersion: 'string',
	correlationId: 'string',
	workflowId: 'string',
});

export const EXCEPTION_COLUMNS: ColumnSpec[] = columnSpecs({
	key: 'string',
	status: 'string',
	reason: 'string',
	domain: 'string',
	owner: 'string',
	correlationId: 'string',
	workflowId: 'string',
	executionId: 'string',
	payload: 'string',
	raisedAt: 'date',
	resolvedAt: 'date',
	resolution: 'string',
	replayCount: 'number',
});

export const AUDIT_COLUMNS: ColumnSpec[] = columnSpecs({
	at: 'date',
	correlationId: 'string',
	workflowId: 'string',
	executionId: 'string',
	action: 'string',
	target: 'string',
	key: 'string',
	before: 'string',
	after: 'string',
});

type TableName = 'ledger' | 'exceptions' | 'audit';
const TABLE_COLUMNS: Record<TableName, ColumnSpec[]> = { ledger: LEDGER_COLUMNS, exceptions: EXCEPTION_COLUMNS, audit: AUDIT_COLUMNS };

const MAX_CLAIM_ROUNDS = 4;
/** Looks at a key whose first claim is being settled elsewhere (with growing pauses, about 3 s in all). */
const MAX_SETTLE_ROUNDS = 12;

/** Status of a first-claim row until its claimer has won (then `claimed`) or withdrawn it (deleted). */
const SETTLING = 'settling';
/** A settling row not yet captured; claim rows never use `lastVersion` otherwise (order rows do, by kind). */
const openMark = (key: string) => `open:${key}`;
const captureMark = (token: string) => `capture:${token}`;

/** Rows that count for a key: every decided row, and settling rows until they expire (a claimer that crashed). */
function liveClaimRows(rows: Row[], now: Date): Row[] {
	return rows.filter((row) => row.status !== SETTLING || !isExpired(row as unknown as LedgerRow, now));
}

/**
 * Settling rows past the claim expiry: left by claimers that died between insert and confirm (a killed worker).
 * Every reader already ignores them, so deleting them changes no one's view of a key; it keeps the table tidy.
 */
function abandonedRows(rows: Row[], now: Date): Row[] {
	return rows.filter((row) => row.status === SETTLING && isExpired(row as unknown as LedgerRow, now));
}

function splitClaimRows(rows: Row[], now: Date): { confirmed: Row[]; settling: Row[] } {
	const live = liveClaimRows(rows, now);
	return { confirmed: live.filter((row) => row.status !== SETTLING), settling: live.filter((row) => row.status === SETTLING) };
}

/** Who is writing: every row and audit entry names the workflow and execution. */
export interface WriterContext {
	workflowId: string;
	executionId: string;
	now: () => Date;
	/** How to wait between looks at a key being settled; n8n's `sleep` unless a test drives time. */
	pause?: (ms: number) => Promise<void>;
}

export interface ClaimOptions {
	ttlSeconds: number;
	allowFailed: boolean;
	correlationId: string;
}

/**
 * Keys per chunk in claimMany and Order Guard (one read, one insert, one capture each): keys of up to about 55
 * characters fit one read's filter; for longer ones the Data Table client splits the read, keeping every URL
 * within its limit, while the chunk's writes (request bodies) stay one request each.
 */
const KEYS_PER_READ = 50;

function chunked<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
	return chunks;
}

/**
 * Ledger requests of one node run in flight at once (reads of different keys or tokens, and claims of different
 * chunks of keys). n8n answers a Data Table request mostly by scanning the table (Data Tables have no index), so
 * a few at once keep its database and its request handling busy together; a bound, not a tuning knob.
 */
const LEDGER_REQUESTS_AT_ONCE = 4;

/** Result rows per insert in recordMany: a node run's batch is one request up to this many results. */
export const RESULTS_PER_INSERT = 1000;
/** Tokens per read when recordMany confirms its claims: 56 UUID conditions (about 130 characters each) fill one filter. */
const TOKENS_PER_READ = 56;

export interface PruneCutoffs {
	postedBefore: Date;
	auditBefore: Date;
	resolvedExceptionsBefore: Date;
}

export interface PruneReport {
	dryRun: boolean;
	postedBefore: string;
	auditBefore: string;
	resolvedExceptionsBefore: string;
	/** Posted keys forgotten (a delivery of one afterwards is new). */
	keys: number;
	ledgerRows: number;
	orphanedResults: number;
	auditEntries: number;
	resolvedExceptions: number;
}

export interface RecordRequest {
	key: string;
	result: PostingResult & { targetSystem?: string };
	claimToken?: string;
	correlationId: string;
	override?: boolean;
}

export interface RecordOutcome {
	recorded: true;
	overridden: boolean;
	row?: LedgerRow;
	reason: string;
}

export interface NewException {
	key: string;
	reason: string;
	domain: BusinessDomain;
	owner?: string;
	correlationId: string;
	payload: unknown;
}

export interface ClaimResult {
	outcome: ClaimOutcome;
	reason: string;
	row: LedgerRow;
}

const eq = (columnName: string, value: unknown): FilterCondition => ({ columnName, condition: 'eq', value });

function asLedgerRow(row: Row): LedgerRow {
	return row as unknown as LedgerRow;
}

/** Why a result under `claimToken` does not count for `key`, whose claim is `row` (see `decideRecord`). */
function refusal(key: string, row: LedgerRow | undefined, claimToken: string | undefined): string {
	const decision = decideRecord(key, row, claimToken, false);
	return decision.action === 'refuse' ? decision.reason : `key "${key}": its claim changed while the result was recorded; result not recorded`;
}

/** Record Result refused: the caller does not hold the key's claim. The message names who does. */
export class ClaimMismatchError extends Error {
	constructor(
		message: string,
		readonly row?: LedgerRow,
	) {
		super(message);
		this.name = 'ClaimMismatchError';
	}
}

export class LedgerStore {
	private readonly tables = new Map<TableName, string>();
	private readonly pendingAudit: AuditEntry[] = [];

	constructor(
		private readonly rows: RowStore,
		private readonly prefix: string,
		private readonly writer: WriterContext,
		private readonly auditEnabled = true,
	) {
		if (!/^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(prefix)) {
			throw new Error(`Table name prefix "${prefix}" must start with a letter and use letters, digits and underscores only`);
		}
	}

	/** The three tables' ids, each created on first use. */
	async open(): Promise<{ ledger: string; exceptions: string; audit: string }> {
		return { ledger: await this.table('ledger'), exceptions: await this.table('exceptions'), audit: await this.table('audit') };
	}

	/**
	 * One table's id, resolved when an operation first needs it (Check & Claim never touches the exceptions table)
	 * and then kept for this store; the row store keeps ids across node runs (see `TableIdCache`).
	 */
	private async table(name: TableName): Promise<string> {
		let id = this.tables.get(name);
		if (!id) {
			id = await this.rows.ensureTable(`${this.prefix}${name}`, TABLE_COLUMNS[name]);
			this.tables.set(name, id);
		}
		return id;
	}

	private audit(fields: Omit<Parameters<typeof auditEntry>[0], 'at' | 'workflowId' | 'executionId'>): void {
		if (!this.auditEnabled) return;
		this.pendingAudit.push(auditEntry({ ...fields, at: this.writer.now(), workflowId: this.writer.workflowId, executionId: this.writer.executionId }));
	}

	/** Writes the audit entries collected during this node run in one request. */
	async flushAudit(): Promise<number> {
		if (this.pendingAudit.length === 0) return 0;
		const audit = await this.table('audit');
		const entries = this.pendingAudit.splice(0, this.pendingAudit.length);
		await this.rows.append(audit, entries as unknown as IDataObject[]);
		return entries.length;
	}

	/**
	 * The key's claim rows, each read with its result (see `withResults`); an order-guard row whose key is spelled
	 * the same is not among them.
	 */
	private async rowsOfKey(key: string): Promise<Row[]> {
		const ledger = await this.table('ledger');
		return rowsOfKind(withResults(await this.rows.list(ledger, [eq('key', key)])), 'claim');
	}

	/** Each key's claim as everybody reads it (the canonical confirmed row, with its result), 50 keys per chunk. */
	private async currentClaims(keys: string[]): Promise<Map<string, LedgerRow>> {
		const ledger = await this.table('ledger');
		const current = new Map<string, LedgerRow>();
		const reads = await mapWithConcurrency(chunked([...new Set(keys)], KEYS_PER_READ), LEDGER_REQUESTS_AT_ONCE, async (chunk) => await this.rows.listAny(ledger, 'key', chunk));
		for (const rows of reads) {
			for (const [key, rowsOfThisKey] of claimsByKey(rows)) {
				const row = canonicalRow(splitClaimRows(rowsOfThisKey, this.writer.now()).confirmed);
				if (row) current.set(key, asLedgerRow(row));
			}
		}
		return current;
	}

	/**
	 * After a takeover: a result the previous holder recorded after our read (its insert committed late) would be
	 * lost under our new token. If it says the key is done (posted, or parked), the new claim adopts it (the same
	 * result under our token) and the caller stops; a retryable failure leaves the takeover as it is.
	 */
	private async adoptLateResult(key: string, from: LedgerRow, taken: Row, policy: ClaimPolicy, correlationId: string): Promise<ClaimResult | undefined> {
		const ledger = await this.table('ledger');
		let late: LedgerRow | undefined;
		for (const row of rowsOfKind(await this.rows.list(ledger, [eq('key', key)]), 'result') as unknown as LedgerRow[]) {
			if (row.claimToken === from.claimToken && (!late || row.id > late.id)) late = row;
		}
		if (!late || late.id === from.resultId) return undefined;
		const decision = decideClaim(applyResult(from, late), policy);
		if (decision.action !== 'stop') return undefined;
		const copy: IDataObject = {
			key,
			kind: 'result',
			claimToken: taken.claimToken,
			claimOwner: this.writer.executionId,
			status: late.status,
			targetSystem: late.targetSystem ?? null,
			targetId: late.targetId ?? null,
			postedAt: late.postedAt ?? null,
			error: late.error ?? null,
			correlationId: late.correlationId ?? correlationId,
			workflowId: this.writer.workflowId,
		};
		const [adopted] = await this.rows.insert(ledger, [copy]);
		this.audit({ correlationId, action: 'ledger.adopt', key, before: { status: 'claimed', owner: ownerName(late) }, after: { status: late.status, targetId: late.targetId, error: late.error } });
		return {
			outcome: decision.outcome,
			reason: `${decision.reason} (recorded by execution ${ownerName(late)} as this execution took over its expired claim; kept)`,
			row: applyResult(asLedgerRow(taken), adopted as unknown as LedgerRow),
		};
	}

	/**
	 * Claims one key. `known` are the key's rows read moments ago (by claimMany), which spare the first read.
	 */
	async claim(key: string, options: ClaimOptions, known?: Row[]): Promise<ClaimResult> {
		const ledger = await this.table('ledger');
		let rows = known ? rowsOfKind(known, 'claim') : undefined;
		for (let round = 1; round <= MAX_SETTLE_ROUNDS; round++) {
			const policy: ClaimPolicy = { now: this.writer.now(), owner: this.writer.executionId, allowFailed: options.allowFailed };
			const { confirmed, settling } = splitClaimRows(rows ?? (await this.rowsOfKey(key)), policy.now);
			rows = undefined;
			if (confirmed.length === 0 && settling.length > 0) {
				// Another first claim of this key is being settled: wait for its winner to confirm or its losers to leave.
				await this.pause(round);
				continue;
			}
			const current = canonicalRow(confirmed);
			const decision = decideClaim(current ? asLedgerRow(current) : undefined, policy);
			if (decision.action === 'stop') return { outcome: decision.outcome, reason: decision.reason, row: decision.row };
			if (decision.action === 'insert') {
				const won = (await this.firstClaims([{ key, ...options }], options.ttlSeconds)).get(key);
				if (won) return won;
				await this.pause(round);
				continue;
			}
			const token = randomUUID();
			const columns = {
				...claimColumns(key, token, policy, options.ttlSeconds, decision.from),
				correlationId: options.correlationId,
				workflowId: this.writer.workflowId,
			};
			// Compare-and-set on the one row everybody reads as the key's: one UPDATE … WHERE id AND token.
			const [taken] = await this.rows.update(ledger, [eq('id', decision.from.id), eq('claimToken', decision.from.claimToken)], columns as unknown as IDataObject);
			if (taken && taken.claimToken === token) {
				const adopted = await this.adoptLateResult(key, decision.from, taken, policy, options.correlationId);
				if (adopted) return adopted;
				this.audit({
					correlationId: options.correlationId,
					action: 'ledger.claim',
					key,
					before: { status: decision.from.status, owner: decision.from.claimOwner, error: decision.from.error },
					after: { status: 'claimed', owner: policy.owner, attempts: columns.attempts },
				});
				return { outcome: 'new', reason: decision.reason, row: asLedgerRow(taken) };
			}
		}
		const row = canonicalRow(splitClaimRows(await this.rowsOfKey(key), this.writer.now()).confirmed);
		return {
			outcome: 'inProgressElsewhere',
			reason: `other executions kept taking this key, or a first claim of it is still being settled (${MAX_SETTLE_ROUNDS} rounds)`,
			row: row ? asLedgerRow(row) : ({ key } as LedgerRow),
		};
	}

	/**
	 * First claims of keys that have no row (see the header): insert `settling` rows marked open, capture every
	 * still-open row of these keys in one conditional UPDATE, read, and win a key only if every live row of it
	 * carries this capture. Winners are confirmed as `claimed`; losers withdraw their rows. Returns the won keys.
	 */
	private async firstClaims(requests: Array<{ key: string } & Omit<ClaimOptions, 'ttlSeconds'>>, ttlSeconds: number): Promise<Map<string, ClaimResult>> {
		const ledger = await this.table('ledger');
		const now = this.writer.now();
		const capture = captureMark(randomUUID());
		const inserts = requests.map((request) => {
			const policy: ClaimPolicy = { now, owner: this.writer.executionId, allowFailed: request.allowFailed };
			return {
				request,
				columns: {
					...claimColumns(request.key, randomUUID(), policy, ttlSeconds),
					status: SETTLING,
					lastVersion: openMark(request.key),
					correlationId: request.correlationId,
					workflowId: this.writer.workflowId,
				} as unknown as IDataObject,
			};
		});
		// Appended, not read back: the read after the capture finds each of our rows by its claim token.
		await this.rows.append(ledger, inserts.map((i) => i.columns));
		const keys = requests.map((r) => r.key);
		// The atomic step: one UPDATE … WHERE lastVersion = open:<k1> OR … ; a row leaves "open" exactly once.
		await this.rows.update(ledger, keys.map((key) => eq('lastVersion', openMark(key))), { lastVersion: capture }, 'or');
		const seen = claimsByKey(await this.rows.listAny(ledger, 'key', keys));
		const mineByKey = new Map<string, Row>();
		for (const { request, columns } of inserts) {
			const row = (seen.get(request.key) ?? []).find((candidate) => candidate.claimToken === columns.claimToken);
			if (row) mineByKey.set(request.key, row);
		}
		const won: Row[] = [];
		const lost: Row[] = [];
		// Abandoned settling rows (see `abandonedRows`) go with our losers' rows.
		const abandoned = abandonedRows([...seen.values()].flat(), now);
		for (const key of keys) {
			const row = mineByKey.get(key);
			if (!row) continue;
			const live = liveClaimRows(seen.get(key) ?? [], now);
			const ours = live.some((r) => r.id === row.id && r.lastVersion === capture) && live.every((r) => r.lastVersion === capture);
			(ours ? won : lost).push(row);
		}
		const results = new Map<string, ClaimResult>();
		if (won.length > 0) {
			const confirmed = await this.rows.update(ledger, won.map((row) => eq('id', row.id)), { status: 'claimed', lastVersion: null }, 'or');
			for (const row of confirmed) {
				const key = String(row.key);
				this.audit({ correlationId: String(row.correlationId ?? ''), action: 'ledger.claim', key, after: { status: 'claimed', owner: this.writer.executionId } });
				results.set(key, { outcome: 'new', reason: 'first claim of this key', row: asLedgerRow(row) });
			}
		}
		const withdrawn = [...lost, ...abandoned];
		if (withdrawn.length > 0) await this.rows.remove(ledger, withdrawn.map((row) => eq('id', row.id)), 'or');
		return results;
	}

	/** Deletes the abandoned settling rows among `rows` (one request, and only when there are any). */
	private async removeAbandoned(ledger: string, rows: Row[], now: Date): Promise<void> {
		const abandoned = abandonedRows(rows, now);
		if (abandoned.length > 0) await this.rows.remove(ledger, abandoned.map((row) => eq('id', row.id)), 'or');
	}

	/** Waits a little before another look at a key being settled (jittered, so racers do not meet again in step). */
	private async pause(round: number): Promise<void> {
		const ms = Math.min(400, 10 * 2 ** Math.min(round, 5)) + Math.floor(Math.random() * 20);
		await (this.writer.pause ?? sleep)(ms);
	}

	/**
	 * Claims many keys with a few requests per 50 keys instead of several per key: one read of their rows, one
	 * settlement of every first claim (insert, capture, read, confirm). Keys that need a takeover, are being
	 * settled elsewhere, or lost, go through `claim` one by one. Keys must be unique.
	 */
	async claimMany(requests: Array<{ key: string } & Omit<ClaimOptions, 'ttlSeconds'>>, ttlSeconds: number): Promise<Map<string, ClaimResult>> {
		const ledger = await this.table('ledger');
		const results = new Map<string, ClaimResult>();
		// Chunks hold different keys, so they are claimed side by side like claimers of different keys.
		await mapWithConcurrency(chunked(requests, KEYS_PER_READ), LEDGER_REQUESTS_AT_ONCE, async (chunk) => {
			const existing = claimsByKey(await this.rows.listAny(ledger, 'key', chunk.map((r) => r.key)));
			const now = this.writer.now();
			await this.removeAbandoned(ledger, [...existing.values()].flat(), now);
			const fresh: typeof chunk = [];
			for (const request of chunk) {
				const rows = existing.get(request.key) ?? [];
				if (liveClaimRows(rows, now).length === 0) fresh.push(request);
				else results.set(request.key, await this.claim(request.key, { ...request, ttlSeconds }, rows));
			}
			if (fresh.length === 0) return;
			const won = await this.firstClaims(fresh, ttlSeconds);
			for (const request of fresh) results.set(request.key, won.get(request.key) ?? (await this.claim(request.key, { ...request, ttlSeconds })));
		});
		return results;
	}

	/** Records one result (see `recordMany`); a refusal throws the `ClaimMismatchError` naming the holder. */
	async recordResult(
		key: string,
		result: PostingResult & { targetSystem?: string },
		options: { claimToken?: string; correlationId: string; override?: boolean },
	): Promise<RecordOutcome> {
		const [outcome] = await this.recordMany([{ key, result, ...options }]);
		if (outcome.status === 'rejected') throw outcome.reason;
		return outcome.value;
	}

	/**
	 * Records many results with ONE insert: each becomes a result row under the claim token it was given (see
	 * `resultRow`), which counts for as long as the key's claim carries that token. The claims are then read back
	 * by token (one read per 56 tokens, after the insert committed) to tell each item whether its result counts.
	 * A result whose token is not (or no longer) its key's claim is refused with a `ClaimMismatchError` naming the
	 * holder, and its row is deleted again, so a refused record leaves nothing that counts. Without a token a
	 * result is refused before the insert. `override` (Record Without Claim, admin repair) reads the key's claim
	 * first and records under its token, or inserts a claim row holding the result when the key has none.
	 * Several results for one key count in the order given (the last one stands). Never throws for one item:
	 * each outcome comes back in its place; an insert that fails fails the items it carried.
	 */
	async recordMany(requests: RecordRequest[]): Promise<Array<PromiseSettledResult<RecordOutcome>>> {
		const ledger = await this.table('ledger');
		const outcomes = new Array<PromiseSettledResult<RecordOutcome>>(requests.length);
		const refuse = (index: number, message: string, row?: LedgerRow) => {
			outcomes[index] = { status: 'rejected', reason: new ClaimMismatchError(message, row) };
		};
		// An override writes over the key's claim, and a refusal for want of a token names the holder: read those first.
		const before = await this.currentClaims(requests.filter((r) => r.override === true || !r.claimToken).map((r) => r.key));
		const pending: Array<{ index: number; columns: IDataObject; over?: LedgerRow; newClaim: boolean }> = [];
		requests.forEach((request, index) => {
			const { key, result, correlationId } = request;
			const override = request.override === true;
			const over = before.get(key);
			if (!override && !request.claimToken) {
				refuse(index, refusal(key, over, undefined), over);
				return;
			}
			const token = override ? over?.claimToken : request.claimToken;
			if (token) {
				const columns = { ...resultRow(key, token, result, this.writer.executionId), correlationId, workflowId: this.writer.workflowId };
				pending.push({ index, columns: columns as unknown as IDataObject, over, newClaim: false });
				return;
			}
			// Override on a key nobody claimed: a claim row of its own holding the result, as if claimed and recorded at once.
			const claim = claimColumns(key, randomUUID(), { now: this.writer.now(), owner: this.writer.executionId, allowFailed: true }, 1);
			const columns: IDataObject = { ...claim, ...resultColumns(result), correlationId, workflowId: this.writer.workflowId };
			if (result.kind === 'failed' && result.targetSystem) columns.targetSystem = result.targetSystem;
			pending.push({ index, columns, newClaim: true });
		});
		// Each row carries its mark in `lastVersion` (unused on result rows) so the read below finds it: the rows are
		// appended (one multi-row INSERT), not returned, as returning them costs n8n one INSERT per row.
		const recording = randomUUID();
		const markOf = (index: number) => `recorded:${recording}:${index}`;
		const appended: typeof pending = [];
		for (let start = 0; start < pending.length; start += RESULTS_PER_INSERT) {
			const chunk = pending.slice(start, start + RESULTS_PER_INSERT);
			try {
				await this.rows.append(ledger, chunk.map((entry) => ({ ...entry.columns, lastVersion: markOf(entry.index) })));
				appended.push(...chunk);
			} catch (error) {
				// n8n inserts a request's rows in one transaction: none of this chunk was recorded.
				for (const entry of chunk) outcomes[entry.index] = { status: 'rejected', reason: error };
			}
		}
		// The claims that carry our tokens now, and our rows, read after the insert committed: a takeover before
		// this read shows.
		const slot = (token: unknown, key: unknown) => `${String(token)}\u0000${String(key)}`;
		const holders = new Map<string, Row>();
		const inserted = new Map<number, Row>();
		const marked = new Map(appended.map((entry) => [markOf(entry.index), entry.index]));
		const tokens = chunked([...new Set(appended.map((entry) => String(entry.columns.claimToken)))], TOKENS_PER_READ);
		for (const rows of await mapWithConcurrency(tokens, LEDGER_REQUESTS_AT_ONCE, async (chunk) => await this.rows.listAny(ledger, 'claimToken', chunk))) {
			for (const row of rows) {
				const index = marked.get(String(row.lastVersion));
				if (index !== undefined) inserted.set(index, row);
				else if (rowKind(row) === 'claim' && row.status !== SETTLING) holders.set(slot(row.claimToken, row.key), row);
			}
		}
		const written = appended.filter((entry) => inserted.has(entry.index));
		for (const entry of appended) {
			if (!inserted.has(entry.index)) outcomes[entry.index] = { status: 'rejected', reason: new Error(`key "${entry.columns.key}": the result was inserted but not found when read back; record it again`) };
		}
		const unconfirmed = written.filter((entry) => !entry.newClaim && !holders.has(slot(entry.columns.claimToken, entry.columns.key)));
		const current = await this.currentClaims(unconfirmed.map((entry) => String(entry.columns.key)));
		const withdrawn: number[] = [];
		for (const entry of written) {
			const request = requests[entry.index];
			const { key, result } = request;
			const override = request.override === true;
			const row = inserted.get(entry.index)!;
			const holder = holders.get(slot(entry.columns.claimToken, key));
			let recorded: LedgerRow | undefined = entry.newClaim ? asLedgerRow(row) : holder ? applyResult(asLedgerRow(holder), asLedgerRow(row)) : undefined;
			if (!recorded) {
				const now = current.get(key);
				// A new holder that took the key over after this insert adopted this very result (see adoptLateResult).
				const adopted = now && result.kind === 'posted' && now.status === 'posted' && now.targetId === result.targetId && now.targetSystem === result.targetSystem;
				withdrawn.push(row.id);
				if (!adopted) {
					refuse(entry.index, refusal(key, now, String(entry.columns.claimToken)), now);
					continue;
				}
				recorded = now;
			}
			const over = entry.over;
			this.audit({
				correlationId: request.correlationId,
				action: result.kind === 'posted' ? 'ledger.posted' : 'ledger.failed',
				target: result.targetSystem ?? '',
				key,
				before: { status: over?.status ?? 'claimed', targetId: over?.targetId, ...(override ? { owner: over ? ownerName(over) : null, override: 'recordWithoutClaim' } : {}) },
				after: { ...resultColumns(result), correlationId: request.correlationId },
			});
			const done = result.kind === 'posted' ? `posted to ${result.targetSystem} as ${result.targetId}` : `${result.retryable ? 'retryable' : 'permanent'} failure: ${result.error}`;
			const reason = override ? `${done} (recorded without the claim${over ? `, over the ${over.status} row of execution ${ownerName(over)}` : ', no claim existed'})` : done;
			outcomes[entry.index] = { status: 'fulfilled', value: { recorded: true, overridden: override, row: recorded, reason } };
		}
		// Refused rows never counted (their token is no claim's); take them out so a refusal leaves nothing behind.
		if (withdrawn.length > 0) await this.rows.remove(ledger, withdrawn.map((id) => eq('id', id)), 'or');
		return outcomes;
	}

	/**
	 * Order guard: applies (and records) the incoming version unless it is older than the last applied. `known` are
	 * the entity's rows read moments ago (by orderGuardMany), which spare the first read.
	 */
	async orderGuard(entity: string, rawVersion: unknown, correlationId: string, target: string, known?: Row[]): Promise<OrderDecision> {
		const ledger = await this.table('ledger');
		const incoming = parseVersion(rawVersion);
		const key = orderRowKey(entity);
		const orderRows = async () => rowsOfKind(await this.rows.list(ledger, [eq('key', key)]), 'order');
		let first = known ? rowsOfKind(known, 'order') : undefined;
		for (let round = 1; round <= MAX_CLAIM_ROUNDS; round++) {
			const current = canonicalRow(first ?? (await orderRows()));
			first = undefined;
			const last = current?.lastVersion ? parseVersion(current.lastVersion) : undefined;
			const decision = decideOrder(entity, incoming, last);
			if (decision.outcome === 'stale') {
				this.audit({ correlationId, action: 'order.stale', target, key: entity, before: { lastVersion: last?.text }, after: { incoming: incoming.text } });
				return decision;
			}
			if (last && last.text === incoming.text) return decision;
			const token = randomUUID();
			const columns: IDataObject = {
				key,
				kind: 'order',
				status: 'applied',
				lastVersion: incoming.text,
				claimToken: token,
				correlationId,
				workflowId: this.writer.workflowId,
				claimOwner: this.writer.executionId,
			};
			if (!current) {
				const [mine] = await this.rows.insert(ledger, [columns]);
				const winner = canonicalRow(await orderRows());
				if (winner?.id !== mine.id) {
					await this.rows.remove(ledger, [eq('id', mine.id), eq('claimToken', token)]);
					continue;
				}
			} else {
				const [updated] = await this.rows.update(ledger, [eq('id', current.id), eq('claimToken', current.claimToken)], columns);
				if (!updated) continue;
			}
			this.audit({ correlationId, action: 'order.applied', target, key: entity, before: { lastVersion: last?.text }, after: { lastVersion: incoming.text } });
			return decision;
		}
		throw new Error(`order guard for ${entity}: other executions kept changing its version`);
	}

	/**
	 * Order guard for many items: the entities' rows are read together (50 per chunk), then each item is decided
	 * in input order; only an applied newer version writes (one compare-and-set, or an insert for an entity's first
	 * version: each entity gets its own version, which n8n's API cannot write to many rows in one request). A
	 * repeated entity is read again, after its earlier item. Never throws: each outcome comes back in its place.
	 */
	async orderGuardMany(requests: Array<{ entity: string; version: unknown; correlationId: string; target: string }>): Promise<Array<PromiseSettledResult<OrderDecision>>> {
		const ledger = await this.table('ledger');
		const keys = [...new Set(requests.map((request) => orderRowKey(request.entity)))];
		const known = new Map<string, Row[]>();
		for (let start = 0; start < keys.length; start += KEYS_PER_READ) {
			for (const row of await this.rows.listAny(ledger, 'key', keys.slice(start, start + KEYS_PER_READ))) {
				const key = String(row.key);
				known.set(key, [...(known.get(key) ?? []), row]);
			}
		}
		const outcomes: Array<PromiseSettledResult<OrderDecision>> = [];
		const readOnce = new Set<string>();
		for (const { entity, version, correlationId, target } of requests) {
			const key = orderRowKey(entity);
			const rows = readOnce.has(key) ? undefined : (known.get(key) ?? []);
			readOnce.add(key);
			try {
				outcomes.push({ status: 'fulfilled', value: await this.orderGuard(entity, version, correlationId, target, rows) });
			} catch (error) {
				outcomes.push({ status: 'rejected', reason: error });
			}
		}
		return outcomes;
	}

	async addException(fields: NewException): Promise<ExceptionRecord> {
		const [row] = await this.addExceptions([fields]);
		return row;
	}

	/** Parks many exceptions with one insert (the rows come back in the order given). */
	async addExceptions(list: NewException[]): Promise<ExceptionRecord[]> {
		if (list.length === 0) return [];
		const exceptions = await this.table('exceptions');
		const records = list.map((fields) => newException({ ...fields, workflowId: this.writer.workflowId, executionId: this.writer.executionId, at: this.writer.now() }));
		const rows = await this.rows.insert(exceptions, records as unknown as IDataObject[]);
		records.forEach((record, index) => {
			this.audit({ correlationId: list[index].correlationId, action: 'exception.add', target: record.owner, key: list[index].key, after: { reason: record.reason, domain: record.domain } });
		});
		return rows as unknown as ExceptionRecord[];
	}

	async listExceptions(filter: { status?: ExceptionStatus; domain?: BusinessDomain; key?: string; id?: number }, limit?: number): Promise<ExceptionRecord[]> {
		const exceptions = await this.table('exceptions');
		const conditions: FilterCondition[] = [];
		if (filter.id !== undefined) conditions.push(eq('id', filter.id));
		if (filter.status) conditions.push(eq('status', filter.status));
		if (filter.domain) conditions.push(eq('domain', filter.domain));
		if (filter.key) conditions.push(eq('key', filter.key));
		return (await this.rows.list(exceptions, conditions, { sortBy: 'id:asc', limit })) as unknown as ExceptionRecord[];
	}

	/** Marks an exception replayed or resolved; only an open (or replayed, for resolve) exception changes. */
	async transitionException(
		id: number,
		to: 'replayed' | 'resolved',
		details: { correlationId: string; resolution?: string },
	): Promise<{ record?: ExceptionRecord; reason: string }> {
		const exceptions = await this.table('exceptions');
		const [current] = await this.listExceptions({ id });
		if (!current) return { reason: `exception ${id} not found` };
		if (current.status === 'resolved') return { record: current, reason: `exception ${id} is already resolved` };
		if (to === 'replayed' && current.status !== 'open') return { record: current, reason: `exception ${id} is ${current.status}, not open` };
		const data: IDataObject =
			to === 'replayed'
				? { status: 'replayed', replayCount: Number(current.replayCount ?? 0) + 1 }
				: { status: 'resolved', resolvedAt: this.writer.now().toISOString(), resolution: details.resolution ?? '' };
		const [updated] = await this.rows.update(exceptions, [eq('id', id), eq('status', current.status)], data);
		if (!updated) return { record: current, reason: `exception ${id} changed meanwhile; list it again` };
		this.audit({ correlationId: details.correlationId, action: `exception.${to}`, target: current.owner, key: current.key, before: { status: current.status }, after: data });
		return { record: updated as unknown as ExceptionRecord, reason: `exception ${id} ${to}` };
	}

	/**
	 * Opens a replayed exception again with the new reason and payload (its record failed again on replay). Only a
	 * `replayed` exception changes; any other state is returned unchanged with the reason, for the caller to park anew.
	 */
	async reopenException(id: number, fields: { reason: string; payload: unknown; correlationId: string }): Promise<{ record?: ExceptionRecord; reopened: boolean; reason: string }> {
		const exceptions = await this.table('exceptions');
		const [current] = await this.listExceptions({ id });
		if (!current) return { reopened: false, reason: `exception ${id} not found` };
		if (current.status !== 'replayed') return { record: current, reopened: false, reason: `exception ${id} is ${current.status}, not replayed` };
		const data = { ...reopenedException(fields), executionId: this.writer.executionId } as unknown as IDataObject;
		const [updated] = await this.rows.update(exceptions, [eq('id', id), eq('status', 'replayed')], data);
		if (!updated) return { record: current, reopened: false, reason: `exception ${id} changed meanwhile` };
		this.audit({ correlationId: fields.correlationId, action: 'exception.reopen', target: current.owner, key: current.key, before: { status: current.status, reason: current.reason }, after: { status: 'open', reason: data.reason } });
		return { record: updated as unknown as ExceptionRecord, reopened: true, reason: `exception ${id} reopened` };
	}

	async appendAudit(fields: { correlationId: string; action: string; target?: string; key?: string; before?: unknown; after?: unknown }): Promise<void> {
		this.audit(fields);
	}

	/**
	 * Retention (Prune): deletes what the ledger may forget (see lib/governance/retention) from its three tables, or
	 * with `dryRun` only counts it. Each table is read whole (paged), then its rows deleted by id (split so every URL
	 * stays short). The prune is audited with its cutoffs and counts.
	 */
	async prune(cutoffs: PruneCutoffs, dryRun: boolean, correlationId: string): Promise<PruneReport> {
		const { ledger, exceptions, audit } = await this.open();
		const forgotten = ledgerRowsToForget((await this.rows.list(ledger, [])) as unknown as LedgerRow[], cutoffs.postedBefore);
		const auditIds = auditEntriesToForget((await this.rows.list(audit, [])) as unknown as Array<AuditEntry & { id: number }>, cutoffs.auditBefore);
		const exceptionIds = exceptionsToForget((await this.rows.list(exceptions, [])) as unknown as ExceptionRecord[], cutoffs.resolvedExceptionsBefore);
		const report: PruneReport = {
			dryRun,
			postedBefore: cutoffs.postedBefore.toISOString(),
			auditBefore: cutoffs.auditBefore.toISOString(),
			resolvedExceptionsBefore: cutoffs.resolvedExceptionsBefore.toISOString(),
			keys: forgotten.keys.length,
			ledgerRows: forgotten.rowIds.length,
			orphanedResults: forgotten.orphanedResults,
			auditEntries: auditIds.length,
			resolvedExceptions: exceptionIds.length,
		};
		if (!dryRun) {
			for (const [table, ids] of [[ledger, forgotten.rowIds], [audit, auditIds], [exceptions, exceptionIds]] as const) {
				if (ids.length > 0) await this.rows.remove(table, ids.map((id) => eq('id', id)), 'or');
			}
			this.audit({ correlationId, action: 'ledger.prune', after: report });
		}
		return report;
	}

	async snapshot(): Promise<{ ledger: LedgerRow[]; exceptions: ExceptionRecord[]; audit: AuditEntry[] }> {
		const { ledger, exceptions, audit } = await this.open();
		return {
			// Every claim as it stands (with its result): the claim rows and result rows in one read.
			ledger: rowsOfKind(withResults(await this.rows.listAny(ledger, 'kind', ['claim', 'result'])), 'claim').filter((row) => row.status !== SETTLING) as unknown as LedgerRow[],
			exceptions: (await this.rows.list(exceptions, [])) as unknown as ExceptionRecord[],
			audit: (await this.rows.list(audit, [eq('action', 'order.stale')])) as unknown as AuditEntry[],
		};
	}
}
