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
const DEC: ODataPropertyDefinition = { type: 'Edm.Decimal' };
const DATE: ODataPropertyDefinition = { type: 'Edm.DateTimeOffset' };
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

export const LEGAL_ENTITIES: ODataEntitySetDefinition = {
	name: 'LegalEntities',
	entityType: 'LegalEntity',
	key: ['LegalEntityId'],
	properties: { LegalEntityId: S(4, { required: true }), Name: S(100), AccountingCurrency: S(3), AddressCountryRegionId: S(10) },
};

export const CUSTOMERS: ODataEntitySetDefinition = {
	name: 'CustomersV3',
	entityType: 'CustomerV3',
	key: ['dataAreaId', 'CustomerAccount'],
	properties: {
		dataAreaId: COMPANY,
		CustomerAccount: S(20, { required: true }),
		OrganizationName: S(100),
		NameAlias: S(20),
		PartyType: enumOf(['Organization', 'Person'], { default: 'Organization' }),
		PartyNumber: S(40),
		CustomerGroupId: S(10, { required: true }),
		SalesCurrencyCode: S(3),
		OnHoldStatus: enumOf(CUST_VENDOR_BLOCKED, { default: 'No' }),
		CreditLimit: { type: 'Edm.Decimal', default: 0 },
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
	},
};

export const VENDORS: ODataEntitySetDefinition = {
	name: 'VendorsV2',
	entityType: 'VendorV2',
	key: ['dataAreaId', 'VendorAccount'],
	properties: {
		dataAreaId: COMPANY,
		VendorAccount: S(20, { required: true }),
		VendorOrganizationName: S(100),
		VendorGroupId: S(10, { required: true }),
		CurrencyCode: S(3),
		OnHoldStatus: enumOf(CUST_VENDOR_BLOCKED, { default: 'No' }),
		PaymentTermsName: S(10),
		PrimaryEmailAddress: S(255),
	},
};

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

export const PROJECTS: ODataEntitySetDefinition = {
	name: 'Projects',
	entityType: 'Project',
	key: ['dataAreaId', 'ProjectID'],
	properties: {
		dataAreaId: COMPANY,
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
	},
};

/** Not in the shipped CDM excerpts: project contracts (funding) as ProjectContracts; see the README. */
export const PROJECT_CONTRACTS: ODataEntitySetDefinition = {
	name: 'ProjectContracts',
	entityType: 'ProjectContract',
	key: ['dataAreaId', 'ProjectContractID'],
	properties: {
		dataAreaId: COMPANY,
		ProjectContractID: S(20, { required: true }),
		ContractName: S(60, { required: true }),
		CustomerAccount: S(20, { required: true }),
		CurrencyCode: S(3, { required: true }),
		ExternalReference: S(60),
	},
};

export const PROJECT_CATEGORIES: ODataEntitySetDefinition = {
	name: 'ProjectCategories',
	entityType: 'ProjectCategory',
	key: ['dataAreaId', 'CategoryId'],
	properties: { dataAreaId: COMPANY, CategoryId: S(30, { required: true }), CategoryName: S(60), CategoryType: enumOf(['Hour', 'Expense', 'Fee', 'Item'], { required: true }) },
};

/** ProjJournalTableEntity: the header of hour and fee journals. */
export const PROJECT_JOURNAL_HEADERS: ODataEntitySetDefinition = {
	name: 'ProjectJournalHeaders',
	entityType: 'ProjectJournalHeader',
	key: ['dataAreaId', 'JournalBatchNumber'],
	properties: {
		dataAreaId: COMPANY,
		JournalBatchNumber: S(20, { readOnly: true }),
		JournalName: S(10, { required: true }),
		JournalType: enumOf(PROJ_JOURNAL_TYPE, { default: 'Hour' }),
		Description: S(60),
		Posted: enumOf(NO_YES, { default: 'No' }),
		PostedUserId: S(20),
		ProjectID: S(20),
	},
	collections: { ProjectJournalLines: { source: 'ProjectJournalLines', column: 'JournalId' } },
};

/** ProjJournalTransEntity: "Project hour journal lines". */
export const PROJECT_JOURNAL_LINES: ODataEntitySetDefinition = {
	name: 'ProjectJournalLines',
	entityType: 'ProjectJournalLine',
	key: ['dataAreaId', 'JournalId', 'LineNumber'],
	properties: {
		dataAreaId: COMPANY,
		JournalId: S(20, { required: true }),
		LineNumber: { type: 'Edm.Decimal', required: true },
		ProjectID: S(20, { required: true }),
		ActivityNumber: S(50),
		Category: S(30, { required: true }),
		Hours: { type: 'Edm.Decimal', required: true },
		ProjectDate: { type: 'Edm.DateTimeOffset', required: true },
		ResourceId: S(25),
		ResourceCompanyId: S(4),
		LineProperty: S(10),
		CostPrice: DEC,
		SalesPrice: DEC,
		CurrencyId: S(3),
		Description: S(60),
		TransactionID: S(20),
		Voucher: S(20),
	},
};

