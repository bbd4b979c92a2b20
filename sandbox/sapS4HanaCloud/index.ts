/**
 * SAP S/4HANA Cloud (public edition) sandbox on the `-api` host: the communication user (Basic) and OAuth 2.0
 * client credentials (`/sap/bc/sec/oauth2/token`), SAP Gateway's CSRF protection (a token fetched with
 * `X-CSRF-Token: Fetch` belongs to the session cookie it came with; a modifying request without both, or with a
 * token that expired or was invalidated, is refused with 403 and `X-CSRF-Token: Required`), the OData v2 services
 * of services.ts on the OData sandbox core's v2 flavour, SAP's error body (T100 code, message, innererror with
 * errordetails and propertyref), `sap-message` warnings, and the Journal Entry – Post SOAP service. Seeded from the
 * shared firm (sandbox/firm).
 */
import { randomBytes } from 'crypto';

import { FIRM_CUSTOMERS, FIRM_PEOPLE, FIRM_PROJECTS } from '../firm/dataset';
import { DEFAULT_VENDOR_LATENCY_MS, SandboxServer } from '../core/server';
import type { SandboxRequest, SandboxResponse } from '../core/server';
import { ODataError, ODataService, standardDialect } from '../odata';
import type { ODataDialect, ODataErrorKind, ODataRecord } from '../odata';
import { ODataV2Flavour, coreSetDefinition } from '../odata/v2';
import type { V2ServiceDefinition } from '../odata/v2';
import { journalEntryPost, sumDecimals } from './journalEntryPost';
import type { JournalLedger, PostedEntry } from './journalEntryPost';
import {
	BILLING_DOCUMENT_SERVICE,
	BUSINESS_PARTNER_SERVICE,
	ENTERPRISE_PROJECT_SERVICE,
	GL_LINE_ITEM_SERVICE,
	JOURNAL_ENTRY_POST_PATH,
	SUPPLIER_INVOICE_SERVICE,
	TIMESHEET_SERVICE,
} from './services';

export const SAP_SANDBOX_PORT = 4130;
export const SAP_COMMUNICATION_USER = 'P2C_COMM_USER';
export const SAP_COMMUNICATION_PASSWORD = 'Sandbox-Comm-Password-1';
export const SAP_OAUTH_CLIENT_ID = 'P2C_OAUTH_CLIENT';
export const SAP_OAUTH_CLIENT_SECRET = 'sandbox-oauth-secret-1';
export const SAP_TOKEN_PATH = '/sap/bc/sec/oauth2/token';
const SESSION_COOKIE = 'SAP_SESSIONID_S4H_100';

/** The firm's company codes: US entity in USD, UK entity in GBP. */
export const SAP_COMPANY_CODES: Record<string, { currency: string; profitCenter: string; costCenter: string }> = {
	'1710': { currency: 'USD', profitCenter: 'YB_US_CONS', costCenter: '17101301' },
	'4410': { currency: 'GBP', profitCenter: 'YB_UK_CONS', costCenter: '44101301' },
};

/** G/L accounts of the chart of accounts (YCOA numbering) the revenue template posts to. */
export const SAP_GL_ACCOUNTS: Record<string, string> = {
	'12100000': 'Receivables Domestic',
	'12600000': 'Contract Assets / Unbilled Receivables',
	'21100000': 'Payables to Employees (Expense Clearing)',
	'21700000': 'Contract Liabilities (Deferred Revenue)',
	'41000000': 'Revenue from Services',
	'61000000': 'Personnel Expenses',
	'65000000': 'Travel Expenses',
};

/** The open posting periods: fiscal years 2026 and 2027 (earlier periods are closed, later ones not yet opened). */
export const SAP_OPEN_FROM = '2026-01-01';
export const SAP_OPEN_TO = '2027-12-31';

export function companyCodeOfPerson(externalId: string): string {
	const person = FIRM_PEOPLE.find((p) => p.externalId === externalId);
	return person?.region === 'UK' ? '4410' : '1710';
}

export function companyCodeOfProject(externalId: string): string {
	return FIRM_PROJECTS.find((p) => p.externalId === externalId)?.currency === 'GBP' ? '4410' : '1710';
}

