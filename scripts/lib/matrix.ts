/**
 * The PSA × ERP matrices: the nodes a user swaps in the canonical templates (approved-time-to-erp.json, flow 3, and
 * revenue-schedule-to-erp.json, flow 9, below) to pair any
 * landed PSA with any landed ERP, and the substitution itself, done the way a user does it in the editor: the
 * node at the same position and under the same name (so every connection and every `$('…')` reference of the
 * shared steps still holds) becomes the other vendor's node with its canonical parameters and credential.
 * Nothing else changes, except the Sync Ledger's table prefix when a run keeps pairs apart (the matrix runs
 * pairs side by side, each with its own ledger tables).
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import type { TemplateWorkflow } from './templates';

export const APPROVED_TIME_TEMPLATE = 'approved-time-to-erp.json';

type Node = TemplateWorkflow['nodes'][number] & { id?: string; position?: number[]; typeVersion?: number; executeOnce?: boolean };
type Credential = Record<string, { id: null; name: string }>;

/** What one slot node becomes for a vendor: type, parameters and credential (name and position stay). */
export interface SlotNode {
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Credential;
}

export interface Vendor {
	key: string;
	label: string;
	/** The node for every slot of the template's PSA or ERP side, by node name. */
	nodes: Record<string, SlotNode>;
}

const PKG = 'n8n-nodes-planning-to-cash';
const CREDENTIALS = {
	dataverse: { p2cDataverseClientCredentialsApi: { id: null, name: 'Microsoft Dataverse (Client Credentials) API' } },
	salesforce: { p2cSalesforceJwtApi: { id: null, name: 'Salesforce (Planning to Cash) JWT API' } },
	netsuite: { p2cNetSuiteTbaApi: { id: null, name: 'NetSuite (Planning to Cash) Token-Based Auth API' } },
	kantata: { p2cKantataTokenApi: { id: null, name: 'Kantata OX (Planning to Cash) Token API' } },
	oracle: { p2cOracleFusionOAuth2Api: { id: null, name: 'Oracle Fusion (Planning to Cash) OAuth2 API' } },
	sap: { p2cSapS4HanaCloudBasicApi: { id: null, name: 'SAP S/4HANA Cloud (Planning to Cash) Communication User API' } },
	finance: { p2cDynamics365FinanceApi: { id: null, name: 'Microsoft Dynamics 365 Finance (Client Credentials) API' } },
} satisfies Record<string, Credential>;

/** The PSA side of approved-time-to-erp: approved time, people and projects (with their WBS), all canonical. */
export const PSA_SLOTS = ['Approved time (PSA)', 'People (PSA)', 'Projects (PSA)'] as const;
/** The ERP side: its projects (master data), the canonical rendering, and the write. */
export const ERP_SLOTS = ['Projects (ERP)', 'To ERP record', 'Post to ERP'] as const;

const canonical = (extra: Record<string, unknown> = {}) => ({ output: 'canonical', canonicalEnvironment: 'sandbox', ...extra });

