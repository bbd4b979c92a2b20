/**
 * The state of one Kantata OX account: records per collection (ids numeric, serialised as strings), the
 * validations Kantata applies on write, approval and invoicing rules, external references and the account
 * event feed. No HTTP here: sandbox/kantata/index.ts turns requests into calls on this class.
 */
import { collectionDef, collectionOfModel, COLLECTIONS } from './schema';
import type { CollectionDef } from './schema';

export type KantataRecord = Record<string, unknown>;

/** A Kantata error entry: `{type, message, field?}`. */
export interface KantataErrorEntry {
	type: 'validation' | 'system' | 'oauth';
	message: string;
	field?: string;
}

export class KantataError extends Error {
	constructor(
		readonly status: number,
		readonly errors: KantataErrorEntry[],
	) {
		super(errors.map((e) => e.message).join('; '));
	}
}

export function validationError(field: string | undefined, message: string): KantataError {
	return new KantataError(422, [{ type: 'validation', message, ...(field ? { field } : {}) }]);
}

/** Events are kept about 9 days, as Kantata's feed is. */
export const EVENT_RETENTION_MS = 9 * 24 * 3_600_000;

/** Collections whose changes appear in the event feed. */
const EVENT_COLLECTIONS = new Set(['workspaces', 'workspace_groups', 'stories', 'participations', 'workspace_resources', 'workspace_allocations', 'time_entries', 'expenses', 'invoices', 'timesheet_submissions', 'expense_report_submissions']);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER_FIELDS = /(_in_cents|_in_minutes|^minutes$|^time_in_minutes$|^payment_schedule$)/;

export class KantataAccount {
	readonly tables = new Map<string, Map<string, KantataRecord>>();
	private nextId = 1000;
	/** The account's clock; tests move it to age the event feed. */
	now: () => number = () => Date.now();
	readonly accountId = '4242';

	constructor() {
		for (const c of COLLECTIONS) this.tables.set(c.name, new Map());
	}

	clear(): void {
		for (const table of this.tables.values()) table.clear();
		this.nextId = 1000;
	}

	table(name: string): Map<string, KantataRecord> {
		const table = this.tables.get(name);
		if (!table) throw new KantataError(404, [{ type: 'system', message: `Unknown collection ${name}` }]);
		return table;
	}

	records(name: string): KantataRecord[] {
		return [...this.table(name).values()];
	}

	find(name: string, id: string): KantataRecord | undefined {
		return this.table(name).get(String(id));
	}

	private stamp(): string {
		return new Date(this.now()).toISOString();
	}

	private newId(): string {
		return String(this.nextId++);
	}

	/** Inserts a record as stored (seed and internal use): no validation, no event unless asked. */
	insert(name: string, values: KantataRecord, options: { event?: boolean; at?: string } = {}): KantataRecord {
		const def = collectionDef(name)!;
		const at = options.at ?? this.stamp();
		const record: KantataRecord = { id: this.newId(), created_at: at, updated_at: at };
		for (const attribute of def.attributes) if (!(attribute in record)) record[attribute] = null;
		Object.assign(record, values);
		if (def.attributes.includes('external_reference_ids')) record.external_reference_ids = (record.external_reference_ids as string[] | null) ?? [];
		this.table(name).set(record.id as string, record);
		if (options.event) this.emit(def, 'created', record);
		return record;
	}

	private emit(def: CollectionDef, action: 'created' | 'updated' | 'deleted', record: KantataRecord): void {
		if (!EVENT_COLLECTIONS.has(def.name)) return;
		const at = this.stamp();
		this.insert('subscribed_events', {
			event_type: `${def.singular}:${action}`,
			account_id: this.accountId,
			user_id: this.integrationUserId(),
			subject_id: String(record.id),
			subject_type: def.model,
			subject_changed_at: at,
			subject_ref: { key: def.name, id: String(record.id) },
			payload: JSON.parse(JSON.stringify(record)) as KantataRecord,
		});
	}

	/** The event feed as Kantata keeps it: only the last ~9 days. */
	events(): KantataRecord[] {
		const cutoff = this.now() - EVENT_RETENTION_MS;
		const table = this.table('subscribed_events');
		for (const [id, event] of table) if (Date.parse(String(event.created_at)) < cutoff) table.delete(id);
		return [...table.values()];
	}

