/**
 * The Dynamics 365 Sales tables of the Dataverse sandbox, as OData core entity sets: logical names lower-case,
 * plural entity sets, GUID keys `<table>id`, lookups written `nav@odata.bind` and read `_x_value`, Money as
 * Edm.Decimal, choices as Int32 with their option values, `createdon` / `modifiedon` / `versionnumber` set by the
 * service. Columns follow the standard tables' Web API EntityType reference (a subset: what planning-to-cash
 * flows read and write). Project Operations adds its columns to salesorder, salesorderdetail, invoice,
 * invoicedetail, pricelevel and transactioncurrency through the module registry.
 */
import type { ODataEntitySetDefinition, ODataLookupDefinition, ODataPropertyDefinition } from '../odata/types';

const text = (maxLength: number, extra: Partial<ODataPropertyDefinition> = {}): ODataPropertyDefinition => ({ type: 'Edm.String', maxLength, ...extra });
const guid: ODataPropertyDefinition = { type: 'Edm.Guid' };
const money: ODataPropertyDefinition = { type: 'Edm.Decimal' };
const decimal: ODataPropertyDefinition = { type: 'Edm.Decimal' };
const int: ODataPropertyDefinition = { type: 'Edm.Int32' };
const bool: ODataPropertyDefinition = { type: 'Edm.Boolean' };
const date: ODataPropertyDefinition = { type: 'Edm.Date' };
const readOnly = (column: ODataPropertyDefinition): ODataPropertyDefinition => ({ ...column, readOnly: true });
const choice = (values: number[], extra: Partial<ODataPropertyDefinition> = {}): ODataPropertyDefinition => ({ type: 'Edm.Int32', enumValues: values, ...extra });

/** Columns every table has: state, audit stamps, row version, and the firm's custom id columns (publisher p2c). */
function common(states: number[], statuses: number[]): Record<string, ODataPropertyDefinition> {
	return {
		statecode: choice(states, { default: states[0] }),
		statuscode: choice(statuses, { default: statuses[0] }),
		createdon: readOnly({ type: 'Edm.DateTimeOffset' }),
		modifiedon: readOnly({ type: 'Edm.DateTimeOffset' }),
		versionnumber: readOnly({ type: 'Edm.Int64' }),
		p2c_externalid: text(100),
		p2c_enterpriseid: text(100),
	};
}

const lookup = (column: string, target: string): ODataLookupDefinition => ({ target, column });
const currency = { transactioncurrencyid: lookup('_transactioncurrencyid_value', 'transactioncurrencies') };

function table(
	name: string,
	entityType: string,
	properties: Record<string, ODataPropertyDefinition>,
	options: { key?: string; lookups?: Record<string, ODataLookupDefinition>; collections?: ODataEntitySetDefinition['collections']; alternateKeys?: string[][] } = {},
): ODataEntitySetDefinition {
	const key = options.key ?? `${entityType}id`;
	return {
		name,
		entityType,
		key: [key],
		alternateKeys: options.alternateKeys,
		properties: { [key]: guid, ...properties },
		lookups: options.lookups,
		collections: options.collections,
	};
}

function address(prefix: 'address1' | 'address2'): Record<string, ODataPropertyDefinition> {
	return {
		[`${prefix}_line1`]: text(250),
		[`${prefix}_line2`]: text(250),
		[`${prefix}_line3`]: text(250),
		[`${prefix}_city`]: text(80),
		[`${prefix}_stateorprovince`]: text(50),
		[`${prefix}_postalcode`]: text(20),
		[`${prefix}_country`]: text(80),
	};
}

/** A line table (opportunity product, quote line, order line, invoice line) under `parent`. */
function lineTable(name: string, entityType: string, parentNav: string, parentSet: string): ODataEntitySetDefinition {
	return table(
		name,
		entityType,
		{
			...common([0], [1]),
			productdescription: text(500),
			description: text(2000),
			quantity: { ...decimal, required: true },
			priceperunit: money,
			baseamount: readOnly(money),
			extendedamount: readOnly(money),
			manualdiscountamount: money,
			tax: money,
			isproductoverridden: { ...bool, default: false },
			ispriceoverridden: { ...bool, default: false },
			sequencenumber: int,
			exchangerate: readOnly(decimal),
		},
		{
			lookups: { [parentNav]: lookup(`_${parentNav}_value`, parentSet), productid: lookup('_productid_value', 'products'), ...currency },
			alternateKeys: [['p2c_externalid']],
		},
	);
}

/** opportunity statecode: 0 Open, 1 Won, 2 Lost; statuscode: 1 In Progress, 2 On Hold, 3 Won, 4 Canceled, 5 Out-Sold. */
export const OPPORTUNITY_STATE = { open: 0, won: 1, lost: 2 } as const;
export const OPPORTUNITY_STATUS = { inProgress: 1, onHold: 2, won: 3, canceled: 4, outSold: 5 } as const;

