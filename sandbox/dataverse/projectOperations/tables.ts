/**
 * The Project Operations tables the sandbox serves, in the OData core's entity-set shape. Column names, types
 * and option-set values follow the CDM entity definitions of Project Service / Project Operations
 * (../shared/specs/microsoft/cdm-projectServiceAutomation, checked by test/dynamics365ProjectOperations/spec.test.ts);
 * tables those specs do not cover (buckets, dependencies, requirements, contract lines, milestones, actuals,
 * operation sets) follow Microsoft's Web API reference, and the values marked "sandbox" are this sandbox's
 * reading of them (README: what the sandbox does not know).
 *
 * `p2c_externalid` is the custom column (with an alternate key) a firm adds to projects, tasks, bookable
 * resources, time entries, expenses and milestones so a record written from another system is found again on a
 * re-run; the seeded time entries carry the firm's `PSA-TE-100n` ids there. `p2c_enterpriseid` (also an
 * alternate key) holds the canonical enterprise id, so a canonical reference binds by it.
 */

export type EdmType = 'Edm.String' | 'Edm.Guid' | 'Edm.Int32' | 'Edm.Int64' | 'Edm.Decimal' | 'Edm.Double' | 'Edm.Boolean' | 'Edm.DateTimeOffset' | 'Edm.Date';

export interface ColumnDefinition {
	type: EdmType;
	maxLength?: number;
	required?: boolean;
	enumValues?: number[];
	readOnly?: boolean;
}

export interface TableDefinition {
	name: string;
	entityType: string;
	key: string[];
	alternateKeys?: string[][];
	properties: Record<string, ColumnDefinition>;
	/** Single-valued navigation properties: written `<nav>@odata.bind`, read `_<nav>_value`. */
	lookups?: Record<string, { target: string; column: string }>;
	/** Collection-valued navigation properties (for `$expand`): rows of `source` whose `column` is this row's id. */
	collections?: Record<string, { source: string; column: string }>;
}

// Option sets (values from the CDM specs unless marked).
export const ENTRY_STATUS = { draft: 192350000, returned: 192350001, approved: 192350002, submitted: 192350003, recallRequested: 192350004 } as const;
export const TIME_TYPE = { work: 192350000, absence: 192350001, vacation: 192350002 } as const;
export const EXPENSE_STATUS = { draft: 192350000, submitted: 192350001, approved: 192350002, rejected: 192350003, posted: 192350004, paid: 192350005, recallRequested: 192350006 } as const;
export const APPROVAL_STAGE = { submitted: 0, rejected: 1, approved: 2, pending: 3, recallRequested: 4 } as const;
export const APPROVAL_ENTRY_TYPE = { time: 0, expense: 1 } as const;
export const TRANSACTION_TYPE = { cost: 192350000, projectContract: 192350004, unbilledSales: 192350005, billedSales: 192350006 } as const;
export const TRANSACTION_CLASS = { time: 192350000, expense: 192350001, material: 192350002, milestone: 192350003, fee: 192350004 } as const;
export const BILLING_TYPE = { nonChargeable: 192350000, chargeable: 192350001, complimentary: 192350002, notAvailable: 192350003 } as const;
export const PROJECT_INVOICE_STATUS = { draft: 192350000, inReview: 192350001, confirmed: 192350002, paid: 192350003 } as const;
export const MEMBERSHIP_STATUS = { requested: 1, assigned: 2, declined: 3 } as const;
export const COMMIT_TYPE = { none: 192350000, hardBook: 192350001, softBook: 192350002, proposed: 192350003, canceled: 192350004 } as const;
export const EXPENSE_TYPE = { hotel: 192350000, carRental: 192350001, meal: 192350002, airline: 192350003, miscellaneous: 192350007 } as const;
/** Contract line billing method (sandbox: Time and Material / Fixed Price as Project Operations shows them). */
export const BILLING_METHOD = { timeAndMaterial: 192350000, fixedPrice: 192350001 } as const;
/** Milestone invoice status (sandbox). */
export const MILESTONE_INVOICE_STATUS = { notReady: 192350000, ready: 192350001, invoiceCreated: 192350002, invoicePosted: 192350003 } as const;
/** pricelevel.msdyn_module: which prices a price list holds (sandbox). */
export const PRICE_LIST_MODULE = { sales: 192350000, cost: 192350001 } as const;
/** Operation set status (sandbox). */
export const OPERATION_SET_STATUS = { open: 192350000, pending: 192350001, processing: 192350002, completed: 192350003, failed: 192350004, abandoned: 192350005 } as const;
/** Task dependency link type (192350000 is Finish-to-Start in Microsoft's schedule API sample). */
export const LINK_TYPE = { finishToStart: 192350000 } as const;
/** bookableresource.resourcetype. */
export const RESOURCE_TYPE = { generic: 1, contact: 2, user: 3, equipment: 4, account: 5, crew: 6, facility: 7, pool: 8 } as const;

