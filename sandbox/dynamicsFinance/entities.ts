/**
 * The Finance & Operations data entities the sandbox serves, as OData entity sets of the shared core: public
 * collection names, keys (`dataAreaId` first for company-scoped entities), property types, enums, required and
 * key fields F&O assigns (number sequences). Fields F&O sets itself (posted flags, vouchers) are refused from
 * requests by the sandbox's SERVICE_FIELDS. Property names come from the CDM entity definitions (cdm-operationsCommon) and, for
 * CustomersV3 and LegalEntities, from the `$metadata` excerpts; types are F&O's (Edm.Decimal amounts and hours,
 * Edm.DateTimeOffset dates, enums by member name). test/dynamics365Finance/spec.test.ts compares them.
 */
import type { ODataEntitySetDefinition, ODataPropertyDefinition } from '../odata/types';

const S = (maxLength?: number, extra: Partial<ODataPropertyDefinition> = {}): ODataPropertyDefinition => ({ type: 'Edm.String', ...(maxLength ? { maxLength } : {}), ...extra });
const D = (extra: Partial<ODataPropertyDefinition> = {}): ODataPropertyDefinition => ({ type: 'Edm.Decimal', ...extra });
const DEC = D();
const DATE: ODataPropertyDefinition = { type: 'Edm.DateTimeOffset' };
const DATE_REQUIRED: ODataPropertyDefinition = { ...DATE, required: true };
const enumOf = (values: string[], extra: Partial<ODataPropertyDefinition> = {}): ODataPropertyDefinition => ({ type: 'Edm.String', enumValues: values, ...extra });

export const NO_YES = ['No', 'Yes'];
/** CustVendorBlocked, as the metadata excerpt lists it. */
export const CUST_VENDOR_BLOCKED = ['No', 'Invoice', 'All', 'Payment', 'Requisition', 'Never', 'PurchOrder'];
export const PROJ_STATUS = ['Created', 'Estimated', 'Scheduled', 'InProcess', 'Completed'];
export const PROJ_TYPE = ['TimeMaterial', 'FixedPrice', 'Investment', 'Cost', 'Internal', 'Time'];
/** ProjJournalType: hour journals and fee (revenue) journals share the project journal entities. */
export const PROJ_JOURNAL_TYPE = ['Hour', 'Revenue'];
export const LEDGER_ACCOUNT_TYPE = ['Ledger', 'Cust', 'Vend', 'Project', 'FixedAssets', 'Bank'];

const COMPANY: ODataPropertyDefinition = { type: 'Edm.String', maxLength: 4, required: true };

/** A company-scoped entity set: `dataAreaId` first in its key and its properties. */
function companySet(
	name: string,
	entityType: string,
	key: string[],
	properties: Record<string, ODataPropertyDefinition>,
	collections?: ODataEntitySetDefinition['collections'],
): ODataEntitySetDefinition {
	return { name, entityType, key: ['dataAreaId', ...key], properties: { dataAreaId: COMPANY, ...properties }, ...(collections ? { collections } : {}) };
}

/** A journal header: the batch number F&O assigns, the journal name it requires, its lines by `lines.column`. */
function journalHeaderSet(name: string, entityType: string, lines: { set: string; column: string }, properties: Record<string, ODataPropertyDefinition>): ODataEntitySetDefinition {
	return companySet(
		name,
		entityType,
		['JournalBatchNumber'],
		{ JournalBatchNumber: S(20, { readOnly: true }), JournalName: S(10, { required: true }), ...properties },
		{ [lines.set]: { source: lines.set, column: lines.column } },
	);
}

/** Lines of a journal or invoice: keyed by their header's field (`parent`) and a line number. */
function lineSet(name: string, entityType: string, parent: string, parentProperty: ODataPropertyDefinition, properties: Record<string, ODataPropertyDefinition>): ODataEntitySetDefinition {
	return companySet(name, entityType, [parent, 'LineNumber'], { [parent]: parentProperty, LineNumber: D({ required: true }), ...properties });
}