export const SALES_TABLES: ODataEntitySetDefinition[] = [
	table('transactioncurrencies', 'transactioncurrency', { ...common([0, 1], [1, 2]), isocurrencycode: text(5, { required: true }), currencyname: text(100), currencysymbol: text(10), currencyprecision: int, exchangerate: decimal }, { alternateKeys: [['isocurrencycode']] }),
	table('systemusers', 'systemuser', { ...common([0, 1], [1, 2]), fullname: text(200), internalemailaddress: text(100), azureactivedirectoryobjectid: guid, applicationid: guid, isdisabled: bool }),
	table('pricelevels', 'pricelevel', { ...common([0, 1], [100001, 100002]), name: text(100, { required: true }), description: text(200), begindate: date, enddate: date }, { lookups: { ...currency } }),
	table(
		'products',
		'product',
		{ ...common([0, 1, 2, 3], [1, 2, 0, 3]), name: text(100, { required: true }), productnumber: text(100, { required: true }), description: text(2000), price: money, standardcost: money, productstructure: choice([1, 2, 3], { default: 1 }), quantitydecimal: int },
		{ lookups: { pricelevelid: lookup('_pricelevelid_value', 'pricelevels'), ...currency }, alternateKeys: [['productnumber'], ['p2c_enterpriseid']] },
	),
	table(
		'accounts',
		'account',
		{
			...common([0, 1], [1, 2]),
			name: text(160, { required: true }),
			accountnumber: text(20),
			customertypecode: choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
			industrycode: int,
			telephone1: text(50),
			emailaddress1: text(100),
			websiteurl: text(200),
			description: text(2000),
			revenue: money,
			numberofemployees: int,
			paymenttermscode: choice([1, 2, 3, 4]),
			creditlimit: money,
			exchangerate: readOnly(decimal),
			...address('address1'),
			...address('address2'),
		},
		{
			lookups: { parentaccountid: lookup('_parentaccountid_value', 'accounts'), primarycontactid: lookup('_primarycontactid_value', 'contacts'), ...currency },
			collections: { contact_customer_accounts: { source: 'contacts', column: '_parentcustomerid_value' }, opportunity_customer_accounts: { source: 'opportunities', column: '_customerid_value' } },
			alternateKeys: [['accountnumber'], ['p2c_enterpriseid']],
		},
	),
	table(
		'contacts',
		'contact',
		{ ...common([0, 1], [1, 2]), firstname: text(50), lastname: text(50, { required: true }), fullname: readOnly(text(160)), emailaddress1: text(100), telephone1: text(50), jobtitle: text(100), description: text(2000), ...address('address1') },
		{ lookups: { parentcustomerid_account: lookup('_parentcustomerid_value', 'accounts'), ...currency }, alternateKeys: [['p2c_externalid'], ['p2c_enterpriseid']] },
	),
	table(
		'opportunities',
		'opportunity',
		{
			...common([0, 1, 2], [1, 2, 3, 4, 5]),
			name: text(300, { required: true }),
			description: text(2000),
			estimatedvalue: money,
			actualvalue: money,
			estimatedclosedate: date,
			actualclosedate: date,
			closeprobability: int,
			salesstage: choice([0, 1, 2, 3]),
			stepname: text(200),
			opportunityratingcode: choice([1, 2, 3]),
			isrevenuesystemcalculated: { ...bool, default: false },
			// The firm's write-back columns: the PSA project and the ERP project made from the won deal.
			p2c_psaprojectid: text(100),
			p2c_erpprojectid: text(100),
			totallineitemamount: readOnly(money),
			totalamount: readOnly(money),
			exchangerate: readOnly(decimal),
		},
		{
			lookups: {
				customerid_account: lookup('_customerid_value', 'accounts'),
				customerid_contact: lookup('_customerid_value', 'contacts'),
				parentaccountid: lookup('_parentaccountid_value', 'accounts'),
				pricelevelid: lookup('_pricelevelid_value', 'pricelevels'),
				...currency,
			},
			collections: { product_opportunities: { source: 'opportunityproducts', column: '_opportunityid_value' }, Opportunity_OpportunityClose: { source: 'opportunitycloses', column: '_opportunityid_value' } },
			alternateKeys: [['p2c_externalid'], ['p2c_enterpriseid']],
		},
	),
	lineTable('opportunityproducts', 'opportunityproduct', 'opportunityid', 'opportunities'),
	table(
		'opportunitycloses',
		'opportunityclose',
		{ ...common([0, 1, 2], [1, 2, 3]), subject: text(200, { required: true }), actualrevenue: money, actualend: date, description: text(2000), competitorid: guid },
		{ key: 'activityid', lookups: { opportunityid: lookup('_opportunityid_value', 'opportunities') } },
	),
	table(
		'quotes',
		'quote',
		{ ...common([0, 1, 2, 3], [1, 2, 3, 4, 5, 6, 7]), name: text(300, { required: true }), quotenumber: text(100), description: text(2000), effectivefrom: date, effectiveto: date, totallineitemamount: readOnly(money), totalamount: readOnly(money), exchangerate: readOnly(decimal) },
		{
			lookups: { customerid_account: lookup('_customerid_value', 'accounts'), opportunityid: lookup('_opportunityid_value', 'opportunities'), pricelevelid: lookup('_pricelevelid_value', 'pricelevels'), ...currency },
			collections: { quote_details: { source: 'quotedetails', column: '_quoteid_value' } },
			alternateKeys: [['quotenumber']],
		},
	),
	lineTable('quotedetails', 'quotedetail', 'quoteid', 'quotes'),
	table(
		'salesorders',
		'salesorder',
		{ ...common([0, 1, 2, 3, 4], [1, 2, 3, 4, 100001, 100002, 100003]), name: text(300, { required: true }), ordernumber: text(100), description: text(2000), requestdeliveryby: date, datefulfilled: date, totallineitemamount: readOnly(money), totalamount: readOnly(money), exchangerate: readOnly(decimal) },
		{
			lookups: { customerid_account: lookup('_customerid_value', 'accounts'), opportunityid: lookup('_opportunityid_value', 'opportunities'), quoteid: lookup('_quoteid_value', 'quotes'), pricelevelid: lookup('_pricelevelid_value', 'pricelevels'), ...currency },
			collections: { order_details: { source: 'salesorderdetails', column: '_salesorderid_value' } },
			alternateKeys: [['ordernumber']],
		},
	),
	lineTable('salesorderdetails', 'salesorderdetail', 'salesorderid', 'salesorders'),
	table(
		'invoices',
		'invoice',
		{ ...common([0, 1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 100001, 100002, 100003]), name: text(300, { required: true }), invoicenumber: text(100), description: text(2000), duedate: date, datedelivered: date, totallineitemamount: readOnly(money), totalamount: readOnly(money), totaltax: readOnly(money), exchangerate: readOnly(decimal) },
		{
			lookups: { customerid_account: lookup('_customerid_value', 'accounts'), salesorderid: lookup('_salesorderid_value', 'salesorders'), opportunityid: lookup('_opportunityid_value', 'opportunities'), pricelevelid: lookup('_pricelevelid_value', 'pricelevels'), ...currency },
			collections: { invoice_details: { source: 'invoicedetails', column: '_invoiceid_value' } },
			alternateKeys: [['invoicenumber']],
		},
	),
	lineTable('invoicedetails', 'invoicedetail', 'invoiceid', 'invoices'),
];

