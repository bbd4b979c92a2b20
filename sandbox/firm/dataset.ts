/**
 * The consulting firm every PSA sandbox is seeded from, in vendor-neutral terms: its people with their rates,
 * practices and regions, the projects already being delivered (with their WBS), staffing, and the approved time
 * and expenses that finance must see in the ERP. Each PSA sandbox renders these in its own vendor's shape, so a
 * template pairs any PSA with any ERP without hand-fixed ids.
 *
 * The people and delivered projects are the NetSuite sandbox's (same names, external ids `EMP-000n`, same
 * projects and tasks); approved time entries carry the external ids the NetSuite time bills are reconciled
 * against (`PSA-TE-100n`), including one deliberate difference (1002: 8.5 h in the PSA, 8 h in NetSuite) and
 * one entry NetSuite never received (1005); 1004 is in NetSuite but only submitted in the PSA, so a reconciliation
 * of approved time finds it missing on the PSA side. New projects come from the Salesforce sandbox's closed-won
 * opportunities through the opportunity → PSA project templates.
 *
 * Money is in minor units (cents) as strings, hours are decimal strings: nothing here is a float.
 */

export interface FirmPerson {
	externalId: string;
	firstName: string;
	lastName: string;
	email: string;
	title: string;
	region: 'US' | 'UK';
	practice: 'Consulting' | 'Finance';
	currency: 'USD' | 'GBP';
	/** Cost and bill rates per hour, in minor units of `currency`. */
	costRateMinor: string;
	billRateMinor: string;
	isResource: boolean;
	managerExternalId?: string;
	hireDate: string;
}

export interface FirmTask {
	externalId: string;
	name: string;
	/** Planned hours (decimal string). */
	plannedHours: string;
	start: string;
	end: string;
	isMilestone?: boolean;
	/** For a milestone: the fixed amount billed when it completes (minor units). */
	milestoneAmountMinor?: string;
}

export interface FirmProject {
	externalId: string;
	name: string;
	customer: string;
	/** The ERP's external id of the customer and of the project, so the PSA and ERP records line up. */
	customerExternalId: string;
	billing: 'Time and Materials' | 'Fixed Price';
	currency: 'USD' | 'GBP';
	start: string;
	end: string;
	projectManagerExternalId: string;
	tasks: FirmTask[];
	/** Who is staffed on the project, at what bill rate (minor units per hour) and for how many hours. */
	assignments: Array<{ personExternalId: string; billRateMinor: string; plannedHours: string; start: string; end: string }>;
}

export interface FirmTimeEntry {
	externalId: string;
	personExternalId: string;
	projectExternalId: string;
	taskExternalId: string;
	date: string;
	hours: string;
	notes: string;
	billable: boolean;
	status: 'Approved' | 'Submitted' | 'Saved';
	approvedAt?: string;
}

export interface FirmExpense {
	externalId: string;
	personExternalId: string;
	projectExternalId: string;
	date: string;
	category: 'Travel' | 'Meals';
	amountMinor: string;
	currency: 'USD' | 'GBP';
	notes: string;
	billable: boolean;
	status: 'Approved' | 'Submitted';
}

export const FIRM_NAME = 'Meridian Advisory Group';

export const FIRM_PEOPLE: FirmPerson[] = [
	{ externalId: 'EMP-0001', firstName: 'Dana', lastName: 'Whitfield', email: 'dana.whitfield@meridian.example', title: 'Engagement Director', region: 'US', practice: 'Consulting', currency: 'USD', costRateMinor: '9500', billRateMinor: '27500', isResource: true, hireDate: '2019-03-04' },
	{ externalId: 'EMP-0002', firstName: 'Priya', lastName: 'Raman', email: 'priya.raman@meridian.example', title: 'Senior Consultant', region: 'US', practice: 'Consulting', currency: 'USD', costRateMinor: '7000', billRateMinor: '20000', isResource: true, managerExternalId: 'EMP-0001', hireDate: '2021-06-14' },
	{ externalId: 'EMP-0003', firstName: 'Oliver', lastName: 'Hale', email: 'oliver.hale@meridian.example', title: 'Consultant', region: 'UK', practice: 'Consulting', currency: 'GBP', costRateMinor: '6000', billRateMinor: '16000', isResource: true, managerExternalId: 'EMP-0001', hireDate: '2022-09-01' },
	{ externalId: 'EMP-0004', firstName: 'Marcus', lastName: 'Bell', email: 'marcus.bell@meridian.example', title: 'Controller', region: 'US', practice: 'Finance', currency: 'USD', costRateMinor: '8000', billRateMinor: '0', isResource: false, hireDate: '2018-01-08' },
];