export const LEGAL_ENTITIES: ODataEntitySetDefinition = {
	name: 'LegalEntities',
	entityType: 'LegalEntity',
	key: ['LegalEntityId'],
	properties: { LegalEntityId: S(4, { required: true }), Name: S(100), AccountingCurrency: S(3), AddressCountryRegionId: S(10) },
};

export const CUSTOMERS = companySet('CustomersV3', 'CustomerV3', ['CustomerAccount'], {
	CustomerAccount: S(20, { required: true }),
	OrganizationName: S(100),
	NameAlias: S(20),
	PartyType: enumOf(['Organization', 'Person'], { default: 'Organization' }),
	PartyNumber: S(40),
	CustomerGroupId: S(10, { required: true }),
	SalesCurrencyCode: S(3),
	OnHoldStatus: enumOf(CUST_VENDOR_BLOCKED, { default: 'No' }),
	CreditLimit: D({ default: 0 }),
	PaymentTerms: S(10),
	PrimaryContactEmail: S(255),
	PrimaryContactPhone: S(255),
	PrimaryContactURL: S(255),
	AddressStreet: S(250),
	AddressCity: S(60),
	AddressState: S(10),
	AddressZipCode: S(10),
	AddressCountryRegionId: S(10),
	LineOfBusinessId: S(10),
	TaxExemptNumber: S(20),
	IdentificationNumber: S(50),
	InvoiceAccount: S(20),
});

export const VENDORS = companySet('VendorsV2', 'VendorV2', ['VendorAccount'], {
	VendorAccount: S(20, { required: true }),
	VendorOrganizationName: S(100),
	VendorGroupId: S(10, { required: true }),
	CurrencyCode: S(3),
	OnHoldStatus: enumOf(CUST_VENDOR_BLOCKED, { default: 'No' }),
	PaymentTermsName: S(10),
	PrimaryEmailAddress: S(255),
});

export const WORKERS: ODataEntitySetDefinition = {
	name: 'Workers',
	entityType: 'Worker',
	key: ['PersonnelNumber'],
	properties: {
		PersonnelNumber: S(25, { required: true }),
		Name: S(100),
		FirstName: S(25),
		LastName: S(25),
		PrimaryContactEmail: S(255),
		Title: S(60),
		WorkerType: enumOf(['Employee', 'Contractor'], { default: 'Employee' }),
		WorkerStatus: enumOf(['Employed', 'Terminated', 'Pending'], { default: 'Employed' }),
		OriginalHireDateTime: DATE,
	},
};

export const PROJECTS = companySet('Projects', 'Project', ['ProjectID'], {
	ProjectID: S(20, { required: true }),
	ProjectName: S(60, { required: true }),
	ProjectGroup: S(10, { required: true }),
	ProjectType: enumOf(PROJ_TYPE, { default: 'TimeMaterial' }),
	Status: enumOf(PROJ_STATUS, { default: 'Created' }),
	CustomerAccount: S(20),
	ProjectContractID: S(20),
	ProjectedStartDate: DATE,
	ProjectedEndDate: DATE,
	ActualStartDate: DATE,
	ActualEndDate: DATE,
	WorkerResponsiblePersonnelNumber: S(25),
	Description: S(1000),
	Reference: S(60),
	ParentProject: S(20),
});

/**
 * Project Operations' estimate import (`ProjEstimateHoursImport` in the metadata excerpt): planned hours of a project
 * (and activity) from a start date, with their planned cost and sales amounts; the key is a GUID the caller gives.
 */
export const PROJECT_HOUR_ESTIMATES = companySet('ProjEstimateHoursImport', 'ProjEstimateHoursImport', ['EstimateHoursImportId'], {
	EstimateHoursImportId: { type: 'Edm.Guid', required: true },
	ProjectId: S(20, { required: true }),
	ActivityNumber: S(50),
	Description: S(1000),
	Duration: D({ required: true }),
	SequenceNumber: { type: 'Edm.Int32', default: 0 },
	ProjCDSResourceId: { type: 'Edm.Guid' },
	ResourceCategoryId: S(20),
	TransactionCategoryId: S(20),
	PlannedSalesAmount: D({ default: 0 }),
	PlannedCostAmount: D({ default: 0 }),
	StartDate: DATE_REQUIRED,
	ContractLineId: S(50),
});

