/**
 * The Dynamics 365 Sales tables the node offers, as one table: entity set, logical name, primary key and name
 * columns, the operations each supports, its usual alternate key, and the canonical mapping its reads use.
 */
import type { PickerTable } from '../../Dataverse/methods/listSearch';

export type SalesOperation = 'get' | 'getMany' | 'create' | 'update' | 'upsert' | 'delete' | 'batchCreate' | 'batchUpsert' | 'win' | 'lose';

export interface SalesTable extends PickerTable {
	label: string;
	plural: string;
	operations: SalesOperation[];
	/** An example alternate key column for the key parameter's placeholder. */
	keyExample: string;
	example: string;
	/** The canonical mapping of reads (nodes/Dynamics365Sales/canonical). */
	canonicalObject?: 'account' | 'opportunity';
}

const RECORD: SalesOperation[] = ['get', 'getMany', 'create', 'update', 'upsert', 'delete', 'batchCreate', 'batchUpsert'];

export const TABLES = {
	account: { label: 'Account', plural: 'accounts', entitySet: 'accounts', logicalName: 'account', idColumn: 'accountid', nameColumn: 'name', operations: RECORD, keyExample: 'accountnumber', example: '{"name": "Contoso", "accountnumber": "ACC-1001"}', canonicalObject: 'account' },
	contact: { label: 'Contact', plural: 'contacts', entitySet: 'contacts', logicalName: 'contact', idColumn: 'contactid', nameColumn: 'fullname', operations: RECORD, keyExample: 'emailaddress1', example: '{"firstname": "Ana", "lastname": "Ruiz", "emailaddress1": "ana@contoso.example"}' },
	opportunity: { label: 'Opportunity', plural: 'opportunities', entitySet: 'opportunities', logicalName: 'opportunity', idColumn: 'opportunityid', nameColumn: 'name', operations: [...RECORD, 'win', 'lose'], keyExample: 'p2c_externalid', example: '{"name": "ERP rollout", "estimatedvalue": 45000, "estimatedclosedate": "2026-12-15", "product_opportunities": [{"productdescription": "Implementation", "isproductoverridden": true, "quantity": 1, "priceperunit": 45000}]}', canonicalObject: 'opportunity' },
	opportunityProduct: { label: 'Opportunity Product', plural: 'opportunity products', entitySet: 'opportunityproducts', logicalName: 'opportunityproduct', idColumn: 'opportunityproductid', nameColumn: 'productdescription', operations: RECORD, keyExample: 'p2c_externalid', example: '{"quantity": 4, "priceperunit": 2400, "isproductoverridden": true, "productdescription": "Training day"}' },
	quote: { label: 'Quote', plural: 'quotes', entitySet: 'quotes', logicalName: 'quote', idColumn: 'quoteid', nameColumn: 'name', operations: RECORD, keyExample: 'quotenumber', example: '{"name": "Quote for ERP rollout"}' },
	quoteDetail: { label: 'Quote Line', plural: 'quote lines', entitySet: 'quotedetails', logicalName: 'quotedetail', idColumn: 'quotedetailid', nameColumn: 'productdescription', operations: RECORD, keyExample: 'p2c_externalid', example: '{"quantity": 1, "priceperunit": 45000, "isproductoverridden": true, "productdescription": "Implementation"}' },
	order: { label: 'Order', plural: 'orders', entitySet: 'salesorders', logicalName: 'salesorder', idColumn: 'salesorderid', nameColumn: 'name', operations: RECORD, keyExample: 'ordernumber', example: '{"name": "Order for ERP rollout"}' },
	orderDetail: { label: 'Order Line', plural: 'order lines', entitySet: 'salesorderdetails', logicalName: 'salesorderdetail', idColumn: 'salesorderdetailid', nameColumn: 'productdescription', operations: RECORD, keyExample: 'p2c_externalid', example: '{"quantity": 1, "priceperunit": 45000, "isproductoverridden": true, "productdescription": "Implementation"}' },
	invoice: { label: 'Invoice', plural: 'invoices', entitySet: 'invoices', logicalName: 'invoice', idColumn: 'invoiceid', nameColumn: 'name', operations: RECORD, keyExample: 'invoicenumber', example: '{"name": "Invoice 2026-11"}' },
	invoiceDetail: { label: 'Invoice Line', plural: 'invoice lines', entitySet: 'invoicedetails', logicalName: 'invoicedetail', idColumn: 'invoicedetailid', nameColumn: 'productdescription', operations: RECORD, keyExample: 'p2c_externalid', example: '{"quantity": 1, "priceperunit": 45000, "isproductoverridden": true, "productdescription": "Implementation"}' },
} satisfies Record<string, SalesTable>;

export type SalesTableName = keyof typeof TABLES;

export function tableOf(name: string): SalesTable {
	const table = (TABLES as Record<string, SalesTable>)[name];
	if (!table) throw new Error(`Unknown resource "${name}"`);
	return table;
}

export function tablesWith(operation: SalesOperation): SalesTableName[] {
	return (Object.keys(TABLES) as SalesTableName[]).filter((name) => (TABLES[name] as SalesTable).operations.includes(operation));
}

/** The opportunity's products and currency, which its canonical mapping needs. */
export const OPPORTUNITY_CANONICAL_EXPAND = 'product_opportunities,transactioncurrencyid($select=isocurrencycode)';
export const ACCOUNT_CANONICAL_EXPAND = 'transactioncurrencyid($select=isocurrencycode)';

/** opportunity statuscode values WinOpportunity / LoseOpportunity take (Dataverse defaults). */
export const WIN_STATUS = 3;
export const LOSE_STATUSES = { canceled: 4, outSold: 5 } as const;
