/**
 * In-memory NetSuite account: records by type with NetSuite's internal-id sequences, external ids, the
 * record service's validation (required fields, references, sublists, balance) and its JSON shapes
 * (`links`, references `{id, refName, links}`, sublists `{items: […]}`), plus SuiteQL table rows.
 */
import { RecordError } from './errors';
import { LOOKUPS, lookupFor, SCHEMAS, schemaFor } from './schema';
import type { FieldKind, IdFamily, RecordSchema } from './schema';

export type Json = Record<string, unknown>;

interface StoredRef {
	id: string;
	type: string;
}

export interface StoredRecord {
	id: string;
	type: string;
	fields: Json;
}

export interface WriteOptions {
	/** X-NetSuite-PropertyNameValidation: unknown fields are an error, or dropped (Warning / Ignore). */
	nameValidation: 'Error' | 'Warning' | 'Ignore';
	/** Sublists whose lines the body replaces (query `replace`). */
	replace: string[];
	now: string;
}

const FIRST_ID: Record<IdFamily, number> = { entity: 100, transaction: 500, projectTask: 300, timeBill: 900, billingSchedule: 11, lookup: 1 };
const TRAN_PREFIX: Record<string, [string, number]> = {
	invoice: ['INV', 1001],
	journalEntry: ['JE', 201],
	expenseReport: ['EXP', 51],
	vendorBill: ['VB', 301],
};

