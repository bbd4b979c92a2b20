/**
 * The Workday tenant's state: the change history (every event with its effective date and entry moment) and
 * worker state derived from it as of an effective date and an entry moment, as Workday's Response_Filter
 * (As_Of_Effective_Date, As_Of_Entry_DateTime) reads it. The clock can be set, for tests of future-dated events.
 */
import type { WorkerEvent, WorkerState } from './seed';
import { COMPANIES, COST_CENTERS, dayOf, LOCATIONS, seedHistory, SUPERVISORY_ORGS, wid } from './seed';

export class WorkdayTenant {
	events: WorkerEvent[] = [];
	/** Set to move the tenant's "now"; undefined follows the real clock. */
	fixedNowMs?: number;
	private sequence = 0;

	constructor(readonly seededAtMs: number = Date.now()) {
		this.reset();
	}

	reset(): void {
		this.events = seedHistory(this.seededAtMs).events;
		this.sequence = 0;
	}

	now(): number {
		return this.fixedNowMs ?? Date.now();
	}

	today(): string {
		return dayOf(this.now());
	}

	/** Records a business process in the log, entered now unless given, and returns it. */
	record(event: Omit<WorkerEvent, 'wid' | 'enteredAt'> & { enteredAt?: string }): WorkerEvent {
		this.sequence++;
		const full: WorkerEvent = { ...event, wid: wid('event', `${event.employeeId}:${event.type}:${this.sequence}:${event.effectiveDate}`), enteredAt: event.enteredAt ?? new Date(this.now()).toISOString() };
		this.events.push(full);
		return full;
	}

	employeeIds(): string[] {
		return [...new Set(this.events.filter((e) => e.type === 'Hire').map((e) => e.employeeId))].sort();
	}

	workerWid(employeeId: string): string {
		return wid('worker', employeeId);
	}

	employeeIdOfWid(value: string): string | undefined {
		return this.employeeIds().find((id) => this.workerWid(id) === value);
	}

	/**
	 * The worker as of an effective date, counting only what was entered by `asOfEntryMs`; undefined before the
	 * hire was entered. Events apply in effective-date order (entry order within a day).
	 */
	stateOf(employeeId: string, asOfEffectiveDate: string, asOfEntryMs: number): WorkerState | undefined {
		const entered = this.events
			.filter((e) => e.employeeId === employeeId && Date.parse(e.enteredAt) <= asOfEntryMs)
			.sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || Date.parse(a.enteredAt) - Date.parse(b.enteredAt));
		const hire = entered.find((e) => e.type === 'Hire');
		if (!hire) return undefined;
		let state = { ...(hire.changes as WorkerState) };
		for (const event of entered) {
			if (event === hire || event.effectiveDate > asOfEffectiveDate) continue;
			state = { ...state, ...event.changes };
		}
		return state;
	}

	/** Events entered in [from, through] (and, when given, effective in [effectiveFrom, effectiveThrough]). */
	eventsIn(window: { from?: number; through?: number; effectiveFrom?: string; effectiveThrough?: string; types?: string[] }): WorkerEvent[] {
		return this.events.filter((e) => {
			const entered = Date.parse(e.enteredAt);
			if (window.from !== undefined && entered < window.from) return false;
			if (window.through !== undefined && entered > window.through) return false;
			if (window.effectiveFrom && e.effectiveDate < window.effectiveFrom) return false;
			if (window.effectiveThrough && e.effectiveDate > window.effectiveThrough) return false;
			if (window.types?.length && !window.types.includes(e.type)) return false;
			return true;
		});
	}

	snapshot(): object {
		const now = this.now();
		return {
			today: this.today(),
			workers: this.employeeIds().map((id) => ({ wid: this.workerWid(id), ...this.stateOf(id, this.today(), now) })),
			events: this.events,
		};
	}
}

export const ORGANIZATIONS = [...COMPANIES, ...COST_CENTERS, ...SUPERVISORY_ORGS];

export function organization(referenceId: string) {
	return ORGANIZATIONS.find((o) => o.referenceId === referenceId);
}

export function location(id: string) {
	return LOCATIONS.find((l) => l.id === id);
}