export const FIRM_PROJECTS: FirmProject[] = [
	{
		externalId: 'SF-006A000101',
		name: 'Acme ERP Implementation',
		customer: 'Acme Manufacturing Inc.',
		customerExternalId: 'SF-001A000001',
		billing: 'Time and Materials',
		currency: 'USD',
		start: '2026-01-12',
		end: '2026-06-30',
		projectManagerExternalId: 'EMP-0001',
		tasks: [
			{ externalId: 'SF-006A000101-T1', name: 'Discovery', plannedHours: '120', start: '2026-01-12', end: '2026-02-13' },
			{ externalId: 'SF-006A000101-T2', name: 'Build', plannedHours: '120', start: '2026-02-16', end: '2026-05-15' },
			{ externalId: 'SF-006A000101-T3', name: 'User Acceptance Testing', plannedHours: '120', start: '2026-05-18', end: '2026-06-30' },
			{ externalId: 'SF-006A000101-M1', name: 'Go-live sign-off', plannedHours: '0', start: '2026-06-30', end: '2026-06-30', isMilestone: true, milestoneAmountMinor: '2500000' },
		],
		assignments: [
			{ personExternalId: 'EMP-0002', billRateMinor: '20000', plannedHours: '240', start: '2026-01-12', end: '2026-06-30' },
			{ personExternalId: 'EMP-0001', billRateMinor: '27500', plannedHours: '40', start: '2026-01-12', end: '2026-06-30' },
		],
	},
	{
		externalId: 'SF-006A000102',
		name: 'Umbrella Finance Transformation',
		customer: 'Umbrella Health plc',
		customerExternalId: 'SF-001A000004',
		billing: 'Fixed Price',
		currency: 'GBP',
		start: '2026-02-02',
		end: '2026-09-30',
		projectManagerExternalId: 'EMP-0001',
		tasks: [
			{ externalId: 'SF-006A000102-T1', name: 'Current-State Assessment', plannedHours: '120', start: '2026-02-02', end: '2026-03-27' },
			{ externalId: 'SF-006A000102-T2', name: 'Target Operating Model', plannedHours: '120', start: '2026-03-30', end: '2026-09-30' },
			{ externalId: 'SF-006A000102-M1', name: 'Assessment report accepted', plannedHours: '0', start: '2026-03-27', end: '2026-03-27', isMilestone: true, milestoneAmountMinor: '4500000' },
		],
		assignments: [{ personExternalId: 'EMP-0003', billRateMinor: '16000', plannedHours: '200', start: '2026-02-02', end: '2026-09-30' }],
	},
];

