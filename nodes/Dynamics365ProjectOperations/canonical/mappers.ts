/**
 * Dynamics 365 Project Operations (Dataverse) rows ⇄ canonical entities: project with its WBS tasks,
 * bookable resource, team member and resource assignment (assignment), resource requirement (resource
 * request), time entry, expense, contract-line milestone and proforma invoice. Durations are whole minutes
 * (msdyn_duration) mapped to exact decimal hours; money columns are JSON numbers in the row's transaction
 * currency, read and written exactly (lib/money), never through float arithmetic.
 *
 * Rows carry `p2c_externalid`, the custom column (with an alternate key) that holds the id of the record in
 * the system it came from (an opportunity id, `PSA-TE-1001`): it is the source's external id on the way in and
 * is written on the way out, so a re-run finds the record.
 */
import type { CanonicalData, FromCanonicalContext, MappedOut, Problem, VendorMapper, VendorRecord } from '../../../lib/canonical';
import { exactDecimalText, isPlainObject, moneyOf } from '../../../lib/canonical';
import { hoursFromMinutes, minutesFromHours } from '../../../lib/canonical/durations';
import { toMinorUnits, fromMinorUnits } from '../../../lib/canonical/money';

import {
	DATAVERSE,
	SYSTEM_COLUMNS,
	bindOut,
	compact,
	currencyOf,
	dateOnly,
	identityOut,
	isTable,
	knownWithAnnotations,
	labelOf,
	lookupRef,
	numberOut,
	sourceOf,
	textOf,
	xrefOf,
} from '../../Dataverse/canonical';

/** The custom column holding a record's id in the system it came from. */
export const EXTERNAL_ID_COLUMN = 'p2c_externalid';
/** Collection navigation properties the node expands (or fills) for Canonical output. */
export const PROJECT_TASKS = 'msdyn_msdyn_project_msdyn_projecttask_project';
export const INVOICE_LINES = 'invoice_details';

const VENDOR = 'Project Operations';

export const ENTRY_STATUS = { draft: 192350000, returned: 192350001, approved: 192350002, submitted: 192350003, recallRequested: 192350004 } as const;
export const EXPENSE_STATUS = { draft: 192350000, submitted: 192350001, approved: 192350002, rejected: 192350003, posted: 192350004, paid: 192350005, recallRequested: 192350006 } as const;
export const TIME_TYPE = { work: 192350000, absence: 192350001, vacation: 192350002 } as const;
export const MILESTONE_INVOICE_STATUS = { notReady: 192350000, ready: 192350001, invoiceCreated: 192350002, invoicePosted: 192350003 } as const;
export const PROJECT_INVOICE_STATUS = { draft: 192350000, inReview: 192350001, confirmed: 192350002, paid: 192350003 } as const;
export const MEMBERSHIP_STATUS = { requested: 1, assigned: 2, declined: 3 } as const;
export const COMMIT_TYPE = { none: 192350000, hardBook: 192350001, softBook: 192350002, proposed: 192350003, canceled: 192350004 } as const;
export const BILLING_METHOD = { timeAndMaterial: 192350000, fixedPrice: 192350001 } as const;

const known = (columns: string[]) => knownWithAnnotations([...SYSTEM_COLUMNS, 'statecode', 'statuscode', EXTERNAL_ID_COLUMN, ...columns]);

function externalIdOf(record: VendorRecord): string | undefined {
	const value = record[EXTERNAL_ID_COLUMN];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The source of a mapped row, with its external id when it has one. */
function sourceWithExternalId(record: VendorRecord, idColumn: string, problems: Problem[]) {
	return compact({ ...sourceOf(record, idColumn, problems), externalId: externalIdOf(record) });
}

/** The external id a row written from another system carries: the source record's own external id, else its id. */
function externalIdOut(context: FromCanonicalContext): VendorRecord {
	if (context.sourceSystem === DATAVERSE) return {};
	return { [EXTERNAL_ID_COLUMN]: context.sourceExternalId ?? context.sourceId };
}

/** A JSON number (hours, percent, a decimal column) as exact decimal text. */
function decimalText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = exactDecimalText(value);
	return typeof text === 'string' ? text : undefined;
}

/** A canonical date as a Dataverse date-time column value (midnight UTC). */
function dateTimeOut(date: unknown): string | undefined {
	return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : undefined;
}

