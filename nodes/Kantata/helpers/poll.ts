/**
 * The trigger's cursor and dedupe, pure. The event feed is read from the cursor minus an overlap (events can
 * commit with a `created_at` slightly before ones already read); events already emitted are dropped by id. In
 * polling mode records are read with `updated_after` the same way and deduped by id and `updated_at`. Seen
 * keys are pruned once they fall before the window, so the state stays small; the cursor only moves forward.
 */
import type { IDataObject } from 'n8n-workflow';

export interface CursorState {
	/** The latest `created_at` (feed) or `updated_at` (polling) emitted so far, or the first poll's time. */
	cursor?: string;
	/** Dedupe key → the time that places it (for pruning). */
	seen?: Record<string, string>;
}

export const MAX_KEYS = 10_000;
export const DEFAULT_OVERLAP_MINUTES = 5;
/** Kantata keeps the event feed about 9 days. */
export const FEED_RETENTION_MS = 9 * 24 * 3_600_000;

export function windowStart(state: CursorState, nowMs: number, overlapMs: number): number {
	const cursor = state.cursor ? Date.parse(state.cursor) : nowMs;
	return Math.min(cursor, nowMs) - overlapMs;
}

/** The records not emitted before (in the order given), with the state moved on. */
export function takeNew(records: IDataObject[], state: CursorState, key: (r: IDataObject) => string, at: (r: IDataObject) => string, startMs: number, nowMs: number): { fresh: IDataObject[]; state: CursorState } {
	const seen = { ...(state.seen ?? {}) };
	const fresh: IDataObject[] = [];
	let cursor = state.cursor ? Date.parse(state.cursor) : nowMs;
	for (const record of records) {
		const k = key(record);
		const stamp = at(record);
		if (k in seen) continue;
		seen[k] = stamp;
		fresh.push(record);
		const ms = Date.parse(stamp);
		if (!Number.isNaN(ms) && ms > cursor) cursor = ms;
	}
	let entries = Object.entries(seen).filter(([, stamp]) => !(Date.parse(stamp) < startMs));
	if (entries.length > MAX_KEYS) entries = entries.sort((a, b) => Date.parse(b[1]) - Date.parse(a[1])).slice(0, MAX_KEYS);
	return { fresh, state: { cursor: new Date(cursor).toISOString(), seen: Object.fromEntries(entries) } };
}

/** Whether the cursor is older than the feed keeps events: changes in between may have been dropped. */
export function feedGap(state: CursorState, nowMs: number): boolean {
	return state.cursor !== undefined && nowMs - Date.parse(state.cursor) > FEED_RETENTION_MS;
}
