/**
 * The Oracle Fusion resources the node offers, as one table: service and collection path, key attribute (a
 * number, or a hash Oracle computes for composite keys), parent for child resources, operations, the name and
 * number attributes the record picker shows, expandable children, finders, and the canonical mapping.
 */
import type { OracleService } from '../transport';

export type OracleOperation =
	| 'get'
	| 'getMany'
	| 'create'
	| 'update'
	| 'upsert'
	| 'delete'
	| 'batch'
	| 'importCost'
	| 'importJournals'
	| 'getImportStatus';

export interface OracleFinder {
	name: string;
	variables: string[];
}

export interface OracleResource {
	label: string;
	singular: string;
	plural: string;
	service: OracleService;
	collection: string;
	/** The key attribute; `hash` keys are computed by Oracle (composite keys) and never built by the client. */
	key: string;
	keyKind: 'number' | 'hash' | 'text';
	/** A child collection under a parent item: `projects/{ProjectId}/child/Tasks`. */
	parent?: { resource: 'project'; child: string };
	operations: OracleOperation[];
	nameField: string;
	numberField?: string;
	children: string[];
	finders: OracleFinder[];
	/** The object name of its canonical mapping (nodes/OracleFusion/canonical); reads offer Output Canonical. */
	canonicalObject?: string;
	/** Children Canonical output expands, because the mapping needs them. */
	canonicalExpand?: string[];
}

const READ: OracleOperation[] = ['get', 'getMany'];

