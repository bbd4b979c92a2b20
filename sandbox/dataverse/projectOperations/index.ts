/**
 * Project Operations as a module of the Dataverse sandbox. The Dataverse server (sandbox/dataverse/index.ts)
 * calls `registerProjectOperations(registry)` before it builds its OData service: the module adds its tables
 * (and its columns to Sales' salesorder / salesorderdetail / invoice tables), the schedule API and
 * submit / approve actions, the write rules Project Operations' plug-ins enforce, and a seed step.
 *
 * Write rules for requests from clients (the module's own writes are not requests):
 * - tasks, buckets, dependencies and resource assignments only through the schedule API (0x80040265);
 * - actuals, operation sets, their details and PSS error logs are read-only;
 * - entry status changes only through the submit / approve actions; read-only columns (`readOnly` in the
 *   table definitions) and `_x_value` columns are refused (write lookups with `nav@odata.bind`);
 * - a milestone set to Ready for Invoicing gets its unbilled sales actual once the write commits.
 */
import type { SandboxRequest, SandboxResponse } from '../../core/server';
import { ODataError } from '../../odata';
import type { ODataActionHandler, ODataBoundActionHandler, ODataEntitySetDefinition, ODataService, ODataServiceHooks, ODataWriteContext, ODataWriteEvent } from '../../odata';

import { EntryLifecycle } from './entries';
import { DataverseError } from './payload';
import { ScheduleApi, directWriteRefusal } from './schedule';
import { seedProjectOperations } from './seed';
import type { AccountFinder, SeededIds } from './seed';
import type { Row, RowStore } from './store';
import { dataverseTimestamp } from './store';
import { ALL_TABLES, ENTRY_STATUS, EXPENSE_STATUS, PROJECT_OPERATIONS_SALES_TABLES, PROJECT_OPERATIONS_TABLES, tableOf } from './tables';
import type { TableDefinition } from './tables';

export { seedProjectOperations } from './seed';
export type { SeededIds } from './seed';
export { PROJECT_OPERATIONS_TABLES, PROJECT_OPERATIONS_SALES_TABLES } from './tables';

/** What the Dataverse server hands the module: its set list and hooks (both changed in place). */
export interface DataverseRegistry {
	sets: ODataEntitySetDefinition[];
	hooks: ODataServiceHooks;
}

export interface ProjectOperationsOptions {
	/** How long an executed operation set stays Pending before it is applied (default 150 ms). */
	executionDelayMs?: number;
	/**
	 * Refuse the schedule APIs to application users (app-only tokens), as Microsoft documents for tenants
	 * where only licensed users may call them. Off by default; `setRefuseApplicationUsers` turns it on.
	 */
	refuseApplicationUsers?: boolean;
}

export interface ProjectOperationsModule {
	/** Seeds the firm's Project Operations data (after the server cleared its service and seeded Sales). */
	seed(service: ODataService, findAccount?: AccountFinder): Promise<SeededIds>;
	/** Where the last seed put the firm's records. */
	readonly ids: SeededIds | undefined;
	setExecutionDelay(ms: number): void;
	setRefuseApplicationUsers(refuse: boolean): void;
	/** Applies every pending operation set now (tests and the demo need not wait for the delay). */
	flush(): Promise<void>;
}

/** Schedule-API-only sets, system tables and their columns as clients may not write them. */
const READ_ONLY_SETS = ['msdyn_actuals', 'msdyn_operationsets', 'msdyn_operationsetdetails', 'msdyn_psserrorlogs'];

const DEFAULTS: Record<string, Record<string, unknown>> = {
	msdyn_timeentries: { msdyn_entrystatus: ENTRY_STATUS.draft, msdyn_type: 192350000, statecode: 0, statuscode: 1 },
	msdyn_expenses: { msdyn_expensestatus: EXPENSE_STATUS.draft, statecode: 0, statuscode: 1 },
	msdyn_contractlinescheduleofvalues: { msdyn_invoicestatus: 192350000, statecode: 0, statuscode: 1 },
};

