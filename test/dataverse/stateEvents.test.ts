/** The Dataverse triggers' state events: once per entry into the state, again only as each event's rule says. */
import type { TrackedChange } from '../../nodes/Dataverse/changeTracking';
import { MAX_SEEN_KEYS } from '../../nodes/Dataverse/changeTracking';
import { boundedEmitted, enteredState, replaceTriggerState } from '../../nodes/Dataverse/stateEvents';
import type { EmittedInState, StateEvent } from '../../nodes/Dataverse/stateEvents';

const changed = (id: string, record: Record<string, unknown>): TrackedChange => ({ kind: 'changed', id, record } as TrackedChange);
const deleted = (id: string): TrackedChange => ({ kind: 'deleted', id, record: {} } as TrackedChange);

const approved: StateEvent = { inState: (r) => r.status === 'approved', markerOf: (r) => String(r.version), again: 'afterLeaving' };
const won: StateEvent = { inState: (r) => r.state === 'won', markerOf: (r) => String(r.closed), again: 'newMarker' };

describe('enteredState', () => {
	it('emits a row once while it stays in the state, and again only after it left it (afterLeaving)', () => {
		const emitted: EmittedInState = {};
		expect(enteredState([changed('a', { status: 'approved', version: 1 }), changed('b', { status: 'draft', version: 1 })], approved, emitted)).toEqual(['a']);
		expect(emitted).toEqual({ a: '1' });
		// Edited while approved (a new version): not a new approval.
		expect(enteredState([changed('a', { status: 'approved', version: 2 })], approved, emitted)).toEqual([]);
		// Recalled, then approved again: a new approval.
		expect(enteredState([changed('a', { status: 'draft', version: 3 })], approved, emitted)).toEqual([]);
		expect(emitted).toEqual({});
		expect(enteredState([changed('a', { status: 'approved', version: 4 })], approved, emitted)).toEqual(['a']);
	});

	it('emits again when the marker changes while in the state (newMarker), not when it stays the same', () => {
		const emitted: EmittedInState = { o: '2026-11-01' };
		expect(enteredState([changed('o', { state: 'won', closed: '2026-11-01' })], won, emitted)).toEqual([]);
		expect(enteredState([changed('o', { state: 'won', closed: '2026-11-20' })], won, emitted)).toEqual(['o']);
		expect(emitted).toEqual({ o: '2026-11-20' });
	});

	it('forgets a deleted row', () => {
		const emitted: EmittedInState = { a: '1', b: '1' };
		expect(enteredState([deleted('a')], approved, emitted)).toEqual([]);
		expect(emitted).toEqual({ b: '1' });
	});
});

describe('boundedEmitted and replaceTriggerState', () => {
	it('keeps the newest keys up to the limit', () => {
		const many: EmittedInState = {};
		for (let i = 0; i < MAX_SEEN_KEYS + 2; i++) many[`k${i}`] = String(i);
		const kept = boundedEmitted(many);
		expect(Object.keys(kept)).toHaveLength(MAX_SEEN_KEYS);
		expect(kept.k0).toBeUndefined();
		expect(kept.k1).toBeUndefined();
		expect(kept[`k${MAX_SEEN_KEYS + 1}`]).toBe(String(MAX_SEEN_KEYS + 1));
	});

	it('replaces the static data in place, dropping keys the new state does not have', () => {
		const staticData: Record<string, unknown> = { deltaLink: 'old', won: { a: '1' } };
		const same = staticData;
		replaceTriggerState(staticData as never, { deltaLink: 'new' });
		expect(same).toEqual({ deltaLink: 'new' });
	});
});