	// ---------------------------------------------------------------------------------------------------
	// Writes through the API

	create(name: string, input: unknown): KantataRecord {
		const def = this.writable(name);
		const values = this.checkedInput(def, input, def.createAttributes, 'create');
		for (const field of def.required) {
			const value = values[field];
			if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
				throw validationError(field, `${humanize(field)} can't be blank`);
			}
		}
		const externalReference = values.external_reference;
		delete values.external_reference;
		const record = this.applyCreateRules(def, values);
		const stored = this.insert(name, record);
		if (externalReference !== undefined) this.attachExternalReference(def, stored, externalReference);
		this.afterCreate(def, stored);
		this.emit(def, 'created', stored);
		return stored;
	}

	/** Bulk create, all-or-nothing: every record is validated before any is written. */
	bulkCreate(name: string, inputs: unknown[]): KantataRecord[] {
		const def = this.writable(name);
		if (!def.bulkCreateLimit) throw new KantataError(400, [{ type: 'system', message: `${name} has no bulk create` }]);
		if (inputs.length > def.bulkCreateLimit) {
			throw validationError(undefined, `You can create at most ${def.bulkCreateLimit} ${name} at once (got ${inputs.length})`);
		}
		const snapshot = this.tablesSnapshot();
		try {
			return inputs.map((input, index) => {
				try {
					return this.create(name, input);
				} catch (error) {
					if (error instanceof KantataError) {
						throw new KantataError(error.status, error.errors.map((e) => ({ ...e, message: `${def.singular} ${index}: ${e.message}` })));
					}
					throw error;
				}
			});
		} catch (error) {
			this.restore(snapshot);
			throw error;
		}
	}

	update(name: string, id: string, input: unknown): KantataRecord {
		const def = this.writable(name);
		const record = this.mustFind(def, id);
		const values = this.checkedInput(def, input, def.updateAttributes, 'update');
		if (def.name === 'workspaces') this.priceRule(values, String(values.currency ?? record.currency ?? 'USD'));
		if (def.name === 'time_entries' && this.lockedBySubmission(record)) {
			throw validationError(undefined, 'Time entries that are submitted or approved cannot be edited');
		}
		if (def.name === 'time_entries' && record.is_invoiced) throw validationError(undefined, 'Invoiced time entries cannot be edited');
		const externalReference = values.external_reference;
		delete values.external_reference;
		if (def.name === 'workspace_groups') {
			const add = values.add_workspace_ids as string[] | undefined;
			const remove = values.remove_workspace_ids as string[] | undefined;
			delete values.add_workspace_ids;
			delete values.remove_workspace_ids;
			this.linkGroup(record, add ?? [], remove ?? []);
		}
		Object.assign(record, values, { updated_at: this.stamp() });
		if (externalReference !== undefined) this.attachExternalReference(def, record, externalReference);
		this.emit(def, 'updated', record);
		return record;
	}

	delete(name: string, id: string): void {
		const def = this.writable(name);
		if (!def.deletable) throw new KantataError(405, [{ type: 'system', message: `${name} cannot be deleted` }]);
		const record = this.mustFind(def, id);
		this.checkDeletable(def, record);
		this.table(name).delete(String(id));
		this.emit(def, 'deleted', record);
	}

	/** `DELETE /<collection>.json?ids=1,2`: all or nothing; any id that cannot go fails the whole call. */
	bulkDelete(name: string, ids: string[]): void {
		const def = this.writable(name);
		if (!def.bulkDeleteLimit) throw new KantataError(400, [{ type: 'system', message: `${name} has no bulk delete` }]);
		if (ids.length === 0) throw validationError('ids', 'Ids must name at least one record');
		if (ids.length > def.bulkDeleteLimit) throw validationError('ids', `You can delete at most ${def.bulkDeleteLimit} ${name} at once (got ${ids.length})`);
		const records = ids.map((id) => this.mustFind(def, id));
		records.forEach((record) => this.checkDeletable(def, record));
		for (const record of records) {
			this.table(name).delete(String(record.id));
			this.emit(def, 'deleted', record);
		}
	}

	// ---------------------------------------------------------------------------------------------------
	// Domain actions

	/** Approve / reject / cancel a timesheet or expense report submission. */
	resolveSubmission(name: 'timesheet_submissions' | 'expense_report_submissions', id: string, action: 'approve' | 'reject' | 'cancel', description?: string): KantataRecord {
		const def = collectionDef(name)!;
		const submission = this.mustFind(def, id);
		if (submission.status !== 'pending' && !(action === 'cancel' && submission.status === 'approved')) {
			throw validationError('status', `A submission that is ${String(submission.status)} cannot be ${action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'canceled'}`);
		}
		submission.status = action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'canceled';
		submission.resolution_description = description ?? null;
		submission.updated_at = this.stamp();
		const lineCollection = name === 'timesheet_submissions' ? 'time_entries' : 'expenses';
		const lineIds = (name === 'timesheet_submissions' ? submission.time_entry_ids : submission.expense_ids) as string[];
		for (const lineId of lineIds) {
			const line = this.find(lineCollection, lineId);
			if (!line) continue;
			if (lineCollection === 'time_entries') line.approved = action === 'approve';
			if (action !== 'approve') line.active_submission_id = null;
			line.updated_at = this.stamp();
			this.emit(collectionDef(lineCollection)!, 'updated', line);
		}
		this.emit(def, 'updated', submission);
		return submission;
	}

	cancelInvoice(id: string): KantataRecord {
		const def = collectionDef('invoices')!;
		const invoice = this.mustFind(def, id);
		if (invoice.status === 'canceled') throw validationError('status', 'The invoice is already canceled');
		if (invoice.status === 'paid') throw validationError('status', 'A paid invoice cannot be canceled');
		invoice.status = 'canceled';
		invoice.updated_at = this.stamp();
		for (const [collection, key] of [['time_entries', 'time_entry_ids'], ['expenses', 'expense_ids']] as const) {
			for (const lineId of (invoice[key] as string[]) ?? []) {
				const line = this.find(collection, lineId);
				if (line) Object.assign(line, { is_invoiced: false, updated_at: this.stamp() }, collection === 'time_entries' ? { invoice_id: null } : {});
			}
		}
		this.emit(def, 'updated', invoice);
		return invoice;
	}

	// ---------------------------------------------------------------------------------------------------

	private writable(name: string): CollectionDef {
		const def = collectionDef(name);
		if (!def) throw new KantataError(404, [{ type: 'system', message: `Unknown collection ${name}` }]);
		if (def.readOnly) throw new KantataError(405, [{ type: 'system', message: `${name} cannot be written through the API` }]);
		return def;
	}

	private mustFind(def: CollectionDef, id: string): KantataRecord {
		const record = this.find(def.name, id);
		if (!record) throw new KantataError(404, [{ type: 'system', message: `${def.model} ${id} was not found` }]);
		return record;
	}

	private lockedBySubmission(record: KantataRecord): boolean {
		const submissionId = record.active_submission_id;
		if (!submissionId) return false;
		const submission = this.find('timesheet_submissions', String(submissionId));
		return submission?.status === 'pending' || submission?.status === 'approved';
	}

	private checkDeletable(def: CollectionDef, record: KantataRecord): void {
		if (def.name === 'time_entries') {
			if (this.lockedBySubmission(record)) throw validationError(undefined, `Time entry ${String(record.id)} is submitted or approved and cannot be deleted`);
			if (record.is_invoiced) throw validationError(undefined, `Time entry ${String(record.id)} is invoiced and cannot be deleted`);
		}
	}

	/** Unknown attributes are refused (Kantata ignores them silently; refusing names the mistake), types checked. */
	private checkedInput(def: CollectionDef, input: unknown, allowed: string[], action: string): KantataRecord {
		if (!input || typeof input !== 'object' || Array.isArray(input)) {
			throw new KantataError(400, [{ type: 'system', message: `Expected a ${def.singular} object` }]);
		}
		const values: KantataRecord = {};
		for (const [key, value] of Object.entries(input as KantataRecord)) {
			if (!allowed.includes(key)) throw validationError(key, `${key} cannot be set on ${action} of a ${def.singular}`);
			if (value !== null && value !== undefined && INTEGER_FIELDS.test(key)) {
				const integer = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
				if (!Number.isSafeInteger(integer)) throw validationError(key, `${humanize(key)} must be a whole number (got ${JSON.stringify(value)})`);
				values[key] = integer;
				continue;
			}
			if (value !== null && /(^date$|_date$|^date_performed$)/.test(key) && (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))) {
				throw validationError(key, `${humanize(key)} must be a date written YYYY-MM-DD (got ${JSON.stringify(value)})`);
			}
			if (key.endsWith('_id') && value !== null && value !== undefined) values[key] = String(value);
			else if (key.endsWith('_ids') && Array.isArray(value)) values[key] = value.map(String);
			else values[key] = value;
		}
		for (const [field, options] of Object.entries(def.enums ?? {})) {
			if (values[field] !== undefined && values[field] !== null && !options.includes(String(values[field]))) {
				throw validationError(field, `${humanize(field)} must be one of ${options.join(', ')} (got ${JSON.stringify(values[field])})`);
			}
		}
		for (const [field, target] of Object.entries(def.references)) {
			const value = values[field];
			if (value !== undefined && value !== null && !this.find(target, String(value))) {
				throw validationError(field, `${humanize(field)} ${String(value)} does not exist or is not visible to you`);
			}
		}
		return values;
	}

	private applyCreateRules(def: CollectionDef, values: KantataRecord): KantataRecord {
		const record = { ...values };
		switch (def.name) {
			case 'workspaces':
				delete record.creator_role;
				record.creator_id = this.integrationUserId();
				this.priceRule(record, String(record.currency ?? 'USD'));
				record.archived = false;
				record.currency = record.currency ?? 'USD';
				record.currency_base_unit = 100;
				record.workspace_group_ids = (record.workspace_group_ids as string[] | undefined) ?? [];
				for (const groupId of record.workspace_group_ids as string[]) {
					if (!this.find('workspace_groups', groupId)) throw validationError('workspace_group_ids', `Workspace group ${groupId} does not exist`);
				}
				record.primary_workspace_group_id = (record.workspace_group_ids as string[])[0] ?? null;
				record.status_key = record.status_key ?? 400;
				return record;
			case 'workspace_groups': {
				const add = (record.add_workspace_ids as string[] | undefined) ?? [];
				delete record.add_workspace_ids;
				record.company = record.company ?? true;
				record.workspace_ids = [];
				return { ...record, __add: add };
			}
			case 'stories':
				if (String(record.title ?? '').length > 200) throw validationError('title', 'Title is too long (maximum is 200 characters)');
				if (record.parent_id && this.find('stories', String(record.parent_id))?.workspace_id !== record.workspace_id) {
					throw validationError('parent_id', 'Parent must be a story in the same workspace');
				}
				record.state = record.state ?? 'not started';
				return record;
			case 'time_entries': {
				if ((record.time_in_minutes as number) <= 0 || (record.time_in_minutes as number) > 1440) {
					throw validationError('time_in_minutes', 'Time in minutes must be greater than 0 and at most 1440');
				}
				const workspace = this.find('workspaces', String(record.workspace_id))!;
				if (record.story_id && this.find('stories', String(record.story_id))?.workspace_id !== record.workspace_id) {
					throw validationError('story_id', 'Story must belong to the workspace');
				}
				record.user_id = record.user_id ?? this.integrationUserId();
				record.billable = record.billable ?? true;
				record.currency = workspace.currency;
				record.currency_base_unit = 100;
				record.approved = false;
				record.is_invoiced = false;
				return record;
			}
			case 'expenses': {
				const workspace = this.find('workspaces', String(record.workspace_id))!;
				record.is_billable = record.billable ?? true;
				delete record.billable;
				record.user_id = record.user_id ?? this.integrationUserId();
				record.currency = workspace.currency;
				record.currency_base_unit = 100;
				record.is_invoiced = false;
				return record;
			}
			case 'workspace_resources':
				record.label = record.user_id ? this.find('users', String(record.user_id))?.full_name ?? 'Resource' : 'Unnamed resource';
				return record;
			case 'workspace_allocations': {
				const resource = this.find('workspace_resources', String(record.resource_id))!;
				if (String(record.end_date) < String(record.start_date)) throw validationError('end_date', 'End date must be on or after the start date');
				if ((record.minutes as number) < 0) throw validationError('minutes', 'Minutes must not be negative');
				record.workspace_resource_id = record.resource_id;
				delete record.resource_id;
				record.workspace_id = resource.workspace_id;
				record.hard = record.hard ?? false;
				return record;
			}
			case 'resource_requests': {
				for (const approver of (record.approver_ids as string[]) ?? []) {
					if (!this.find('users', approver)) throw validationError('approver_ids', `Approver ${approver} does not exist`);
				}
				record.status = 'pending';
				record.creator_id = this.integrationUserId();
				for (const key of ['workspace_allocation_start_date', 'workspace_allocation_end_date', 'workspace_allocation_percentage']) delete record[key];
				return record;
			}
			case 'timesheet_submissions':
			case 'expense_report_submissions':
				return this.submissionRules(def, record);
			case 'invoices':
				return this.invoiceRules(record);
			case 'external_references': {
				const target = collectionOfModel(String(record.subject_type));
				if (!target || !this.find(target.name, String(record.subject_id))) throw validationError('subject_id', `${String(record.subject_type)} ${String(record.subject_id)} does not exist`);
				record.status = record.status ?? 'successful';
				record.locked = record.locked ?? false;
				return record;
			}
			case 'custom_field_values': {
				const target = collectionOfModel(String(record.subject_type));
				if (!target || !this.find(target.name, String(record.subject_id))) throw validationError('subject_id', `${String(record.subject_type)} ${String(record.subject_id)} does not exist`);
				record.display_value = String(record.value);
				record.type = 'string';
				return record;
			}
			default:
				return record;
		}
	}

	/** The user the API token belongs to: the account's first user (the integration user of the seed). */
	integrationUserId(): string {
		return String(this.records('users')[0]?.id ?? '1');
	}

	/** `price` is the budget in currency units (an exact decimal); Kantata stores and returns it in cents. */
	private priceRule(values: KantataRecord, currency: string): void {
		if (values.price === undefined || values.price === null) return;
		const text = typeof values.price === 'number' ? String(values.price) : String(values.price).trim();
		const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
		if (!match) throw validationError('price', `Price must be an amount with at most 2 decimals (got ${JSON.stringify(values.price)})`);
		const cents = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0') || '0');
		values.price_in_cents = Number(cents);
		values.price = `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}`;
		values.currency = values.currency ?? currency;
	}

	private submissionRules(def: CollectionDef, record: KantataRecord): KantataRecord {
		const timesheet = def.name === 'timesheet_submissions';
		const lineCollection = timesheet ? 'time_entries' : 'expenses';
		const ids = (record.line_item_ids as string[]).map(String);
		delete record.line_item_ids;
		for (const id of ids) {
			const line = this.find(lineCollection, id);
			if (!line || line.workspace_id !== record.workspace_id) throw validationError('line_item_ids', `${lineCollection === 'time_entries' ? 'Time entry' : 'Expense'} ${id} is not in workspace ${String(record.workspace_id)}`);
			if (line.active_submission_id) throw validationError('line_item_ids', `${lineCollection === 'time_entries' ? 'Time entry' : 'Expense'} ${id} is already submitted`);
		}
		record.status = 'pending';
		record.user_id = record.user_id ?? this.integrationUserId();
		record.__lines = ids;
		if (timesheet) {
			record.time_entry_ids = ids;
			const dates = ids.map((id) => String(this.find('time_entries', id)!.date_performed)).sort();
			record.start_date = dates[0];
			record.end_date = dates[dates.length - 1];
		} else {
			record.expense_ids = ids;
		}
		delete record.external_reference;
		return record;
	}

	private invoiceRules(record: KantataRecord): KantataRecord {
		const timeIds = ((record.time_entry_ids as string[]) ?? []).map(String);
		const expenseIds = ((record.expense_ids as string[]) ?? []).map(String);
		const fixedFee = (record.fixed_fee_items as KantataRecord[] | undefined) ?? [];
		const additional = (record.additional_items as KantataRecord[] | undefined) ?? [];
		const milestones = ((record.billing_milestone_ids as string[]) ?? []).map(String);
		if (!timeIds.length && !expenseIds.length && !fixedFee.length && !additional.length && !milestones.length) {
			throw validationError('time_entry_ids', 'An invoice needs at least one time entry, expense, fixed fee item, additional item or billing milestone');
		}
		const workspace = this.find('workspaces', String(record.workspace_id))!;
		let balance = 0n;
		for (const id of timeIds) {
			const entry = this.find('time_entries', id);
			if (!entry || entry.workspace_id !== record.workspace_id) throw validationError('time_entry_ids', `Time entry ${id} is not in workspace ${String(record.workspace_id)}`);
			if (entry.is_invoiced) throw validationError('time_entry_ids', `Time entry ${id} is already invoiced`);
			if (!entry.approved) throw validationError('time_entry_ids', `Time entry ${id} is not approved`);
			if (!entry.billable) throw validationError('time_entry_ids', `Time entry ${id} is not billable`);
			// rate per hour × minutes / 60, rounded half up to the cent, as Kantata shows line totals.
			const numerator = BigInt(Number(entry.rate_in_cents ?? 0)) * BigInt(Number(entry.time_in_minutes));
			balance += (numerator * 2n + 60n) / 120n;
		}
		for (const id of expenseIds) {
			const expense = this.find('expenses', id);
			if (!expense || expense.workspace_id !== record.workspace_id) throw validationError('expense_ids', `Expense ${id} is not in workspace ${String(record.workspace_id)}`);
			if (expense.is_invoiced) throw validationError('expense_ids', `Expense ${id} is already invoiced`);
			balance += BigInt(Number(expense.amount_in_cents));
		}
		const fixedFeeIds: string[] = [];
		for (const [index, item] of fixedFee.entries()) {
			const amount = item.amount_in_cents;
			if (!Number.isSafeInteger(amount)) throw validationError('fixed_fee_items', `fixed_fee_items ${index}: amount_in_cents must be a whole number of cents`);
			balance += BigInt(amount as number);
			fixedFeeIds.push(this.newId());
		}
		const additionalIds: string[] = [];
		for (const [index, item] of additional.entries()) {
			const amount = item.amount_in_cents;
			if (!Number.isSafeInteger(amount)) throw validationError('additional_items', `additional_items ${index}: amount_in_cents must be a whole number of cents`);
			balance += BigInt(amount as number);
			additionalIds.push(this.newId());
		}
		for (const id of milestones) {
			const story = this.find('stories', id);
			if (!story || story.story_type !== 'milestone' || story.workspace_id !== record.workspace_id) throw validationError('billing_milestone_ids', `Story ${id} is not a milestone of workspace ${String(record.workspace_id)}`);
			balance += BigInt(Number(story.budget_estimate_in_cents ?? 0));
		}
		const out: KantataRecord = {
			invoice_date: record.invoice_date ?? new Date(this.now()).toISOString().slice(0, 10),
			payment_schedule: record.payment_schedule,
			message: record.message ?? null,
			draft: record.draft ?? true,
			status: record.draft === false ? 'new' : 'draft',
			user_invoice_number: record.user_invoice_number ?? null,
			purchase_order: record.purchase_order ?? null,
			currency: workspace.currency,
			currency_base_unit: 100,
			balance_in_cents: Number(balance),
			workspace_ids: [String(record.workspace_id)],
			time_entry_ids: timeIds,
			expense_ids: expenseIds,
			fixed_fee_item_ids: fixedFeeIds,
			additional_item_ids: additionalIds,
			billing_milestone_ids: milestones,
		};
		const dueDays = Number(record.payment_schedule);
		out.due_date = new Date(Date.parse(String(out.invoice_date)) + dueDays * 86_400_000).toISOString().slice(0, 10);
		return out;
	}

	private afterCreate(def: CollectionDef, record: KantataRecord): void {
		if (def.name === 'workspace_groups') {
			const add = record.__add as string[];
			delete record.__add;
			this.linkGroup(record, add, []);
		}
		if (def.name === 'workspaces') {
			for (const groupId of record.workspace_group_ids as string[]) {
				const group = this.find('workspace_groups', groupId)!;
				group.workspace_ids = [...new Set([...(group.workspace_ids as string[]), String(record.id)])];
			}
		}
		if (def.name === 'timesheet_submissions' || def.name === 'expense_report_submissions') {
			const lines = record.__lines as string[];
			delete record.__lines;
			for (const id of lines) {
				const line = this.find(def.name === 'timesheet_submissions' ? 'time_entries' : 'expenses', id)!;
				line.active_submission_id = String(record.id);
				line.recent_submission_id = String(record.id);
			}
		}
		if (def.name === 'invoices') {
			for (const id of record.time_entry_ids as string[]) Object.assign(this.find('time_entries', id)!, { is_invoiced: true, invoice_id: String(record.id) });
			for (const id of record.expense_ids as string[]) Object.assign(this.find('expenses', id)!, { is_invoiced: true });
		}
	}

	private linkGroup(group: KantataRecord, add: string[], remove: string[]): void {
		for (const id of add) {
			const workspace = this.find('workspaces', String(id));
			if (!workspace) throw validationError('add_workspace_ids', `Workspace ${String(id)} does not exist`);
		}
		const ids = new Set((group.workspace_ids as string[]) ?? []);
		for (const id of add) {
			ids.add(String(id));
			const workspace = this.find('workspaces', String(id))!;
			workspace.workspace_group_ids = [...new Set([...((workspace.workspace_group_ids as string[]) ?? []), String(group.id)])];
			workspace.primary_workspace_group_id = workspace.primary_workspace_group_id ?? String(group.id);
		}
		for (const id of remove) ids.delete(String(id));
		group.workspace_ids = [...ids];
	}

	/** `external_reference: {service_name, service_model, service_model_ref, …}` on a create or update. */
	private attachExternalReference(def: CollectionDef, subject: KantataRecord, input: unknown): void {
		if (!input || typeof input !== 'object' || Array.isArray(input)) throw validationError('external_reference', 'External reference must be an object');
		const values = { ...(input as KantataRecord) };
		for (const field of ['service_name', 'service_model', 'service_model_ref']) {
			if (values[field] === undefined || values[field] === null || values[field] === '') throw validationError(`external_reference.${field}`, `External reference ${humanize(field)} can't be blank`);
		}
		const existing = this.records('external_references').find(
			(r) => r.subject_type === def.model && r.subject_id === String(subject.id) && r.service_name === values.service_name && r.service_model === values.service_model,
		);
		if (existing) {
			Object.assign(existing, values, { updated_at: this.stamp() });
			return;
		}
		const reference = this.insert('external_references', {
			service_name: String(values.service_name),
			service_model: String(values.service_model),
			service_model_ref: String(values.service_model_ref),
			subject_id: String(subject.id),
			subject_type: def.model,
			status: values.status ?? 'successful',
			external_link: values.external_link ?? null,
			external_message: values.external_message ?? null,
			external_status: values.external_status ?? null,
			locked: values.locked ?? false,
		});
		subject.external_reference_ids = [...((subject.external_reference_ids as string[]) ?? []), String(reference.id)];
	}

	private tablesSnapshot(): { tables: Array<[string, KantataRecord[]]>; nextId: number } {
		return { tables: [...this.tables].map(([name, table]) => [name, [...table.values()].map((r) => JSON.parse(JSON.stringify(r)) as KantataRecord)]), nextId: this.nextId };
	}

	private restore(snapshot: { tables: Array<[string, KantataRecord[]]>; nextId: number }): void {
		for (const [name, records] of snapshot.tables) {
			const table = this.table(name);
			table.clear();
			for (const record of records) table.set(String(record.id), record);
		}
		this.nextId = snapshot.nextId;
	}

	snapshot(): unknown {
		return {
			counts: Object.fromEntries([...this.tables].map(([name, table]) => [name, table.size])),
			...Object.fromEntries([...this.tables].filter(([name]) => name !== 'subscribed_events').map(([name, table]) => [name, [...table.values()]])),
		};
	}
}

function humanize(field: string): string {
	const text = field.replace(/_ids?$/, '').replace(/_/g, ' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}
