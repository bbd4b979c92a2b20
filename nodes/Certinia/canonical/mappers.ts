/**
 * Certinia PSA objects ⇄ canonical entities: project (with its project tasks as the WBS), project task as a
 * milestone-less WBS row inside the project, milestone, resource (Contact), assignment, resource request,
 * timecard (one worked day → one time entry), expense, billing event.
 */
import type { CanonicalData, Problem, VendorMapper, VendorRecord } from '../../../lib/canonical';
import { isPlainObject } from '../../../lib/canonical';
import {
	AUDIT_FIELDS,
	CERTINIA,
	compact,
	currencyOf,
	hoursOf,
	isOfType,
	moneyOf,
	numberOut,
	psaRef,
	psaRefOut,
	sourceOf,
	textOf,
} from './common';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const PROJECT_STATUS = (stage: unknown, active: unknown): 'planned' | 'active' | 'onHold' | 'closed' | 'cancelled' => {
	const text = String(stage ?? '');
	if (/^Closed - Cancel|Abandoned/.test(text)) return 'cancelled';
	if (/^Closed/.test(text)) return 'closed';
	if (/On Hold/.test(text)) return 'onHold';
	if (/Not Started/.test(text)) return 'planned';
	return active === false ? 'planned' : 'active';
};
const BILLING_TYPE: Record<string, 'fixedFee' | 'timeAndMaterials' | 'other'> = { 'Fixed Price': 'fixedFee', 'Time and Materials': 'timeAndMaterials', Blended: 'other', 'Partner Prime': 'other' };
const APPROVAL: Record<string, 'open' | 'submitted' | 'approved' | 'rejected'> = { Saved: 'open', Draft: 'open', Submitted: 'submitted', Approved: 'approved', Rejected: 'rejected' };
const TASK_STATUS: Record<string, 'notStarted' | 'inProgress' | 'complete'> = { Draft: 'notStarted', Planned: 'notStarted', Started: 'inProgress', Blocked: 'inProgress', Complete: 'complete', Deferred: 'notStarted' };

const childRecords = (value: unknown): VendorRecord[] =>
	(Array.isArray(value) ? value : isPlainObject(value) && Array.isArray(value.records) ? value.records : []) as VendorRecord[];
const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : undefined);

