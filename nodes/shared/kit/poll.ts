/**
 * The cursor, overlap window and dedupe keys every polling trigger shares. A poll reads records changed since
 * its cursor minus an overlap (a record can commit with a timestamp slightly before ones already read), then
 * drops the ones already emitted by their dedupe key. Keys are kept in the workflow's static data with the time
 * that places them and pruned once they fall before the window (so the state stays small) and to the newest
 * `maxKeys`; the cursor only moves forward. Pure: no n8n runtime, no I/O.
 */

/** Dedupe key → the time that places it (for pruning). */
export type SeenKeys = Record<string, string>;

export interface PollCursorState {
	/** The latest change time emitted so far, or the first poll's time. */
	cursor?: string;
	seen?: SeenKeys;
}

export const MAX_SEEN_KEYS = 10_000;
export const DEFAULT_POLL_OVERLAP_MINUTES = 5;

/** A vendor timestamp in milliseconds; `+hhmm` offsets (Salesforce's `…000+0000`) read as `+hh:mm`. */
export function pollStampMs(stamp: string): number {
	return Date.parse(String(stamp).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/**
 * Where a poll starts reading: the cursor (for the first poll `firstStart` when given, else now) minus the
 * overlap, never later than now minus the overlap (a cursor in the future cannot hide changes).
 */
export function pollWindowStart(state: Pick<PollCursorState, 'cursor'>, nowMs: number, overlapMs: number, firstStart?: string): number {
	const start = state.cursor ? pollStampMs(state.cursor) : firstStart ? pollStampMs(firstStart) : nowMs;
	return Math.min(start, nowMs) - overlapMs;
}

export interface TakeUnseenOptions {
	/** Keys whose time falls before this are dropped after the walk (the window cannot bring them back). */
	windowStartMs?: number;
	/** Keep keys outside the window too (keys meaning "reached a state", which a later edit must not emit again). */
	keepOutsideWindow?: boolean;
	/** At most this many keys are kept, the newest (default MAX_SEEN_KEYS). */
	maxKeys?: number;
}

/** The records whose key was not emitted before, in the order given, and the seen keys updated and pruned. */
export function takeUnseen<T>(records: T[], seen: SeenKeys | undefined, keyOf: (record: T) => { key: string; at: string }, options: TakeUnseenOptions = {}): { fresh: T[]; seen: SeenKeys } {
	const next: SeenKeys = { ...(seen ?? {}) };
	const fresh: T[] = [];
	for (const record of records) {
		const { key, at } = keyOf(record);
		if (key in next) continue;
		next[key] = at;
		fresh.push(record);
	}
	return { fresh, seen: pruneSeen(next, options) };
}

/** Seen keys without those before the window (unless kept) and capped to the newest `maxKeys`. */
export function pruneSeen(seen: SeenKeys, options: TakeUnseenOptions = {}): SeenKeys {
	let entries = Object.entries(seen);
	const windowStartMs = options.windowStartMs;
	if (windowStartMs !== undefined && !options.keepOutsideWindow) entries = entries.filter(([, at]) => !(pollStampMs(at) < windowStartMs));
	const maxKeys = options.maxKeys ?? MAX_SEEN_KEYS;
	if (entries.length > maxKeys) entries = entries.sort((a, b) => pollStampMs(b[1]) - pollStampMs(a[1])).slice(0, maxKeys);
	return Object.fromEntries(entries);
}

/**
 * A cursor poll's step: the records not emitted before (in the order given), the cursor moved to the latest
 * time among them (never back), keys pruned to the window that started at `startMs`.
 */
export function takeNewSinceCursor<T>(records: T[], state: PollCursorState, key: (record: T) => string, at: (record: T) => string, startMs: number, nowMs: number): { fresh: T[]; state: PollCursorState } {
	const { fresh, seen } = takeUnseen(records, state.seen, (record) => ({ key: key(record), at: at(record) }), { windowStartMs: startMs });
	let cursor = state.cursor ? pollStampMs(state.cursor) : nowMs;
	for (const record of fresh) {
		const ms = pollStampMs(at(record));
		if (!Number.isNaN(ms) && ms > cursor) cursor = ms;
	}
	return { fresh, state: { cursor: new Date(cursor).toISOString(), seen } };
}
