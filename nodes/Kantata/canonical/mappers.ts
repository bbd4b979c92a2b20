/**
 * Kantata OX records ⇄ canonical entities: workspace group → customer, workspace (with its stories as the
 * WBS) → project, user → resource, workspace allocation → assignment, resource request → resource request,
 * time entry → time entry, expense → expense. Money from integer cents and hours from whole minutes, exactly.
 */
import type { CanonicalData, Problem, VendorMapper, VendorRecord } from '../../../lib/canonical';
import { compact, isPlainObject, textOf } from '../../../lib/canonical';

import { KANTATA, centsFromMoney, externalReferenceOut, hoursFromMinutes, ktRef, ktRefOut, minutesFromHours, moneyFromCents, sourceOf } from './common';

const ENVELOPE_FIELDS = ['id', 'created_at', 'updated_at', 'external_reference_ids', 'included'];

function hasKeys(record: VendorRecord, keys: string[]): boolean {
	return keys.every((key) => key in record);
}

export const workspaceGroupMapper: VendorMapper = {
	system: KANTATA,
	object: 'workspace_group',
	aliases: ['workspaceGroup', 'workspace_groups'],
	entity: 'customer',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'name', 'company', 'contact_name', 'email', 'phone_number', 'address', 'website', 'notes', 'workspace_ids', 'custom_field_value_ids'],
	matches: (record) => hasKeys(record, ['name', 'company']) && !('title' in record),
	toCanonical(record) {
		const problems: Problem[] = [];
		const data = compact({
			name: record.name,
			status: 'active',
			kind: record.company === false ? 'individual' : 'company',
			email: record.email ?? undefined,
			phone: record.phone_number ?? undefined,
			website: record.website ?? undefined,
			description: record.notes ?? undefined,
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const record = compact({
			name: data.name,
			company: data.kind !== 'individual',
			email: data.email,
			phone_number: data.phone,
			website: data.website,
			notes: data.description,
			external_reference: externalReferenceOut('customer', context),
		});
		return { record, problems: [] };
	},
};

const STATE_TO_STATUS: Record<string, string> = { 'not started': 'notStarted', started: 'inProgress', completed: 'complete' };
const STATUS_TO_STATE: Record<string, string> = { notStarted: 'not started', inProgress: 'started', complete: 'completed' };

function storyAsTask(story: VendorRecord, index: number, problems: Problem[]): CanonicalData {
	return compact({
		taskId: textOf(story.id),
		name: story.title,
		parentTaskId: textOf(story.parent_id),
		status: STATE_TO_STATUS[String(story.state)] ?? undefined,
		startDate: story.start_date ?? undefined,
		endDate: story.due_date ?? undefined,
		plannedHours: hoursFromMinutes(story.time_estimate_in_minutes, `payload.stories.${index}.time_estimate_in_minutes`, problems),
		billable: typeof story.billable === 'boolean' ? story.billable : undefined,
		percentComplete: story.percentage_complete === null || story.percentage_complete === undefined ? undefined : String(story.percentage_complete),
		isMilestone: story.story_type === 'milestone',
	});
}

export const workspaceMapper: VendorMapper = {
	system: KANTATA,
	object: 'workspace',
	aliases: ['workspaces', 'project'],
	entity: 'project',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'title', 'archived', 'description', 'due_date', 'budgeted', 'price_in_cents', 'price', 'currency', 'currency_base_unit', 'currency_symbol', 'start_date', 'status_key', 'status', 'rate_card_id', 'percentage_complete', 'creator_id', 'primary_workspace_group_id', 'workspace_group_ids', 'stories', 'account_id', 'effective_due_date'],
	matches: (record) => hasKeys(record, ['title', 'archived']) && !('story_type' in record),
	toCanonical(record) {
		const problems: Problem[] = [];
		const stories = Array.isArray(record.stories) ? (record.stories as VendorRecord[]) : [];
		const revenue = moneyFromCents(record.price_in_cents, record.currency, record.currency_base_unit, 'payload.price_in_cents', problems);
		const groupId = record.primary_workspace_group_id ?? (Array.isArray(record.workspace_group_ids) ? record.workspace_group_ids[0] : undefined);
		const data = compact({
			name: record.title,
			customer: ktRef(groupId),
			status: record.archived === true ? 'closed' : 'active',
			currency: record.currency ?? undefined,
			startDate: record.start_date ?? undefined,
			endDate: record.due_date ?? undefined,
			budget: revenue ? { revenue } : undefined,
			percentComplete: record.percentage_complete === null || record.percentage_complete === undefined ? undefined : String(record.percentage_complete),
			description: record.description ?? undefined,
			tasks: stories.map((story, index) => storyAsTask(story, index, problems)),
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const revenue = isPlainObject(data.budget) ? data.budget.revenue : undefined;
		const customer = ktRefOut(data.customer, context, 'project.customer', problems);
		const record = compact({
			title: data.name,
			creator_role: 'maven',
			description: data.description,
			start_date: data.startDate,
			due_date: data.endDate,
			currency: data.currency,
			budgeted: revenue !== undefined ? true : undefined,
			// Kantata takes the budget as `price` in currency units and returns it in cents; sent as the exact decimal text.
			price: centsFromMoney(revenue, 'project.budget.revenue', problems) !== undefined && isPlainObject(revenue) ? String(revenue.amount) : undefined,
			workspace_group_ids: customer ? [customer] : undefined,
			external_reference: externalReferenceOut('project', context),
		});
		// The WBS goes to /stories once the workspace exists: each task as a story of this shape.
		const tasks = Array.isArray(data.tasks) ? (data.tasks as CanonicalData[]) : [];
		const stories = tasks.map((task, index) =>
			compact({
				title: task.name,
				story_type: task.isMilestone ? 'milestone' : 'task',
				start_date: task.startDate,
				due_date: task.endDate,
				state: STATUS_TO_STATE[String(task.status)],
				billable: task.billable,
				time_estimate_in_minutes: minutesFromHours(task.plannedHours, `project.tasks.${index}.plannedHours`, problems),
				external_reference: context.sourceSystem === KANTATA ? undefined : { service_name: context.sourceSystem, service_model: 'task', service_model_ref: String(task.taskId) },
			}),
		);
		return { record: { ...record, ...(stories.length ? { stories } : {}) }, problems };
	},
};

export const userMapper: VendorMapper = {
	system: KANTATA,
	object: 'user',
	aliases: ['users'],
	entity: 'resource',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'full_name', 'photo_path', 'email_address', 'headline', 'disabled', 'account_id', 'role_id', 'account_permission', 'custom_field_value_ids', 'account_membership_id'],
	matches: (record) => hasKeys(record, ['full_name', 'email_address']),
	toCanonical(record) {
		const problems: Problem[] = [];
		const data = compact({
			name: { display: record.full_name },
			email: record.email_address ?? undefined,
			title: record.headline ?? undefined,
			employmentStatus: record.disabled === true ? 'inactive' : 'active',
			costRates: [],
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data) {
		// Users are invited in Kantata, not created: only the fields an update accepts.
		const name = isPlainObject(data.name) ? data.name.display : undefined;
		return { record: compact({ full_name: name, email_address: data.email, headline: data.title }), problems: [] };
	},
};

export const workspaceAllocationMapper: VendorMapper = {
	system: KANTATA,
	object: 'workspace_allocation',
	aliases: ['workspaceAllocation', 'workspace_allocations'],
	entity: 'assignment',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'start_date', 'end_date', 'hard', 'minutes', 'percentage', 'notes', 'workspace_resource_id', 'workspace_id', 'creator_id', 'updater_id'],
	matches: (record) => hasKeys(record, ['workspace_resource_id', 'minutes']),
	toCanonical(record) {
		const problems: Problem[] = [];
		// The worker is the workspace resource's user when the read included it; else the resource slot itself.
		const included = isPlainObject(record.included) ? (record.included.workspace_resources as VendorRecord[] | undefined) : undefined;
		const slot = included?.find((r) => String(r.id) === String(record.workspace_resource_id));
		const data = compact({
			resource: ktRef(slot?.user_id ?? record.workspace_resource_id, slot?.label),
			project: ktRef(record.workspace_id),
			status: record.hard === true ? 'confirmed' : 'softBooked',
			startDate: record.start_date,
			endDate: record.end_date,
			hours: hoursFromMinutes(record.minutes, 'payload.minutes', problems),
			notes: record.notes ?? undefined,
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const record = compact({
			resource_id: ktRefOut(data.resource, context, 'assignment.resource', problems),
			start_date: data.startDate,
			end_date: data.endDate,
			minutes: minutesFromHours(data.hours, 'assignment.hours', problems),
			hard: data.status === 'confirmed',
			notes: data.notes,
			external_reference: externalReferenceOut('assignment', context),
		});
		return { record, problems };
	},
};

const REQUEST_STATUS: Record<string, string> = { pending: 'open', approved: 'assigned', rejected: 'cancelled', canceled: 'cancelled' };

export const resourceRequestMapper: VendorMapper = {
	system: KANTATA,
	object: 'resource_request',
	aliases: ['resourceRequest', 'resource_requests'],
	entity: 'resourceRequest',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'status', 'resource_id', 'creator_id', 'approver_ids'],
	matches: (record) => hasKeys(record, ['resource_id', 'approver_ids']),
	toCanonical(record) {
		const problems: Problem[] = [];
		const included = isPlainObject(record.included) ? (record.included.workspace_resources as VendorRecord[] | undefined) : undefined;
		const slot = included?.find((r) => String(r.id) === String(record.resource_id));
		if (!slot) problems.push({ path: 'payload.included.workspace_resources', reason: 'is needed for the project, role and dates: read resource requests with Include "resource"' });
		const data = compact({
			project: ktRef(slot?.workspace_id),
			role: slot?.label ?? undefined,
			status: REQUEST_STATUS[String(record.status)] ?? record.status,
			startDate: slot?.earliest_allocation_date ?? undefined,
			endDate: slot?.latest_allocation_date ?? undefined,
			requestedBy: ktRef(record.creator_id),
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		problems.push(...(data.project ? [] : [{ path: 'resourceRequest.project', reason: 'is required' }]));
		const record = compact({
			workspace_allocation_start_date: data.startDate,
			workspace_allocation_end_date: data.endDate,
			workspace_allocation_percentage: data.percentOfTime,
			resource_workspace_id: ktRefOut(data.project, context, 'resourceRequest.project', problems),
		});
		return { record, problems };
	},
};

function approvalOfTime(record: VendorRecord): string {
	if (record.approved === true) return 'approved';
	if (record.active_submission_id) return 'submitted';
	return 'open';
}

export const timeEntryMapper: VendorMapper = {
	system: KANTATA,
	object: 'time_entry',
	aliases: ['timeEntry', 'time_entries'],
	entity: 'timeEntry',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'date_performed', 'story_id', 'time_in_minutes', 'billable', 'notes', 'rate_in_cents', 'cost_rate_in_cents', 'currency', 'currency_symbol', 'currency_base_unit', 'user_can_edit', 'workspace_id', 'user_id', 'approved', 'role_id', 'location', 'taxable', 'is_invoiced', 'active_submission_id', 'recent_submission_id', 'invoice_id'],
	matches: (record) => hasKeys(record, ['date_performed', 'time_in_minutes']),
	toCanonical(record) {
		const problems: Problem[] = [];
		const rate = (field: string) => {
			const money = moneyFromCents(record[field], record.currency, record.currency_base_unit, `payload.${field}`, problems);
			return money ? { ...money, unit: 'hour' } : undefined;
		};
		const data = compact({
			date: record.date_performed,
			hours: hoursFromMinutes(record.time_in_minutes, 'payload.time_in_minutes', problems),
			resource: ktRef(record.user_id),
			project: ktRef(record.workspace_id),
			task: ktRef(record.story_id),
			approvalState: approvalOfTime(record),
			billable: record.billable ?? false,
			billRate: rate('rate_in_cents'),
			costRate: rate('cost_rate_in_cents'),
			description: record.notes ?? undefined,
			timesheet: ktRef(record.active_submission_id),
			posted: typeof record.is_invoiced === 'boolean' ? record.is_invoiced : undefined,
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const out = (field: string) => ktRefOut(data[field], context, `timeEntry.${field}`, problems);
		const cents = (field: string) => centsFromMoney(data[field], `timeEntry.${field}.amount`, problems);
		const record = compact({
			workspace_id: out('project'),
			date_performed: data.date,
			time_in_minutes: minutesFromHours(data.hours, 'timeEntry.hours', problems),
			billable: data.billable,
			notes: data.description,
			rate_in_cents: cents('billRate'),
			cost_rate_in_cents: cents('costRate'),
			story_id: out('task'),
			user_id: out('resource'),
			external_reference: externalReferenceOut('timeEntry', context),
		});
		return { record, problems };
	},
};

export const expenseMapper: VendorMapper = {
	system: KANTATA,
	object: 'expense',
	aliases: ['expenses'],
	entity: 'expense',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'date', 'notes', 'category', 'amount_in_cents', 'currency', 'currency_symbol', 'currency_base_unit', 'user_can_edit', 'is_invoiced', 'is_billable', 'taxable', 'reimbursable', 'foreign_exchange_amount', 'workspace_id', 'user_id', 'story_id', 'receipt_id', 'expense_category_id', 'active_submission_id', 'recent_submission_id'],
	matches: (record) => hasKeys(record, ['amount_in_cents', 'category']),
	toCanonical(record) {
		const problems: Problem[] = [];
		const amount = moneyFromCents(record.amount_in_cents, record.currency, record.currency_base_unit, 'payload.amount_in_cents', problems);
		// A Kantata expense is one line; its report's approval lives on the submission (read it with Include).
		const submissions = isPlainObject(record.included) ? (record.included.expense_report_submissions as VendorRecord[] | undefined) : undefined;
		const submission = submissions?.find((s) => String(s.id) === String(record.active_submission_id));
		const approvalState = submission?.status === 'approved' ? 'approved' : submission?.status === 'rejected' ? 'rejected' : record.active_submission_id ? 'submitted' : 'open';
		const data = compact({
			number: textOf(record.id),
			resource: ktRef(record.user_id),
			date: record.date,
			approvalState,
			currency: record.currency,
			total: amount,
			lines: [
				compact({
					lineId: textOf(record.id),
					date: record.date,
					category: ktRef(record.expense_category_id ?? record.category, record.category),
					amount,
					project: ktRef(record.workspace_id),
					task: ktRef(record.story_id),
					billable: record.is_billable ?? false,
					reimbursable: typeof record.reimbursable === 'boolean' ? record.reimbursable : undefined,
					memo: record.notes ?? undefined,
				}),
			],
			memo: record.notes ?? undefined,
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const lines = Array.isArray(data.lines) ? (data.lines as CanonicalData[]) : [];
		if (lines.length !== 1) problems.push({ path: 'expense.lines', reason: `Kantata keeps one expense per line: send one line per expense (got ${lines.length})` });
		const line = lines[0] ?? {};
		const category = isPlainObject(line.category) ? textOf(line.category.name) ?? textOf(line.category.id) : undefined;
		const record = compact({
			workspace_id: ktRefOut(line.project, context, 'expense.lines.0.project', problems),
			date: line.date ?? data.date,
			category,
			amount_in_cents: centsFromMoney(line.amount, 'expense.lines.0.amount', problems),
			notes: line.memo ?? data.memo,
			billable: line.billable,
			reimbursable: line.reimbursable,
			user_id: ktRefOut(data.resource, context, 'expense.resource', problems),
			external_reference: externalReferenceOut('expense', context),
		});
		return { record, problems };
	},
};

export const kantataMappers: readonly VendorMapper[] = [workspaceGroupMapper, workspaceMapper, userMapper, workspaceAllocationMapper, resourceRequestMapper, timeEntryMapper, expenseMapper];
