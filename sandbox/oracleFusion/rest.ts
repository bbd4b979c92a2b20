/**
 * The small REST core of the Oracle sandbox: the ADF REST framework's behaviour for any resource described in a
 * table (attributes with types, create-only and read-only attributes, required ones, key kind, child
 * collections, alternate keys for Upsert-Mode), on the shared sandbox server. It answers: the collection
 * envelope (`items`, `count`, `hasMore`, `limit`, `offset`, `links`, `totalResults` on request), `q` (query by
 * example under framework version 1, row-match expressions from version 2), `finder`, `fields` / `expand`
 * (refused together), `onlyData`, `orderBy`, `limit` ≤ 500 (default 25); items with `links` and an `ETag`; POST
 * (201) and `Upsert-Mode`; PATCH with `If-Match` (412 on a stale ETag); DELETE (204); child collections
 * (`<item>/child/<Child>`); `describe`; and batches (`application/vnd.oracle.adf.batch+json`), all or none, with
 * only the failing parts returned. Errors are JSON problem details (`o:errorDetails` with `o:errorPath`) from
 * framework version 4, and terse plain text below it, as Oracle answers.
 */
import { createHash } from 'crypto';

import type { SandboxRequest, SandboxResponse } from '../core/server';
import { parseExpression, parseQueryByExample, QSyntaxError } from './q';
import type { Row } from './q';

export type AttributeType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';

export interface AttributeDef {
	name: string;
	type: AttributeType;
	/** Set only by Oracle (keys, audit columns, derived values). */
	readOnly?: boolean;
	/** Taken on create, refused on update. */
	createOnly?: boolean;
	mandatory?: boolean;
	maxLength?: number;
	title?: string;
}

export interface FieldError {
	attribute?: string;
	message: string;
	code?: string;
}

export interface ResourceDef {
	name: string;
	key: string;
	keyKind: 'number' | 'hash' | 'text';
	attributes: AttributeDef[];
	children?: ResourceDef[];
	/** Alternate keys Upsert-Mode matches a payload on (the first set whose values the payload carries). */
	upsertKeys?: string[][];
	writable?: boolean;
	deletable?: boolean;
	/** Business rules on a create or update (after types and required attributes), with the rows as they are. */
	validate?(row: Row, mode: 'create' | 'update', store: OracleStore, parent?: Row): FieldError[];
	/** Defaults and derived values on create. */
	complete?(row: Row, store: OracleStore, parent?: Row): void;
	/** Derived values once the row has its children (totals). */
	afterCreate?(row: Row, store: OracleStore): void;
	finders?: Record<string, (variables: Record<string, string>, row: Row) => boolean>;
}

export class OracleRestError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly details: FieldError[] = [],
		readonly errorCode = 'ORA_REST_ERROR',
	) {
		super(message);
	}
}

const STATUS_TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 412: 'Precondition Failed', 429: 'Too Many Requests', 500: 'Internal Server Error' };

/** The framework version a request asked for (the sandbox's default is 1, as a new pod's often is). */
export function frameworkVersion(request: SandboxRequest): number {
	const header = request.headers['rest-framework-version'];
	const version = header === undefined ? 1 : Number(header);
	return Number.isInteger(version) && version >= 1 && version <= 9 ? version : 1;
}

/** Oracle's error: problem details with `o:errorDetails` from framework version 4, plain text below. */
export function problem(error: OracleRestError, version: number, resourcePath = ''): SandboxResponse {
	const text = error.details.length ? error.details.map((d) => d.message).join('\n') : error.message;
	if (version < 4) return { status: error.status, headers: { 'Content-Type': 'text/plain' }, body: text };
	return {
		status: error.status,
		headers: { 'Content-Type': 'application/vnd.oracle.adf.error+json' },
		body: problemBody(error, resourcePath),
	};
}

export function problemBody(error: OracleRestError, resourcePath = ''): Record<string, unknown> {
	return {
		type: 'http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
		title: STATUS_TITLES[error.status] ?? 'Error',
		status: String(error.status),
		detail: error.message,
		'o:errorCode': error.errorCode,
		'o:errorDetails': (error.details.length ? error.details : [{ message: error.message }]).map((d) => ({
			detail: d.message,
			'o:errorCode': d.code ?? error.errorCode,
			...(d.attribute ? { 'o:errorPath': `${resourcePath}/${d.attribute}` } : {}),
		})),
	};
}

