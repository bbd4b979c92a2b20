/**
 * The Dataverse sandbox (Dynamics 365 Sales; Project Operations plugs in as a module): the Web API at
 * `/api/data/v9.2` on the OData v4 sandbox core, Entra bearer tokens verified in process (audience = the
 * environment URL), service protection per user (52 in flight with time in flight, request-count and
 * execution-time windows, 429 + Retry-After with Dataverse's codes), change tracking per table, formatted-value
 * annotations on request, computed line amounts and header totals, WinOpportunity / LoseOpportunity, WhoAmI,
 * deep insert of an opportunity, quote, order or invoice with its lines.
 */
import type { SandboxRequest, SandboxResponse } from '../core/server';
import { DEFAULT_VENDOR_LATENCY_MS, SandboxServer } from '../core/server';
import { ENTRA_SANDBOX_APP_OBJECT_ID, ENTRA_SANDBOX_CLIENT_ID, ENTRA_SANDBOX_USER, verifyAccessToken } from '../entra';
import { ODataService } from '../odata/service';
import type { ODataActionHandler, ODataBoundActionHandler, ODataRequestContext, ODataWriteContext, ODataWriteEvent } from '../odata/service';
import { ODataError } from '../odata/types';
import type { ODataEntitySetDefinition, ODataRecord } from '../odata/types';
import { ChangeLog, changeTrackingResponse } from './changeTracking';
import { metadataResponse } from './metadata';
import { registerProjectOperations } from './projectOperations';
import { DATAVERSE_CODES, dataverseDialect } from './dialect';
import { ServiceRows, asService, dataverseNow, isServiceWriting, serviceWritable } from './module';
import type { DataverseModuleRegistry, DataverseSeedContext } from './module';
import { ServiceProtection } from './protection';
import type { ProtectionSettings } from './protection';
import { DATAVERSE_SANDBOX_ORG, seedSales } from './seed';
import type { SalesSeedIds } from './seed';
import { LINE_TABLES, OPPORTUNITY_STATE, OPPORTUNITY_STATUS, SALES_TABLES, TRACKED_TABLES, mergeTables } from './tables';

export const DATAVERSE_SANDBOX_PORT = 4080;
export const DATAVERSE_API_ROOT = '/api/data/v9.2';

export type DataverseModule = (registry: DataverseModuleRegistry) => void;

export interface DataverseSandboxOptions {
	latencyMs?: number;
	/** Modules to plug in; see ./module. Default: Project Operations. */
	modules?: DataverseModule[];
	nowMs?: () => number;
}

export interface DataverseSandbox extends SandboxServer {
	readonly service: ODataService;
	readonly protection: ServiceProtection;
	readonly changes: ChangeLog;
	/** Settles once the seed is in (after start and after every reset). */
	ready: Promise<void>;
	seeded: SalesSeedIds;
	/** Resets and waits for the seed. */
	resetAndSeed(): Promise<void>;
	/** Delta tokens issued so far stop working (as when Dataverse's change-tracking retention passes). */
	expireDeltaTokens(): void;
	setProtection(settings: Partial<ProtectionSettings>): void;
}

const NAME_COLUMNS: Record<string, string> = {
	contacts: 'fullname',
	transactioncurrencies: 'currencyname',
	systemusers: 'fullname',
	opportunitycloses: 'subject',
	opportunityproducts: 'productdescription',
	quotedetails: 'productdescription',
	salesorderdetails: 'productdescription',
	invoicedetails: 'productdescription',
};

const STATE_LABELS: Record<string, { statecode: Record<number, string>; statuscode: Record<number, string> }> = {
	opportunities: { statecode: { 0: 'Open', 1: 'Won', 2: 'Lost' }, statuscode: { 1: 'In Progress', 2: 'On Hold', 3: 'Won', 4: 'Canceled', 5: 'Out-Sold' } },
	accounts: { statecode: { 0: 'Active', 1: 'Inactive' }, statuscode: { 1: 'Active', 2: 'Inactive' } },
	contacts: { statecode: { 0: 'Active', 1: 'Inactive' }, statuscode: { 1: 'Active', 2: 'Inactive' } },
};

const CUSTOMER_TYPES: Record<number, string> = { 1: 'Competitor', 2: 'Consultant', 3: 'Customer', 4: 'Investor', 5: 'Partner', 6: 'Influencer', 7: 'Press', 8: 'Prospect', 9: 'Reseller', 10: 'Supplier', 11: 'Vendor', 12: 'Other' };

