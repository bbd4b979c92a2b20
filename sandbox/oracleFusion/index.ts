/**
 * Oracle Fusion Cloud sandbox: the fscmRestApi / hcmRestApi / crmRestApi resources our Oracle node speaks, on
 * the small REST core (rest.ts) and the shared sandbox server. Authentication: HTTP Basic for a test user, or
 * bearer tokens from the identity domain's `/oauth2/v1/token` (client credentials, or a JWT user assertion
 * whose RS256 signature is checked against the trusted certificate's key); tokens expire and a 401 follows.
 * The ERP integration service imports GL interface files (`importBulkData` with a zipped GlInterface.csv),
 * runs Journal Import as an ESS request that is RUNNING until polled, and reports rejected lines in its
 * execution report. Costing turns unprocessed costs into project costs when a test calls `processCosts()`.
 *
 *   const sandbox = createOracleFusionSandbox();
 *   const baseUrl = await sandbox.start(ORACLE_SANDBOX_PORT);
 *   const credentials = oracleSandboxCredentials(baseUrl); // data for a p2cOracleFusionBasicApi credential
 */
import { createPublicKey, generateKeyPairSync, randomBytes, verify } from 'crypto';
import type { KeyObject } from 'crypto';

import { parseAmount } from '../../lib/money';
import { readZip, writeZip } from '../../nodes/shared/kit/zip';
import { DEFAULT_VENDOR_LATENCY_MS, SandboxServer } from '../core/server';
import type { Fault, SandboxRequest, SandboxResponse } from '../core/server';
import type { Row } from './q';
import { oracleResources } from './resources';
import type { OracleServiceName, ReferenceData } from './resources';
import { createItem, deleteItem, describe, frameworkVersion, getItem, listCollection, OracleRestError, OracleStore, problem, runBatch, updateItem } from './rest';
import type { Addressed, ResourceDef } from './rest';
import { DATA_ACCESS_SET_ID, referenceData, seedStore, UK_LEDGER_ID, US_LEDGER_ID } from './seed';

export { DATA_ACCESS_SET_ID, PSA_EXPENSE_DOCUMENT, PSA_LABOR_DOCUMENT, PSA_LABOR_SOURCE, UK_LEDGER_ID, US_LEDGER_ID } from './seed';
export { OracleStore } from './rest';

export const ORACLE_SANDBOX_PORT = 4110;
export const ORACLE_SANDBOX_USER = 'P2C.INTEGRATION';
export const ORACLE_SANDBOX_PASSWORD = 'p2c-oracle-sandbox-password';
export const ORACLE_SANDBOX_CLIENT_ID = 'p2c-oracle-sandbox-client';
export const ORACLE_SANDBOX_CLIENT_SECRET = 'p2c-oracle-sandbox-secret';
export const ORACLE_SANDBOX_SCOPE = 'urn:opc:resource:fa:instanceid=p2csandboxurn:opc:resource:consumer::all';
export const ORACLE_SANDBOX_KEY_ID = 'p2c-sandbox-cert';
export const RESOURCE_VERSIONS = ['11.13.18.05', 'latest'];
const API_SERVICES: Record<string, OracleServiceName> = { fscmRestApi: 'fscm', hcmRestApi: 'hcm', crmRestApi: 'crm' };

/** The key pair whose certificate the sandbox's confidential application trusts (generated once per process). */
const ASSERTION_KEYS = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const ORACLE_SANDBOX_PRIVATE_KEY = ASSERTION_KEYS.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** A 429 as a throttled pod sends it. For `sandbox.addFault(...)`. */
export function throttleFault(times = 1, path?: string): Fault {
	return { kind: 'status', status: 429, times, path, headers: { 'Content-Type': 'text/plain' }, body: 'Too Many Requests' };
}

interface EssJob {
	requestId: string;
	/** Status reads left before the job ends. */
	pollsLeft: number;
	finalStatus: 'SUCCEEDED' | 'WARNING' | 'ERROR';
	errors: Array<{ journalName: string; line?: number; code: string; message: string }>;
}