export function hashKey(...parts: unknown[]): string {
	return `00020000000EACED0005${createHash('sha1').update(parts.map(String).join('\u0000')).digest('hex').toUpperCase()}`;
}

/** The rows of every resource (children live inside their parent row), with key sequences and versions. */
export class OracleStore {
	readonly rows = new Map<string, Row[]>();
	private sequence = 300000001000000;

	constructor(readonly resources: ResourceDef[]) {
		for (const def of resources) this.rows.set(def.name, []);
	}

	def(name: string): ResourceDef | undefined {
		return this.resources.find((d) => d.name === name);
	}

	all(name: string): Row[] {
		return this.rows.get(name) ?? [];
	}

	nextId(): number {
		return ++this.sequence;
	}

	/** Kept on the row under a name no resource has, so a batch rollback (a deep copy) keeps it. */
	version(row: Row): number {
		return typeof row.__version === 'number' ? row.__version : 1;
	}

	touch(row: Row): void {
		row.__version = this.version(row) + 1;
	}

	etag(row: Row, def: ResourceDef): string {
		return `"${createHash('sha1').update(`${def.name}:${String(row[def.key])}:${this.version(row)}`).digest('hex').slice(0, 24).toUpperCase()}"`;
	}

	/** Inserts a row as seed data (no validation), filling its key. */
	insert(name: string, row: Row, parent?: { row: Row; child: string }): Row {
		const def = parent ? this.def(parent.child) ?? this.childDef(name, parent.child) : this.def(name);
		if (!def) throw new Error(`unknown resource ${name}`);
		if (row[def.key] === undefined && def.keyKind === 'number') row[def.key] = this.nextId();
		if (parent) {
			const list = (parent.row[parent.child] ?? []) as Row[];
			list.push(row);
			parent.row[parent.child] = list;
		} else this.all(name).push(row);
		return row;
	}

	childDef(parentName: string, child: string): ResourceDef | undefined {
		return this.def(parentName)?.children?.find((c) => c.name === child);
	}

	find(name: string, key: string): Row | undefined {
		const def = this.def(name);
		return def ? this.all(name).find((row) => String(row[def.key]) === key) : undefined;
	}

	/** A deep copy of every resource's rows (batch rollback). */
	checkpoint(): Map<string, Row[]> {
		return new Map([...this.rows].map(([name, rows]) => [name, rows.map((r) => structuredClone(r))]));
	}

	restore(checkpoint: Map<string, Row[]>): void {
		for (const [name, rows] of checkpoint) this.rows.set(name, rows);
	}
}

function typeProblem(attribute: AttributeDef, value: unknown): string | undefined {
	if (value === null) return undefined;
	switch (attribute.type) {
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value) ? undefined : 'must be an integer';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
		case 'boolean':
			return typeof value === 'boolean' ? undefined : 'must be true or false';
		case 'date':
			return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : 'must be a date yyyy-MM-dd';
		case 'datetime':
			return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : 'must be a date-time';
		default:
			if (typeof value !== 'string') return 'must be text';
			return attribute.maxLength && value.length > attribute.maxLength ? `is longer than ${attribute.maxLength} characters` : undefined;
	}
}

/** Types, unknown, read-only, create-only and required attributes of a payload. */
export function checkPayload(def: ResourceDef, payload: Record<string, unknown>, mode: 'create' | 'update'): FieldError[] {
	const errors: FieldError[] = [];
	const childNames = new Set((def.children ?? []).map((c) => c.name));
	for (const [name, value] of Object.entries(payload)) {
		if (childNames.has(name) && mode === 'create') continue;
		const attribute = def.attributes.find((a) => a.name === name);
		if (!attribute) {
			errors.push({ attribute: name, message: `The attribute ${name} is not found in the resource ${def.name}.`, code: 'ATTRIBUTE_NOT_FOUND' });
			continue;
		}
		if (attribute.readOnly) errors.push({ attribute: name, message: `Attempt to set a value for the read-only attribute ${name}.`, code: 'ATTRIBUTE_READ_ONLY' });
		else if (mode === 'update' && attribute.createOnly) errors.push({ attribute: name, message: `The attribute ${name} can only be set when the row is created.`, code: 'ATTRIBUTE_NOT_UPDATABLE' });
		const wrong = typeProblem(attribute, value);
		if (wrong) errors.push({ attribute: name, message: `The value of the attribute ${name} ${wrong}.`, code: 'INVALID_VALUE' });
	}
	if (mode === 'create') {
		for (const attribute of def.attributes.filter((a) => a.mandatory)) {
			const value = payload[attribute.name];
			if (value === undefined || value === null || value === '') errors.push({ attribute: attribute.name, message: `The attribute ${attribute.name} is required.`, code: 'ATTRIBUTE_REQUIRED' });
		}
	}
	return errors;
}

