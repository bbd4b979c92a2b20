/**
 * What the Certinia trigger watches. Each event is a SOQL window on SystemModstamp (with the Salesforce
 * trigger's overlap and dedupe, nodes/Salesforce/helpers/poll.ts) plus the condition that makes a record
 * count, and the key that makes an emission unique:
 * - "reached a state" events (approved timecards / expenses, approved milestones) emit a record once when it
 *   is first seen in that state; a later edit of an approved record is not a new approval. PSA keeps no
 *   approval timestamp on these objects, so the keys are kept beyond the window (bounded, newest kept).
 * - "created" emits each record once; "changed" emits each version (Id + SystemModstamp) once.
 */
import type { IDataObject } from 'n8n-workflow';

import { soqlDateTime } from '../../Salesforce/helpers/soql';
import type { CertiniaResource } from './objects';

export interface TriggerEvent {
	name: string;
	resource: CertiniaResource;
	description: string;
	kind: 'state' | 'created' | 'changed';
	/** Condition (safe SOQL) a record must meet. */
	condition?: string;
	/** Fields the trigger reads whatever the user picked. */
	fields: string[];
}

export const TRIGGER_EVENTS = {
	timecardApproved: {
		name: 'Timecard Approved',
		resource: 'timecard',
		description: 'A timecard reached status Approved (it is in financials)',
		kind: 'state',
		condition: "pse__Status__c = 'Approved'",
		fields: ['pse__Status__c'],
	},
	expenseApproved: {
		name: 'Expense Approved',
		resource: 'expense',
		description: 'An expense reached status Approved',
		kind: 'state',
		condition: "pse__Status__c = 'Approved'",
		fields: ['pse__Status__c'],
	},
	milestoneApproved: {
		name: 'Milestone Completed (Approved)',
		resource: 'milestone',
		description: 'A milestone was completed and approved (status Approved, the state billing picks up)',
		kind: 'state',
		condition: "pse__Status__c = 'Approved'",
		fields: ['pse__Status__c'],
	},
	projectCreated: { name: 'Project Created', resource: 'project', description: 'A new project', kind: 'created', fields: [] },
	projectChanged: { name: 'Project Created or Changed', resource: 'project', description: 'Every change of a project', kind: 'changed', fields: [] },
	assignmentChanged: { name: 'Assignment Created or Changed', resource: 'assignment', description: 'Every change of an assignment (staffing)', kind: 'changed', fields: [] },
} satisfies Record<string, TriggerEvent>;

export type CertiniaEvent = keyof typeof TRIGGER_EVENTS;

export function eventOf(name: string): TriggerEvent {
	const event = (TRIGGER_EVENTS as Record<string, TriggerEvent>)[name];
	if (!event) throw new Error(`Unknown trigger event "${name}"`);
	return event;
}

export function eventFields(event: TriggerEvent): string[] {
	return ['Id', 'CreatedDate', 'SystemModstamp', ...event.fields];
}

export function eventConditions(event: TriggerEvent, startMs: number): string[] {
	const start = soqlDateTime(new Date(startMs));
	return [`SystemModstamp >= ${start}`, ...(event.kind === 'created' ? [`CreatedDate >= ${start}`] : []), ...(event.condition ? [event.condition] : [])];
}

export function eventKey(event: TriggerEvent, record: IDataObject): { key: string; at: string } {
	const id = String(record.Id);
	if (event.kind === 'state') return { key: `${id}:${String(record.pse__Status__c)}`, at: String(record.SystemModstamp) };
	if (event.kind === 'created') return { key: id, at: String(record.CreatedDate) };
	return { key: `${id}:${String(record.SystemModstamp)}`, at: String(record.SystemModstamp) };
}