/** Not in the shipped CDM excerpts: project contracts (funding) as ProjectContracts; see the README. */
export const PROJECT_CONTRACTS = companySet('ProjectContracts', 'ProjectContract', ['ProjectContractID'], {
	ProjectContractID: S(20, { required: true }),
	ContractName: S(60, { required: true }),
	CustomerAccount: S(20, { required: true }),
	CurrencyCode: S(3, { required: true }),
	ExternalReference: S(60),
});

export const PROJECT_CATEGORIES = companySet('ProjectCategories', 'ProjectCategory', ['CategoryId'], {
	CategoryId: S(30, { required: true }),
	CategoryName: S(60),
	CategoryType: enumOf(['Hour', 'Expense', 'Fee', 'Item'], { required: true }),
});

/** ProjJournalTableEntity: the header of hour and fee journals. */
export const PROJECT_JOURNAL_HEADERS = journalHeaderSet('ProjectJournalHeaders', 'ProjectJournalHeader', { set: 'ProjectJournalLines', column: 'JournalId' }, {
	JournalType: enumOf(PROJ_JOURNAL_TYPE, { default: 'Hour' }),
	Description: S(60),
	Posted: enumOf(NO_YES, { default: 'No' }),
	PostedUserId: S(20),
	ProjectID: S(20),
});

/** ProjJournalTransEntity: "Project hour journal lines". */
export const PROJECT_JOURNAL_LINES = lineSet('ProjectJournalLines', 'ProjectJournalLine', 'JournalId', S(20, { required: true }), {
	ProjectID: S(20, { required: true }),
	ActivityNumber: S(50),
	Category: S(30, { required: true }),
	Hours: D({ required: true }),
	ProjectDate: DATE_REQUIRED,
	ResourceId: S(25),
	ResourceCompanyId: S(4),
	LineProperty: S(10),
	CostPrice: DEC,
	SalesPrice: DEC,
	CurrencyId: S(3),
	Description: S(60),
	TransactionID: S(20),
	Voucher: S(20),
});

export const EXPENSE_JOURNAL_HEADERS = journalHeaderSet('ExpenseJournalHeaders', 'ExpenseJournalHeader', { set: 'ExpenseJournalLines', column: 'JournalBatchNumber' }, {
	Description: S(60),
	IsPosted: enumOf(NO_YES, { default: 'No' }),
});

/** ExpenseJournalLineEntity. */
export const EXPENSE_JOURNAL_LINES = lineSet('ExpenseJournalLines', 'ExpenseJournalLine', 'JournalBatchNumber', S(20, { required: true }), {
	ProjId: S(20, { required: true }),
	ActivityNumber: S(50),
	ProjectCategory: S(30, { required: true }),
	ProjectDate: DATE_REQUIRED,
	ResourceId: S(25),
	ResourceCompanyId: S(4),
	ProjectLineProperty: S(10),
	CurrencyCode: S(3, { required: true }),
	DebitAmount: D({ default: 0 }),
	CreditAmount: D({ default: 0 }),
	ProjectCostQuantity: DEC,
	ProjectCostPrice: DEC,
	ProjectSalesPrice: DEC,
	ProjectSalesCurrencyCode: S(3),
	AccountType: enumOf(LEDGER_ACCOUNT_TYPE, { default: 'Project' }),
	Account: S(500),
	AccountDisplayValue: S(500),
	OffsetAccountType: enumOf(LEDGER_ACCOUNT_TYPE),
	OffsetAccountDisplayValue: S(500),
	VoucherDate: DATE,
	Text: S(60),
	Document: S(60),
	Voucher: S(20),
});