const FORMATTED = '@OData.Community.Display.V1.FormattedValue';

const MONEY_SCALE = 4;

/** A JSON number as an integer count of 10^-4 (Dataverse stores money to 4 places); more places are refused. */
function scaled(value: number, scale = MONEY_SCALE): bigint {
	const text = String(value);
	if (/e/i.test(text)) throw new ODataError(400, 'invalidValue', `The value ${text} is out of range.`);
	const negative = text.startsWith('-');
	const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
	if (fraction.length > scale) throw new ODataError(400, 'invalidValue', `The value ${text} has more than ${scale} decimal places.`);
	const units = BigInt(whole + fraction.padEnd(scale, '0'));
	return negative ? -units : units;
}

function unscaled(units: bigint, scale = MONEY_SCALE): number {
	const negative = units < 0n;
	const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
	return Number(`${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`);
}

/** Exact decimal product of two JSON numbers (quantity to 5 places, price to 4), rounded half away from zero to 4 places. */
export function exactMoneyProduct(a: number, b: number): number {
	const product = scaled(a, 5) * scaled(b, 4);
	// product has 9 decimal places; back to 4.
	const divisor = 100_000n;
	const quotient = product / divisor;
	const remainder = product % divisor;
	const rounded = remainder * 2n >= divisor ? quotient + 1n : remainder * 2n <= -divisor ? quotient - 1n : quotient;
	return unscaled(rounded);
}

function exactSum(values: number[]): number {
	return unscaled(values.reduce((sum, value) => sum + scaled(value), 0n));
}

function bearerOf(request: SandboxRequest): string | undefined {
	const header = request.headers.authorization ?? '';
	const match = /^Bearer\s+(.+)$/i.exec(header);
	return match?.[1];
}

function unauthorized(request: SandboxRequest, reason: string): SandboxResponse {
	const origin = `${request.url.protocol}//${request.headers.host ?? request.url.host}`;
	return {
		status: 401,
		headers: {
			'WWW-Authenticate': `Bearer error=invalid_token, error_description="Error during token validation!", authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, resource_id=${origin}`,
			'x-ms-diagnostics': reason,
		},
	};
}

