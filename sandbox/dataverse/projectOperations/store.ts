/**
 * What the Project Operations module needs from a Dataverse table store: rows by entity set, keyed by their
 * primary key column, lookups kept as `_<navigation>_value` columns the way the Web API reads them. Reads are
 * synchronous; writes are asynchronous, as the OData core's are (its write hooks may wait). The
 * Dataverse sandbox binds this to the OData core's store (so change tracking, ETags and queries see every
 * write this module makes); `MemoryRows` is the same contract in memory, for the module's own tests.
 */
import { randomUUID } from 'crypto';

export type Row = Record<string, unknown>;

export interface RowStore {
	/** Every row of an entity set, in insertion order. */
	list(set: string): Row[];
	get(set: string, id: string): Row | undefined;
	/** Inserts a row (its primary key already set) and returns the stored row. */
	insert(set: string, row: Row): Promise<Row>;
	/** Merges `changes` into a row and returns the stored row. */
	update(set: string, id: string, changes: Row): Promise<Row>;
	remove(set: string, id: string): Promise<void>;
	/** A new GUID (lower case, as Dataverse writes them). */
	newId(): string;
	/** Now, as Dataverse writes `modifiedon` (UTC, seconds). */
	now(): string;
}

/** Dataverse timestamps: UTC, whole seconds, `Z`. */
export function dataverseTimestamp(date: Date = new Date()): string {
	return `${date.toISOString().slice(0, 19)}Z`;
}

/** The primary key column of a set: `msdyn_projects` → `msdyn_projectid`, set names as the module defines them. */
export type PrimaryKeys = Record<string, string>;

/** An in-memory RowStore (tests of the pure logic; the server uses the OData core's store). */
export class MemoryRows implements RowStore {
	private readonly sets = new Map<string, Map<string, Row>>();
	private sequence = 0;

	constructor(
		private readonly keys: PrimaryKeys,
		private readonly ids: () => string = () => randomUUID(),
	) {}

	private table(set: string): Map<string, Row> {
		if (!(set in this.keys)) throw new Error(`unknown entity set ${set}`);
		let table = this.sets.get(set);
		if (!table) {
			table = new Map();
			this.sets.set(set, table);
		}
		return table;
	}

	list(set: string): Row[] {
		return [...this.table(set).values()];
	}

	get(set: string, id: string): Row | undefined {
		return this.table(set).get(id.toLowerCase());
	}

	async insert(set: string, row: Row): Promise<Row> {
		const key = this.keys[set];
		const id = String(row[key] ?? '').toLowerCase();
		if (!id) throw new Error(`${set}: a row needs its ${key}`);
		if (this.table(set).has(id)) throw new Error(`${set}: ${id} exists`);
		const stamp = this.now();
		const stored = { ...row, [key]: id, createdon: row.createdon ?? stamp, modifiedon: stamp };
		this.table(set).set(id, stored);
		return stored;
	}

	async update(set: string, id: string, changes: Row): Promise<Row> {
		const existing = this.get(set, id);
		if (!existing) throw new Error(`${set}: no row ${id}`);
		const stored = { ...existing, ...changes, modifiedon: this.now() };
		this.table(set).set(id.toLowerCase(), stored);
		return stored;
	}

	async remove(set: string, id: string): Promise<void> {
		this.table(set).delete(id.toLowerCase());
	}

	newId(): string {
		return this.ids();
	}

	now(): string {
		// Strictly increasing, so ordering by modifiedon is stable within a test.
		const date = new Date(Date.UTC(2026, 0, 1) + this.sequence++ * 1000);
		return dataverseTimestamp(date);
	}
}
