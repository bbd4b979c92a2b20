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

/** The currency of the story's own workspace when it was read with the story (`included.workspaces`). */
function workspaceCurrency(story: VendorRecord): string | undefined {
	const included = isPlainObject(story.included) ? story.included : {};
	const workspaces = Array.isArray(included.workspaces) ? (included.workspaces as VendorRecord[]) : [];
	const own = workspaces.find((workspace) => String(workspace.id) === String(story.workspace_id));
	return typeof own?.currency === 'string' && own.currency !== '' ? own.currency : undefined;
}

const MILESTONE_STATUS: Record<string, string> = { 'not started': 'planned', started: 'planned', completed: 'achieved' };

/**
 * A milestone story. Stories carry no currency: the amount takes the workspace's, from the workspace read with the
 * story (Include: workspace) or else the Default Currency option.
 */
export const milestoneMapper: VendorMapper = {
	system: KANTATA,
	object: 'story',
	aliases: ['stories', 'milestone'],
	entity: 'milestone',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'title', 'description', 'story_type', 'workspace_id', 'parent_id', 'start_date', 'due_date', 'state', 'budget_estimate_in_cents', 'cost_budget_in_cents', 'time_estimate_in_minutes', 'billable', 'fixed_fee', 'percentage_complete', 'assignee_ids', 'weight', 'priority', 'archived'],
	matches: (record) => record.story_type === 'milestone',
	toCanonical(record, context) {
		const problems: Problem[] = [];
		if (record.story_type !== 'milestone') problems.push({ path: 'payload.story_type', reason: `is ${JSON.stringify(record.story_type)}: only milestone stories are milestones` });
		const cents = record.budget_estimate_in_cents;
		const currency = workspaceCurrency(record) ?? context.defaultCurrency;
		if (cents !== undefined && cents !== null && !currency) problems.push({ path: 'payload.budget_estimate_in_cents', reason: 'has no currency on a story: read it with Include: workspace, or set the Default Currency option to the workspace\'s currency' });
		const data = compact({
			name: record.title,
			project: ktRef(record.workspace_id),
			task: ktRef(record.parent_id),
			status: MILESTONE_STATUS[String(record.state)] ?? record.state,
			dueDate: record.due_date,
			amount: currency ? moneyFromCents(cents, currency, undefined, 'payload.budget_estimate_in_cents', problems) : undefined,
			description: record.description ?? undefined,
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const record = compact({
			title: data.name,
			story_type: 'milestone',
			workspace_id: ktRefOut(data.project, context, 'milestone.project', problems),
			parent_id: ktRefOut(data.task, context, 'milestone.task', problems),
			due_date: data.dueDate,
			state: data.status === 'achieved' || data.status === 'approved' || data.status === 'billed' ? 'completed' : undefined,
			budget_estimate_in_cents: centsFromMoney(data.amount, 'milestone.amount', problems),
			description: data.description,
			external_reference: externalReferenceOut('milestone', context),
		});
		return { record, problems };
	},
};

const INVOICE_STATUS: Record<string, string> = { draft: 'draft', new: 'open', sent: 'open', unpaid: 'open', overdue: 'open', partially_paid: 'partiallyPaid', paid: 'paid', canceled: 'void', cancelled: 'void' };

/**
 * An invoice, read with Include time entries, expenses and workspaces: one line per time entry (minutes × hourly
 * rate, rounded half up to the cent as Kantata totals a line) and per expense; the fixed-fee, additional and
 * milestone items Kantata does not return line by line are one line holding the rest of `balance_in_cents`.
 * Lines and total are checked against each other; a difference is a problem, never absorbed.
 */
export const invoiceMapper: VendorMapper = {
	system: KANTATA,
	object: 'invoice',
	aliases: ['invoices'],
	entity: 'invoice',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'invoice_date', 'due_date', 'message', 'title', 'draft', 'status', 'balance_in_cents', 'currency', 'currency_symbol', 'currency_base_unit', 'payment_schedule', 'workspace_ids', 'user_id', 'recipient_id', 'user_invoice_title', 'user_invoice_number', 'tax_rate', 'purchase_order', 'project_code', 'time_entry_ids', 'fixed_fee_item_ids', 'expense_ids', 'additional_item_ids', 'time_adjustment_ids', 'billing_milestone_ids'],
	matches: (record) => hasKeys(record, ['balance_in_cents', 'payment_schedule']),
	toCanonical(record) {
		const problems: Problem[] = [];
		const currency = record.currency;
		const included = (isPlainObject(record.included) ? record.included : {}) as Record<string, VendorRecord[] | undefined>;
		const workspace = included.workspaces?.[0];
		if (!workspace) problems.push({ path: 'payload.included.workspaces', reason: 'is needed for the customer: read invoices with Include "workspaces"' });
		const lines: CanonicalData[] = [];
		let sum = 0n;
		const pick = (ids: unknown, collection: string, field: string): VendorRecord[] => {
			const wanted = Array.isArray(ids) ? ids.map(String) : [];
			const found = (included[collection] ?? []).filter((r) => wanted.includes(String(r.id)));
			if (found.length !== wanted.length) problems.push({ path: `payload.${field}`, reason: `lists ${wanted.length} records but ${found.length} were included: read invoices with Include "${collection}"` });
			return found;
		};
		for (const entry of pick(record.time_entry_ids, 'time_entries', 'time_entry_ids')) {
			const cents = ((BigInt(Number(entry.rate_in_cents ?? 0)) * BigInt(Number(entry.time_in_minutes ?? 0))) * 2n + 60n) / 120n;
			sum += cents;
			lines.push(compact({
				lineId: `time_entry:${String(entry.id)}`,
				description: entry.notes ?? undefined,
				quantity: hoursFromMinutes(entry.time_in_minutes, `payload.included.time_entries.${String(entry.id)}.time_in_minutes`, problems),
				rate: moneyFromCents(entry.rate_in_cents, currency, record.currency_base_unit, 'payload.rate_in_cents', problems),
				amount: moneyFromCents(String(cents), currency, record.currency_base_unit, 'payload.time_entry_ids', problems),
				project: ktRef(entry.workspace_id),
			}));
		}
		for (const expense of pick(record.expense_ids, 'expenses', 'expense_ids')) {
			sum += BigInt(Number(expense.amount_in_cents ?? 0));
			lines.push(compact({
				lineId: `expense:${String(expense.id)}`,
				description: expense.notes ?? expense.category ?? undefined,
				amount: moneyFromCents(expense.amount_in_cents, currency, record.currency_base_unit, 'payload.expense_ids', problems),
				project: ktRef(expense.workspace_id),
			}));
		}
		const balance = typeof record.balance_in_cents === 'number' && Number.isSafeInteger(record.balance_in_cents) ? BigInt(record.balance_in_cents) : undefined;
		const otherIds = ['fixed_fee_item_ids', 'additional_item_ids', 'billing_milestone_ids'].flatMap((f) => (Array.isArray(record[f]) ? (record[f] as unknown[]) : []));
		if (balance !== undefined && otherIds.length) {
			lines.push(compact({ lineId: 'other', description: 'Fixed-fee, additional and milestone items', amount: moneyFromCents(String(balance - sum), currency, record.currency_base_unit, 'payload.balance_in_cents', problems) }));
			sum = balance;
		}
		if (balance !== undefined && sum !== balance) problems.push({ path: 'payload.balance_in_cents', reason: `is ${String(balance)} cents but the lines add up to ${String(sum)}` });
		const total = moneyFromCents(record.balance_in_cents, currency, record.currency_base_unit, 'payload.balance_in_cents', problems);
		const data = compact({
			number: textOf(record.user_invoice_number) ?? textOf(record.id),
			customer: ktRef(workspace?.primary_workspace_group_id),
			project: ktRef(Array.isArray(record.workspace_ids) ? record.workspace_ids[0] : undefined),
			issueDate: record.invoice_date,
			dueDate: record.due_date ?? undefined,
			status: INVOICE_STATUS[String(record.status)] ?? (record.draft === true ? 'draft' : record.status),
			currency,
			lines,
			subtotal: total,
			total,
			amountDue: record.status === 'paid' || record.status === 'canceled' ? undefined : total,
			memo: record.message ?? undefined,
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data, context) {
		// An invoice is created from Kantata's own time entries and expenses: only lines that name them map back.
		const problems: Problem[] = [];
		const lines = Array.isArray(data.lines) ? (data.lines as CanonicalData[]) : [];
		const idsOf = (prefix: string) => lines.map((l) => String(l.lineId ?? '')).filter((id) => id.startsWith(`${prefix}:`)).map((id) => id.slice(prefix.length + 1));
		const other = lines.filter((l) => !/^(time_entry|expense):/.test(String(l.lineId ?? '')));
		const record = compact({
			workspace_id: ktRefOut(data.project, context, 'invoice.project', problems),
			invoice_date: data.issueDate,
			// Payment terms in days: due date − issue date, 30 when the record has no due date.
			payment_schedule: typeof data.issueDate === 'string' && typeof data.dueDate === 'string' ? Math.round((Date.parse(data.dueDate) - Date.parse(data.issueDate)) / 86_400_000) : 30,
			user_invoice_number: data.number,
			draft: data.status === 'draft',
			message: data.memo,
			time_entry_ids: idsOf('time_entry'),
			expense_ids: idsOf('expense'),
			additional_items: other.length ? other.map((line, index) => compact({ description: line.description, amount_in_cents: centsFromMoney(line.amount, `invoice.lines.${index}.amount`, problems) })) : undefined,
			external_reference: externalReferenceOut('invoice', context),
		});
		return { record, problems };
	},
};

export const kantataMappers: readonly VendorMapper[] = [workspaceGroupMapper, workspaceMapper, userMapper, workspaceAllocationMapper, resourceRequestMapper, timeEntryMapper, expenseMapper, milestoneMapper, invoiceMapper];
