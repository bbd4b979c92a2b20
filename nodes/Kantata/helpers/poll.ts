/**
 * The trigger's cursor and dedupe. The event feed is read from the cursor minus an overlap (events can commit
 * with a `created_at` slightly before ones already read); events already emitted are dropped by id. In polling
 * mode records are read with `updated_after` the same way and deduped by id and `updated_at`. The cursor,
 * window and dedupe are the kit's (nodes/shared/kit/poll.ts); what is Kantata's own is how long the feed keeps events.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_POLL_OVERLAP_MINUTES, MAX_SEEN_KEYS, pollWindowStart, takeNewSinceCursor } from '../../shared/kit/poll';
import type { PollCursorState } from '../../shared/kit/poll';

/** The latest `created_at` (feed) or `updated_at` (polling) emitted so far, and the dedupe keys. */
export type CursorState = PollCursorState;

export const MAX_KEYS = MAX_SEEN_KEYS;
export const DEFAULT_OVERLAP_MINUTES = DEFAULT_POLL_OVERLAP_MINUTES;
/** Kantata keeps the event feed about 9 days. */
export const FEED_RETENTION_MS = 9 * 24 * 3_600_000;

export function windowStart(state: CursorState, nowMs: number, overlapMs: number): number {
	return pollWindowStart(state, nowMs, overlapMs);
}

/** The records not emitted before (in the order given), with the state moved on. */
export function takeNew(records: IDataObject[], state: CursorState, key: (r: IDataObject) => string, at: (r: IDataObject) => string, startMs: number, nowMs: number): { fresh: IDataObject[]; state: CursorState } {
	return takeNewSinceCursor(records, state, key, at, startMs, nowMs);
}

/** Whether the cursor is older than the feed keeps events: changes in between may have been dropped. */
export function feedGap(state: CursorState, nowMs: number): boolean {
	return state.cursor !== undefined && nowMs - Date.parse(state.cursor) > FEED_RETENTION_MS;
}