const KIND_CODES: Partial<Record<ODataErrorKind, string>> = {
	notFound: '/IWBEP/CM_MGW_RT/021',
	segmentNotFound: '/IWFND/CM_MGW/020',
	unknownProperty: '/IWBEP/CM_MGW_RT/020',
	invalidValue: '/IWBEP/CM_MGW_RT/022',
	requiredMissing: '/IWBEP/CM_MGW_RT/022',
	readOnlyProperty: '/IWBEP/CM_MGW_RT/022',
	invalidKey: '/IWBEP/CM_MGW_RT/004',
	queryInvalid: '/IWBEP/CM_MGW_RT/004',
	badRequest: '/IWBEP/CM_MGW_RT/004',
	methodNotAllowed: '/IWBEP/CM_MGW_RT/021',
	duplicateKey: '/IWBEP/CM_MGW_RT/023',
	notSupportedBySandbox: 'SANDBOX/501',
};

/** The property a core refusal names, for errordetails' propertyref. */
function namedProperty(message: string): string | undefined {
	return /property '([\w/]+)'/i.exec(message)?.[1] ?? /The length of the '(\w+)'/.exec(message)?.[1] ?? /property named '(\w+)'/.exec(message)?.[1];
}

function sapDialect(serviceId: string, version = '0001'): ODataDialect {
	return {
		...standardDialect,
		name: 'sap',
		namespace: serviceId,
		allowSkip: true,
		defaultPageSize: 1000,
		maxPageSize: 5000,
		createReturnsRepresentation: true,
		patchUpserts: false,
		caseInsensitiveStrings: false,
		errorCode: (kind) => KIND_CODES[kind] ?? '/IWBEP/CM_MGW_RT/000',
		errorBody: (error, code) => {
			const propertyref = (error.details?.propertyref as string | undefined) ?? namedProperty(error.message) ?? '';
			const transactionid = randomBytes(16).toString('hex').toUpperCase();
			return {
				error: {
					code,
					message: { lang: 'en', value: error.message },
					innererror: {
						application: { component_id: 'SANDBOX', service_namespace: '/SAP/', service_id: serviceId, service_version: version },
						transactionid,
						timestamp: new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14) + '.0000000',
						Error_Resolution: {
							SAP_Transaction: `For backend administrators: use ADT feed reader "SAP Gateway Error Log" or run transaction /IWFND/ERROR_LOG on SAP Gateway hub system and search for entries with the timestamp above for more details`,
							SAP_Note: 'See SAP Note 1797736 for error analysis (https://service.sap.com/sap/support/notes/1797736)',
						},
						errordetails: [{ code, message: error.message, propertyref, severity: 'error', target: propertyref, transition: false }],
					},
				},
			};
		},
	};
}

/** A refusal from SAP's application logic: its T100 code and the property it names. */
export function sapError(status: number, code: string, message: string, propertyref = ''): ODataError {
	return new ODataError(status, 'validation', message, code, undefined, { propertyref });
}

interface CsrfSession {
	token: string;
	issuedAt: number;
}

export interface SapSettings {
	/** Records per page of server-driven paging (`__next`). */
	pageSize: number;
	csrfTokenLifetimeMs: number;
	/** After this many accepted modifying requests every CSRF token is invalidated once (0: never). */
	invalidateCsrfAfterWrites: number;
}

export class SapS4HanaCloudSandbox extends SandboxServer {
	readonly services = new Map<string, { service: ODataService; flavour: ODataV2Flavour }>();
	private sessions = new Map<string, CsrfSession>();
	private accessTokens = new Set<string>();
	private writesSinceInvalidation = 0;
	readonly sapSettings: SapSettings = { pageSize: 1000, csrfTokenLifetimeMs: 30 * 60_000, invalidateCsrfAfterWrites: 0 };
	readonly journals: PostedEntry[] = [];
	private counters = { businessPartner: 10100000, timesheet: 0, accountingDocument: 100000000, wbsInternal: 0 };
	/** Every CSRF token fetch, for tests. */
	csrfFetches = 0;
	/** Settles when the seed is in (seeding runs the core's async write path). */
	seeding: Promise<void> = Promise.resolve();

