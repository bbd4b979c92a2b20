/**
 * Template psa-erp-reconciliation in real n8n: for the previous calendar month (the template's default period), the
 * PSA's approved time, approved expenses and milestones approved for billing against the ERP's time bills, expense
 * reports and invoices, as the posting flows keyed them (P2C-<psa>-<id>, P2C-MS-<psa>-<id>).
 *
 * The scenario seeds its own records in that month (no other scenario writes there), with known differences: an
 * hours mismatch, time missing in the ERP and time missing in the PSA, a cost one minor unit off, an invoice
 * missing in the ERP; plus a receipt the ERP holds as two parts (amount and tax) that must match as one. It checks
 * exactly those differences, the control totals to the minor unit, each exception parked once with its owner, a
 * second run that parks nothing new and writes nothing; then swaps the three PSA read nodes for Kantata OX (as a
 * user would, same names and places) and gets the same result shape from Kantata's records.
 */
import { schemaFor } from '../../sandbox/netsuite/schema';
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import type { ExecutionJson } from '../lib/realN8n';
import { bindTemplate, shippedTemplates } from '../lib/templates';
import type { TemplateWorkflow } from '../lib/templates';
import { allRuns, EXCEPTION_TABLE, executeWorkflow } from './governed';
import type { Rec } from './governed';

const TEMPLATE = 'psa-erp-reconciliation.json';
const WORKFLOW_ID = 'p2cPsaErpRecon1';
const KANTATA_COPY_ID = 'p2cPsaErpReconKt1';
const PKG = 'n8n-nodes-planning-to-cash';

/** The template's default period: the previous calendar month (UTC), and days in it. */
export function previousMonth(): { from: string; to: string; day: (offset: number) => string; monday: string } {
	const now = new Date();
	const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
	const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
	// The first Monday of the month: timecards are weeks starting on Monday, and days Monday–Thursday stay in the month.
	const monday = new Date(first.getTime() + ((8 - first.getUTCDay()) % 7) * 86_400_000);
	const iso = (d: Date) => d.toISOString().slice(0, 10);
	return { from: iso(first), to: iso(last), monday: iso(monday), day: (offset) => iso(new Date(monday.getTime() + offset * 86_400_000)) };
}

/** Decimal text without trailing zeros, so "19.0" and "19" compare as the same hours. */
const plain = (text: unknown) => String(text).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

interface Seeded {
	psa: string;
	/** ERP external ids of each seeded case. */
	keys: { timeMatched: string; timeHours: string; timeMissingInErp: string; timeMissingInPsa: string; costMatched: string; costOffByOne: string; costWithTax: string; invoiceMatched: string; invoiceMissingInErp: string };
}

const NS_WRITE = { nameValidation: 'Warning' as const, replace: [], now: new Date().toISOString() };

/** The ERP side (NetSuite) of the seeded cases: what the posting flows would have written, with the seeded differences. */
export function seedNetSuite(context: ScenarioContext, seeded: Seeded, period: ReturnType<typeof previousMonth>): void {
	const store = context.sandboxes.netsuite.store;
	const employee = store.all('employee')[0];
	const job = store.all('job')[0];
	const customer = store.all('customer')[0];
	const category = store.lookupRows('expenseCategory').find((c) => c.name === 'Travel')!;
	const usd = store.lookupRows('currency').find((c) => c.name === 'USD')!;
	const { keys } = seeded;
	const timeBill = (externalId: string, date: string, hours: string) =>
		store.create(schemaFor('timeBill')!, { employee: { id: employee.id }, customer: { id: job.id }, tranDate: date, hours, memo: `[${externalId}]` }, NS_WRITE, externalId);
	timeBill(keys.timeMatched, period.day(0), '7.5');
	timeBill(keys.timeHours, period.day(1), '7.5');
	timeBill(keys.timeMissingInPsa, period.day(3), '4');
	const expense = (externalId: string, date: string, amount: number) =>
		store.create(
			schemaFor('expenseReport')!,
			{ entity: { id: employee.id }, tranDate: date, memo: `[${externalId}]`, expense: { items: [{ category: { id: category.id }, amount, expensedate: date, customer: { id: job.id } }] } },
			NS_WRITE,
			externalId,
		);
	expense(keys.costMatched, period.day(1), 412.35);
	expense(keys.costOffByOne, period.day(2), 58.21);
	// A receipt with tax, posted as its amount without tax and the tax (approved-expenses-to-erp): 90.00 + 10.00.
	expense(keys.costWithTax, period.day(2), 90);
	expense(`${keys.costWithTax}-tax`, period.day(2), 10);
	store.create(
		schemaFor('invoice')!,
		{ entity: { id: customer.id }, job: { id: job.id }, tranDate: period.day(3), currency: { id: usd.id }, item: { items: [{ item: { id: '21' }, quantity: 1, rate: 25000, amount: 25000 }] } },
		NS_WRITE,
		keys.invoiceMatched,
	);
}

