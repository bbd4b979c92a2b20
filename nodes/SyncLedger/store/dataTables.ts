/**
 * n8n Data Tables through n8n's public REST API (`/api/v1/data-tables`), the only Data Table access a community
 * node has (n8n keeps its internal Data Table helpers for its own nodes). Requests go through the kit with the
 * package's `p2cN8nApi` credential (X-N8N-API-KEY). Query parameters are percent-encoded by hand: n8n rejects
 * filter and sortBy values with unencoded reserved characters ("must be url encoded").
 */
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
	/** Rows whose `column` equals any of `values` (one request per page, not per value). */
	listAny(tableId: string, column: string, values: unknown[]): Promise<Row[]>;
	insert(tableId: string, rows: IDataObject[]): Promise<Row[]>;
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

export class DataTableStore implements RowStore {
	private readonly baseUrl: string;

	constructor(
		private readonly context: IExecuteFunctions,
		baseUrl: string,
		private readonly correlationId?: string,
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

	/**
	 * Looks the table up by name (once per node run: a process-wide cache would outlive a table a user deleted)
	 * and creates it when it is missing.
	 */
	async ensureTable(name: string, columns: ColumnSpec[]): Promise<string> {
		const find = async () => {
			const page = await this.request<{ data: Array<{ id: string; name: string; columns: ColumnSpec[] }> }>(
				'GET',
				`/data-tables?filter=${encodeURIComponent(JSON.stringify({ name }))}&limit=10`,
			);
			return page.data.find((table) => table.name === name);
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

	async listAny(tableId: string, column: string, values: unknown[]): Promise<Row[]> {
		if (values.length === 0) return [];
		return await this.list(
			tableId,
			values.map((value) => ({ columnName: column, condition: 'eq' as const, value })),
			{ match: 'or' },
		);
	}

	async list(tableId: string, filters: FilterCondition[], options: { sortBy?: string; limit?: number; match?: 'and' | 'or' } = {}): Promise<Row[]> {
		const rows: Row[] = [];
		let cursor: string | undefined;
		const limit = options.limit ?? Number.POSITIVE_INFINITY;
		const seen = new Set<string>();
		do {
			const query = [`limit=${Math.min(250, Math.max(1, Number.isFinite(limit) ? limit - rows.length : 250))}`];
			if (filters.length > 0) query.push(`filter=${encodeFilter(filters, options.match)}`);
			if (options.sortBy) query.push(`sortBy=${encodeURIComponent(options.sortBy)}`);
			if (cursor) query.push(`cursor=${encodeURIComponent(cursor)}`);
			const page = await this.request<{ data: Row[]; nextCursor?: string | null }>('GET', `/data-tables/${tableId}/rows?${query.join('&')}`);
			rows.push(...page.data);
			cursor = page.nextCursor ?? undefined;
			if (cursor && seen.has(cursor)) break;
			if (cursor) seen.add(cursor);
		} while (cursor && rows.length < limit);
		return rows;
	}

	async insert(tableId: string, rows: IDataObject[]): Promise<Row[]> {
		if (rows.length === 0) return [];
		return await this.request<Row[]>('POST', `/data-tables/${tableId}/rows`, { data: rows, returnType: 'all' } as IDataObject, false);
	}

	async update(tableId: string, filters: FilterCondition[], data: IDataObject, match: 'and' | 'or' = 'and'): Promise<Row[]> {
		// Not retried after a lost answer: a resent compare-and-set would find its own write and report a loss.
		const result = await this.request<Row[] | boolean>(
			'PATCH',
			`/data-tables/${tableId}/rows/update`,
			{ filter: { type: match, filters }, data, returnData: true } as unknown as IDataObject,
			false,
		);
		return Array.isArray(result) ? result : [];
	}

	async remove(tableId: string, filters: FilterCondition[], match: 'and' | 'or' = 'and'): Promise<void> {
		await this.request('DELETE', `/data-tables/${tableId}/rows/delete?filter=${encodeFilter(filters, match)}`, undefined, true);
	}
}
