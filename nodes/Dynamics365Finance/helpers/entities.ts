/**
 * The Finance & Operations data entities the node offers, as one table: public collection (entity set) name,
 * key (without `dataAreaId`, which every company-scoped entity has in front of it), the field that carries an
 * external reference, the field a record is named by, the operations, and for documents (journals, free-text
 * invoices) their lines entity, the line's link to the header, the posted flag and the posting action.
 *
 * Names follow the metadata excerpts where they have the entity (CustomersV3, LegalEntities); the others are
 * the documented public collection names (see the README), which a real environment's `/data/$metadata` confirms.
 */
export type FinanceOperation = 'get' | 'getMany' | 'create' | 'update' | 'upsert' | 'addLines' | 'post';

export interface DocumentLines {
	/** The lines' entity set. */
	set: string;
	/** The header's navigation property to its lines (used with a Content-ID reference in one changeset). */
	navigation: string;
	/** The line field holding the header's key. */
	headerKeyField: string;
	/** The line number field (part of the line's key). */
	lineNumberField: string;
}

export interface FinanceEntity {
	label: string;
	plural: string;
	set: string;
	companyScoped: boolean;
	/** Key fields after `dataAreaId`. */
	key: string[];
	/** The field a record is shown by in pickers and searched on. */
	nameField: string;
	operations: FinanceOperation[];
	/** Where a record written from another system keeps that system's id; searched by Create or Update. */
	externalReferenceField?: string;
	/**
	 * Enum fields fixed for this resource, by their enum type (the hour and fee journals share one entity, told
	 * apart by JournalType): written on create, and filtered on as `Microsoft.Dynamics.DataEntities.<type>'<member>'`.
	 */
	fixed?: Record<string, { enumType: string; member: string }>;
	lines?: DocumentLines;
	/** The header's posted flag (NoYes). */
	postedField?: string;
	/** Bound action that posts the document (modelled in the sandbox; verify the name in your environment). */
	postAction?: string;
	/** The object name of its canonical mapping (nodes/Dynamics365Finance/canonical). */
	canonicalObject?: string;
	/** Whether Canonical output maps a document line by line (hour, fee and expense journals) rather than whole. */
	canonicalPerLine?: boolean;
	/** Key fields typed Edm.Guid, written unquoted in a key address (F&O refuses a quoted GUID). */
	guidKeys?: string[];
}

const RECORD: FinanceOperation[] = ['get', 'getMany', 'create', 'update', 'upsert'];
const DOCUMENT: FinanceOperation[] = ['get', 'getMany', 'create', 'addLines', 'post'];
const PROJECT_JOURNAL_LINES: DocumentLines = { set: 'ProjectJournalLines', navigation: 'ProjectJournalLines', headerKeyField: 'JournalId', lineNumberField: 'LineNumber' };

export const POST_ACTION = 'Microsoft.Dynamics.DataEntities.Post';