export const FIRM_TIME: FirmTimeEntry[] = [
	{ externalId: 'PSA-TE-1001', personExternalId: 'EMP-0002', projectExternalId: 'SF-006A000101', taskExternalId: 'SF-006A000101-T1', date: '2026-01-13', hours: '7.5', notes: 'Stakeholder interviews', billable: true, status: 'Approved', approvedAt: '2026-01-16T17:02:00Z' },
	{ externalId: 'PSA-TE-1002', personExternalId: 'EMP-0002', projectExternalId: 'SF-006A000101', taskExternalId: 'SF-006A000101-T1', date: '2026-01-14', hours: '8.5', notes: 'Process mapping workshop', billable: true, status: 'Approved', approvedAt: '2026-01-16T17:02:00Z' },
	{ externalId: 'PSA-TE-1003', personExternalId: 'EMP-0001', projectExternalId: 'SF-006A000101', taskExternalId: 'SF-006A000101-T1', date: '2026-01-14', hours: '2', notes: 'Steering committee', billable: true, status: 'Approved', approvedAt: '2026-01-16T17:05:00Z' },
	{ externalId: 'PSA-TE-1005', personExternalId: 'EMP-0002', projectExternalId: 'SF-006A000101', taskExternalId: 'SF-006A000101-T1', date: '2026-01-15', hours: '6', notes: 'Current-state documentation', billable: true, status: 'Approved', approvedAt: '2026-01-16T17:02:00Z' },
	{ externalId: 'PSA-TE-1004', personExternalId: 'EMP-0003', projectExternalId: 'SF-006A000102', taskExternalId: 'SF-006A000102-T1', date: '2026-02-03', hours: '6', notes: 'Close process review', billable: true, status: 'Submitted' },
	{ externalId: 'PSA-TE-1007', personExternalId: 'EMP-0002', projectExternalId: 'SF-006A000101', taskExternalId: 'SF-006A000101-T1', date: '2026-01-16', hours: '4', notes: 'Draft findings', billable: true, status: 'Saved' },
];

export const FIRM_EXPENSES: FirmExpense[] = [
	{ externalId: 'PSA-EX-2001', personExternalId: 'EMP-0002', projectExternalId: 'SF-006A000101', date: '2026-01-12', category: 'Travel', amountMinor: '41235', currency: 'USD', notes: 'Flight ORD-DTW', billable: true, status: 'Approved' },
	{ externalId: 'PSA-EX-2002', personExternalId: 'EMP-0002', projectExternalId: 'SF-006A000101', date: '2026-01-13', category: 'Meals', amountMinor: '5820', currency: 'USD', notes: 'Team dinner', billable: true, status: 'Approved' },
];

export function firmPerson(externalId: string): FirmPerson {
	const person = FIRM_PEOPLE.find((p) => p.externalId === externalId);
	if (!person) throw new Error(`no firm person ${externalId}`);
	return person;
}

export function firmProject(externalId: string): FirmProject {
	const project = FIRM_PROJECTS.find((p) => p.externalId === externalId);
	if (!project) throw new Error(`no firm project ${externalId}`);
	return project;
}

// ---------------------------------------------------------------------------------------------------------------
// The CRM side: the customers, products and opportunities the Salesforce sandbox seeds (sandbox/salesforce/seed.ts),
// in vendor-neutral terms, so every CRM sandbox sells the same deals. Amounts in minor units (USD cents).

export interface FirmCustomer {
	/** The CRM's account number / external id (`ACC-1001` …). */
	accountNumber: string;
	name: string;
	industry: string;
	city: string;
	country: string;
}

export interface FirmProduct {
	code: string;
	name: string;
	family: string;
	listPriceMinor: string;
}

export interface FirmOpportunity {
	externalId: string;
	/** The customer's account number. */
	accountNumber: string;
	name: string;
	/** Salesforce's stage name; `Closed Won` / `Closed Lost` are closed. */
	stage: string;
	status: 'open' | 'won' | 'lost';
	closeDate: string;
	type: string;
	currency: 'USD';
	lines: Array<{ productCode: string; quantity: string; unitPriceMinor: string }>;
	/** Already delivered as a project in the PSA / ERP (no new project is due for it). */
	hasProject: boolean;
	/** The ERP's project id of a deal already delivered (the Salesforce sandbox's NetSuite_Project_Id__c). */
	erpProjectId?: string;
}