function dateIn(value: unknown): unknown {
	return value === null ? undefined : dateOnly(value);
}

function money(value: unknown, currency: string | undefined): Record<string, unknown> | undefined {
	if (value === undefined || value === null || currency === undefined) return undefined;
	return moneyOf(value, currency);
}

function readOnlyMapping(entity: string): (data: CanonicalData, context: FromCanonicalContext) => MappedOut {
	return () => ({ record: {}, problems: [{ path: entity, reason: `${VENDOR} creates ${entity} records itself; they are read, not written` }] });
}

// ------------------------------------------------------------------------------------------------ project

/** Task columns the node selects when it reads a project's WBS. */
export const TASK_COLUMNS = ['msdyn_projecttaskid', 'msdyn_subject', '_msdyn_parenttask_value', 'msdyn_scheduledstart', 'msdyn_scheduledend', 'msdyn_effort', 'msdyn_progress', 'msdyn_ismilestone', 'msdyn_outlinelevel', 'msdyn_wbsid', 'msdyn_displaysequence', '_msdyn_projectbucket_value', '_msdyn_project_value', EXTERNAL_ID_COLUMN];

function taskIn(task: VendorRecord, index: number, problems: Problem[]): CanonicalData {
	const progress = decimalText(task.msdyn_progress);
	const effort = decimalText(task.msdyn_effort);
	if (task.msdyn_effort !== undefined && task.msdyn_effort !== null && effort === undefined) problems.push({ path: `payload.${PROJECT_TASKS}.${index}.msdyn_effort`, reason: 'must be a number of hours' });
	return compact({
		taskId: textOf(task.msdyn_projecttaskid),
		name: task.msdyn_subject,
		parentTaskId: textOf(task._msdyn_parenttask_value),
		status: progress === undefined ? undefined : Number(progress) >= 100 ? 'complete' : Number(progress) > 0 ? 'inProgress' : 'notStarted',
		startDate: dateIn(task.msdyn_scheduledstart),
		endDate: dateIn(task.msdyn_scheduledend),
		plannedHours: effort,
		percentComplete: progress,
		isMilestone: typeof task.msdyn_ismilestone === 'boolean' ? task.msdyn_ismilestone : undefined,
	});
}

