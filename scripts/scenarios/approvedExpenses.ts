/**
 * Template approved-expenses-to-erp in real n8n, on two ERPs: as shipped (Project Operations → Oracle Fusion
 * unprocessed expense costs) and with the ERP nodes swapped for NetSuite's the way a user would in the editor
 * (scripts/lib/matrix.ts substitute, expense slots; NetSuite expense reports). The scenario adds approved expenses
 * to the Project Operations sandbox (admin seed, as approval leaves them): two receipts with sales tax and one whose
 * amount has more decimals than its currency. Run 1 of each ERP must post every approved receipt once, its amount
 * without tax and its tax as two records, each to the cent, and park the inexact receipt naming its amount field;
 * run 2 must find everything Already Done and send the ERP nothing.
 */
import { parseAmount, formatAmount } from '../../lib/money';
import { ServiceRows } from '../../sandbox/dataverse/module';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { readTemplate, substitute } from '../lib/matrix';
import type { Pair, Vendor } from '../lib/matrix';
import { PSAS } from '../lib/matrix';
import { bindTemplate } from '../lib/templates';
import { allRuns, executeWorkflow, netSuiteRecords } from './governed';
import type { Rec } from './governed';

export const APPROVED_EXPENSES_TEMPLATE = 'approved-expenses-to-erp.json';
export const APPROVED_EXPENSES = 'p2cApprovedExpensesErp1';
const NETSUITE_COPY = 'p2cApprovedExpensesNs1';

/** The slots a user swaps in approved-expenses-to-erp (same names as the time template's, expenses first). */
export const EXPENSE_SLOTS = ['Approved expenses (PSA)', 'People (PSA)', 'Projects (PSA)', 'Projects (ERP)', 'To ERP record', 'Post to ERP'] as const;
const APPROVED = 192350002;
const PKG = 'n8n-nodes-planning-to-cash';
const NETSUITE_CREDENTIAL = { p2cNetSuiteTbaApi: { id: null, name: 'NetSuite (Planning to Cash) Token-Based Auth API' } };

/** NetSuite as the ERP of the expense template: its projects, its expense report target, its write. */
export const NETSUITE_EXPENSE_ERP: Vendor = {
	key: 'netsuite',
	label: 'NetSuite',
	nodes: {
		'Projects (ERP)': { type: `${PKG}.netSuite`, credentials: NETSUITE_CREDENTIAL, parameters: { authentication: 'tba', resource: 'job', operation: 'getMany', returnAll: true, output: 'canonical', canonicalEnvironment: 'sandbox', canonicalOptions: { defaultCurrency: 'USD' } } },
		'To ERP record': { type: `${PKG}.canonicalTransform`, parameters: { operation: 'fromCanonical', target: 'netsuite:expenseReport', options: { recordField: 'erpExpense', verifyIdempotencyKey: false } } },
		'Post to ERP': {
			type: `${PKG}.netSuite`,
			credentials: NETSUITE_CREDENTIAL,
			parameters: {
				authentication: 'tba',
				resource: 'expenseReport',
				operation: 'upsert',
				externalId: "={{ $('Check & Claim').item.json.externalKey }}",
				specifyBody: 'json',
				// Expense categories by name: set these to your own NetSuite expense category ids.
				jsonBody:
					"={{ (() => { const c = $('Check & Claim').item.json; const categories = { Travel: '3', Meals: '4', 'Non-Recoverable Tax': '8' }; const r = $json.record; return { entity: { externalId: c.erp.worker }, tranDate: r.tranDate, memo: r.memo ?? c.reference, expense: { items: r.expense.items.map((i) => ({ category: { id: categories[c.category] ?? c.category }, amount: i.amount, expensedate: i.expensedate, memo: i.memo, customer: { id: c.erp.project.id }, isBillable: i.isBillable })) } }; })() }}",
			},
		},
	},
};

/** The receipts the scenario adds: amounts and tax in cents, and one whose amount is finer than a cent. */
const RECEIPTS = [
	{ externalId: 'PSA-EX-2101', name: 'Hotel, 3 nights', category: 'Travel', net: '557.18', tax: '55.72' },
	{ externalId: 'PSA-EX-2102', name: 'Client dinner', category: 'Meals', net: '77.25', tax: '6.90' },
	{ externalId: 'PSA-EX-2103', name: 'Parking', category: 'Travel', net: '12.345', tax: undefined },
] as const;

interface Posting {
	reference: string;
	amount: string;
	category: string;
}

/** What each ERP must hold for the approved Project Operations expenses: per receipt, its amount without tax and its tax. */
const OWN_CATEGORIES = new Set(['Travel', 'Meals']);

/**
 * The postings the flow owes for the firm's and this scenario's approved receipts (categories Travel and Meals).
 * Receipts earlier scenarios added in other categories (d365-approved-time-to-finance's Lodging receipt, made for a
 * refusal) are `foreign`: this scenario does not judge what an ERP does with them.
 */
