/**
 * The kit's polling cursor, overlap window and dedupe keys, which every polling trigger uses (Kantata, Oracle
 * Fusion, Salesforce and Certinia, Dataverse's modifiedon fallback, Workday): a record is emitted once across
 * overlapping windows, keys are pruned to the window and capped to the newest, the cursor never moves back.
 */
import { MAX_SEEN_KEYS, pollStampMs, pollWindowStart, pruneSeen, takeNewSinceCursor, takeUnseen } from '../../nodes/shared/kit';

const t = (iso: string) => Date.parse(iso);

describe('kit poll', () => {
	it('the window starts at the cursor (or the first start, or now) minus the overlap, never after now', () => {
		const now = t('2026-03-01T10:00:00Z');
		expect(pollWindowStart({}, now, 5 * 60_000)).toBe(t('2026-03-01T09:55:00Z'));
		expect(pollWindowStart({ cursor: '2026-03-01T08:00:00.000Z' }, now, 5 * 60_000)).toBe(t('2026-03-01T07:55:00Z'));
		expect(pollWindowStart({}, now, 60 * 60_000, '2026-02-01T00:00:00Z')).toBe(t('2026-01-31T23:00:00Z'));
		expect(pollWindowStart({ cursor: '2026-03-01T08:00:00.000Z' }, now, 0, '2026-02-01T00:00:00Z')).toBe(t('2026-03-01T08:00:00Z'));
		expect(pollWindowStart({ cursor: '2026-03-02T00:00:00.000Z' }, now, 60_000)).toBe(now - 60_000);
		expect(pollStampMs('2026-03-01T10:00:00.000+0100')).toBe(t('2026-03-01T09:00:00Z'));
	});

	it('takes each key once, keeps the order given, prunes keys before the window unless asked to keep them', () => {
		const seen = { old: '2026-03-01T09:00:00.000Z', recent: '2026-03-01T09:58:00.000Z' };
		const records = [{ id: 'recent', at: '2026-03-01T09:58:00.000Z' }, { id: 'b', at: '2026-03-01T09:59:30.000Z' }, { id: 'a', at: '2026-03-01T09:59:00.000Z' }, { id: 'b', at: '2026-03-01T09:59:30.000Z' }];
		const keyOf = (r: { id: string; at: string }) => ({ key: r.id, at: r.at });
		const start = t('2026-03-01T09:55:00Z');
		const taken = takeUnseen(records, seen, keyOf, { windowStartMs: start });
		expect(taken.fresh.map((r) => r.id)).toEqual(['b', 'a']);
		expect(Object.keys(taken.seen).sort()).toEqual(['a', 'b', 'recent']);
		expect(seen).toEqual({ old: '2026-03-01T09:00:00.000Z', recent: '2026-03-01T09:58:00.000Z' });
		expect(Object.keys(takeUnseen(records, seen, keyOf, { windowStartMs: start, keepOutsideWindow: true }).seen).sort()).toEqual(['a', 'b', 'old', 'recent']);
		expect(takeUnseen(records, taken.seen, keyOf, { windowStartMs: start }).fresh).toEqual([]);
	});

	it('caps the keys to the newest', () => {
		const seen = Object.fromEntries(Array.from({ length: MAX_SEEN_KEYS + 5 }, (_, i) => [`k${i}`, new Date(t('2026-01-01T00:00:00Z') + i * 1000).toISOString()]));
		const capped = pruneSeen(seen);
		expect(Object.keys(capped)).toHaveLength(MAX_SEEN_KEYS);
		expect(capped).not.toHaveProperty('k0');
		expect(capped).toHaveProperty(`k${MAX_SEEN_KEYS + 4}`);
		expect(Object.keys(pruneSeen(seen, { maxKeys: 3 }))).toEqual([`k${MAX_SEEN_KEYS + 4}`, `k${MAX_SEEN_KEYS + 3}`, `k${MAX_SEEN_KEYS + 2}`]);
	});

	it('a cursor step moves the cursor to the latest emitted time and never back', () => {
		const now = t('2026-03-01T10:01:00Z');
		const state = { cursor: '2026-03-01T10:00:00.000Z', seen: { recent: '2026-03-01T09:58:00.000Z' } };
		const start = pollWindowStart(state, now, 5 * 60_000);
		const records = [{ id: 'recent', at: '2026-03-01T10:30:00.000Z' }, { id: 'new', at: '2026-03-01T09:59:00.000Z' }, { id: 'later', at: '2026-03-01T10:00:30.000Z' }];
		const step = takeNewSinceCursor(records, state, (r) => r.id, (r) => r.at, start, now);
		expect(step.fresh.map((r) => r.id)).toEqual(['new', 'later']);
		// The already-seen record's time does not move the cursor; an older one does not move it back.
		expect(step.state.cursor).toBe('2026-03-01T10:00:30.000Z');
		expect(Object.keys(step.state.seen ?? {}).sort()).toEqual(['later', 'new', 'recent']);
		expect(takeNewSinceCursor([], {}, (r: { id: string }) => r.id, () => '', start, now).state.cursor).toBe(new Date(now).toISOString());
	});
});