export const FIRM_CUSTOMERS: FirmCustomer[] = [
	{ accountNumber: 'ACC-1001', name: 'Northwind Health Partners', industry: 'Healthcare', city: 'Boston', country: 'United States' },
	{ accountNumber: 'ACC-1002', name: 'Contoso Manufacturing GmbH', industry: 'Manufacturing', city: 'Stuttgart', country: 'Germany' },
	{ accountNumber: 'ACC-1003', name: 'Fabrikam Financial Group', industry: 'Financial Services', city: 'New York', country: 'United States' },
	{ accountNumber: 'ACC-1004', name: 'Tailspin Energy', industry: 'Energy', city: 'Houston', country: 'United States' },
	{ accountNumber: 'ACC-1005', name: 'Wingtip Retail Co', industry: 'Retail', city: 'Chicago', country: 'United States' },
	{ accountNumber: 'ACC-1006', name: 'Adatum Public Sector Services', industry: 'Government', city: 'Ottawa', country: 'Canada' },
	{ accountNumber: 'ACC-1007', name: 'Litware Software Ltd', industry: 'Technology', city: 'London', country: 'United Kingdom' },
	{ accountNumber: 'ACC-1008', name: 'Proseware Logistics', industry: 'Manufacturing', city: 'Rotterdam', country: 'Netherlands' },
	{ accountNumber: 'ACC-1009', name: 'Woodgrove Bank', industry: 'Financial Services', city: 'Toronto', country: 'Canada' },
	{ accountNumber: 'ACC-1010', name: "O'Brien & Sons Engineering", industry: 'Manufacturing', city: 'Dublin', country: 'Ireland' },
	{ accountNumber: 'ACC-1011', name: 'Alpine Ski House', industry: 'Retail', city: 'Denver', country: 'United States' },
	{ accountNumber: 'ACC-1012', name: 'Blue Yonder Airlines', industry: 'Technology', city: 'Seattle', country: 'United States' },
];

export const FIRM_PRODUCTS: FirmProduct[] = [
	{ code: 'PS-TM-DAY', name: 'Consulting Services (T&M, per day)', family: 'Professional Services', listPriceMinor: '160000' },
	{ code: 'PS-FF-IMPL', name: 'Fixed-Fee Implementation', family: 'Professional Services', listPriceMinor: '4500000' },
	{ code: 'MS-RET-MONTH', name: 'Managed Services Retainer (per month)', family: 'Managed Services', listPriceMinor: '850000' },
	{ code: 'TR-DAY', name: 'Training Day', family: 'Training', listPriceMinor: '240000' },
	{ code: 'EXP-PASS', name: 'Travel and Expenses (pass-through)', family: 'Expenses', listPriceMinor: '100' },
];

const line = (productCode: string, quantity: string, unitPriceMinor: string) => ({ productCode, quantity, unitPriceMinor });