/** Line tables and the header column they hang off, for computed amounts and header totals. */
export const LINE_TABLES: Record<string, { parentSet: string; parentColumn: string }> = {
	opportunityproducts: { parentSet: 'opportunities', parentColumn: '_opportunityid_value' },
	quotedetails: { parentSet: 'quotes', parentColumn: '_quoteid_value' },
	salesorderdetails: { parentSet: 'salesorders', parentColumn: '_salesorderid_value' },
	invoicedetails: { parentSet: 'invoices', parentColumn: '_invoiceid_value' },
};

/** Tables with "Track changes" on in the sandbox org (the rest answer a change-tracking read with an error). */
export const TRACKED_TABLES = ['accounts', 'contacts', 'opportunities', 'salesorders', 'invoices', 'products'];

/**
 * Adds tables, or merges columns, lookups, collections and alternate keys into a table already defined (Project
 * Operations' columns on salesorder, invoice …). A column defined twice keeps the first definition.
 */
export function mergeTables(base: ODataEntitySetDefinition[], extra: ODataEntitySetDefinition[]): ODataEntitySetDefinition[] {
	const out = base.map((set) => ({ ...set, properties: { ...set.properties }, lookups: { ...(set.lookups ?? {}) }, collections: { ...(set.collections ?? {}) }, alternateKeys: [...(set.alternateKeys ?? [])] }));
	for (const set of extra) {
		const existing = out.find((candidate) => candidate.name === set.name);
		if (!existing) {
			out.push({ ...set, properties: { ...set.properties }, lookups: { ...(set.lookups ?? {}) }, collections: { ...(set.collections ?? {}) }, alternateKeys: [...(set.alternateKeys ?? [])] });
			continue;
		}
		for (const [name, definition] of Object.entries(set.properties)) if (!existing.properties[name]) existing.properties[name] = definition;
		for (const [name, definition] of Object.entries(set.lookups ?? {})) if (!existing.lookups![name]) existing.lookups![name] = definition;
		for (const [name, definition] of Object.entries(set.collections ?? {})) if (!existing.collections![name]) existing.collections![name] = definition;
		for (const key of set.alternateKeys ?? []) {
			if (!existing.alternateKeys!.some((candidate) => candidate.join(',') === key.join(','))) existing.alternateKeys!.push(key);
		}
	}
	return out;
}
