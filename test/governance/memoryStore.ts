/**
 * An in-memory RowStore with the semantics the ledger relies on from n8n Data Tables (each request atomic, ids
 * growing in commit order) and a scheduler hook that yields between requests, so concurrent claimers interleave.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ColumnSpec, FilterCondition, Row, RowStore } from '../../nodes/SyncLedger/store/dataTables';

export class MemoryRowStore implements RowStore {
	tables = new Map<string, { name: string; rows: Row[]; nextId: number }>();
	requests = 0;

	/** Postgres-like inserts: the id is taken at once, the row becomes visible when this promise settles. */
	commitDelay?: (row: Row) => Promise<void>;
	onList?: () => Promise<void> | void;

	constructor(private readonly yieldPoint: () => Promise<void> = async () => {}) {}

	private table(id: string) {
		const table = this.tables.get(id);
		if (!table) throw new Error(`no table ${id}`);
		return table;
	}

	private matches(row: Row, filters: FilterCondition[], match: 'and' | 'or' = 'and'): boolean {
		return filters[match === 'and' ? 'every' : 'some']((f) => {
			if (f.condition !== 'eq') throw new Error(`memory store: ${f.condition} not supported`);
			return (row[f.columnName] ?? null) === (f.value ?? null);
		});
	}

	rowsOf(name: string): Row[] {
		return [...this.tables.values()].find((t) => t.name === name)?.rows ?? [];
	}

	async ensureTable(name: string, _columns: ColumnSpec[]): Promise<string> {
		await this.yieldPoint();
		for (const [id, table] of this.tables) if (table.name === name) return id;
		const id = `t${this.tables.size + 1}`;
		this.tables.set(id, { name, rows: [], nextId: 1 });
		return id;
	}

	async list(tableId: string, filters: FilterCondition[]): Promise<Row[]> {
		await this.yieldPoint();
		this.requests++;
		await this.onList?.();
		return this.table(tableId).rows.filter((row) => this.matches(row, filters)).map((row) => ({ ...row }));
	}

	async listAny(tableId: string, column: string, values: unknown[]): Promise<Row[]> {
		await this.yieldPoint();
		this.requests++;
		await this.onList?.();
		return this.table(tableId).rows.filter((row) => values.includes(row[column])).map((row) => ({ ...row }));
	}

	async insert(tableId: string, rows: IDataObject[]): Promise<Row[]> {
		await this.yieldPoint();
		this.requests++;
		const table = this.table(tableId);
		const inserted = rows.map((row) => ({ ...row, id: table.nextId++ }) as Row);
		if (this.commitDelay) await Promise.all(inserted.map((row) => this.commitDelay!(row)));
		table.rows.push(...inserted);
		table.rows.sort((a, b) => a.id - b.id);
		return inserted.map((row) => ({ ...row }));
	}

	async append(tableId: string, rows: IDataObject[]): Promise<number> {
		return (await this.insert(tableId, rows)).length;
	}

	async update(tableId: string, filters: FilterCondition[], data: IDataObject, match: 'and' | 'or' = 'and'): Promise<Row[]> {
		await this.yieldPoint();
		this.requests++;
		const rows = this.table(tableId).rows.filter((row) => this.matches(row, filters, match));
		for (const row of rows) Object.assign(row, data);
		return rows.map((row) => ({ ...row }));
	}

	async remove(tableId: string, filters: FilterCondition[], match: 'and' | 'or' = 'and'): Promise<void> {
		await this.yieldPoint();
		this.requests++;
		const table = this.table(tableId);
		table.rows = table.rows.filter((row) => !this.matches(row, filters, match));
	}
}
