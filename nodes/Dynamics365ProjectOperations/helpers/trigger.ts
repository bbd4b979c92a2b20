/**
 * What the Project Operations trigger watches: each event's table and, for state events, the column and value
 * that make a row emit; and which changed rows reached that state for the first time.
 */
import type { ChangeTrackingState, TrackedChange } from '../../Dataverse/changeTracking';
import { enteredState } from '../../Dataverse/stateEvents';
import type { EmittedInState } from '../../Dataverse/stateEvents';
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
	emitted?: EmittedInState;
}

/** Rows that reached the event's state (`column` = `value`) and were not emitted in it yet; once per entry into it. */
export function newlyInState(changes: TrackedChange[], column: string, value: number, emitted: EmittedInState): string[] {
	return enteredState(changes, { inState: (record) => record[column] === value, markerOf: (record) => String(record.versionnumber ?? record.modifiedon ?? ''), again: 'afterLeaving' }, emitted);
}

