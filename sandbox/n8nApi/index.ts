/**
 * A local simulator of n8n's public Data Tables API (n8n 2.40.7, `/api/v1/data-tables`), for in-process tests
 * of the Sync Ledger. Paths, the `X-N8N-API-KEY` check and its 401 bodies, the filter JSON, cursor pagination,
 * `returnType` / `returnData` answers and error messages follow what a real n8n 2.40.7 returned (checked against
 * one started by scripts/lib/n8nServer.ts) and its OpenAPI file. Each request runs to completion before the
 * next, like n8n's default SQLite database, which serialises writes.
 */
import { randomBytes } from 'crypto';

import { SandboxServer } from '../core/server';
import type { SandboxRequest, SandboxResponse } from '../core/server';

export const N8N_SANDBOX_API_KEY = 'n8n-sandbox-api-key';

type ColumnType = 'string' | 'number' | 'boolean' | 'date' | 'json';

interface Column {
	id: string;
	name: string;
	type: ColumnType;
	index: number;
}

type Row = Record<string, unknown> & { id: number; createdAt: string; updatedAt: string };

interface Table {
	id: string;
	name: string;
	projectId: string;
	columns: Column[];
	rows: Row[];
	nextRowId: number;
	createdAt: string;
	updatedAt: string;
}

interface Filter {
	type?: 'and' | 'or';
	filters: Array<{ columnName: string; condition: string; value: unknown }>;
}

const PROJECT_ID = 'SandboxProject01';
const SYSTEM_COLUMNS = ['id', 'createdAt', 'updatedAt'];
const COLUMN_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const NANOID = /^[A-Za-z0-9]{16}$/;

