/**
 * The Dataverse triggers' state events (an opportunity won, a time entry approved): which changed rows entered
 * the state since they were last emitted in it, remembered in the trigger's static data; and replacing that
 * state once the poll's result is ready.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_SEEN_KEYS } from './changeTracking';
import type { TrackedChange } from './changeTracking';

/** Rows emitted in their state: id → the marker of the entry emitted (a version, a close date). */
export type EmittedInState = Record<string, string>;

export interface StateEvent {
	inState(record: IDataObject): boolean;
	/** What identifies one entry into the state. */
	markerOf(record: IDataObject): string;
	/**
	 * `afterLeaving`: a row emits again only after it left the state and came back. `newMarker`: also when its
	 * marker changes while in the state (a won opportunity closed again on another date).
	 */
	again: 'afterLeaving' | 'newMarker';
}

/** Ids of the rows in `changes` that entered the state and were not emitted for that entry; `emitted` is updated in place. */
export function enteredState(changes: TrackedChange[], event: StateEvent, emitted: EmittedInState): string[] {
	const fresh: string[] = [];
	for (const change of changes) {
		if (change.kind === 'deleted' || !event.inState(change.record)) {
			// Out of the state (or gone): reaching it again is a new event.
			delete emitted[change.id];
			continue;
		}
		const marker = event.markerOf(change.record);
		if (change.id in emitted && (event.again === 'afterLeaving' || emitted[change.id] === marker)) continue;
		emitted[change.id] = marker;
		fresh.push(change.id);
	}
	return fresh;
}

/** The emitted map bounded to the newest keys (as the change-tracking helper bounds its own). */
export function boundedEmitted(emitted: EmittedInState): EmittedInState {
	const entries = Object.entries(emitted);
	return entries.length > MAX_SEEN_KEYS ? Object.fromEntries(entries.slice(entries.length - MAX_SEEN_KEYS)) : emitted;
}

/** Replaces the trigger's static data with `next`: only once the poll has its result, since n8n saves static data with it. */
export function replaceTriggerState(staticData: IDataObject, next: object): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, next);
}