function expectedPostings(context: ScenarioContext): { postings: Posting[]; inexact: string[]; foreign: string[] } {
	const rows = context.sandboxes.dataverse.service.records('msdyn_expenses') as Rec[];
	const categories = new Map((context.sandboxes.dataverse.service.records('msdyn_expensecategories') as Rec[]).map((c) => [c.msdyn_expensecategoryid, c.msdyn_name]));
	const postings: Posting[] = [];
	const inexact: string[] = [];
	const foreign: string[] = [];
	for (const row of rows.filter((r) => r.msdyn_expensestatus === APPROVED)) {
		const reference = `dataverse:${row.msdyn_expenseid}`;
		if (!OWN_CATEGORIES.has(String(categories.get(row._msdyn_expensecategory_value)))) {
			foreign.push(reference, `${reference}:tax`);
			continue;
		}
		const tax = row.msdyn_salestaxamount ? String(row.msdyn_salestaxamount) : undefined;
		const total = String(tax ? row.msdyn_totalamount : row.msdyn_amount);
		let cents: bigint;
		try {
			cents = parseAmount(total, 'USD');
		} catch {
			inexact.push(reference);
			continue;
		}
		const taxCents = tax ? parseAmount(tax, 'USD') : 0n;
		postings.push({ reference, amount: formatAmount(cents - taxCents, 'USD'), category: String(categories.get(row._msdyn_expensecategory_value)) });
		if (taxCents !== 0n) postings.push({ reference: `${reference}:tax`, amount: formatAmount(taxCents, 'USD'), category: 'Non-Recoverable Tax' });
	}
	return { postings, inexact, foreign };
}

/** What Oracle holds for the flow: costs (unprocessed or processed) by their PSA reference. */
function oraclePostings(context: ScenarioContext): Posting[] {
	const store = context.sandboxes.oracleFusion.store;
	return [...store.all('unprocessedProjectCosts'), ...store.all('projectCosts')]
		.filter((c) => String(c.OriginalTransactionReference ?? '').startsWith('dataverse:') && c.Document === 'PSA Expenses')
		.map((c) => ({ reference: String(c.OriginalTransactionReference), amount: formatAmount(parseAmount(String(c.DenomRawCost), String(c.DenomCurrencyCode)), String(c.DenomCurrencyCode)), category: String(c.ExpenditureType) }));
}

/** What NetSuite holds for the flow: expense reports by the external id the template gives them. */
function netSuitePostings(context: ScenarioContext): Posting[] {
	const names: Record<string, string> = { '3': 'Travel', '4': 'Meals', '8': 'Non-Recoverable Tax' };
	return netSuiteRecords(context, 'expenseReport')
		.filter((r) => String(r.externalId ?? '').startsWith('P2C-dataverse-'))
		.flatMap((r) => (((r.expense as Rec | undefined)?.items as Rec[] | undefined) ?? []).map((line) => ({ externalId: String(r.externalId), line })))
		.map(({ externalId, line }) => ({ reference: externalId, amount: formatAmount(parseAmount(String(line.amount), 'USD'), 'USD'), category: names[String(line.category?.id ?? line.category)] ?? String(line.category?.id) }));
}

/** Non-GET requests, less the token requests and reads sent as POST (SuiteQL). */
const writesTo = (requests: Array<{ method: string; path: string }>, skip: RegExp) => requests.filter((r) => r.method !== 'GET' && !skip.test(r.path)).length;