export function createDataverseSandbox(options: DataverseSandboxOptions = {}): DataverseSandbox {
	const nowMs = options.nowMs ?? (() => Date.now());
	const moduleTables: ODataEntitySetDefinition[] = [];
	const actions: Record<string, ODataActionHandler> = {};
	const functions: Record<string, ODataActionHandler> = {};
	const boundActions: Record<string, Record<string, ODataBoundActionHandler>> = {};
	const writeRules: Array<(context: ODataWriteContext) => void> = [];
	const writeListeners: Array<(event: ODataWriteEvent) => void> = [];
	const routes: Array<(context: ODataRequestContext & { path: string }) => SandboxResponse | undefined | Promise<SandboxResponse | undefined>> = [];
	const seeds: Array<(context: DataverseSeedContext) => void | Promise<void>> = [];
	const resets: Array<() => void> = [];
	const snapshots: Record<string, () => unknown> = {};
	const tracked = [...TRACKED_TABLES];
	const registry: DataverseModuleRegistry = {
		addTables: (tables) => moduleTables.push(...tables),
		addActions: (more) => Object.assign(actions, more),
		addFunctions: (more) => Object.assign(functions, more),
		addBoundActions: (set, more) => {
			boundActions[set] = { ...(boundActions[set] ?? {}), ...more };
		},
		beforeWrite: (hook) => writeRules.push(hook),
		onWrite: (listener) => writeListeners.push(listener),
		route: (hook) => routes.push(hook),
		trackChanges: (sets) => tracked.push(...sets),
		onSeed: (seed) => seeds.push(seed),
		onReset: (reset) => resets.push(reset),
		snapshot: (name, snapshot) => {
			snapshots[name] = snapshot;
		},
	};
	for (const module of options.modules ?? [registerProjectOperations]) module(registry);

	const sets = serviceWritable(mergeTables(SALES_TABLES, moduleTables));
	const keyColumn = (set: string) => sets.find((s) => s.name === set)?.key[0] ?? `${set}id`;
	const changes = new ChangeLog(tracked);
	const protection = new ServiceProtection(nowMs);
	let seeded: SalesSeedIds = { currencies: {}, priceList: '', products: {}, accounts: {}, opportunities: {} };

	// The hooks need the service, which is built from them: they reach it through this holder.
	const holder: { service?: ODataService } = {};
	const core = () => holder.service!;
	const nameOf = (setName: string, id: unknown): string | undefined => {
		const set = core().entitySet(setName);
		if (!set || typeof id !== 'string') return undefined;
		const record = core().get(setName, { [set.key[0]]: id });
		if (!record) return undefined;
		const column = NAME_COLUMNS[setName] ?? (record.name !== undefined ? 'name' : record.msdyn_subject !== undefined ? 'msdyn_subject' : 'msdyn_name');
		return typeof record[column] === 'string' ? (record[column] as string) : undefined;
	};

	const currencySymbol = (record: ODataRecord): string => {
		const id = record._transactioncurrencyid_value;
		if (typeof id !== 'string') return '';
		const currency = core().get('transactioncurrencies', { transactioncurrencyid: id });
		return typeof currency?.currencysymbol === 'string' ? currency.currencysymbol : '';
	};

	const annotate = ({ set, record, output, request }: { set: ODataEntitySetDefinition; record: ODataRecord; output: ODataRecord; request: SandboxRequest }) => {
		// Header totals are sums of the lines' extended amounts, computed when read.
		const line = Object.entries(LINE_TABLES).find(([, definition]) => definition.parentSet === set.name);
		if (line && ('totalamount' in output || 'totallineitemamount' in output)) {
			const id = String(record[set.key[0]]);
			const amounts = core().records(line[0]).filter((row) => row[line[1].parentColumn] === id).map((row) => Number(row.extendedamount ?? 0));
			const total = exactSum(amounts);
			if ('totalamount' in output) output.totalamount = total;
			if ('totallineitemamount' in output) output.totallineitemamount = total;
		}
		const prefer = request.headers.prefer ?? '';
		if (!/odata\.include-annotations/i.test(prefer)) return;
		for (const [nav, lookup] of Object.entries(set.lookups ?? {})) {
			const value = output[lookup.column];
			if (typeof value !== 'string') continue;
			const target = core().get(lookup.target, { [keyColumn(lookup.target)]: value });
			if (!target) continue;
			output[`${lookup.column}${FORMATTED}`] = nameOf(lookup.target, value) ?? null;
			output[`${lookup.column}@Microsoft.Dynamics.CRM.associatednavigationproperty`] = nav;
			output[`${lookup.column}@Microsoft.Dynamics.CRM.lookuplogicalname`] = core().entitySet(lookup.target)?.entityType ?? lookup.target;
		}
		const labels = STATE_LABELS[set.name];
		for (const column of ['statecode', 'statuscode'] as const) {
			const value = output[column];
			if (typeof value === 'number') output[`${column}${FORMATTED}`] = labels?.[column][value] ?? String(value);
		}
		if (typeof output.customertypecode === 'number') output[`customertypecode${FORMATTED}`] = CUSTOMER_TYPES[output.customertypecode] ?? String(output.customertypecode);
		const symbol = currencySymbol(record);
		for (const [name, definition] of Object.entries(set.properties)) {
			const value = output[name];
			if (definition.type === 'Edm.Decimal' && typeof value === 'number' && name !== 'quantity' && name !== 'exchangerate') {
				output[`${name}${FORMATTED}`] = `${value < 0 ? '-' : ''}${symbol}${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
			}
		}
	};

	const beforeWrite = (context: ODataWriteContext) => {
		const { set, record, operation } = context;
		if (operation !== 'delete') {
			const now = dataverseNow(nowMs());
			if (operation === 'create' && !record.createdon) record.createdon = now;
			if (!isServiceWriting() || !('modifiedon' in context.changes)) record.modifiedon = now;
			record.versionnumber = core().version + 1;
			if (set.name === 'contacts') record.fullname = [record.firstname, record.lastname].filter((part) => typeof part === 'string' && part !== '').join(' ');
			if (LINE_TABLES[set.name]) {
				const quantity = typeof record.quantity === 'number' ? record.quantity : 0;
				const price = typeof record.priceperunit === 'number' ? record.priceperunit : 0;
				const base = exactMoneyProduct(quantity, price);
				record.baseamount = base;
				record.extendedamount = unscaled(scaled(base) - scaled(Number(record.manualdiscountamount ?? 0)) + scaled(Number(record.tax ?? 0)));
				if (!record.productdescription && typeof record._productid_value === 'string') record.productdescription = nameOf('products', record._productid_value) ?? null;
			}
		}
		if (!isServiceWriting()) {
			if (set.name === 'opportunities' && operation === 'update') {
				const closing = (typeof context.changes.statecode === 'number' && context.changes.statecode !== OPPORTUNITY_STATE.open) || (typeof context.changes.statuscode === 'number' && context.changes.statuscode >= OPPORTUNITY_STATUS.won);
				if (closing) throw new ODataError(400, 'validation', 'An opportunity is closed with the WinOpportunity or LoseOpportunity message, not by setting its state.', DATAVERSE_CODES.invalidArgument);
			}
			for (const rule of writeRules) rule(context);
		}
	};

	const onWrite = (event: ODataWriteEvent) => {
		changes.record(event, keyColumn(event.set));
		for (const listener of writeListeners) listener(event);
	};

	/** WinOpportunity / LoseOpportunity: the opportunity close is created and the opportunity closed, or neither. */
	const closeOpportunity = (won: boolean): ODataActionHandler => async ({ body }) => {
		const close = body.OpportunityClose as Record<string, unknown> | undefined;
		const status = body.Status;
		if (!close || typeof close !== 'object') throw new ODataError(400, 'requiredMissing', 'The parameter OpportunityClose is required.', DATAVERSE_CODES.invalidArgument);
		const allowed: number[] = won ? [OPPORTUNITY_STATUS.won] : [OPPORTUNITY_STATUS.canceled, OPPORTUNITY_STATUS.outSold];
		if (typeof status !== 'number' || !allowed.includes(status)) {
			throw new ODataError(400, 'validation', `${String(status)} is not a valid status code for state code OpportunityState.${won ? 'Won' : 'Lost'} on opportunity.`, DATAVERSE_CODES.invalidArgument);
		}
		const bind = close['opportunityid@odata.bind'];
		const match = typeof bind === 'string' ? /opportunities\(([0-9a-fA-F-]{36})\)\s*$/.exec(bind) : null;
		if (!match) throw new ODataError(400, 'requiredMissing', 'OpportunityClose must name its opportunity with opportunityid@odata.bind.', DATAVERSE_CODES.invalidArgument);
		const id = match[1].toLowerCase();
		const opportunity = core().get('opportunities', { opportunityid: id });
		if (!opportunity) throw new ODataError(404, 'notFound', `opportunity With Id = ${id} Does Not Exist`);
		if (opportunity.statecode !== OPPORTUNITY_STATE.open) {
			throw new ODataError(400, 'validation', 'The opportunity is already closed: it cannot be closed again unless it is reopened.', DATAVERSE_CODES.invalidArgument);
		}
		const today = new Date(nowMs()).toISOString().slice(0, 10);
		const actualend = typeof close.actualend === 'string' ? close.actualend.slice(0, 10) : today;
		const revenue = typeof close.actualrevenue === 'number' ? close.actualrevenue : won ? Number(opportunity.estimatedvalue ?? 0) : 0;
		const inserted = await asService(() => core().insert('opportunitycloses', { subject: won ? 'Won' : 'Lost', ...close, actualend, actualrevenue: revenue, statecode: 1, statuscode: 2 }));
		try {
			await asService(() =>
				core().update('opportunities', { opportunityid: id }, { statecode: won ? OPPORTUNITY_STATE.won : OPPORTUNITY_STATE.lost, statuscode: status, actualclosedate: actualend, actualvalue: revenue }),
			);
		} catch (error) {
			await asService(() => core().remove('opportunitycloses', { activityid: inserted.activityid }));
			throw error;
		}
		return { status: 204, headers: { 'OData-Version': '4.0' } };
	};

	const caller = (request: SandboxRequest) => (request as SandboxRequest & { dataverseUser?: string }).dataverseUser;

	/** An opportunity, quote, order or invoice created with its lines in one request (Dataverse deep insert). */
	const DEEP_INSERT: Record<string, { collection: string; lineSet: string; parentNav: string }> = {
		opportunities: { collection: 'product_opportunities', lineSet: 'opportunityproducts', parentNav: 'opportunityid' },
		quotes: { collection: 'quote_details', lineSet: 'quotedetails', parentNav: 'quoteid' },
		salesorders: { collection: 'order_details', lineSet: 'salesorderdetails', parentNav: 'salesorderid' },
		invoices: { collection: 'invoice_details', lineSet: 'invoicedetails', parentNav: 'invoiceid' },
	};
	const deepInsert = async ({ request, path }: ODataRequestContext & { path: string }): Promise<SandboxResponse | undefined> => {
		const deep = DEEP_INSERT[path];
		if (request.method !== 'POST' || !deep || !request.body || typeof request.body !== 'object') return undefined;
		const body = request.body as Record<string, unknown>;
		const lines = body[deep.collection];
		if (!Array.isArray(lines)) return undefined;
		const { [deep.collection]: _lines, ...header } = body;
		const set = core().entitySet(path)!;
		const created = await core().insert(path, header, request);
		const id = String(created[set.key[0]]);
		const lineKey = keyColumn(deep.lineSet);
		const done: string[] = [];
		try {
			for (const line of lines) {
				if (!line || typeof line !== 'object' || Array.isArray(line)) throw new ODataError(400, 'badRequest', `Each item of ${deep.collection} must be a JSON object.`);
				const row = await core().insert(deep.lineSet, { ...(line as Record<string, unknown>), [`${deep.parentNav}@odata.bind`]: `/${path}(${id})` }, request);
				done.push(String(row[lineKey]));
			}
		} catch (error) {
			// Deep insert is one transaction: the header and the lines already made are undone.
			for (const lineId of done) await asService(() => core().remove(deep.lineSet, { [lineKey]: lineId }));
			await asService(() => core().remove(path, { [set.key[0]]: id }));
			throw error;
		}
		const url = `${request.url.origin}${core().root}/${path}(${id})`;
		const headers = { 'OData-Version': '4.0', 'OData-EntityId': url, Location: url };
		if (!/return=representation/i.test(request.headers.prefer ?? '')) return { status: 204, headers };
		const record = core().get(path, { [set.key[0]]: id })!;
		return { status: 201, headers: { ...headers, 'Preference-Applied': 'return=representation' }, body: { '@odata.context': `${request.url.origin}${core().root}/$metadata#${path}/$entity`, '@odata.etag': core().etag(path, { [set.key[0]]: id }), ...record } };
	};

	holder.service = new ODataService({
		root: DATAVERSE_API_ROOT,
		sets,
		dialect: dataverseDialect,
		hooks: {
			route: async (context) => {
				const tracking = await changeTrackingResponse(core(), changes, context.request, context.path, (plain) => core().handle(plain), nowMs());
				if (tracking) return tracking;
				const metadata = metadataResponse(core(), context.request, context.path, (logicalName) => {
					const set = sets.find((candidate) => candidate.entityType === logicalName);
					return set ? core().entitySet(set.name) : undefined;
				});
				if (metadata) return metadata;
				for (const route of routes) {
					const answer = await route(context);
					if (answer) return answer;
				}
				return await deepInsert(context);
			},
			actions: { WinOpportunity: closeOpportunity(true), LoseOpportunity: closeOpportunity(false), ...actions },
			functions: {
				WhoAmI: ({ request }) => ({
					status: 200,
					body: {
						'@odata.context': `${request.url.origin}${DATAVERSE_API_ROOT}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
						BusinessUnitId: DATAVERSE_SANDBOX_ORG.businessUnitId,
						UserId: caller(request) ?? DATAVERSE_SANDBOX_ORG.applicationUserId,
						OrganizationId: DATAVERSE_SANDBOX_ORG.organizationId,
					},
				}),
				...functions,
			},
			boundActions,
			beforeWrite,
			onWrite,
			annotate,
		},
	});

	const seed = async () => {
		const rows = new ServiceRows(core(), nowMs);
		seeded = await seedSales(rows, [
			{ systemuserid: DATAVERSE_SANDBOX_ORG.applicationUserId, fullname: '# n8n integration', azureactivedirectoryobjectid: ENTRA_SANDBOX_APP_OBJECT_ID, applicationid: ENTRA_SANDBOX_CLIENT_ID },
			{ systemuserid: DATAVERSE_SANDBOX_ORG.licensedUserId, fullname: ENTRA_SANDBOX_USER.name, azureactivedirectoryobjectid: ENTRA_SANDBOX_USER.objectId },
		]);
		const findAccount = (name: string, externalId: string) =>
			seeded.accounts[externalId] ?? (core().records('accounts').find((account) => account.name === name)?.accountid as string | undefined);
		for (const moduleSeed of seeds) await moduleSeed({ rows, service: core(), findAccount });
		sandbox.seeded = seeded;
	};

	const server = new SandboxServer({
		name: 'dataverse',
		latencyMs: options.latencyMs ?? DEFAULT_VENDOR_LATENCY_MS,
		// The delay is taken while the request holds one of its user's concurrency slots.
		latencyInRoutes: true,
		reset() {
			core().clear();
			changes.reset();
			protection.reset();
			for (const reset of resets) reset();
			sandbox.ready = seed();
		},
		snapshot() {
			const counts: Record<string, number> = {};
			for (const set of sets) counts[set.name] = core().records(set.name).length;
			return {
				counts,
				accounts: core().records('accounts'),
				opportunities: core().records('opportunities'),
				opportunityproducts: core().records('opportunityproducts'),
				opportunitycloses: core().records('opportunitycloses'),
				protection: { settings: protection.settings, maxInFlight: protection.maxInFlight(), rejections: protection.rejections },
				changeTracking: [...changes.tracked],
				...Object.fromEntries(Object.entries(snapshots).map(([name, snapshot]) => [name, snapshot()])),
			};
		},
		settings: {
			read: () => ({ ...protection.settings }),
			apply: (settings) => protection.apply(settings),
		},
	});
	const sandbox = server as DataverseSandbox;
	Object.defineProperty(sandbox, 'service', { get: () => core() });
	Object.defineProperty(sandbox, 'protection', { get: () => protection });
	Object.defineProperty(sandbox, 'changes', { get: () => changes });
	sandbox.seeded = seeded;
	sandbox.ready = seed();
	sandbox.resetAndSeed = async () => {
		server.reset();
		await sandbox.ready;
	};
	sandbox.expireDeltaTokens = () => {
		changes.oldestValidVersion = core().version + 1;
	};
	sandbox.setProtection = (settings) => {
		const problem = protection.apply(settings);
		if (problem) throw new RangeError(problem);
	};

	server.notFound = (request) => ({
		status: 404,
		body: { error: { code: DATAVERSE_CODES.segmentNotFound, message: `No HTTP resource was found that matches the request URI '${request.url.toString()}'.` } },
	});

	/** Authentication, the caller's service protection slot (time in flight spent inside it), then the core(). */
	core().mount(server, async (request, next) => {
		await sandbox.ready;
		const token = bearerOf(request);
		if (!token) return unauthorized(request, 'no bearer token');
		const audience = `${request.url.protocol}//${request.headers.host ?? request.url.host}`;
		const check = verifyAccessToken(token, audience);
		if (!check.valid) return unauthorized(request, check.reason);
		const claims = check.claims;
		const user = core()
			.records('systemusers')
			.find((candidate) => (claims.idtyp === 'app' ? candidate.applicationid === claims.appid : candidate.azureactivedirectoryobjectid === claims.oid));
		if (!user || user.isdisabled === true) {
			return { status: 403, body: { error: { code: '0x80072560', message: 'The user is not a member of the organization.' } } };
		}
		const userId = String(user.systemuserid);
		(request as SandboxRequest & { dataverseUser?: string }).dataverseUser = userId;
		const admitted = protection.admit(userId);
		if ('refusal' in admitted) {
			const { refusal } = admitted;
			return { status: 429, headers: { 'Retry-After': String(refusal.retryAfterSeconds), 'OData-Version': '4.0' }, body: { error: { code: refusal.code, message: refusal.message } } };
		}
		let response: SandboxResponse | undefined;
		try {
			await server.processingDelay();
			response = await next();
		} finally {
			const headers = admitted.release();
			if (response) response.headers = { ...(response.headers ?? {}), ...headers };
		}
		return response;
	});

	return sandbox;
}

/** Data for a p2cDataverseClientCredentialsApi credential against this sandbox and the Entra sandbox. */
export { entraSandboxClientCredentials as dataverseSandboxClientCredentials } from '../entra';
