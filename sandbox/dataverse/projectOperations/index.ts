/**
 * Project Operations as a module of the Dataverse sandbox (sandbox/dataverse/module.ts): the module adds its
 * tables (and its columns to Sales' salesorder / salesorderdetail / invoice / pricelevel tables), the schedule
 * API and submit / approve actions, the write rules Project Operations' plug-ins enforce, change tracking on its
 * tables and a seed step after the Sales seed.
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
import type { ODataActionHandler, ODataBoundActionHandler, ODataEntitySetDefinition, ODataService, ODataWriteContext, ODataWriteEvent } from '../../odata';
import { ServiceRows } from '../module';
import type { DataverseModuleRegistry } from '../module';

import { EntryLifecycle } from './entries';
import { DataverseError } from './payload';
import { ScheduleApi, directWriteRefusal } from './schedule';
import { seedProjectOperations } from './seed';
import type { SeededIds } from './seed';
import type { Row } from './store';
import { dataverseTimestamp } from './store';
import { ALL_TABLES, ENTRY_STATUS, EXPENSE_STATUS, MILESTONE_INVOICE_STATUS, tableOf } from './tables';
import type { TableDefinition } from './tables';

export { seedProjectOperations } from './seed';
export type { SeededIds } from './seed';
export { PROJECT_OPERATIONS_TABLES, PROJECT_OPERATIONS_SALES_TABLES } from './tables';

export interface ProjectOperationsOptions {
	/** How long an executed operation set stays Pending before it is applied (default 150 ms). */
	executionDelayMs?: number;
	/**
	 * Refuse the schedule APIs to application users (app-only tokens), as Microsoft documents for environments
	 * where only users with a Project license may call them. Off by default; `setRefuseApplicationUsers` turns it on.
	 */
	refuseApplicationUsers?: boolean;
}

/** The module's handle: where the seed put the firm's records, and the sandbox's own settings. */
export interface ProjectOperationsModule {
	/** Plugs the module into a Dataverse sandbox (`createDataverseSandbox({ modules: [module.register] })`). */
	register(registry: DataverseModuleRegistry): void;
	/** Where the last seed put the firm's records. */
	readonly ids: SeededIds | undefined;
	setExecutionDelay(ms: number): void;
	setRefuseApplicationUsers(refuse: boolean): void;
	/** Applies every pending operation set now (tests and the demo need not wait for the delay). */
	flush(): Promise<void>;
}

/** System tables clients only read. */
const READ_ONLY_SETS = ['msdyn_actuals', 'msdyn_operationsets', 'msdyn_operationsetdetails', 'msdyn_psserrorlogs'];

/** Tables with Track changes on (the trigger's tables, and what a sync reads incrementally). */
export const TRACKED_PROJECT_OPERATIONS_TABLES = ['msdyn_projects', 'msdyn_projecttasks', 'msdyn_projectteams', 'msdyn_timeentries', 'msdyn_expenses', 'msdyn_contractlinescheduleofvalues', 'msdyn_actuals', 'bookableresources'];

const DEFAULTS: Record<string, Record<string, unknown>> = {
	msdyn_timeentries: { msdyn_entrystatus: ENTRY_STATUS.draft, msdyn_type: 192350000 },
	msdyn_expenses: { msdyn_expensestatus: EXPENSE_STATUS.draft },
	msdyn_contractlinescheduleofvalues: { msdyn_invoicestatus: MILESTONE_INVOICE_STATUS.notReady },
};

