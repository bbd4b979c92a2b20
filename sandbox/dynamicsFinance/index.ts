/**
 * Dynamics 365 Finance & Operations sandbox: the data entities under `/data/<PublicCollectionName>` on the
 * shared OData v4 core (sandbox/odata), Entra bearer tokens checked with the Entra sandbox (audience = this
 * environment), F&O's error body (`{"error":{"code":"","message","innererror":{"message","type","stacktrace"}}}`),
 * server-driven paging up to 10,000 records, `$skip`, and what F&O adds:
 *
 * - Company scoping: company-scoped entities have `dataAreaId` first in their key; reads without
 *   `cross-company=true` see only the caller's default company (usmf), a write goes to the company in its body.
 * - Number sequences: journal batch numbers and invoice identifiers are assigned on create.
 * - References are checked in the record's company: a line's project, category (of the right type), worker,
 *   customer, vendor or main account must exist; its date must fall in an open ledger period.
 * - Posting through a bound action `…(<key>)/Microsoft.Dynamics.DataEntities.Post` (modelled here; a real
 *   environment's posting service must be verified): all lines checked again, a general journal must balance,
 *   vouchers created, the header marked posted; a posted document refuses edits and new lines.
 * - Lines created through the header's navigation (`$1/<Lines>` in a changeset) are bound to the new header's
 *   company and number (the core binds a navigation by the parent's whole key).
 *
 * Throttling (429 with Retry-After) and lost answers come from the shared fault injection (`throttleFault`).
 */
import { DEFAULT_VENDOR_LATENCY_MS, SandboxServer } from '../core/server';
import type { Fault, SandboxRequest, SandboxResponse } from '../core/server';
import { verifyAccessToken } from '../entra';
import { ODataError, ODataService, standardDialect } from '../odata';
import type { ODataDialect, ODataEntitySetDefinition, ODataErrorKind, ODataRecord, ODataWriteContext } from '../odata';
import { exactDecimalText } from '../../lib/canonical';
import { formatAmount, parseAmount } from '../../lib/money';
import { COMPANY_SCOPED_SETS, FINANCE_ENTITY_SETS } from './entities';
import { DEFAULT_COMPANY, FINANCE_CATEGORIES, FINANCE_COMPANIES, FINANCE_CUSTOMERS, FINANCE_PROJECTS, FINANCE_WORKERS, JOURNAL_NAMES, MAIN_ACCOUNTS, OPEN_PERIODS, VENDORS } from './seed';

export { FINANCE_ENTITY_SETS } from './entities';
export { DEFAULT_COMPANY, FINANCE_COMPANIES, OPEN_PERIODS } from './seed';

export const DYNAMICS_FINANCE_SANDBOX_PORT = 4070;
export const POST_ACTION = 'Microsoft.Dynamics.DataEntities.Post';

const INNER_TYPES: Partial<Record<ODataErrorKind, string>> = {
	notFound: 'Microsoft.Dynamics.Platform.Integration.Services.OData.ODataResourceNotFoundException',
	validation: 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException',
	requiredMissing: 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException',
	duplicateKey: 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException',
	invalidValue: 'Microsoft.OData.ODataException',
	unknownProperty: 'Microsoft.OData.ODataException',
	readOnlyProperty: 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException',
};

/** F&O answers with an empty code and the detail in `innererror`. */
export const financeDialect: ODataDialect = {
	...standardDialect,
	name: 'finance',
	namespace: 'Microsoft.Dynamics.DataEntities',
	allowSkip: true,
	defaultPageSize: 10_000,
	maxPageSize: 10_000,
	createReturnsRepresentation: true,
	patchUpserts: false,
	caseInsensitiveStrings: true,
	errorCode: () => '',
	errorBody: (error, code) => ({
		error: {
			code,
			message: error.kind === 'notSupportedBySandbox' ? error.message : error.status >= 500 ? 'An error has occurred.' : error.message,
			innererror: { message: error.message, type: INNER_TYPES[error.kind] ?? 'Microsoft.OData.ODataException', stacktrace: '' },
		},
	}),
};

