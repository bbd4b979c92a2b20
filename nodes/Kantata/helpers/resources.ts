/**
 * The Kantata OX collections the node offers, as one table: path, body keys, Rails model (the `subject_type`
 * of external references and events), which operations each supports, its bulk limits, its list filters, its
 * includes, and the canonical mapping its reads go through.
 */
export type KantataOperation =
	| 'get'
	| 'getMany'
	| 'create'
	| 'update'
	| 'delete'
	| 'upsert'
	| 'bulkCreate'
	| 'bulkDelete'
	| 'approve'
	| 'reject'
	| 'cancel';

export type ListFilter = 'workspaceId' | 'userId' | 'updatedAfter' | 'approved' | 'uninvoiced' | 'datePerformedBetween' | 'billable' | 'search' | 'eventTypes' | 'createdAfter' | 'subjectType';

export interface KantataResource {
	label: string;
	plural: string;
	collection: string;
	singular: string;
	model: string;
	operations: KantataOperation[];
	bulkCreateLimit?: number;
	bulkDeleteLimit?: number;
	filters: ListFilter[];
	includes: string[];
	/** Attributes Kantata takes on create only: left out when Create or Update updates a found record. */
	createOnly?: string[];
	/** Associations Canonical output reads along, because the mapping needs them. */
	canonicalIncludes?: string[];
	/** The object name of its canonical mapping (nodes/Kantata/canonical). */
	canonicalObject?: string;
}

const READ: KantataOperation[] = ['get', 'getMany'];
const WRITE: KantataOperation[] = ['create', 'update', 'delete'];