/** Certinia (the Salesforce sandbox's pse__ objects): approved timecards of one day each, approved expenses, milestones. */
export function seedCertinia(context: ScenarioContext, period: ReturnType<typeof previousMonth>): Seeded {
	const org = context.sandboxes.salesforce.org;
	const users = org.records(objectDef('User')!) as Rec[];
	const userId = String(users[users.length - 1].Id);
	// PSA takes time only on a resource's assignment to the project: one of the firm's USD assignments.
	const projects = org.records(objectDef('pse__Proj__c')!) as Rec[];
	const assignment = (org.records(objectDef('pse__Assignment__c')!) as Rec[]).find((a) => projects.find((p) => p.Id === a.pse__Project__c)?.CurrencyIsoCode === 'USD')!;
	const project = { Id: assignment.pse__Project__c as string };
	const resource = { Id: assignment.pse__Resource__c as string };
	// PSA approves only what was submitted: each record is saved as Submitted, then approved, as an approver would.
	const approved = (object: string, body: Rec) => {
		const id = org.insert(object, { ...body, pse__Status__c: 'Submitted' }, userId);
		org.update(object, id, { pse__Status__c: 'Approved' }, userId);
		return id;
	};
	const timecard = (weekday: 'Monday' | 'Tuesday' | 'Wednesday', hours: number) =>
		approved('pse__Timecard_Header__c', { pse__Resource__c: resource.Id, pse__Project__c: project.Id, pse__Assignment__c: assignment.Id, pse__Start_Date__c: period.monday, pse__End_Date__c: period.day(6), [`pse__${weekday}_Hours__c`]: hours, CurrencyIsoCode: 'USD' });
	const expense = (date: string, amount: number) =>
		approved('pse__Expense__c', { pse__Resource__c: resource.Id, pse__Project__c: project.Id, pse__Assignment__c: assignment.Id, pse__Amount__c: amount, CurrencyIsoCode: 'USD', pse__Type__c: 'Domestic', pse__Expense_Date__c: date });
	const milestone = (name: string, amount: number, currency: string, invoiced: boolean) =>
		org.insert(
			'pse__Milestone__c',
			{ Name: name, pse__Project__c: project.Id, pse__Milestone_Amount__c: amount, CurrencyIsoCode: currency, pse__Target_Date__c: period.day(3), pse__Actual_Date__c: period.day(3), pse__Status__c: 'Approved', pse__Approved__c: true, pse__Approved_for_Billing__c: true, pse__Invoiced__c: invoiced },
			userId,
		);
	const psa = 'certinia';
	const key = (id: string) => `P2C-${psa}-${id}`;
	return {
		psa,
		keys: {
			timeMatched: key(timecard('Monday', 7.5)),
			timeHours: key(timecard('Tuesday', 8)),
			timeMissingInErp: key(timecard('Wednesday', 6)),
			timeMissingInPsa: key('a8DRECON0000000001'),
			costMatched: key(expense(period.day(1), 412.35)),
			costOffByOne: key(expense(period.day(2), 58.2)),
			costWithTax: key(expense(period.day(2), 100)),
			invoiceMatched: `P2C-MS-${psa}-${milestone('Reconciliation: phase sign-off', 25000, 'USD', true)}`,
			invoiceMissingInErp: `P2C-MS-${psa}-${milestone('Reconciliation: handover', 12000.5, 'GBP', false)}`,
		},
	};
}