export const PSAS: Vendor[] = [
	{
		key: 'projectOperations',
		label: 'Dynamics 365 Project Operations',
		nodes: {
			'Approved time (PSA)': {
				type: `${PKG}.dynamics365ProjectOperations`,
				credentials: CREDENTIALS.dataverse,
				parameters: { authentication: 'clientCredentials', resource: 'timeEntry', operation: 'getMany', returnAll: true, conditions: { condition: [{ column: 'msdyn_entrystatus', operator: 'eq', value: '192350002', valueType: 'auto' }] }, ...canonical() },
			},
			'People (PSA)': { type: `${PKG}.dynamics365ProjectOperations`, credentials: CREDENTIALS.dataverse, parameters: { authentication: 'clientCredentials', resource: 'bookableResource', operation: 'getMany', returnAll: true, ...canonical() } },
			'Projects (PSA)': { type: `${PKG}.dynamics365ProjectOperations`, credentials: CREDENTIALS.dataverse, parameters: { authentication: 'clientCredentials', resource: 'project', operation: 'getMany', returnAll: true, ...canonical() } },
		},
	},
	{
		key: 'certinia',
		label: 'Certinia PSA',
		nodes: {
			'Approved time (PSA)': {
				type: `${PKG}.certinia`,
				credentials: CREDENTIALS.salesforce,
				parameters: {
					authentication: 'jwt',
					resource: 'timecard',
					operation: 'getMany',
					fields: ['Id', 'External_Id__c', 'pse__Resource__c', 'pse__Project__c', 'pse__Start_Date__c', 'pse__Monday_Hours__c', 'pse__Tuesday_Hours__c', 'pse__Wednesday_Hours__c', 'pse__Thursday_Hours__c', 'pse__Friday_Hours__c', 'pse__Saturday_Hours__c', 'pse__Sunday_Hours__c', 'pse__Total_Hours__c', 'pse__Status__c', 'pse__Billable__c'],
					conditions: { condition: [{ field: 'pse__Status__c', operator: 'equal', value: 'Approved' }] },
					returnAll: true,
					...canonical(),
				},
			},
			'People (PSA)': {
				type: `${PKG}.certinia`,
				credentials: CREDENTIALS.salesforce,
				parameters: { authentication: 'jwt', resource: 'resource', operation: 'getMany', fields: ['Id', 'External_Id__c', 'FirstName', 'LastName', 'pse__Is_Resource_Active__c', 'pse__Default_Cost_Rate__c', 'pse__Start_Date__c', 'CurrencyIsoCode'], returnAll: true, ...canonical() },
			},
			'Projects (PSA)': {
				type: `${PKG}.certinia`,
				credentials: CREDENTIALS.salesforce,
				parameters: { authentication: 'jwt', resource: 'project', operation: 'getMany', fields: ['Id', 'External_Id__c', 'Name', 'pse__Is_Active__c', 'pse__Stage__c', 'pse__Start_Date__c', 'pse__End_Date__c'], returnAll: true, ...canonical() },
			},
		},
	},
	{
		key: 'kantata',
		label: 'Kantata OX',
		nodes: {
			'Approved time (PSA)': { type: `${PKG}.kantata`, credentials: CREDENTIALS.kantata, parameters: { authentication: 'token', resource: 'timeEntry', operation: 'getMany', returnAll: true, filters: { approved: 'true' }, ...canonical() } },
			// Kantata keeps the firm's ids as external references: read with them, each record carries its id.
			'People (PSA)': { type: `${PKG}.kantata`, credentials: CREDENTIALS.kantata, parameters: { authentication: 'token', resource: 'user', operation: 'getMany', returnAll: true, readOptions: { include: ['external_references'] }, ...canonical() } },
			'Projects (PSA)': { type: `${PKG}.kantata`, credentials: CREDENTIALS.kantata, parameters: { authentication: 'token', resource: 'workspace', operation: 'getMany', returnAll: true, readOptions: { include: ['external_references'] }, ...canonical() } },
		},
	},
	{
		key: 'netsuite',
		label: 'NetSuite (as PSA)',
		nodes: {
			// Approved time entered in NetSuite itself (no external id: not brought in from another system).
			'Approved time (PSA)': {
				type: `${PKG}.netSuite`,
				credentials: CREDENTIALS.netsuite,
				parameters: { authentication: 'tba', resource: 'timeBill', operation: 'getMany', conditions: { condition: [{ column: 'approvalstatus', operator: 'equals', value: '2' }, { column: 'externalid', operator: 'isEmpty' }] }, returnAll: true, ...canonical({ canonicalOptions: { defaultCurrency: 'USD' } }) },
			},
			'People (PSA)': { type: `${PKG}.netSuite`, credentials: CREDENTIALS.netsuite, parameters: { authentication: 'tba', resource: 'employee', operation: 'getMany', returnAll: true, ...canonical({ canonicalOptions: { defaultCurrency: 'USD' } }) } },
			'Projects (PSA)': { type: `${PKG}.netSuite`, credentials: CREDENTIALS.netsuite, parameters: { authentication: 'tba', resource: 'job', operation: 'getMany', returnAll: true, ...canonical({ canonicalOptions: { defaultCurrency: 'USD' } }) } },
		},
	},
];

