/**
 * The part of each record type the sandbox models: field names exactly as the REST API Browser (2026.1)
 * names them, their kinds, required fields, reference targets and sublists. Field names are checked against
 * ../shared/specs/netsuite/docs/schemas by test/netsuite/spec.test.ts.
 */
export type FieldKind =
	| { kind: 'string' }
	| { kind: 'number' }
	| { kind: 'boolean' }
	| { kind: 'date' }
	| { kind: 'datetime' }
	/** Reference to a record of one of these types: `{ id, refName, links }`. */
	| { kind: 'ref'; to: string[] }
	/** Select field with fixed values: `{ id, refName }`. */
	| { kind: 'enum'; values: Record<string, string> }
	/**
	 * Sublist `{ items: [...] }`. Lines are numbered by `lineKey` (`line` on most sublists, `id` on some),
	 * rendered as a number or a string as the browser types it.
	 */
	| { kind: 'sublist'; fields: Record<string, FieldKind>; required: string[]; lineKey: 'line' | 'id' | 'milestoneId'; lineType: 'integer' | 'string' };

const string = { kind: 'string' } as const;
const number = { kind: 'number' } as const;
const boolean = { kind: 'boolean' } as const;
const date = { kind: 'date' } as const;
const datetime = { kind: 'datetime' } as const;
const ref = (...to: string[]): FieldKind => ({ kind: 'ref', to });
const select = (values: Record<string, string>): FieldKind => ({ kind: 'enum', values });

/** Internal ids of entities (customers, projects, employees) come from one sequence, as in NetSuite. */
export type IdFamily = 'entity' | 'transaction' | 'projectTask' | 'timeBill' | 'billingSchedule' | 'lookup';

export interface RecordSchema {
	type: string;
	family: IdFamily;
	/** SuiteQL table. */
	table: string;
	/** SuiteQL `transaction.type`. */
	transactionType?: string;
	fields: Record<string, FieldKind>;
	/** Fields a create must set, with the label NetSuite names in its USER_ERROR. */
	required: Array<[field: string, label: string]>;
	/** Set by NetSuite only. */
	readOnly: string[];
	/** refName of a record. */
	refName(record: Record<string, unknown>): string;
	/** Writable through the record service (lookups such as subsidiary are read-only here). */
	writable: boolean;
}

const ENTITY_READ_ONLY = ['id', 'links', 'refName', 'dateCreated', 'lastModifiedDate'];
const TRANSACTION_READ_ONLY = ['id', 'links', 'refName', 'createdDate', 'lastModifiedDate', 'total'];

const APPROVAL = select({ '1': 'Pending Approval', '2': 'Approved', '3': 'Rejected', '4': 'Open' });
const EXPENSE_APPROVAL = select({ '1': 'Pending Approval', '2': 'Approved', '3': 'Rejected', '11': 'Open' });

