/**
 * The SAP S/4HANA Cloud OData v2 services the sandbox answers, as subsets of the published EDMX files
 * (../shared/specs/sap): entity set and type names, keys, property names, types, max lengths, precision and
 * scale, and the sets' creatable / updatable / deletable flags. test/sapS4HanaCloud/spec.test.ts checks every
 * one against the EDMX.
 */
import type { V2EntitySetDefinition, V2PropertyDefinition, V2ServiceDefinition } from '../odata/v2';

const text = (maxLength: number, extra: Partial<V2PropertyDefinition> = {}): V2PropertyDefinition => ({ type: 'Edm.String', maxLength, ...extra });
const date: V2PropertyDefinition = { type: 'Edm.DateTime' };
const flag: V2PropertyDefinition = { type: 'Edm.Boolean' };
const guid: V2PropertyDefinition = { type: 'Edm.Guid' };
const decimal = (precision: number, scale: number): V2PropertyDefinition => ({ type: 'Edm.Decimal', precision, scale });

export const ENTERPRISE_PROJECT_ROOT = '/sap/opu/odata/sap/API_ENTERPRISE_PROJECT_SRV;v=0002';
export const BUSINESS_PARTNER_ROOT = '/sap/opu/odata/sap/API_BUSINESS_PARTNER';
export const TIMESHEET_ROOT = '/sap/opu/odata/sap/API_MANAGE_WORKFORCE_TIMESHEET';
export const BILLING_DOCUMENT_ROOT = '/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV';
export const SUPPLIER_INVOICE_ROOT = '/sap/opu/odata/sap/API_SUPPLIERINVOICE_PROCESS_SRV';
export const GL_LINE_ITEM_ROOT = '/sap/opu/odata/sap/API_GLACCOUNTLINEITEM';
/** Journal Entry – Post (Synchronous), SAP_COM_0002. */
export const JOURNAL_ENTRY_POST_PATH = '/sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi';

const projectSet: V2EntitySetDefinition = {
	name: 'A_EnterpriseProject',
	entityType: 'A_EnterpriseProjectType',
	key: ['ProjectUUID'],
	properties: {
		ProjectUUID: { ...guid, readOnly: true },
		Project: text(24, { required: true }),
		ProjectDescription: text(60, { required: true }),
		EnterpriseProjectType: text(2),
		ProjectStartDate: { ...date, required: true },
		ProjectEndDate: { ...date, required: true },
		EntProjectIsConfidential: flag,
		ProcessingStatus: text(2, { readOnly: true, default: '00' }),
		ResponsibleCostCenter: text(10),
		ProfitCenter: text(10),
		ProjectProfileCode: text(7, { required: true }),
		CompanyCode: text(4, { readOnly: true }),
		ControllingArea: text(4),
		ProjectCurrency: text(5),
		LastChangeDateTime: { type: 'Edm.DateTimeOffset', readOnly: true },
	},
	navigations: { to_EnterpriseProjectElement: { source: 'A_EnterpriseProjectElement', column: 'ProjectUUID' } },
};

const elementSet: V2EntitySetDefinition = {
	name: 'A_EnterpriseProjectElement',
	entityType: 'A_EnterpriseProjectElementType',
	key: ['ProjectElementUUID'],
	properties: {
		ProjectElementUUID: { ...guid, readOnly: true },
		ProjectElement: text(24, { required: true }),
		WBSElementInternalID: text(8, { readOnly: true }),
		ProjectUUID: { ...guid, required: true },
		ProjectElementDescription: text(60, { required: true }),
		ParentObjectUUID: guid,
		ProcessingStatus: text(2, { readOnly: true, default: '00' }),
		PlannedStartDate: date,
		PlannedEndDate: date,
		ResponsibleCostCenter: text(10),
		CompanyCode: text(4, { readOnly: true }),
		ProfitCenter: text(10),
		ControllingArea: text(4),
		WBSElementIsBillingElement: { ...flag, default: false },
	},
};

const elementBlockSet: V2EntitySetDefinition = {
	name: 'A_EntProjElmntBlockFunc',
	entityType: 'A_EntProjElmntBlockFuncType',
	key: ['ProjectElementUUID'],
	deletable: false,
	properties: {
		ProjectElementUUID: guid,
		ProjectUUID: guid,
		EntProjTimeRecgIsBlkd: { ...flag, default: false },
		EntProjStaffExpensePostgIsBlkd: { ...flag, default: false },
		EntProjServicePostingIsBlkd: { ...flag, default: false },
		EntProjOtherExpensePostgIsBlkd: { ...flag, default: false },
		EntProjPurchasingIsBlkd: { ...flag, default: false },
	},
};

