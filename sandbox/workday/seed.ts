/**
 * The Workday tenant of the shared firm: the firm's people (`sandbox/firm`, Employee_ID = the ERP's external id
 * `EMP-000n`) with their companies, cost centers, supervisory organizations and locations, and an internal change
 * history, the transaction log Get_Workers reads. Each person starts with a hire entered long ago; a run's own
 * history is placed relative to the seed clock, so the scenario's window always holds: a hire (entered 20 days
 * ago, effective in 4 days), a cost-rate change, a manager change and a termination dated next month.
 * Money is decimal text (Workday amounts), never a float.
 */
import { createHash } from 'crypto';

import { FIRM_PEOPLE } from '../firm/dataset';
import type { FirmPerson } from '../firm/dataset';

/** A deterministic 32-hex WID for a thing, so seeds give the same WIDs on every run. */
export function wid(kind: string, key: string): string {
	return createHash('sha256').update(`workday:${kind}:${key}`).digest('hex').slice(0, 32);
}

export interface WorkdayOrganization {
	wid: string;
	referenceId: string;
	/** Organization_Type_ID: Company, Cost_Center, Supervisory. */
	type: 'Company' | 'Cost_Center' | 'Supervisory';
	name: string;
	code: string;
	/** Supervisory organizations: the manager's Employee_ID. */
	managerId?: string;
	currency?: string;
}

export interface WorkdayLocation {
	wid: string;
	id: string;
	name: string;
}

/** What a worker is at one moment; every change in the history sets some of it. */
export interface WorkerState {
	employeeId: string;
	firstName: string;
	lastName: string;
	email: string;
	title: string;
	hireDate: string;
	active: boolean;
	terminationDate?: string;
	/** Hourly cost rate: decimal text in `currency`. */
	costRate: string;
	currency: string;
	costRateEffective: string;
	managerId?: string;
	supervisoryOrg: string;
	costCenter: string;
	company: string;
	location: string;
	/** Full_Time_Equivalent_Percentage, decimal text ("100", "80"). */
	ftePercent: string;
	weeklyHours: string;
}

/** Business process types as Workday names them (Transaction_Log_Type_Reference, type Business_Process_Type). */
export type BusinessProcessType =
	| 'Hire'
	| 'Termination'
	| 'Change Job'
	| 'Request Compensation Change'
	| 'Change Organization Assignments for Worker'
	| 'Move Workers (Supervisory)'
	| 'Change Location'
	| 'Change Working Time';

/** One transaction-log entry: who, what kind, effective when, entered when, and what it set. */
export interface WorkerEvent {
	wid: string;
	employeeId: string;
	type: BusinessProcessType;
	/** YYYY-MM-DD */
	effectiveDate: string;
	/** ISO instant, with Z. */
	enteredAt: string;
	changes: Partial<WorkerState>;
}

export const COMPANIES: WorkdayOrganization[] = [
	{ wid: wid('org', 'MAG-US'), referenceId: 'MAG-US', type: 'Company', name: 'Meridian Advisory Group, Inc.', code: 'MAG-US', currency: 'USD' },
	{ wid: wid('org', 'MAG-UK'), referenceId: 'MAG-UK', type: 'Company', name: 'Meridian Advisory Group Ltd', code: 'MAG-UK', currency: 'GBP' },
];

export const COST_CENTERS: WorkdayOrganization[] = [
	{ wid: wid('org', 'CC-100'), referenceId: 'CC-100', type: 'Cost_Center', name: 'Consulting Delivery', code: '100' },
	{ wid: wid('org', 'CC-200'), referenceId: 'CC-200', type: 'Cost_Center', name: 'Finance', code: '200' },
];

export const SUPERVISORY_ORGS: WorkdayOrganization[] = [
	{ wid: wid('org', 'SUP-DELIVERY'), referenceId: 'SUP-DELIVERY', type: 'Supervisory', name: 'Consulting Delivery (Dana Whitfield)', code: 'SUP-DELIVERY', managerId: 'EMP-0001' },
	{ wid: wid('org', 'SUP-DELIVERY-US'), referenceId: 'SUP-DELIVERY-US', type: 'Supervisory', name: 'US Delivery (Priya Raman)', code: 'SUP-DELIVERY-US', managerId: 'EMP-0002' },
	{ wid: wid('org', 'SUP-FINANCE'), referenceId: 'SUP-FINANCE', type: 'Supervisory', name: 'Finance (Marcus Bell)', code: 'SUP-FINANCE', managerId: 'EMP-0004' },
];

export const LOCATIONS: WorkdayLocation[] = [
	{ wid: wid('location', 'LOC-CHICAGO'), id: 'LOC-CHICAGO', name: 'Chicago' },
	{ wid: wid('location', 'LOC-LONDON'), id: 'LOC-LONDON', name: 'London' },
	{ wid: wid('location', 'LOC-MANCHESTER'), id: 'LOC-MANCHESTER', name: 'Manchester' },
];