export const ENTITIES = {
	customer: { label: 'Customer', plural: 'customers', set: 'CustomersV3', companyScoped: true, key: ['CustomerAccount'], nameField: 'OrganizationName', operations: RECORD, externalReferenceField: 'IdentificationNumber', canonicalObject: 'CustomersV3' },
	project: { label: 'Project', plural: 'projects', set: 'Projects', companyScoped: true, key: ['ProjectID'], nameField: 'ProjectName', operations: RECORD, externalReferenceField: 'Reference', canonicalObject: 'Projects' },
	projectContract: { label: 'Project Contract', plural: 'project contracts', set: 'ProjectContracts', companyScoped: true, key: ['ProjectContractID'], nameField: 'ContractName', operations: RECORD, externalReferenceField: 'ExternalReference', canonicalObject: 'ProjectContracts' },
	hourJournal: { label: 'Hour Journal', plural: 'hour journals', set: 'ProjectJournalHeaders', companyScoped: true, key: ['JournalBatchNumber'], nameField: 'Description', operations: DOCUMENT, externalReferenceField: 'Description', fixed: { JournalType: { enumType: 'ProjJournalType', member: 'Hour' } }, lines: PROJECT_JOURNAL_LINES, postedField: 'Posted', postAction: POST_ACTION, canonicalObject: 'ProjectJournalLines', canonicalPerLine: true },
	feeJournal: { label: 'Fee Journal', plural: 'fee journals', set: 'ProjectJournalHeaders', companyScoped: true, key: ['JournalBatchNumber'], nameField: 'Description', operations: DOCUMENT, externalReferenceField: 'Description', fixed: { JournalType: { enumType: 'ProjJournalType', member: 'Revenue' } }, lines: PROJECT_JOURNAL_LINES, postedField: 'Posted', postAction: POST_ACTION, canonicalObject: 'ProjectFeeJournalLines', canonicalPerLine: true },
	expenseJournal: { label: 'Expense Journal', plural: 'expense journals', set: 'ExpenseJournalHeaders', companyScoped: true, key: ['JournalBatchNumber'], nameField: 'Description', operations: DOCUMENT, externalReferenceField: 'Description', lines: { set: 'ExpenseJournalLines', navigation: 'ExpenseJournalLines', headerKeyField: 'JournalBatchNumber', lineNumberField: 'LineNumber' }, postedField: 'IsPosted', postAction: POST_ACTION, canonicalObject: 'ExpenseJournalLines', canonicalPerLine: true },
	freeTextInvoice: { label: 'Free-Text Invoice', plural: 'free-text invoices', set: 'FreeTextInvoiceHeaders', companyScoped: true, key: ['InvoiceIdentifier'], nameField: 'CustomerAccount', operations: DOCUMENT, externalReferenceField: 'ExternalInvoiceId', lines: { set: 'FreeTextInvoiceLines', navigation: 'FreeTextInvoiceLines', headerKeyField: 'InvoiceIdentifier', lineNumberField: 'LineNumber' }, postedField: 'IsPosted', postAction: POST_ACTION, canonicalObject: 'FreeTextInvoiceHeaders' },
	generalJournal: { label: 'General Journal', plural: 'general journals', set: 'LedgerJournalHeaders', companyScoped: true, key: ['JournalBatchNumber'], nameField: 'Description', operations: DOCUMENT, externalReferenceField: 'IntegrationKey', lines: { set: 'LedgerJournalLines', navigation: 'LedgerJournalLines', headerKeyField: 'JournalBatchNumber', lineNumberField: 'LineNumber' }, postedField: 'IsPosted', postAction: POST_ACTION, canonicalObject: 'LedgerJournalHeaders' },
	// Project Operations' estimate import entity: one planned-hours line per project (and activity) from a start date.
	projectHourEstimate: { label: 'Project Hour Estimate', plural: 'project hour estimates', set: 'ProjEstimateHoursImport', companyScoped: true, key: ['EstimateHoursImportId'], guidKeys: ['EstimateHoursImportId'], nameField: 'Description', operations: RECORD, externalReferenceField: 'Description' },
	vendor: { label: 'Vendor', plural: 'vendors', set: 'VendorsV2', companyScoped: true, key: ['VendorAccount'], nameField: 'VendorOrganizationName', operations: ['get', 'getMany', 'create'] },
	worker: { label: 'Worker', plural: 'workers', set: 'Workers', companyScoped: false, key: ['PersonnelNumber'], nameField: 'Name', operations: ['get', 'getMany'], canonicalObject: 'Workers' },
} satisfies Record<string, FinanceEntity>;

export type FinanceResourceName = keyof typeof ENTITIES;

/** The namespace F&O qualifies its enum types with in `$filter` literals. */
export const ENUM_NAMESPACE = 'Microsoft.Dynamics.DataEntities';

/** `Microsoft.Dynamics.DataEntities.NoYes'Yes'`: an enum member as F&O's `$filter` compares it. */
export function enumLiteral(enumType: string, member: string): string {
	if (!/^[A-Za-z_]\w*$/.test(enumType) || !/^[A-Za-z_]\w*$/.test(member)) throw new Error(`enum ${enumType}'${member}' is not an enum type and member name`);
	return `${ENUM_NAMESPACE}.${enumType}'${member}'`;
}

/** The resource's fixed fields as body values, and as `$filter` conditions. */
export function fixedValues(entity: FinanceEntity): Record<string, string> {
	return Object.fromEntries(Object.entries(entity.fixed ?? {}).map(([field, value]) => [field, value.member]));
}

export function fixedConditions(entity: FinanceEntity): string[] {
	return Object.entries(entity.fixed ?? {}).map(([field, value]) => `${field} eq ${enumLiteral(value.enumType, value.member)}`);
}

export function entityOf(name: string): FinanceEntity {
	const entity = (ENTITIES as Record<string, FinanceEntity>)[name];
	if (!entity) throw new Error(`Unknown resource "${name}"`);
	return entity;
}

export function resourcesWith(operation: FinanceOperation): FinanceResourceName[] {
	return (Object.keys(ENTITIES) as FinanceResourceName[]).filter((name) => (ENTITIES[name] as FinanceEntity).operations.includes(operation));
}