/** Fields F&O sets itself: a request that writes them is refused (the service writes them without a request). */
const SERVICE_FIELDS: Record<string, string[]> = {
	ProjectJournalHeaders: ['Posted', 'PostedUserId'],
	ProjectJournalLines: ['TransactionID', 'Voucher'],
	ExpenseJournalHeaders: ['IsPosted'],
	ExpenseJournalLines: ['Voucher'],
	FreeTextInvoiceHeaders: ['IsPosted', 'InvoiceId', 'FreeTextNumber'],
	FreeTextInvoiceLines: ['SalesTaxAmount'],
	LedgerJournalHeaders: ['IsPosted', 'JournalTotalDebit', 'JournalTotalCredit', 'AccountingCurrency'],
	LedgerJournalLines: ['Voucher'],
	CustomersV3: ['PartyNumber'],
};

/** Documents: header set → its lines, the line's link to the header, the posted flag, the number sequence. */
const DOCUMENTS: Record<string, { lines: string; link: string; key: string; posted: string; prefix: string }> = {
	ProjectJournalHeaders: { lines: 'ProjectJournalLines', link: 'JournalId', key: 'JournalBatchNumber', posted: 'Posted', prefix: 'PJ' },
	ExpenseJournalHeaders: { lines: 'ExpenseJournalLines', link: 'JournalBatchNumber', key: 'JournalBatchNumber', posted: 'IsPosted', prefix: 'EJ' },
	FreeTextInvoiceHeaders: { lines: 'FreeTextInvoiceLines', link: 'InvoiceIdentifier', key: 'InvoiceIdentifier', posted: 'IsPosted', prefix: 'FTI' },
	LedgerJournalHeaders: { lines: 'LedgerJournalLines', link: 'JournalBatchNumber', key: 'JournalBatchNumber', posted: 'IsPosted', prefix: 'GJ' },
};
const HEADER_OF_LINES = Object.fromEntries(Object.entries(DOCUMENTS).map(([header, d]) => [d.lines, header]));

export interface PostedVoucher {
	company: string;
	voucher: string;
	document: string;
	documentSet: string;
	date: string;
	lines: Array<{ account: string; amount: string; currency: string; line: number }>;
}

function refuse(message: string, kind: ODataErrorKind = 'validation', status = 400): ODataError {
	return new ODataError(status, kind, message);
}

function dateOf(value: unknown): string {
	return String(value ?? '').slice(0, 10);
}

/** Edm.Decimal JSON number as exact minor units of `currency` (the sandbox checks balances without floats). */
function minorOf(value: unknown, currency: string, field: string): bigint {
	if (value === undefined || value === null) return 0n;
	try {
		return parseAmount(String(exactDecimalText(value)), currency);
	} catch (error) {
		throw refuse(`${field}: ${(error as Error).message}`, 'invalidValue');
	}
}

export class DynamicsFinanceSandbox extends SandboxServer {
	readonly service: ODataService;
	/** Posted vouchers: what the general ledger received. */
	vouchers: PostedVoucher[] = [];
	/** Open ledger periods per company (inclusive); settable by tests. */
	openPeriods: Record<string, { from: string; to: string }> = structuredClone(OPEN_PERIODS);
	private sequences = new Map<string, number>();
	/**
	 * A stand-in for F&O's resource-based service protection: more than `requests` calls within `windowSeconds`
	 * answer 429 with Retry-After (the seconds until the oldest call leaves the window). Off unless set
	 * (`POST /__admin/settings {"throttle": {"requests": 5, "windowSeconds": 2}}`), since the real trigger is load.
	 */
	throttle: { requests: number; windowSeconds: number } | null = null;
	private recentCalls: number[] = [];