/** A table as the core takes it, with the values a new row gets when the request leaves them out. */
function withDefaults(table: TableDefinition): ODataEntitySetDefinition {
	const defaults: Record<string, unknown> = { statecode: 0, statuscode: 1, ...(DEFAULTS[table.name] ?? {}) };
	const properties = Object.fromEntries(Object.entries(table.properties).map(([name, column]) => [name, defaults[name] !== undefined ? { ...column, default: defaults[name] } : column]));
	return { ...table, properties };
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

export function projectOperationsModule(options: ProjectOperationsOptions = {}): ProjectOperationsModule {
	const settings = { executionDelayMs: options.executionDelayMs ?? 150 };
	let refuseApplicationUsers = options.refuseApplicationUsers ?? false;
	let ids: SeededIds | undefined;
	let timers = 0;
	const pending = new Map<number, { timer: ReturnType<typeof setTimeout>; run: () => Promise<void> }>();
	const scheduleOf = (service: ODataService) =>
		new ScheduleApi(new ServiceRows(service), settings, (run, delayMs) => {
			const key = ++timers;
			const once = async () => {
				pending.delete(key);
				await run();
			};
			const timer = setTimeout(() => void once().catch(() => undefined), delayMs);
			timer.unref?.();
			pending.set(key, { timer, run: once });
		});
	const entries = (service: ODataService) => new EntryLifecycle(new ServiceRows(service));
	/** Milestones that became ready in a request not yet committed: their actuals are created on commit. */
	const readyMilestones = new Map<string, Row>();
	let boundService: ODataService | undefined;

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
	const bound = (name: string, approve: (lifecycle: EntryLifecycle, approvalId: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>): ODataBoundActionHandler => {
		return async (context) => {
			try {
				return answer(context.request, context.service, name, await approve(entries(context.service), String(context.key.msdyn_projectapprovalid), context.body));
			} catch (error) {
				throw asODataError(error);
			}
		};
	};

	const register = (registry: DataverseModuleRegistry) => {
		registry.addTables(ALL_TABLES.map(withDefaults));
		registry.addActions({
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
		});
		registry.addBoundActions('msdyn_projectapprovals', {
			'Microsoft.Dynamics.CRM.msdyn_TimeEntriesApprove': bound('msdyn_TimeEntriesApprove', async (lifecycle, id, body) => await lifecycle.approveTimeEntries(id, body, dataverseTimestamp())),
			'Microsoft.Dynamics.CRM.msdyn_ExpenseEntriesApprove': bound('msdyn_ExpenseEntriesApprove', async (lifecycle, id, body) => await lifecycle.approveExpenses(id, body, dataverseTimestamp())),
		});
		const ownSets = new Set(ALL_TABLES.map((t) => t.name));
		// Request writes only (the module's own writes skip these rules).
		registry.beforeWrite((context: ODataWriteContext) => {
			if (!ownSets.has(context.set.name)) return;
			checkClientWrite(context);
			if (context.set.name === 'msdyn_contractlinescheduleofvalues' && context.operation !== 'delete' && boundService) {
				let actual: Row | undefined;
				try {
					actual = entries(boundService).milestoneWritten(context.previous, context.record);
				} catch (error) {
					throw asODataError(error);
				}
				if (actual) readyMilestones.set(String(context.record.msdyn_contractlinescheduleofvalueid), actual);
			}
		});
		registry.onWrite((event: ODataWriteEvent) => {
			if (event.set !== 'msdyn_contractlinescheduleofvalues' || event.operation === 'delete') return;
			const id = String(event.key.msdyn_contractlinescheduleofvalueid);
			const actual = readyMilestones.get(id);
			readyMilestones.delete(id);
			if (actual && boundService) void new ServiceRows(boundService).insert('msdyn_actuals', actual);
		});
		registry.trackChanges(TRACKED_PROJECT_OPERATIONS_TABLES);
		registry.onReset(() => {
			for (const { timer } of pending.values()) clearTimeout(timer);
			pending.clear();
			readyMilestones.clear();
		});
		registry.onSeed(async ({ rows, service, findAccount }) => {
			boundService = service;
			ids = await seedProjectOperations(rows, findAccount);
		});
		registry.snapshot('projectOperations', () => ({
			ids,
			operationSets: boundService?.records('msdyn_operationsets') ?? [],
			pendingOperationSets: pending.size,
		}));
	};

	return {
		register,
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

/** Project Operations with the default settings, as a module of `createDataverseSandbox({ modules })`. */
export function registerProjectOperations(registry: DataverseModuleRegistry): ProjectOperationsModule {
	const module = projectOperationsModule();
	module.register(registry);
	return module;
}

/** A client's write, refused where Project Operations refuses it. */
function checkClientWrite(context: ODataWriteContext): void {
	const set = context.set.name;
	if (!context.request) return;
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
