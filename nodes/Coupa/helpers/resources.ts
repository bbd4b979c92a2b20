/**
 * The Coupa resources the node offers, as one table: API path, which operations each has (those Coupa's R39
 * Swagger offers for the path: invoices and purchase-order lines have no POST there), the attribute its record
 * picker searches, and the canonical mapping its reads go through.
 */
export type CoupaOperation = 'get' | 'getMany' | 'create' | 'update' | 'markExported';

export interface CoupaResource {
	label: string;
	/** Singular and plural words for the editor's action names. */
	singular: string;
	plural: string;
	/** Path below /api. */
	path: string;
	operations: CoupaOperation[];
	/** Attribute the record picker matches with `[contains]`, and shows. */
	searchAttribute: string;
	/** The canonical mapping of its records (nodes/Coupa/canonical); a purchase order is read as its lines. */
	canonicalObject?: string;
	/** How the ERP's document number is written back on Mark Exported: a native attribute, else a custom field. */
	erpNumberAttribute?: string;
}

const READ: CoupaOperation[] = ['get', 'getMany'];

export const RESOURCES = {
	purchaseOrder: { label: 'Purchase Order', singular: 'purchase order', plural: 'purchase orders', path: 'purchase_orders', operations: [...READ, 'create', 'update', 'markExported'], searchAttribute: 'po-number', canonicalObject: 'purchase_order_line' },
	purchaseOrderLine: { label: 'Purchase Order Line', singular: 'purchase order line', plural: 'purchase order lines', path: 'purchase_order_lines', operations: READ, searchAttribute: 'description', canonicalObject: 'purchase_order_line' },
	receipt: { label: 'Receipt (Inventory Transaction)', singular: 'receipt', plural: 'receipts', path: 'inventory_transactions', operations: [...READ, 'create'], searchAttribute: 'barcode' },
	invoice: { label: 'Invoice', singular: 'invoice', plural: 'invoices', path: 'invoices', operations: [...READ, 'update', 'markExported'], searchAttribute: 'invoice-number', canonicalObject: 'invoice' },
	invoiceLine: { label: 'Invoice Line', singular: 'invoice line', plural: 'invoice lines', path: 'invoices', operations: ['getMany'], searchAttribute: 'invoice-number' },
	supplier: { label: 'Supplier', singular: 'supplier', plural: 'suppliers', path: 'suppliers', operations: [...READ, 'create', 'update'], searchAttribute: 'name' },
	project: { label: 'Project', singular: 'project', plural: 'projects', path: 'projects', operations: [...READ, 'create', 'update'], searchAttribute: 'name' },
	expenseReport: { label: 'Expense Report', singular: 'expense report', plural: 'expense reports', path: 'expense_reports', operations: [...READ, 'update', 'markExported'], searchAttribute: 'title', canonicalObject: 'expense_report', erpNumberAttribute: 'erp-document-id' },
	expenseLine: { label: 'Expense Line', singular: 'expense line', plural: 'expense lines', path: 'expense_lines', operations: READ, searchAttribute: 'description' },
	exchangeRate: { label: 'Exchange Rate', singular: 'exchange rate', plural: 'exchange rates', path: 'exchange_rates', operations: [...READ, 'create'], searchAttribute: 'rate-date' },
	lookupValue: { label: 'Lookup Value', singular: 'lookup value', plural: 'lookup values', path: 'lookup_values', operations: [...READ, 'create', 'update'], searchAttribute: 'name' },
	account: { label: 'Account (Segments)', singular: 'account', plural: 'accounts', path: 'accounts', operations: [...READ, 'create', 'update'], searchAttribute: 'name' },
} satisfies Record<string, CoupaResource>;

export type CoupaResourceName = keyof typeof RESOURCES;

export function resourceOf(name: string): CoupaResource {
	const resource = (RESOURCES as Record<string, CoupaResource>)[name];
	if (!resource) throw new Error(`Unknown resource "${name}"`);
	return resource;
}

export function resourcesWith(operation: CoupaOperation): CoupaResourceName[] {
	return (Object.keys(RESOURCES) as CoupaResourceName[]).filter((name) => (RESOURCES[name] as CoupaResource).operations.includes(operation));
}

export function canonicalResources(): CoupaResourceName[] {
	return (Object.keys(RESOURCES) as CoupaResourceName[]).filter((name) => (RESOURCES[name] as CoupaResource).canonicalObject !== undefined);
}