/** Kantata OX: approved time entries (minutes), expenses on an approved submission, completed milestone stories. */
export function seedKantata(context: ScenarioContext, period: ReturnType<typeof previousMonth>): Seeded {
	const account = context.sandboxes.kantata.account;
	const workspace = account.records('workspaces').find((w) => w.currency === 'USD')!;
	const gbpWorkspace = account.records('workspaces').find((w) => w.currency === 'GBP') ?? workspace;
	const user = account.records('users').find((u) => u.id !== account.integrationUserId())!;
	const time = (date: string, minutes: number) =>
		String(account.insert('time_entries', { date_performed: date, time_in_minutes: minutes, billable: true, currency: 'USD', currency_base_unit: 100, workspace_id: workspace.id, user_id: user.id, approved: true, is_invoiced: false }).id);
	const expense = (date: string, cents: number) => {
		const row = account.insert('expenses', { date, category: 'Travel', amount_in_cents: cents, currency: 'USD', currency_base_unit: 100, is_invoiced: false, is_billable: true, reimbursable: true, workspace_id: workspace.id, user_id: user.id });
		const submission = account.insert('expense_report_submissions', { status: 'approved', title: `Expenses ${String(row.id)}`, user_id: user.id, workspace_id: workspace.id, expense_ids: [row.id] });
		Object.assign(row, { active_submission_id: submission.id, recent_submission_id: submission.id });
		return String(row.id);
	};
	const milestone = (title: string, cents: number, inWorkspace: Rec) =>
		String(account.insert('stories', { title, story_type: 'milestone', workspace_id: inWorkspace.id, start_date: period.day(0), due_date: period.day(3), state: 'completed', budget_estimate_in_cents: cents, billable: true, fixed_fee: true }).id);
	const psa = 'kantata';
	const key = (id: string) => `P2C-${psa}-${id}`;
	return {
		psa,
		keys: {
			timeMatched: key(time(period.day(0), 450)),
			timeHours: key(time(period.day(1), 480)),
			timeMissingInErp: key(time(period.day(2), 360)),
			timeMissingInPsa: key('99000001'),
			costMatched: key(expense(period.day(1), 41235)),
			costOffByOne: key(expense(period.day(2), 5820)),
			costWithTax: key(expense(period.day(2), 10000)),
			invoiceMatched: `P2C-MS-${psa}-${milestone('Reconciliation: phase sign-off', 2500000, workspace)}`,
			invoiceMissingInErp: `P2C-MS-${psa}-${milestone('Reconciliation: handover', 1200050, gbpWorkspace)}`,
		},
	};
}

/** The template with its three PSA read nodes swapped for Kantata OX's, as a user does it: same name, same place. */
export function withKantataAsPsa(template: TemplateWorkflow): TemplateWorkflow {
	const credentials = { p2cKantataTokenApi: { id: null, name: 'Kantata OX (Planning to Cash) Token API' } };
	const canonical = { output: 'canonical', canonicalEnvironment: 'sandbox' };
	const swap: Record<string, Record<string, unknown>> = {
		'Approved time (PSA)': { authentication: 'token', resource: 'timeEntry', operation: 'getMany', returnAll: true, filters: { approved: 'true' }, ...canonical },
		'Approved expenses (PSA)': { authentication: 'token', resource: 'expense', operation: 'getMany', returnAll: true, filters: { approved: 'true' }, ...canonical },
		// Stories carry no currency: read with their workspace, a milestone's amount takes the workspace's.
		'Billed milestones (PSA)': { authentication: 'token', resource: 'story', operation: 'getMany', returnAll: true, readOptions: { include: ['workspace'] }, ...canonical },
	};
	const copy = JSON.parse(JSON.stringify(template)) as TemplateWorkflow;
	copy.nodes = copy.nodes.map((node) => (swap[node.name] ? { ...node, type: `${PKG}.kantata`, parameters: swap[node.name], credentials } : node));
	return copy;
}

interface RunResult {
	ok: boolean;
	data?: ExecutionJson;
	output: string;
}