export const JOB_CHANGE_REASONS = [
	'Promotion > Promotion',
	'Lateral Move > Lateral Move',
	'Data Change > Change Job Details',
	'Transfer > Transfer to Another Manager',
	'Reorganization > Reorganization',
].map((descriptor) => ({ id: wid('jobChangeReason', descriptor), descriptor }));

/** A person of the firm, as hired. */
function hiredState(person: FirmPerson): WorkerState {
	const uk = person.region === 'UK';
	return {
		employeeId: person.externalId,
		firstName: person.firstName,
		lastName: person.lastName,
		email: person.email,
		title: person.title,
		hireDate: person.hireDate,
		active: true,
		costRate: minorToDecimal(person.costRateMinor),
		currency: person.currency,
		costRateEffective: person.hireDate,
		managerId: person.managerExternalId,
		supervisoryOrg: person.practice === 'Finance' ? 'SUP-FINANCE' : 'SUP-DELIVERY',
		costCenter: person.practice === 'Finance' ? 'CC-200' : 'CC-100',
		company: uk ? 'MAG-UK' : 'MAG-US',
		location: uk ? 'LOC-LONDON' : 'LOC-CHICAGO',
		ftePercent: '100',
		weeklyHours: uk ? '37.5' : '40',
	};
}

/** Cents as text to a two-decimal amount ("7000" → "70.00"), without arithmetic on floats. */
export function minorToDecimal(minor: string): string {
	const digits = minor.padStart(3, '0');
	return `${digits.slice(0, -2).replace(/^0+(?=\d)/, '')}.${digits.slice(-2)}`;
}

export function dayOf(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** The first day of the month after the one `ms` falls in. */
function firstOfNextMonth(ms: number): string {
	const date = new Date(ms);
	return dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

const DAY_MS = 86_400_000;

/** The new hire of the run's history: not one of the firm's people yet (the PSA and ERP learn of her by the sync). */
export const NEW_HIRE: FirmPerson = {
	externalId: 'EMP-0005',
	firstName: 'Sofia',
	lastName: 'Lindqvist',
	email: 'sofia.lindqvist@meridian.example',
	title: 'Consultant',
	region: 'US',
	practice: 'Consulting',
	currency: 'USD',
	costRateMinor: '6500',
	billRateMinor: '18000',
	isResource: true,
	managerExternalId: 'EMP-0002',
	hireDate: '',
};

/**
 * The change history, relative to `nowMs`: the firm's hires long ago, then in the last 30 days a hire effective
 * in 4 days, EMP-0002's cost rate 70.00 → 75.50 USD effective the 1st of this month, EMP-0003 moved to Priya
 * Raman's organization (manager change) effective 10 days ago, and EMP-0003's termination effective the 1st of
 * next month (future-dated), entered 2 days ago.
 */
export function seedHistory(nowMs: number): { events: WorkerEvent[]; initial: Map<string, WorkerState> } {
	const initial = new Map<string, WorkerState>();
	const events: WorkerEvent[] = [];
	for (const person of FIRM_PEOPLE) {
		const state = hiredState(person);
		initial.set(person.externalId, state);
		events.push({ wid: wid('event', `hire:${person.externalId}`), employeeId: person.externalId, type: 'Hire', effectiveDate: person.hireDate, enteredAt: `${person.hireDate}T09:00:00.000Z`, changes: { ...state } });
	}
	const thisMonth = dayOf(Date.UTC(new Date(nowMs).getUTCFullYear(), new Date(nowMs).getUTCMonth(), 1));
	const hireDate = dayOf(nowMs + 4 * DAY_MS);
	const hire = hiredState({ ...NEW_HIRE, hireDate });
	hire.supervisoryOrg = 'SUP-DELIVERY-US';
	initial.set(NEW_HIRE.externalId, hire);
	const at = (daysAgo: number, hour: number) => new Date(Date.UTC(new Date(nowMs - daysAgo * DAY_MS).getUTCFullYear(), new Date(nowMs - daysAgo * DAY_MS).getUTCMonth(), new Date(nowMs - daysAgo * DAY_MS).getUTCDate(), hour)).toISOString();
	events.push(
		{ wid: wid('event', 'hire:EMP-0005'), employeeId: 'EMP-0005', type: 'Hire', effectiveDate: hireDate, enteredAt: at(20, 10), changes: { ...hire } },
		{ wid: wid('event', 'comp:EMP-0002'), employeeId: 'EMP-0002', type: 'Request Compensation Change', effectiveDate: thisMonth, enteredAt: at(15, 14), changes: { costRate: '75.50', costRateEffective: thisMonth } },
		{ wid: wid('event', 'manager:EMP-0003'), employeeId: 'EMP-0003', type: 'Move Workers (Supervisory)', effectiveDate: dayOf(nowMs - 10 * DAY_MS), enteredAt: at(10, 11), changes: { managerId: 'EMP-0002', supervisoryOrg: 'SUP-DELIVERY-US' } },
		{ wid: wid('event', 'termination:EMP-0003'), employeeId: 'EMP-0003', type: 'Termination', effectiveDate: firstOfNextMonth(nowMs), enteredAt: at(2, 16), changes: { active: false, terminationDate: firstOfNextMonth(nowMs) } },
	);
	return { events, initial };
}
