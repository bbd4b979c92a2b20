/**
 * What the Project Operations trigger watches: each event's table and, for state events, the column and value
 * that make a row emit; and which changed rows reached that state for the first time.
 */
import { MAX_SEEN_KEYS } from '../../Dataverse/changeTracking';
import type { ChangeTrackingState, TrackedChange } from '../../Dataverse/changeTracking';
import { ENTRY_STATUS_APPROVED, EXPENSE_STATUS_APPROVED, MILESTONE_READY_FOR_INVOICING, TABLES } from './tables';
import type { ProjectOperationsTable } from './tables';

export type TriggerEvent = 'timeApproved' | 'expenseApproved' | 'milestoneReady' | 'projectChanged';

/** Each event's table and, for state events, the column and value that make a row emit. */
export const EVENTS: Record<TriggerEvent, { table: ProjectOperationsTable; column?: string; value?: number }> = {
	timeApproved: { table: TABLES.timeEntry, column: 'msdyn_entrystatus', value: ENTRY_STATUS_APPROVED },
	expenseApproved: { table: TABLES.expense, column: 'msdyn_expensestatus', value: EXPENSE_STATUS_APPROVED },
	milestoneReady: { table: TABLES.milestone, column: 'msdyn_invoicestatus', value: MILESTONE_READY_FOR_INVOICING },
	projectChanged: { table: TABLES.project },
};

/** State in static data: the change-tracking state and the rows emitted in their state (id → version). */
export interface TriggerState extends ChangeTrackingState {
	emitted?: Record<string, string>;
}

/** The emitted map bounded to the newest keys (as the change-tracking helper bounds its own). */
export function bounded(map: Record<string, string>): Record<string, string> {
	const entries = Object.entries(map);
	return entries.length > MAX_SEEN_KEYS ? Object.fromEntries(entries.slice(entries.length - MAX_SEEN_KEYS)) : map;
}

/** Rows that reached the event's state and were not emitted in it yet; `emitted` is updated in place. */
export function newlyInState(changes: TrackedChange[], column: string, value: number, emitted: Record<string, string>): string[] {
	const fresh: string[] = [];
	for (const change of changes) {
		if (change.kind === 'deleted' || change.record[column] !== value) {
			// Out of the state (or gone): reaching it again is a new event.
			delete emitted[change.id];
			continue;
		}
		if (change.id in emitted) continue;
		emitted[change.id] = String(change.record.versionnumber ?? change.record.modifiedon ?? '');
		fresh.push(change.id);
	}
	return fresh;
}