export const ERPS: Vendor[] = [
	{
		key: 'netsuite',
		label: 'NetSuite',
		nodes: {
			'Projects (ERP)': { type: `${PKG}.netSuite`, credentials: CREDENTIALS.netsuite, parameters: { authentication: 'tba', resource: 'job', operation: 'getMany', returnAll: true, ...canonical({ canonicalOptions: { defaultCurrency: 'USD' } }) } },
			'To ERP record': { type: `${PKG}.canonicalTransform`, parameters: { operation: 'fromCanonical', target: 'netsuite:timeBill', options: { recordField: 'erpEntry', verifyIdempotencyKey: false } } },
			'Post to ERP': {
				type: `${PKG}.netSuite`,
				credentials: CREDENTIALS.netsuite,
				parameters: {
					authentication: 'tba',
					resource: 'timeBill',
					operation: 'upsert',
					externalId: "={{ $('Check & Claim').item.json.externalKey }}",
					specifyBody: 'json',
					jsonBody: "={{ (() => { const c = $('Check & Claim').item.json; const { externalId, ...bill } = $json.record; return { ...bill, employee: { externalId: c.erp.worker }, customer: { id: c.erp.project.id }, ...(c.erp.task ? { caseTaskEvent: { id: c.erp.task.id } } : {}) }; })() }}",
				},
			},
		},
	},
	{
		key: 'oracle',
		label: 'Oracle Fusion',
		nodes: {
			'Projects (ERP)': { type: `${PKG}.oracleFusion`, credentials: CREDENTIALS.oracle, parameters: { authentication: 'oAuth2', resource: 'project', operation: 'getMany', returnAll: true, readOptions: { expand: 'Tasks' }, ...canonical() } },
			'To ERP record': { type: `${PKG}.canonicalTransform`, parameters: { operation: 'fromCanonical', target: 'oracleFusion:unprocessedLaborCost', options: { recordField: 'erpEntry', verifyIdempotencyKey: false } } },
			'Post to ERP': {
				type: `${PKG}.oracleFusion`,
				credentials: CREDENTIALS.oracle,
				parameters: {
					authentication: 'oAuth2',
					resource: 'unprocessedProjectCost',
					operation: 'importCost',
					// Transaction source, document and expenditure type, and the business unit and organization by the project's currency: set these to your own.
					jsonBody:
						"={{ (() => { const c = $('Check & Claim').item.json; const byCurrency = { USD: ['US1 Business Unit', 'Consulting US'], GBP: ['UK1 Business Unit', 'Consulting UK'] }; const [unit, organization] = byCurrency[c.erp.project.currency] ?? byCurrency.USD; return { ...$json.record, TransactionSource: 'External PSA', Document: 'PSA Labor', DocumentEntry: 'Professional', ExpenditureType: 'Professional Labor', BusinessUnit: unit, ExpenditureOrganization: organization, OriginalTransactionReference: c.reference }; })() }}",
				},
			},
		},
	},
	{
		key: 'sap',
		label: 'SAP S/4HANA Cloud',
		nodes: {
			'Projects (ERP)': { type: `${PKG}.sapS4HanaCloud`, credentials: CREDENTIALS.sap, parameters: { resource: 'project', operation: 'getMany', returnAll: true, ...canonical() } },
			'To ERP record': { type: `${PKG}.canonicalTransform`, parameters: { operation: 'fromCanonical', target: 'sap:TimeSheetEntryCollection', options: { recordField: 'erpEntry', verifyIdempotencyKey: false } } },
			'Post to ERP': {
				type: `${PKG}.sapS4HanaCloud`,
				credentials: CREDENTIALS.sap,
				parameters: {
					resource: 'timesheetEntry',
					operation: 'create',
					personWorkAgreementExternalId: "={{ $('Check & Claim').item.json.erp.worker }}",
					// Company code of the work agreement by the project's currency: set these to your own.
					companyCode: "={{ ({ USD: '1710', GBP: '4410' })[$('Check & Claim').item.json.erp.project.currency] ?? '1710' }}",
					date: '={{ $json.record.TimeSheetDate }}',
					hours: '={{ $json.record.TimeSheetDataFields.RecordedHours }}',
					wbsElement: "={{ $('Check & Claim').item.json.erp.task.id }}",
					note: '={{ $json.record.TimeSheetDataFields.TimeSheetNote }}',
					externalReference: "={{ $('Check & Claim').item.json.reference }}",
					releaseOnSave: true,
				},
			},
		},
	},
	{
		key: 'finance',
		label: 'Dynamics 365 Finance',
		nodes: {
			'Projects (ERP)': { type: `${PKG}.dynamics365Finance`, credentials: CREDENTIALS.finance, parameters: { resource: 'project', operation: 'getMany', company: 'usmf', returnAll: true, ...canonical() } },
			'To ERP record': { type: `${PKG}.canonicalTransform`, parameters: { operation: 'fromCanonical', target: 'd365finance:ProjectJournalLines', options: { recordField: 'erpEntry', verifyIdempotencyKey: false } } },
			'Post to ERP': {
				type: `${PKG}.dynamics365Finance`,
				credentials: CREDENTIALS.finance,
				parameters: {
					resource: 'hourJournal',
					operation: 'create',
					company: 'usmf',
					// One hour journal per entry, found again by its reference: a re-run or a lost answer adds no second line.
					externalReference: "={{ $('Check & Claim').item.json.reference }}",
					jsonBody: '{"JournalName": "Hours"}',
					lineReferenceField: 'Description',
					linesJson: "={{ JSON.stringify([{ ...$json.record, Description: $('Check & Claim').item.json.reference, Category: 'Consulting' }]) }}",
				},
			},
		},
	},
];