export interface Addressed {
	def: ResourceDef;
	rows: Row[];
	/** Path of the collection below the service root (for links and error paths). */
	path: string;
	parent?: Row;
}

export interface ListOptions {
	query: URLSearchParams;
	version: number;
	baseUrl: string;
}

function present(def: ResourceDef, row: Row, store: OracleStore, options: { onlyData: boolean; fields?: Map<string, string[]>; expand: Set<string> | 'all'; href: string }): Row {
	const out: Row = {};
	const own = options.fields?.get('') ;
	for (const attribute of def.attributes) {
		if (own && !own.includes(attribute.name)) continue;
		if (attribute.name in row) out[attribute.name] = row[attribute.name];
	}
	for (const child of def.children ?? []) {
		const childFields = options.fields?.get(child.name);
		const expanded = options.expand === 'all' || options.expand.has(child.name) || childFields !== undefined;
		if (!expanded) continue;
		const childRows = (row[child.name] ?? []) as Row[];
		out[child.name] = childRows.map((c) =>
			present(child, c, store, { onlyData: options.onlyData, fields: childFields ? new Map([['', childFields]]) : undefined, expand: new Set(), href: `${options.href}/child/${child.name}/${String(c[child.key])}` }),
		);
	}
	if (!options.onlyData) {
		out.links = [
			{ rel: 'self', href: options.href, name: def.name, kind: 'item', properties: { changeIndicator: store.etag(row, def).replace(/"/g, '') } },
			{ rel: 'canonical', href: options.href, name: def.name, kind: 'item' },
			...(def.children ?? []).map((c) => ({ rel: 'child', href: `${options.href}/child/${c.name}`, name: c.name, kind: 'collection' })),
		];
	}
	return out;
}

/** `fields=A,B;Child:X,Y` → '' → [A, B], Child → [X, Y]. */
function parseFields(value: string | null, def: ResourceDef): Map<string, string[]> | undefined {
	if (value === null || value === '') return undefined;
	const out = new Map<string, string[]>();
	for (const group of value.split(';')) {
		const [head, rest] = group.includes(':') ? group.split(':') : ['', group];
		const target = head ? def.children?.find((c) => c.name === head) : def;
		if (!target) throw new OracleRestError(400, `The child ${head} in the fields parameter is not found in the resource ${def.name}.`);
		const names = rest.split(',').map((s) => s.trim()).filter(Boolean);
		for (const name of names) {
			if (!target.attributes.some((a) => a.name === name)) throw new OracleRestError(400, `The attribute ${name} in the fields parameter is not found in the resource ${target.name}.`);
		}
		out.set(head, names);
	}
	return out;
}

function parseExpand(value: string | null, def: ResourceDef): Set<string> | 'all' {
	if (!value) return new Set();
	if (value === 'all') return 'all';
	const names = new Set(value.split(',').map((s) => s.trim().split('.')[0]));
	for (const name of names) if (!def.children?.some((c) => c.name === name)) throw new OracleRestError(400, `The child ${name} in the expand parameter is not found in the resource ${def.name}.`);
	return names;
}

function shapeOptions(query: URLSearchParams, def: ResourceDef) {
	if (query.get('fields') && query.get('expand')) throw new OracleRestError(400, 'The fields and expand query parameters cannot be used together.');
	return { onlyData: query.get('onlyData') === 'true', fields: parseFields(query.get('fields'), def), expand: parseExpand(query.get('expand'), def) };
}

/** A collection GET: filter (q, finder), sort, page, shape. */
export function listCollection(store: OracleStore, target: Addressed, options: ListOptions): SandboxResponse {
	const { query, version } = options;
	const def = target.def;
	const names = new Set(def.attributes.map((a) => a.name));
	let rows = target.rows;
	const q = query.get('q');
	if (q) {
		let predicate;
		try {
			predicate = version >= 2 ? parseExpression(q, names) : parseQueryByExample(q, names);
		} catch (error) {
			if (error instanceof QSyntaxError) throw new OracleRestError(400, `URL request parameter q with value ${q} is invalid: ${error.message}.`, [], 'INVALID_QUERY');
			throw error;
		}
		rows = rows.filter(predicate);
	}
	const finder = query.get('finder');
	if (finder) {
		const [name, rest = ''] = finder.split(';');
		const rule = def.finders?.[name];
		if (!rule) throw new OracleRestError(400, `The finder ${name} is not found in the resource ${def.name}.`);
		const variables: Record<string, string> = {};
		for (const pair of rest.split(',').filter(Boolean)) {
			const [key, ...value] = pair.split('=');
			variables[key] = value.join('=');
		}
		rows = rows.filter((row) => rule(variables, row));
	}
	const orderBy = query.get('orderBy');
	if (orderBy) {
		const keys = orderBy.split(',').map((part) => {
			const [name, direction = 'asc'] = part.split(':');
			if (!names.has(name)) throw new OracleRestError(400, `The attribute ${name} in the orderBy parameter is not found in the resource ${def.name}.`);
			return { name, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
		});
		rows = [...rows].sort((a, b) => {
			for (const key of keys) {
				const x = a[key.name];
				const y = b[key.name];
				if (x === y) continue;
				if (x === undefined || x === null) return 1;
				if (y === undefined || y === null) return -1;
				return (x < y ? -1 : 1) * key.sign;
			}
			return 0;
		});
	}
	const limitText = query.get('limit');
	const offsetText = query.get('offset');
	const limit = limitText === null ? 25 : Number(limitText);
	const offset = offsetText === null ? 0 : Number(offsetText);
	if (!Number.isInteger(limit) || limit < 1) throw new OracleRestError(400, `URL request parameter limit with value ${limitText} is invalid.`);
	if (!Number.isInteger(offset) || offset < 0) throw new OracleRestError(400, `URL request parameter offset with value ${offsetText} is invalid.`);
	const pageSize = Math.min(limit, 500);
	const page = rows.slice(offset, offset + pageSize);
	const shape = shapeOptions(query, def);
	const href = `${options.baseUrl}${target.path}`;
	const body: Row = {
		items: page.map((row) => present(def, row, store, { ...shape, href: `${href}/${encodeURIComponent(String(row[def.key]))}` })),
		count: page.length,
		hasMore: offset + page.length < rows.length,
		limit: pageSize,
		offset,
	};
	if (query.get('totalResults') === 'true') body.totalResults = rows.length;
	if (!shape.onlyData) body.links = [{ rel: 'self', href, name: def.name, kind: 'collection' }];
	return { status: 200, body };
}

export function getItem(store: OracleStore, target: Addressed, key: string, options: ListOptions): SandboxResponse {
	const row = target.rows.find((r) => String(r[target.def.key]) === key);
	if (!row) throw new OracleRestError(404, `The requested resource ${target.def.name} with key ${key} was not found.`);
	const shape = shapeOptions(options.query, target.def);
	return { status: 200, headers: { ETag: store.etag(row, target.def) }, body: present(target.def, row, store, { ...shape, href: `${options.baseUrl}${target.path}/${encodeURIComponent(key)}` }) };
}

function applyCreate(store: OracleStore, target: Addressed, payload: Row): Row {
	const def = target.def;
	if (def.writable === false) throw new OracleRestError(405, `Invalid operation create for the specified resource.`);
	const errors = checkPayload(def, payload, 'create');
	const row: Row = {};
	for (const [name, value] of Object.entries(payload)) if (!(def.children ?? []).some((c) => c.name === name)) row[name] = value;
	if (!errors.length) def.complete?.(row, store, target.parent);
	if (!errors.length) errors.push(...(def.validate?.(row, 'create', store, target.parent) ?? []));
	const childErrors: FieldError[] = [];
	const childRows: Array<[ResourceDef, Row[]]> = [];
	for (const child of def.children ?? []) {
		const given = payload[child.name];
		if (given === undefined) continue;
		if (!Array.isArray(given)) {
			childErrors.push({ attribute: child.name, message: `The child ${child.name} must be an array of rows.` });
			continue;
		}
		const rows: Row[] = [];
		for (const childPayload of given as Row[]) {
			const problems = checkPayload(child, childPayload, 'create');
			const childRow = { ...childPayload };
			if (!problems.length) child.complete?.(childRow, store, row);
			childErrors.push(...problems.map((p) => ({ ...p, attribute: p.attribute ? `${child.name}/${p.attribute}` : child.name })));
			if (child.keyKind === 'number' && childRow[child.key] === undefined) childRow[child.key] = store.nextId();
			rows.push(childRow);
		}
		childRows.push([child, rows]);
	}
	if (errors.length || childErrors.length) throw new OracleRestError(400, `The ${def.name} row was not created.`, [...errors, ...childErrors], 'VALIDATION_FAILED');
	if (row[def.key] === undefined) row[def.key] = def.keyKind === 'hash' ? hashKey(def.name, store.nextId()) : store.nextId();
	for (const [child, rows] of childRows) row[child.name] = rows;
	def.afterCreate?.(row, store);
	target.rows.push(row);
	return row;
}

function applyUpdate(store: OracleStore, target: Addressed, row: Row, payload: Row, ifMatch: string | undefined): Row {
	const def = target.def;
	if (def.writable === false) throw new OracleRestError(405, 'Invalid operation update for the specified resource.');
	if (ifMatch !== undefined && ifMatch !== '*' && !ifMatch.split(',').map((s) => s.trim()).includes(store.etag(row, def))) {
		throw new OracleRestError(412, `The ${def.name} row with key ${String(row[def.key])} was changed by another user; its ETag no longer matches If-Match.`, [], 'PRECONDITION_FAILED');
	}
	const errors = checkPayload(def, payload, 'update');
	const next = { ...row, ...payload };
	if (!errors.length) errors.push(...(def.validate?.(next, 'update', store, target.parent) ?? []));
	if (errors.length) throw new OracleRestError(400, `The ${def.name} row was not updated.`, errors, 'VALIDATION_FAILED');
	Object.assign(row, payload);
	store.touch(row);
	return row;
}

/** Upsert-Mode: the row whose alternate key the payload carries, or undefined (then it is created). */
function upsertMatch(target: Addressed, payload: Row): Row | undefined {
	for (const keys of target.def.upsertKeys ?? []) {
		if (!keys.every((k) => payload[k] !== undefined && payload[k] !== null)) continue;
		return target.rows.find((row) => keys.every((k) => row[k] === payload[k]));
	}
	return undefined;
}

export function createItem(store: OracleStore, target: Addressed, payload: unknown, options: { upsert: boolean; baseUrl: string }): SandboxResponse {
	if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new OracleRestError(400, 'The request body is not a JSON object.');
	const body = payload as Row;
	const existing = options.upsert ? upsertMatch(target, body) : undefined;
	if (existing) {
		const updates = Object.fromEntries(Object.entries(body).filter(([name]) => !(target.def.upsertKeys ?? []).flat().includes(name) && !target.def.attributes.find((a) => a.name === name)?.createOnly && !(target.def.children ?? []).some((c) => c.name === name)));
		const row = applyUpdate(store, target, existing, updates, undefined);
		return { status: 200, headers: { ETag: store.etag(row, target.def) }, body: present(target.def, row, store, { onlyData: false, expand: 'all', href: `${options.baseUrl}${target.path}/${String(row[target.def.key])}` }) };
	}
	const row = applyCreate(store, target, body);
	const href = `${options.baseUrl}${target.path}/${encodeURIComponent(String(row[target.def.key]))}`;
	return { status: 201, headers: { Location: href, ETag: store.etag(row, target.def) }, body: present(target.def, row, store, { onlyData: false, expand: 'all', href }) };
}

export function updateItem(store: OracleStore, target: Addressed, key: string, payload: unknown, options: { ifMatch?: string; baseUrl: string }): SandboxResponse {
	const row = target.rows.find((r) => String(r[target.def.key]) === key);
	if (!row) throw new OracleRestError(404, `The requested resource ${target.def.name} with key ${key} was not found.`);
	if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new OracleRestError(400, 'The request body is not a JSON object.');
	applyUpdate(store, target, row, payload as Row, options.ifMatch);
	return { status: 200, headers: { ETag: store.etag(row, target.def) }, body: present(target.def, row, store, { onlyData: false, expand: new Set(), href: `${options.baseUrl}${target.path}/${encodeURIComponent(key)}` }) };
}

export function deleteItem(target: Addressed, key: string): SandboxResponse {
	if (target.def.deletable === false) throw new OracleRestError(405, 'Invalid operation delete for the specified resource.');
	const index = target.rows.findIndex((r) => String(r[target.def.key]) === key);
	if (index < 0) throw new OracleRestError(404, `The requested resource ${target.def.name} with key ${key} was not found.`);
	target.rows.splice(index, 1);
	return { status: 204 };
}

export function describe(def: ResourceDef): Record<string, unknown> {
	const attributes = (d: ResourceDef) =>
		d.attributes.map((a) => ({
			name: a.name,
			type: a.type,
			updatable: !a.readOnly && !a.createOnly,
			mandatory: a.mandatory === true,
			queryable: true,
			allowChanges: a.readOnly ? 'never' : a.createOnly ? 'createOnly' : 'always',
			...(a.maxLength ? { precision: a.maxLength } : {}),
			title: a.title ?? a.name.replace(/([a-z])([A-Z])/g, '$1 $2'),
		}));
	return {
		Resources: {
			[def.name]: {
				discrColumnType: false,
				title: def.name,
				attributes: attributes(def),
				collection: { rangeSize: 25, finders: Object.keys(def.finders ?? {}).map((name) => ({ name })) },
				item: { links: [] },
				children: Object.fromEntries((def.children ?? []).map((c) => [c.name, { discrColumnType: false, title: c.name, attributes: attributes(c) }])),
			},
		},
	};
}

export interface BatchPartRequest {
	id?: unknown;
	path?: unknown;
	operation?: unknown;
	payload?: unknown;
}

/**
 * A batch: every part run in order on the live rows; if any fails, the rows are restored (none is processed)
 * and only the failing parts come back, each with its `exception`. Otherwise every part with its result.
 */
export function runBatch(store: OracleStore, body: unknown, resolve: (path: string) => { target: Addressed; key?: string }, baseUrl: string): SandboxResponse {
	const parts = (body as { parts?: unknown } | undefined)?.parts;
	if (!Array.isArray(parts) || parts.length === 0) throw new OracleRestError(400, 'The batch request has no parts.');
	const checkpoint = store.checkpoint();
	const results: Row[] = [];
	const failures: Row[] = [];
	for (const part of parts as BatchPartRequest[]) {
		const id = String(part.id ?? '');
		try {
			if (!id) throw new OracleRestError(400, 'A batch part needs an id.');
			if (typeof part.path !== 'string') throw new OracleRestError(400, `The part ${id} has no path.`);
			const { target, key } = resolve(part.path);
			let response: SandboxResponse;
			switch (part.operation) {
				case 'get':
					if (!key) throw new OracleRestError(400, `The part ${id} gets a collection; name an item.`);
					response = getItem(store, target, key, { query: new URLSearchParams('onlyData=true'), version: 4, baseUrl });
					break;
				case 'create':
				case 'upsert':
					if (key) throw new OracleRestError(400, `Invalid operation ${part.operation} for the specified resource.`);
					response = createItem(store, target, part.payload, { upsert: part.operation === 'upsert', baseUrl });
					break;
				case 'update':
				case 'replace':
					if (!key) throw new OracleRestError(400, `Invalid operation ${part.operation} for the specified resource.`);
					response = updateItem(store, target, key, part.payload, { baseUrl });
					break;
				case 'delete':
					if (!key) throw new OracleRestError(400, 'Invalid operation delete for the specified resource.');
					response = deleteItem(target, key);
					break;
				default:
					throw new OracleRestError(400, `The operation ${String(part.operation)} of part ${id} is not get, create, update, replace, upsert or delete.`);
			}
			results.push({ id, path: part.path, operation: part.operation, ...(response.body !== undefined ? { payload: response.body } : {}) });
		} catch (error) {
			if (!(error instanceof OracleRestError)) throw error;
			failures.push({ id, path: part.path, operation: part.operation, exception: problemBody(error, typeof part.path === 'string' ? part.path.replace(/\/[^/]*$/, '') : '') });
		}
	}
	if (failures.length) {
		store.restore(checkpoint);
		return { status: 400, body: { parts: failures } };
	}
	return { status: 200, body: { parts: results } };
}