export const ENTERPRISE_PROJECT_SERVICE: V2ServiceDefinition = {
	root: ENTERPRISE_PROJECT_ROOT,
	namespace: 'API_ENTERPRISE_PROJECT_SRV',
	sets: [projectSet, elementSet, elementBlockSet],
};

export const BUSINESS_PARTNER_SERVICE: V2ServiceDefinition = {
	root: BUSINESS_PARTNER_ROOT,
	namespace: 'API_BUSINESS_PARTNER',
	sets: [
		{
			name: 'A_BusinessPartner',
			entityType: 'A_BusinessPartnerType',
			key: ['BusinessPartner'],
			deletable: false,
			properties: {
				BusinessPartner: text(10),
				Customer: text(10, { readOnly: true }),
				BusinessPartnerCategory: text(1, { required: true }),
				BusinessPartnerFullName: text(81, { readOnly: true }),
				BusinessPartnerGrouping: text(4, { required: true }),
				CreationDate: { ...date, readOnly: true },
				Language: text(2),
				LastChangeDate: { ...date, readOnly: true },
				OrganizationBPName1: text(40),
				SearchTerm1: text(20),
				SearchTerm2: text(20),
				BusinessPartnerIsBlocked: { ...flag, default: false },
				IsMarkedForArchiving: { ...flag, default: false },
			},
		},
		{
			name: 'A_Customer',
			entityType: 'A_CustomerType',
			key: ['Customer'],
			creatable: false,
			deletable: false,
			properties: {
				Customer: text(10),
				CreationDate: date,
				CustomerAccountGroup: text(4),
				CustomerFullName: text(220, { readOnly: true }),
				CustomerName: text(80, { readOnly: true }),
				OrderIsBlockedForCustomer: text(2),
				PostingIsBlocked: { ...flag, default: false },
				DeletionIndicator: { ...flag, default: false },
			},
		},
	],
};

export const TIMESHEET_DATA_FIELDS: Record<string, V2PropertyDefinition> = {
	ControllingArea: text(4),
	SenderCostCenter: text(10),
	ReceiverCostCenter: text(10),
	InternalOrder: text(12),
	ActivityType: text(6),
	WBSElement: text(24),
	WorkItem: text(10),
	BillingControlCategory: text(8),
	PurchaseOrder: text(10),
	PurchaseOrderItem: text(5),
	TimeSheetTaskType: text(4),
	TimeSheetTaskLevel: text(8),
	TimeSheetTaskComponent: text(8),
	TimeSheetNote: { type: 'Edm.String' },
	RecordedHours: decimal(4, 2),
	RecordedQuantity: decimal(15, 3),
	HoursUnitOfMeasure: text(3),
	RejectionReason: text(4),
	TimeSheetWrkLocCode: text(4),
	TimeSheetOvertimeCategory: text(4),
};

export const TIMESHEET_SERVICE: V2ServiceDefinition = {
	root: TIMESHEET_ROOT,
	namespace: 'API_MANAGE_WORKFORCE_TIMESHEET',
	complexTypes: { 'API_MANAGE_WORKFORCE_TIMESHEET.TimeSheetDataFields': TIMESHEET_DATA_FIELDS },
	sets: [
		{
			name: 'TimeSheetEntryCollection',
			entityType: 'TimeSheetEntry',
			key: ['PersonWorkAgreementExternalID', 'CompanyCode', 'TimeSheetRecord'],
			updatable: false,
			deletable: false,
			properties: {
				TimeSheetDataFields: { type: 'API_MANAGE_WORKFORCE_TIMESHEET.TimeSheetDataFields' },
				PersonWorkAgreementExternalID: text(20),
				CompanyCode: text(4),
				TimeSheetRecord: text(12),
				PersonWorkAgreement: text(8),
				TimeSheetDate: date,
				TimeSheetIsReleasedOnSave: flag,
				TimeSheetPredecessorRecord: text(12),
				TimeSheetStatus: text(2),
				TimeSheetIsExecutedInTestRun: flag,
				TimeSheetOperation: text(1),
			},
		},
	],
};