/** A table as the OData core stores it: read-only is the module's rule for clients, not the store's. */
function coreSet(table: TableDefinition): ODataEntitySetDefinition {
	const defaults = DEFAULTS[table.name] ?? { statecode: 0, statuscode: 1 };
	const properties = Object.fromEntries(
		Object.entries(table.properties).map(([name, column]) => {
			const { readOnly: _readOnly, ...rest } = column;
			return [name, { ...rest, ...(defaults[name] !== undefined ? { default: defaults[name] } : {}) }];
		}),
	);
	return { name: table.name, entityType: table.entityType, key: table.key, alternateKeys: table.alternateKeys, properties, lookups: table.lookups };
}

/** Adds the module's tables to the server's, merging its columns into tables the server already defines. */
function mergeSets(sets: ODataEntitySetDefinition[]): void {
	for (const table of [...PROJECT_OPERATIONS_TABLES, ...PROJECT_OPERATIONS_SALES_TABLES]) {
		const ours = coreSet(table);
		const index = sets.findIndex((set) => set.name === table.name);
		if (index < 0) {
			sets.push(ours);
			continue;
		}
		const existing = sets[index];
		sets[index] = {
			...existing,
			properties: { ...ours.properties, ...existing.properties },
			lookups: { ...(ours.lookups ?? {}), ...(existing.lookups ?? {}) },
			alternateKeys: [...(existing.alternateKeys ?? []), ...(ours.alternateKeys ?? []).filter((key) => !(existing.alternateKeys ?? []).some((k) => k.join() === key.join()))],
		};
	}
}

/** The module's row store over the OData core's service. */
class ServiceRows implements RowStore {
	constructor(
		private readonly service: ODataService,
		private readonly ids: () => string,
	) {}

	private key(set: string, id: string): Record<string, unknown> {
		return { [tableOf(set).key[0]]: id.toLowerCase() };
	}

	list(set: string): Row[] {
		return this.service.records(set);
	}

	get(set: string, id: string): Row | undefined {
		return this.service.get(set, this.key(set, id));
	}

	async insert(set: string, row: Row): Promise<Row> {
		return await this.service.insert(set, { ...row, createdon: row.createdon ?? this.now(), modifiedon: this.now() });
	}

	async update(set: string, id: string, changes: Row): Promise<Row> {
		return await this.service.update(set, this.key(set, id), { ...changes, modifiedon: this.now() });
	}

	async remove(set: string, id: string): Promise<void> {
		await this.service.remove(set, this.key(set, id));
	}

	newId(): string {
		return this.ids();
	}

	now(): string {
		return dataverseTimestamp();
	}
}

/** The token's payload (the server's authorize hook has verified it). */
function tokenClaims(request: SandboxRequest): Record<string, unknown> {
	const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
	const payload = token?.split('.')[1];
	if (!payload) return {};
	try {
		return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
	} catch {
		return {};
	}
}

/** The calling user: the token's object id (oid), else its subject. */
export function callerOf(request: SandboxRequest): string {
	const claims = tokenClaims(request);
	return String(claims.oid ?? claims.sub ?? 'anonymous');
}

/** Whether the token is an application's (client credentials) rather than a signed-in user's. */
export function isApplicationToken(request: SandboxRequest): boolean {
	const claims = tokenClaims(request);
	if (claims.idtyp === 'app') return true;
	return claims.scp === undefined && claims.roles !== undefined;
}

function asODataError(error: unknown): unknown {
	if (error instanceof DataverseError) {
		const kind = error.status === 404 ? 'notFound' : error.status === 412 ? 'duplicateKey' : 'validation';
		return new ODataError(error.status, kind, error.message, error.code);
	}
	return error;
}

function answer(request: SandboxRequest, service: ODataService, name: string, result: Record<string, unknown>): SandboxResponse {
	if (!Object.keys(result).length) return { status: 204, headers: { 'OData-Version': '4.0' } };
	return {
		status: 200,
		headers: { 'OData-Version': '4.0', 'Content-Type': 'application/json; odata.metadata=minimal' },
		body: { '@odata.context': `${request.url.origin}${service.root}/$metadata#Microsoft.Dynamics.CRM.${name}Response`, ...result },
	};
}