export const RESOURCES = {
	project: {
		label: 'Project',
		singular: 'project',
		plural: 'projects',
		service: 'fscm',
		collection: 'projects',
		key: 'ProjectId',
		keyKind: 'number',
		operations: [...READ, 'create', 'update', 'upsert', 'batch'],
		nameField: 'ProjectName',
		numberField: 'ProjectNumber',
		children: ['Tasks', 'ProjectCustomers', 'ProjectTeamMembers'],
		finders: [{ name: 'PrimaryKey', variables: ['ProjectId'] }],
		canonicalObject: 'projects',
		canonicalExpand: ['Tasks'],
	},
	projectTask: {
		label: 'Project Task',
		singular: 'project task',
		plural: 'project tasks',
		service: 'fscm',
		collection: 'Tasks',
		key: 'TaskId',
		keyKind: 'number',
		parent: { resource: 'project', child: 'Tasks' },
		operations: [...READ, 'create', 'update'],
		nameField: 'TaskName',
		numberField: 'TaskNumber',
		children: [],
		finders: [],
	},
	projectTemplate: {
		label: 'Project Template',
		singular: 'project template',
		plural: 'project templates',
		service: 'fscm',
		collection: 'projectTemplates',
		key: 'ProjectTemplateId',
		keyKind: 'number',
		operations: [...READ],
		nameField: 'ProjectTemplateName',
		numberField: 'ProjectTemplateNumber',
		children: ['Tasks'],
		finders: [],
	},
	unprocessedProjectCost: {
		label: 'Unprocessed Project Cost',
		singular: 'unprocessed project cost',
		plural: 'unprocessed project costs',
		service: 'fscm',
		collection: 'unprocessedProjectCosts',
		key: 'unprocessedProjectCostsUniqID',
		keyKind: 'hash',
		operations: [...READ, 'create', 'delete', 'batch', 'importCost'],
		nameField: 'OriginalTransactionReference',
		numberField: 'TransactionNumber',
		children: ['Errors'],
		finders: [],
		canonicalObject: 'unprocessedProjectCosts',
	},
	projectCost: {
		label: 'Project Cost (Processed)',
		singular: 'project cost',
		plural: 'project costs',
		service: 'fscm',
		collection: 'projectCosts',
		key: 'ExpenditureItemId',
		keyKind: 'number',
		operations: [...READ],
		nameField: 'OriginalTransactionReference',
		numberField: 'ExpenditureItemId',
		children: [],
		finders: [],
		canonicalObject: 'projectCosts',
	},
	projectBillingEvent: {
		label: 'Project Billing Event',
		singular: 'project billing event',
		plural: 'project billing events',
		service: 'fscm',
		collection: 'projectBillingEvents',
		key: 'EventId',
		keyKind: 'number',
		operations: [...READ, 'create', 'update', 'delete', 'batch'],
		nameField: 'EventDescription',
		numberField: 'EventNumber',
		children: [],
		finders: [],
		canonicalObject: 'projectBillingEvents',
	},
	projectContract: {
		label: 'Project Contract',
		singular: 'project contract',
		plural: 'project contracts',
		service: 'fscm',
		collection: 'contracts',
		key: 'ContractId',
		keyKind: 'number',
		operations: [...READ],
		nameField: 'ContractName',
		numberField: 'ContractNumber',
		children: ['ContractLine'],
		finders: [],
	},
	receivablesInvoice: {
		label: 'Receivables Invoice',
		singular: 'receivables invoice',
		plural: 'receivables invoices',
		service: 'fscm',
		collection: 'receivablesInvoices',
		key: 'CustomerTransactionId',
		keyKind: 'number',
		operations: [...READ, 'create', 'batch'],
		nameField: 'TransactionNumber',
		numberField: 'TransactionNumber',
		children: ['receivablesInvoiceLines'],
		finders: [{ name: 'invoiceSearch', variables: ['TransactionNumber', 'BillToCustomerName'] }],
		canonicalObject: 'receivablesInvoices',
		canonicalExpand: ['receivablesInvoiceLines'],
	},
	expenseReport: {
		label: 'Expense Report',
		singular: 'expense report',
		plural: 'expense reports',
		service: 'fscm',
		collection: 'expenseReports',
		key: 'ExpenseReportId',
		keyKind: 'number',
		operations: [...READ],
		nameField: 'Purpose',
		numberField: 'ExpenseReportNumber',
		children: ['Expense'],
		finders: [],
		canonicalObject: 'expenseReports',
		canonicalExpand: ['Expense'],
	},
	customer: {
		label: 'Customer (Account)',
		singular: 'account',
		plural: 'accounts',
		service: 'crm',
		collection: 'accounts',
		key: 'PartyNumber',
		keyKind: 'text',
		operations: [...READ, 'create', 'update', 'upsert'],
		nameField: 'OrganizationName',
		numberField: 'PartyNumber',
		children: [],
		finders: [],
		canonicalObject: 'accounts',
	},
	worker: {
		label: 'Worker',
		singular: 'worker',
		plural: 'workers',
		service: 'hcm',
		collection: 'workers',
		key: 'workersUniqID',
		keyKind: 'hash',
		operations: [...READ],
		nameField: 'DisplayName',
		numberField: 'PersonNumber',
		children: ['names', 'emails', 'workRelationships'],
		finders: [],
		canonicalObject: 'workers',
	},
	journal: {
		label: 'Journal (ERP Integration Import)',
		singular: 'journal',
		plural: 'journals',
		service: 'fscm',
		collection: 'erpintegrations',
		key: 'ReqstId',
		keyKind: 'number',
		operations: ['importJournals', 'getImportStatus'],
		nameField: 'ReqstId',
		children: [],
		finders: [],
	},
} satisfies Record<string, OracleResource>;

export type OracleResourceName = keyof typeof RESOURCES;

export function resourceOf(name: string): OracleResource {
	const resource = (RESOURCES as Record<string, OracleResource>)[name];
	if (!resource) throw new Error(`Unknown resource "${name}"`);
	return resource;
}

export function resourcesWith(operation: OracleOperation): OracleResourceName[] {
	return (Object.keys(RESOURCES) as OracleResourceName[]).filter((name) => (RESOURCES[name] as OracleResource).operations.includes(operation));
}
