/**
 * n8n Data Tables through n8n's public REST API (`/api/v1/data-tables`), the only Data Table access a community
 * node has (n8n keeps its internal Data Table helpers for its own nodes). Requests go through the kit with the
 * package's `p2cN8nApi` credential (X-N8N-API-KEY). Query parameters are percent-encoded by hand: n8n rejects
 * filter and sortBy values with unencoded reserved characters ("must be url encoded").
 */
import { createHash } from 'crypto';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { vendorRequest } from '../../shared/kit';
import type { HttpFailure, VendorError, VendorProfile } from '../../shared/kit';

export const N8N_API_CREDENTIAL = 'p2cN8nApi';

export type ColumnType = 'string' | 'number' | 'boolean' | 'date';

export interface ColumnSpec {
	name: string;
	type: ColumnType;
}

export interface FilterCondition {
	columnName: string;
	condition: 'eq' | 'neq' | 'like' | 'ilike' | 'gt' | 'gte' | 'lt' | 'lte';
	value: unknown;
}

export type Row = IDataObject & { id: number };

export const n8nApiProfile: VendorProfile = {
	name: 'n8n API',
	parseError(body: unknown): VendorError | undefined {
		const message = (body as IDataObject | undefined)?.message;
		if (typeof message !== 'string') return undefined;
		const column = /column name '([^']+)'/.exec(message)?.[1];
		return { code: 'N8N_API_ERROR', message, fields: column ? [column] : [] };
	},
	isThrottle(failure: HttpFailure): boolean {
		return failure.status === 429;
	},
};

/** What the ledger needs from a row store; the Data Table client implements it, tests may swap it. */
export interface RowStore {
	ensureTable(name: string, columns: ColumnSpec[]): Promise<string>;
	list(tableId: string, filters: FilterCondition[], options?: { sortBy?: string; limit?: number }): Promise<Row[]>;
	/** Rows whose `column` equals any of `values` (one request per page and per URL-sized group of values, not per value). */
	listAny(tableId: string, column: string, values: unknown[]): Promise<Row[]>;
	insert(tableId: string, rows: IDataObject[]): Promise<Row[]>;
	/**
	 * Inserts without reading the rows back and returns how many went in. n8n runs this as a few multi-row
	 * INSERTs, where `insert` (rows returned) runs one INSERT per row, and on SQLite a SELECT per row too: for
	 * 1,000 rows about 20 ms against 800 ms. Both are one transaction.
	 */
	append(tableId: string, rows: IDataObject[]): Promise<number>;
	/**
	 * Compare-and-set: updates the rows matching every condition (or, with `match: 'or'`, any condition) and
	 * returns them as updated.
	 */
	update(tableId: string, filters: FilterCondition[], data: IDataObject, match?: 'and' | 'or'): Promise<Row[]>;
	remove(tableId: string, filters: FilterCondition[], match?: 'and' | 'or'): Promise<void>;
}

/** Keeps n8n errors (with the API's message) as they are; anything else becomes a NodeOperationError. */
function tagged(context: IExecuteFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error);
}

const encodeFilter = (filters: FilterCondition[], type: 'and' | 'or' = 'and') => encodeURIComponent(JSON.stringify({ type, filters }));

/**
 * Longest `filter` parameter a request puts in its URL. n8n's server (Node) refuses a request head over 16 KB and a
 * proxy in front of it commonly a request line over 8 KB (nginx's default); the method, path, limit, cursor and
 * protocol need the rest (about 100 characters, and the cursor n8n hands out).
 */
export const MAX_FILTER_PARAMETER = 7_500;

/**
 * "Any of" conditions in groups whose encoded filter stays within MAX_FILTER_PARAMETER, so one read or delete of
 * many values becomes several requests with the same rows in all (a condition too long on its own goes alone).
 */
export function orFilterGroups(filters: FilterCondition[]): FilterCondition[][] {
	const empty = encodeFilter([], 'or').length;
	const comma = encodeURIComponent(',').length;
	const groups: FilterCondition[][] = [];
	let group: FilterCondition[] = [];
	let length = empty;
	for (const filter of filters) {
		const size = encodeURIComponent(JSON.stringify(filter)).length;
		if (group.length > 0 && length + comma + size > MAX_FILTER_PARAMETER) {
			groups.push(group);
			group = [];
			length = empty;
		}
		length += (group.length > 0 ? comma : 0) + size;
		group.push(filter);
	}
	if (group.length > 0) groups.push(group);
	return groups;
}

/**
 * Table ids by name, kept for the life of the process (a worker runs thousands of ledger node runs; looking the
 * three tables up in each one was about half of the ledger's requests to the main instance). Scoped by the n8n
 * API's base URL and a hash of its key, since another key may see another project's table of the same name.
 * An id goes stale when someone deletes the table (and maybe creates it again): a request that gets 404 for a
 * cached id forgets it, looks the table up afresh (creating it when missing, as on first use) and is sent once
 * more with the new id.
 */