export interface ImportedJournal {
	journalName: string;
	ledgerId: string;
	accountingDate: string;
	currency: string;
	source: string;
	category: string;
	groupId: string;
	requestId: string;
	description: string;
	lines: Array<{ account: string; debit?: string; credit?: string; description?: string; reference: string }>;
}

export interface OracleSandboxOptions {
	latencyMs?: number;
	/** Status reads an ESS request answers RUNNING before it ends (default 1). */
	jobPolls?: number;
}

export class OracleFusionSandbox extends SandboxServer {
	store: OracleStore;
	reference: ReferenceData;
	readonly tokens = new Map<string, { expiresAt: number; subject: string }>();
	readonly jobs = new Map<string, EssJob>();
	readonly journals: ImportedJournal[] = [];
	readonly uploads: string[] = [];
	private requestSequence = 9_100_000;
	private expenditureSequence = 0;
	trustedKey: KeyObject = createPublicKey(ASSERTION_KEYS.publicKey.export({ type: 'spki', format: 'pem' }));
	jobPolls: number;

	constructor(options: OracleSandboxOptions = {}) {
		const reference = referenceData();
		const store = new OracleStore(oracleResources(reference));
		seedStore(store);
		super({
			name: 'oracleFusion',
			latencyMs: options.latencyMs ?? DEFAULT_VENDOR_LATENCY_MS,
			reset: () => this.resetState(),
			snapshot: () => ({ ...Object.fromEntries(this.store.rows), journals: this.journals, jobs: [...this.jobs.values()] }),
			// Over the core's maxConcurrentRequests (off unless set): a throttled pod's answer.
			concurrencyRefusal: () => ({ status: 429, headers: { 'Content-Type': 'text/plain' }, body: 'Too Many Requests' }),
		});
		this.store = store;
		this.reference = reference;
		this.jobPolls = options.jobPolls ?? 1;
		this.registerRoutes();
	}

	private resetState(): void {
		this.reference = referenceData();
		this.store = new OracleStore(oracleResources(this.reference));
		seedStore(this.store);
		this.tokens.clear();
		this.jobs.clear();
		this.journals.length = 0;
		this.uploads.length = 0;
	}

	/** Costing's Import and Process Cost Transactions: every valid unprocessed cost becomes a project cost. */
	processCosts(): Row[] {
		const processed: Row[] = [];
		for (const cost of this.store.all('unprocessedProjectCosts')) {
			const { unprocessedProjectCostsUniqID: _key, TransactionNumber: _number, TransactionStatus: _status, ...rest } = cost;
			processed.push({ ...rest, ExpenditureItemId: 500_000 + ++this.expenditureSequence });
		}
		this.store.rows.set('unprocessedProjectCosts', []);
		this.store.all('projectCosts').push(...processed);
		return processed;
	}