const values = (set: Record<string, number>) => Object.values(set);
const text = (maxLength = 100): ColumnDefinition => ({ type: 'Edm.String', maxLength });
const guid: ColumnDefinition = { type: 'Edm.Guid' };
const money: ColumnDefinition = { type: 'Edm.Decimal' };
const decimal: ColumnDefinition = { type: 'Edm.Decimal' };
const double: ColumnDefinition = { type: 'Edm.Double' };
const int: ColumnDefinition = { type: 'Edm.Int32' };
const bool: ColumnDefinition = { type: 'Edm.Boolean' };
const when: ColumnDefinition = { type: 'Edm.DateTimeOffset' };
const day: ColumnDefinition = { type: 'Edm.Date' };
const option = (set: Record<string, number>): ColumnDefinition => ({ type: 'Edm.Int32', enumValues: values(set) });
const readOnly = (column: ColumnDefinition): ColumnDefinition => ({ ...column, readOnly: true });
const state: Record<string, ColumnDefinition> = { statecode: { type: 'Edm.Int32', enumValues: [0, 1] }, statuscode: int, createdon: readOnly(when), modifiedon: readOnly(when), versionnumber: readOnly({ type: 'Edm.Int64' }) };
/** The firm's custom columns (publisher prefix p2c): the source system's id and the canonical enterprise id. */
const externalId = { p2c_externalid: text(100), p2c_enterpriseid: text(100) };

function lookup(column: string, target: string): { target: string; column: string } {
	return { target, column };
}

/** Lookup columns as read (`_x_value`), for each navigation property. */
function lookupColumns(lookups: Record<string, { target: string; column: string }>): Record<string, ColumnDefinition> {
	return Object.fromEntries(Object.values(lookups).map((l) => [l.column, guid]));
}

function table(name: string, entityType: string, properties: Record<string, ColumnDefinition>, lookups: Record<string, { target: string; column: string }> = {}, alternateKeys?: string[][]): TableDefinition {
	const key = `${entityType}id`;
	return {
		name,
		entityType,
		key: [key],
		...(alternateKeys ? { alternateKeys } : {}),
		properties: { [key]: guid, ...state, ...properties, ...lookupColumns(lookups) },
		lookups,
	};
}

const currencyLookup = { transactioncurrencyid: lookup('_transactioncurrencyid_value', 'transactioncurrencies') };