	constructor(latencyMs = DEFAULT_VENDOR_LATENCY_MS) {
		super({
			name: 'dynamicsFinance',
			latencyMs,
			reset: () => this.resetState(),
			snapshot: () => this.snapshotState(),
			settings: { read: () => ({ throttle: this.throttle }), apply: (changes) => this.applySettings(changes) },
			// Over the core's maxConcurrentRequests (off unless set): F&O's service protection answer.
			concurrencyRefusal: () => ({ status: 429, headers: { 'Retry-After': '1' }, body: '' }),
		});
		const service = new ODataService({
			root: '/data',
			dialect: financeDialect,
			sets: FINANCE_ENTITY_SETS,
			hooks: {
				authorize: (request) => this.authorize(request),
				readFilter: ({ set, request }) => (COMPANY_SCOPED_SETS.has(set.name) && request.query.get('cross-company') !== 'true' ? (record: ODataRecord) => record.dataAreaId === DEFAULT_COMPANY : undefined),
				beforeWrite: (context) => this.beforeWrite(context),
				// A failed changeset gives back the numbers it drew, as F&O's transaction rollback does.
				captureState: () => ({ sequences: new Map(this.sequences), vouchers: [...this.vouchers] }),
				restoreState: (state) => {
					const saved = state as { sequences: Map<string, number>; vouchers: PostedVoucher[] };
					this.sequences = saved.sequences;
					this.vouchers = saved.vouchers;
				},
				boundActions: Object.fromEntries(Object.keys(DOCUMENTS).map((set) => [set, { [POST_ACTION]: ({ record }) => this.post(set, record) }])),
			},
		});
		this.service = service;
		service.mount(this);
		this.resetState();
	}

	// -------------------------------------------------------------------------------------------------------
	// State

	private resetState(): void {
		this.service.clear();
		this.vouchers = [];
		this.sequences = new Map();
		this.openPeriods = structuredClone(OPEN_PERIODS);
		this.seeding = this.seed();
	}

	/** Seeding finishes within the tick it starts in (the hooks never wait); requests wait for it all the same. */
	seeding: Promise<void> = Promise.resolve();

	private snapshotState() {
		const counts = Object.fromEntries(FINANCE_ENTITY_SETS.map((set) => [set.name, this.service.records(set.name).length]));
		return { defaultCompany: DEFAULT_COMPANY, records: counts, vouchers: this.vouchers, openPeriods: this.openPeriods };
	}

	private next(company: string, prefix: string): string {
		const name = `${company}:${prefix}`;
		const value = (this.sequences.get(name) ?? 0) + 1;
		this.sequences.set(name, value);
		return `${prefix}-${String(value).padStart(6, '0')}`;
	}

	/** Seeding goes through the same validation as requests (synchronously: the hooks never wait). */
	private async seed(): Promise<void> {
		const insert = (set: string, record: ODataRecord) => this.service.insert(set, record);
		for (const company of FINANCE_COMPANIES) await insert('LegalEntities', { LegalEntityId: company.id, Name: company.name, AccountingCurrency: company.currency, AddressCountryRegionId: company.country });
		for (const worker of FINANCE_WORKERS) await insert('Workers', worker);
		for (const company of FINANCE_COMPANIES) for (const category of FINANCE_CATEGORIES) await insert('ProjectCategories', { dataAreaId: company.id, ...category });
		for (const c of FINANCE_CUSTOMERS) {
			await insert('CustomersV3', { dataAreaId: c.company, CustomerAccount: c.account, OrganizationName: c.name, NameAlias: c.name.slice(0, 20), CustomerGroupId: c.group, SalesCurrencyCode: c.currency, AddressCity: c.city, AddressCountryRegionId: c.country, PaymentTerms: 'Net30' });
		}
		for (const v of VENDORS) {
			const { company, ...fields } = v;
			await insert('VendorsV2', { dataAreaId: company, ...fields });
		}
		for (const p of FINANCE_PROJECTS) {
			const customer = FINANCE_CUSTOMERS.find((c) => c.account === p.CustomerAccount)!;
			await insert('ProjectContracts', { dataAreaId: p.company, ProjectContractID: p.ProjectContractID, ContractName: p.ProjectName, CustomerAccount: customer.account, CurrencyCode: p.currency });
			await insert('Projects', { dataAreaId: p.company, ProjectID: p.ProjectID, ProjectName: p.ProjectName, ProjectGroup: p.ProjectGroup, ProjectType: p.ProjectType, Status: p.Status, CustomerAccount: p.CustomerAccount, ProjectContractID: p.ProjectContractID, ProjectedStartDate: p.ProjectedStartDate, ProjectedEndDate: p.ProjectedEndDate, WorkerResponsiblePersonnelNumber: p.WorkerResponsiblePersonnelNumber });
		}
	}

	// -------------------------------------------------------------------------------------------------------
	// Requests