function cents(value: unknown): number {
	return Math.round(Number(value ?? 0) * 100);
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class NetSuiteStore {
	readonly records = new Map<string, Map<string, StoredRecord>>();
	private readonly lookups = new Map<string, Map<string, Json>>();
	private readonly sequences = new Map<string, number>();
	/** X-NetSuite-Idempotency-Key → the record it created. */
	readonly idempotency = new Map<string, StoredRef>();

	constructor() {
		for (const type of Object.keys(SCHEMAS)) this.records.set(type, new Map());
		for (const type of Object.keys(LOOKUPS)) this.lookups.set(type, new Map());
	}

	// ── ids ────────────────────────────────────────────────────────────────────────────────────────────

	private nextId(family: IdFamily): string {
		const next = this.sequences.get(family) ?? FIRST_ID[family];
		this.sequences.set(family, next + 1);
		return String(next);
	}

	private nextTranId(type: string): string {
		const [prefix, first] = TRAN_PREFIX[type];
		const key = `tranId:${type}`;
		const next = this.sequences.get(key) ?? first;
		this.sequences.set(key, next + 1);
		return `${prefix}${next}`;
	}

	addLookup(type: string, id: string, fields: Json): void {
		this.lookups.get(type)!.set(id, { id, ...fields });
	}

	lookupRows(type: string): Json[] {
		return [...(this.lookups.get(type)?.values() ?? [])];
	}

	private exists(type: string, id: string): boolean {
		return this.records.get(type)?.has(id) === true || this.lookups.get(type)?.has(id) === true;
	}

	private byExternalId(type: string, externalId: string): StoredRecord | undefined {
		for (const record of this.records.get(type)?.values() ?? []) if (record.fields.externalId === externalId) return record;
		return undefined;
	}

	/** An internal id, or `eid:<external id>`, to the internal id. */
	resolveId(type: string, idOrEid: string): string | undefined {
		if (idOrEid.startsWith('eid:')) return this.byExternalId(type, idOrEid.slice(4))?.id;
		return this.records.get(type)?.has(idOrEid) ? idOrEid : undefined;
	}

	get(type: string, id: string): StoredRecord | undefined {
		return this.records.get(type)?.get(id);
	}

	all(type: string): StoredRecord[] {
		return [...(this.records.get(type)?.values() ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
	}

	// ── writes ─────────────────────────────────────────────────────────────────────────────────────────

	create(schema: RecordSchema, body: Json, options: WriteOptions, forcedExternalId?: string): StoredRecord {
		const fields: Json = {};
		this.apply(schema, fields, body, options, 'create');
		if (forcedExternalId !== undefined) fields.externalId = forcedExternalId;
		this.derive(schema, fields);
		this.check(schema, fields);
		if (typeof fields.externalId === 'string' && this.byExternalId(schema.type, fields.externalId)) {
			throw new RecordError(
				400,
				'USER_ERROR',
				`Error while accessing a resource. A ${schema.type} record with the external ID ${fields.externalId} already exists.`,
				'externalId',
			);
		}
		const record: StoredRecord = { id: this.nextId(schema.family), type: schema.type, fields };
		if (schema.family === 'transaction' && fields.tranId === undefined) fields.tranId = this.nextTranId(schema.type);
		if (schema.family === 'entity' && fields.entityId === undefined) {
			fields.entityId = String(fields.companyName ?? `${String(fields.firstName ?? '')} ${String(fields.lastName ?? '')}`.trim());
		}
		if (schema.type === 'customer' && fields.isInactive === undefined) fields.isInactive = false;
		fields[schema.family === 'entity' ? 'dateCreated' : 'createdDate'] = options.now;
		fields.lastModifiedDate = options.now;
		this.records.get(schema.type)!.set(record.id, record);
		return record;
	}

	update(schema: RecordSchema, record: StoredRecord, body: Json, options: WriteOptions): void {
		const fields: Json = structuredClone(record.fields);
		this.apply(schema, fields, body, options, 'update');
		this.derive(schema, fields);
		this.check(schema, fields);
		if (typeof fields.externalId === 'string') {
			const other = this.byExternalId(schema.type, fields.externalId);
			if (other && other.id !== record.id) {
				throw new RecordError(
					400,
					'USER_ERROR',
					`Error while accessing a resource. A ${schema.type} record with the external ID ${fields.externalId} already exists.`,
					'externalId',
				);
			}
		}
		fields.lastModifiedDate = options.now;
		record.fields = fields;
	}

	delete(type: string, id: string): void {
		this.records.get(type)?.delete(id);
	}

	/** Body → stored fields, checking names, kinds and references the way the record service does. */
	private apply(schema: RecordSchema, target: Json, body: Json, options: WriteOptions, mode: 'create' | 'update'): void {
		for (const [name, value] of Object.entries(body)) {
			if (name === 'links' || (schema.readOnly.includes(name) && name !== 'externalId')) continue;
			const kind = schema.fields[name];
			if (!kind) {
				if (options.nameValidation === 'Error') {
					throw new RecordError(
						400,
						'NONEXISTENT_FIELD',
						`Error while accessing a resource. The field ${name} does not exist on the ${schema.type} record.`,
						name,
					);
				}
				continue;
			}
			if (kind.kind === 'sublist') {
				target[name] = this.sublist(schema, name, kind, value, target[name], mode === 'create' || options.replace.includes(name), options);
				continue;
			}
			if (value === null) {
				delete target[name];
				continue;
			}
			target[name] = this.fieldValue(name, kind, value, name);
		}
	}

	private fieldValue(name: string, kind: FieldKind, value: unknown, path: string): unknown {
		const invalid = () =>
			new RecordError(
				400,
				'INVALID_CONTENT',
				`Error while accessing a resource. You have entered an Invalid Field Value ${JSON.stringify(value)} for the following field: ${name}`,
				path,
			);
		switch (kind.kind) {
			case 'string':
				if (typeof value === 'string') return value;
				if (typeof value === 'number') return String(value);
				throw invalid();
			case 'number': {
				const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
				if (!Number.isFinite(n)) throw invalid();
				return n;
			}
			case 'boolean':
				if (typeof value !== 'boolean') throw invalid();
				return value;
			case 'date':
				if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw invalid();
				return value;
			case 'datetime':
				if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw invalid();
				return value;
			case 'enum': {
				const id = isObject(value) ? value.id : undefined;
				if (typeof id !== 'string' || !(id in kind.values)) throw invalid();
				return { id };
			}
			case 'ref': {
				if (!isObject(value)) throw invalid();
				if (value.id !== undefined) {
					const id = String(value.id);
					const type = kind.to.find((t) => this.exists(t, id));
					if (!type) {
						throw new RecordError(
							400,
							'INVALID_CONTENT',
							`Error while accessing a resource. You have entered an Invalid Field Value ${id} for the following field: ${name}`,
							path,
						);
					}
					return { id, type } satisfies StoredRef;
				}
				if (typeof value.externalId === 'string') {
					for (const type of kind.to) {
						const found = this.byExternalId(type, value.externalId);
						if (found) return { id: found.id, type } satisfies StoredRef;
					}
					throw new RecordError(
						400,
						'INVALID_CONTENT',
						`Error while accessing a resource. You have entered an Invalid Field Value ${value.externalId} for the following field: ${name}`,
						path,
					);
				}
				throw invalid();
			}
			default:
				throw invalid();
		}
	}

	private sublist(
		schema: RecordSchema,
		name: string,
		kind: Extract<FieldKind, { kind: 'sublist' }>,
		value: unknown,
		existing: unknown,
		replace: boolean,
		options: WriteOptions,
	): Json[] {
		if (!isObject(value) || !Array.isArray(value.items)) {
			throw new RecordError(
				400,
				'INVALID_CONTENT',
				`Error while accessing a resource. The sublist ${name} must be an object with an items array.`,
				name,
			);
		}
		const lines: Json[] = replace ? [] : structuredClone((existing as Json[] | undefined) ?? []);
		value.items.forEach((raw, index) => {
			const path = `${name}.items[${index}]`;
			if (!isObject(raw)) {
				throw new RecordError(400, 'INVALID_CONTENT', `Error while accessing a resource. Invalid sublist line.`, path);
			}
			const key = kind.lineKey;
			const matched = raw[key] !== undefined ? lines.find((l) => String(l[key]) === String(raw[key])) : undefined;
			const next = lines.reduce((max, l) => Math.max(max, Number(l[key])), 0) + 1;
			const line: Json = matched ?? { [key]: kind.lineType === 'string' ? String(next) : next };
			for (const [field, fieldValue] of Object.entries(raw)) {
				if (field === key || field === 'links') continue;
				const fieldKind = kind.fields[field];
				if (!fieldKind) {
					if (options.nameValidation === 'Error') {
						throw new RecordError(
							400,
							'NONEXISTENT_FIELD',
							`Error while accessing a resource. The field ${field} does not exist on the ${schema.type} ${name} sublist.`,
							`${path}.${field}`,
						);
					}
					continue;
				}
				line[field] = this.fieldValue(field, fieldKind, fieldValue, `${path}.${field}`);
			}
			for (const required of kind.required) {
				if (line[required] === undefined) {
					throw new RecordError(
						400,
						'USER_ERROR',
						`Error while accessing a resource. Please enter value(s) for: ${required}.`,
						`${path}.${required}`,
					);
				}
			}
			if (!matched) lines.push(line);
		});
		return lines;
	}

	/** Values NetSuite sets from others: subsidiary from the customer or employee, line amounts, totals. */
	private derive(schema: RecordSchema, fields: Json): void {
		const refOf = (value: unknown) => value as StoredRef | undefined;
		if (schema.type === 'job' && !fields.subsidiary && refOf(fields.parent)) {
			const customer = this.get('customer', refOf(fields.parent)!.id);
			if (customer?.fields.subsidiary) fields.subsidiary = customer.fields.subsidiary;
		}
		if (schema.type === 'timeBill' && !fields.subsidiary && refOf(fields.employee)) {
			const employee = this.get('employee', refOf(fields.employee)!.id);
			if (employee?.fields.subsidiary) fields.subsidiary = employee.fields.subsidiary;
		}
		if (schema.type === 'invoice') {
			const lines = (fields.item as Json[] | undefined) ?? [];
			for (const line of lines) {
				if (line.amount === undefined && line.rate !== undefined) {
					line.amount = (cents(line.rate) * Number(line.quantity ?? 1)) / 100;
				}
				if (line.quantity === undefined) line.quantity = 1;
			}
			fields.total = lines.reduce((sum, line) => sum + cents(line.amount), 0) / 100;
			if (!fields.subsidiary && refOf(fields.entity)) {
				const customer = this.get('customer', refOf(fields.entity)!.id);
				if (customer?.fields.subsidiary) fields.subsidiary = customer.fields.subsidiary;
			}
		}
		if (schema.type === 'expenseReport') {
			const lines = (fields.expense as Json[] | undefined) ?? [];
			fields.total = lines.reduce((sum, line) => sum + cents(line.amount), 0) / 100;
			if (!fields.subsidiary && refOf(fields.entity)) {
				const employee = this.get('employee', refOf(fields.entity)!.id);
				if (employee?.fields.subsidiary) fields.subsidiary = employee.fields.subsidiary;
			}
		}
		if (schema.type === 'journalEntry') {
			const lines = (fields.line as Json[] | undefined) ?? [];
			fields.total = lines.reduce((sum, line) => sum + cents(line.debit), 0) / 100;
		}
		if (schema.type === 'billingSchedule') {
			// Milestone amounts are percentages of the project price; NetSuite bills what they leave as the initial amount.
			const percent = ((fields.milestone as Json[] | undefined) ?? []).reduce((sum, line) => sum + cents(line.milestoneAmount), 0);
			if (percent > 10000) {
				throw new RecordError(400, 'USER_ERROR', 'Error while accessing a resource. The milestone amounts total more than 100%.', 'milestone');
			}
			fields.initialAmountPercent = (10000 - percent) / 100;
		}
		if (schema.type === 'vendorBill') {
			const lines = (fields.expense as Json[] | undefined) ?? [];
			fields.total = lines.reduce((sum, line) => sum + cents(line.amount), 0) / 100;
			if (!fields.subsidiary && refOf(fields.entity)) {
				const vendor = this.get('vendor', refOf(fields.entity)!.id);
				if (vendor?.fields.subsidiary) fields.subsidiary = vendor.fields.subsidiary;
				if (!fields.currency && vendor?.fields.currency) fields.currency = vendor.fields.currency;
			}
		}
	}

	/** Required fields and the rules a transaction must meet before NetSuite saves it. */
	private check(schema: RecordSchema, fields: Json): void {
		for (const [field, label] of schema.required) {
			if (fields[field] === undefined || fields[field] === '') {
				throw new RecordError(400, 'USER_ERROR', `Error while accessing a resource. Please enter value(s) for: ${label}.`, field);
			}
		}
		const lines = (name: string) => (fields[name] as Json[] | undefined) ?? [];
		if (schema.type === 'invoice' && lines('item').length === 0) {
			throw new RecordError(400, 'USER_ERROR', 'Error while accessing a resource. You must enter at least one line item for this transaction.', 'item');
		}
		if (schema.type === 'vendorBill' && lines('expense').length === 0) {
			throw new RecordError(400, 'USER_ERROR', 'Error while accessing a resource. You must enter at least one line item for this transaction.', 'expense');
		}
		if (schema.type === 'expenseReport' && lines('expense').length === 0) {
			throw new RecordError(400, 'USER_ERROR', 'Error while accessing a resource. You must enter at least one line item for this transaction.', 'expense');
		}
		if (schema.type === 'journalEntry') {
			const journal = lines('line');
			if (journal.length < 2) {
				throw new RecordError(400, 'USER_ERROR', 'Error while accessing a resource. You must enter at least one line item for this transaction.', 'line');
			}
			journal.forEach((line, index) => {
				const debit = cents(line.debit);
				const credit = cents(line.credit);
				if ((debit === 0) === (credit === 0)) {
					throw new RecordError(
						400,
						'USER_ERROR',
						'Error while accessing a resource. Each journal line needs either a debit or a credit amount.',
						`line.items[${index}]`,
					);
				}
			});
			const debits = journal.reduce((sum, line) => sum + cents(line.debit), 0);
			const credits = journal.reduce((sum, line) => sum + cents(line.credit), 0);
			if (debits !== credits) {
				throw new RecordError(
					400,
					'USER_ERROR',
					`Error while accessing a resource. The transaction is not in balance: debits ${debits / 100}, credits ${credits / 100}.`,
					'line',
				);
			}
		}
	}

	// ── reads ──────────────────────────────────────────────────────────────────────────────────────────

	private refName(ref: StoredRef): string {
		const schema = schemaFor(ref.type);
		if (schema) {
			const record = this.get(schema.type, ref.id);
			return record ? schema.refName(record.fields) : '';
		}
		const lookup = this.lookups.get(ref.type)?.get(ref.id);
		return lookup ? String(lookup[LOOKUPS[ref.type].nameField] ?? '') : '';
	}

	private renderValue(kind: FieldKind, value: unknown, recordBase: string, base: string): unknown {
		if (kind.kind === 'ref') {
			const ref = value as StoredRef;
			return { links: [{ rel: 'self', href: `${base}/services/rest/record/v1/${ref.type}/${ref.id}` }], id: ref.id, refName: this.refName(ref) };
		}
		if (kind.kind === 'enum') {
			const id = (value as { id: string }).id;
			return { id, refName: kind.values[id] };
		}
		void recordBase;
		return value;
	}

	/** A record as GET returns it. Sublists are links unless expanded. */
	render(record: StoredRecord, base: string, options: { expandSubResources?: boolean; fields?: string[] } = {}): Json {
		const schema = SCHEMAS[record.type];
		const self = `${base}/services/rest/record/v1/${record.type}/${record.id}`;
		const out: Json = { links: [{ rel: 'self', href: self }] };
		const wanted = options.fields?.length ? new Set(options.fields) : undefined;
		const names = Object.keys(schema.fields)
			.filter((name) => record.fields[name] !== undefined)
			.concat('id')
			.sort();
		for (const name of names) {
			if (name === 'id') {
				out.id = record.id;
				continue;
			}
			if (wanted && !wanted.has(name)) continue;
			const kind = schema.fields[name];
			const value = record.fields[name];
			if (kind.kind === 'sublist') {
				const link = { rel: 'self', href: `${self}/${name}` };
				out[name] = options.expandSubResources
					? this.renderSublist(kind, value as Json[], self, base, name)
					: { links: [link] };
				continue;
			}
			out[name] = this.renderValue(kind, value, self, base);
		}
		out.refName = schema.refName(record.fields);
		return out;
	}

	renderSublist(kind: Extract<FieldKind, { kind: 'sublist' }>, lines: Json[], self: string, base: string, name: string): Json {
		const items = lines.map((line) => {
			const rendered: Json = { links: [] };
			for (const [field, value] of Object.entries(line).sort(([a], [b]) => a.localeCompare(b))) {
				rendered[field] = field === kind.lineKey ? value : this.renderValue(kind.fields[field], value, self, base);
			}
			return rendered;
		});
		return {
			links: [{ rel: 'self', href: `${self}/${name}` }],
			count: items.length,
			hasMore: false,
			items,
			offset: 0,
			totalResults: items.length,
		};
	}

	/** A lookup record as GET returns it: references `{links, id, refName}` and select values `{id, refName}`, like every record. */
	renderLookup(type: string, id: string, base: string): Json | undefined {
		const lookup = this.lookups.get(type)?.get(id);
		if (!lookup) return undefined;
		const schema = LOOKUPS[type];
		const out: Json = { links: [{ rel: 'self', href: `${base}/services/rest/record/v1/${type}/${id}` }] };
		for (const [name, value] of Object.entries(lookup).sort(([a], [b]) => a.localeCompare(b))) {
			if (name === 'id' || value === undefined || value === null) continue;
			const refType = schema.refs?.[name];
			const select = schema.selects?.[name];
			if (refType) out[name] = this.renderValue({ kind: 'ref', to: [refType] }, { id: String(value), type: refType } satisfies StoredRef, '', base);
			else if (select) out[name] = this.renderValue({ kind: 'enum', values: select }, { id: String(value) }, '', base);
			else out[name] = value;
		}
		out.id = id;
		out.refName = String(lookup[schema.nameField] ?? '');
		return out;
	}

	// ── SuiteQL ────────────────────────────────────────────────────────────────────────────────────────

	/** Rows of a SuiteQL table, column names lower case as SuiteQL returns them, booleans as 'T'/'F'. */
	tableRows(table: string): Json[] | undefined {
		const lower = table.toLowerCase();
		const schemas = Object.values(SCHEMAS).filter((schema) => schema.table === lower);
		if (schemas.length) {
			const rows: Json[] = [];
			for (const schema of schemas) for (const record of this.all(schema.type)) rows.push(this.row(schema, record));
			return rows.sort((a, b) => Number(a.id) - Number(b.id));
		}
		const lookup = Object.entries(LOOKUPS).find(([, info]) => info.table === lower);
		if (!lookup) return undefined;
		return this.lookupRows(lookup[0]).map((fields) => this.lowerCaseRow(fields));
	}

	/** Every column a table has, whether or not a row sets it (for "field not found" errors). */
	tableColumns(table: string): Set<string> | undefined {
		const lower = table.toLowerCase();
		const schemas = Object.values(SCHEMAS).filter((schema) => schema.table === lower);
		if (schemas.length) {
			const columns = new Set(['id']);
			for (const schema of schemas) {
				for (const [name, kind] of Object.entries(schema.fields)) if (kind.kind !== 'sublist') columns.add(name.toLowerCase());
				if (schema.transactionType) ['type', 'foreigntotal'].forEach((c) => columns.add(c));
				if (schema.type === 'job') columns.add('customer');
			}
			return columns;
		}
		const lookup = Object.entries(LOOKUPS).find(([, info]) => info.table === lower);
		if (!lookup) return undefined;
		const columns = new Set(['id']);
		for (const row of this.lookupRows(lookup[0])) for (const key of Object.keys(row)) columns.add(key.toLowerCase());
		return columns;
	}

	private lowerCaseRow(fields: Json): Json {
		const row: Json = {};
		for (const [name, value] of Object.entries(fields)) {
			if (value === undefined || value === null) continue;
			row[name.toLowerCase()] = typeof value === 'boolean' ? (value ? 'T' : 'F') : value;
		}
		return row;
	}

	private row(schema: RecordSchema, record: StoredRecord): Json {
		const row: Json = { id: record.id };
		for (const [name, kind] of Object.entries(schema.fields)) {
			const value = record.fields[name];
			if (value === undefined || value === null || kind.kind === 'sublist') continue;
			const column = name.toLowerCase();
			if (kind.kind === 'ref' || kind.kind === 'enum') row[column] = (value as { id: string }).id;
			else if (kind.kind === 'boolean') row[column] = value ? 'T' : 'F';
			else row[column] = value;
		}
		if (schema.transactionType) {
			row.type = schema.transactionType;
			if (record.fields.total !== undefined) row.foreigntotal = record.fields.total;
		}
		if (schema.type === 'job' && record.fields.parent) row.customer = (record.fields.parent as StoredRef).id;
		return row;
	}

	lookupTypeFor(type: string): string | undefined {
		return lookupFor(type);
	}
}
