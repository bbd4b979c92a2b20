/**
 * What Certinia PSA's package triggers enforce on the writes our flows make, as the sandbox org runs them.
 * Errors come back as PSA's do: `FIELD_CUSTOM_VALIDATION_EXCEPTION` with the field named.
 *
 * - Timecard (pse__Timecard_Header__c): a resource and a project; the resource is an active PSA resource; an
 *   assignment of that resource on that project, open for time entry, unless the project (or the resource)
 *   allows timecards without an assignment; the project (and milestone) not closed for time entry; a week of
 *   seven days; day hours between 0 and 24 with at most two decimals; status Saved → Submitted →
 *   Approved | Rejected (Rejected → Saved/Submitted again); an approved timecard's hours cannot change.
 *   Submitted / Approved / Include In Financials follow the status. Total hours are computed, and the
 *   timecard splits (pse__Timecard__c) are written by the org after each save; an API client cannot create one.
 * - Expense report / expense: the same status flow; approving a report approves its expenses; an expense
 *   needs a project open for expense entry.
 * - Milestone: Approved needs an Actual Date; approval sets Approved and Include In Financials.
 * - Billing event: only a released event can be marked invoiced (generation and release are Apex-only).
 * - Assignment: Start/End dates are formulas over its schedule.
 * - Budget: Approved and Include In Financials follow Status = Approved; an approved budget's amounts, type and
 *   project cannot change (a change is a further budget of a Change Request type).
 */
import type { ObjectDef } from '../schema';
import type { Rec } from '../soql';
import { WEEKDAYS } from './objects';

export interface PsaOrgAccess {
	byId(id: string): Rec | undefined;
	records(object: ObjectDef): Rec[];
	objectDef(name: string): ObjectDef | undefined;
	/** Writes the split records of a header (the org's own write, not an API call). */
	systemUpsertSplit(header: Rec, userId: string): void;
}

export interface PsaRuleError {
	statusCode: string;
	message: string;
	fields: string[];
}

export class PsaRuleViolation extends Error {
	constructor(readonly error: PsaRuleError) {
		super(error.message);
	}
}

const violation = (message: string, fields: string[]): PsaRuleViolation =>
	new PsaRuleViolation({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message, fields });

const NEXT_STATUS: Record<string, string[]> = {
	Saved: ['Saved', 'Submitted'],
	Draft: ['Draft', 'Submitted'],
	Submitted: ['Submitted', 'Approved', 'Rejected', 'Saved', 'Draft'],
	Approved: ['Approved'],
	Rejected: ['Rejected', 'Saved', 'Draft', 'Submitted'],
};

function checkTransition(before: Rec | undefined, record: Rec, initial: string): void {
	const from = before ? String(before.pse__Status__c ?? initial) : undefined;
	const to = String(record.pse__Status__c ?? initial);
	if (!from) {
		if (to === 'Approved' || to === 'Rejected') throw violation(`A new record cannot be ${to}: save and submit it first`, ['pse__Status__c']);
		return;
	}
	if (!(NEXT_STATUS[from] ?? [from]).includes(to)) throw violation(`Status cannot change from ${from} to ${to}`, ['pse__Status__c']);
}

function followStatus(record: Rec, initial: string): void {
	record.pse__Status__c ??= initial;
	const status = String(record.pse__Status__c);
	record.pse__Submitted__c = status === 'Submitted' || status === 'Approved';
	record.pse__Approved__c = status === 'Approved';
	record.pse__Include_In_Financials__c = status === 'Approved';
}