export const approvedExpenses: Scenario = {
	name: 'approved-expenses-to-erp',
	async run(context) {
		const { checks, n8n, sandboxes } = context;
		const ids = sandboxes.projectOperations.ids!;
		const rows = new ServiceRows(sandboxes.dataverse.service);
		const known = new Set((sandboxes.dataverse.service.records('msdyn_expenses') as Rec[]).map((r) => r.p2c_externalid));
		for (const receipt of RECEIPTS) {
			if (known.has(receipt.externalId)) continue;
			const net = Number(receipt.net);
			const tax = receipt.tax === undefined ? undefined : Number(receipt.tax);
			const total = tax === undefined ? net : Number(formatAmount(parseAmount(receipt.net, 'USD') + parseAmount(receipt.tax!, 'USD'), 'USD'));
			await rows.insert('msdyn_expenses', {
				msdyn_name: receipt.name, msdyn_transactiondate: '2026-01-20', msdyn_amount: net, msdyn_quantity: 1, msdyn_price: net, msdyn_salestaxamount: tax ?? null, msdyn_totalamount: total,
				msdyn_expensestatus: APPROVED, _msdyn_bookableresource_value: ids.resources['EMP-0002'], _msdyn_project_value: ids.projects['SF-006A000101'],
				_msdyn_expensecategory_value: ids.expenseCategories[receipt.category], _transactioncurrencyid_value: ids.currencies.USD, p2c_externalid: receipt.externalId, statecode: 0, statuscode: 1,
			});
		}
		const { postings: expected, inexact, foreign } = expectedPostings(context);
		checks.check('Project Operations holds approved receipts with tax and one inexact amount', expected.some((p) => p.reference.endsWith(':tax')) && inexact.length === 1, { expected, inexact });

		// NetSuite as the ERP: the shipped template with the ERP nodes swapped, imported under its own id.
		const projectOperations = PSAS.find((psa) => psa.key === 'projectOperations')!;
		const pair: Pair = { psa: { ...projectOperations, nodes: { ...projectOperations.nodes, 'Approved expenses (PSA)': shippedNode('Approved expenses (PSA)') } }, erp: NETSUITE_EXPENSE_ERP };
		const netSuiteCopy = bindTemplate(APPROVED_EXPENSES_TEMPLATE, substitute(readTemplate(APPROVED_EXPENSES_TEMPLATE), pair, { slots: EXPENSE_SLOTS }), context.credentialsByType);
		await n8n.importWorkflow({ ...netSuiteCopy, id: NETSUITE_COPY, name: `${netSuiteCopy.name} [NetSuite]` });

		const results: Record<string, unknown> = {};
		for (const erp of [
			{ label: 'Oracle Fusion', id: APPROVED_EXPENSES, held: oraclePostings, key: (p: Posting) => p.reference, writes: () => writesTo(sandboxes.oracleFusion.requests, /oauth|token/i) },
			{ label: 'NetSuite', id: NETSUITE_COPY, held: netSuitePostings, key: (p: Posting) => `P2C-${p.reference.replace(/^dataverse:/, 'dataverse-')}`.replace(/[^A-Za-z0-9-]/g, '-'), writes: () => writesTo(sandboxes.netsuite.requests, /\/(auth|oauth2?)\/|\/query\/v1\/suiteql/) },
		]) {
			const foreignKeys = new Set(foreign.map((reference) => erp.key({ reference, amount: '', category: '' })));
			const held = (c: ScenarioContext) => erp.held(c).filter((p) => !foreignKeys.has(p.reference));
			const before = held(context);
			const first = await executeWorkflow(n8n, erp.id);
			const after = held(context);
			const added = after.filter((p) => !before.some((b) => JSON.stringify(b) === JSON.stringify(p)));
			const exact = expected.every((want) => {
				const found = after.filter((p) => p.reference === erp.key(want));
				return found.length === 1 && found[0].amount === want.amount && found[0].category === want.category;
			});
			const parked = allRuns(first.data, 'Park for owner', 0);
			const refused = allRuns(first.data, 'Park for finance', 0);
			const parkedRight = parked.length === inexact.length && parked.every((p) => p.exception?.domain === 'finance' && String(p.masterData?.field).includes('expense.lines[0].amount.amount'));
			checks.check(
				`approved-expenses-to-erp → ${erp.label}, run 1: every approved receipt posted once, its amount without tax and its tax as two records to the cent; the receipt finer than a cent parked for finance naming expense.lines[0].amount.amount`,
				first.ok && exact && after.length === expected.length && parkedRight && refused.length <= foreign.length / 2,
				{ expected, held: after, added: added.length, parked: parked.map((p) => ({ field: p.masterData?.field, reason: p.masterData?.reason })), refused: refused.map((p) => p.exception?.reason ?? p), error: failure(first.data), output: first.ok ? undefined : first.output.slice(-1500) },
			);
			const writesBefore = erp.writes();
			const second = await executeWorkflow(n8n, erp.id);
			const alreadyDone = allRuns(second.data, 'Check & Claim', 1).length;
			const sent = allRuns(second.data, 'Post to ERP', 0).length;
			checks.check(`approved-expenses-to-erp → ${erp.label}, run 2: every posting Already Done, the ERP gets no write`, second.ok && alreadyDone === expected.length && sent === 0 && erp.writes() === writesBefore && held(context).length === after.length, {
				alreadyDone,
				sent,
				writes: { before: writesBefore, after: erp.writes() },
				error: failure(second.data),
				output: second.ok ? undefined : second.output.slice(-1000),
			});
			results[erp.label] = { posted: added.length, parked: parked.length, run2AlreadyDone: alreadyDone };
		}
		return { receipts: expected.length, inexact: inexact.length, ...results };
	},
};

/** The node and message an execution stopped on, for the check's detail. */
function failure(execution: Rec | undefined): Rec | undefined {
	const error = execution?.data?.resultData?.error;
	return error ? { node: execution?.data?.resultData?.lastNodeExecuted, message: error.message, description: error.description } : undefined;
}

/** A node of the shipped template as a slot node (the PSA read the NetSuite copy keeps). */
function shippedNode(name: string) {
	const node = readTemplate(APPROVED_EXPENSES_TEMPLATE).nodes.find((n) => n.name === name)!;
	return { type: node.type, parameters: node.parameters, credentials: node.credentials as Record<string, { id: null; name: string }> };
}