	constructor(options: { latencyMs?: number } = {}) {
		super({
			name: 'sapS4HanaCloud',
			latencyMs: options.latencyMs ?? DEFAULT_VENDOR_LATENCY_MS,
			reset: () => this.resetState(),
			snapshot: () => this.state(),
			settings: {
				read: () => ({ ...this.sapSettings }),
				apply: (changes) => this.applySettings(changes),
			},
		});
		for (const definition of [ENTERPRISE_PROJECT_SERVICE, BUSINESS_PARTNER_SERVICE, TIMESHEET_SERVICE, BILLING_DOCUMENT_SERVICE, SUPPLIER_INVOICE_SERVICE, GL_LINE_ITEM_SERVICE]) {
			this.addService(definition);
		}
		this.route('POST', SAP_TOKEN_PATH, (request) => this.token(request));
		this.route('POST', JOURNAL_ENTRY_POST_PATH, async (request) => {
			const refusal = this.authenticate(request);
			if (refusal) return refusal;
			return await journalEntryPost(request.rawBody, this.ledger());
		});
		this.seed();
	}

	service(name: string): ODataService {
		const found = [...this.services.values()].find((entry) => entry.service.entitySet(name));
		if (!found) throw new Error(`no SAP sandbox service has entity set ${name}`);
		return found.service;
	}

	/** Invalidates every CSRF token (the session cookies stay), as a server restart or token expiry does. */
	invalidateCsrfTokens(): void {
		for (const session of this.sessions.values()) session.token = '';
	}

	invalidateAccessTokens(): void {
		this.accessTokens.clear();
	}

	private applySettings(changes: Record<string, unknown>): string | undefined {
		for (const [name, value] of Object.entries(changes)) {
			if (name === 'invalidateCsrfTokens') {
				if (value === true) this.invalidateCsrfTokens();
				continue;
			}
			if (!(name in this.sapSettings)) return `unknown setting ${name}`;
			if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return `${name} must be a non-negative integer`;
			(this.sapSettings as unknown as Record<string, number>)[name] = value;
		}
		this.writesSinceInvalidation = 0;
		for (const { service } of this.services.values()) service.dialect.defaultPageSize = Math.max(1, this.sapSettings.pageSize);
		return undefined;
	}

	private addService(definition: V2ServiceDefinition): void {
		const serviceId = definition.root.split('/').pop()!.split(';')[0];
		const service = new ODataService({
			root: `/__core${definition.root}`,
			dialect: sapDialect(serviceId, /;v=(\d+)/.exec(definition.root)?.[1] ?? '0001'),
			sets: definition.sets.map(coreSetDefinition),
			hooks: {
				beforeWrite: (context) => this.beforeWrite(context.set.name, context.operation, context.record, context.previous),
				route: (context) => (context.path === 'TimeSheetEntryCollection' && context.request.method === 'POST' ? this.timesheet(context.request) : undefined),
			},
		});
		const flavour = new ODataV2Flavour(service, definition);
		flavour.mount(this, (request, next) => this.guard(request, next));
		this.services.set(definition.root, { service, flavour });
	}

	// -------------------------------------------------------------------------------------------------------
	// Authentication and CSRF

	private authenticate(request: SandboxRequest): SandboxResponse | undefined {
		const header = request.headers.authorization ?? '';
		if (header.startsWith('Basic ')) {
			const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
			if (user === SAP_COMMUNICATION_USER && rest.join(':') === SAP_COMMUNICATION_PASSWORD) return undefined;
		}
		if (header.startsWith('Bearer ') && this.accessTokens.has(header.slice(7))) return undefined;
		return { status: 401, headers: { 'Content-Type': 'text/html; charset=utf-8', 'WWW-Authenticate': 'Basic realm="SAP NetWeaver Application Server [S4H/100]"' }, body: '<html><head><title>Logon Error Message</title></head><body>Anmeldung fehlgeschlagen / Logon failed</body></html>' };
	}

	private sessionOf(request: SandboxRequest): string | undefined {
		const cookie = request.headers.cookie ?? '';
		return new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(cookie)?.[1];
	}

