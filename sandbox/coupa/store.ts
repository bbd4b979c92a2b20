/**
 * The Coupa instance the sandbox serves: records in Coupa's JSON shape (dashed attribute names, money as decimal
 * text, references as nested objects), the collections the node reads and writes, Coupa's query language
 * (`attribute[operator]=value`, nested `parent[child]`, dashes and underscores alike), `fields`, `return_object`,
 * `order_by` / `dir`, and the writes (required attributes, a supplier's invoice number used once, `exported`).
 */
export type Json = Record<string, any>;

export class CoupaError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
	}
}

/** Coupa's validation answer: attribute → messages. */
export function validationError(attribute: string, message: string): CoupaError {
	return new CoupaError(422, { errors: { [attribute]: [message] } });
}

export interface CollectionDef {
	name: string;
	/** OAuth scope object: `core.<object>.read|write`. */
	scope: string;
	/** Attributes a create must carry. */
	required: string[];
	/** Inline child collection (`order-lines`, `invoice-lines`, `expense-lines`) and the collection it also lists as. */
	/** `parentKey`: the attribute naming the parent on a line, where Coupa's line has one (invoice lines do not). */
	lines?: { attribute: string; collection: string; parentKey?: string };
	/** Coupa keeps no created-at / updated-at on some lookups (currencies). */
	untimed?: boolean;
	creatable: boolean;
	updatable: boolean;
	/** Attributes a write may set beyond Coupa's read-only ones. */
	readOnly: string[];
}

const READ_ONLY = ['id', 'created-at', 'updated-at', 'created-by', 'updated-by'];

export const COLLECTIONS: Record<string, CollectionDef> = {
	purchase_orders: { name: 'purchase_orders', scope: 'core.purchase_order', required: ['po-number', 'supplier', 'order-lines'], lines: { attribute: 'order-lines', collection: 'purchase_order_lines', parentKey: 'order-header-id' }, creatable: true, updatable: true, readOnly: [...READ_ONLY, 'status', 'version'] },
	purchase_order_lines: { name: 'purchase_order_lines', scope: 'core.purchase_order', required: ['order-header-id', 'description', 'price'], creatable: false, updatable: false, readOnly: [...READ_ONLY, 'total', 'invoiced'] },
	inventory_transactions: { name: 'inventory_transactions', scope: 'core.inventory.receiving', required: ['type', 'order-line'], creatable: true, updatable: false, readOnly: [...READ_ONLY, 'status'] },
	invoices: { name: 'invoices', scope: 'core.invoice', required: ['invoice-number', 'invoice-date', 'supplier', 'currency', 'invoice-lines'], lines: { attribute: 'invoice-lines', collection: 'invoice_lines' }, creatable: false, updatable: true, readOnly: [...READ_ONLY, 'status', 'gross-total', 'total-with-taxes', 'paid'] },
	suppliers: { name: 'suppliers', scope: 'core.supplier', required: ['name'], creatable: true, updatable: true, readOnly: READ_ONLY },
	projects: { name: 'projects', scope: 'core.project', required: ['name', 'start-date', 'end-date'], creatable: true, updatable: true, readOnly: [...READ_ONLY, 'status'] },
	expense_reports: { name: 'expense_reports', scope: 'core.expense', required: ['title'], lines: { attribute: 'expense-lines', collection: 'expense_lines', parentKey: 'expense-report-id' }, creatable: false, updatable: true, readOnly: [...READ_ONLY, 'status', 'total'] },
	expense_lines: { name: 'expense_lines', scope: 'core.expense', required: [], creatable: false, updatable: false, readOnly: READ_ONLY },
	exchange_rates: { name: 'exchange_rates', scope: 'core.common', required: ['from-currency', 'to-currency', 'rate'], creatable: true, updatable: false, readOnly: READ_ONLY },
	lookup_values: { name: 'lookup_values', scope: 'core.common', required: ['name', 'lookup'], creatable: true, updatable: true, readOnly: READ_ONLY },
	accounts: { name: 'accounts', scope: 'core.accounting', required: ['account-type'], creatable: true, updatable: true, readOnly: [...READ_ONLY, 'code'] },
	currencies: { name: 'currencies', scope: 'core.common', required: ['code'], untimed: true, creatable: false, updatable: false, readOnly: READ_ONLY },
	users: { name: 'users', scope: 'core.user', required: ['login'], creatable: false, updatable: false, readOnly: READ_ONLY },
};