export const FREE_TEXT_INVOICE_HEADERS = companySet(
	'FreeTextInvoiceHeaders',
	'FreeTextInvoiceHeader',
	['InvoiceIdentifier'],
	{
		InvoiceIdentifier: S(40, { readOnly: true }),
		FreeTextNumber: S(20),
		InvoiceId: S(20),
		CustomerAccount: S(20, { required: true }),
		InvoiceAccount: S(20),
		InvoiceDate: DATE,
		DueDate: DATE,
		CurrencyCode: S(3, { required: true }),
		IsPosted: enumOf(NO_YES, { default: 'No' }),
		ExternalInvoiceId: S(40),
		CustomerReference: S(60),
		CustomerRequisition: S(20),
		TermsOfPayment: S(10),
		InvoiceName: S(100),
	},
	{ FreeTextInvoiceLines: { source: 'FreeTextInvoiceLines', column: 'InvoiceIdentifier' } },
);

/**
 * FreeTextInvoiceLineEntity. The CDM definition links lines to the header by ParentRecId; the sandbox carries
 * the header's InvoiceIdentifier instead (the header's RecId is not part of its public entity).
 */
export const FREE_TEXT_INVOICE_LINES = lineSet('FreeTextInvoiceLines', 'FreeTextInvoiceLine', 'InvoiceIdentifier', S(40, { required: true }), {
	Description: S(60),
	MainAccountDisplayValue: S(500, { required: true }),
	Quantity: D({ default: 1 }),
	UnitPrice: DEC,
	TransactionCurrencyAmount: D({ required: true }),
	SalesTaxAmount: D({ default: 0 }),
	ProjectID: S(20),
	CurrencyCode: S(3),
});

export const LEDGER_JOURNAL_HEADERS = journalHeaderSet('LedgerJournalHeaders', 'LedgerJournalHeader', { set: 'LedgerJournalLines', column: 'JournalBatchNumber' }, {
	Description: S(60),
	IsPosted: enumOf(NO_YES, { default: 'No' }),
	PostingLayer: enumOf(['Current', 'Operations', 'Tax'], { default: 'Current' }),
	JournalTotalDebit: D({ default: 0 }),
	JournalTotalCredit: D({ default: 0 }),
	AccountingCurrency: S(3),
	IntegrationKey: S(60),
});

export const LEDGER_JOURNAL_LINES = lineSet('LedgerJournalLines', 'LedgerJournalLine', 'JournalBatchNumber', S(20, { required: true }), {
	AccountType: enumOf(LEDGER_ACCOUNT_TYPE, { default: 'Ledger' }),
	AccountDisplayValue: S(500, { required: true }),
	OffsetAccountType: enumOf(LEDGER_ACCOUNT_TYPE),
	OffsetAccountDisplayValue: S(500),
	DebitAmount: D({ default: 0 }),
	CreditAmount: D({ default: 0 }),
	CurrencyCode: S(3, { required: true }),
	TransDate: DATE_REQUIRED,
	Text: S(60),
	OffsetText: S(60),
	Document: S(60),
	Voucher: S(20),
});

export const FINANCE_ENTITY_SETS: ODataEntitySetDefinition[] = [
	LEGAL_ENTITIES,
	CUSTOMERS,
	VENDORS,
	WORKERS,
	PROJECTS,
	PROJECT_CONTRACTS,
	PROJECT_HOUR_ESTIMATES,
	PROJECT_CATEGORIES,
	PROJECT_JOURNAL_HEADERS,
	PROJECT_JOURNAL_LINES,
	EXPENSE_JOURNAL_HEADERS,
	EXPENSE_JOURNAL_LINES,
	FREE_TEXT_INVOICE_HEADERS,
	FREE_TEXT_INVOICE_LINES,
	LEDGER_JOURNAL_HEADERS,
	LEDGER_JOURNAL_LINES,
];

/** Entity sets whose records belong to a company (dataAreaId first in the key). */
export const COMPANY_SCOPED_SETS = new Set(FINANCE_ENTITY_SETS.filter((set) => set.key[0] === 'dataAreaId').map((set) => set.name));