/** Checks one run's differences, control totals and exceptions against the seeded cases. */
async function checkRun(context: ScenarioContext, run: RunResult, seeded: Seeded, label: string): Promise<Record<string, number>> {
	const { checks, dataTables } = context;
	checks.check(`psa-erp-reconciliation run succeeds in real n8n${label}`, run.ok, run.ok ? undefined : run.output.slice(-1500));
	const { keys, psa } = seeded;
	const own = new Set(Object.values(keys));
	const mine = (items: Rec[]) => items.filter((d) => own.has(String((d.source ?? d.target)?.externalKey)));
	const outputs = ['matched', 'mismatched', 'missingInTarget', 'missingInSource', 'duplicates'] as const;
	const byOutcome = Object.fromEntries(outputs.map((name, i) => [name, mine(allRuns(run.data, 'Reconcile', i)).map((d) => `${String((d.source ?? d.target).stream)} ${String((d.source ?? d.target).externalKey)}`).sort()]));
	const expected = {
		matched: [`expense ${keys.costMatched}`, `expense ${keys.costWithTax}`, `invoice ${keys.invoiceMatched}`, `time ${keys.timeMatched}`].sort(),
		mismatched: [`expense ${keys.costOffByOne}`, `time ${keys.timeHours}`].sort(),
		missingInTarget: [`invoice ${keys.invoiceMissingInErp}`, `time ${keys.timeMissingInErp}`].sort(),
		missingInSource: [`time ${keys.timeMissingInPsa}`],
		duplicates: [],
	};
	checks.check(`exactly the seeded differences, per stream${label}: time (hours, missing in the ERP, missing in the PSA), a cost off by one cent, an invoice missing in the ERP; the taxed receipt matches as one cost`, JSON.stringify(byOutcome) === JSON.stringify(expected), { byOutcome, expected });

	const mismatched = mine(allRuns(run.data, 'Reconcile', 1));
	const differences = Object.fromEntries(mismatched.map((d) => [String(d.source.externalKey), (d.differences as Rec[]).map((x) => `${String(x.field)} ${plain(x.source)}→${plain(x.target)} (${plain(x.difference)})`)]));
	checks.check(
		`the differing field with both values${label}: hours 8 → 7.5 (−0.5), amount 58.20 → 58.21 (0.01)`,
		JSON.stringify(differences[keys.timeHours]) === JSON.stringify(['hours 8→7.5 (-0.5)']) && JSON.stringify(differences[keys.costOffByOne]) === JSON.stringify(['amount 58.2→58.21 (0.01)']),
		differences,
	);

	// The period holds only this scenario's records, so the control totals are exactly the seeded ones.
	const summary = allRuns(run.data, 'Control totals', 0)[0];
	const totals = ((summary?.totals ?? []) as Rec[]).map((t) =>
		[t.group, t.currency, `${String(t.source.count)}/${String(t.target.count)}/${String(t.difference.count)}`, t.currency === null ? ['source', 'target', 'difference'].map((side) => plain(t[side].quantities.hours)).join('/') : `${String(t.source.amount)}/${String(t.target.amount)}/${String(t.difference.amount)}`].join(' '),
	);
	const expectedTotals = ['expense USD 3/3/0 570.55/570.56/0.01', 'invoice GBP 1/0/-1 12000.50/0.00/-12000.50', 'invoice USD 1/1/0 25000.00/25000.00/0.00', 'time  3/3/0 21.5/19/-2.5'];
	checks.check(`control totals per stream and currency, both sides and the difference, to the minor unit${label}`, JSON.stringify(totals) === JSON.stringify(expectedTotals) && (summary?.rejected as unknown[])?.length === 0, { totals, expectedTotals, summary });
	checks.check(
		`the summary counts each stream's outcomes${label}`,
		JSON.stringify(summary?.streams) ===
			JSON.stringify({
				expense: { matched: 2, mismatched: 1, missingInTarget: 0, missingInSource: 0, duplicateKeys: 0 },
				invoice: { matched: 1, mismatched: 0, missingInTarget: 1, missingInSource: 0, duplicateKeys: 0 },
				time: { matched: 1, mismatched: 1, missingInTarget: 1, missingInSource: 1, duplicateKeys: 0 },
			}),
		summary?.streams,
	);

	const prefix = `reconcile:${psa}:`;
	const rows = (await dataTables.rows(EXCEPTION_TABLE)).filter((r) => String(r.key).startsWith(prefix) && own.has(String(r.key).split(':').slice(4).join(':')));
	const parked = rows.map((r) => `${String(r.key)} ${String(r.domain)} ${String(r.owner)}`).sort();
	const expectedRows = [
		`${prefix}expense:mismatched:${keys.costOffByOne} finance Finance`,
		`${prefix}invoice:missingInTarget:${keys.invoiceMissingInErp} finance Billing`,
		`${prefix}time:mismatched:${keys.timeHours} finance Finance`,
		`${prefix}time:missingInSource:${keys.timeMissingInPsa} pmo PMO`,
		`${prefix}time:missingInTarget:${keys.timeMissingInErp} finance Finance`,
	].sort();
	const reasonOf = (key: string) => String(rows.find((r) => r.key === key)?.reason ?? '');
	checks.check(
		`every difference parked once with its owner (time: finance or PMO, costs: finance, invoices: Billing), the reason naming the field and both values${label}`,
		JSON.stringify(parked) === JSON.stringify(expectedRows) &&
			rows.every((r) => r.status === 'open') &&
			/amount PSA 58\.20?, ERP 58\.21 \(ERP − PSA 0\.01\)/.test(reasonOf(`${prefix}expense:mismatched:${keys.costOffByOne}`)) &&
			/hours PSA 8(\.0+)?, ERP 7\.50?/.test(reasonOf(`${prefix}time:mismatched:${keys.timeHours}`)),
		rows.map((r) => ({ key: r.key, domain: r.domain, owner: r.owner, reason: r.reason })),
	);
	return { matched: byOutcome.matched.length, mismatched: byOutcome.mismatched.length, missingInErp: byOutcome.missingInTarget.length, missingInPsa: byOutcome.missingInSource.length, exceptions: rows.length };
}