export class TableIdCache {
	/** A bound, not a tuning knob: far above any real number of credentials × prefixes × 3 tables. */
	static readonly MAX_ENTRIES = 1000;
	private readonly ids = new Map<string, string>();
	/** Look-ups under way, so the executions a worker starts at once share one instead of racing to create the table. */
	private readonly pending = new Map<string, Promise<string>>();

	private static slot(scope: string, name: string): string {
		return `${scope}\u0000${name}`;
	}

	get(scope: string, name: string): string | undefined {
		return this.ids.get(TableIdCache.slot(scope, name));
	}

	set(scope: string, name: string, id: string): void {
		if (this.ids.size >= TableIdCache.MAX_ENTRIES) this.ids.clear();
		this.ids.set(TableIdCache.slot(scope, name), id);
	}

	/** Forgets `name` only if it still points at `staleId` (another run may already have put the new id). */
	forget(scope: string, name: string, staleId: string): void {
		if (this.get(scope, name) === staleId) this.ids.delete(TableIdCache.slot(scope, name));
	}

	clear(): void {
		this.ids.clear();
	}

	/** The cached id, or the one `lookUp` finds (shared with every caller asking for the same table meanwhile). */
	async resolve(scope: string, name: string, lookUp: () => Promise<string>): Promise<string> {
		const cached = this.get(scope, name);
		if (cached) return cached;
		const slot = TableIdCache.slot(scope, name);
		let pending = this.pending.get(slot);
		if (!pending) {
			pending = lookUp()
				.then((id) => {
					this.set(scope, name, id);
					return id;
				})
				.finally(() => this.pending.delete(slot));
			this.pending.set(slot, pending);
		}
		return await pending;
	}
}

/** The process's table ids, shared by every DataTableStore. */
export const tableIds = new TableIdCache();

const isNotFound = (error: unknown): boolean => String((error as { httpCode?: unknown } | undefined)?.httpCode ?? '') === '404';

export class DataTableStore implements RowStore {
	private readonly baseUrl: string;
	/** The process cache's scope for this store's credential; undefined: no process cache (no credential to read). */
	private scope?: Promise<string | undefined>;
	/** Tables this store resolved, by id, so a 404 on one can look it up again by name. */
	private readonly resolved = new Map<string, { name: string; columns: ColumnSpec[] }>();
	/** Ids found stale in this store, each to the table's new id. */
	private readonly moved = new Map<string, string>();