	private async guard(request: SandboxRequest, next: () => Promise<SandboxResponse>): Promise<SandboxResponse> {
		const refusal = this.authenticate(request);
		if (refusal) return refusal;
		const fetch = (request.headers['x-csrf-token'] ?? '').toLowerCase() === 'fetch';
		if ((request.method === 'GET' || request.method === 'HEAD') && fetch) {
			this.csrfFetches++;
			let sessionId = this.sessionOf(request);
			let session = sessionId ? this.sessions.get(sessionId) : undefined;
			const headers: Record<string, string> = {};
			if (!session || !sessionId) {
				sessionId = randomBytes(24).toString('base64url');
				session = { token: '', issuedAt: 0 };
				this.sessions.set(sessionId, session);
				headers['Set-Cookie'] = `${SESSION_COOKIE}=${sessionId}; path=/; secure; HttpOnly`;
			}
			if (!session.token || Date.now() - session.issuedAt > this.sapSettings.csrfTokenLifetimeMs) {
				session.token = randomBytes(18).toString('base64');
				session.issuedAt = Date.now();
			}
			headers['x-csrf-token'] = session.token;
			const response = request.method === 'HEAD' ? { status: 200, headers: {} } : await next();
			return { ...response, headers: { ...(response.headers ?? {}), ...headers } };
		}
		if (!['GET', 'HEAD'].includes(request.method)) {
			const sessionId = this.sessionOf(request);
			const session = sessionId ? this.sessions.get(sessionId) : undefined;
			const token = request.headers['x-csrf-token'];
			const valid = session && session.token && token === session.token && Date.now() - session.issuedAt <= this.sapSettings.csrfTokenLifetimeMs;
			if (!valid) return { status: 403, headers: { 'x-csrf-token': 'Required', 'Content-Type': 'text/plain; charset=utf-8' }, body: 'CSRF token validation failed' };
			const response = await next();
			this.writesSinceInvalidation++;
			if (this.sapSettings.invalidateCsrfAfterWrites > 0 && this.writesSinceInvalidation >= this.sapSettings.invalidateCsrfAfterWrites) {
				this.invalidateCsrfTokens();
				this.sapSettings.invalidateCsrfAfterWrites = 0;
			}
			return response;
		}
		return await next();
	}