export interface Pair {
	psa: Vendor;
	erp: Vendor;
}

/** Every pair the matrix runs (NetSuite as PSA with NetSuite as ERP is the same system: its time is already there). */
export function matrixPairs(): Pair[] {
	return PSAS.flatMap((psa) => ERPS.filter((erp) => unpairedReason(psa, erp) === undefined).map((erp) => ({ psa, erp })));
}

export function readTemplate(file: string): TemplateWorkflow {
	return JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows-templates', file), 'utf8')) as TemplateWorkflow;
}

/**
 * The template with the PSA and ERP slot nodes replaced by the pair's nodes (same name, id and position), and,
 * when given, every Sync Ledger node's table prefix set to `ledgerPrefix`. Returns a new workflow.
 */
export function substitute(template: TemplateWorkflow, pair: Pair, options: { ledgerPrefix?: string; slots?: readonly string[] } = {}): TemplateWorkflow {
	const copy = JSON.parse(JSON.stringify(template)) as TemplateWorkflow;
	const replacements: Record<string, SlotNode> = { ...pair.psa.nodes, ...pair.erp.nodes };
	for (const name of options.slots ?? [...PSA_SLOTS, ...ERP_SLOTS]) {
		if (!copy.nodes.some((n) => n.name === name)) throw new Error(`template ${template.name} has no node named ${name}`);
		if (!replacements[name]) throw new Error(`${pair.psa.label} / ${pair.erp.label} has no node for ${name}`);
	}
	copy.nodes = copy.nodes.map((node: Node) => {
		const slot = replacements[node.name];
		if (slot) {
			const { credentials: _old, ...kept } = node;
			void _old;
			return { ...kept, type: slot.type, parameters: JSON.parse(JSON.stringify(slot.parameters)), ...(slot.credentials ? { credentials: JSON.parse(JSON.stringify(slot.credentials)) } : {}) };
		}
		if (options.ledgerPrefix && node.type === `${PKG}.syncLedger`) return { ...node, parameters: { ...node.parameters, tablePrefix: options.ledgerPrefix } };
		return node;
	});
	return copy;
}