export const SCHEMAS: Record<string, RecordSchema> = {
	customer: {
		type: 'customer',
		family: 'entity',
		table: 'customer',
		writable: true,
		fields: {
			entityId: string,
			companyName: string,
			isPerson: boolean,
			firstName: string,
			lastName: string,
			email: string,
			phone: string,
			url: string,
			comments: string,
			externalId: string,
			isInactive: boolean,
			subsidiary: ref('subsidiary'),
			currency: ref('currency'),
			parent: ref('customer'),
			salesRep: ref('employee'),
			terms: ref('term'),
			entityStatus: ref('customerStatus'),
			dateCreated: datetime,
			lastModifiedDate: datetime,
		},
		required: [
			['companyName', 'Company Name'],
			['subsidiary', 'Primary Subsidiary'],
		],
		readOnly: ENTITY_READ_ONLY,
		refName: (r) => String(r.entityId ?? r.companyName ?? ''),
	},
	job: {
		type: 'job',
		family: 'entity',
		table: 'job',
		writable: true,
		fields: {
			entityId: string,
			companyName: string,
			externalId: string,
			parent: ref('customer'),
			subsidiary: ref('subsidiary'),
			currency: ref('currency'),
			projectManager: ref('employee'),
			startDate: date,
			endDate: date,
			projectedEndDate: date,
			jobType: ref('jobType'),
			// Ids as the browser enumerates them (1–5); the names are the sandbox's own reading.
			entityStatus: select({ '1': 'Closed', '2': 'In Progress', '3': 'Not Awarded', '4': 'Pending', '5': 'Awarded' }),
			jobBillingType: select({ '1': 'Time and Materials', '2': 'Fixed Bid, Interval', '3': 'Fixed Bid, Milestone', '4': 'Charge-Based', '5': 'None' }),
			estimatedRevenue: number,
			estimatedCost: number,
			// Fixed-bid billing: the project price, the item invoiced and the schedule that bills it (milestones in %).
			jobPrice: number,
			jobItem: ref('item'),
			billingSchedule: ref('billingSchedule'),
			allowTime: boolean,
			allowExpenses: boolean,
			isInactive: boolean,
			comments: string,
			dateCreated: datetime,
			lastModifiedDate: datetime,
		},
		required: [
			['companyName', 'Project Name'],
			['parent', 'Customer'],
		],
		readOnly: ENTITY_READ_ONLY,
		refName: (r) => String(r.entityId ?? r.companyName ?? ''),
	},
	projectTask: {
		type: 'projectTask',
		family: 'projectTask',
		table: 'projecttask',
		writable: true,
		fields: {
			title: string,
			externalId: string,
			project: ref('job'),
			parent: ref('projectTask'),
			owner: ref('employee'),
			status: select({ NOTSTART: 'Not Started', PROGRESS: 'In Progress', COMPLETE: 'Completed' }),
			constraintType: select({ ASAP: 'As Soon As Possible', FIXEDSTART: 'Fixed Start' }),
			startDateTime: datetime,
			endDate: date,
			plannedWork: string,
			estimatedWork: number,
			actualWork: string,
			nonBillableTask: boolean,
			message: string,
			lastModifiedDate: datetime,
			assignee: {
				kind: 'sublist',
				fields: { resource: ref('employee'), estimatedWork: number, unitCost: number, unitPrice: number, serviceItem: ref('item') },
				required: ['resource'],
				lineKey: 'id',
				lineType: 'integer',
			},
		},
		required: [
			['title', 'Name'],
			['project', 'Project'],
		],
		readOnly: ['id', 'links', 'refName', 'lastModifiedDate'],
		refName: (r) => String(r.title ?? ''),
	},
	// A project's billing schedule (Fixed Bid, Milestone): each milestone line bills a percentage of the job's
	// price (jobPrice) when its project task completes; NetSuite keeps the rest as the initial amount.
	billingSchedule: {
		type: 'billingSchedule',
		family: 'billingSchedule',
		table: 'billingschedule',
		writable: true,
		fields: {
			name: string,
			externalId: string,
			job: ref('job'),
			// Ids as the browser enumerates them (1–5); the names are the sandbox's own reading.
			scheduleType: select({ '1': 'Standard', '2': 'Charge-Based', '3': 'Fixed Bid, Interval', '4': 'Fixed Bid, Milestone', '5': 'Time and Materials' }),
			initialAmountPercent: number,
			initialTerms: ref('term'),
			isInactive: boolean,
			isPublic: boolean,
			milestone: {
				kind: 'sublist',
				fields: {
					milestoneAmount: number,
					milestoneDate: date,
					milestoneCompleted: boolean,
					milestoneActualCompletionDate: date,
					projectTask: ref('projectTask'),
					milestoneTerms: ref('term'),
					comments: string,
				},
				required: ['milestoneAmount', 'milestoneDate'],
				lineKey: 'milestoneId',
				lineType: 'integer',
			},
		},
		required: [['name', 'Name']],
		readOnly: ['id', 'links', 'refName', 'initialAmountPercent'],
		refName: (r) => String(r.name ?? ''),
	},
	employee: {
		type: 'employee',
		family: 'entity',
		table: 'employee',
		writable: true,
		fields: {
			entityId: string,
			firstName: string,
			lastName: string,
			email: string,
			title: string,
			externalId: string,
			subsidiary: ref('subsidiary'),
			department: ref('department'),
			supervisor: ref('employee'),
			isJobResource: boolean,
			laborCost: number,
			isInactive: boolean,
			hireDate: date,
			releasedate: date,
			dateCreated: datetime,
			lastModifiedDate: datetime,
		},
		required: [
			['firstName', 'First Name'],
			['lastName', 'Last Name'],
			['subsidiary', 'Subsidiary'],
		],
		readOnly: ENTITY_READ_ONLY,
		refName: (r) => String(r.entityId ?? `${String(r.firstName ?? '')} ${String(r.lastName ?? '')}`.trim()),
	},
	timeBill: {
		type: 'timeBill',
		family: 'timeBill',
		table: 'timebill',
		writable: true,
		fields: {
			externalId: string,
			employee: ref('employee'),
			customer: ref('job', 'customer'),
			caseTaskEvent: ref('projectTask'),
			item: ref('item'),
			subsidiary: ref('subsidiary'),
			tranDate: date,
			hours: string,
			rate: number,
			isBillable: boolean,
			memo: string,
			approvalStatus: APPROVAL,
			createdDate: datetime,
			lastModifiedDate: datetime,
		},
		required: [
			['employee', 'Employee'],
			['tranDate', 'Date'],
			['hours', 'Duration'],
		],
		readOnly: ['id', 'links', 'refName', 'createdDate', 'lastModifiedDate'],
		refName: (r) => String(r.memo ?? ''),
	},
	expenseReport: {
		type: 'expenseReport',
		family: 'transaction',
		table: 'transaction',
		transactionType: 'ExpRept',
		writable: true,
		fields: {
			tranId: string,
			externalId: string,
			entity: ref('employee'),
			subsidiary: ref('subsidiary'),
			tranDate: date,
			memo: string,
			approvalStatus: EXPENSE_APPROVAL,
			total: number,
			createdDate: datetime,
			lastModifiedDate: datetime,
			expense: {
				kind: 'sublist',
				fields: {
					category: ref('expenseCategory'),
					amount: number,
					expensedate: date,
					memo: string,
					customer: ref('job', 'customer'),
					isBillable: boolean,
					currency: ref('currency'),
				},
				required: ['category', 'amount'],
				lineKey: 'line',
				lineType: 'string',
			},
		},
		required: [
			['entity', 'Employee'],
			['tranDate', 'Date'],
		],
		readOnly: TRANSACTION_READ_ONLY,
		refName: (r) => `Expense Report #${String(r.tranId ?? '')}`,
	},
	invoice: {
		type: 'invoice',
		family: 'transaction',
		table: 'transaction',
		transactionType: 'CustInvc',
		writable: true,
		fields: {
			tranId: string,
			externalId: string,
			entity: ref('customer'),
			job: ref('job'),
			subsidiary: ref('subsidiary'),
			currency: ref('currency'),
			tranDate: date,
			dueDate: date,
			memo: string,
			otherRefNum: string,
			total: number,
			createdDate: datetime,
			lastModifiedDate: datetime,
			item: {
				kind: 'sublist',
				fields: {
					item: ref('item'),
					description: string,
					quantity: number,
					rate: number,
					amount: number,
					job: ref('job'),
				},
				required: ['item'],
				lineKey: 'line',
				lineType: 'integer',
			},
		},
		required: [['entity', 'Customer']],
		readOnly: TRANSACTION_READ_ONLY,
		refName: (r) => `Invoice #${String(r.tranId ?? '')}`,
	},
	// Vendors and vendor bills: what procurement's subcontractor invoices become (Coupa template). Their field
	// names follow NetSuite's REST API Browser; ../shared/specs/netsuite holds no copy of these two records.
	vendor: {
		type: 'vendor',
		family: 'entity',
		table: 'vendor',
		writable: true,
		fields: {
			entityId: string,
			companyName: string,
			externalId: string,
			email: string,
			subsidiary: ref('subsidiary'),
			currency: ref('currency'),
			terms: ref('term'),
			isInactive: boolean,
			dateCreated: datetime,
			lastModifiedDate: datetime,
		},
		required: [
			['companyName', 'Company Name'],
			['subsidiary', 'Subsidiary'],
		],
		readOnly: ENTITY_READ_ONLY,
		refName: (r) => String(r.entityId ?? r.companyName ?? ''),
	},
	vendorBill: {
		type: 'vendorBill',
		family: 'transaction',
		table: 'transaction',
		transactionType: 'VendBill',
		writable: true,
		fields: {
			tranId: string,
			externalId: string,
			entity: ref('vendor'),
			subsidiary: ref('subsidiary'),
			currency: ref('currency'),
			tranDate: date,
			dueDate: date,
			memo: string,
			total: number,
			createdDate: datetime,
			lastModifiedDate: datetime,
			expense: {
				kind: 'sublist',
				fields: {
					account: ref('account'),
					amount: number,
					memo: string,
					customer: ref('job', 'customer'),
					department: ref('department'),
					isBillable: boolean,
				},
				required: ['account', 'amount'],
				lineKey: 'line',
				lineType: 'integer',
			},
		},
		required: [
			['entity', 'Vendor'],
			['tranDate', 'Date'],
		],
		readOnly: TRANSACTION_READ_ONLY,
		refName: (r) => `Bill #${String(r.tranId ?? '')}`,
	},
	journalEntry: {
		type: 'journalEntry',
		family: 'transaction',
		table: 'transaction',
		transactionType: 'Journal',
		writable: true,
		fields: {
			tranId: string,
			externalId: string,
			subsidiary: ref('subsidiary'),
			currency: ref('currency'),
			tranDate: date,
			memo: string,
			approved: boolean,
			isReversal: boolean,
			reversalDate: date,
			createdDate: datetime,
			lastModifiedDate: datetime,
			line: {
				kind: 'sublist',
				fields: {
					account: ref('account'),
					debit: number,
					credit: number,
					memo: string,
					entity: ref('customer', 'job', 'employee'),
					department: ref('department'),
				},
				required: ['account'],
				lineKey: 'line',
				lineType: 'integer',
			},
		},
		required: [['subsidiary', 'Subsidiary']],
		readOnly: TRANSACTION_READ_ONLY,
		refName: (r) => `Journal #${String(r.tranId ?? '')}`,
	},
};