/** Coupa treats `invoice_number` and `invoice-number` alike in queries and bodies. */
export function dashed(name: string): string {
	return name.replace(/_/g, '-');
}

function keyIn(record: Json, name: string): string | undefined {
	const want = dashed(name).toLowerCase();
	return Object.keys(record).find((key) => dashed(key).toLowerCase() === want);
}

/** Every value at `parent[child]…` (through arrays of lines), for matching. */
export function valuesAt(record: unknown, path: string[]): unknown[] {
	if (path.length === 0) return [record];
	if (Array.isArray(record)) return record.flatMap((entry) => valuesAt(entry, path));
	if (!record || typeof record !== 'object') return [];
	const key = keyIn(record as Json, path[0]);
	return key === undefined ? [] : valuesAt((record as Json)[key], path.slice(1));
}

export const OPERATORS = ['eq', 'not_eq', 'contains', 'starts_with', 'ends_with', 'gt', 'lt', 'gt_or_eq', 'lt_or_eq', 'in', 'not_in', 'blank'];

export interface Condition {
	path: string[];
	operator: string;
	value: string;
}

/** `supplier[name][contains]` → path supplier.name, operator contains; `status` → eq. */
export function parseCondition(name: string, value: string): Condition {
	const parts = [...name.matchAll(/([^[\]]+)/g)].map((m) => m[1]);
	if (!/^[a-z][a-z0-9_-]*(\[[a-z0-9_-]+\])*$/i.test(name) || !parts.length) throw new CoupaError(400, { errors: { base: [`Invalid query parameter ${name}`] } });
	const last = parts[parts.length - 1];
	if (parts.length > 1 && OPERATORS.includes(last)) return { path: parts.slice(0, -1), operator: last, value };
	return { path: parts, operator: 'eq', value };
}

function comparable(a: unknown, b: string): [number, number] | [string, string] {
	const text = a === null || a === undefined ? '' : String(a);
	if (/^-?\d+(\.\d+)?$/.test(text) && /^-?\d+(\.\d+)?$/.test(b)) return [Number(text), Number(b)];
	const at = Date.parse(text);
	const bt = Date.parse(b);
	if (/^\d{4}-\d{2}-\d{2}/.test(text) && /^\d{4}-\d{2}-\d{2}/.test(b) && !Number.isNaN(at) && !Number.isNaN(bt)) return [at, bt];
	return [text.toLowerCase(), b.toLowerCase()];
}

function scalar(value: unknown): unknown {
	// A reference compared by value means its id (`supplier=7`).
	if (value && typeof value === 'object' && !Array.isArray(value) && 'id' in (value as Json)) return (value as Json).id;
	return value;
}

export function matches(record: Json, condition: Condition): boolean {
	const values = valuesAt(record, condition.path).map(scalar);
	const { operator, value } = condition;
	if (operator === 'blank') {
		const blank = values.length === 0 || values.every((v) => v === null || v === undefined || v === '');
		return value === 'false' ? !blank : blank;
	}
	const list = value.split(',').map((v) => v.trim());
	return values.some((v) => {
		const text = v === null || v === undefined ? '' : String(v);
		const [x, y] = comparable(v, value);
		switch (operator) {
			case 'eq':
				return x === y;
			case 'not_eq':
				return x !== y;
			case 'contains':
				return text.toLowerCase().includes(value.toLowerCase());
			case 'starts_with':
				return text.toLowerCase().startsWith(value.toLowerCase());
			case 'ends_with':
				return text.toLowerCase().endsWith(value.toLowerCase());
			case 'gt':
				return x > y;
			case 'lt':
				return x < y;
			case 'gt_or_eq':
				return x >= y;
			case 'lt_or_eq':
				return x <= y;
			case 'in':
				return list.some((item) => comparable(v, item)[0] === comparable(v, item)[1]);
			case 'not_in':
				return !list.some((item) => comparable(v, item)[0] === comparable(v, item)[1]);
			default:
				return false;
		}
	});
}

