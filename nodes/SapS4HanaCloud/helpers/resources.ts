/**
 * The SAP S/4HANA Cloud objects the node reads and writes: the OData v2 service (and its communication
 * scenario), entity set, key, the name field searched and shown, and what the service allows.
 */

export type SapResourceName =
	| 'project'
	| 'wbsElement'
	| 'wbsBlockingFunction'
	| 'businessPartner'
	| 'customer'
	| 'timesheetEntry'
	| 'billingDocument'
	| 'supplierInvoice'
	| 'glLineItem'
	| 'journalEntry';

export type SapOperation = 'get' | 'getMany' | 'create' | 'update' | 'change' | 'delete' | 'post';

export interface SapResource {
	label: string;
	/** Service root below the host. */
	service: string;
	entitySet: string;
	key: string[];
	/** The single key's EDM type (Guid keys are written guid'…'). */
	keyType: 'Edm.Guid' | 'Edm.String';
	operations: SapOperation[];
	/** Navigation expanded on Get (a project's WBS elements, a billing document's items). */
	expand?: string;
	/** The communication scenario that grants access. */
	scenario: string;
}

const ENTERPRISE_PROJECT = '/sap/opu/odata/sap/API_ENTERPRISE_PROJECT_SRV;v=0002';
const BUSINESS_PARTNER = '/sap/opu/odata/sap/API_BUSINESS_PARTNER';
export const TIMESHEET_SERVICE = '/sap/opu/odata/sap/API_MANAGE_WORKFORCE_TIMESHEET';

export const SAP_RESOURCES: Record<Exclude<SapResourceName, 'journalEntry'>, SapResource> = {
	project: { label: 'Enterprise Project', service: ENTERPRISE_PROJECT, entitySet: 'A_EnterpriseProject', key: ['ProjectUUID'], keyType: 'Edm.Guid', operations: ['get', 'getMany', 'create', 'update'], expand: 'to_EnterpriseProjectElement', scenario: 'SAP_COM_0308' },
	wbsElement: { label: 'WBS Element', service: ENTERPRISE_PROJECT, entitySet: 'A_EnterpriseProjectElement', key: ['ProjectElementUUID'], keyType: 'Edm.Guid', operations: ['get', 'getMany', 'create', 'update'], scenario: 'SAP_COM_0308' },
	wbsBlockingFunction: { label: 'WBS Blocking Function', service: ENTERPRISE_PROJECT, entitySet: 'A_EntProjElmntBlockFunc', key: ['ProjectElementUUID'], keyType: 'Edm.Guid', operations: ['get', 'update'], scenario: 'SAP_COM_0308' },
	businessPartner: { label: 'Business Partner', service: BUSINESS_PARTNER, entitySet: 'A_BusinessPartner', key: ['BusinessPartner'], keyType: 'Edm.String', operations: ['get', 'getMany', 'create', 'update'], scenario: 'SAP_COM_0008' },
	customer: { label: 'Customer', service: BUSINESS_PARTNER, entitySet: 'A_Customer', key: ['Customer'], keyType: 'Edm.String', operations: ['get', 'getMany'], scenario: 'SAP_COM_0008' },
	timesheetEntry: { label: 'Timesheet Entry', service: TIMESHEET_SERVICE, entitySet: 'TimeSheetEntryCollection', key: ['PersonWorkAgreementExternalID', 'CompanyCode', 'TimeSheetRecord'], keyType: 'Edm.String', operations: ['getMany', 'create', 'change', 'delete'], scenario: 'SAP_COM_0027' },
	billingDocument: { label: 'Billing Document', service: '/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV', entitySet: 'A_BillingDocument', key: ['BillingDocument'], keyType: 'Edm.String', operations: ['get', 'getMany'], expand: 'to_Item', scenario: 'SAP_COM_0120' },
	supplierInvoice: { label: 'Supplier Invoice', service: '/sap/opu/odata/sap/API_SUPPLIERINVOICE_PROCESS_SRV', entitySet: 'A_SupplierInvoice', key: ['SupplierInvoice', 'FiscalYear'], keyType: 'Edm.String', operations: ['get', 'getMany'], scenario: 'SAP_COM_0057' },
	glLineItem: { label: 'G/L Account Line Item', service: '/sap/opu/odata/sap/API_GLACCOUNTLINEITEM', entitySet: 'GLAccountLineItem', key: ['ID'], keyType: 'Edm.String', operations: ['getMany'], scenario: 'SAP_COM_0002' },
};

export function resourceOf(name: SapResourceName): SapResource {
	if (name === 'journalEntry') throw new Error('Journal Entry is posted through SOAP, not an OData entity set');
	const resource = SAP_RESOURCES[name];
	if (!resource) throw new Error(`unknown resource ${String(name)}`);
	return resource;
}
