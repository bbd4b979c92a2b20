/**
 * The Project Operations tables the node offers: entity set, logical name, key and name columns, the
 * operations each supports (scheduling entities change only through the schedule API; actuals and proforma
 * invoices are read), and what a Canonical read of each needs.
 */
import type { PickerTable } from '../../Dataverse/methods/listSearch';

export type ProjectOperationsOperation =
	| 'get'
	| 'getMany'
	| 'create'
	| 'update'
	| 'upsert'
	| 'batchCreate'
	| 'applyWbsChanges'
	| 'replace'
	| 'submit'
	| 'approve'
	| 'markReady';

export interface ProjectOperationsTable extends PickerTable {
	label: string;
	plural: string;
	operations: ProjectOperationsOperation[];
	example: string;
	/** The canonical mapping of reads (nodes/Dynamics365ProjectOperations/canonical). */
	canonicalObject?: string;
	/** What a Canonical read expands: the currency of money, a project's tasks, an invoice's lines. */
	canonicalExpand?: string;
}

const CURRENCY = 'transactioncurrencyid($select=isocurrencycode)';

export const TABLES = {
	project: {
		label: 'Project', plural: 'projects', entitySet: 'msdyn_projects', logicalName: 'msdyn_project', idColumn: 'msdyn_projectid', nameColumn: 'msdyn_subject',
		operations: ['get', 'getMany', 'create', 'update'], example: '{"msdyn_subject": "Acme ERP rollout", "msdyn_scheduledstart": "2026-12-01T00:00:00Z"}',
		canonicalObject: 'msdyn_project', canonicalExpand: `msdyn_msdyn_project_msdyn_projecttask_project,${CURRENCY}`,
	},
	projectTask: {
		label: 'Project Task (WBS)', plural: 'project tasks', entitySet: 'msdyn_projecttasks', logicalName: 'msdyn_projecttask', idColumn: 'msdyn_projecttaskid', nameColumn: 'msdyn_subject',
		operations: ['get', 'getMany', 'applyWbsChanges'], example: '{"msdyn_subject": "Design", "msdyn_effort": 16, "msdyn_scheduledstart": "2026-12-01T00:00:00Z", "msdyn_scheduledend": "2026-12-05T00:00:00Z"}',
	},
	projectBucket: {
		label: 'Project Bucket', plural: 'project buckets', entitySet: 'msdyn_projectbuckets', logicalName: 'msdyn_projectbucket', idColumn: 'msdyn_projectbucketid', nameColumn: 'msdyn_name',
		operations: ['get', 'getMany'], example: '{"msdyn_name": "Phase 2"}',
	},
	teamMember: {
		label: 'Project Team Member', plural: 'team members', entitySet: 'msdyn_projectteams', logicalName: 'msdyn_projectteam', idColumn: 'msdyn_projectteamid', nameColumn: 'msdyn_name',
		operations: ['get', 'getMany', 'create'], example: '{"msdyn_name": "Priya Raman", "msdyn_from": "2026-12-01T00:00:00Z", "msdyn_to": "2027-03-31T00:00:00Z", "msdyn_hours": 240}',
		canonicalObject: 'msdyn_projectteam',
	},
	resourceAssignment: {
		label: 'Resource Assignment', plural: 'resource assignments', entitySet: 'msdyn_resourceassignments', logicalName: 'msdyn_resourceassignment', idColumn: 'msdyn_resourceassignmentid', nameColumn: 'msdyn_name',
		operations: ['get', 'getMany', 'replace'], example: '{"msdyn_name": "Priya on Design"}', canonicalObject: 'msdyn_resourceassignment',
	},
	bookableResource: {
		label: 'Bookable Resource', plural: 'bookable resources', entitySet: 'bookableresources', logicalName: 'bookableresource', idColumn: 'bookableresourceid', nameColumn: 'name',
		operations: ['get', 'getMany'], example: '{}', canonicalObject: 'bookableresource',
	},
	role: {
		label: 'Role', plural: 'roles', entitySet: 'bookableresourcecategories', logicalName: 'bookableresourcecategory', idColumn: 'bookableresourcecategoryid', nameColumn: 'name',
		operations: ['get', 'getMany'], example: '{}',
	},
	resourceRequirement: {
		label: 'Resource Requirement', plural: 'resource requirements', entitySet: 'msdyn_resourcerequirements', logicalName: 'msdyn_resourcerequirement', idColumn: 'msdyn_resourcerequirementid', nameColumn: 'msdyn_name',
		operations: ['get', 'getMany', 'create', 'update'], example: '{"msdyn_name": "Senior Consultant", "msdyn_fromdate": "2026-12-01T00:00:00Z", "msdyn_todate": "2027-03-31T00:00:00Z", "msdyn_duration": 14400}',
		canonicalObject: 'msdyn_resourcerequirement',
	},
	booking: {
		label: 'Resource Booking', plural: 'resource bookings', entitySet: 'bookableresourcebookings', logicalName: 'bookableresourcebooking', idColumn: 'bookableresourcebookingid', nameColumn: 'name',
		operations: ['get', 'getMany', 'create', 'update'], example: '{"name": "Priya on Acme", "starttime": "2026-12-01T09:00:00Z", "endtime": "2026-12-01T17:00:00Z", "bookingtype": 1}',
	},
	timeEntry: {
		label: 'Time Entry', plural: 'time entries', entitySet: 'msdyn_timeentries', logicalName: 'msdyn_timeentry', idColumn: 'msdyn_timeentryid', nameColumn: 'msdyn_description',
		operations: ['get', 'getMany', 'create', 'update', 'upsert', 'batchCreate', 'submit', 'approve'], example: '{"msdyn_date": "2026-12-01", "msdyn_duration": 450, "msdyn_description": "Workshop", "msdyn_type": 192350000}',
		canonicalObject: 'msdyn_timeentry',
	},
	expense: {
		label: 'Expense', plural: 'expenses', entitySet: 'msdyn_expenses', logicalName: 'msdyn_expense', idColumn: 'msdyn_expenseid', nameColumn: 'msdyn_name',
		operations: ['get', 'getMany', 'create', 'update', 'upsert', 'batchCreate', 'submit', 'approve'], example: '{"msdyn_name": "Flight", "msdyn_transactiondate": "2026-12-01", "msdyn_amount": 412.35}',
		canonicalObject: 'msdyn_expense', canonicalExpand: CURRENCY,
	},
	expenseCategory: {
		label: 'Expense Category', plural: 'expense categories', entitySet: 'msdyn_expensecategories', logicalName: 'msdyn_expensecategory', idColumn: 'msdyn_expensecategoryid', nameColumn: 'msdyn_name',
		operations: ['get', 'getMany'], example: '{}',
	},
	projectContract: {
		label: 'Project Contract', plural: 'project contracts', entitySet: 'salesorders', logicalName: 'salesorder', idColumn: 'salesorderid', nameColumn: 'name',
		operations: ['get', 'getMany', 'create', 'update'], example: '{"name": "Acme ERP rollout contract", "msdyn_ordertype": 192350001}',
	},
	contractLine: {
		label: 'Project Contract Line', plural: 'project contract lines', entitySet: 'salesorderdetails', logicalName: 'salesorderdetail', idColumn: 'salesorderdetailid', nameColumn: 'productdescription',
		operations: ['get', 'getMany', 'create', 'update'], example: '{"productdescription": "Implementation", "msdyn_billingmethod": 192350000}',
	},
	milestone: {
		label: 'Contract Line Milestone', plural: 'milestones', entitySet: 'msdyn_contractlinescheduleofvalues', logicalName: 'msdyn_contractlinescheduleofvalue', idColumn: 'msdyn_contractlinescheduleofvalueid', nameColumn: 'msdyn_name',
		operations: ['get', 'getMany', 'create', 'update', 'markReady'], example: '{"msdyn_name": "Go-live sign-off", "msdyn_milestonedate": "2027-03-31", "msdyn_amount": 25000}',
		canonicalObject: 'msdyn_contractlinescheduleofvalue', canonicalExpand: CURRENCY,
	},
	actual: {
		label: 'Actual', plural: 'actuals', entitySet: 'msdyn_actuals', logicalName: 'msdyn_actual', idColumn: 'msdyn_actualid', nameColumn: 'msdyn_description',
		operations: ['get', 'getMany'], example: '{}',
	},
	invoice: {
		label: 'Proforma Invoice', plural: 'proforma invoices', entitySet: 'invoices', logicalName: 'invoice', idColumn: 'invoiceid', nameColumn: 'name',
		operations: ['get', 'getMany'], example: '{}', canonicalObject: 'invoice', canonicalExpand: `invoice_details,${CURRENCY}`,
	},
} satisfies Record<string, ProjectOperationsTable>;

export type ProjectOperationsTableName = keyof typeof TABLES;

export function tableOf(name: string): ProjectOperationsTable {
	const table = (TABLES as Record<string, ProjectOperationsTable>)[name];
	if (!table) throw new Error(`Unknown resource "${name}"`);
	return table;
}

export function tablesWith(operation: ProjectOperationsOperation): ProjectOperationsTableName[] {
	return (Object.keys(TABLES) as ProjectOperationsTableName[]).filter((name) => (TABLES[name] as ProjectOperationsTable).operations.includes(operation));
}

/** Option-set values the node writes or filters on (from the CDM entity definitions). */
export const ENTRY_STATUS_APPROVED = 192350002;
export const EXPENSE_STATUS_APPROVED = 192350002;
export const APPROVAL_STAGE_SUBMITTED = 0;
export const MILESTONE_READY_FOR_INVOICING = 192350001;
/** msdyn_operationset.msdyn_status (sandbox reading of the option set; README). */
export const OPERATION_SET_STATUS = { open: 192350000, pending: 192350001, processing: 192350002, completed: 192350003, failed: 192350004, abandoned: 192350005 } as const;