export const projectMapper: VendorMapper = {
	system: CERTINIA,
	object: 'pse__Proj__c',
	aliases: ['project'],
	entity: 'project',
	version: 1,
	knownFields: [...AUDIT_FIELDS, 'pse__Account__c', 'pse__Account__r', 'pse__Opportunity__c', 'pse__Project_Manager__c', 'pse__Project_Manager__r', 'pse__Start_Date__c', 'pse__End_Date__c', 'pse__Stage__c', 'pse__Billing_Type__c', 'pse__Is_Active__c', 'pse__Is_Billable__c', 'pse__Planned_Hours__c', 'pse__Project_ID__c', 'pse__Practice__c', 'pse__Practice__r', 'pse__Project_Tasks__r', 'Customer_External_Id__c'],
	matches: (record) => isOfType(record, 'pse__Proj__c', 'a7O'),
	toCanonical(record) {
		const problems: Problem[] = [];
		const tasks = childRecords(record.pse__Project_Tasks__r).map((task) =>
			compact({
				taskId: String(task.Id),
				name: String(task.Name ?? task.Id),
				parentTaskId: textOf(task.pse__Parent_Task__c),
				status: TASK_STATUS[String(task.pse__Status__c)],
				startDate: day(task.pse__Start_Date_Time__c),
				endDate: day(task.pse__End_Date_Time__c),
				estimatedHours: hoursOf(task.pse__Estimated_Hours__c),
			}),
		);
		const practice = record.pse__Practice__r;
		const data: CanonicalData = compact({
			name: record.Name,
			number: textOf(record.pse__Project_ID__c),
			customer: psaRef(record, 'pse__Account__c'),
			status: PROJECT_STATUS(record.pse__Stage__c, record.pse__Is_Active__c),
			billingType: record.pse__Is_Billable__c === false ? 'nonBillable' : BILLING_TYPE[String(record.pse__Billing_Type__c)],
			currency: typeof record.CurrencyIsoCode === 'string' ? record.CurrencyIsoCode : undefined,
			startDate: textOf(record.pse__Start_Date__c),
			endDate: textOf(record.pse__End_Date__c),
			manager: psaRef(record, 'pse__Project_Manager__c'),
			budget: hoursOf(record.pse__Planned_Hours__c) ? { hours: hoursOf(record.pse__Planned_Hours__c) } : undefined,
			practice: isPlainObject(practice) && typeof practice.Name === 'string' ? practice.Name : undefined,
			tasks,
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const status = String(data.status);
		const record = compact({
			attributes: { type: 'pse__Proj__c' },
			Name: data.name,
			External_Id__c: context.sourceSystem === CERTINIA ? undefined : context.sourceExternalId ?? `${context.sourceSystem.toUpperCase()}-${context.sourceId}`,
			pse__Account__c: psaRefOut(data.customer, context, 'project.customer', problems),
			pse__Project_Manager__c: psaRefOut(data.manager, context, 'project.manager', problems),
			pse__Start_Date__c: data.startDate,
			pse__End_Date__c: data.endDate,
			pse__Is_Active__c: status === 'active' || status === 'planned',
			pse__Is_Billable__c: data.billingType === undefined ? undefined : data.billingType !== 'nonBillable',
			pse__Billing_Type__c: data.billingType === 'fixedFee' ? 'Fixed Price' : data.billingType === 'timeAndMaterials' ? 'Time and Materials' : undefined,
			pse__Stage__c: { planned: 'Open - Not Started', active: 'Open - In Process', onHold: 'Open - On Hold', closed: 'Closed - Completed', cancelled: 'Closed - Canceled' }[status],
			CurrencyIsoCode: data.currency,
			pse__Planned_Hours__c: isPlainObject(data.budget) ? numberOut(data.budget.hours, 'project.budget.hours', problems) : undefined,
		});
		return { record, problems };
	},
};

export const milestoneMapper: VendorMapper = {
	system: CERTINIA,
	object: 'pse__Milestone__c',
	aliases: ['milestone'],
	entity: 'milestone',
	version: 1,
	knownFields: [...AUDIT_FIELDS, 'pse__Project__c', 'pse__Project__r', 'pse__Milestone_Amount__c', 'pse__Target_Date__c', 'pse__Actual_Date__c', 'pse__Status__c', 'pse__Approved__c', 'pse__Approved_for_Billing__c', 'pse__Include_In_Financials__c', 'pse__Invoiced__c', 'pse__Description__c'],
	matches: (record) => isOfType(record, 'pse__Milestone__c', 'a6x'),
	toCanonical(record, context) {
		const problems: Problem[] = [];
		const currency = record.pse__Milestone_Amount__c === undefined ? undefined : currencyOf(record, context.defaultCurrency, problems);
		const status = String(record.pse__Status__c ?? 'Planned');
		const data: CanonicalData = compact({
			name: record.Name,
			project: psaRef(record, 'pse__Project__c'),
			status: record.pse__Invoiced__c === true ? 'billed' : status === 'Approved' ? 'approved' : status === 'Canceled' ? 'cancelled' : 'planned',
			dueDate: textOf(record.pse__Target_Date__c),
			achievedDate: textOf(record.pse__Actual_Date__c),
			amount: moneyOf(record.pse__Milestone_Amount__c, currency, 'payload.pse__Milestone_Amount__c', problems),
			description: textOf(record.pse__Description__c),
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const approved = data.status === 'approved' || data.status === 'achieved' || data.status === 'billed';
		const record = compact({
			attributes: { type: 'pse__Milestone__c' },
			Name: data.name,
			pse__Project__c: psaRefOut(data.project, context, 'milestone.project', problems),
			pse__Target_Date__c: data.dueDate,
			pse__Actual_Date__c: data.achievedDate,
			pse__Status__c: approved ? 'Approved' : data.status === 'cancelled' ? 'Canceled' : 'Planned',
			pse__Milestone_Amount__c: numberOut(data.amount, 'milestone.amount', problems),
			CurrencyIsoCode: isPlainObject(data.amount) ? data.amount.currency : undefined,
			pse__Description__c: data.description,
		});
		return { record, problems };
	},
};

export const resourceMapper: VendorMapper = {
	system: CERTINIA,
	object: 'Contact',
	aliases: ['resource'],
	entity: 'resource',
	version: 1,
	knownFields: [...AUDIT_FIELDS, 'FirstName', 'LastName', 'Email', 'Title', 'AccountId', 'pse__Is_Resource__c', 'pse__Is_Resource_Active__c', 'pse__Resource_Role__c', 'pse__Region__c', 'pse__Practice__c', 'pse__Practice__r', 'pse__Group__c', 'pse__Default_Cost_Rate__c', 'pse__Employment_Status__c', 'pse__Start_Date__c', 'pse__Salesforce_User__c'],
	matches: (record) => isOfType(record, 'Contact', '003') && 'pse__Is_Resource__c' in record,
	toCanonical(record, context) {
		const problems: Problem[] = [];
		const currency = record.pse__Default_Cost_Rate__c === undefined || record.pse__Default_Cost_Rate__c === null ? undefined : currencyOf(record, context.defaultCurrency, problems);
		const cost = moneyOf(record.pse__Default_Cost_Rate__c, currency, 'payload.pse__Default_Cost_Rate__c', problems);
		const practice = record.pse__Practice__r;
		const data: CanonicalData = compact({
			name: compact({ display: String(record.Name ?? [record.FirstName, record.LastName].filter(Boolean).join(' ')), given: textOf(record.FirstName), family: textOf(record.LastName) }),
			email: textOf(record.Email),
			title: textOf(record.Title),
			employmentStatus: record.pse__Employment_Status__c === 'Terminated' ? 'terminated' : record.pse__Is_Resource_Active__c === false ? 'inactive' : 'active',
			hireDate: textOf(record.pse__Start_Date__c),
			costRates: cost ? [{ rate: { ...cost, unit: 'hour' } }] : [],
			bookable: record.pse__Is_Resource__c === true && record.pse__Is_Resource_Active__c !== false,
			practice: isPlainObject(practice) && typeof practice.Name === 'string' ? practice.Name : undefined,
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data) {
		const problems: Problem[] = [];
		const name = isPlainObject(data.name) ? data.name : {};
		const cost = Array.isArray(data.costRates) && isPlainObject(data.costRates[0]) ? data.costRates[0].rate : undefined;
		const record = compact({
			attributes: { type: 'Contact' },
			FirstName: name.given,
			LastName: name.family ?? name.display,
			Email: data.email,
			Title: data.title,
			pse__Is_Resource__c: true,
			pse__Is_Resource_Active__c: data.employmentStatus === 'active',
			pse__Employment_Status__c: data.employmentStatus === 'terminated' ? 'Terminated' : 'Active',
			pse__Start_Date__c: data.hireDate,
			pse__Default_Cost_Rate__c: numberOut(cost, 'resource.costRates[0].rate', problems),
			CurrencyIsoCode: isPlainObject(cost) ? cost.currency : undefined,
		});
		return { record, problems };
	},
};

export const assignmentMapper: VendorMapper = {
	system: CERTINIA,
	object: 'pse__Assignment__c',
	aliases: ['assignment'],
	entity: 'assignment',
	version: 1,
	knownFields: [...AUDIT_FIELDS, 'pse__Resource__c', 'pse__Resource__r', 'pse__Project__c', 'pse__Project__r', 'pse__Schedule__c', 'pse__Role__c', 'pse__Status__c', 'pse__Bill_Rate__c', 'pse__Cost_Rate_Amount__c', 'pse__Is_Billable__c', 'pse__Planned_Hours__c', 'pse__Start_Date__c', 'pse__End_Date__c', 'pse__Closed_for_Time_Entry__c', 'pse__Milestone__c', 'pse__Resource_Request__c'],
	matches: (record) => isOfType(record, 'pse__Assignment__c', 'a6Z'),
	toCanonical(record, context) {
		const problems: Problem[] = [];
		const hasMoney = [record.pse__Bill_Rate__c, record.pse__Cost_Rate_Amount__c].some((v) => v !== undefined && v !== null);
		const currency = hasMoney ? currencyOf(record, context.defaultCurrency, problems) : undefined;
		const bill = moneyOf(record.pse__Bill_Rate__c, currency, 'payload.pse__Bill_Rate__c', problems);
		const cost = moneyOf(record.pse__Cost_Rate_Amount__c, currency, 'payload.pse__Cost_Rate_Amount__c', problems);
		const status = String(record.pse__Status__c ?? '');
		const data: CanonicalData = compact({
			resource: psaRef(record, 'pse__Resource__c'),
			project: psaRef(record, 'pse__Project__c'),
			role: textOf(record.pse__Role__c),
			status: status === 'Closed' ? 'cancelled' : status === 'Tentative' ? 'softBooked' : 'confirmed',
			startDate: textOf(record.pse__Start_Date__c),
			endDate: textOf(record.pse__End_Date__c),
			hours: hoursOf(record.pse__Planned_Hours__c),
			billRate: bill ? { ...bill, unit: 'hour' } : undefined,
			costRate: cost ? { ...cost, unit: 'hour' } : undefined,
		});
		if (!data.startDate) problems.push({ path: 'payload.pse__Start_Date__c', reason: 'is required (the assignment\'s schedule start): read pse__Start_Date__c' });
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		problems.push({ path: 'assignment.startDate', reason: 'Certinia takes an assignment\'s dates from its schedule (pse__Schedule__c): create the schedule first and set pse__Schedule__c' });
		const record = compact({
			attributes: { type: 'pse__Assignment__c' },
			pse__Resource__c: psaRefOut(data.resource, context, 'assignment.resource', problems),
			pse__Project__c: psaRefOut(data.project, context, 'assignment.project', problems),
			pse__Status__c: data.status === 'cancelled' ? 'Closed' : data.status === 'confirmed' ? 'Scheduled' : 'Tentative',
			pse__Planned_Hours__c: numberOut(data.hours, 'assignment.hours', problems),
			pse__Bill_Rate__c: numberOut(data.billRate, 'assignment.billRate', problems),
			CurrencyIsoCode: isPlainObject(data.billRate) ? data.billRate.currency : undefined,
		});
		return { record, problems };
	},
};

export const resourceRequestMapper: VendorMapper = {
	system: CERTINIA,
	object: 'pse__Resource_Request__c',
	aliases: ['resourceRequest'],
	entity: 'resourceRequest',
	version: 1,
	knownFields: [...AUDIT_FIELDS, 'pse__Resource_Request_Name__c', 'pse__Project__c', 'pse__Project__r', 'pse__Opportunity__c', 'pse__Resource_Role__c', 'pse__Status__c', 'pse__Start_Date__c', 'pse__End_Date__c', 'pse__SOW_Hours__c', 'pse__Resource__c', 'pse__Resource__r', 'pse__Request_Priority__c'],
	matches: (record) => isOfType(record, 'pse__Resource_Request__c', 'a7W'),
	toCanonical(record) {
		const problems: Problem[] = [];
		const status: Record<string, string> = { Draft: 'draft', 'Ready to Staff': 'open', Hold: 'held', Tentative: 'held', Assigned: 'assigned', Cancelled: 'cancelled' };
		const data: CanonicalData = compact({
			project: psaRef(record, 'pse__Project__c'),
			role: textOf(record.pse__Resource_Role__c) ?? textOf(record.pse__Resource_Request_Name__c),
			status: status[String(record.pse__Status__c)] ?? 'draft',
			startDate: textOf(record.pse__Start_Date__c),
			endDate: textOf(record.pse__End_Date__c) ?? textOf(record.pse__Start_Date__c),
			hours: hoursOf(record.pse__SOW_Hours__c),
			assignedResource: psaRef(record, 'pse__Resource__c'),
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const status: Record<string, string> = { draft: 'Draft', open: 'Ready to Staff', held: 'Hold', assigned: 'Assigned', cancelled: 'Cancelled' };
		const record = compact({
			attributes: { type: 'pse__Resource_Request__c' },
			pse__Project__c: psaRefOut(data.project, context, 'resourceRequest.project', problems),
			pse__Resource_Role__c: data.role,
			pse__Status__c: status[String(data.status)],
			pse__Start_Date__c: data.startDate,
			pse__End_Date__c: data.endDate,
			pse__SOW_Hours__c: numberOut(data.hours, 'resourceRequest.hours', problems),
		});
		return { record, problems };
	},
};

/** A timecard is a week; a canonical time entry is a day: a timecard with exactly one worked day maps, others are problems (read its days separately). */
export const timecardMapper: VendorMapper = {
	system: CERTINIA,
	object: 'pse__Timecard_Header__c',
	aliases: ['timecard', 'pse__Timecard__c', 'timeEntry'],
	entity: 'timeEntry',
	version: 1,
	knownFields: [
		...AUDIT_FIELDS,
		'pse__Resource__c', 'pse__Resource__r', 'pse__Project__c', 'pse__Project__r', 'pse__Assignment__c', 'pse__Milestone__c', 'pse__Project_Task__c', 'pse__Start_Date__c', 'pse__End_Date__c',
		...WEEKDAYS.flatMap((d) => [`pse__${d}_Hours__c`, `pse__${d}_Notes__c`]),
		'pse__Total_Hours__c', 'pse__Status__c', 'pse__Submitted__c', 'pse__Approved__c', 'pse__Billable__c', 'pse__Include_In_Financials__c', 'pse__Invoiced__c', 'pse__Bill_Rate__c', 'pse__Cost_Rate_Amount__c', 'pse__Timecard_Header__c', 'pse__Approved_for_Billing__c',
	],
	matches: (record) => isOfType(record, 'pse__Timecard_Header__c', 'a8D') || isOfType(record, 'pse__Timecard__c', 'a8E'),
	toCanonical(record) {
		const problems: Problem[] = [];
		const worked = WEEKDAYS.map((d, i) => ({ d, i, hours: hoursOf(record[`pse__${d}_Hours__c`] ?? 0) })).filter((w) => w.hours !== undefined && Number(w.hours) !== 0);
		const start = textOf(record.pse__Start_Date__c);
		if (!start) problems.push({ path: 'payload.pse__Start_Date__c', reason: 'is required: read the week\'s start date' });
		if (worked.length !== 1) problems.push({ path: 'payload.pse__Total_Hours__c', reason: `the timecard has ${worked.length} worked days; a canonical time entry is one day, so map each day (or read the day's hours) separately` });
		const entry = worked[0];
		const date = start && entry ? new Date(Date.parse(`${start}T00:00:00Z`) + entry.i * 86_400_000).toISOString().slice(0, 10) : undefined;
		const data: CanonicalData = compact({
			date,
			hours: entry?.hours,
			resource: psaRef(record, 'pse__Resource__c'),
			project: psaRef(record, 'pse__Project__c'),
			task: psaRef(record, 'pse__Project_Task__c'),
			approvalState: APPROVAL[String(record.pse__Status__c ?? 'Saved')] ?? 'open',
			billable: record.pse__Billable__c !== false,
			description: entry ? textOf(record[`pse__${entry.d}_Notes__c`]) : undefined,
			timesheet: psaRef(record, 'pse__Timecard_Header__c'),
			posted: record.pse__Invoiced__c === true ? true : undefined,
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const date = typeof data.date === 'string' ? data.date : '';
		const ms = Date.parse(`${date}T00:00:00Z`);
		if (Number.isNaN(ms)) problems.push({ path: 'timeEntry.date', reason: 'is required to place the hours in a week' });
		const index = Number.isNaN(ms) ? 0 : (new Date(ms).getUTCDay() + 6) % 7;
		const monday = Number.isNaN(ms) ? undefined : new Date(ms - index * 86_400_000).toISOString().slice(0, 10);
		const sunday = Number.isNaN(ms) ? undefined : new Date(ms + (6 - index) * 86_400_000).toISOString().slice(0, 10);
		const record = compact({
			attributes: { type: 'pse__Timecard_Header__c' },
			pse__Resource__c: psaRefOut(data.resource, context, 'timeEntry.resource', problems),
			pse__Project__c: psaRefOut(data.project, context, 'timeEntry.project', problems),
			pse__Start_Date__c: monday,
			pse__End_Date__c: sunday,
			[`pse__${WEEKDAYS[index]}_Hours__c`]: numberOut(data.hours, 'timeEntry.hours', problems),
			[`pse__${WEEKDAYS[index]}_Notes__c`]: data.description,
			pse__Billable__c: data.billable,
			pse__Status__c: data.approvalState === 'submitted' ? 'Submitted' : 'Saved',
		});
		return { record, problems };
	},
};

export const expenseMapper: VendorMapper = {
	system: CERTINIA,
	object: 'pse__Expense__c',
	aliases: ['expense'],
	entity: 'expense',
	version: 1,
	knownFields: [...AUDIT_FIELDS, 'pse__Expense_Report__c', 'pse__Resource__c', 'pse__Resource__r', 'pse__Project__c', 'pse__Project__r', 'pse__Assignment__c', 'pse__Amount__c', 'pse__Type__c', 'pse__Expense_Date__c', 'pse__Description__c', 'pse__Billable__c', 'pse__Status__c', 'pse__Submitted__c', 'pse__Approved__c', 'pse__Billing_Currency__c', 'pse__Invoiced__c', 'pse__Include_In_Financials__c'],
	matches: (record) => isOfType(record, 'pse__Expense__c', 'a5e'),
	toCanonical(record, context) {
		const problems: Problem[] = [];
		const currency = currencyOf(record, context.defaultCurrency, problems);
		const amount = moneyOf(record.pse__Amount__c, currency, 'payload.pse__Amount__c', problems);
		if (!amount && !problems.length) problems.push({ path: 'payload.pse__Amount__c', reason: 'is required' });
		const date = textOf(record.pse__Expense_Date__c);
		const data: CanonicalData = compact({
			number: textOf(record.Name),
			resource: psaRef(record, 'pse__Resource__c'),
			date,
			approvalState: APPROVAL[String(record.pse__Status__c ?? 'Draft')] ?? 'open',
			status: textOf(record.pse__Status__c),
			currency,
			total: amount,
			lines: amount && date ? [compact({ lineId: String(record.Id), date, category: record.pse__Type__c ? { id: String(record.pse__Type__c), name: String(record.pse__Type__c) } : undefined, amount, project: psaRef(record, 'pse__Project__c'), billable: record.pse__Billable__c === true, memo: textOf(record.pse__Description__c) })] : [],
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const line = Array.isArray(data.lines) && data.lines.length === 1 && isPlainObject(data.lines[0]) ? data.lines[0] : undefined;
		if (!line) problems.push({ path: 'expense.lines', reason: 'a Certinia expense is one line: map a report with several lines line by line' });
		const record = compact({
			attributes: { type: 'pse__Expense__c' },
			pse__Resource__c: psaRefOut(data.resource, context, 'expense.resource', problems),
			pse__Project__c: line ? psaRefOut(line.project, context, 'expense.lines[0].project', problems) : undefined,
			pse__Amount__c: line ? numberOut(line.amount, 'expense.lines[0].amount', problems) : undefined,
			CurrencyIsoCode: data.currency,
			pse__Expense_Date__c: line?.date,
			pse__Billable__c: line?.billable,
			pse__Description__c: line?.memo,
		});
		return { record, problems };
	},
};

export const billingEventMapper: VendorMapper = {
	system: CERTINIA,
	object: 'pse__Billing_Event__c',
	aliases: ['billingEvent'],
	entity: 'billingEvent',
	version: 1,
	knownFields: [...AUDIT_FIELDS, 'pse__Project__c', 'pse__Project__r', 'pse__Date__c', 'pse__Event_Key__c', 'pse__Status__c', 'pse__Is_Approved__c', 'pse__Is_Released__c', 'pse__Invoiced__c', 'pse__Invoice_Number__c', 'pse__Invoice_Date__c', 'pse__Summary_Amount__c', 'pse__Billing_Event_Items__r'],
	matches: (record) => isOfType(record, 'pse__Billing_Event__c', 'a4L'),
	toCanonical(record, context) {
		const problems: Problem[] = [];
		const currency = currencyOf(record, context.defaultCurrency, problems);
		const amount = moneyOf(record.pse__Summary_Amount__c ?? 0, currency, 'payload.pse__Summary_Amount__c', problems);
		const items = childRecords(record.pse__Billing_Event_Items__r);
		const categories = new Set(items.map((i) => String(i.pse__Category__c)));
		const kind = categories.size === 1 ? ({ Timecard: 'time', Expense: 'expense', Milestone: 'milestone', Budget: 'fixedFee' } as Record<string, string>)[[...categories][0]] ?? 'adjustment' : 'adjustment';
		const data: CanonicalData = compact({
			project: psaRef(record, 'pse__Project__c'),
			date: textOf(record.pse__Date__c),
			kind,
			status: record.pse__Invoiced__c === true ? 'invoiced' : record.pse__Is_Released__c === true ? 'released' : record.pse__Is_Approved__c === true ? 'approved' : 'draft',
			amount,
			sources: items.length
				? items.map((i) => ({ entity: ({ Timecard: 'timeEntry', Expense: 'expense', Milestone: 'milestone' } as Record<string, string>)[String(i.pse__Category__c)] ?? 'contract', ref: { id: String(i.pse__Object_Id__c ?? i.Id) } }))
				: undefined,
			invoice: textOf(record.pse__Invoice_Number__c) ? { id: String(record.pse__Invoice_Number__c) } : undefined,
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		// Billing events are generated by PSA's billing run (Apex); what an integration writes is the invoice back.
		const invoice = isPlainObject(data.invoice) ? textOf(data.invoice.number ?? data.invoice.id) : undefined;
		if (context.sourceSystem !== CERTINIA) problems.push({ path: 'billingEvent', reason: 'Certinia generates billing events itself (Apex-only billing run); only the invoice write-back of a Certinia event can be rendered' });
		const record = compact({
			attributes: { type: 'pse__Billing_Event__c' },
			Id: context.sourceSystem === CERTINIA ? context.sourceId : undefined,
			pse__Invoice_Number__c: invoice,
			pse__Invoiced__c: data.status === 'invoiced' ? true : undefined,
		});
		return { record, problems };
	},
};

export const certiniaMappers: readonly VendorMapper[] = [projectMapper, milestoneMapper, resourceMapper, assignmentMapper, resourceRequestMapper, timecardMapper, expenseMapper, billingEventMapper];