/** `fields=["id",{"supplier":["name"]}]` applied to a record. */
export function project(record: unknown, fields: unknown[]): unknown {
	if (Array.isArray(record)) return record.map((entry) => project(entry, fields));
	if (!record || typeof record !== 'object') return record;
	const out: Json = {};
	for (const field of fields) {
		if (typeof field === 'string') {
			const key = keyIn(record as Json, field);
			if (key !== undefined) out[key] = (record as Json)[key];
		} else if (field && typeof field === 'object') {
			for (const [name, nested] of Object.entries(field as Json)) {
				const key = keyIn(record as Json, name);
				if (key !== undefined) out[key] = Array.isArray(nested) && nested.length ? project((record as Json)[key], nested) : (record as Json)[key];
			}
		}
	}
	return out;
}

/** `return_object=shallow`: attributes, and only the id and natural keys of associations. */
export function shallow(record: Json): Json {
	const out: Json = {};
	for (const [key, value] of Object.entries(record)) {
		if (Array.isArray(value)) out[key] = value.map((entry) => (entry && typeof entry === 'object' ? naturalKeys(entry as Json) : entry));
		else if (value && typeof value === 'object') out[key] = naturalKeys(value as Json);
		else out[key] = value;
	}
	return out;
}

function naturalKeys(record: Json): Json {
	const out: Json = {};
	for (const key of ['id', 'name', 'code', 'number', 'login', 'po-number', 'invoice-number', 'line-num']) if (key in record) out[key] = record[key];
	return out;
}

export class CoupaStore {
	readonly collections = new Map<string, Map<number, Json>>();
	private nextId = 1000;
	/** A fixed clock for seeded records, a moving one for writes. */
	now: () => string = () => new Date().toISOString();

	constructor() {
		for (const name of Object.keys(COLLECTIONS)) this.collections.set(name, new Map());
	}

	clear(): void {
		for (const records of this.collections.values()) records.clear();
		this.nextId = 1000;
	}

	id(): number {
		return this.nextId++;
	}

	insert(collection: string, record: Json): Json {
		const id = typeof record.id === 'number' ? record.id : this.id();
		const stamp = this.now();
		const def = COLLECTIONS[collection];
		const stored: Json = def.untimed ? { id, ...record } : { id, 'created-at': record['created-at'] ?? stamp, 'updated-at': record['updated-at'] ?? stamp, ...record };
		stored.id = id;
		const lines = def.lines;
		if (lines) {
			stored[lines.attribute] = ((stored[lines.attribute] as Json[] | undefined) ?? []).map((line) => ({ id: this.id(), 'created-at': stamp, 'updated-at': stamp, ...line, ...(lines.parentKey ? { [lines.parentKey]: id } : {}) }));
		}
		this.collections.get(collection)!.set(id, stored);
		return stored;
	}

	/** Records of a collection; line collections are read through their parents. */
	all(collection: string): Json[] {
		const parent = Object.values(COLLECTIONS).find((def) => def.lines?.collection === collection);
		if (parent) {
			return [...this.collections.get(parent.name)!.values()].flatMap((record) =>
				((record[parent.lines!.attribute] as Json[] | undefined) ?? []).map((line) => this.lineView(parent, record, line)),
			);
		}
		return [...(this.collections.get(collection)?.values() ?? [])];
	}

	private lineView(parent: CollectionDef, record: Json, line: Json): Json {
		if (parent.name === 'purchase_orders') return { ...line, 'order-header-number': record['po-number'], supplier: line.supplier ?? record.supplier, currency: line.currency ?? record.currency, status: line.status ?? record.status };
		return { ...line };
	}

	find(collection: string, id: number): Json | undefined {
		return this.all(collection).find((record) => record.id === id);
	}

	/** The parent record holding a line, and the line. */
	lineOwner(collection: string, id: number): { parent: Json; line: Json; def: CollectionDef } | undefined {
		const def = Object.values(COLLECTIONS).find((d) => d.lines?.collection === collection);
		if (!def) return undefined;
		for (const record of this.collections.get(def.name)!.values()) {
			const line = ((record[def.lines!.attribute] as Json[]) ?? []).find((l) => l.id === id);
			if (line) return { parent: record, line, def };
		}
		return undefined;
	}

	snapshot(): Json {
		return Object.fromEntries([...this.collections.entries()].map(([name, records]) => [name, [...records.values()]]));
	}
}