export const FIRM_OPPORTUNITIES: FirmOpportunity[] = [
	{ externalId: 'OPP-2001', accountNumber: 'ACC-1001', name: 'Northwind EHR Integration Phase 1', stage: 'Closed Won', status: 'won', closeDate: '2026-09-15', type: 'New Business', currency: 'USD', lines: [line('PS-FF-IMPL', '1', '4500000'), line('TR-DAY', '4', '240000')], hasProject: true, erpProjectId: '5101' },
	{ externalId: 'OPP-2002', accountNumber: 'ACC-1002', name: 'Contoso SAP Rollout Advisory', stage: 'Closed Won', status: 'won', closeDate: '2026-10-20', type: 'New Business', currency: 'USD', lines: [line('PS-TM-DAY', '60', '155000'), line('EXP-PASS', '12000', '100')], hasProject: false },
	{ externalId: 'OPP-2003', accountNumber: 'ACC-1003', name: 'Fabrikam Risk Platform Assessment', stage: 'Closed Won', status: 'won', closeDate: '2026-10-28', type: 'New Business', currency: 'USD', lines: [line('PS-FF-IMPL', '1', '3800000')], hasProject: false },
	{ externalId: 'OPP-2004', accountNumber: 'ACC-1004', name: 'Tailspin Grid Analytics Retainer', stage: 'Closed Won', status: 'won', closeDate: '2026-11-02', type: 'New Business', currency: 'USD', lines: [line('MS-RET-MONTH', '12', '850000')], hasProject: false },
	{ externalId: 'OPP-2005', accountNumber: 'ACC-1005', name: 'Wingtip POS Modernisation', stage: 'Negotiation/Review', status: 'open', closeDate: '2026-12-15', type: 'New Business', currency: 'USD', lines: [line('PS-TM-DAY', '120', '160000'), line('TR-DAY', '6', '240000')], hasProject: false },
	{ externalId: 'OPP-2006', accountNumber: 'ACC-1006', name: 'Adatum Case Management Discovery', stage: 'Proposal/Price Quote', status: 'open', closeDate: '2027-01-31', type: 'New Business', currency: 'USD', lines: [line('PS-FF-IMPL', '1', '5200000')], hasProject: false },
	{ externalId: 'OPP-2007', accountNumber: 'ACC-1007', name: 'Litware Cloud Migration', stage: 'Closed Lost', status: 'lost', closeDate: '2026-10-05', type: 'New Business', currency: 'USD', lines: [line('PS-TM-DAY', '80', '150000')], hasProject: false },
	{ externalId: 'OPP-2008', accountNumber: 'ACC-1008', name: 'Proseware Warehouse Optimisation', stage: 'Qualification', status: 'open', closeDate: '2027-02-28', type: 'New Business', currency: 'USD', lines: [], hasProject: false },
	{ externalId: 'OPP-2009', accountNumber: 'ACC-1009', name: 'Woodgrove Open Banking Sprint', stage: 'Closed Won', status: 'won', closeDate: '2026-11-10', type: 'New Business', currency: 'USD', lines: [line('PS-TM-DAY', '25', '170000'), line('TR-DAY', '2', '240000')], hasProject: false },
	{ externalId: 'OPP-2010', accountNumber: 'ACC-1010', name: "O'Brien Plant Maintenance Rollout", stage: 'Closed Won', status: 'won', closeDate: '2026-11-12', type: 'New Business', currency: 'USD', lines: [line('PS-FF-IMPL', '1', '2950000'), line('EXP-PASS', '3500', '100')], hasProject: false },
	{ externalId: 'OPP-2011', accountNumber: 'ACC-1001', name: 'Northwind EHR Integration Phase 2', stage: 'Value Proposition', status: 'open', closeDate: '2027-03-31', type: 'Existing Business', currency: 'USD', lines: [line('PS-FF-IMPL', '1', '6000000')], hasProject: false },
	{ externalId: 'OPP-2012', accountNumber: 'ACC-1002', name: 'Contoso Support Retainer Renewal', stage: 'Closed Won', status: 'won', closeDate: '2026-08-30', type: 'Renewal', currency: 'USD', lines: [line('MS-RET-MONTH', '12', '780000')], hasProject: true, erpProjectId: '5102' },
	{ externalId: 'OPP-2013', accountNumber: 'ACC-1011', name: 'Alpine Booking Engine Review', stage: 'Prospecting', status: 'open', closeDate: '2027-04-15', type: 'New Business', currency: 'USD', lines: [], hasProject: false },
	{ externalId: 'OPP-2014', accountNumber: 'ACC-1012', name: 'Blue Yonder Crew Scheduling Pilot', stage: 'Id. Decision Makers', status: 'open', closeDate: '2027-01-15', type: 'New Business', currency: 'USD', lines: [line('PS-TM-DAY', '40', '165000')], hasProject: false },
];

// ---------------------------------------------------------------------------------------------------------------
// Subcontracted spend: the subcontractors the firm buys from in procurement (Coupa), their purchase orders against
// the firm's projects and the invoices they sent. Every sandbox that knows suppliers or vendor bills seeds these.
// Amounts in minor units of the order's currency, hours as decimal strings.

export interface FirmSubcontractor {
	/** The supplier number procurement and the ERP share (`SUP-…`). */
	number: string;
	name: string;
	currency: 'USD' | 'GBP';
	email: string;
}

export interface FirmSubcontractLine {
	lineNumber: string;
	description: string;
	/** Hours bought (decimal string), at `unitPriceMinor` per hour. */
	quantity: string;
	unitPriceMinor: string;
	amountMinor: string;
	needBy: string;
}