export function registerProjectOperations(registry: DataverseRegistry, options: ProjectOperationsOptions = {}): ProjectOperationsModule {
	mergeSets(registry.sets);
	let counter = 0;
	const newId = () => `00000000-0000-4000-a000-${(++counter).toString(16).padStart(12, '0')}`;
	const settings = { executionDelayMs: options.executionDelayMs ?? 150 };
	let refuseApplicationUsers = options.refuseApplicationUsers ?? false;
	let ids: SeededIds | undefined;
	const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; run: () => Promise<void> }>();
	const rowsOf = (service: ODataService) => new ServiceRows(service, newId);
	const scheduleOf = (service: ODataService) =>
		new ScheduleApi(rowsOf(service), settings, (run, delayMs) => {
			const key = newId();
			const once = async () => {
				pending.delete(key);
				await run();
			};
			const timer = setTimeout(() => void once().catch(() => undefined), delayMs);
			timer.unref?.();
			pending.set(key, { timer, run: once });
		});
	/** Milestones that became ready in a write not yet committed: their actuals are created on commit. */
	const readyMilestones = new Map<string, Row>();

	const guarded = (name: string, handler: (context: Parameters<ODataActionHandler>[0]) => Promise<Record<string, unknown>>, schedule = false): ODataActionHandler => {
		return async (context) => {
			if (schedule && refuseApplicationUsers && isApplicationToken(context.request)) {
				throw new ODataError(403, 'forbidden', `The schedule API ${name} cannot be used by application users: sign in as a user with a Project license.`, '0x80040220');
			}
			try {
				return answer(context.request, context.service, name, await handler(context));
			} catch (error) {
				throw asODataError(error);
			}
		};
	};
	const scheduleAction = (name: string, call: (api: ScheduleApi, body: Record<string, unknown>, caller: string) => Promise<Record<string, unknown>>) =>
		guarded(name, async (context) => await call(scheduleOf(context.service), context.body, callerOf(context.request)), true);
	const entries = (service: ODataService) => new EntryLifecycle(rowsOf(service));

	const actions: Record<string, ODataActionHandler> = {
		msdyn_CreateProjectV1: scheduleAction('msdyn_CreateProjectV1', async (api, body) => await api.createProject(body)),
		msdyn_CreateTeamMemberV1: scheduleAction('msdyn_CreateTeamMemberV1', async (api, body) => await api.createTeamMember(body)),
		msdyn_CreateOperationSetV1: scheduleAction('msdyn_CreateOperationSetV1', async (api, body, caller) => await api.createOperationSet(body, caller)),
		msdyn_PssCreateV1: scheduleAction('msdyn_PssCreateV1', async (api, body, caller) => await api.pssCreate(body, caller)),
		msdyn_PssUpdateV1: scheduleAction('msdyn_PssUpdateV1', async (api, body, caller) => await api.pssUpdate(body, caller)),
		msdyn_PssDeleteV1: scheduleAction('msdyn_PssDeleteV1', async (api, body, caller) => await api.pssDelete(body, caller)),
		msdyn_ExecuteOperationSetV1: scheduleAction('msdyn_ExecuteOperationSetV1', async (api, body, caller) => await api.execute(body, caller)),
		msdyn_AbandonOperationSetV1: scheduleAction('msdyn_AbandonOperationSetV1', async (api, body, caller) => await api.abandon(body, caller)),
		msdyn_TimeEntriesSubmit: guarded('msdyn_TimeEntriesSubmit', async (context) => await entries(context.service).submitTimeEntries(context.body)),
		msdyn_ExpenseEntriesSubmit: guarded('msdyn_ExpenseEntriesSubmit', async (context) => await entries(context.service).submitExpenses(context.body)),
	};
	const bound = (name: string, approve: (lifecycle: EntryLifecycle, approvalId: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>): ODataBoundActionHandler => {
		return async (context) => {
			try {
				return answer(context.request, context.service, name, await approve(entries(context.service), String(context.key.msdyn_projectapprovalid), context.body));
			} catch (error) {
				throw asODataError(error);
			}
		};
	};
	const boundActions: Record<string, ODataBoundActionHandler> = {
		'Microsoft.Dynamics.CRM.msdyn_TimeEntriesApprove': bound('msdyn_TimeEntriesApprove', async (lifecycle, id, body) => await lifecycle.approveTimeEntries(id, body, dataverseTimestamp())),
		'Microsoft.Dynamics.CRM.msdyn_ExpenseEntriesApprove': bound('msdyn_ExpenseEntriesApprove', async (lifecycle, id, body) => await lifecycle.approveExpenses(id, body, dataverseTimestamp())),
	};

	const hooks = registry.hooks;
	hooks.actions = { ...(hooks.actions ?? {}), ...actions };
	hooks.boundActions = { ...(hooks.boundActions ?? {}), msdyn_projectapprovals: { ...(hooks.boundActions?.msdyn_projectapprovals ?? {}), ...boundActions } };

	// Write hooks carry no service; the module works on the one it seeded.
	let boundService: ODataService | undefined;
	const previousBeforeWrite = hooks.beforeWrite?.bind(hooks);
	const ownSets = new Set(ALL_TABLES.map((t) => t.name));
	hooks.beforeWrite = async (context: ODataWriteContext) => {
		if (previousBeforeWrite) await previousBeforeWrite(context);
		if (!ownSets.has(context.set.name)) return;
		if (context.request) checkClientWrite(context);
		if (context.set.name === 'msdyn_contractlinescheduleofvalues' && context.operation !== 'delete' && boundService) {
			let actual: Row | undefined;
			try {
				actual = entries(boundService).milestoneWritten(context.previous, context.record);
			} catch (error) {
				throw asODataError(error);
			}
			if (actual) readyMilestones.set(String(context.record.msdyn_contractlinescheduleofvalueid), actual);
		}
	};
	const previousOnWrite = hooks.onWrite?.bind(hooks);
	hooks.onWrite = (event: ODataWriteEvent) => {
		previousOnWrite?.(event);
		if (event.set !== 'msdyn_contractlinescheduleofvalues' || event.operation === 'delete') return;
		const id = String(event.key.msdyn_contractlinescheduleofvalueid);
		const actual = readyMilestones.get(id);
		readyMilestones.delete(id);
		if (actual && boundService) void rowsOf(boundService).insert('msdyn_actuals', actual);
	};

	return {
		async seed(service, findAccount) {
			boundService = service;
			counter = 0;
			for (const { timer } of pending.values()) clearTimeout(timer);
			pending.clear();
			ids = await seedProjectOperations(rowsOf(service), findAccount);
			return ids;
		},
		get ids() {
			return ids;
		},
		setExecutionDelay(ms) {
			settings.executionDelayMs = ms;
		},
		setRefuseApplicationUsers(refuse) {
			refuseApplicationUsers = refuse;
		},
		async flush() {
			for (const [key, { timer, run }] of [...pending]) {
				clearTimeout(timer);
				pending.delete(key);
				await run();
			}
		},
	};
}