export const EXPENSE_JOURNAL_HEADERS: ODataEntitySetDefinition = {
	name: 'ExpenseJournalHeaders',
	entityType: 'ExpenseJournalHeader',
	key: ['dataAreaId', 'JournalBatchNumber'],
	properties: {
		dataAreaId: COMPANY,
		JournalBatchNumber: S(20, { readOnly: true }),
		JournalName: S(10, { required: true }),
		Description: S(60),
		IsPosted: enumOf(NO_YES, { default: 'No' }),
	},
	collections: { ExpenseJournalLines: { source: 'ExpenseJournalLines', column: 'JournalBatchNumber' } },
};

/** ExpenseJournalLineEntity. */
export const EXPENSE_JOURNAL_LINES: ODataEntitySetDefinition = {
	name: 'ExpenseJournalLines',
	entityType: 'ExpenseJournalLine',
	key: ['dataAreaId', 'JournalBatchNumber', 'LineNumber'],
	properties: {
		dataAreaId: COMPANY,
		JournalBatchNumber: S(20, { required: true }),
		LineNumber: { type: 'Edm.Decimal', required: true },
		ProjId: S(20, { required: true }),
		ActivityNumber: S(50),
		ProjectCategory: S(30, { required: true }),
		ProjectDate: { type: 'Edm.DateTimeOffset', required: true },
		ResourceId: S(25),
		ResourceCompanyId: S(4),
		ProjectLineProperty: S(10),
		CurrencyCode: S(3, { required: true }),
		DebitAmount: { type: 'Edm.Decimal', default: 0 },
		CreditAmount: { type: 'Edm.Decimal', default: 0 },
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
	},
};

export const FREE_TEXT_INVOICE_HEADERS: ODataEntitySetDefinition = {
	name: 'FreeTextInvoiceHeaders',
	entityType: 'FreeTextInvoiceHeader',
	key: ['dataAreaId', 'InvoiceIdentifier'],
	properties: {
		dataAreaId: COMPANY,
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
	collections: { FreeTextInvoiceLines: { source: 'FreeTextInvoiceLines', column: 'InvoiceIdentifier' } },
};

/**
 * FreeTextInvoiceLineEntity. The CDM definition links lines to the header by ParentRecId; the sandbox carries
 * the header's InvoiceIdentifier instead (the header's RecId is not part of its public entity).
 */
export const FREE_TEXT_INVOICE_LINES: ODataEntitySetDefinition = {
	name: 'FreeTextInvoiceLines',
	entityType: 'FreeTextInvoiceLine',
	key: ['dataAreaId', 'InvoiceIdentifier', 'LineNumber'],
	properties: {
		dataAreaId: COMPANY,
		InvoiceIdentifier: S(40, { required: true }),
		LineNumber: { type: 'Edm.Decimal', required: true },
		Description: S(60),
		MainAccountDisplayValue: S(500, { required: true }),
		Quantity: { type: 'Edm.Decimal', default: 1 },
		UnitPrice: DEC,
		TransactionCurrencyAmount: { type: 'Edm.Decimal', required: true },
		SalesTaxAmount: { type: 'Edm.Decimal', default: 0 },
		ProjectID: S(20),
		CurrencyCode: S(3),
	},
};

export const LEDGER_JOURNAL_HEADERS: ODataEntitySetDefinition = {
	name: 'LedgerJournalHeaders',
	entityType: 'LedgerJournalHeader',
	key: ['dataAreaId', 'JournalBatchNumber'],
	properties: {
		dataAreaId: COMPANY,
		JournalBatchNumber: S(20, { readOnly: true }),
		JournalName: S(10, { required: true }),
		Description: S(60),
		IsPosted: enumOf(NO_YES, { default: 'No' }),
		PostingLayer: enumOf(['Current', 'Operations', 'Tax'], { default: 'Current' }),
		JournalTotalDebit: { type: 'Edm.Decimal', default: 0 },
		JournalTotalCredit: { type: 'Edm.Decimal', default: 0 },
		AccountingCurrency: S(3),
		IntegrationKey: S(60),
	},
	collections: { LedgerJournalLines: { source: 'LedgerJournalLines', column: 'JournalBatchNumber' } },
};

export const LEDGER_JOURNAL_LINES: ODataEntitySetDefinition = {
	name: 'LedgerJournalLines',
	entityType: 'LedgerJournalLine',
	key: ['dataAreaId', 'JournalBatchNumber', 'LineNumber'],
	properties: {
		dataAreaId: COMPANY,
		JournalBatchNumber: S(20, { required: true }),
		LineNumber: { type: 'Edm.Decimal', required: true },
		AccountType: enumOf(LEDGER_ACCOUNT_TYPE, { default: 'Ledger' }),
		AccountDisplayValue: S(500, { required: true }),
		OffsetAccountType: enumOf(LEDGER_ACCOUNT_TYPE),
		OffsetAccountDisplayValue: S(500),
		DebitAmount: { type: 'Edm.Decimal', default: 0 },
		CreditAmount: { type: 'Edm.Decimal', default: 0 },
		CurrencyCode: S(3, { required: true }),
		TransDate: { type: 'Edm.DateTimeOffset', required: true },
		Text: S(60),
		OffsetText: S(60),
		Document: S(60),
		Voucher: S(20),
	},
};

export const FINANCE_ENTITY_SETS: ODataEntitySetDefinition[] = [
	LEGAL_ENTITIES,
	CUSTOMERS,
	VENDORS,
	WORKERS,
	PROJECTS,
	PROJECT_CONTRACTS,
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