/** Hundredths of an hour from a number with at most two decimals, or undefined. */
export function hundredths(value: unknown): number | undefined {
	const text = typeof value === 'number' ? String(value) : String(value ?? '');
	const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
	if (!match) return undefined;
	return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function dayMs(date: string): number {
	return Date.parse(`${date}T00:00:00Z`);
}

function timecardRules(org: PsaOrgAccess, record: Rec, before: Rec | undefined): void {
	const missing = ['pse__Resource__c', 'pse__Project__c'].filter((f) => !record[f]);
	if (missing.length) throw violation(`A timecard needs a ${missing.map((f) => (f === 'pse__Resource__c' ? 'resource' : 'project')).join(' and ')}`, missing);
	const resource = org.byId(String(record.pse__Resource__c))!;
	if (!resource.pse__Is_Resource__c || !resource.pse__Is_Resource_Active__c) {
		throw violation(`${String(resource.Name)} is not an active resource (Is Resource and Is Resource Active)`, ['pse__Resource__c']);
	}
	const project = org.byId(String(record.pse__Project__c))!;
	const hoursChanged = !before || WEEKDAYS.some((d) => before[`pse__${d}_Hours__c`] !== record[`pse__${d}_Hours__c`]);
	const entering = !before || hoursChanged || ['pse__Resource__c', 'pse__Project__c', 'pse__Assignment__c'].some((f) => before[f] !== record[f]);
	if (entering && project.pse__Closed_for_Time_Entry__c) throw violation(`Project ${String(project.Name)} is closed for time entry`, ['pse__Project__c']);
	if (entering && record.pse__Assignment__c) {
		const assignment = org.byId(String(record.pse__Assignment__c))!;
		if (assignment.pse__Resource__c !== record.pse__Resource__c || assignment.pse__Project__c !== record.pse__Project__c) {
			throw violation('The assignment is for a different resource or project than the timecard', ['pse__Assignment__c']);
		}
		if (assignment.pse__Closed_for_Time_Entry__c) throw violation(`Assignment ${String(assignment.Name)} is closed for time entry`, ['pse__Assignment__c']);
	} else if (entering && !project.pse__Allow_Timecards_Without_Assignment__c && !resource.pse__Allow_Timecards_Without_Assignment__c) {
		throw violation(`Project ${String(project.Name)} does not allow timecards without an assignment`, ['pse__Assignment__c']);
	}
	if (entering && record.pse__Milestone__c && org.byId(String(record.pse__Milestone__c))?.pse__Closed_for_Time_Entry__c) {
		throw violation('The milestone is closed for time entry', ['pse__Milestone__c']);
	}
	if (dayMs(String(record.pse__End_Date__c)) - dayMs(String(record.pse__Start_Date__c)) !== 6 * 86_400_000) {
		throw violation('A timecard covers one week: End Date is six days after Start Date', ['pse__End_Date__c']);
	}
	let total = 0;
	for (const day of WEEKDAYS) {
		const name = `pse__${day}_Hours__c`;
		const value = hundredths(record[name] ?? 0);
		if (value === undefined || value > 2400) throw violation(`${day} Hours must be between 0 and 24 with at most two decimals`, [name]);
		total += value;
	}
	if (before?.pse__Status__c === 'Approved' && hoursChanged) throw violation('An approved timecard cannot be changed', ['pse__Status__c']);
	checkTransition(before, record, 'Saved');
	followStatus(record, 'Saved');
	record.pse__Total_Hours__c = total / 100;
}

function expenseReportRules(org: PsaOrgAccess, record: Rec, before: Rec | undefined): void {
	checkTransition(before, record, 'Draft');
	followStatus(record, 'Draft');
}

function expenseRules(org: PsaOrgAccess, record: Rec, before: Rec | undefined): void {
	if (!record.pse__Project__c) throw violation('An expense needs a project', ['pse__Project__c']);
	const project = org.byId(String(record.pse__Project__c))!;
	if (!before && project.pse__Closed_for_Expense_Entry__c) throw violation(`Project ${String(project.Name)} is closed for expense entry`, ['pse__Project__c']);
	const report = record.pse__Expense_Report__c ? org.byId(String(record.pse__Expense_Report__c)) : undefined;
	if (report) record.pse__Status__c = report.pse__Status__c;
	else checkTransition(before, record, 'Draft');
	followStatus(record, 'Draft');
}

function milestoneRules(record: Rec, before: Rec | undefined): void {
	record.pse__Status__c ??= 'Planned';
	if (record.pse__Status__c === 'Approved') {
		if (!record.pse__Actual_Date__c) throw violation('An approved milestone needs an Actual Date', ['pse__Actual_Date__c']);
		record.pse__Approved__c = true;
		record.pse__Include_In_Financials__c = true;
	}
	if (before?.pse__Status__c === 'Approved' && record.pse__Status__c !== 'Approved' && before.pse__Invoiced__c) {
		throw violation('An invoiced milestone cannot be reopened', ['pse__Status__c']);
	}
}

function billingEventRules(record: Rec, before: Rec | undefined): void {
	const invoicing = record.pse__Invoiced__c === true || (record.pse__Invoice_Number__c && record.pse__Invoice_Number__c !== before?.pse__Invoice_Number__c);
	if (invoicing && !record.pse__Is_Released__c) throw violation('Only a released billing event can be invoiced', ['pse__Invoiced__c']);
	if (record.pse__Invoiced__c && !record.pse__Invoice_Number__c) throw violation('An invoiced billing event needs an Invoice Number', ['pse__Invoice_Number__c']);
}

const BUDGET_LOCKED_FIELDS = ['pse__Amount__c', 'pse__Expense_Amount__c', 'pse__Pre_Billed_Amount__c', 'pse__Type__c', 'pse__Project__c'];

function budgetRules(record: Rec, before: Rec | undefined): void {
	record.pse__Status__c ??= 'Draft';
	if (before?.pse__Status__c === 'Approved') {
		const changed = BUDGET_LOCKED_FIELDS.filter((f) => String(before[f] ?? '') !== String(record[f] ?? ''));
		if (changed.length) throw violation('An approved budget cannot be changed: add a budget of a Change Request type instead', changed);
	}
	record.pse__Approved__c = record.pse__Status__c === 'Approved';
	record.pse__Include_In_Financials__c = record.pse__Status__c === 'Approved';
}

function assignmentRules(org: PsaOrgAccess, record: Rec): void {
	const schedule = record.pse__Schedule__c ? org.byId(String(record.pse__Schedule__c)) : undefined;
	record.pse__Start_Date__c = schedule?.pse__Start_Date__c ?? null;
	record.pse__End_Date__c = schedule?.pse__End_Date__c ?? null;
}

const AUTO_NAMES: Record<string, string> = {
	pse__Timecard_Header__c: 'TCH',
	pse__Timecard__c: 'TC',
	pse__Expense__c: 'EX',
	pse__Billing_Event__c: 'BE',
	pse__Billing_Event_Item__c: 'BEI',
	pse__Resource_Request__c: 'RR',
	pse__Schedule__c: 'SCH',
};

/** Before a PSA record is saved (insert: `before` undefined). Throws PsaRuleViolation. */
export function applyPsaRules(org: PsaOrgAccess, object: ObjectDef, record: Rec, before: Rec | undefined, options: { system?: boolean } = {}): void {
	if (object.fields.some((f) => f.name === 'CurrencyIsoCode') && !record.CurrencyIsoCode) {
		const project = record.pse__Project__c ? org.byId(String(record.pse__Project__c)) : undefined;
		record.CurrencyIsoCode = project?.CurrencyIsoCode ?? 'USD';
	}
	if (!before && AUTO_NAMES[object.name]) record.Name = `${AUTO_NAMES[object.name]}-${String(org.records(object).length + 1).padStart(6, '0')}`;
	if (object.name === 'Contact') record.Name = [record.FirstName, record.LastName].filter(Boolean).join(' ');
	if (object.name === 'pse__Proj__c' && !before) record.pse__Project_ID__c = `PR-${String(org.records(object).length + 1).padStart(6, '0')}`;
	if (object.name === 'pse__Project_Task__c') {
		record.pse__Start_Date__c = record.pse__Start_Date_Time__c ? String(record.pse__Start_Date_Time__c).slice(0, 10) : null;
		record.pse__End_Date__c = record.pse__End_Date_Time__c ? String(record.pse__End_Date_Time__c).slice(0, 10) : null;
		if (record.pse__Parent_Task__c && org.byId(String(record.pse__Parent_Task__c))?.pse__Project__c !== record.pse__Project__c) {
			throw violation('The parent task belongs to another project', ['pse__Parent_Task__c']);
		}
	}
	if (object.name === 'pse__Timecard_Header__c') timecardRules(org, record, before);
	if (object.name === 'pse__Timecard__c' && !options.system) throw violation('Timecard splits are created by PSA from their timecard; save the timecard instead', []);
	if (object.name === 'pse__Expense_Report__c') expenseReportRules(org, record, before);
	if (object.name === 'pse__Expense__c') expenseRules(org, record, before);
	if (object.name === 'pse__Milestone__c') milestoneRules(record, before);
	if (object.name === 'pse__Billing_Event__c') billingEventRules(record, before);
	if (object.name === 'pse__Assignment__c') assignmentRules(org, record);
	if (object.name === 'pse__Budget__c') budgetRules(record, before);
}

/** After a PSA record is saved: the org's own follow-up writes. */
export function afterPsaWrite(org: PsaOrgAccess, object: ObjectDef, record: Rec, userId: string): { touched: Rec[] } {
	const touched: Rec[] = [];
	if (object.name === 'pse__Timecard_Header__c') org.systemUpsertSplit(record, userId);
	if (object.name === 'pse__Expense_Report__c') {
		const expenses = org.objectDef('pse__Expense__c')!;
		for (const expense of org.records(expenses).filter((e) => e.pse__Expense_Report__c === record.Id)) {
			if (expense.pse__Status__c === record.pse__Status__c) continue;
			expense.pse__Status__c = record.pse__Status__c;
			followStatus(expense, 'Draft');
			touched.push(expense);
		}
	}
	return { touched };
}