/** Requests that change a sandbox: anything but a read (SuiteQL queries and token requests are POSTs that read). */
function writes(context: ScenarioContext, from: { salesforce: number; netsuite: number; kantata: number }): string[] {
	const { salesforce, netsuite, kantata } = context.sandboxes;
	const changing = (r: { method: string; path: string }) => r.method !== 'GET' && !/\/suiteql$|\/oauth2\/token$|\/token$/.test(r.path);
	return [
		...salesforce.requests.slice(from.salesforce).filter(changing),
		...netsuite.requests.slice(from.netsuite).filter(changing),
		...kantata.requests.slice(from.kantata).filter(changing),
	].map((r) => `${r.method} ${r.path}`);
}

export const psaErpReconciliation: Scenario = {
	name: 'psa-erp-reconciliation',
	async run(context) {
		const { checks, n8n, sandboxes, dataTables } = context;
		const period = previousMonth();
		const certinia = seedCertinia(context, period);
		seedNetSuite(context, certinia, period);

		const requestsBefore = () => ({ salesforce: sandboxes.salesforce.requests.length, netsuite: sandboxes.netsuite.requests.length, kantata: sandboxes.kantata.requests.length });
		const before1 = requestsBefore();
		const first = await executeWorkflow(n8n, WORKFLOW_ID);
		const counts = await checkRun(context, first, certinia, '');
		checks.check('run 1 only reads: no record written to Certinia or NetSuite', writes(context, before1).length === 0, writes(context, before1));

		const rowsBefore = (await dataTables.rows(EXCEPTION_TABLE)).length;
		const before2 = requestsBefore();
		const second = await executeWorkflow(n8n, WORKFLOW_ID);
		const again = allRuns(second.data, 'Park for owner', 0);
		const rowsAfter = (await dataTables.rows(EXCEPTION_TABLE)).length;
		checks.check(
			'run 2 finds the same differences and parks none of them again (Once Per Key), and writes nothing to the vendors',
			second.ok && again.length === 5 && again.every((e) => e.exception?.alreadyParked === true) && rowsAfter === rowsBefore && writes(context, before2).length === 0,
			{ ok: second.ok, parkedAgain: again.map((e) => e.exception), rowsBefore, rowsAfter, writes: writes(context, before2) },
		);

		// The same template with Kantata OX as the PSA: the three PSA read nodes swapped, nothing else.
		const kantata = seedKantata(context, period);
		seedNetSuite(context, kantata, period);
		const template = shippedTemplates().find((t) => t.file === TEMPLATE)!.workflow;
		const copy = bindTemplate(TEMPLATE, withKantataAsPsa(template), context.credentialsByType);
		await n8n.importWorkflow({ ...copy, id: KANTATA_COPY_ID, name: `${copy.name.slice(0, 90)} [Kantata as PSA]` });
		const kantataRun = await executeWorkflow(n8n, KANTATA_COPY_ID);
		const kantataCounts = await checkRun(context, kantataRun, kantata, ' (Kantata as the PSA)');
		return { ...counts, kantata: kantataCounts, exceptionRowsAfterRun2: rowsAfter - rowsBefore };
	},
};