	/** Makes every issued token expire (the next request with one gets 401). */
	expireTokens(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	private authorized(request: SandboxRequest): boolean {
		const header = request.headers.authorization ?? '';
		if (header.startsWith('Basic ')) {
			const [user, ...password] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
			return user === ORACLE_SANDBOX_USER && password.join(':') === ORACLE_SANDBOX_PASSWORD;
		}
		if (header.startsWith('Bearer ')) {
			const token = this.tokens.get(header.slice(7));
			return token !== undefined && token.expiresAt > Date.now();
		}
		return false;
	}

	private tokenEndpoint(request: SandboxRequest): SandboxResponse {
		const fail = (status: number, error: string, description: string): SandboxResponse => ({ status, body: { error, error_description: description } });
		const auth = request.headers.authorization ?? '';
		const [clientId, ...secret] = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':') : [''];
		if (clientId !== ORACLE_SANDBOX_CLIENT_ID || secret.join(':') !== ORACLE_SANDBOX_CLIENT_SECRET) return fail(401, 'invalid_client', 'Client authentication failed.');
		const form = new URLSearchParams(request.rawBody);
		if (form.get('scope') !== ORACLE_SANDBOX_SCOPE) return fail(400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
		let subject = ORACLE_SANDBOX_CLIENT_ID;
		const grant = form.get('grant_type');
		if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
			const problem = this.assertionProblem(form.get('assertion') ?? '');
			if (typeof problem === 'string') return fail(400, 'invalid_grant', problem);
			subject = problem.subject;
		} else if (grant !== 'client_credentials') {
			return fail(400, 'unsupported_grant_type', `The grant type ${String(grant)} is not supported.`);
		}
		const token = randomBytes(24).toString('hex');
		this.tokens.set(token, { expiresAt: Date.now() + 3_600_000, subject });
		return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: 3600 } };
	}

	/** Checks a user assertion: RS256 signed by the trusted key, issued by the client, for the identity domain, current, naming a user. */
	private assertionProblem(assertion: string): string | { subject: string } {
		const parts = assertion.split('.');
		if (parts.length !== 3) return 'The assertion is not a JWT.';
		let header: Record<string, unknown>;
		let payload: Record<string, unknown>;
		try {
			header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>;
			payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
		} catch {
			return 'The assertion is not a JWT.';
		}
		if (header.alg !== 'RS256') return `The assertion algorithm ${String(header.alg)} is not supported.`;
		const valid = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), this.trustedKey, Buffer.from(parts[2], 'base64url'));
		if (!valid) return 'The assertion signature is invalid.';
		const now = Math.floor(Date.now() / 1000);
		if (payload.iss !== ORACLE_SANDBOX_CLIENT_ID) return 'The assertion issuer is not the client.';
		const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
		if (!audience.includes('https://identity.oraclecloud.com/')) return 'The assertion audience is invalid.';
		if (typeof payload.exp !== 'number' || payload.exp <= now) return 'The assertion has expired.';
		if (typeof payload.iat === 'number' && payload.iat > now + 60) return 'The assertion is issued in the future.';
		if (payload.sub !== ORACLE_SANDBOX_USER) return `The user ${String(payload.sub)} is not found.`;
		return { subject: String(payload.sub) };
	}

	private resourceFor(service: OracleServiceName, name: string): ResourceDef {
		const def = this.store.def(name) as (ResourceDef & { service: OracleServiceName }) | undefined;
		if (!def || def.service !== service) throw new OracleRestError(404, `The resource ${name} is not found. (The sandbox serves ${this.store.resources.filter((r) => (r as { service?: string }).service === service).map((r) => r.name).join(', ')} here.)`);
		return def;
	}

	private serviceOf(request: SandboxRequest): OracleServiceName {
		const service = API_SERVICES[request.params.api];
		if (!service || !RESOURCE_VERSIONS.includes(request.params.version)) throw new OracleRestError(404, `The path ${request.path} is not an Oracle REST resource path.`);
		return service;
	}

	private collection(service: OracleServiceName, name: string): Addressed {
		const def = this.resourceFor(service, name);
		return { def, rows: this.store.all(name), path: `/${request0(service)}/${name}` };
	}

	private child(service: OracleServiceName, name: string, key: string, child: string): Addressed {
		const def = this.resourceFor(service, name);
		const parent = this.store.all(name).find((r) => String(r[def.key]) === key);
		if (!parent) throw new OracleRestError(404, `The requested resource ${name} with key ${key} was not found.`);
		const childDef = def.children?.find((c) => c.name === child);
		if (!childDef) throw new OracleRestError(404, `The child ${child} is not found in the resource ${name}.`);
		const rows = (parent[child] ?? []) as Row[];
		parent[child] = rows;
		return { def: childDef, rows, parent, path: `/${request0(service)}/${name}/${key}/child/${child}` };
	}

	/** Every route answers through here: auth, the framework version, Oracle's error shape. */
	private answer(run: (request: SandboxRequest, service: OracleServiceName) => SandboxResponse) {
		return (request: SandboxRequest): SandboxResponse => {
			const version = frameworkVersion(request);
			try {
				const service = this.serviceOf(request);
				if (!this.authorized(request)) return { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="oracle"' }, body: '' };
				return run(request, service);
			} catch (error) {
				if (error instanceof OracleRestError) return problem(error, version, request.path.replace(/^\/[a-zA-Z]+\/resources\/[^/]+/, ''));
				throw error;
			}
		};
	}

	private registerRoutes(): void {
		const root = '/:api/resources/:version';
		this.route('POST', '/oauth2/v1/token', (request) => this.tokenEndpoint(request));
		this.route(
			'POST',
			root,
			this.answer((request, service) => {
				if (!/application\/vnd\.oracle\.adf\.batch\+json/i.test(request.headers['content-type'] ?? '')) throw new OracleRestError(415, 'A batch request needs Content-Type application/vnd.oracle.adf.batch+json.');
				let body: unknown;
				try {
					body = JSON.parse(request.rawBody);
				} catch {
					throw new OracleRestError(400, 'The batch request body is not JSON.');
				}
				return runBatch(this.store, body, (path) => this.resolvePath(service, path), this.baseUrl);
			}),
		);
		this.route('GET', `${root}/:resource/describe`, this.answer((request, service) => ({ status: 200, body: describe(this.resourceFor(service, request.params.resource)) })));
		this.route(
			'GET',
			`${root}/:resource`,
			this.answer((request, service) => {
				if (request.params.resource === 'erpintegrations') return this.erpIntegrationsGet(request);
				return listCollection(this.store, this.collection(service, request.params.resource), { query: request.query, version: frameworkVersion(request), baseUrl: this.baseUrl });
			}),
		);
		this.route(
			'POST',
			`${root}/:resource`,
			this.answer((request, service) => {
				if (request.params.resource === 'erpintegrations') return this.erpIntegrationsPost(request);
				return createItem(this.store, this.collection(service, request.params.resource), request.body, { upsert: /^true$/i.test(request.headers['upsert-mode'] ?? ''), baseUrl: this.baseUrl });
			}),
		);
		this.route('GET', `${root}/:resource/:key`, this.answer((request, service) => getItem(this.store, this.collection(service, request.params.resource), request.params.key, { query: request.query, version: frameworkVersion(request), baseUrl: this.baseUrl })));
		this.route('PATCH', `${root}/:resource/:key`, this.answer((request, service) => updateItem(this.store, this.collection(service, request.params.resource), request.params.key, request.body, { ifMatch: request.headers['if-match'], baseUrl: this.baseUrl })));
		this.route('DELETE', `${root}/:resource/:key`, this.answer((request, service) => deleteItem(this.collection(service, request.params.resource), request.params.key)));
		const child = `${root}/:resource/:key/child/:child`;
		this.route('GET', child, this.answer((request, service) => listCollection(this.store, this.child(service, request.params.resource, request.params.key, request.params.child), { query: request.query, version: frameworkVersion(request), baseUrl: this.baseUrl })));
		this.route('POST', child, this.answer((request, service) => createItem(this.store, this.child(service, request.params.resource, request.params.key, request.params.child), request.body, { upsert: false, baseUrl: this.baseUrl })));
		this.route('GET', `${child}/:childKey`, this.answer((request, service) => getItem(this.store, this.child(service, request.params.resource, request.params.key, request.params.child), request.params.childKey, { query: request.query, version: frameworkVersion(request), baseUrl: this.baseUrl })));
		this.route('PATCH', `${child}/:childKey`, this.answer((request, service) => updateItem(this.store, this.child(service, request.params.resource, request.params.key, request.params.child), request.params.childKey, request.body, { ifMatch: request.headers['if-match'], baseUrl: this.baseUrl })));
		this.notFound = (request) => problem(new OracleRestError(404, `The path ${request.path} is not found.`), frameworkVersion(request));
	}

	/** A batch part's path, relative to the service root: `/projects`, `/projects/1`, `/projects/1/child/Tasks[/2]`. */
	private resolvePath(service: OracleServiceName, path: string): { target: Addressed; key?: string } {
		const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
		if (segments.length === 1) return { target: this.collection(service, segments[0]) };
		if (segments.length === 2) return { target: this.collection(service, segments[0]), key: segments[1] };
		if ((segments.length === 4 || segments.length === 5) && segments[2] === 'child') return { target: this.child(service, segments[0], segments[1], segments[3]), key: segments[4] };
		throw new OracleRestError(400, `The part path ${path} is not a resource path.`);
	}

	private erpIntegrationsPost(request: SandboxRequest): SandboxResponse {
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (body.OperationName !== 'importBulkData') throw new OracleRestError(400, `The sandbox supports only the importBulkData operation of erpintegrations (got ${String(body.OperationName)}).`);
		if (body.JobName !== 'oracle/apps/ess/financials/generalLedger/programs/common,JournalImportLauncher') throw new OracleRestError(400, `The sandbox runs only Journal Import through importBulkData (got the job ${String(body.JobName)}).`);
		if (body.ContentType !== 'zip' || typeof body.DocumentContent !== 'string') throw new OracleRestError(400, 'DocumentContent must be a base64 zip with ContentType zip.', [{ attribute: 'DocumentContent', message: 'DocumentContent must be a base64 zip.' }]);
		const [dataAccessSetId, source, ledgerId, groupId] = String(body.ParameterList ?? '').split(',');
		let csv = '';
		try {
			const entry = readZip(Buffer.from(body.DocumentContent, 'base64')).find((e) => /GlInterface.*\.csv$/i.test(e.name));
			if (!entry) throw new Error('no GlInterface.csv in the zip');
			csv = entry.content.toString('utf8');
		} catch (error) {
			throw new OracleRestError(400, `The uploaded file could not be read: ${(error as Error).message}.`, [{ attribute: 'DocumentContent', message: (error as Error).message }]);
		}
		this.uploads.push(csv);
		const requestId = String(++this.requestSequence);
		this.jobs.set(requestId, this.journalImport(requestId, csv, { dataAccessSetId, source, ledgerId, groupId }));
		return { status: 201, body: { OperationName: 'importBulkData', DocumentId: null, DocumentContent: body.DocumentContent, FileName: body.FileName, ContentType: 'zip', FileType: null, DocumentAccount: body.DocumentAccount, Comments: null, ProcessName: null, LoadRequestId: null, JobPackageName: null, JobDefName: null, ReqstId: requestId, RequestStatus: null, JobName: body.JobName, ParameterList: body.ParameterList, NotificationCode: body.NotificationCode, CallbackURL: body.CallbackURL, JobOptions: body.JobOptions, StatusCode: null, ESSParameters: null } };
	}

	/** Journal Import over the GL interface rows: each journal (REFERENCE4) checked and imported, or rejected with its lines' errors. */
	private journalImport(requestId: string, csv: string, parameters: { dataAccessSetId?: string; source?: string; ledgerId?: string; groupId?: string }): EssJob {
		const errors: EssJob['errors'] = [];
		const rows = csv.split(/\r?\n/).filter((l) => l.trim()).map(parseCsvRow);
		const byJournal = new Map<string, Array<{ cells: string[]; line: number }>>();
		rows.forEach((cells, index) => {
			const name = cells[COLUMN.REFERENCE4] ?? '';
			byJournal.set(name, [...(byJournal.get(name) ?? []), { cells, line: index + 1 }]);
		});
		const ledger = this.reference.ledgers.find((l) => l.id === parameters.ledgerId);
		for (const [journalName, lines] of byJournal) {
			const own: EssJob['errors'] = [];
			let debit = 0n;
			let credit = 0n;
			lines.forEach(({ cells }, position) => {
				const fail = (code: string, message: string) => own.push({ journalName, line: position + 1, code, message });
				const at = (column: string) => cells[COLUMN[column]] ?? '';
				const lineLedger = this.reference.ledgers.find((l) => l.id === at('LEDGER_ID'));
				if (at('STATUS') !== 'NEW') fail('EC01', 'The STATUS column must be NEW.');
				if (!lineLedger || lineLedger.id !== ledger?.id) {
					fail('EL01', `The ledger ${at('LEDGER_ID')} is not the ledger Journal Import runs for.`);
					return;
				}
				if (lineLedger.dataAccessSetId !== parameters.dataAccessSetId) fail('EL02', 'The data access set does not give access to the ledger.');
				if (at('GROUP_ID') !== parameters.groupId) fail('EG01', `The group ID ${at('GROUP_ID')} is not the group being imported.`);
				if (at('USER_JE_SOURCE_NAME') !== parameters.source || !this.reference.journalSources.includes(at('USER_JE_SOURCE_NAME'))) fail('ES01', `The journal source ${at('USER_JE_SOURCE_NAME')} is not valid.`);
				if (!this.reference.journalCategories.includes(at('USER_JE_CATEGORY_NAME'))) fail('EC02', `The journal category ${at('USER_JE_CATEGORY_NAME')} is not valid.`);
				const date = at('ACCOUNTING_DATE').replace(/\//g, '-');
				if (!(this.reference.openPeriods[lineLedger.id] ?? []).includes(date.slice(0, 7))) fail('EP01', `The accounting date ${date} is not in an open period.`);
				if (at('CURRENCY_CODE') !== lineLedger.currency) fail('EC11', `The sandbox imports only the ledger currency ${lineLedger.currency} (got ${at('CURRENCY_CODE')}).`);
				const segments = Array.from({ length: 30 }, (_v, i) => at(`SEGMENT${i + 1}`)).filter(Boolean).join('.');
				if (!(this.reference.accounts[lineLedger.id] ?? []).includes(segments)) fail('EF04', `The account combination ${segments} is not valid.`);
				const dr = at('ENTERED_DR');
				const cr = at('ENTERED_CR');
				if ((dr === '') === (cr === '')) fail('EE01', 'A line has either an entered debit or an entered credit.');
				try {
					if (dr) debit += parseAmount(dr, lineLedger.currency);
					if (cr) credit += parseAmount(cr, lineLedger.currency);
				} catch (error) {
					fail('EE02', `The amount is not valid: ${(error as Error).message}.`);
				}
			});
			if (!own.length && debit !== credit) own.push({ journalName, code: 'EU02', message: 'The journal entry is unbalanced.' });
			if (own.length) {
				errors.push(...own);
				continue;
			}
			const first = lines[0].cells;
			this.journals.push({
				journalName,
				ledgerId: first[COLUMN.LEDGER_ID],
				accountingDate: first[COLUMN.ACCOUNTING_DATE].replace(/\//g, '-'),
				currency: first[COLUMN.CURRENCY_CODE],
				source: first[COLUMN.USER_JE_SOURCE_NAME],
				category: first[COLUMN.USER_JE_CATEGORY_NAME],
				groupId: first[COLUMN.GROUP_ID],
				requestId,
				description: first[COLUMN.REFERENCE5],
				lines: lines.map(({ cells }) => ({
					account: Array.from({ length: 30 }, (_v, i) => cells[COLUMN[`SEGMENT${i + 1}`]]).filter(Boolean).join('.'),
					...(cells[COLUMN.ENTERED_DR] ? { debit: cells[COLUMN.ENTERED_DR] } : {}),
					...(cells[COLUMN.ENTERED_CR] ? { credit: cells[COLUMN.ENTERED_CR] } : {}),
					...(cells[COLUMN.REFERENCE10] ? { description: cells[COLUMN.REFERENCE10] } : {}),
					reference: cells[COLUMN.REFERENCE21],
				})),
			});
		}
		const rejected = new Set(errors.map((e) => e.journalName)).size;
		return { requestId, pollsLeft: this.jobPolls, finalStatus: rejected === 0 ? 'SUCCEEDED' : rejected === byJournal.size ? 'ERROR' : 'WARNING', errors };
	}

	private erpIntegrationsGet(request: SandboxRequest): SandboxResponse {
		const finder = request.query.get('finder') ?? '';
		const [name, rest = ''] = finder.split(';');
		const variables = Object.fromEntries(rest.split(',').filter(Boolean).map((pair) => pair.split('=')));
		const job = this.jobs.get(String(variables.requestId ?? ''));
		if (name === 'ESSJobStatusRF') {
			if (!job) return { status: 200, body: { items: [], count: 0, hasMore: false, limit: 25, offset: 0 } };
			let status = 'RUNNING';
			if (job.pollsLeft > 0) job.pollsLeft--;
			else status = job.finalStatus;
			return { status: 200, body: { items: [{ OperationName: 'getESSJobStatus', ReqstId: job.requestId, RequestStatus: status }], count: 1, hasMore: false, limit: 25, offset: 0 } };
		}
		if (name === 'ESSJobExecutionDetailsRF') {
			if (!job) return { status: 200, body: { items: [], count: 0, hasMore: false, limit: 25, offset: 0 } };
			const report = ['REFERENCE4,LINE,ERROR_CODE,ERROR_MESSAGE', ...job.errors.map((e) => [e.journalName, e.line ?? '', e.code, e.message].map((c) => csvCell(String(c))).join(','))].join('\r\n');
			const zip = writeZip([{ name: `${job.requestId}.csv`, content: Buffer.from(report, 'utf8') }]);
			return { status: 200, body: { items: [{ OperationName: 'downloadESSJobExecutionDetails', ReqstId: job.requestId, DocumentContent: zip.toString('base64'), FileType: variables.fileType ?? 'log', ContentType: 'zip' }], count: 1, hasMore: false, limit: 25, offset: 0 } };
		}
		throw new OracleRestError(400, `The sandbox supports the erpintegrations finders ESSJobStatusRF and ESSJobExecutionDetailsRF only (got ${name || 'none'}).`);
	}
}

function request0(service: OracleServiceName): string {
	return `${service}RestApi/resources/11.13.18.05`;
}

const GL_COLUMNS = ['STATUS', 'LEDGER_ID', 'ACCOUNTING_DATE', 'USER_JE_SOURCE_NAME', 'USER_JE_CATEGORY_NAME', 'CURRENCY_CODE', 'DATE_CREATED', 'ACTUAL_FLAG', ...Array.from({ length: 30 }, (_v, i) => `SEGMENT${i + 1}`), 'ENTERED_DR', 'ENTERED_CR', 'ACCOUNTED_DR', 'ACCOUNTED_CR', ...Array.from({ length: 10 }, (_v, i) => `REFERENCE${i + 1}`), ...Array.from({ length: 10 }, (_v, i) => `REFERENCE${i + 21}`), 'STAT_AMOUNT', 'USER_CURRENCY_CONVERSION_TYPE', 'CURRENCY_CONVERSION_DATE', 'CURRENCY_CONVERSION_RATE', 'GROUP_ID'];
const COLUMN: Record<string, number> = Object.fromEntries(GL_COLUMNS.map((name, index) => [name, index]));

function csvCell(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function parseCsvRow(line: string): string[] {
	const cells: string[] = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quoted) {
			if (c === '"' && line[i + 1] === '"') {
				current += '"';
				i++;
			} else if (c === '"') quoted = false;
			else current += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			cells.push(current);
			current = '';
		} else current += c;
	}
	cells.push(current);
	return cells;
}

export function createOracleFusionSandbox(options: OracleSandboxOptions = {}): OracleFusionSandbox {
	return new OracleFusionSandbox(options);
}

/** Data for a p2cOracleFusionBasicApi credential pointing at the sandbox. */
export function oracleSandboxCredentials(baseUrl: string): Record<string, string> {
	return { hostUrl: baseUrl, username: ORACLE_SANDBOX_USER, password: ORACLE_SANDBOX_PASSWORD };
}

/** Data for a p2cOracleFusionOAuth2Api credential (client credentials, or the JWT user assertion with `grantType: 'jwtAssertion'`). */
export function oracleSandboxOAuth2Credentials(baseUrl: string, grantType: 'clientCredentials' | 'jwtAssertion' = 'clientCredentials'): Record<string, string> {
	return {
		accessToken: '',
		hostUrl: baseUrl,
		identityDomainUrl: baseUrl,
		grantType,
		clientId: ORACLE_SANDBOX_CLIENT_ID,
		clientSecret: ORACLE_SANDBOX_CLIENT_SECRET,
		scope: ORACLE_SANDBOX_SCOPE,
		username: ORACLE_SANDBOX_USER,
		privateKey: ORACLE_SANDBOX_PRIVATE_KEY,
		keyId: ORACLE_SANDBOX_KEY_ID,
	};
}

export { US_LEDGER_ID as ORACLE_US_LEDGER_ID, UK_LEDGER_ID as ORACLE_UK_LEDGER_ID, DATA_ACCESS_SET_ID as ORACLE_DATA_ACCESS_SET_ID };