/** A client's write, refused where Project Operations refuses it. */
function checkClientWrite(context: ODataWriteContext): void {
	const set = context.set.name;
	const refusal = directWriteRefusal(set, context.operation === 'create' ? 'POST' : context.operation === 'delete' ? 'DELETE' : 'PATCH');
	if (refusal) throw asODataError(refusal);
	if (READ_ONLY_SETS.includes(set)) throw new ODataError(403, 'forbidden', `${context.set.entityType} records are created by Project Operations and cannot be ${context.operation}d through the Web API.`, '0x80040265');
	const table = tableOf(set);
	for (const name of Object.keys(context.changes)) {
		const column = table.properties[name];
		const lookup = /^_.*_value$/.test(name);
		const bound = lookup && Object.values(table.lookups ?? {}).some((l) => l.column === name) && !(name in (context.request?.body as Record<string, unknown> ?? {}));
		if ((column?.readOnly || lookup) && !bound) {
			throw new ODataError(400, 'readOnlyProperty', `The property '${name}' of ${table.entityType} is read-only and cannot be set.${lookup ? ' Write the lookup with <navigation property>@odata.bind.' : ''}`);
		}
	}
	const statusColumn = set === 'msdyn_timeentries' ? 'msdyn_entrystatus' : set === 'msdyn_expenses' ? 'msdyn_expensestatus' : undefined;
	if (statusColumn && statusColumn in context.changes) {
		const draft = set === 'msdyn_timeentries' ? ENTRY_STATUS.draft : EXPENSE_STATUS.draft;
		if (context.operation === 'update' || context.changes[statusColumn] !== draft) {
			const action = set === 'msdyn_timeentries' ? 'msdyn_TimeEntriesSubmit and msdyn_TimeEntriesApprove' : 'msdyn_ExpenseEntriesSubmit and msdyn_ExpenseEntriesApprove';
			throw new ODataError(400, 'validation', `${statusColumn} changes only through ${action}.`, '0x80040265');
		}
	}
}