export const BILLING_DOCUMENT_SERVICE: V2ServiceDefinition = {
	root: BILLING_DOCUMENT_ROOT,
	namespace: 'API_BILLING_DOCUMENT_SRV',
	sets: [
		{
			name: 'A_BillingDocument',
			entityType: 'A_BillingDocumentType',
			key: ['BillingDocument'],
			creatable: false,
			updatable: false,
			deletable: false,
			properties: {
				BillingDocument: text(10),
				SDDocumentCategory: text(4),
				BillingDocumentCategory: text(1),
				BillingDocumentType: text(4),
				CreationDate: date,
				BillingDocumentDate: date,
				BillingDocumentIsCancelled: flag,
				TotalNetAmount: decimal(16, 3),
				TransactionCurrency: text(5),
				PayerParty: text(10),
				SoldToParty: text(10),
				CompanyCode: text(4),
				FiscalYear: text(4),
				AccountingDocument: text(10),
				PurchaseOrderByCustomer: text(35),
				OverallBillingStatus: text(1),
				AccountingPostingStatus: text(1),
			},
			navigations: { to_Item: { source: 'A_BillingDocumentItem', column: 'BillingDocument' } },
		},
		{
			name: 'A_BillingDocumentItem',
			entityType: 'A_BillingDocumentItemType',
			key: ['BillingDocument', 'BillingDocumentItem'],
			creatable: false,
			updatable: false,
			deletable: false,
			properties: {
				BillingDocument: text(10),
				BillingDocumentItem: text(6),
				Material: text(40),
				BillingDocumentItemText: text(40),
				BillingQuantity: decimal(13, 3),
				BillingQuantityUnit: text(3),
				NetAmount: decimal(16, 3),
				TransactionCurrency: text(5),
				TaxAmount: decimal(14, 3),
				ProfitCenter: text(10),
				WBSElement: text(24),
				SalesDocument: text(10),
			},
		},
	],
};

export const SUPPLIER_INVOICE_SERVICE: V2ServiceDefinition = {
	root: SUPPLIER_INVOICE_ROOT,
	namespace: 'API_SUPPLIERINVOICE_PROCESS_SRV',
	sets: [
		{
			name: 'A_SupplierInvoice',
			entityType: 'A_SupplierInvoiceType',
			key: ['SupplierInvoice', 'FiscalYear'],
			updatable: false,
			properties: {
				SupplierInvoice: text(10),
				FiscalYear: text(4),
				CompanyCode: text(4),
				DocumentDate: date,
				PostingDate: date,
				SupplierInvoiceIDByInvcgParty: text(16),
				InvoicingParty: text(10),
				DocumentCurrency: text(5),
				InvoiceGrossAmount: decimal(14, 3),
				DocumentHeaderText: text(25),
				AccountingDocumentType: text(2),
				SupplierInvoiceStatus: text(1),
				SupplierInvoiceIsCreditMemo: text(1),
			},
		},
	],
};

export const GL_LINE_ITEM_SERVICE: V2ServiceDefinition = {
	root: GL_LINE_ITEM_ROOT,
	namespace: 'cds_api_glaccountlineitem',
	sets: [
		{
			name: 'GLAccountLineItem',
			entityType: 'GLAccountLineItemType',
			key: ['ID'],
			creatable: false,
			updatable: false,
			deletable: false,
			properties: {
				ID: { type: 'Edm.String' },
				SourceLedger: text(2),
				CompanyCode: text(4),
				FiscalYear: text(4),
				AccountingDocument: text(10),
				LedgerGLLineItem: text(6),
				Ledger: text(2),
				GLAccount: text(10),
				ReferenceDocumentType: text(5),
				ReferenceDocument: text(10),
				IsReversed: flag,
				CostCenter: text(10),
				ProfitCenter: text(10),
				TransactionCurrency: text(5),
				AmountInTransactionCurrency: decimal(23, 3),
				CompanyCodeCurrency: text(5),
				AmountInCompanyCodeCurrency: decimal(23, 3),
				DebitCreditCode: text(1),
				PostingDate: date,
				DocumentDate: date,
				AccountingDocumentType: text(2),
				DocumentItemText: text(50),
			},
		},
	],
};

export const SAP_SERVICES: V2ServiceDefinition[] = [
	ENTERPRISE_PROJECT_SERVICE,
	BUSINESS_PARTNER_SERVICE,
	TIMESHEET_SERVICE,
	BILLING_DOCUMENT_SERVICE,
	SUPPLIER_INVOICE_SERVICE,
	GL_LINE_ITEM_SERVICE,
];

/** The EDMX file each service is checked against. */
export const SAP_SERVICE_SPECS: Record<string, string> = {
	[ENTERPRISE_PROJECT_ROOT]: 'sap/S4HC_API_ENTERPRISE_PROJECT_SRV_0002.edmx',
	[BUSINESS_PARTNER_ROOT]: 'sap/API_BUSINESS_PARTNER.edmx',
	[TIMESHEET_ROOT]: 'sap/API_MANAGE_WORKFORCE_TIMESHEET.edmx',
	[BILLING_DOCUMENT_ROOT]: 'sap/API_BILLING_DOCUMENT_SRV.edmx',
	[SUPPLIER_INVOICE_ROOT]: 'sap/API_SUPPLIERINVOICE_PROCESS_SRV.edmx',
	[GL_LINE_ITEM_ROOT]: 'sap/API_GLACCOUNTLINEITEM.edmx',
};