export const projectMapper: VendorMapper = {
	system: DATAVERSE,
	object: 'msdyn_project',
	aliases: ['msdyn_projects', 'project'],
	entity: 'project',
	version: 1,
	knownFields: known([
		'msdyn_projectid', 'msdyn_subject', 'msdyn_description', 'msdyn_scheduledstart', 'msdyn_scheduledend', 'msdyn_finish', 'msdyn_actualstart', 'msdyn_actualend',
		'msdyn_plannedhours', 'msdyn_progress', 'msdyn_overallprojectstatus', 'msdyn_istemplate', 'msdyn_calendarid', 'msdyn_teamsize', '_msdyn_customer_value',
		'_msdyn_projectmanager_value', '_msdyn_salesorderid_value', PROJECT_TASKS,
	]),
	matches: (record) => isTable(record, 'msdyn_project'),
	toCanonical(record, context) {
		const problems: Problem[] = [];
		const tasks = Array.isArray(record[PROJECT_TASKS]) ? (record[PROJECT_TASKS] as unknown[]).filter(isPlainObject) : [];
		const ordered = [...tasks].sort((a, b) => String(a.msdyn_wbsid ?? '').localeCompare(String(b.msdyn_wbsid ?? ''), undefined, { numeric: true }));
		const data = compact({
			name: record.msdyn_subject,
			customer: lookupRef(record, 'msdyn_customer', 'customer'),
			contract: lookupRef(record, 'msdyn_salesorderid', 'contract'),
			status: record.statecode === 1 ? 'closed' : 'active',
			currency: currencyOf(record, context, problems, false),
			startDate: dateIn(record.msdyn_scheduledstart),
			endDate: dateIn(record.msdyn_scheduledend ?? record.msdyn_finish),
			manager: lookupRef(record, 'msdyn_projectmanager'),
			budget: record.msdyn_plannedhours === undefined || record.msdyn_plannedhours === null ? undefined : { hours: decimalText(record.msdyn_plannedhours) },
			percentComplete: decimalText(record.msdyn_progress),
			description: record.msdyn_description ?? undefined,
			tasks: ordered.map((task, index) => taskIn(task, index, problems)),
		});
		return { data, source: sourceWithExternalId(record, 'msdyn_projectid', problems), enterpriseId: xrefOf(record, 'project'), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const record = compact({
			...identityOut(context, 'msdyn_projectid'),
			'@odata.type': 'Microsoft.Dynamics.CRM.msdyn_project',
			msdyn_subject: data.name,
			msdyn_description: data.description,
			msdyn_scheduledstart: dateTimeOut(data.startDate),
			...bindOut(data.customer, context, 'msdyn_customer', 'accounts', 'project.customer', problems),
			...externalIdOut(context),
		});
		// The WBS is written through the schedule API once the project exists: each task as a msdyn_projecttask
		// entity (the node's Apply WBS Changes adds the project, the bucket and the parent binds).
		const tasks = Array.isArray(data.tasks) ? (data.tasks as CanonicalData[]) : [];
		const wbs = tasks.map((task) =>
			compact({
				'@odata.type': 'Microsoft.Dynamics.CRM.msdyn_projecttask',
				msdyn_subject: task.name,
				msdyn_scheduledstart: dateTimeOut(task.startDate),
				msdyn_scheduledend: dateTimeOut(task.endDate),
				msdyn_effort: task.plannedHours === undefined ? undefined : numberOut(task.plannedHours, `project.tasks.${String(task.taskId)}.plannedHours`, problems),
				msdyn_ismilestone: task.isMilestone,
				[EXTERNAL_ID_COLUMN]: context.sourceSystem === DATAVERSE ? undefined : String(task.taskId),
				parentExternalId: task.parentTaskId,
			}),
		);
		return { record: { ...record, ...(wbs.length ? { tasks: wbs } : {}) }, problems };
	},
};

// ------------------------------------------------------------------------------------------------ resource

export const bookableResourceMapper: VendorMapper = {
	system: DATAVERSE,
	object: 'bookableresource',
	aliases: ['bookableresources', 'resource'],
	entity: 'resource',
	version: 1,
	knownFields: known(['bookableresourceid', 'name', 'resourcetype', 'msdyn_primaryemail', 'msdyn_targetutilization', 'timezone', 'calendarid', '_userid_value', '_contactid_value', '_accountid_value', 'msdyn_organizationalunit', '_msdyn_organizationalunit_value']),
	matches: (record) => isTable(record, 'bookableresource'),
	toCanonical(record) {
		const problems: Problem[] = [];
		const data = compact({
			number: externalIdOf(record),
			name: { display: record.name },
			email: record.msdyn_primaryemail ?? undefined,
			workerType: record.resourcetype === 1 ? 'placeholder' : 'employee',
			employmentStatus: record.statecode === 1 ? 'inactive' : 'active',
			costCenter: lookupRef(record, 'msdyn_organizationalunit'),
			targetUtilization: decimalText(record.msdyn_targetutilization),
			bookable: record.statecode !== 1,
			costRates: [],
		});
		return { data, source: sourceWithExternalId(record, 'bookableresourceid', problems), enterpriseId: xrefOf(record, 'resource'), problems };
	},
	fromCanonical(data, context) {
		const name = isPlainObject(data.name) ? data.name.display : undefined;
		const record = compact({
			...identityOut(context, 'bookableresourceid'),
			name,
			msdyn_primaryemail: data.email,
			resourcetype: data.workerType === 'placeholder' ? 1 : 3,
			msdyn_targetutilization: typeof data.targetUtilization === 'string' && /^\d+$/.test(data.targetUtilization) ? Number(data.targetUtilization) : undefined,
			...(context.sourceSystem === DATAVERSE ? {} : { [EXTERNAL_ID_COLUMN]: typeof data.number === 'string' ? data.number : context.sourceExternalId ?? context.sourceId }),
		});
		return { record, problems: [] };
	},
};

// ------------------------------------------------------------------------------------------------ assignments

const MEMBERSHIP_TO_STATUS: Record<number, string> = { [MEMBERSHIP_STATUS.requested]: 'proposed', [MEMBERSHIP_STATUS.assigned]: 'confirmed', [MEMBERSHIP_STATUS.declined]: 'cancelled' };

export const teamMemberMapper: VendorMapper = {
	system: DATAVERSE,
	object: 'msdyn_projectteam',
	aliases: ['msdyn_projectteams', 'teamMember'],
	entity: 'assignment',
	version: 1,
	knownFields: known(['msdyn_projectteamid', 'msdyn_name', 'msdyn_from', 'msdyn_to', 'msdyn_hours', 'msdyn_membershipstatus', 'msdyn_billingtype', 'msdyn_allocationmethod', 'msdyn_percentage', '_msdyn_project_value', '_msdyn_bookableresourceid_value', '_msdyn_resourcecategory_value']),
	matches: (record) => isTable(record, 'msdyn_projectteam'),
	toCanonical(record) {
		const problems: Problem[] = [];
		const data = compact({
			resource: lookupRef(record, 'msdyn_bookableresourceid', 'resource'),
			project: lookupRef(record, 'msdyn_project', 'project'),
			role: labelOf(record, '_msdyn_resourcecategory_value') ?? undefined,
			status: MEMBERSHIP_TO_STATUS[record.msdyn_membershipstatus as number] ?? 'confirmed',
			startDate: dateIn(record.msdyn_from),
			endDate: dateIn(record.msdyn_to),
			hours: decimalText(record.msdyn_hours),
			percentOfTime: decimalText(record.msdyn_percentage),
		});
		return { data, source: sourceOf(record, 'msdyn_projectteamid', problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const record = compact({
			...identityOut(context, 'msdyn_projectteamid'),
			'@odata.type': 'Microsoft.Dynamics.CRM.msdyn_projectteam',
			msdyn_name: isPlainObject(data.resource) ? data.resource.name : undefined,
			msdyn_from: dateTimeOut(data.startDate),
			msdyn_to: dateTimeOut(data.endDate),
			msdyn_hours: data.hours === undefined ? undefined : numberOut(data.hours, 'assignment.hours', problems),
			msdyn_membershipstatus: data.status === 'proposed' ? MEMBERSHIP_STATUS.requested : data.status === 'cancelled' ? MEMBERSHIP_STATUS.declined : MEMBERSHIP_STATUS.assigned,
			...bindOut(data.project, context, 'msdyn_project', 'msdyn_projects', 'assignment.project', problems),
			...bindOut(data.resource, context, 'msdyn_bookableresourceid', 'bookableresources', 'assignment.resource', problems),
		});
		return { record, problems };
	},
};

const COMMIT_TO_STATUS: Record<number, string> = { [COMMIT_TYPE.hardBook]: 'confirmed', [COMMIT_TYPE.softBook]: 'softBooked', [COMMIT_TYPE.proposed]: 'proposed', [COMMIT_TYPE.canceled]: 'cancelled', [COMMIT_TYPE.none]: 'confirmed' };

export const resourceAssignmentMapper: VendorMapper = {
	system: DATAVERSE,
	object: 'msdyn_resourceassignment',
	aliases: ['msdyn_resourceassignments', 'resourceAssignment'],
	entity: 'assignment',
	version: 1,
	knownFields: known(['msdyn_resourceassignmentid', 'msdyn_name', 'msdyn_fromdate', 'msdyn_todate', 'msdyn_hours', 'msdyn_committype', 'msdyn_plannedwork', '_msdyn_projectid_value', '_msdyn_taskid_value', '_msdyn_projectteamid_value', '_msdyn_bookableresourceid_value']),
	matches: (record) => isTable(record, 'msdyn_resourceassignment'),
	toCanonical(record) {
		const problems: Problem[] = [];
		const data = compact({
			resource: lookupRef(record, 'msdyn_bookableresourceid', 'resource'),
			project: lookupRef(record, 'msdyn_projectid', 'project'),
			task: lookupRef(record, 'msdyn_taskid'),
			status: COMMIT_TO_STATUS[record.msdyn_committype as number] ?? 'confirmed',
			startDate: dateIn(record.msdyn_fromdate),
			endDate: dateIn(record.msdyn_todate),
			hours: decimalText(record.msdyn_hours),
		});
		return { data, source: sourceOf(record, 'msdyn_resourceassignmentid', problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		if (!isPlainObject(data.task)) problems.push({ path: 'assignment.task', reason: `is required: a ${VENDOR} resource assignment is on a task (staff a project without a task as a team member)` });
		const record = compact({
			'@odata.type': 'Microsoft.Dynamics.CRM.msdyn_resourceassignment',
			msdyn_name: isPlainObject(data.resource) ? data.resource.name : undefined,
			...bindOut(data.project, context, 'msdyn_projectid', 'msdyn_projects', 'assignment.project', problems),
			...bindOut(data.task, context, 'msdyn_taskid', 'msdyn_projecttasks', 'assignment.task', problems),
		});
		return { record, problems };
	},
};

export const resourceRequirementMapper: VendorMapper = {
	system: DATAVERSE,
	object: 'msdyn_resourcerequirement',
	aliases: ['msdyn_resourcerequirements', 'resourceRequest'],
	entity: 'resourceRequest',
	version: 1,
	knownFields: known(['msdyn_resourcerequirementid', 'msdyn_name', 'msdyn_fromdate', 'msdyn_todate', 'msdyn_duration', 'msdyn_percentage', 'msdyn_type', '_msdyn_projectid_value', '_msdyn_resourcecategory_value', '_msdyn_projectteamid_value']),
	matches: (record) => isTable(record, 'msdyn_resourcerequirement'),
	toCanonical(record) {
		const problems: Problem[] = [];
		const role = labelOf(record, '_msdyn_resourcecategory_value');
		if (!role && record._msdyn_resourcecategory_value) problems.push({ path: 'payload._msdyn_resourcecategory_value', reason: 'has no role name: read with formatted values (Prefer: odata.include-annotations) so the role can be named' });
		const data = compact({
			project: lookupRef(record, 'msdyn_projectid', 'project'),
			role: role ?? (record._msdyn_resourcecategory_value ? undefined : record.msdyn_name),
			status: record.statecode === 1 ? 'cancelled' : 'open',
			startDate: dateIn(record.msdyn_fromdate),
			endDate: dateIn(record.msdyn_todate),
			hours: hoursFromMinutes(record.msdyn_duration, 'payload.msdyn_duration', problems),
			percentOfTime: decimalText(record.msdyn_percentage),
			notes: record.msdyn_name ?? undefined,
		});
		return { data, source: sourceOf(record, 'msdyn_resourcerequirementid', problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const record = compact({
			...identityOut(context, 'msdyn_resourcerequirementid'),
			msdyn_name: typeof data.notes === 'string' && data.notes ? data.notes : data.role,
			msdyn_fromdate: dateTimeOut(data.startDate),
			msdyn_todate: dateTimeOut(data.endDate),
			msdyn_duration: minutesFromHours(data.hours, 'resourceRequest.hours', problems, VENDOR),
			msdyn_percentage: data.percentOfTime === undefined ? undefined : numberOut(data.percentOfTime, 'resourceRequest.percentOfTime', problems),
			...bindOut(data.project, context, 'msdyn_projectid', 'msdyn_projects', 'resourceRequest.project', problems),
		});
		return { record, problems };
	},
};

// ------------------------------------------------------------------------------------------------ time and expense

const ENTRY_TO_STATE: Record<number, string> = {
	[ENTRY_STATUS.draft]: 'open',
	[ENTRY_STATUS.returned]: 'rejected',
	[ENTRY_STATUS.submitted]: 'submitted',
	[ENTRY_STATUS.recallRequested]: 'submitted',
	[ENTRY_STATUS.approved]: 'approved',
};

export const timeEntryMapper: VendorMapper = {
	system: DATAVERSE,
	object: 'msdyn_timeentry',
	aliases: ['msdyn_timeentries', 'timeEntry'],
	entity: 'timeEntry',
	version: 1,
	knownFields: known(['msdyn_timeentryid', 'msdyn_date', 'msdyn_duration', 'msdyn_description', 'msdyn_externaldescription', 'msdyn_entrystatus', 'msdyn_targetentrystatus', 'msdyn_type', 'msdyn_relateditemtype', 'msdyn_relateditemid', '_msdyn_bookableresource_value', '_msdyn_project_value', '_msdyn_projecttask_value', '_msdyn_resourcecategory_value', '_msdyn_transactioncategory_value', '_msdyn_manager_value', '_msdyn_resourceorganizationalunitid_value']),
	matches: (record) => isTable(record, 'msdyn_timeentry'),
	toCanonical(record) {
		const problems: Problem[] = [];
		const state = ENTRY_TO_STATE[record.msdyn_entrystatus as number];
		if (!state) problems.push({ path: 'payload.msdyn_entrystatus', reason: `is not a time entry status (got ${JSON.stringify(record.msdyn_entrystatus)})` });
		const data = compact({
			date: dateIn(record.msdyn_date),
			hours: hoursFromMinutes(record.msdyn_duration, 'payload.msdyn_duration', problems),
			resource: lookupRef(record, 'msdyn_bookableresource', 'resource'),
			project: lookupRef(record, 'msdyn_project', 'project'),
			task: lookupRef(record, 'msdyn_projecttask'),
			serviceItem: lookupRef(record, 'msdyn_resourcecategory'),
			approvalState: state,
			// Work is billable as the contract line decides; absence and vacation never are.
			billable: (record.msdyn_type ?? TIME_TYPE.work) === TIME_TYPE.work,
			description: record.msdyn_description ?? undefined,
			costCenter: lookupRef(record, 'msdyn_resourceorganizationalunitid'),
		});
		return { data, source: sourceWithExternalId(record, 'msdyn_timeentryid', problems), enterpriseId: xrefOf(record, 'timeEntry'), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const record = compact({
			...identityOut(context, 'msdyn_timeentryid'),
			msdyn_date: data.date,
			msdyn_duration: minutesFromHours(data.hours, 'timeEntry.hours', problems, VENDOR),
			msdyn_description: data.description,
			msdyn_type: TIME_TYPE.work,
			...bindOut(data.resource, context, 'msdyn_bookableresource', 'bookableresources', 'timeEntry.resource', problems),
			...bindOut(data.project, context, 'msdyn_project', 'msdyn_projects', 'timeEntry.project', problems),
			...bindOut(data.task, context, 'msdyn_projecttask', 'msdyn_projecttasks', 'timeEntry.task', problems),
			...bindOut(data.serviceItem, context, 'msdyn_resourcecategory', 'bookableresourcecategories', 'timeEntry.serviceItem', problems),
			...externalIdOut(context),
		});
		return { record, problems };
	},
};

const EXPENSE_TO_STATE: Record<number, string> = {
	[EXPENSE_STATUS.draft]: 'open',
	[EXPENSE_STATUS.submitted]: 'submitted',
	[EXPENSE_STATUS.recallRequested]: 'submitted',
	[EXPENSE_STATUS.approved]: 'approved',
	[EXPENSE_STATUS.posted]: 'approved',
	[EXPENSE_STATUS.rejected]: 'rejected',
	[EXPENSE_STATUS.paid]: 'paid',
};

export const expenseMapper: VendorMapper = {
	system: DATAVERSE,
	object: 'msdyn_expense',
	aliases: ['msdyn_expenses', 'expense'],
	entity: 'expense',
	version: 1,
	knownFields: known(['msdyn_expenseid', 'msdyn_name', 'msdyn_transactiondate', 'msdyn_amount', 'msdyn_amount_base', 'msdyn_quantity', 'msdyn_price', 'msdyn_price_base', 'msdyn_salestaxamount', 'msdyn_salestaxamount_base', 'msdyn_totalamount', 'msdyn_totalamount_base', 'msdyn_externaldescription', 'msdyn_expensestatus', 'msdyn_targetexpensestatus', '_msdyn_bookableresource_value', '_msdyn_project_value', '_msdyn_expensecategory_value', '_msdyn_manager_value', '_msdyn_unit_value', '_msdyn_unitgroup_value', '_msdyn_resourceorganizationalunitid_value']),
	matches: (record) => isTable(record, 'msdyn_expense'),
	toCanonical(record, context) {
		const problems: Problem[] = [];
		const currency = currencyOf(record, context, problems, true);
		const state = EXPENSE_TO_STATE[record.msdyn_expensestatus as number];
		if (!state) problems.push({ path: 'payload.msdyn_expensestatus', reason: `is not an expense status (got ${JSON.stringify(record.msdyn_expensestatus)})` });
		// A receipt with sales tax: its amount is the total with tax (msdyn_totalamount), the tax kept as its own amount.
		const tax = record.msdyn_salestaxamount ? money(record.msdyn_salestaxamount, currency) : undefined;
		const amount = money(tax ? record.msdyn_totalamount : record.msdyn_amount, currency);
		const date = dateIn(record.msdyn_transactiondate);
		const data = compact({
			number: externalIdOf(record),
			resource: lookupRef(record, 'msdyn_bookableresource', 'resource'),
			date,
			approvalState: state,
			status: labelOf(record, 'msdyn_expensestatus'),
			currency,
			total: amount,
			// One Project Operations expense is one line of the canonical report.
			lines: [
				compact({
					lineId: textOf(record.msdyn_expenseid),
					date,
					category: lookupRef(record, 'msdyn_expensecategory'),
					amount,
					taxAmount: tax,
					project: lookupRef(record, 'msdyn_project', 'project'),
					billable: true,
					memo: record.msdyn_name ?? undefined,
				}),
			],
			memo: record.msdyn_externaldescription ?? undefined,
		});
		return { data, source: sourceWithExternalId(record, 'msdyn_expenseid', problems), enterpriseId: xrefOf(record, 'expense'), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const lines = Array.isArray(data.lines) ? (data.lines as CanonicalData[]) : [];
		if (lines.length !== 1) problems.push({ path: 'expense.lines', reason: `has ${lines.length} lines; a ${VENDOR} expense is one line, so send one record per line` });
		const line = lines[0] ?? {};
		const record = compact({
			...identityOut(context, 'msdyn_expenseid'),
			msdyn_name: line.memo ?? data.memo ?? 'Expense',
			msdyn_transactiondate: line.date ?? data.date,
			msdyn_amount: numberOut(line.amount, 'expense.lines.0.amount', problems),
			msdyn_quantity: 1,
			msdyn_externaldescription: data.memo,
			...bindOut(data.resource, context, 'msdyn_bookableresource', 'bookableresources', 'expense.resource', problems),
			...bindOut(line.project, context, 'msdyn_project', 'msdyn_projects', 'expense.lines.0.project', problems),
			...externalIdOut(context),
		});
		return { record, problems };
	},
};

// ------------------------------------------------------------------------------------------------ billing

const MILESTONE_TO_STATUS: Record<number, string> = {
	[MILESTONE_INVOICE_STATUS.notReady]: 'planned',
	[MILESTONE_INVOICE_STATUS.ready]: 'approved',
	[MILESTONE_INVOICE_STATUS.invoiceCreated]: 'billed',
	[MILESTONE_INVOICE_STATUS.invoicePosted]: 'billed',
};

export const milestoneMapper: VendorMapper = {
	system: DATAVERSE,
	object: 'msdyn_contractlinescheduleofvalue',
	aliases: ['msdyn_contractlinescheduleofvalues', 'milestone'],
	entity: 'milestone',
	version: 1,
	knownFields: known(['msdyn_contractlinescheduleofvalueid', 'msdyn_name', 'msdyn_milestonedate', 'msdyn_amount', 'msdyn_amount_base', 'msdyn_invoicestatus', 'msdyn_description', '_msdyn_contractline_value', '_msdyn_project_value', '_msdyn_projecttask_value']),
	matches: (record) => isTable(record, 'msdyn_contractlinescheduleofvalue'),
	toCanonical(record, context) {
		const problems: Problem[] = [];
		const currency = currencyOf(record, context, problems, record.msdyn_amount !== undefined && record.msdyn_amount !== null);
		const status = MILESTONE_TO_STATUS[record.msdyn_invoicestatus as number];
		if (!status) problems.push({ path: 'payload.msdyn_invoicestatus', reason: `is not a milestone invoice status (got ${JSON.stringify(record.msdyn_invoicestatus)})` });
		const data = compact({
			name: record.msdyn_name,
			project: lookupRef(record, 'msdyn_project', 'project'),
			contract: lookupRef(record, 'msdyn_contractline'),
			task: lookupRef(record, 'msdyn_projecttask'),
			status,
			dueDate: dateIn(record.msdyn_milestonedate),
			amount: money(record.msdyn_amount, currency),
			description: record.msdyn_description ?? undefined,
		});
		return { data, source: sourceWithExternalId(record, 'msdyn_contractlinescheduleofvalueid', problems), enterpriseId: xrefOf(record, 'milestone'), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const status = String(data.status);
		if (status === 'billed' || status === 'cancelled') problems.push({ path: 'milestone.status', reason: `is ${status}; ${VENDOR} sets the invoice status of a milestone itself once it is invoiced` });
		const record = compact({
			...identityOut(context, 'msdyn_contractlinescheduleofvalueid'),
			msdyn_name: data.name,
			msdyn_milestonedate: data.dueDate,
			msdyn_amount: data.amount === undefined ? undefined : numberOut(data.amount, 'milestone.amount', problems),
			msdyn_description: data.description,
			msdyn_invoicestatus: status === 'approved' ? MILESTONE_INVOICE_STATUS.ready : MILESTONE_INVOICE_STATUS.notReady,
			...bindOut(data.contract, context, 'msdyn_contractline', 'salesorderdetails', 'milestone.contract', problems),
			...externalIdOut(context),
		});
		return { record, problems };
	},
};

const INVOICE_TO_STATUS: Record<number, string> = {
	[PROJECT_INVOICE_STATUS.draft]: 'draft',
	[PROJECT_INVOICE_STATUS.inReview]: 'pendingApproval',
	[PROJECT_INVOICE_STATUS.confirmed]: 'open',
	[PROJECT_INVOICE_STATUS.paid]: 'paid',
};

export const invoiceMapper: VendorMapper = {
	system: DATAVERSE,
	object: 'invoice',
	aliases: ['invoices', 'proformaInvoice'],
	entity: 'invoice',
	version: 1,
	knownFields: known(['invoiceid', 'name', 'invoicenumber', 'msdyn_projectinvoicestatus', 'msdyn_invoicedate', 'datedelivered', 'duedate', 'totalamount', 'totalamount_base', 'totaltax', 'totaltax_base', 'totallineitemamount', 'totallineitemamount_base', 'totaldiscountamount', 'description', '_salesorderid_value', '_customerid_value', '_pricelevelid_value', INVOICE_LINES]),
	matches: (record) => isTable(record, 'invoice') && 'msdyn_projectinvoicestatus' in record,
	toCanonical(record, context) {
		const problems: Problem[] = [];
		const currency = currencyOf(record, context, problems, true);
		const status = INVOICE_TO_STATUS[record.msdyn_projectinvoicestatus as number];
		if (!status) problems.push({ path: 'payload.msdyn_projectinvoicestatus', reason: `is not a project invoice status (got ${JSON.stringify(record.msdyn_projectinvoicestatus)})` });
		const details = Array.isArray(record[INVOICE_LINES]) ? (record[INVOICE_LINES] as unknown[]).filter(isPlainObject) : [];
		if (!Array.isArray(record[INVOICE_LINES])) problems.push({ path: `payload.${INVOICE_LINES}`, reason: 'is not there: read the invoice with its lines (the node does for Canonical output)' });
		const lines = details.map((line) =>
			compact({
				lineId: textOf(line.invoicedetailid),
				description: line.productdescription ?? undefined,
				quantity: decimalText(line.quantity),
				rate: money(line.priceperunit, currency),
				amount: money(line.extendedamount, currency),
				project: lookupRef(line, 'msdyn_project', 'project'),
			}),
		);
		let subtotal: Record<string, unknown> | undefined;
		if (currency) {
			try {
				const sum = lines.reduce((total, line) => total + toMinorUnits(line.amount as { amount: string; currency: string }), 0n);
				subtotal = { amount: fromMinorUnits(sum, currency), currency };
			} catch {
				problems.push({ path: `payload.${INVOICE_LINES}`, reason: 'has a line whose extendedamount is not an exact amount of the invoice currency' });
			}
		}
		const data = compact({
			number: record.invoicenumber ?? undefined,
			customer: lookupRef(record, 'customerid', 'customer'),
			contract: lookupRef(record, 'salesorderid', 'contract'),
			issueDate: dateIn(record.msdyn_invoicedate ?? record.datedelivered),
			dueDate: dateIn(record.duedate),
			status,
			currency,
			lines,
			subtotal,
			taxTotal: money(record.totaltax, currency),
			total: money(record.totalamount, currency),
			memo: record.description ?? undefined,
		});
		return { data, source: sourceOf(record, 'invoiceid', problems), enterpriseId: xrefOf(record, 'invoice'), problems };
	},
	fromCanonical: readOnlyMapping('invoice'),
};

export const projectOperationsMappers: readonly VendorMapper[] = [
	projectMapper,
	bookableResourceMapper,
	teamMemberMapper,
	resourceAssignmentMapper,
	resourceRequirementMapper,
	timeEntryMapper,
	expenseMapper,
	milestoneMapper,
	invoiceMapper,
];