	private applySettings(changes: Record<string, unknown>): string | undefined {
		if (!('throttle' in changes)) return `unknown settings: ${Object.keys(changes).join(', ')}`;
		const throttle = changes.throttle as { requests?: unknown; windowSeconds?: unknown } | null;
		if (throttle === null) {
			this.throttle = null;
			return undefined;
		}
		if (!Number.isInteger(throttle.requests) || (throttle.requests as number) < 1 || !Number.isInteger(throttle.windowSeconds) || (throttle.windowSeconds as number) < 1) {
			return 'throttle must be null or {"requests": n ≥ 1, "windowSeconds": s ≥ 1}';
		}
		this.throttle = { requests: throttle.requests as number, windowSeconds: throttle.windowSeconds as number };
		this.recentCalls = [];
		return undefined;
	}

	/** 429 with Retry-After when the throttle setting's window is full; the call is not processed. */
	private throttled(): SandboxResponse | undefined {
		if (!this.throttle) return undefined;
		const now = Date.now();
		const windowMs = this.throttle.windowSeconds * 1000;
		this.recentCalls = this.recentCalls.filter((at) => now - at < windowMs);
		if (this.recentCalls.length < this.throttle.requests) {
			this.recentCalls.push(now);
			return undefined;
		}
		const retryAfter = Math.max(1, Math.ceil((this.recentCalls[0] + windowMs - now) / 1000));
		return { status: 429, headers: { 'Retry-After': String(retryAfter) }, body: '' };
	}