function nanoid(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

const bad = (message: string): SandboxResponse => ({ status: 400, body: { message } });
const validation = (message: string) => bad(`Validation error with data table request: ${message}`);

class RequestError extends Error {
	constructor(readonly response: SandboxResponse) {
		super(String((response.body as { message?: string })?.message));
	}
}

export interface N8nApiSandbox extends SandboxServer {
	/** Tables by name with their rows, for assertions. */
	tables(): Array<{ id: string; name: string; columns: string[]; rows: Row[] }>;
	rowsOf(name: string): Row[];
	apiKey: string;
}

export function createN8nApiSandbox(options: { apiKey?: string } = {}): N8nApiSandbox {
	const apiKey = options.apiKey ?? N8N_SANDBOX_API_KEY;
	let tables = new Map<string, Table>();
	const server = new SandboxServer({
		name: 'n8nApi',
		reset: () => (tables = new Map()),
		snapshot: () => ({ tables: [...tables.values()].map((t) => ({ id: t.id, name: t.name, rows: t.rows })) }),
	}) as N8nApiSandbox;
	server.apiKey = apiKey;
	server.tables = () => [...tables.values()].map((t) => ({ id: t.id, name: t.name, columns: t.columns.map((c) => c.name), rows: t.rows }));
	server.rowsOf = (name: string) => [...tables.values()].find((t) => t.name === name)?.rows ?? [];
	server.notFound = (request) => ({ status: 404, body: { message: `not found: ${request.path}` } });

	const authorised = (handler: (request: SandboxRequest) => SandboxResponse) => (request: SandboxRequest): SandboxResponse => {
		const key = request.headers['x-n8n-api-key'];
		if (!key) return { status: 401, body: { message: "'X-N8N-API-KEY' header required" } };
		if (key !== apiKey) return { status: 401, body: { message: 'unauthorized' } };
		try {
			return handler(request);
		} catch (error) {
			if (error instanceof RequestError) return error.response;
			throw error;
		}
	};

	const tableOf = (request: SandboxRequest): Table => {
		const id = request.params.dataTableId;
		if (!NANOID.test(id)) throw new RequestError(bad('request/params/dataTableId must match format "nanoid"'));
		const table = tables.get(id);
		if (!table) throw new RequestError({ status: 404, body: { message: `Could not find the data table: '${id}'` } });
		return table;
	};

	/** n8n validates jsonString query parameters and rejects reserved characters left unencoded. */
	const queryParam = (request: SandboxRequest, name: string): string | undefined => {
		const raw = new RegExp(`[?&]${name}=([^&]*)`).exec(request.url.search)?.[1];
		if (raw === undefined) return undefined;
		if (/[:/?#[\]@!$'()*+,;={}"]/.test(raw)) {
			throw new RequestError(bad(`Parameter '${name}' must be url encoded. Its value may not contain reserved characters.`));
		}
		return decodeURIComponent(raw.replace(/\+/g, ' '));
	};

	const jsonQuery = (request: SandboxRequest, name: string): unknown => {
		const text = queryParam(request, name);
		if (text === undefined) return undefined;
		try {
			return JSON.parse(text);
		} catch {
			throw new RequestError(bad(`request/query/${name} must match format "jsonString"`));
		}
	};

	const coerce = (table: Table, columnName: string, value: unknown): unknown => {
		if (SYSTEM_COLUMNS.includes(columnName)) return value;
		const column = table.columns.find((c) => c.name === columnName);
		if (!column) throw new RequestError(validation(`unknown column name '${columnName}'`));
		if (value === null || value === undefined) return null;
		const mismatch = () =>
			new RequestError(
				validation(`value '${String(value)}' does not match column type '${column.type}': '${column.name}' expects a ${column.type} but we got '${String(value)}'`),
			);
		switch (column.type) {
			case 'number':
				if (typeof value !== 'number' || !Number.isFinite(value)) throw mismatch();
				return value;
			case 'boolean':
				if (typeof value !== 'boolean') throw mismatch();
				return value;
			case 'date': {
				const time = typeof value === 'string' || value instanceof Date ? Date.parse(String(value instanceof Date ? value.toISOString() : value)) : NaN;
				if (!Number.isFinite(time)) throw mismatch();
				return new Date(time).toISOString();
			}
			case 'string':
				if (typeof value !== 'string') throw mismatch();
				return value;
			default:
				return value;
		}
	};

	const validFilter = (table: Table, raw: unknown, required: boolean): Filter | undefined => {
		if (raw === undefined) {
			if (required) throw new RequestError(bad('Filter is required for delete operations to prevent accidental deletion of all data'));
			return undefined;
		}
		const filter = raw as Filter;
		if (!filter || !Array.isArray(filter.filters) || filter.filters.length === 0) {
			throw new RequestError(validation('Filter must not be empty'));
		}
		for (const condition of filter.filters) {
			if (!['eq', 'neq', 'like', 'ilike', 'gt', 'gte', 'lt', 'lte'].includes(condition.condition)) {
				throw new RequestError(bad(`request/query/filter/filters/condition must be equal to one of the allowed values`));
			}
			if (!SYSTEM_COLUMNS.includes(condition.columnName) && !table.columns.some((c) => c.name === condition.columnName)) {
				throw new RequestError(validation(`unknown column name '${condition.columnName}'`));
			}
		}
		return filter;
	};

	const compare = (a: unknown, b: unknown): number => {
		if (typeof a === 'number' && typeof b === 'number') return a - b;
		return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
	};

	const likeToRegExp = (pattern: string, flags: string) =>
		new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, flags);

	const matches = (table: Table, row: Row, filter: Filter | undefined): boolean => {
		if (!filter) return true;
		const tests = filter.filters.map(({ columnName, condition, value }) => {
			const cell = row[columnName];
			const wanted = columnName === 'id' ? Number(value) : value === null ? null : coerce(table, columnName, value);
			switch (condition) {
				case 'eq':
					return wanted === null ? cell === null || cell === undefined : cell === wanted;
				case 'neq':
					return wanted === null ? cell !== null && cell !== undefined : cell !== wanted;
				case 'like':
					return typeof cell === 'string' && likeToRegExp(String(wanted), '').test(cell);
				case 'ilike':
					return typeof cell === 'string' && likeToRegExp(String(wanted), 'i').test(cell);
				default: {
					if (cell === null || cell === undefined) return false;
					const c = compare(cell, wanted);
					return condition === 'gt' ? c > 0 : condition === 'gte' ? c >= 0 : condition === 'lt' ? c < 0 : c <= 0;
				}
			}
		});
		return filter.type === 'or' ? tests.some(Boolean) : tests.every(Boolean);
	};

	const present = (table: Table, row: Row) => {
		const out: Record<string, unknown> = {};
		for (const column of table.columns) out[column.name] = row[column.name] ?? null;
		return { ...out, id: row.id, createdAt: row.createdAt, updatedAt: row.updatedAt };
	};

	const page = <T>(request: SandboxRequest, all: T[]) => {
		const limitText = queryParam(request, 'limit');
		const limit = limitText === undefined ? 100 : Number(limitText);
		if (!Number.isFinite(limit) || limit < 1 || limit > 250) throw new RequestError(bad('request/query/limit must be <= 250'));
		const cursor = queryParam(request, 'cursor');
		let offset = 0;
		if (cursor) {
			const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { offset?: number };
			offset = Number(decoded.offset ?? 0);
		}
		const data = all.slice(offset, offset + limit);
		const nextCursor = offset + limit < all.length ? Buffer.from(JSON.stringify({ offset: offset + limit, limit })).toString('base64') : null;
		return { data, nextCursor };
	};

	const sortRows = (request: SandboxRequest, rows: Row[]) => {
		const sortBy = queryParam(request, 'sortBy');
		if (!sortBy) return rows;
		const [column, direction = 'asc'] = sortBy.split(':');
		const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
		return [...rows].sort((a, b) => sign * compare(a[column], b[column]) || a.id - b.id);
	};

	server
		.route(
			'GET',
			'/api/v1/data-tables',
			authorised((request) => {
				const filter = jsonQuery(request, 'filter') as { name?: string; id?: string } | undefined;
				const list = [...tables.values()]
					.filter((t) => (!filter?.name || t.name === filter.name) && (!filter?.id || t.id === filter.id))
					.map((t) => ({ ...describe(t), sizeBytes: 0 }));
				return { status: 200, body: page(request, list) };
			}),
		)
		.route(
			'POST',
			'/api/v1/data-tables',
			authorised((request) => {
				const body = request.body as { name?: string; columns?: Array<{ name: string; type: ColumnType }> };
				if (!body?.name || typeof body.name !== 'string') return bad("request/body must have required property 'name'");
				if (!Array.isArray(body.columns)) return bad("request/body must have required property 'columns'");
				if ([...tables.values()].some((t) => t.name === body.name)) {
					return { status: 409, body: { message: `Data table with name '${body.name}' already exists in this project` } };
				}
				for (const column of body.columns) {
					if (!COLUMN_NAME.test(column.name)) return validation(`invalid column name '${column.name}'`);
					if (!['string', 'number', 'boolean', 'date', 'json'].includes(column.type)) return bad('request/body/columns/type must be equal to one of the allowed values');
				}
				const now = new Date().toISOString();
				const table: Table = {
					id: nanoid(),
					name: body.name,
					projectId: PROJECT_ID,
					columns: body.columns.map((c, index) => ({ id: nanoid(), name: c.name, type: c.type, index })),
					rows: [],
					nextRowId: 1,
					createdAt: now,
					updatedAt: now,
				};
				tables.set(table.id, table);
				return { status: 201, body: describe(table) };
			}),
		)
		.route('GET', '/api/v1/data-tables/:dataTableId', authorised((request) => ({ status: 200, body: { ...describe(tableOf(request)), sizeBytes: 0 } })))
		.route(
			'DELETE',
			'/api/v1/data-tables/:dataTableId',
			authorised((request) => {
				tables.delete(tableOf(request).id);
				return { status: 204 };
			}),
		)
		.route(
			'GET',
			'/api/v1/data-tables/:dataTableId/rows',
			authorised((request) => {
				const table = tableOf(request);
				const filter = validFilter(table, jsonQuery(request, 'filter'), false);
				const rows = sortRows(request, table.rows.filter((row) => matches(table, row, filter)));
				return { status: 200, body: page(request, rows.map((row) => present(table, row))) };
			}),
		)
		.route(
			'POST',
			'/api/v1/data-tables/:dataTableId/rows',
			authorised((request) => {
				const table = tableOf(request);
				const body = request.body as { data?: Array<Record<string, unknown>>; returnType?: string };
				if (!Array.isArray(body?.data) || body.data.length === 0) return bad('request/body/data must NOT have fewer than 1 items');
				const prepared = body.data.map((data) => {
					const row: Record<string, unknown> = {};
					for (const [name, value] of Object.entries(data)) row[name] = coerce(table, name, value);
					return row;
				});
				const now = new Date().toISOString();
				const inserted = prepared.map((values) => {
					const row = { ...values, id: table.nextRowId++, createdAt: now, updatedAt: now } as Row;
					table.rows.push(row);
					return row;
				});
				const returnType = body.returnType ?? 'count';
				if (returnType === 'count') return { status: 200, body: { success: true, insertedRows: inserted.length } };
				if (returnType === 'id') return { status: 200, body: inserted.map((row) => ({ id: row.id })) };
				return { status: 200, body: inserted.map((row) => present(table, row)) };
			}),
		)
		.route(
			'PATCH',
			'/api/v1/data-tables/:dataTableId/rows/update',
			authorised((request) => {
				const table = tableOf(request);
				const body = request.body as { filter?: unknown; data?: Record<string, unknown>; returnData?: boolean };
				const updated = update(table, body);
				return { status: 200, body: body.returnData ? updated.map((row) => present(table, row)) : true };
			}),
		)
		.route(
			'POST',
			'/api/v1/data-tables/:dataTableId/rows/upsert',
			authorised((request) => {
				const table = tableOf(request);
				const body = request.body as { filter?: unknown; data?: Record<string, unknown>; returnData?: boolean };
				let rows = update(table, body);
				if (rows.length === 0) {
					const now = new Date().toISOString();
					const values: Record<string, unknown> = {};
					for (const [name, value] of Object.entries(body.data ?? {})) values[name] = coerce(table, name, value);
					const row = { ...values, id: table.nextRowId++, createdAt: now, updatedAt: now } as Row;
					table.rows.push(row);
					rows = [row];
				}
				// n8n 2.40.7 answers an array here although its OpenAPI file describes a single row.
				return { status: 200, body: body.returnData ? rows.map((row) => present(table, row)) : true };
			}),
		)
		.route(
			'DELETE',
			'/api/v1/data-tables/:dataTableId/rows/delete',
			authorised((request) => {
				const table = tableOf(request);
				const filter = validFilter(table, jsonQuery(request, 'filter'), true);
				const returnData = queryParam(request, 'returnData') === 'true';
				const dryRun = queryParam(request, 'dryRun') === 'true';
				const doomed = table.rows.filter((row) => matches(table, row, filter));
				if (!dryRun) table.rows = table.rows.filter((row) => !doomed.includes(row));
				return { status: 200, body: returnData || dryRun ? doomed.map((row) => present(table, row)) : true };
			}),
		);

	function update(table: Table, body: { filter?: unknown; data?: Record<string, unknown> }): Row[] {
		const filter = validFilter(table, body?.filter, false);
		if (!filter) throw new RequestError(bad("request/body must have required property 'filter'"));
		if (!body.data || Object.keys(body.data).length === 0) throw new RequestError(validation('Data columns must not be empty'));
		const values: Record<string, unknown> = {};
		for (const [name, value] of Object.entries(body.data)) {
			if (SYSTEM_COLUMNS.includes(name)) throw new RequestError(validation(`unknown column name '${name}'`));
			values[name] = coerce(table, name, value);
		}
		const now = new Date().toISOString();
		const rows = table.rows.filter((row) => matches(table, row, filter));
		for (const row of rows) Object.assign(row, values, { updatedAt: now });
		return rows;
	}

	function describe(table: Table) {
		return {
			id: table.id,
			name: table.name,
			projectId: table.projectId,
			columns: table.columns.map((c) => ({ id: c.id, name: c.name, type: c.type, index: c.index })),
			createdAt: table.createdAt,
			updatedAt: table.updatedAt,
		};
	}

	return server;
}