export const PROJECT_OPERATIONS_TABLES: TableDefinition[] = [
	table(
		'msdyn_projects',
		'msdyn_project',
		{
			msdyn_subject: { ...text(200), required: true },
			msdyn_description: text(2000),
			msdyn_scheduledstart: when,
			msdyn_scheduledend: readOnly(when),
			msdyn_finish: readOnly(when),
			msdyn_actualstart: when,
			msdyn_actualend: when,
			msdyn_plannedhours: readOnly(decimal),
			msdyn_progress: readOnly(decimal),
			msdyn_overallprojectstatus: { type: 'Edm.Int32', enumValues: [1, 2, 3] },
			msdyn_istemplate: bool,
			msdyn_calendarid: text(100),
			msdyn_teamsize: readOnly(int),
			...externalId,
		},
		{
			msdyn_customer: lookup('_msdyn_customer_value', 'accounts'),
			msdyn_projectmanager: lookup('_msdyn_projectmanager_value', 'systemusers'),
			msdyn_salesorderid: lookup('_msdyn_salesorderid_value', 'salesorders'),
			...currencyLookup,
		},
		[['p2c_externalid'], ['p2c_enterpriseid']],
	),
	table('msdyn_projectbuckets', 'msdyn_projectbucket', { msdyn_name: { ...text(100), required: true } }, { msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects') }),
	table(
		'msdyn_projecttasks',
		'msdyn_projecttask',
		{
			msdyn_subject: { ...text(450), required: true },
			msdyn_description: text(2000),
			msdyn_scheduledstart: when,
			msdyn_scheduledend: when,
			msdyn_effort: double,
			msdyn_duration: double,
			msdyn_outlinelevel: int,
			msdyn_displaysequence: double,
			msdyn_ismilestone: bool,
			msdyn_wbsid: readOnly(text(100)),
			msdyn_progress: decimal,
			...externalId,
		},
		{
			msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects'),
			msdyn_projectbucket: lookup('_msdyn_projectbucket_value', 'msdyn_projectbuckets'),
			msdyn_parenttask: lookup('_msdyn_parenttask_value', 'msdyn_projecttasks'),
			msdyn_resourcecategory: lookup('_msdyn_resourcecategory_value', 'bookableresourcecategories'),
		},
		[['p2c_externalid'], ['p2c_enterpriseid']],
	),
	table(
		'msdyn_projecttaskdependencies',
		'msdyn_projecttaskdependency',
		{ msdyn_linktype: option(LINK_TYPE), msdyn_description: text(200) },
		{
			msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects'),
			msdyn_predecessortask: lookup('_msdyn_predecessortask_value', 'msdyn_projecttasks'),
			msdyn_successortask: lookup('_msdyn_successortask_value', 'msdyn_projecttasks'),
		},
	),
	table(
		'msdyn_projectteams',
		'msdyn_projectteam',
		{
			msdyn_name: { ...text(100), required: true },
			msdyn_from: when,
			msdyn_to: when,
			msdyn_hours: decimal,
			msdyn_membershipstatus: option(MEMBERSHIP_STATUS),
			msdyn_billingtype: option(BILLING_TYPE),
			msdyn_allocationmethod: { type: 'Edm.Int32', enumValues: [192350000, 192350001, 192350003, 192350004, 192350005] },
			msdyn_percentage: decimal,
		},
		{
			msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects'),
			msdyn_bookableresourceid: lookup('_msdyn_bookableresourceid_value', 'bookableresources'),
			msdyn_resourcecategory: lookup('_msdyn_resourcecategory_value', 'bookableresourcecategories'),
		},
	),
	table(
		'msdyn_resourceassignments',
		'msdyn_resourceassignment',
		{ msdyn_name: text(100), msdyn_fromdate: when, msdyn_todate: when, msdyn_hours: decimal, msdyn_committype: option(COMMIT_TYPE), msdyn_plannedwork: text(10000) },
		{
			msdyn_projectid: lookup('_msdyn_projectid_value', 'msdyn_projects'),
			msdyn_taskid: lookup('_msdyn_taskid_value', 'msdyn_projecttasks'),
			msdyn_projectteamid: lookup('_msdyn_projectteamid_value', 'msdyn_projectteams'),
			msdyn_bookableresourceid: lookup('_msdyn_bookableresourceid_value', 'bookableresources'),
		},
	),
	table(
		'bookableresources',
		'bookableresource',
		{ name: { ...text(100), required: true }, resourcetype: option(RESOURCE_TYPE), msdyn_primaryemail: text(100), msdyn_targetutilization: int, timezone: int, ...externalId },
		{ userid: lookup('_userid_value', 'systemusers'), contactid: lookup('_contactid_value', 'contacts') },
		[['p2c_externalid'], ['p2c_enterpriseid']],
	),
	table('bookableresourcecategories', 'bookableresourcecategory', { name: { ...text(100), required: true }, description: text(2000), p2c_enterpriseid: text(100) }, {}, [['p2c_enterpriseid']]),
	table('bookableresourcecategoryassns', 'bookableresourcecategoryassn', { name: text(100) }, {
		resource: lookup('_resource_value', 'bookableresources'),
		resourcecategory: lookup('_resourcecategory_value', 'bookableresourcecategories'),
	}),
	table('pricelevels', 'pricelevel', { name: { ...text(100), required: true }, msdyn_module: option(PRICE_LIST_MODULE) }, { ...currencyLookup }),
	table('msdyn_resourcecategorypricelevels', 'msdyn_resourcecategorypricelevel', { msdyn_name: text(100), msdyn_price: money }, {
		msdyn_pricelist: lookup('_msdyn_pricelist_value', 'pricelevels'),
		msdyn_resourcecategory: lookup('_msdyn_resourcecategory_value', 'bookableresourcecategories'),
		...currencyLookup,
	}),
	table(
		'msdyn_resourcerequirements',
		'msdyn_resourcerequirement',
		{ msdyn_name: { ...text(100), required: true }, msdyn_fromdate: when, msdyn_todate: when, msdyn_duration: int, msdyn_percentage: decimal, msdyn_type: int },
		{
			msdyn_projectid: lookup('_msdyn_projectid_value', 'msdyn_projects'),
			msdyn_resourcecategory: lookup('_msdyn_resourcecategory_value', 'bookableresourcecategories'),
			msdyn_projectteamid: lookup('_msdyn_projectteamid_value', 'msdyn_projectteams'),
		},
	),
	table(
		'bookableresourcebookings',
		'bookableresourcebooking',
		{ name: text(100), starttime: { ...when, required: true }, endtime: { ...when, required: true }, duration: int, bookingtype: { type: 'Edm.Int32', enumValues: [1, 2] }, msdyn_effort: decimal },
		{
			Resource: lookup('_resource_value', 'bookableresources'),
			msdyn_resourcerequirement: lookup('_msdyn_resourcerequirement_value', 'msdyn_resourcerequirements'),
			msdyn_projectid: lookup('_msdyn_projectid_value', 'msdyn_projects'),
			msdyn_projectteamid: lookup('_msdyn_projectteamid_value', 'msdyn_projectteams'),
			msdyn_resourcecategoryid: lookup('_msdyn_resourcecategoryid_value', 'bookableresourcecategories'),
		},
	),
	table(
		'msdyn_timeentries',
		'msdyn_timeentry',
		{
			msdyn_date: { ...day, required: true },
			msdyn_duration: { ...int, required: true },
			msdyn_description: text(2000),
			msdyn_externaldescription: text(2000),
			msdyn_entrystatus: option(ENTRY_STATUS),
			msdyn_type: option(TIME_TYPE),
			...externalId,
		},
		{
			msdyn_bookableresource: lookup('_msdyn_bookableresource_value', 'bookableresources'),
			msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects'),
			msdyn_projecttask: lookup('_msdyn_projecttask_value', 'msdyn_projecttasks'),
			msdyn_resourcecategory: lookup('_msdyn_resourcecategory_value', 'bookableresourcecategories'),
		},
		[['p2c_externalid'], ['p2c_enterpriseid']],
	),
	table('msdyn_expensecategories', 'msdyn_expensecategory', { msdyn_name: { ...text(100), required: true }, msdyn_expensetype: option(EXPENSE_TYPE), msdyn_receiptrequired: { type: 'Edm.Int32', enumValues: [192350000, 192350001] } }),
	table(
		'msdyn_expenses',
		'msdyn_expense',
		{
			msdyn_name: { ...text(100), required: true },
			msdyn_transactiondate: { ...day, required: true },
			msdyn_amount: { ...money, required: true },
			msdyn_quantity: decimal,
			msdyn_price: money,
			msdyn_salestaxamount: money,
			msdyn_totalamount: readOnly(money),
			msdyn_externaldescription: text(2000),
			msdyn_expensestatus: option(EXPENSE_STATUS),
			...externalId,
		},
		{
			msdyn_bookableresource: lookup('_msdyn_bookableresource_value', 'bookableresources'),
			msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects'),
			msdyn_expensecategory: lookup('_msdyn_expensecategory_value', 'msdyn_expensecategories'),
			...currencyLookup,
		},
		[['p2c_externalid'], ['p2c_enterpriseid']],
	),
	table(
		'msdyn_projectapprovals',
		'msdyn_projectapproval',
		{ msdyn_name: text(100), msdyn_entrytype: option(APPROVAL_ENTRY_TYPE), msdyn_recordstage: { type: 'Edm.Int32', enumValues: [0, 1, 2, 3, 4, 5, 6] }, msdyn_approvedon: when, msdyn_costquantity: decimal, msdyn_salesquantity: decimal },
		{
			msdyn_timeentry: lookup('_msdyn_timeentry_value', 'msdyn_timeentries'),
			msdyn_expenseentry: lookup('_msdyn_expenseentry_value', 'msdyn_expenses'),
			msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects'),
			msdyn_bookableresource: lookup('_msdyn_bookableresource_value', 'bookableresources'),
		},
	),
	table(
		'msdyn_contractlinescheduleofvalues',
		'msdyn_contractlinescheduleofvalue',
		{ msdyn_name: { ...text(100), required: true }, msdyn_milestonedate: day, msdyn_amount: money, msdyn_invoicestatus: option(MILESTONE_INVOICE_STATUS), msdyn_description: text(2000), ...externalId },
		{
			msdyn_contractline: lookup('_msdyn_contractline_value', 'salesorderdetails'),
			msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects'),
			msdyn_projecttask: lookup('_msdyn_projecttask_value', 'msdyn_projecttasks'),
			...currencyLookup,
		},
		[['p2c_externalid'], ['p2c_enterpriseid']],
	),
	table(
		'msdyn_actuals',
		'msdyn_actual',
		{
			msdyn_description: readOnly(text(500)),
			msdyn_documentdate: readOnly(day),
			msdyn_transactiontypecode: readOnly(option(TRANSACTION_TYPE)),
			msdyn_transactionclassification: readOnly(option(TRANSACTION_CLASS)),
			msdyn_billingtype: readOnly(option(BILLING_TYPE)),
			msdyn_quantity: readOnly(decimal),
			msdyn_price: readOnly(money),
			msdyn_amount: readOnly(money),
			msdyn_externaldescription: readOnly(text(2000)),
		},
		{
			msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects'),
			msdyn_task: lookup('_msdyn_task_value', 'msdyn_projecttasks'),
			msdyn_bookableresource: lookup('_msdyn_bookableresource_value', 'bookableresources'),
			msdyn_resourcecategory: lookup('_msdyn_resourcecategory_value', 'bookableresourcecategories'),
			msdyn_sourcetimeentry: lookup('_msdyn_sourcetimeentry_value', 'msdyn_timeentries'),
			msdyn_sourceexpense: lookup('_msdyn_sourceexpense_value', 'msdyn_expenses'),
			msdyn_salescontract: lookup('_msdyn_salescontract_value', 'salesorders'),
			...currencyLookup,
		},
	),
	table(
		'msdyn_operationsets',
		'msdyn_operationset',
		{ msdyn_description: text(200), msdyn_status: readOnly(option(OPERATION_SET_STATUS)), msdyn_executedon: readOnly(when), msdyn_completedon: readOnly(when), msdyn_projectid: readOnly(text(100)), msdyn_operationcount: readOnly(int) },
		{ msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects'), ownerid: lookup('_ownerid_value', 'systemusers') },
	),
	table(
		'msdyn_operationsetdetails',
		'msdyn_operationsetdetail',
		{ msdyn_operationtype: readOnly(text(20)), msdyn_entity: readOnly(text(100)), msdyn_recordid: readOnly(text(100)), msdyn_sequence: readOnly(int), msdyn_entityinfo: readOnly(text(100000)), msdyn_errormessage: readOnly(text(2000)) },
		{ msdyn_operationsetid: lookup('_msdyn_operationsetid_value', 'msdyn_operationsets') },
	),
	table(
		'msdyn_psserrorlogs',
		'msdyn_psserrorlog',
		{ msdyn_errorcode: readOnly(text(100)), msdyn_log: readOnly(text(100000)), msdyn_correlationid: readOnly(text(100)) },
		{ msdyn_operationsetid: lookup('_msdyn_operationsetid_value', 'msdyn_operationsets'), msdyn_operationsetdetail: lookup('_msdyn_operationsetdetail_value', 'msdyn_operationsetdetails') },
	),
];

/**
 * Columns Project Operations adds to tables Dynamics 365 Sales already has (the project contract is a
 * `salesorder`, its lines `salesorderdetail`, the proforma invoice an `invoice`). The Dataverse sandbox defines
 * these tables for Sales; the module adds its columns to them, or defines them when Sales did not.
 */
export const PROJECT_OPERATIONS_SALES_TABLES: TableDefinition[] = [
	table('transactioncurrencies', 'transactioncurrency', { isocurrencycode: { ...text(5), required: true }, currencyname: text(100), currencyprecision: int }, {}, [['isocurrencycode']]),
	table(
		'salesorders',
		'salesorder',
		{ name: { ...text(300), required: true }, ordernumber: text(100), msdyn_ordertype: { type: 'Edm.Int32', enumValues: [192350000, 192350001, 690970000] }, totalamount: readOnly(money) },
		{
			customerid_account: lookup('_customerid_value', 'accounts'),
			pricelevelid: lookup('_pricelevelid_value', 'pricelevels'),
			...currencyLookup,
		},
	),
	table(
		'salesorderdetails',
		'salesorderdetail',
		{ productdescription: text(500), msdyn_billingmethod: option(BILLING_METHOD), msdyn_linetype: int, priceperunit: money, quantity: decimal, extendedamount: readOnly(money), msdyn_budgetamount: money },
		{ salesorderid: lookup('_salesorderid_value', 'salesorders'), msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects'), ...currencyLookup },
	),
	table(
		'invoices',
		'invoice',
		{ name: { ...text(300), required: true }, invoicenumber: text(100), msdyn_projectinvoicestatus: option(PROJECT_INVOICE_STATUS), msdyn_invoicedate: day, totalamount: readOnly(money), totaltax: readOnly(money), datedelivered: day, duedate: day, description: text(2000) },
		{ salesorderid: lookup('_salesorderid_value', 'salesorders'), customerid_account: lookup('_customerid_value', 'accounts'), ...currencyLookup },
	),
	table(
		'invoicedetails',
		'invoicedetail',
		{ productdescription: text(500), priceperunit: money, quantity: decimal, extendedamount: readOnly(money), msdyn_billingmethod: option(BILLING_METHOD) },
		{ invoiceid: lookup('_invoiceid_value', 'invoices'), msdyn_project: lookup('_msdyn_project_value', 'msdyn_projects'), msdyn_contractline: lookup('_msdyn_contractline_value', 'salesorderdetails'), ...currencyLookup },
	),
];

// The collection navigation properties Canonical reads expand: a project's tasks, an invoice's lines.
tableOfList(PROJECT_OPERATIONS_TABLES, 'msdyn_projects').collections = { msdyn_msdyn_project_msdyn_projecttask_project: { source: 'msdyn_projecttasks', column: '_msdyn_project_value' } };
tableOfList(PROJECT_OPERATIONS_SALES_TABLES, 'invoices').collections = { invoice_details: { source: 'invoicedetails', column: '_invoiceid_value' } };

function tableOfList(tables: TableDefinition[], name: string): TableDefinition {
	return tables.find((t) => t.name === name)!;
}

export const ALL_TABLES: TableDefinition[] = [...PROJECT_OPERATIONS_TABLES, ...PROJECT_OPERATIONS_SALES_TABLES];

export function tableOf(set: string): TableDefinition {
	const found = ALL_TABLES.find((t) => t.name === set);
	if (!found) throw new Error(`no Project Operations table ${set}`);
	return found;
}

/** The set whose entity type (logical name) is `logicalName`: `msdyn_projecttask` → `msdyn_projecttasks`. */
export function tableOfLogicalName(logicalName: string): TableDefinition | undefined {
	return ALL_TABLES.find((t) => t.entityType === logicalName.toLowerCase());
}

export const PRIMARY_KEYS: Record<string, string> = Object.fromEntries(ALL_TABLES.map((t) => [t.name, t.key[0]]));