	private token(request: SandboxRequest): SandboxResponse {
		const header = request.headers.authorization ?? '';
		const form = new URLSearchParams(request.rawBody);
		let clientId = form.get('client_id') ?? '';
		let secret = form.get('client_secret') ?? '';
		if (header.startsWith('Basic ')) [clientId, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
		if (form.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type', error_description: `grant_type ${form.get('grant_type') ?? '(none)'} is not supported by this client` } };
		if (clientId !== SAP_OAUTH_CLIENT_ID || secret !== SAP_OAUTH_CLIENT_SECRET) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
		const accessToken = randomBytes(24).toString('hex');
		this.accessTokens.add(accessToken);
		return { status: 200, headers: { 'Cache-Control': 'no-store' }, body: { access_token: accessToken, token_type: 'Bearer', expires_in: 3600, scope: form.get('scope') ?? '' } };
	}

	// -------------------------------------------------------------------------------------------------------
	// Application logic

	private beforeWrite(set: string, operation: string, record: ODataRecord, previous: ODataRecord | undefined): void {
		if (operation === 'delete') return;
		const projects = () => this.service('A_EnterpriseProject');
		switch (set) {
			case 'A_EnterpriseProject': {
				if (operation === 'create') {
					const duplicate = projects().records('A_EnterpriseProject').find((p) => p.Project === record.Project);
					if (duplicate) throw sapError(400, 'CNPJ_API/010', `Project ${String(record.Project)} already exists`, 'Project');
					const company = Object.entries(SAP_COMPANY_CODES).find(([, c]) => c.profitCenter === record.ProfitCenter);
					if (!company) throw sapError(400, 'KM/028', `Profit center ${String(record.ProfitCenter ?? '')} does not exist`, 'ProfitCenter');
					record.CompanyCode = company[0];
					record.ProjectCurrency = record.ProjectCurrency ?? company[1].currency;
					record.ControllingArea = record.ControllingArea ?? 'A000';
				}
				if (record.ProjectStartDate && record.ProjectEndDate && String(record.ProjectEndDate) < String(record.ProjectStartDate)) throw sapError(400, 'CJ/011', 'The finish date is before the start date', 'ProjectEndDate');
				record.LastChangeDateTime = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
				return;
			}
			case 'A_EnterpriseProjectElement': {
				const project = projects().records('A_EnterpriseProject').find((p) => p.ProjectUUID === record.ProjectUUID);
				if (!project) throw sapError(400, 'CNPJ_API/002', `Project with UUID ${String(record.ProjectUUID)} does not exist`, 'ProjectUUID');
				if (operation === 'create') {
					const taken = projects().records('A_EnterpriseProjectElement').some((e) => e.ProjectElement === record.ProjectElement);
					if (taken) throw sapError(400, 'CJ/015', `WBS element ${String(record.ProjectElement)} already exists`, 'ProjectElement');
					record.CompanyCode = project.CompanyCode;
					record.ProfitCenter = record.ProfitCenter ?? project.ProfitCenter;
					record.ControllingArea = project.ControllingArea;
					record.ParentObjectUUID = record.ParentObjectUUID ?? project.ProjectUUID;
					record.WBSElementInternalID = String(++this.counters.wbsInternal).padStart(8, '0');
				} else if (previous && previous.WBSElementIsBillingElement === true && record.WBSElementIsBillingElement === false) {
					const billed = this.service('A_BillingDocumentItem').records('A_BillingDocumentItem').some((item) => item.WBSElement === record.ProjectElement);
					if (billed) throw sapError(400, 'CJ/430', `WBS element ${String(record.ProjectElement)} has billing documents; the billing element flag cannot be removed`, 'WBSElementIsBillingElement');
				}
				return;
			}
			case 'A_EntProjElmntBlockFunc': {
				const element = projects().records('A_EnterpriseProjectElement').find((e) => e.ProjectElementUUID === record.ProjectElementUUID);
				if (!element) throw sapError(400, 'CNPJ_API/003', `WBS element with UUID ${String(record.ProjectElementUUID)} does not exist`, 'ProjectElementUUID');
				record.ProjectUUID = element.ProjectUUID;
				return;
			}
			case 'A_BusinessPartner': {
				if (operation === 'create') {
					if (!['1', '2'].includes(String(record.BusinessPartnerCategory))) throw sapError(400, 'R11/401', `Business partner category ${String(record.BusinessPartnerCategory)} is not valid (1 person, 2 organization)`, 'BusinessPartnerCategory');
					record.BusinessPartner = record.BusinessPartner ?? String(++this.counters.businessPartner);
					if (record.BusinessPartnerCategory === '2' && !record.OrganizationBPName1) throw sapError(400, 'R11/124', 'Enter a name for the organization', 'OrganizationBPName1');
					record.CreationDate = `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
				}
				record.BusinessPartnerFullName = String(record.OrganizationBPName1 ?? '');
				record.LastChangeDate = `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
				return;
			}
		}
	}

	/** `POST TimeSheetEntryCollection`: the entity set is neither updatable nor deletable; TimeSheetOperation says what the POST does. */
	private async timesheet(request: SandboxRequest): Promise<SandboxResponse> {
		const service = this.service('TimeSheetEntryCollection');
		const body = (request.body ?? {}) as ODataRecord;
		const operation = body.TimeSheetOperation;
		const data = (body.TimeSheetDataFields ?? {}) as Record<string, unknown>;
		const external = String(body.PersonWorkAgreementExternalID ?? '');
		const person = FIRM_PEOPLE.find((p) => p.externalId === external);
		if (!person) throw sapError(400, 'HRTIM_ABS_SCENARIO/010', `Person work agreement ${external || '(empty)'} does not exist`, 'PersonWorkAgreementExternalID');
		const companyCode = String(body.CompanyCode ?? '');
		if (companyCode !== companyCodeOfPerson(external)) throw sapError(400, 'CATS_APPL/101', `Person work agreement ${external} is not assigned to company code ${companyCode || '(empty)'}`, 'CompanyCode');
		if (!['C', 'U', 'D'].includes(String(operation))) throw sapError(400, 'CATS_APPL/200', `TimeSheetOperation must be C, U or D, got ${JSON.stringify(operation ?? null)}`, 'TimeSheetOperation');
		const testRun = body.TimeSheetIsExecutedInTestRun === true;
		const released = body.TimeSheetIsReleasedOnSave === true;
		const existing = (record: string) => service.get('TimeSheetEntryCollection', { PersonWorkAgreementExternalID: external, CompanyCode: companyCode, TimeSheetRecord: record });
		if (operation !== 'C') {
			const record = String(body.TimeSheetRecord ?? '');
			const stored = record ? existing(record) : undefined;
			if (!stored) throw sapError(400, 'CATS_APPL/111', `Time sheet record ${record || '(empty)'} does not exist for ${external}`, 'TimeSheetRecord');
			if (operation === 'D') {
				if (!testRun) await service.update('TimeSheetEntryCollection', { PersonWorkAgreementExternalID: external, CompanyCode: companyCode, TimeSheetRecord: record }, { TimeSheetStatus: '60', TimeSheetOperation: 'D' });
				return { status: 201, headers: {}, body: { ...stored, TimeSheetStatus: '60', TimeSheetOperation: 'D' } };
			}
		}
		this.checkTimesheetData(data, String(body.TimeSheetDate ?? ''));
		const headers: Record<string, string> = {};
		if (!released) headers['sap-message'] = JSON.stringify({ code: 'CATS_APPL/300', message: 'Time sheet record saved; it is not released for approval', severity: 'warning', target: '', details: [] });
		const status = released ? '30' : '10';
		const values = { TimeSheetDate: body.TimeSheetDate, TimeSheetDataFields: { HoursUnitOfMeasure: 'H', ...data }, TimeSheetIsReleasedOnSave: released, TimeSheetStatus: status, TimeSheetOperation: operation, TimeSheetIsExecutedInTestRun: false };
		if (operation === 'U') {
			const record = String(body.TimeSheetRecord);
			const updated = testRun ? { ...existing(record), ...values } : await service.update('TimeSheetEntryCollection', { PersonWorkAgreementExternalID: external, CompanyCode: companyCode, TimeSheetRecord: record }, values);
			return { status: 201, headers, body: updated };
		}
		const record = { PersonWorkAgreementExternalID: external, CompanyCode: companyCode, PersonWorkAgreement: `5000000${FIRM_PEOPLE.indexOf(person) + 1}`, TimeSheetRecord: String(this.counters.timesheet + 1).padStart(12, '0'), TimeSheetPredecessorRecord: '', ...values };
		if (testRun) return { status: 201, headers, body: { ...record, TimeSheetRecord: '', TimeSheetIsExecutedInTestRun: true } };
		this.counters.timesheet++;
		const stored = await service.insert('TimeSheetEntryCollection', record);
		return { status: 201, headers, body: stored };
	}

	private checkTimesheetData(data: Record<string, unknown>, date: string): void {
		const hours = data.RecordedHours;
		if (typeof hours !== 'string' || !/^\d+(\.\d+)?$/.test(hours) || Number(hours) <= 0 || Number(hours) > 24) {
			throw sapError(400, 'CATS_APPL/020', `Recorded hours ${JSON.stringify(hours ?? null)} must be more than 0 and at most 24`, 'TimeSheetDataFields/RecordedHours');
		}
		const wbs = data.WBSElement;
		if (wbs !== undefined && wbs !== '') {
			const elements = this.service('A_EnterpriseProjectElement');
			const element = elements.records('A_EnterpriseProjectElement').find((e) => e.ProjectElement === wbs);
			if (!element) throw sapError(400, 'CATS_APPL/041', `WBS element ${String(wbs)} does not exist`, 'TimeSheetDataFields/WBSElement');
			const blocked = elements.get('A_EntProjElmntBlockFunc', { ProjectElementUUID: element.ProjectElementUUID });
			if (blocked?.EntProjTimeRecgIsBlkd === true) throw sapError(400, 'CJ/420', `Time recording is blocked for WBS element ${String(wbs)}`, 'TimeSheetDataFields/WBSElement');
			const project = elements.records('A_EnterpriseProject').find((p) => p.ProjectUUID === element.ProjectUUID);
			if (project && date && (date < String(project.ProjectStartDate) || date > String(project.ProjectEndDate).replace('T00:00:00Z', 'T23:59:59Z'))) {
				throw sapError(400, 'CATS_APPL/045', `Date ${date.slice(0, 10)} is outside the dates of project ${String(project.Project)}`, 'TimeSheetDate');
			}
		} else if (!data.ReceiverCostCenter && !data.InternalOrder) {
			throw sapError(400, 'CATS_APPL/040', 'Enter a receiver: WBS element, receiver cost center or internal order', 'TimeSheetDataFields/WBSElement');
		}
	}

	private ledger(): JournalLedger {
		return {
			companyCodes: SAP_COMPANY_CODES,
			glAccounts: new Set(Object.keys(SAP_GL_ACCOUNTS)),
			openFrom: SAP_OPEN_FROM,
			openTo: SAP_OPEN_TO,
			nextDocument: () => String(++this.counters.accountingDocument).padStart(10, '0'),
			post: async (entry) => {
				this.journals.push(entry);
				const items = this.service('GLAccountLineItem');
				for (const [index, line] of entry.lines.entries()) {
					const lineItem = String(index + 1).padStart(6, '0');
					await items.insert('GLAccountLineItem', {
						ID: `0L${entry.companyCode}${entry.fiscalYear}${entry.accountingDocument}${lineItem}`,
						SourceLedger: '0L',
						Ledger: '0L',
						CompanyCode: entry.companyCode,
						FiscalYear: entry.fiscalYear,
						AccountingDocument: entry.accountingDocument,
						LedgerGLLineItem: lineItem,
						GLAccount: line.glAccount,
						ReferenceDocumentType: 'BKPFF',
						ReferenceDocument: (entry.originalReferenceDocument ?? '').slice(0, 10),
						IsReversed: false,
						CostCenter: line.costCenter ?? '',
						ProfitCenter: line.profitCenter ?? '',
						TransactionCurrency: line.currency,
						AmountInTransactionCurrency: line.amount,
						CompanyCodeCurrency: SAP_COMPANY_CODES[entry.companyCode].currency,
						AmountInCompanyCodeCurrency: line.amount,
						DebitCreditCode: line.debitCredit,
						PostingDate: `${entry.postingDate}T00:00:00Z`,
						DocumentDate: `${entry.documentDate}T00:00:00Z`,
						AccountingDocumentType: entry.documentType,
						DocumentItemText: line.text.slice(0, 50),
					});
				}
			},
		};
	}

	// -------------------------------------------------------------------------------------------------------
	// Seed and state

	private resetState(): void {
		for (const { service } of this.services.values()) service.clear();
		this.sessions.clear();
		this.accessTokens.clear();
		this.journals.length = 0;
		this.counters = { businessPartner: 10100000, timesheet: 0, accountingDocument: 100000000, wbsInternal: 0 };
		this.writesSinceInvalidation = 0;
		this.csrfFetches = 0;
		this.seed();
	}

	private seed(): void {
		const run = async () => {
			const partners = this.service('A_BusinessPartner');
			// The CRM's customers (their account number as second search term) and the delivered projects' customers.
			const accountNumbers = new Map(FIRM_CUSTOMERS.map((c) => [c.name, c.accountNumber]));
			const customers = [...new Set([...FIRM_CUSTOMERS.map((c) => c.name), ...FIRM_PROJECTS.map((p) => p.customer)])];
			for (const name of customers) {
				const id = String(++this.counters.businessPartner);
				await partners.insert('A_BusinessPartner', { BusinessPartner: id, BusinessPartnerCategory: '2', BusinessPartnerGrouping: 'BP02', OrganizationBPName1: name.slice(0, 40), SearchTerm1: name.slice(0, 20).toUpperCase(), SearchTerm2: accountNumbers.get(name) ?? '', Language: 'EN' });
				await partners.insert('A_Customer', { Customer: id, CustomerAccountGroup: 'CUST', CreationDate: '2025-11-03T00:00:00Z' });
			}
			const projects = this.service('A_EnterpriseProject');
			for (const project of FIRM_PROJECTS) {
				const companyCode = companyCodeOfProject(project.externalId);
				const company = SAP_COMPANY_CODES[companyCode];
				const created = await projects.insert('A_EnterpriseProject', {
					Project: project.externalId,
					ProjectDescription: project.name.slice(0, 60),
					EnterpriseProjectType: 'C1',
					ProjectProfileCode: 'YP05',
					ProjectStartDate: `${project.start}T00:00:00Z`,
					ProjectEndDate: `${project.end}T00:00:00Z`,
					ProfitCenter: company.profitCenter,
					ResponsibleCostCenter: company.costCenter,
				});
				for (const task of project.tasks) {
					const element = await projects.insert('A_EnterpriseProjectElement', {
						ProjectElement: task.externalId,
						ProjectUUID: created.ProjectUUID,
						ProjectElementDescription: task.name.slice(0, 60),
						PlannedStartDate: `${task.start}T00:00:00Z`,
						PlannedEndDate: `${task.end}T00:00:00Z`,
						WBSElementIsBillingElement: !task.isMilestone,
					});
					await projects.insert('A_EntProjElmntBlockFunc', { ProjectElementUUID: element.ProjectElementUUID, EntProjTimeRecgIsBlkd: task.isMilestone === true });
				}
			}
			// One billing document from an earlier run of the billing due list for the T&M project.
			const billing = this.service('A_BillingDocument');
			const acme = FIRM_PROJECTS[0];
			const payer = partners.records('A_BusinessPartner').find((bp) => bp.OrganizationBPName1 === acme.customer)!.BusinessPartner as string;
			await billing.insert('A_BillingDocument', {
				BillingDocument: '90000001', SDDocumentCategory: 'M', BillingDocumentCategory: 'L', BillingDocumentType: 'F2', CreationDate: '2026-02-02T00:00:00Z', BillingDocumentDate: '2026-01-31T00:00:00Z',
				BillingDocumentIsCancelled: false, TotalNetAmount: '4400.000', TransactionCurrency: 'USD', PayerParty: payer, SoldToParty: payer, CompanyCode: '1710', FiscalYear: '2026',
				AccountingDocument: '0090000001', PurchaseOrderByCustomer: 'PO-ACME-7781', OverallBillingStatus: 'C', AccountingPostingStatus: 'C',
			});
			await billing.insert('A_BillingDocumentItem', { BillingDocument: '90000001', BillingDocumentItem: '10', Material: 'SRV_CONSULTING', BillingDocumentItemText: 'Consulting services January', BillingQuantity: '22.000', BillingQuantityUnit: 'H', NetAmount: '4400.000', TransactionCurrency: 'USD', TaxAmount: '0.000', ProfitCenter: 'YB_US_CONS', WBSElement: 'SF-006A000101-T1', SalesDocument: '' });
			// A subcontractor's invoice, for cost reads.
			await this.service('A_SupplierInvoice').insert('A_SupplierInvoice', {
				SupplierInvoice: '5105600001', FiscalYear: '2026', CompanyCode: '1710', DocumentDate: '2026-01-20T00:00:00Z', PostingDate: '2026-01-21T00:00:00Z', SupplierInvoiceIDByInvcgParty: 'SUB-2026-014',
				InvoicingParty: '17300001', DocumentCurrency: 'USD', InvoiceGrossAmount: '1250.500', DocumentHeaderText: 'Subcontracted design', AccountingDocumentType: 'RE', SupplierInvoiceStatus: '5', SupplierInvoiceIsCreditMemo: '',
			});
		};
		this.seeding = run();
	}

	private state(): unknown {
		const count = (set: string) => this.service(set).records(set).length;
		return {
			businessPartners: count('A_BusinessPartner'),
			projects: count('A_EnterpriseProject'),
			wbsElements: count('A_EnterpriseProjectElement'),
			timesheetEntries: this.service('TimeSheetEntryCollection').records('TimeSheetEntryCollection'),
			journals: this.journals.map((journal) => ({ ...journal, balance: sumDecimals(journal.lines.map((line) => line.amount)) })),
		};
	}
}

export function createSapS4HanaCloudSandbox(options: { latencyMs?: number } = {}): SapS4HanaCloudSandbox {
	return new SapS4HanaCloudSandbox(options);
}

/** The communication user credential of the demo (p2cSapS4HanaCloudBasicApi). */
export function sapSandboxBasicCredentials(baseUrl: string): Record<string, string> {
	return { hostUrl: baseUrl, username: SAP_COMMUNICATION_USER, password: SAP_COMMUNICATION_PASSWORD };
}

/** The OAuth 2.0 client credential of the demo (p2cSapS4HanaCloudOAuth2Api); the token field starts empty. */
export function sapSandboxOAuth2Credentials(baseUrl: string): Record<string, string> {
	return { hostUrl: baseUrl, tokenUrl: '', clientId: SAP_OAUTH_CLIENT_ID, clientSecret: SAP_OAUTH_CLIENT_SECRET, scope: '', accessToken: '' };
}