/** Why a PSA and ERP are not paired: the same system (its own time is already the ERP's cost). */
export function unpairedReason(psa: Vendor, erp: Vendor): string | undefined {
	return psa.key === erp.key ? 'same system' : undefined;
}

/**
 * The README's matrix table: a tick for each pair the matrix runs (the real n8n run fails when any of them
 * fails), a dash with the reason for a pair it does not. test/matrix/readme.test.ts keeps the README equal to it.
 */
export function matrixTable(): string {
	const pairs = new Set(matrixPairs().map(({ psa, erp }) => `${psa.key}:${erp.key}`));
	const rows = PSAS.map((psa) => `| ${psa.label} | ${ERPS.map((erp) => (pairs.has(`${psa.key}:${erp.key}`) ? '✓' : `— (${unpairedReason(psa, erp) ?? 'not run'})`)).join(' | ')} |`);
	return [`| PSA ↓ · ERP → | ${ERPS.map((erp) => erp.label).join(' | ')} |`, `|---|${ERPS.map(() => '---').join('|')}|`, ...rows].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Flow 9, revenue schedule → journals (revenue-schedule-to-erp.json): the PSA's projects and billing milestones
// (canonical) make each project's contract; the ERP side is its chart of accounts in Revenue Schedule, the
// canonical rendering of the journal and the journal write.

export const REVENUE_TEMPLATE = 'revenue-schedule-to-erp.json';

/** The PSA side of revenue-schedule-to-erp: billing milestones and projects, both canonical. */
export const REVENUE_PSA_SLOTS = ['Milestones (PSA)', 'Projects (PSA)'] as const;
/** The ERP side: its accounts (Revenue Schedule → Journal Accounts), the canonical rendering, and the journal write. */
export const REVENUE_ERP_SLOTS = ['Revenue Schedule', 'To ERP record', 'Post to ERP'] as const;
export const REVENUE_SLOTS: readonly string[] = [...REVENUE_PSA_SLOTS, ...REVENUE_ERP_SLOTS];

const psaNode = (vendor: string, slot: string) => PSAS.find((psa) => psa.key === vendor)!.nodes[slot];

export const REVENUE_PSAS: Vendor[] = [
	{
		key: 'projectOperations',
		label: 'Dynamics 365 Project Operations',
		nodes: {
			'Milestones (PSA)': { type: `${PKG}.dynamics365ProjectOperations`, credentials: CREDENTIALS.dataverse, parameters: { authentication: 'clientCredentials', resource: 'milestone', operation: 'getMany', returnAll: true, ...canonical() } },
			'Projects (PSA)': psaNode('projectOperations', 'Projects (PSA)'),
		},
	},
	{
		key: 'certinia',
		label: 'Certinia PSA',
		nodes: {
			'Milestones (PSA)': {
				type: `${PKG}.certinia`,
				credentials: CREDENTIALS.salesforce,
				parameters: { authentication: 'jwt', resource: 'milestone', operation: 'getMany', fields: ['Id', 'External_Id__c', 'Name', 'CurrencyIsoCode', 'pse__Project__c', 'pse__Milestone_Amount__c', 'pse__Target_Date__c', 'pse__Actual_Date__c', 'pse__Status__c', 'pse__Invoiced__c'], returnAll: true, ...canonical() },
			},
			'Projects (PSA)': psaNode('certinia', 'Projects (PSA)'),
		},
	},
	{
		key: 'kantata',
		label: 'Kantata OX',
		nodes: {
			// Stories carry no currency: read with their workspace, a milestone's amount takes the workspace's.
			'Milestones (PSA)': { type: `${PKG}.kantata`, credentials: CREDENTIALS.kantata, parameters: { authentication: 'token', resource: 'story', operation: 'getMany', returnAll: true, readOptions: { include: ['workspace', 'external_references'] }, ...canonical() } },
			'Projects (PSA)': psaNode('kantata', 'Projects (PSA)'),
		},
	},
	{
		key: 'netsuite',
		label: 'NetSuite (as PSA)',
		nodes: {
			// A fixed-bid project's milestone amounts live in its billing schedule (Fixed Bid, Milestone): each line a
			// percentage of the project price, read as canonical milestones in the project's currency.
			'Milestones (PSA)': { type: `${PKG}.netSuite`, credentials: CREDENTIALS.netsuite, parameters: { authentication: 'tba', resource: 'projectMilestone', operation: 'getMany', returnAll: true, ...canonical({ canonicalOptions: { defaultCurrency: 'USD' } }) } },
			'Projects (PSA)': psaNode('netsuite', 'Projects (PSA)'),
		},
	},
];

/** Journal Accounts of Revenue Schedule in each ERP's chart (the sandbox's; set these to your own). */
const revenueSchedule = (accounts: Record<string, string>): SlotNode => ({
	type: `${PKG}.revenueSchedule`,
	parameters: { contractField: 'contract', outputMode: 'contract', includeTrace: false, accounts },
});

export const REVENUE_ERPS: Vendor[] = [
	{
		key: 'netsuite',
		label: 'NetSuite',
		nodes: {
			'Revenue Schedule': revenueSchedule({ revenue: '305', contractLiability: '210', contractAsset: '125', unbilledReceivable: '125', receivable: '54' }),
			'To ERP record': { type: `${PKG}.canonicalTransform`, parameters: { operation: 'fromCanonical', target: 'netsuite:journalEntry', options: { recordField: 'erpEntry', verifyIdempotencyKey: false } } },
			'Post to ERP': {
				type: `${PKG}.netSuite`,
				credentials: CREDENTIALS.netsuite,
				parameters: {
					authentication: 'tba',
					resource: 'journalEntry',
					operation: 'upsert',
					externalId: "={{ $('Check & Claim').item.json.reference }}",
					specifyBody: 'json',
					// Subsidiary by the journal's currency: set these to your own.
					jsonBody: "={{ (() => { const { externalId, currency, ...journal } = $json.record; return { ...journal, subsidiary: { id: ({ USD: '2', GBP: '3' })[$('Check & Claim').item.json.currency] ?? '2' } }; })() }}",
				},
			},
		},
	},
	{
		key: 'oracle',
		label: 'Oracle Fusion',
		nodes: {
			// Company segment 101 (US ledger); Post to ERP writes the UK ledger's 102 for a GBP journal.
			'Revenue Schedule': revenueSchedule({ revenue: '101.10.41000.000', contractLiability: '101.10.21000.000', contractAsset: '101.10.12500.000', unbilledReceivable: '101.10.12500.000', receivable: '101.10.11000.000' }),
			'To ERP record': { type: `${PKG}.canonicalTransform`, parameters: { operation: 'fromCanonical', target: 'oracleFusion:glInterfaceJournal', options: { recordField: 'erpEntry', verifyIdempotencyKey: false } } },
			'Post to ERP': {
				type: `${PKG}.oracleFusion`,
				credentials: CREDENTIALS.oracle,
				parameters: {
					authentication: 'oAuth2',
					resource: 'journal',
					operation: 'importJournals',
					// Import Journals takes the canonical journal (To ERP record checked it renders as GL interface lines).
					journal: "={{ (() => { const c = $('Check & Claim').item.json; const company = ({ USD: '101', GBP: '102' })[c.currency] ?? '101'; const j = c.erpEntry.journalEntry; return { ...j, lines: j.lines.map((l) => ({ ...l, account: { id: l.account.id.replace(/^[^.]+/, company) } })) }; })() }}",
					// Ledger by the journal's currency (Import Journals sends one file per ledger): set these to your own.
					ledgerId: "={{ ({ USD: '300000046975971', GBP: '300000046975972' })[$('Check & Claim').item.json.currency] ?? '300000046975971' }}",
					dataAccessSetId: '300000046975980',
					journalSource: 'Revenue Recognition',
					journalCategory: 'Revenue',
					waitForCompletion: true,
					pollIntervalSeconds: 2,
					timeoutSeconds: 600,
				},
			},
		},
	},
	{
		key: 'sap',
		label: 'SAP S/4HANA Cloud',
		nodes: {
			'Revenue Schedule': revenueSchedule({ revenue: '41000000', contractLiability: '21700000', contractAsset: '12600000', unbilledReceivable: '12600000', receivable: '12100000' }),
			'To ERP record': { type: `${PKG}.canonicalTransform`, parameters: { operation: 'fromCanonical', target: 'sap:JournalEntry', options: { recordField: 'erpEntry', verifyIdempotencyKey: false } } },
			'Post to ERP': {
				type: `${PKG}.sapS4HanaCloud`,
				credentials: CREDENTIALS.sap,
				parameters: {
					resource: 'journalEntry',
					operation: 'post',
					// Company code by the journal's currency: set these to your own.
					journalCompanyCode: "={{ ({ USD: '1710', GBP: '4410' })[$('Check & Claim').item.json.currency] ?? '1710' }}",
					postingDate: '={{ $json.record.postingDate }}',
					reference: '={{ $json.record.reference }}',
					headerText: '={{ $json.record.headerText }}',
					lines: '={{ JSON.stringify($json.record.lines) }}',
				},
			},
		},
	},
	{
		key: 'finance',
		label: 'Dynamics 365 Finance',
		nodes: {
			'Revenue Schedule': revenueSchedule({ revenue: '401100', contractLiability: '200100', contractAsset: '130100', unbilledReceivable: '130100', receivable: '130100' }),
			'To ERP record': { type: `${PKG}.canonicalTransform`, parameters: { operation: 'fromCanonical', target: 'd365finance:LedgerJournalHeaders', options: { recordField: 'erpEntry', verifyIdempotencyKey: false } } },
			'Post to ERP': {
				type: `${PKG}.dynamics365Finance`,
				credentials: CREDENTIALS.finance,
				parameters: {
					resource: 'generalJournal',
					operation: 'create',
					// Legal entity by the journal's currency: set these to your own.
					company: "={{ ({ USD: 'usmf', GBP: 'gbsi' })[$('Check & Claim').item.json.currency] ?? 'usmf' }}",
					// One general journal per period's journal, found again by its reference (a re-run adds no second one), then posted once.
					externalReference: "={{ $('Check & Claim').item.json.reference }}",
					jsonBody: '={{ JSON.stringify({ JournalName: "GenJrn", Description: $json.record.Description }) }}',
					linesJson: '={{ JSON.stringify($json.record.lines) }}',
					postAfterCreate: true,
				},
			},
		},
	},
];

/**
 * Why the revenue flow does not pair a PSA and ERP; undefined when it does. Every landed PSA reads its billing
 * milestones, and a PSA is paired with its own system as ERP too (NetSuite → NetSuite: the revenue journals post
 * to the same account's ledger, which the PSA side only reads).
 */
export function revenueUnpairedReason(psa: Vendor, _erp: Vendor): string | undefined {
	return Object.keys(psa.nodes).length === 0 ? 'no milestone amounts: the PSA node reads no billing milestones' : undefined;
}

export function revenuePairs(): Pair[] {
	return REVENUE_PSAS.flatMap((psa) => REVENUE_ERPS.filter((erp) => revenueUnpairedReason(psa, erp) === undefined).map((erp) => ({ psa, erp })));
}

/** The README's flow-9 matrix table (test/matrix/readme.test.ts keeps the README equal to it). */
export function revenueMatrixTable(): string {
	const pairs = new Set(revenuePairs().map(({ psa, erp }) => `${psa.key}:${erp.key}`));
	const rows = REVENUE_PSAS.map((psa) => `| ${psa.label} | ${REVENUE_ERPS.map((erp) => (pairs.has(`${psa.key}:${erp.key}`) ? '✓' : `— (${revenueUnpairedReason(psa, erp) ?? 'not run'})`)).join(' | ')} |`);
	return [`| PSA ↓ · ERP → | ${REVENUE_ERPS.map((erp) => erp.label).join(' | ')} |`, `|---|${REVENUE_ERPS.map(() => '---').join('|')}|`, ...rows].join('\n');
}