	private async authorize(request: SandboxRequest): Promise<SandboxResponse | undefined> {
		await this.seeding;
		const throttled = this.throttled();
		if (throttled) return throttled;
		const header = request.headers.authorization ?? '';
		const token = /^Bearer (.+)$/i.exec(header)?.[1];
		// F&O answers an unauthenticated call with 401 and an empty body.
		if (!token) return { status: 401, headers: { 'WWW-Authenticate': 'Bearer' }, body: '' };
		const check = verifyAccessToken(token, this.baseUrl);
		if (!check.valid) return { status: 401, headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${check.reason}"` }, body: '' };
		return undefined;
	}

	// -------------------------------------------------------------------------------------------------------
	// Rules

	private exists(set: string, key: Record<string, unknown>): ODataRecord | undefined {
		return this.service.get(set, key);
	}

	private requireIn(company: string, set: string, keyField: string, value: unknown, what: string): ODataRecord {
		const record = value === undefined || value === null || value === '' ? undefined : this.exists(set, { dataAreaId: company, [keyField]: value });
		if (!record) throw refuse(`${what} ${JSON.stringify(value ?? '')} does not exist in company ${company}.`);
		return record;
	}

	private requireWorker(value: unknown): void {
		if (value === undefined || value === null || value === '') return;
		if (!this.exists('Workers', { PersonnelNumber: value })) throw refuse(`Worker ${JSON.stringify(value)} does not exist.`);
	}

	private requireOpenPeriod(company: string, value: unknown, field: string): void {
		const date = dateOf(value);
		const period = this.openPeriods[company];
		if (!period || date < period.from || date > period.to) throw refuse(`${field} ${date}: the ledger period is not open for posting in company ${company}.`);
	}

	private requireMainAccount(value: unknown, field: string): void {
		const main = String(value ?? '').split('-')[0];
		if (!MAIN_ACCOUNTS.includes(main)) throw refuse(`${field}: main account ${JSON.stringify(main)} does not exist.`);
	}

	private requireCategory(company: string, id: unknown, type: string, field: string): void {
		const category = this.requireIn(company, 'ProjectCategories', 'CategoryId', id, `${field}: project category`);
		if (category.CategoryType !== type) throw refuse(`${field}: project category ${String(id)} is a ${String(category.CategoryType)} category, not ${type}.`);
	}

	private headerOfLine(linesSet: string, line: ODataRecord): { set: string; record: ODataRecord } {
		const headerSet = HEADER_OF_LINES[linesSet];
		const document = DOCUMENTS[headerSet];
		const record = this.exists(headerSet, { dataAreaId: line.dataAreaId, [document.key]: line[document.link] });
		if (!record) throw refuse(`${document.link} ${JSON.stringify(line[document.link] ?? '')} does not exist in company ${String(line.dataAreaId)}.`);
		return { set: headerSet, record };
	}

	/** An hour or fee line: project, category of the journal's type and worker in the company, date in an open period. */
	private checkProjectLine(line: ODataRecord, header: ODataRecord): void {
		const company = String(line.dataAreaId);
		this.requireIn(company, 'Projects', 'ProjectID', line.ProjectID, 'ProjectID: project');
		this.requireCategory(company, line.Category, header.JournalType === 'Revenue' ? 'Fee' : 'Hour', 'Category');
		this.requireWorker(line.ResourceId);
		if (header.JournalType !== 'Revenue' && !(Number(line.Hours) > 0 && Number(line.Hours) <= 24)) throw refuse(`Hours ${String(line.Hours)}: a line's hours must be more than 0 and at most 24.`);
		this.requireOpenPeriod(company, line.ProjectDate, 'ProjectDate');
	}

	private checkExpenseLine(line: ODataRecord): void {
		const company = String(line.dataAreaId);
		this.requireIn(company, 'Projects', 'ProjectID', line.ProjId, 'ProjId: project');
		this.requireCategory(company, line.ProjectCategory, 'Expense', 'ProjectCategory');
		this.requireWorker(line.ResourceId);
		this.requireOpenPeriod(company, line.ProjectDate, 'ProjectDate');
		const currency = String(line.CurrencyCode);
		const debit = minorOf(line.DebitAmount, currency, 'DebitAmount');
		const credit = minorOf(line.CreditAmount, currency, 'CreditAmount');
		if ((debit === 0n) === (credit === 0n)) throw refuse('DebitAmount, CreditAmount: an expense line has an amount on exactly one side.');
	}

	private checkLedgerLine(line: ODataRecord): void {
		const company = String(line.dataAreaId);
		const account = (type: unknown, value: unknown, field: string) => {
			if (type === 'Cust') this.requireIn(company, 'CustomersV3', 'CustomerAccount', value, `${field}: customer`);
			else if (type === 'Vend') this.requireIn(company, 'VendorsV2', 'VendorAccount', value, `${field}: vendor`);
			else if (type === 'Project') this.requireIn(company, 'Projects', 'ProjectID', value, `${field}: project`);
			else this.requireMainAccount(value, field);
		};
		account(line.AccountType ?? 'Ledger', line.AccountDisplayValue, 'AccountDisplayValue');
		if (line.OffsetAccountDisplayValue) account(line.OffsetAccountType ?? 'Ledger', line.OffsetAccountDisplayValue, 'OffsetAccountDisplayValue');
		this.requireOpenPeriod(company, line.TransDate, 'TransDate');
		const currency = String(line.CurrencyCode);
		if ((minorOf(line.DebitAmount, currency, 'DebitAmount') === 0n) === (minorOf(line.CreditAmount, currency, 'CreditAmount') === 0n)) throw refuse('DebitAmount, CreditAmount: a line has an amount on exactly one side.');
	}

	private checkInvoiceLine(line: ODataRecord): void {
		this.requireMainAccount(line.MainAccountDisplayValue, 'MainAccountDisplayValue');
		if (line.ProjectID) this.requireIn(String(line.dataAreaId), 'Projects', 'ProjectID', line.ProjectID, 'ProjectID: project');
	}

	private checkAnyLine(linesSet: string, line: ODataRecord, header: ODataRecord): void {
		if (linesSet === 'ProjectJournalLines') this.checkProjectLine(line, header);
		else if (linesSet === 'ExpenseJournalLines') this.checkExpenseLine(line);
		else if (linesSet === 'LedgerJournalLines') this.checkLedgerLine(line);
		else if (linesSet === 'FreeTextInvoiceLines') this.checkInvoiceLine(line);
	}

	private beforeWrite(context: ODataWriteContext): void {
		const { set, record, operation, request } = context;
		if (request) {
			const refused = (SERVICE_FIELDS[set.name] ?? []).find((field) => field in context.changes);
			if (refused) throw new ODataError(400, 'readOnlyProperty', `The property '${refused}' of ${set.entityType} is set by the system and cannot be written.`);
			// Without cross-company=true a key address reaches only the default company, as a read does.
			if (operation !== 'create' && COMPANY_SCOPED_SETS.has(set.name) && request.query.get('cross-company') !== 'true' && context.previous?.dataAreaId !== DEFAULT_COMPANY) {
				throw new ODataError(404, 'notFound', `No ${set.entityType} matches the key in company ${DEFAULT_COMPANY}.`);
			}
		}
		if (operation === 'delete') {
			this.refuseIfPosted(set, context.previous ?? {});
			return;
		}
		if (COMPANY_SCOPED_SETS.has(set.name)) {
			record.dataAreaId = String(record.dataAreaId ?? '').toLowerCase();
			if (!FINANCE_COMPANIES.some((c) => c.id === record.dataAreaId)) throw refuse(`Company ${JSON.stringify(record.dataAreaId)} does not exist.`);
		}
		if (operation === 'update') {
			this.refuseIfPosted(set, context.previous ?? {});
			if (request) this.checkReferences(set, record);
			return;
		}
		const document = DOCUMENTS[set.name];
		if (document && (record[document.key] === undefined || record[document.key] === '')) record[document.key] = this.next(String(record.dataAreaId), document.prefix);
		if (set.name === 'LedgerJournalHeaders') record.AccountingCurrency = FINANCE_COMPANIES.find((c) => c.id === record.dataAreaId)!.currency;
		if (set.name === 'FreeTextInvoiceHeaders') record.FreeTextNumber = record.InvoiceIdentifier;
		if (request) this.checkReferences(set, record);
	}

	private refuseIfPosted(set: ODataEntitySetDefinition, record: ODataRecord): void {
		const document = DOCUMENTS[set.name];
		if (document && record[document.posted] === 'Yes') throw refuse(`${set.entityType} ${String(record[document.key])} is posted and cannot be changed.`);
		if (HEADER_OF_LINES[set.name]) {
			const header = this.headerOfLine(set.name, record);
			const headerDocument = DOCUMENTS[header.set];
			if (header.record[headerDocument.posted] === 'Yes') throw refuse(`Journal ${String(header.record[headerDocument.key])} is posted; its lines cannot be added or changed.`);
		}
	}

	private checkReferences(set: ODataEntitySetDefinition, record: ODataRecord): void {
		const company = String(record.dataAreaId ?? '');
		switch (set.name) {
			case 'ProjectJournalHeaders':
			case 'ExpenseJournalHeaders':
			case 'LedgerJournalHeaders':
				if (!JOURNAL_NAMES[set.name].includes(String(record.JournalName))) throw refuse(`JournalName: journal name ${JSON.stringify(record.JournalName)} does not exist for this journal type in company ${company}.`);
				break;
			case 'FreeTextInvoiceHeaders':
				this.requireIn(company, 'CustomersV3', 'CustomerAccount', record.CustomerAccount, 'CustomerAccount: customer');
				break;
			case 'Projects':
				if (record.CustomerAccount) this.requireIn(company, 'CustomersV3', 'CustomerAccount', record.CustomerAccount, 'CustomerAccount: customer');
				if (record.ProjectContractID) this.requireIn(company, 'ProjectContracts', 'ProjectContractID', record.ProjectContractID, 'ProjectContractID: project contract');
				this.requireWorker(record.WorkerResponsiblePersonnelNumber);
				break;
			case 'ProjectContracts':
				this.requireIn(company, 'CustomersV3', 'CustomerAccount', record.CustomerAccount, 'CustomerAccount: customer');
				break;
			case 'ProjEstimateHoursImport':
				this.requireIn(company, 'Projects', 'ProjectID', record.ProjectId, 'ProjectId: project');
				if (record.TransactionCategoryId) this.requireCategory(company, record.TransactionCategoryId, 'Hour', 'TransactionCategoryId');
				if (!(Number(record.Duration) >= 0)) throw refuse(`Duration ${String(record.Duration)}: planned hours cannot be negative.`);
				break;
			default:
				if (HEADER_OF_LINES[set.name]) {
					const header = this.headerOfLine(set.name, record);
					this.refuseIfPosted(set, record);
					this.checkAnyLine(set.name, record, header.record);
				}
		}
	}

	// -------------------------------------------------------------------------------------------------------
	// Posting

	/** Posts a document: every line checked again, a general journal balanced, vouchers made, all or nothing. */
	private async post(setName: string, header: ODataRecord): Promise<SandboxResponse> {
		const document = DOCUMENTS[setName];
		const company = String(header.dataAreaId);
		const number = String(header[document.key]);
		if (header[document.posted] === 'Yes') throw refuse(`${number} has already been posted.`);
		const lines = this.service.records(document.lines).filter((line) => line.dataAreaId === company && line[document.link] === number);
		if (!lines.length) throw refuse(`${number} has no lines to post.`);
		for (const line of lines) this.checkAnyLine(document.lines, line, header);
		const currency = FINANCE_COMPANIES.find((c) => c.id === company)!.currency;
		const headerChanges: ODataRecord = { [document.posted]: 'Yes' };
		if (setName === 'LedgerJournalHeaders') {
			const totals = new Map<string, { debit: bigint; credit: bigint }>();
			for (const line of lines) {
				const lineCurrency = String(line.CurrencyCode);
				const total = totals.get(lineCurrency) ?? { debit: 0n, credit: 0n };
				const debit = minorOf(line.DebitAmount, lineCurrency, 'DebitAmount');
				const credit = minorOf(line.CreditAmount, lineCurrency, 'CreditAmount');
				// A line with an offset account balances itself.
				total.debit += debit + (line.OffsetAccountDisplayValue ? credit : 0n);
				total.credit += credit + (line.OffsetAccountDisplayValue ? debit : 0n);
				totals.set(lineCurrency, total);
			}
			for (const [lineCurrency, total] of totals) {
				if (total.debit !== total.credit) throw refuse(`${number} is out of balance in ${lineCurrency}: the debits do not equal the credits.`);
			}
			// Totals in the accounting currency's minor units, rendered as the Edm.Decimal JSON number of that exact text.
			const sum = (field: string) => lines.reduce((total, line) => total + minorOf(line[field], currency, field), 0n);
			headerChanges.JournalTotalDebit = Number(formatAmount(sum('DebitAmount'), currency));
			headerChanges.JournalTotalCredit = Number(formatAmount(sum('CreditAmount'), currency));
		}
		const voucher = this.next(company, 'VCH');
		for (const line of lines) {
			const key = this.service.keyOf(this.service.entitySet(document.lines)!, line);
			const changes: ODataRecord = { Voucher: voucher };
			if (document.lines === 'ProjectJournalLines') changes.TransactionID = this.next(company, 'PTR');
			if (document.lines !== 'FreeTextInvoiceLines') await this.service.update(document.lines, key, changes);
		}
		if (setName === 'FreeTextInvoiceHeaders') headerChanges.InvoiceId = this.next(company, 'FTINV');
		if (setName === 'ProjectJournalHeaders') headerChanges.PostedUserId = 'Admin';
		await this.service.update(setName, this.service.keyOf(this.service.entitySet(setName)!, header), headerChanges);
		this.vouchers.push({
			company,
			voucher,
			document: number,
			documentSet: setName,
			date: dateOf(lines[0].ProjectDate ?? lines[0].TransDate ?? header.InvoiceDate),
			lines: lines.map((line) => ({
				line: Number(line.LineNumber),
				account: String(line.ProjectID ?? line.ProjId ?? line.AccountDisplayValue ?? line.MainAccountDisplayValue ?? ''),
				amount: String(exactDecimalText(line.Hours ?? line.DebitAmount ?? line.TransactionCurrencyAmount ?? 0)),
				currency: String(line.CurrencyCode ?? line.CurrencyId ?? currency),
			})),
		});
		return { status: 200, headers: { 'OData-Version': '4.0' }, body: { '@odata.context': `${this.baseUrl}/data/$metadata#Edm.String`, value: voucher } };
	}
}

export function createDynamicsFinanceSandbox(options: { latencyMs?: number } = {}): DynamicsFinanceSandbox {
	return new DynamicsFinanceSandbox(options.latencyMs);
}

/** F&O's priority-based throttling: 429 with Retry-After (seconds), the request not processed. */
export function throttleFault(times = 1, retryAfterSeconds = 1, path?: string): Fault {
	return { kind: 'status', status: 429, times, path, headers: { 'Retry-After': String(retryAfterSeconds) }, body: '' };
}
