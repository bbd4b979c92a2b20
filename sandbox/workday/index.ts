/**
 * Workday sandbox: one tenant of the shared firm behind the three APIs the Workday node speaks.
 * - OAuth 2.0 refresh-token grant at `/ccx/oauth2/<tenant>/token` (client as Basic), bearer tokens for REST.
 * - REST common v1 and absenceManagement v1: `{data, total}` collections (`limit` 1–100, `offset`), workers by WID
 *   or `Employee_ID=…`, their organizations, supervisory organizations with their managers, job change reasons,
 *   time-off details and balances; validation errors `{error, errors: [{error, field}]}` (400), 401 / 404 shapes.
 * - SOAP Human_Resources (Get_Workers, Get_Organizations) with a WS-Security UsernameToken check (soap.ts).
 * - RaaS `/ccx/service/customreport2/<tenant>/<owner>/<report>?format=json` with Basic auth and prompts.
 * Throttling (429 / 503) and lost answers come from the shared core's fault injection.
 *
 *   const sandbox = createWorkdaySandbox();
 *   const baseUrl = await sandbox.start(WORKDAY_SANDBOX_PORT);
 *   workdayOAuth2SandboxCredentials(baseUrl); workdayIsuSandboxCredentials(baseUrl);
 */
import { randomBytes } from 'crypto';

import { DEFAULT_VENDOR_LATENCY_MS, SandboxServer } from '../core/server';
import type { Fault, SandboxRequest, SandboxResponse } from '../core/server';
import { JOB_CHANGE_REASONS, minorToDecimal, SUPERVISORY_ORGS } from './seed';
import type { WorkerState } from './seed';
import { faultResponse, getOrganizations, getWorkers, readEnvelope, SoapFault } from './soap';
import { location, organization, WorkdayTenant } from './tenant';

export { WorkdayTenant } from './tenant';
export { NEW_HIRE, wid } from './seed';
export type { WorkerEvent, WorkerState } from './seed';

export const WORKDAY_SANDBOX_PORT = 4040;
export const WORKDAY_SANDBOX_TENANT = 'meridian_impl1';
export const WORKDAY_SANDBOX_CLIENT_ID = 'p2c-workday-sandbox-client';
export const WORKDAY_SANDBOX_CLIENT_SECRET = 'p2c-workday-sandbox-secret';
export const WORKDAY_SANDBOX_REFRESH_TOKEN = 'p2c-workday-sandbox-refresh-token';
export const WORKDAY_SANDBOX_ISU = 'ISU_PlanningToCash';
export const WORKDAY_SANDBOX_ISU_PASSWORD = 'p2c-workday-isu-password';
export const WORKDAY_SANDBOX_VERSION = 'v42.0';
/** The custom report of loaded cost rates shared with the ISU. */
export const COST_RATE_REPORT = { owner: 'lmcneil', name: 'P2C_Worker_Loaded_Cost_Rates' };
const TOKEN_LIFETIME_SECONDS = 3600;

/** A 429 as Workday sends it when a tenant is busy. */
export function throttleFault(times = 1, path?: string): Fault {
	return { kind: 'status', status: 429, times, path, headers: { 'Retry-After': '0' }, body: { error: 'Too many requests: the tenant is throttling this client; retry later' } };
}

/** A 503 with Workday's error (maintenance window). */
export function unavailableFault(times = 1, path?: string): Fault {
	return { kind: 'status', status: 503, times, path, headers: { 'Retry-After': '0' }, body: { error: 'The tenant is unavailable during scheduled maintenance' } };
}

export class WorkdaySandbox extends SandboxServer {
	readonly accessTokens = new Map<string, number>();

	constructor(
		readonly tenant: WorkdayTenant,
		latencyMs = DEFAULT_VENDOR_LATENCY_MS,
	) {
		super({
			name: 'workday',
			reset: () => {
				tenant.reset();
				this.accessTokens.clear();
			},
			snapshot: () => tenant.snapshot(),
			latencyMs,
		});
		// The request log keeps SOAP bodies: the UsernameToken's password is redacted there, as the core redacts auth headers.
		const push = this.requests.push.bind(this.requests);
		this.requests.push = (...entries) => push(...entries.map((entry) => (typeof entry.body === 'string' ? { ...entry, body: entry.body.replace(/(<(?:\w+:)?Password\b[^>]*>)[^<]*(<\/(?:\w+:)?Password>)/g, '$1[redacted]$2') } : entry)));
	}
}