export const RESOURCES = {
	workspace: { label: 'Workspace (Project)', plural: 'workspaces', collection: 'workspaces', singular: 'workspace', model: 'Workspace', operations: [...READ, ...WRITE, 'upsert'], filters: ['updatedAfter', 'search'], includes: ['workspace_groups', 'creator', 'external_references'], createOnly: ['creator_role', 'currency'], canonicalObject: 'workspace' },
	workspaceGroup: { label: 'Workspace Group (Client)', plural: 'workspace groups', collection: 'workspace_groups', singular: 'workspace_group', model: 'WorkspaceGroup', operations: [...READ, ...WRITE, 'upsert'], filters: ['updatedAfter', 'search'], includes: ['workspaces', 'external_references'], canonicalObject: 'workspace_group' },
	story: { label: 'Story (Task, Milestone, Deliverable)', plural: 'stories', collection: 'stories', singular: 'story', model: 'Story', operations: [...READ, ...WRITE, 'upsert', 'bulkCreate'], bulkCreateLimit: 300, filters: ['workspaceId', 'updatedAfter', 'search'], includes: ['workspace', 'parent', 'external_references'], createOnly: ['workspace_id'], canonicalObject: 'story', canonicalIncludes: [] },
	user: { label: 'User', plural: 'users', collection: 'users', singular: 'user', model: 'User', operations: [...READ], filters: ['search'], includes: ['external_references'], canonicalObject: 'user' },
	participation: { label: 'Participation', plural: 'participations', collection: 'participations', singular: 'participation', model: 'Participation', operations: [...READ, ...WRITE], filters: ['workspaceId', 'userId'], includes: ['user', 'workspace'] },
	workspaceResource: { label: 'Workspace Resource', plural: 'workspace resources', collection: 'workspace_resources', singular: 'workspace_resource', model: 'WorkspaceResource', operations: [...READ, ...WRITE, 'upsert'], filters: ['workspaceId', 'userId'], includes: ['user', 'workspace', 'external_references'], createOnly: ['workspace_id'] },
	workspaceAllocation: { label: 'Workspace Allocation', plural: 'workspace allocations', collection: 'workspace_allocations', singular: 'workspace_allocation', model: 'WorkspaceAllocation', operations: [...READ, ...WRITE, 'bulkCreate'], bulkCreateLimit: 200, filters: ['workspaceId', 'updatedAfter'], includes: ['workspace_resource', 'workspace'], canonicalObject: 'workspace_allocation', canonicalIncludes: ['workspace_resource'] },
	resourceRequest: { label: 'Resource Request', plural: 'resource requests', collection: 'resource_requests', singular: 'resource_request', model: 'ResourceRequest', operations: [...READ, 'create', 'update'], filters: [], includes: ['resource', 'approvers'], canonicalObject: 'resource_request', canonicalIncludes: ['resource'] },
	timeEntry: { label: 'Time Entry', plural: 'time entries', collection: 'time_entries', singular: 'time_entry', model: 'TimeEntry', operations: [...READ, ...WRITE, 'upsert', 'bulkCreate', 'bulkDelete'], bulkCreateLimit: 100, bulkDeleteLimit: 100, filters: ['workspaceId', 'userId', 'updatedAfter', 'approved', 'uninvoiced', 'billable', 'datePerformedBetween'], includes: ['workspace', 'user', 'story', 'external_references'], canonicalObject: 'time_entry' },
	timesheetSubmission: { label: 'Timesheet Submission', plural: 'timesheet submissions', collection: 'timesheet_submissions', singular: 'timesheet_submission', model: 'TimesheetSubmission', operations: [...READ, 'create', 'approve', 'reject', 'cancel'], filters: ['workspaceId', 'userId', 'updatedAfter'], includes: ['user', 'workspace', 'time_entries'] },
	expense: { label: 'Expense', plural: 'expenses', collection: 'expenses', singular: 'expense', model: 'Expense', operations: [...READ, ...WRITE, 'upsert', 'bulkCreate'], bulkCreateLimit: 100, filters: ['workspaceId', 'userId', 'updatedAfter', 'approved', 'uninvoiced'], includes: ['workspace', 'user', 'external_references'], createOnly: ['workspace_id', 'reimbursable'], canonicalObject: 'expense' },
	expenseReportSubmission: { label: 'Expense Report Submission', plural: 'expense report submissions', collection: 'expense_report_submissions', singular: 'expense_report_submission', model: 'ExpenseReportSubmission', operations: [...READ, 'create', 'approve', 'reject'], filters: ['workspaceId', 'userId', 'updatedAfter'], includes: ['user', 'workspace', 'expenses'] },
	invoice: { label: 'Invoice', plural: 'invoices', collection: 'invoices', singular: 'invoice', model: 'Invoice', operations: [...READ, 'create', 'update', 'upsert', 'cancel'], filters: ['workspaceId', 'updatedAfter'], includes: ['time_entries', 'expenses', 'workspaces', 'external_references'], createOnly: ['time_entry_ids', 'expense_ids', 'workspace_id', 'workspace_ids', 'fixed_fee_items', 'additional_items', 'billing_milestone_ids'], canonicalObject: 'invoice', canonicalIncludes: ['time_entries', 'expenses', 'workspaces'] },
	rateCard: { label: 'Rate Card', plural: 'rate cards', collection: 'rate_cards', singular: 'rate_card', model: 'RateCard', operations: [...READ], filters: [], includes: ['external_references'] },
	externalReference: { label: 'External Reference', plural: 'external references', collection: 'external_references', singular: 'external_reference', model: 'ExternalReference', operations: [...READ, ...WRITE], filters: [], includes: [] },
	customFieldValue: { label: 'Custom Field Value', plural: 'custom field values', collection: 'custom_field_values', singular: 'custom_field_value', model: 'CustomFieldValue', operations: [...READ, ...WRITE], filters: ['subjectType'], includes: [] },
	event: { label: 'Event (Account Feed)', plural: 'events', collection: 'subscribed_events', singular: 'subscribed_event', model: 'SubscribedEvent', operations: ['getMany'], filters: ['createdAfter', 'eventTypes'], includes: [] },
} satisfies Record<string, KantataResource>;

export type KantataResourceName = keyof typeof RESOURCES;

export function resourceOf(name: string): KantataResource {
	const resource = (RESOURCES as Record<string, KantataResource>)[name];
	if (!resource) throw new Error(`Unknown resource "${name}"`);
	return resource;
}

export function resourcesWith(operation: KantataOperation): KantataResourceName[] {
	return (Object.keys(RESOURCES) as KantataResourceName[]).filter((name) => (RESOURCES[name] as KantataResource).operations.includes(operation));
}

export function resourcesWithFilter(filter: ListFilter): KantataResourceName[] {
	return (Object.keys(RESOURCES) as KantataResourceName[]).filter((name) => (RESOURCES[name] as KantataResource).filters.includes(filter));
}