	constructor(
		private readonly context: IExecuteFunctions,
		baseUrl: string,
		private readonly correlationId?: string,
		private readonly cache: TableIdCache = tableIds,
	) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
	}

	private async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: IDataObject, idempotent?: boolean): Promise<T> {
		const response = await vendorRequest<T>(
			this.context,
			n8nApiProfile,
			{ method, url: `${this.baseUrl}${path}`, body },
			{ credentialType: N8N_API_CREDENTIAL, correlationId: this.correlationId, idempotent },
		);
		return response.body;
	}

	/** A hash of the base URL and API key (never the key itself), read once per store. */
	private async cacheScope(): Promise<string | undefined> {
		this.scope ??= (async () => {
			if (typeof this.context.getCredentials !== 'function') return undefined;
			try {
				const credentials = await this.context.getCredentials(N8N_API_CREDENTIAL);
				const apiKey = String(credentials.apiKey ?? '');
				if (!apiKey) return undefined;
				return createHash('sha256').update(`${this.baseUrl}\n${apiKey}`).digest('hex');
			} catch {
				return undefined;
			}
		})();
		return await this.scope;
	}

	/** Looks the table up by name (the API's name filter matches parts of names, so every page is read) or creates it. */
	private async lookUp(name: string, columns: ColumnSpec[]): Promise<string> {
		const find = async () => {
			let cursor: string | undefined;
			const seen = new Set<string>();
			do {
				const query = [`filter=${encodeURIComponent(JSON.stringify({ name }))}`, 'limit=100'];
				if (cursor) query.push(`cursor=${encodeURIComponent(cursor)}`);
				const page = await this.request<{ data: Array<{ id: string; name: string; columns: ColumnSpec[] }>; nextCursor?: string | null }>(
					'GET',
					`/data-tables?${query.join('&')}`,
				);
				const table = page.data.find((candidate) => candidate.name === name);
				if (table) return table;
				cursor = page.nextCursor ?? undefined;
				if (cursor && seen.has(cursor)) break;
				if (cursor) seen.add(cursor);
			} while (cursor);
			return undefined;
		};
		let table = await find();
		if (!table) {
			try {
				table = await this.request('POST', '/data-tables', { name, columns } as unknown as IDataObject);
			} catch (error) {
				// Another execution created it first (409): use theirs.
				table = await find();
				if (!table) throw tagged(this.context, error);
			}
		}
		const missing = columns.filter((c) => !table!.columns.some((existing) => existing.name === c.name));
		if (missing.length > 0) {
			throw new Error(
				`Data table "${name}" lacks the columns ${missing.map((c) => `${c.name} (${c.type})`).join(', ')}: add them in n8n or use another table prefix`,
			);
		}
		return table!.id;
	}

	/**
	 * The table's id: from the process cache when an earlier node run resolved it, otherwise looked up by name and
	 * created when missing (see `TableIdCache` for how a deleted table is noticed).
	 */
	async ensureTable(name: string, columns: ColumnSpec[]): Promise<string> {
		const scope = await this.cacheScope();
		const id = scope ? await this.cache.resolve(scope, name, async () => await this.lookUp(name, columns)) : await this.lookUp(name, columns);
		this.resolved.set(id, { name, columns });
		return id;
	}

	/**
	 * Runs `operation` on the table's current id. A 404 for a table this store resolved means it was deleted since
	 * (and perhaps created again): nothing was written, so it is looked up afresh and the operation runs once more.
	 */
	private async onTable<T>(tableId: string, operation: (id: string) => Promise<T>): Promise<T> {
		const id = this.moved.get(tableId) ?? tableId;
		try {
			return await operation(id);
		} catch (error) {
			const table = this.resolved.get(id);
			if (!table || !isNotFound(error)) throw tagged(this.context, error);
			const scope = await this.cacheScope();
			if (scope) this.cache.forget(scope, table.name, id);
			const fresh = await this.lookUp(table.name, table.columns);
			if (scope) this.cache.set(scope, table.name, fresh);
			this.resolved.set(fresh, table);
			this.moved.set(tableId, fresh);
			return await operation(fresh);
		}
	}

	async listAny(tableId: string, column: string, values: unknown[]): Promise<Row[]> {
		const rows: Row[] = [];
		for (const group of orFilterGroups(values.map((value) => ({ columnName: column, condition: 'eq' as const, value })))) {
			rows.push(...(await this.list(tableId, group, { match: 'or' })));
		}
		return rows;
	}

	async list(tableId: string, filters: FilterCondition[], options: { sortBy?: string; limit?: number; match?: 'and' | 'or' } = {}): Promise<Row[]> {
		return await this.onTable(tableId, async (id) => {
			const rows: Row[] = [];
			let cursor: string | undefined;
			const limit = options.limit ?? Number.POSITIVE_INFINITY;
			const seen = new Set<string>();
			do {
				const query = [`limit=${Math.min(250, Math.max(1, Number.isFinite(limit) ? limit - rows.length : 250))}`];
				if (filters.length > 0) query.push(`filter=${encodeFilter(filters, options.match)}`);
				if (options.sortBy) query.push(`sortBy=${encodeURIComponent(options.sortBy)}`);
				if (cursor) query.push(`cursor=${encodeURIComponent(cursor)}`);
				const page = await this.request<{ data: Row[]; nextCursor?: string | null }>('GET', `/data-tables/${id}/rows?${query.join('&')}`);
				rows.push(...page.data);
				cursor = page.nextCursor ?? undefined;
				if (cursor && seen.has(cursor)) break;
				if (cursor) seen.add(cursor);
			} while (cursor && rows.length < limit);
			return rows;
		});
	}

	async insert(tableId: string, rows: IDataObject[]): Promise<Row[]> {
		if (rows.length === 0) return [];
		return await this.onTable(
			tableId,
			async (id) => await this.request<Row[]>('POST', `/data-tables/${id}/rows`, { data: rows, returnType: 'all' } as IDataObject, false),
		);
	}

	async append(tableId: string, rows: IDataObject[]): Promise<number> {
		if (rows.length === 0) return 0;
		const result = await this.onTable(
			tableId,
			async (id) => await this.request<{ insertedRows?: number }>('POST', `/data-tables/${id}/rows`, { data: rows, returnType: 'count' } as IDataObject, false),
		);
		return Number(result?.insertedRows ?? rows.length);
	}

	async update(tableId: string, filters: FilterCondition[], data: IDataObject, match: 'and' | 'or' = 'and'): Promise<Row[]> {
		// Not retried after a lost answer: a resent compare-and-set would find its own write and report a loss.
		const result = await this.onTable(
			tableId,
			async (id) =>
				await this.request<Row[] | boolean>(
					'PATCH',
					`/data-tables/${id}/rows/update`,
					{ filter: { type: match, filters }, data, returnData: true } as unknown as IDataObject,
					false,
				),
		);
		return Array.isArray(result) ? result : [];
	}

	async remove(tableId: string, filters: FilterCondition[], match: 'and' | 'or' = 'and'): Promise<void> {
		for (const group of match === 'or' ? orFilterGroups(filters) : [filters]) {
			await this.onTable(tableId, async (id) => await this.request('DELETE', `/data-tables/${id}/rows/delete?filter=${encodeFilter(group, match)}`, undefined, true));
		}
	}
}