/**
 * Read-only lookup records the writable ones reference (and SuiteQL tables of the same name). Seeds store
 * references and select values as bare ids (as SuiteQL returns them); the record service renders `refs` as
 * `{links, id, refName}` and `selects` as `{id, refName}`, the same shapes the writable records use.
 */
export interface LookupSchema {
	table: string;
	nameField: string;
	/** Field → the lookup type it references. */
	refs?: Record<string, string>;
	/** Field → its fixed values (id → label). */
	selects?: Record<string, Record<string, string>>;
}

export const LOOKUPS: Record<string, LookupSchema> = {
	subsidiary: { table: 'subsidiary', nameField: 'name', refs: { currency: 'currency', parent: 'subsidiary' } },
	currency: { table: 'currency', nameField: 'name' },
	account: {
		table: 'account',
		nameField: 'acctName',
		selects: {
			acctType: {
				AcctRec: 'Accounts Receivable',
				OthCurrAsset: 'Other Current Asset',
				DeferRevenue: 'Deferred Revenue',
				Income: 'Income',
				Expense: 'Expense',
			},
		},
	},
	item: { table: 'item', nameField: 'itemId', selects: { itemType: { Service: 'Service' } } },
	expenseCategory: { table: 'expensecategory', nameField: 'name' },
	department: { table: 'department', nameField: 'name' },
	term: { table: 'term', nameField: 'name' },
	jobType: { table: 'jobtype', nameField: 'name' },
	customerStatus: { table: 'customerstatus', nameField: 'name', selects: { stage: { CUSTOMER: 'Customer', LEAD: 'Lead', PROSPECT: 'Prospect' } } },
};

/** REST record types are case-insensitive in URLs (`timebill` and `timeBill` are the same record). */
export function schemaFor(type: string): RecordSchema | undefined {
	const lower = type.toLowerCase();
	return Object.values(SCHEMAS).find((schema) => schema.type.toLowerCase() === lower);
}

export function lookupFor(type: string): string | undefined {
	const lower = type.toLowerCase();
	return Object.keys(LOOKUPS).find((name) => name.toLowerCase() === lower);
}
