/**
 * The record types this node works with, and where each lives: the REST record type (path segment, as the
 * REST API Browser names it) and the SuiteQL table. Transactions share SuiteQL's `transaction` table and are
 * told apart by its `type` code.
 */
export interface RecordTypeInfo {
	/** Value of the node's `resource` parameter. */
	resource: RecordResource;
	displayName: string;
	/** REST record type: `/services/rest/record/v1/<restType>`. */
	restType: string;
	/** SuiteQL table. */
	table: string;
	/** SuiteQL `transaction.type` code for transaction records. */
	transactionType?: string;
	/** Column shown in the record picker. */
	labelColumn: string;
}

export type RecordResource =
	| 'customer'
	| 'job'
	| 'projectTask'
	| 'employee'
	| 'timeBill'
	| 'expenseReport'
	| 'invoice'
	| 'journalEntry'
	| 'vendorBill';

export const RECORD_TYPES: Record<RecordResource, RecordTypeInfo> = {
	customer: { resource: 'customer', displayName: 'Customer', restType: 'customer', table: 'customer', labelColumn: 'companyname' },
	job: { resource: 'job', displayName: 'Project (Job)', restType: 'job', table: 'job', labelColumn: 'companyname' },
	projectTask: { resource: 'projectTask', displayName: 'Project Task', restType: 'projectTask', table: 'projecttask', labelColumn: 'title' },
	employee: { resource: 'employee', displayName: 'Employee', restType: 'employee', table: 'employee', labelColumn: 'entityid' },
	timeBill: { resource: 'timeBill', displayName: 'Time Entry (Time Bill)', restType: 'timeBill', table: 'timebill', labelColumn: 'memo' },
	expenseReport: {
		resource: 'expenseReport',
		displayName: 'Expense Report',
		restType: 'expenseReport',
		table: 'transaction',
		transactionType: 'ExpRept',
		labelColumn: 'tranid',
	},
	invoice: {
		resource: 'invoice',
		displayName: 'Invoice',
		restType: 'invoice',
		table: 'transaction',
		transactionType: 'CustInvc',
		labelColumn: 'tranid',
	},
	journalEntry: {
		resource: 'journalEntry',
		displayName: 'Journal Entry',
		restType: 'journalEntry',
		table: 'transaction',
		transactionType: 'Journal',
		labelColumn: 'tranid',
	},
	vendorBill: {
		resource: 'vendorBill',
		displayName: 'Vendor Bill',
		restType: 'vendorBill',
		table: 'transaction',
		transactionType: 'VendBill',
		labelColumn: 'tranid',
	},
};

export const RECORD_RESOURCES = Object.keys(RECORD_TYPES) as RecordResource[];

export function isRecordResource(value: string): value is RecordResource {
	return Object.prototype.hasOwnProperty.call(RECORD_TYPES, value);
}