function restError(status: number, error: string, errors: Array<{ error: string; field?: string }> = []): SandboxResponse {
	return { status, body: errors.length ? { error, errors } : { error } };
}

const WID = /^[0-9a-f]{32}$/;

function basicAuth(request: SandboxRequest): [string, string] | undefined {
	const header = request.headers.authorization ?? '';
	if (!header.startsWith('Basic ')) return undefined;
	const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
	const at = decoded.indexOf(':');
	return at < 0 ? undefined : [decoded.slice(0, at), decoded.slice(at + 1)];
}

export function createWorkdaySandbox(options: { latencyMs?: number; nowMs?: number } = {}): WorkdaySandbox {
	const tenant = new WorkdayTenant(options.nowMs ?? Date.now());
	const sandbox = new WorkdaySandbox(tenant, options.latencyMs ?? DEFAULT_VENDOR_LATENCY_MS);
	const isuUser = `${WORKDAY_SANDBOX_ISU}@${WORKDAY_SANDBOX_TENANT}`;
	sandbox.notFound = (request) => restError(404, `Resource not found: ${request.method} ${request.path}`);

	const wrongTenant = (request: SandboxRequest) => request.params.tenant !== WORKDAY_SANDBOX_TENANT;

	// --- OAuth 2.0 ---------------------------------------------------------------------------------------
	sandbox.route('POST', '/ccx/oauth2/:tenant/token', (request) => {
		if (wrongTenant(request)) return { status: 404, body: { error: 'invalid_request', error_description: 'Unknown tenant' } };
		const client = basicAuth(request);
		const form = new URLSearchParams(request.rawBody);
		const clientId = client?.[0] ?? form.get('client_id');
		const clientSecret = client?.[1] ?? form.get('client_secret');
		if (clientId !== WORKDAY_SANDBOX_CLIENT_ID || clientSecret !== WORKDAY_SANDBOX_CLIENT_SECRET) return { status: 401, body: { error: 'invalid_client', error_description: 'Invalid client credentials' } };
		if (form.get('grant_type') !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Only refresh_token is supported for this API client' } };
		if (form.get('refresh_token') !== WORKDAY_SANDBOX_REFRESH_TOKEN) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } };
		const token = randomBytes(24).toString('hex');
		sandbox.accessTokens.set(token, Date.now() + TOKEN_LIFETIME_SECONDS * 1000);
		return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, refresh_token: WORKDAY_SANDBOX_REFRESH_TOKEN } };
	});

	// --- REST ----------------------------------------------------------------------------------------------
	const rest = (path: string, handler: (request: SandboxRequest) => SandboxResponse) =>
		sandbox.route('GET', path, (request) => {
			if (wrongTenant(request)) return restError(404, 'Invalid tenant');
			const header = request.headers.authorization ?? '';
			const expiry = header.startsWith('Bearer ') ? sandbox.accessTokens.get(header.slice(7)) : undefined;
			if (expiry === undefined || expiry < Date.now()) return restError(401, 'invalid_token: the access token is missing, unknown or expired');
			return handler(request);
		});

	const paging = (request: SandboxRequest): { limit: number; offset: number } | SandboxResponse => {
		const errors: Array<{ error: string; field: string }> = [];
		const limitText = request.query.get('limit');
		const offsetText = request.query.get('offset');
		const limit = limitText === null ? 20 : Number(limitText);
		const offset = offsetText === null ? 0 : Number(offsetText);
		if (!/^\d*$/.test(limitText ?? '') || !Number.isInteger(limit) || limit < 1 || limit > 100) errors.push({ error: `limit: the value ${limitText} is not valid; enter a number from 1 to 100`, field: 'limit' });
		if (!/^\d*$/.test(offsetText ?? '') || !Number.isInteger(offset) || offset < 0) errors.push({ error: `offset: the value ${offsetText} is not valid; enter a whole number of 0 or more`, field: 'offset' });
		return errors.length ? restError(400, 'invalid request: the query parameters are not valid', errors) : { limit, offset };
	};

	const collection = (request: SandboxRequest, all: object[]): SandboxResponse => {
		const page = paging(request);
		if ('status' in page) return page;
		return { status: 200, body: { data: all.slice(page.offset, page.offset + page.limit), total: all.length } };
	};

	const today = () => tenant.today();
	const activeIds = () => tenant.employeeIds().filter((id) => {
		const state = tenant.stateOf(id, today(), tenant.now());
		return state && state.active && state.hireDate <= today();
	});
	const href = (request: SandboxRequest, path: string) => `${sandbox.baseUrl}/ccx/api/common/v1/${request.params.tenant}${path}`;
	const orgRef = (request: SandboxRequest, referenceId: string) => {
		const org = organization(referenceId)!;
		return { id: org.wid, descriptor: org.name, href: href(request, `/supervisoryOrganizations/${org.wid}`) };
	};
	const workerSummary = (request: SandboxRequest, id: string, state: WorkerState) => ({
		id: tenant.workerWid(id),
		descriptor: `${state.firstName} ${state.lastName}`,
		href: href(request, `/workers/${tenant.workerWid(id)}`),
		primaryWorkEmail: state.email,
		businessTitle: state.title,
		isManager: SUPERVISORY_ORGS.some((o) => o.managerId === id),
		primarySupervisoryOrganization: orgRef(request, state.supervisoryOrg),
	});
	const workerProfile = (request: SandboxRequest, id: string, state: WorkerState) => {
		const site = location(state.location)!;
		return { ...workerSummary(request, id, state), location: { id: site.wid, descriptor: site.name }, primaryWorkAddressText: site.name, supervisoryOrganizationsManaged: href(request, `/workers/${tenant.workerWid(id)}/supervisoryOrganizationsManaged`) };
	};

	/** A worker id from the path: a WID or Employee_ID=…; anything else is Workday's 400, an unknown one 404. */
	const resolveWorker = (request: SandboxRequest): string | SandboxResponse => {
		const raw = request.params.id;
		let employeeId: string | undefined;
		if (WID.test(raw)) employeeId = tenant.employeeIdOfWid(raw);
		else if (/^Employee_ID=\S+$/.test(raw)) employeeId = raw.slice('Employee_ID='.length);
		else return restError(400, `invalid request: the ID ${raw} is not a valid WID or reference ID`, [{ error: `id: ${raw} is not a valid WID or reference ID`, field: 'id' }]);
		if (!employeeId || !activeIds().includes(employeeId)) return restError(404, `The resource ${raw} was not found`);
		return employeeId;
	};

	for (const service of ['common', 'absenceManagement']) {
		rest(`/ccx/api/${service}/v1/:tenant/workers`, (request) => {
			const words = (request.query.get('search') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
			const rows = activeIds()
				.map((id) => [id, tenant.stateOf(id, today(), tenant.now())!] as const)
				.filter(([, state]) => !words.length || words.some((word) => `${state.firstName} ${state.lastName}`.toLowerCase().includes(word)))
				.map(([id, state]) => workerSummary(request, id, state));
			return collection(request, rows);
		});
		rest(`/ccx/api/${service}/v1/:tenant/workers/:id`, (request) => {
			const id = resolveWorker(request);
			if (typeof id !== 'string') return id;
			return { status: 200, body: workerProfile(request, id, tenant.stateOf(id, today(), tenant.now())!) };
		});
	}
	rest('/ccx/api/common/v1/:tenant/workers/:id/organizations', (request) => {
		const id = resolveWorker(request);
		if (typeof id !== 'string') return id;
		const state = tenant.stateOf(id, today(), tenant.now())!;
		return collection(
			request,
			[state.company, state.costCenter, state.supervisoryOrg].map((referenceId) => {
				const org = organization(referenceId)!;
				return { id: org.wid, descriptor: org.name, href: href(request, `/organizations/${org.wid}`), organizationType: { id: tenant.workerWid(`organizationType:${org.type}`), descriptor: org.type.replace('_', ' ') } };
			}),
		);
	});
	const supervisoryOrg = (request: SandboxRequest, org: (typeof SUPERVISORY_ORGS)[number]) => {
		const manager = org.managerId ? tenant.stateOf(org.managerId, today(), tenant.now()) : undefined;
		return {
			id: org.wid,
			descriptor: org.name,
			href: href(request, `/supervisoryOrganizations/${org.wid}`),
			name: org.name,
			code: org.code,
			manager: manager ? { id: tenant.workerWid(org.managerId!), descriptor: `${manager.firstName} ${manager.lastName}`, href: href(request, `/workers/${tenant.workerWid(org.managerId!)}`) } : undefined,
			workers: href(request, `/supervisoryOrganizations/${org.wid}/workers`),
		};
	};
	rest('/ccx/api/common/v1/:tenant/supervisoryOrganizations', (request) => collection(request, SUPERVISORY_ORGS.map((org) => supervisoryOrg(request, org))));
	rest('/ccx/api/common/v1/:tenant/supervisoryOrganizations/:id', (request) => {
		const org = SUPERVISORY_ORGS.find((o) => o.wid === request.params.id || `Organization_Reference_ID=${o.referenceId}` === request.params.id);
		return org ? { status: 200, body: supervisoryOrg(request, org) } : restError(404, `The resource ${request.params.id} was not found`);
	});
	rest('/ccx/api/common/v1/:tenant/jobChangeReasons', (request) =>
		collection(request, JOB_CHANGE_REASONS.map((r) => ({ ...r, href: href(request, `/jobChangeReasons/${r.id}`), isForEmployee: true, isForContingentWorker: !r.descriptor.startsWith('Promotion'), managerReason: r.descriptor.startsWith('Transfer') }))),
	);
	// Absence Management's views (TimeOffDetailsView, AbsenceBalanceView) carry no id of their own; quantities are numbers.
	const ref = (kind: string, descriptor: string) => ({ id: tenant.workerWid(`${kind}:${descriptor}`), descriptor });
	rest('/ccx/api/absenceManagement/v1/:tenant/workers/:id/timeOffDetails', (request) => {
		const id = resolveWorker(request);
		if (typeof id !== 'string') return id;
		const errors: Array<{ error: string; field: string }> = [];
		const bound = (name: string) => {
			const value = request.query.get(name);
			if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors.push({ error: `${name}: ${value} is not a date (yyyy-mm-dd)`, field: name });
			return value ?? undefined;
		};
		const from = bound('fromDate');
		const to = bound('toDate');
		if (errors.length) return restError(400, 'invalid request: the query parameters are not valid', errors);
		const state = tenant.stateOf(id, today(), tenant.now())!;
		const entries = ['2026-02-16', '2026-02-17', '2026-08-10']
			.filter((date) => (!from || date >= from) && (!to || date <= to))
			.map((date) => ({
				date,
				quantity: state.company === 'MAG-UK' ? 7.5 : 8,
				unit: ref('unit', 'Hours'),
				timeOffType: ref('timeOffType', 'Vacation'),
				status: ref('status', 'Approved'),
				worker: { id: tenant.workerWid(id), descriptor: `${state.firstName} ${state.lastName}` },
			}));
		return collection(request, entries);
	});
	rest('/ccx/api/absenceManagement/v1/:tenant/balances', (request) => {
		const workerId = request.query.get('worker');
		let ids = activeIds();
		if (workerId !== null) {
			const employeeId = WID.test(workerId) ? tenant.employeeIdOfWid(workerId) : undefined;
			if (!employeeId) return restError(400, 'invalid request: worker is not a valid worker WID', [{ error: `worker: ${workerId} is not a valid WID`, field: 'worker' }]);
			ids = ids.filter((id) => id === employeeId);
		}
		return collection(
			request,
			ids.map((id) => {
				const state = tenant.stateOf(id, today(), tenant.now())!;
				return { effectiveDate: today(), quantity: state.company === 'MAG-UK' ? 187.5 : 120, unit: ref('unit', 'Hours'), absencePlan: ref('absencePlan', 'Vacation'), worker: { id: tenant.workerWid(id), descriptor: `${state.firstName} ${state.lastName}` } };
			}),
		);
	});

	// --- SOAP ----------------------------------------------------------------------------------------------
	sandbox.route('POST', '/ccx/service/:tenant/:service/:version', (request) => {
		if (wrongTenant(request)) return faultResponse(new SoapFault('SOAP-ENV:Client', `Invalid tenant ${request.params.tenant}`));
		if (request.params.service !== 'Human_Resources') {
			return faultResponse(new SoapFault('SOAP-ENV:Client', `The Workday sandbox does not implement the ${request.params.service} web service; only Human_Resources (Get_Workers, Get_Organizations)`));
		}
		if (!/^v\d{1,2}\.\d$/.test(request.params.version)) return faultResponse(new SoapFault('SOAP-ENV:Client', `Invalid web service version ${request.params.version}`));
		try {
			const operation = readEnvelope(request.rawBody, isuUser, WORKDAY_SANDBOX_ISU_PASSWORD);
			if (operation.localName === 'Get_Workers_Request') return getWorkers(tenant, operation);
			if (operation.localName === 'Get_Organizations_Request') return getOrganizations(tenant, operation, request.params.version);
			throw new SoapFault('SOAP-ENV:Client', `The Workday sandbox does not implement ${operation.localName}; only Get_Workers_Request and Get_Organizations_Request`);
		} catch (error) {
			if (error instanceof SoapFault) return faultResponse(error);
			throw error;
		}
	});

	// --- RaaS ----------------------------------------------------------------------------------------------
	sandbox.route('GET', '/ccx/service/customreport2/:tenant/:owner/:report', (request) => {
		if (wrongTenant(request)) return { status: 404, body: { error: 'Invalid tenant' } };
		const user = basicAuth(request);
		if (!user || user[0] !== isuUser || user[1] !== WORKDAY_SANDBOX_ISU_PASSWORD) return { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="Workday"' }, body: { error: 'invalid username or password' } };
		if (request.params.owner !== COST_RATE_REPORT.owner || request.params.report !== COST_RATE_REPORT.name) {
			return { status: 404, body: { error: `The report ${request.params.owner}/${request.params.report} does not exist or is not shared with this user` } };
		}
		if (request.query.get('format') !== 'json') return { status: 400, body: { error: 'The Workday sandbox answers reports in format=json only' } };
		const prompts = [...request.query.keys()].filter((key) => key !== 'format');
		const unknown = prompts.filter((key) => key !== 'Effective_as_of_Date' && key !== 'Worker!Employee_ID');
		if (unknown.length) return { status: 400, body: { error: `The prompt ${unknown[0]} is not a prompt of report ${COST_RATE_REPORT.name}`, errors: unknown.map((field) => ({ error: `${field} is not a prompt`, field })) } };
		const asOf = (request.query.get('Effective_as_of_Date') ?? today()).slice(0, 10);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return { status: 400, body: { error: 'Effective_as_of_Date must be a date (YYYY-MM-DD)', errors: [{ error: 'not a date', field: 'Effective_as_of_Date' }] } };
		const only = request.query.get('Worker!Employee_ID');
		const rows = tenant
			.employeeIds()
			.filter((id) => !only || id === only)
			.map((id) => [id, tenant.stateOf(id, asOf, tenant.now())] as const)
			.filter((row): row is readonly [string, WorkerState] => row[1] !== undefined && row[1].hireDate <= asOf)
			.map(([id, state]) => {
				// Loaded cost: the hourly cost rate with 50% overhead, computed exactly in cents.
				const cents = BigInt(state.costRate.replace('.', ''));
				const loaded = (cents * 3n) / 2n;
				return {
					Employee_ID: id,
					Worker: `${state.firstName} ${state.lastName}`,
					Cost_Center: organization(state.costCenter)?.name ?? '',
					Loaded_Cost_Rate: minorToDecimal(loaded.toString()),
					Currency: state.currency,
					Effective_Date: state.costRateEffective,
				};
			});
		return { status: 200, body: { Report_Entry: rows } };
	});

	return sandbox;
}

export function workdayOAuth2SandboxCredentials(baseUrl: string) {
	return { host: baseUrl, tenant: WORKDAY_SANDBOX_TENANT, webServiceVersion: WORKDAY_SANDBOX_VERSION, clientId: WORKDAY_SANDBOX_CLIENT_ID, clientSecret: WORKDAY_SANDBOX_CLIENT_SECRET, refreshToken: WORKDAY_SANDBOX_REFRESH_TOKEN, accessToken: '' };
}

export function workdayIsuSandboxCredentials(baseUrl: string) {
	return { host: baseUrl, tenant: WORKDAY_SANDBOX_TENANT, webServiceVersion: WORKDAY_SANDBOX_VERSION, username: WORKDAY_SANDBOX_ISU, password: WORKDAY_SANDBOX_ISU_PASSWORD };
}
