/**
 * The Kantata OX (API v1) collections the sandbox serves: which attributes a record returns, which a create
 * and an update accept, which are required (presence validations), which foreign keys must point at an
 * existing record, the `subject_type` (Rails model name) external references and events use, bulk limits and
 * the filters each collection honours. Written from Kantata's published resource specification; a spec test
 * (test/kantata/spec.test.ts) compares every line here with it.
 */

export interface CollectionDef {
	/** The top-level key and path: `time_entries`. */
	name: string;
	/** The request body key of one record: `time_entry`. */
	singular: string;
	/** Rails model name, used as `subject_type` in external references and events. */
	model: string;
	attributes: string[];
	createAttributes: string[];
	updateAttributes: string[];
	/** Presence validations on create. */
	required: string[];
	/** Foreign key → collection it points at, checked on create and update. */
	references: Record<string, string>;
	/** Association name → [foreign key, collection], for `include`. */
	includes: Record<string, [string, string]>;
	/** Records per bulk create (`{"<name>": [...]}`); undefined when the collection has none. */
	bulkCreateLimit?: number;
	/** Records per bulk delete (`DELETE /<name>.json?ids=`), all-or-nothing. */
	bulkDeleteLimit?: number;
	deletable: boolean;
	/** Read-only through the API (users are invited, not created). */
	readOnly?: boolean;
	/** Equality filters taken from the query string: parameter → attribute. */
	filters: Record<string, string>;
	/** Attribute `search=` matches (case-insensitive substring). */
	searchField?: string;
	/** Enumerations checked on write. */
	enums?: Record<string, string[]>;
}

const EXTERNAL_REFS: [string, string] = ['external_reference_ids', 'external_references'];

