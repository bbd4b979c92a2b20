/**
 * How a module (Project Operations) plugs into the Dataverse sandbox: it adds tables (or columns to the Sales
 * tables), actions, functions, bound actions, write rules and listeners, routes, and seeds rows once the Sales
 * seed is in. `registerProjectOperations(registry)` in ./projectOperations receives a DataverseModuleRegistry.
 *
 * Rows a module writes go through `RowStore` (./projectOperations/store), bound here to the OData core's store,
 * so ETags, `versionnumber`, `modifiedon`, queries and change tracking see them. Such service-side writes may set
 * read-only columns (computed amounts, states), which requests may not.
 */
import { randomUUID } from 'crypto';

import type { ODataActionHandler, ODataBoundActionHandler, ODataRequestContext, ODataService, ODataWriteContext, ODataWriteEvent } from '../odata/service';
import type { ODataEntitySetDefinition, ODataPropertyDefinition, ODataRecord } from '../odata/types';
import type { SandboxResponse } from '../core/server';
import type { Row, RowStore } from './projectOperations/store';

/** Accounts the Sales seed made, found by name or by the firm's customer external id. */
export type AccountFinder = (customerName: string, customerExternalId: string) => string | undefined;

export interface DataverseSeedContext {
	rows: RowStore;
	service: ODataService;
	findAccount: AccountFinder;
}

export interface DataverseModuleRegistry {
	/** New tables, or columns / lookups / collections / alternate keys for tables already defined. */
	addTables(tables: ODataEntitySetDefinition[]): void;
	/** Unbound actions (`POST <root>/<Name>`). */
	addActions(actions: Record<string, ODataActionHandler>): void;
	/** Unbound functions (`GET <root>/<Name>()`). */
	addFunctions(functions: Record<string, ODataActionHandler>): void;
	/** Bound actions on a set, by qualified name (`Microsoft.Dynamics.CRM.msdyn_X`). */
	addBoundActions(set: string, actions: Record<string, ODataBoundActionHandler>): void;
	/** Runs before each request write (not before the module's own RowStore writes): throw an ODataError to refuse. */
	beforeWrite(hook: (context: ODataWriteContext) => void): void;
	/** After each committed write (requests and RowStore writes alike). */
	onWrite(listener: (event: ODataWriteEvent) => void): void;
	/** Paths the core does not answer; return undefined to fall through. */
	route(hook: (context: ODataRequestContext & { path: string }) => SandboxResponse | undefined | Promise<SandboxResponse | undefined>): void;
	/** Tables with "Track changes" on. */
	trackChanges(sets: string[]): void;
	/** Seeds rows once the Sales seed is in (on start and on every reset). */
	onSeed(seed: (context: DataverseSeedContext) => void | Promise<void>): void;
	/** Clears the module's own state on reset (before seeding). */
	onReset(reset: () => void): void;
	/** The module's state for the admin API snapshot. */
	snapshot(name: string, snapshot: () => unknown): void;
}

/**
 * Service-side writes: while one runs, read-only columns may be written. Read-only column definitions read this
 * flag (see `serviceWritable`), so requests are still refused.
 */
let serviceWriting = 0;

export function isServiceWriting(): boolean {
	return serviceWriting > 0;
}

/** Runs `write` as the service (read-only columns writable, request-only rules skipped). */
export function asService<T>(write: () => T): T {
	serviceWriting++;
	try {
		return write();
	} finally {
		serviceWriting--;
	}
}

/** The definitions with every read-only column writable by the service itself. */
export function serviceWritable(sets: ODataEntitySetDefinition[]): ODataEntitySetDefinition[] {
	return sets.map((set) => ({
		...set,
		properties: Object.fromEntries(
			Object.entries(set.properties).map(([name, definition]) => {
				if (!definition.readOnly) return [name, definition];
				const column: ODataPropertyDefinition = { ...definition };
				Object.defineProperty(column, 'readOnly', { get: () => !isServiceWriting(), enumerable: true });
				return [name, column];
			}),
		),
	}));
}

/** Now as Dataverse stamps `modifiedon` (UTC, whole seconds). */
export function dataverseNow(nowMs: number = Date.now()): string {
	return `${new Date(nowMs).toISOString().slice(0, 19)}Z`;
}

/**
 * A RowStore on the OData core's store, writing as the service: the core checks read-only columns and calls the
 * write hooks synchronously when a write starts, which is when the service flag is up.
 */
export class ServiceRows implements RowStore {
	constructor(
		private readonly service: ODataService,
		private readonly nowMs: () => number = () => Date.now(),
	) {}

	private keyColumn(set: string): string {
		const definition = this.service.entitySet(set);
		if (!definition) throw new Error(`unknown entity set ${set}`);
		return definition.key[0];
	}

	list(set: string): Row[] {
		return this.service.records(set);
	}

	get(set: string, id: string): Row | undefined {
		return this.service.get(set, { [this.keyColumn(set)]: id.toLowerCase() });
	}

	async insert(set: string, row: Row): Promise<Row> {
		const key = this.keyColumn(set);
		const id = String(row[key] ?? this.newId()).toLowerCase();
		return await asService(() => this.service.insert(set, { ...row, [key]: id }));
	}

	async update(set: string, id: string, changes: Row): Promise<Row> {
		const key = this.keyColumn(set);
		const { [key]: _ignored, ...rest } = changes;
		return await asService(() => this.service.update(set, { [key]: id.toLowerCase() }, rest as ODataRecord));
	}

	async remove(set: string, id: string): Promise<void> {
		const key = this.keyColumn(set);
		await asService(() => this.service.remove(set, { [key]: id.toLowerCase() }));
	}

	newId(): string {
		return randomUUID();
	}

	now(): string {
		return dataverseNow(this.nowMs());
	}
}