export interface FirmSubcontractOrder {
	poNumber: string;
	supplierNumber: string;
	projectExternalId: string;
	taskExternalId: string;
	/** The project cost type the spend is booked to. */
	expenditureType: 'Subcontractor Labor';
	status: 'issued';
	orderDate: string;
	currency: 'USD' | 'GBP';
	lines: FirmSubcontractLine[];
}

export interface FirmSupplierInvoice {
	invoiceNumber: string;
	supplierNumber: string;
	poNumber: string;
	poLineNumber: string;
	invoiceDate: string;
	/** `approved` ones are ready for the ERP; the pending one is not. */
	status: 'approved' | 'pending_approval';
	currency: 'USD' | 'GBP';
	lines: Array<{ description: string; quantity: string; unitPriceMinor: string; amountMinor: string }>;
}

export const FIRM_SUBCONTRACTORS: FirmSubcontractor[] = [
	{ number: 'SUP-3001', name: 'Northwind Data Engineering LLC', currency: 'USD', email: 'billing@northwind-data.example' },
	{ number: 'SUP-3002', name: 'Brightline Change Partners Ltd', currency: 'GBP', email: 'accounts@brightline.example' },
];

export const FIRM_SUBCONTRACT_ORDERS: FirmSubcontractOrder[] = [
	{
		poNumber: 'PO-SUB-0001',
		supplierNumber: 'SUP-3001',
		projectExternalId: 'SF-006A000101',
		taskExternalId: 'SF-006A000101-T2',
		expenditureType: 'Subcontractor Labor',
		status: 'issued',
		orderDate: '2026-02-10',
		currency: 'USD',
		lines: [{ lineNumber: '1', description: 'Data migration engineering (hours)', quantity: '200', unitPriceMinor: '15000', amountMinor: '3000000', needBy: '2026-05-15' }],
	},
	{
		poNumber: 'PO-SUB-0002',
		supplierNumber: 'SUP-3002',
		projectExternalId: 'SF-006A000102',
		taskExternalId: 'SF-006A000102-T1',
		expenditureType: 'Subcontractor Labor',
		status: 'issued',
		orderDate: '2026-02-05',
		currency: 'GBP',
		lines: [{ lineNumber: '1', description: 'Change management workshops (hours)', quantity: '80', unitPriceMinor: '9550', amountMinor: '764000', needBy: '2026-03-27' }],
	},
];

export const FIRM_SUPPLIER_INVOICES: FirmSupplierInvoice[] = [
	{ invoiceNumber: 'NWD-1001', supplierNumber: 'SUP-3001', poNumber: 'PO-SUB-0001', poLineNumber: '1', invoiceDate: '2026-03-31', status: 'approved', currency: 'USD', lines: [{ description: 'Data migration engineering, March', quantity: '64', unitPriceMinor: '15000', amountMinor: '960000' }] },
	{ invoiceNumber: 'NWD-1002', supplierNumber: 'SUP-3001', poNumber: 'PO-SUB-0001', poLineNumber: '1', invoiceDate: '2026-04-30', status: 'approved', currency: 'USD', lines: [{ description: 'Data migration engineering, April', quantity: '36.5', unitPriceMinor: '15000', amountMinor: '547500' }] },
	{ invoiceNumber: 'BCP-2001', supplierNumber: 'SUP-3002', poNumber: 'PO-SUB-0002', poLineNumber: '1', invoiceDate: '2026-02-27', status: 'approved', currency: 'GBP', lines: [{ description: 'Change management workshops, February', quantity: '40', unitPriceMinor: '9550', amountMinor: '382000' }] },
	{ invoiceNumber: 'BCP-2002', supplierNumber: 'SUP-3002', poNumber: 'PO-SUB-0002', poLineNumber: '1', invoiceDate: '2026-03-27', status: 'pending_approval', currency: 'GBP', lines: [{ description: 'Change management workshops, March', quantity: '12', unitPriceMinor: '9550', amountMinor: '114600' }] },
];