export const COLLECTIONS: CollectionDef[] = [
	{
		name: 'workspaces',
		singular: 'workspace',
		model: 'Workspace',
		attributes: ['id', 'title', 'archived', 'description', 'due_date', 'budgeted', 'updated_at', 'created_at', 'price', 'price_in_cents', 'currency', 'currency_base_unit', 'start_date', 'status_key', 'rate_card_id', 'percentage_complete', 'creator_id', 'primary_workspace_group_id', 'workspace_group_ids', 'external_reference_ids'],
		createAttributes: ['title', 'creator_role', 'budgeted', 'price', 'currency', 'start_date', 'due_date', 'description', 'workspace_group_ids', 'rate_card_id', 'status_key', 'external_reference'],
		updateAttributes: ['title', 'budgeted', 'price', 'currency', 'start_date', 'due_date', 'description', 'workspace_group_ids', 'rate_card_id', 'status_key', 'archived', 'external_reference'],
		required: ['title', 'creator_role'],
		references: { rate_card_id: 'rate_cards' },
		includes: { workspace_groups: ['workspace_group_ids', 'workspace_groups'], creator: ['creator_id', 'users'], external_references: EXTERNAL_REFS },
		deletable: true,
		filters: { workspace_group_id: 'workspace_group_ids' },
		searchField: 'title',
		enums: { creator_role: ['maven', 'buyer'] },
	},
	{
		name: 'workspace_groups',
		singular: 'workspace_group',
		model: 'WorkspaceGroup',
		attributes: ['id', 'name', 'company', 'contact_name', 'email', 'phone_number', 'website', 'notes', 'created_at', 'updated_at', 'workspace_ids', 'external_reference_ids'],
		createAttributes: ['name', 'company', 'add_workspace_ids', 'contact_name', 'email', 'phone_number', 'website', 'notes', 'external_reference'],
		updateAttributes: ['name', 'company', 'add_workspace_ids', 'remove_workspace_ids', 'contact_name', 'email', 'phone_number', 'website', 'notes', 'external_reference'],
		required: ['name'],
		references: {},
		includes: { workspaces: ['workspace_ids', 'workspaces'], external_references: EXTERNAL_REFS },
		deletable: true,
		filters: {},
		searchField: 'name',
	},
	{
		name: 'stories',
		singular: 'story',
		model: 'Story',
		attributes: ['id', 'title', 'description', 'story_type', 'workspace_id', 'parent_id', 'start_date', 'due_date', 'state', 'budget_estimate_in_cents', 'time_estimate_in_minutes', 'billable', 'fixed_fee', 'percentage_complete', 'created_at', 'updated_at', 'assignee_ids', 'external_reference_ids'],
		createAttributes: ['title', 'story_type', 'workspace_id', 'description', 'parent_id', 'start_date', 'due_date', 'assignee_ids', 'budget_estimate_in_cents', 'time_estimate_in_minutes', 'billable', 'percentage_complete', 'state', 'fixed_fee', 'external_reference'],
		updateAttributes: ['title', 'story_type', 'description', 'parent_id', 'start_date', 'due_date', 'assignee_ids', 'budget_estimate_in_cents', 'time_estimate_in_minutes', 'billable', 'percentage_complete', 'state', 'fixed_fee', 'external_reference'],
		required: ['title', 'story_type', 'workspace_id'],
		references: { workspace_id: 'workspaces', parent_id: 'stories' },
		includes: { workspace: ['workspace_id', 'workspaces'], parent: ['parent_id', 'stories'], external_references: EXTERNAL_REFS },
		bulkCreateLimit: 300,
		deletable: true,
		filters: { workspace_id: 'workspace_id', parent_id: 'parent_id', story_type: 'story_type' },
		searchField: 'title',
		enums: { story_type: ['task', 'deliverable', 'milestone', 'issue'], state: ['not started', 'started', 'completed'] },
	},
	{
		name: 'users',
		singular: 'user',
		model: 'User',
		attributes: ['id', 'full_name', 'email_address', 'headline', 'disabled', 'account_id', 'role_id', 'external_reference_ids'],
		createAttributes: [],
		updateAttributes: ['full_name', 'headline', 'email_address', 'external_reference'],
		required: [],
		references: {},
		includes: { external_references: EXTERNAL_REFS },
		deletable: false,
		readOnly: true,
		filters: {},
		searchField: 'full_name',
	},
	{
		name: 'participations',
		singular: 'participation',
		model: 'Participation',
		attributes: ['id', 'role', 'rate_in_cents', 'cost_in_cents', 'user_id', 'workspace_id', 'external_reference_ids'],
		createAttributes: ['workspace_id', 'role', 'user_id', 'external_reference'],
		updateAttributes: ['cost_in_cents', 'rate_in_cents', 'external_reference'],
		required: ['workspace_id', 'user_id', 'role'],
		references: { workspace_id: 'workspaces', user_id: 'users' },
		includes: { user: ['user_id', 'users'], workspace: ['workspace_id', 'workspaces'], external_references: EXTERNAL_REFS },
		deletable: true,
		filters: { workspace_id: 'workspace_id', user_id: 'user_id' },
		enums: { role: ['maven', 'buyer'] },
	},
	{
		name: 'workspace_resources',
		singular: 'workspace_resource',
		model: 'WorkspaceResource',
		attributes: ['id', 'label', 'workspace_id', 'user_id', 'role_id', 'created_at', 'updated_at', 'external_reference_ids'],
		createAttributes: ['workspace_id', 'user_id', 'role_id', 'external_reference'],
		updateAttributes: ['label', 'user_id', 'role_id', 'external_reference'],
		required: ['workspace_id'],
		references: { workspace_id: 'workspaces', user_id: 'users' },
		includes: { user: ['user_id', 'users'], workspace: ['workspace_id', 'workspaces'], external_references: EXTERNAL_REFS },
		deletable: true,
		filters: { workspace_id: 'workspace_id', user_id: 'user_id' },
	},
	{
		name: 'workspace_allocations',
		singular: 'workspace_allocation',
		model: 'WorkspaceAllocation',
		attributes: ['id', 'start_date', 'end_date', 'hard', 'minutes', 'notes', 'created_at', 'updated_at', 'workspace_resource_id', 'workspace_id', 'external_reference_ids'],
		createAttributes: ['resource_id', 'start_date', 'end_date', 'minutes', 'hard', 'notes', 'external_reference'],
		updateAttributes: ['start_date', 'end_date', 'minutes', 'hard', 'notes', 'external_reference'],
		required: ['resource_id', 'start_date', 'end_date', 'minutes'],
		references: { resource_id: 'workspace_resources' },
		includes: { workspace_resource: ['workspace_resource_id', 'workspace_resources'], workspace: ['workspace_id', 'workspaces'], external_references: EXTERNAL_REFS },
		bulkCreateLimit: 200,
		deletable: true,
		filters: { workspace_id: 'workspace_id', resource_id: 'workspace_resource_id' },
	},
	{
		name: 'resource_requests',
		singular: 'resource_request',
		model: 'ResourceRequest',
		attributes: ['id', 'status', 'created_at', 'resource_id', 'creator_id', 'approver_ids'],
		createAttributes: ['resource_id', 'approver_ids', 'workspace_allocation_start_date', 'workspace_allocation_end_date', 'workspace_allocation_percentage'],
		updateAttributes: ['request_resolution_status'],
		required: ['resource_id', 'approver_ids'],
		references: { resource_id: 'workspace_resources' },
		includes: { resource: ['resource_id', 'workspace_resources'], approvers: ['approver_ids', 'users'] },
		deletable: true,
		filters: { resource_id: 'resource_id' },
	},
	{
		name: 'time_entries',
		singular: 'time_entry',
		model: 'TimeEntry',
		attributes: ['id', 'created_at', 'updated_at', 'date_performed', 'story_id', 'time_in_minutes', 'billable', 'notes', 'rate_in_cents', 'cost_rate_in_cents', 'currency', 'currency_base_unit', 'workspace_id', 'user_id', 'approved', 'role_id', 'location', 'is_invoiced', 'active_submission_id', 'recent_submission_id', 'invoice_id', 'external_reference_ids'],
		createAttributes: ['workspace_id', 'date_performed', 'time_in_minutes', 'billable', 'notes', 'rate_in_cents', 'cost_rate_in_cents', 'role_id', 'story_id', 'user_id', 'external_reference', 'location'],
		updateAttributes: ['workspace_id', 'date_performed', 'time_in_minutes', 'billable', 'notes', 'rate_in_cents', 'cost_rate_in_cents', 'role_id', 'story_id', 'user_id', 'external_reference', 'location'],
		required: ['workspace_id', 'date_performed', 'time_in_minutes'],
		references: { workspace_id: 'workspaces', story_id: 'stories', user_id: 'users' },
		includes: { workspace: ['workspace_id', 'workspaces'], user: ['user_id', 'users'], story: ['story_id', 'stories'], external_references: EXTERNAL_REFS },
		bulkCreateLimit: 100,
		bulkDeleteLimit: 100,
		deletable: true,
		filters: { workspace_id: 'workspace_id', user_id: 'user_id', story_id: 'story_id' },
	},
	{
		name: 'timesheet_submissions',
		singular: 'timesheet_submission',
		model: 'TimesheetSubmission',
		attributes: ['id', 'start_date', 'end_date', 'created_at', 'updated_at', 'status', 'title', 'comment', 'resolution_description', 'time_entry_ids', 'user_id', 'workspace_id'],
		createAttributes: ['title', 'comment', 'workspace_id', 'user_id', 'line_item_ids', 'external_reference'],
		updateAttributes: [],
		required: ['workspace_id', 'line_item_ids'],
		references: { workspace_id: 'workspaces', user_id: 'users' },
		includes: { user: ['user_id', 'users'], workspace: ['workspace_id', 'workspaces'], time_entries: ['time_entry_ids', 'time_entries'] },
		deletable: false,
		filters: { workspace_id: 'workspace_id', user_id: 'user_id', status: 'status' },
	},
	{
		name: 'expenses',
		singular: 'expense',
		model: 'Expense',
		attributes: ['id', 'created_at', 'updated_at', 'date', 'notes', 'category', 'amount_in_cents', 'currency', 'currency_base_unit', 'is_invoiced', 'is_billable', 'reimbursable', 'workspace_id', 'user_id', 'story_id', 'expense_category_id', 'active_submission_id', 'recent_submission_id', 'external_reference_ids'],
		createAttributes: ['workspace_id', 'date', 'category', 'amount_in_cents', 'notes', 'user_id', 'billable', 'story_id', 'expense_category_id', 'reimbursable', 'external_reference'],
		updateAttributes: ['date', 'category', 'amount_in_cents', 'notes', 'user_id', 'billable', 'story_id', 'expense_category_id', 'external_reference'],
		required: ['workspace_id', 'date', 'category', 'amount_in_cents'],
		references: { workspace_id: 'workspaces', story_id: 'stories', user_id: 'users' },
		includes: { workspace: ['workspace_id', 'workspaces'], user: ['user_id', 'users'], external_references: EXTERNAL_REFS },
		bulkCreateLimit: 100,
		deletable: true,
		filters: { workspace_id: 'workspace_id', user_id: 'user_id' },
	},
	{
		name: 'expense_report_submissions',
		singular: 'expense_report_submission',
		model: 'ExpenseReportSubmission',
		attributes: ['id', 'created_at', 'updated_at', 'status', 'title', 'comment', 'resolution_description', 'user_id', 'workspace_id', 'expense_ids'],
		createAttributes: ['title', 'comment', 'workspace_id', 'user_id', 'line_item_ids'],
		updateAttributes: [],
		required: ['workspace_id', 'line_item_ids'],
		references: { workspace_id: 'workspaces', user_id: 'users' },
		includes: { user: ['user_id', 'users'], workspace: ['workspace_id', 'workspaces'], expenses: ['expense_ids', 'expenses'] },
		deletable: false,
		filters: { workspace_id: 'workspace_id', user_id: 'user_id', status: 'status' },
	},
	{
		name: 'invoices',
		singular: 'invoice',
		model: 'Invoice',
		attributes: ['id', 'created_at', 'updated_at', 'invoice_date', 'due_date', 'message', 'title', 'draft', 'status', 'balance_in_cents', 'currency', 'currency_base_unit', 'payment_schedule', 'workspace_ids', 'user_invoice_number', 'purchase_order', 'time_entry_ids', 'fixed_fee_item_ids', 'expense_ids', 'additional_item_ids', 'billing_milestone_ids', 'external_reference_ids'],
		createAttributes: ['time_entry_ids', 'expense_ids', 'workspace_id', 'payment_schedule', 'invoice_date', 'user_invoice_number', 'draft', 'message', 'purchase_order', 'fixed_fee_items', 'additional_items', 'external_reference', 'workspace_ids', 'billing_milestone_ids'],
		updateAttributes: ['payment_schedule', 'invoice_date', 'user_invoice_number', 'draft', 'message', 'purchase_order', 'external_reference'],
		required: ['workspace_id', 'payment_schedule'],
		references: { workspace_id: 'workspaces' },
		includes: { time_entries: ['time_entry_ids', 'time_entries'], expenses: ['expense_ids', 'expenses'], workspaces: ['workspace_ids', 'workspaces'], external_references: EXTERNAL_REFS },
		deletable: true,
		filters: { workspace_id: 'workspace_ids' },
	},
	{
		name: 'rate_cards',
		singular: 'rate_card',
		model: 'RateCard',
		attributes: ['id', 'currency', 'rate_card_set_id', 'external_reference_ids'],
		createAttributes: ['rate_card_set_id', 'currency'],
		updateAttributes: ['currency'],
		required: ['currency'],
		references: {},
		includes: { external_references: EXTERNAL_REFS },
		deletable: false,
		filters: {},
	},
	{
		name: 'external_references',
		singular: 'external_reference',
		model: 'ExternalReference',
		attributes: ['id', 'service_name', 'service_model', 'service_model_ref', 'subject_id', 'subject_type', 'status', 'external_link', 'external_message', 'external_status', 'locked', 'created_at', 'updated_at'],
		createAttributes: ['service_name', 'service_model', 'service_model_ref', 'subject_id', 'subject_type', 'status', 'external_link', 'external_message', 'external_status', 'locked'],
		updateAttributes: ['service_name', 'service_model', 'service_model_ref', 'status', 'external_link', 'external_message', 'external_status', 'locked'],
		required: ['service_model_ref', 'service_model', 'service_name', 'subject_id', 'subject_type'],
		references: {},
		includes: {},
		deletable: true,
		filters: { service_name: 'service_name', service_model: 'service_model', subject_type: 'subject_type', subject_id: 'subject_id' },
		enums: { status: ['successful', 'pending', 'failed'] },
	},
	{
		name: 'custom_field_values',
		singular: 'custom_field_value',
		model: 'CustomFieldValue',
		attributes: ['id', 'subject_type', 'subject_id', 'value', 'display_value', 'type', 'custom_field_id', 'custom_field_name', 'created_at', 'updated_at'],
		createAttributes: ['subject_type', 'subject_id', 'custom_field_id', 'value'],
		updateAttributes: ['value'],
		required: ['subject_type', 'subject_id', 'custom_field_id', 'value'],
		references: {},
		includes: {},
		deletable: true,
		filters: { subject_type: 'subject_type', subject_id: 'subject_id', custom_field_id: 'custom_field_id' },
	},
	{
		name: 'subscribed_events',
		singular: 'subscribed_event',
		model: 'SubscribedEvent',
		attributes: ['id', 'event_type', 'account_id', 'user_id', 'subject_id', 'subject_type', 'subject_changed_at', 'payload', 'created_at', 'updated_at', 'subject_ref'],
		createAttributes: [],
		updateAttributes: [],
		required: [],
		references: {},
		includes: {},
		deletable: false,
		readOnly: true,
		filters: {},
	},
];

export function collectionDef(name: string): CollectionDef | undefined {
	return COLLECTIONS.find((c) => c.name === name);
}

export function collectionOfModel(model: string): CollectionDef | undefined {
	return COLLECTIONS.find((c) => c.model === model);
}
