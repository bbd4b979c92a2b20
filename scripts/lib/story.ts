/**
 * `npm run demo` told as one month at the consulting firm every sandbox is seeded from: a line per step of the
 * month (deals won, projects set up, people synced, time and expenses posted, invoices, revenue, reconciliation,
 * close) with its counts and business result, the checks behind it, and at the end the faults the month ran into
 * and what the Sync Ledger says about them: nothing lost (no key left claimed), nothing doubled (no key posted
 * to two different target records).
 *
 * Scenarios run in the order their shared sandbox state needs (scripts/scenarios/index.ts); the story is told in
 * the month's order. A scenario without a line here is still told, with its counts as they are.
 */
import { canonicalRow, rowKind, withResults } from '../../lib/governance';
import type { LedgerRow } from '../../lib/governance';
import type { Check } from './checks';

type Result = Record<string, unknown>;

export interface StoryStep {
	/** The scenario (scripts/scenarios) whose run this line tells. */
	scenario: string;
	/** Where in the month it happens: lines are told in this order. */
	when: number;
	step: string;
	tell?: (result: Result) => string;
}

const count = (value: unknown): number => (typeof value === 'number' ? value : Array.isArray(value) ? value.length : 0);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const writesOf = (value: unknown): number => (value && typeof value === 'object' ? Object.values(value as Record<string, number>).reduce((sum, n) => sum + count(n), 0) : count(value));

/** The month, step by step. */
export const STORY: StoryStep[] = [
	{
		scenario: 'opportunity-to-project',
		when: 10,
		step: 'Deals won → customers and projects (Salesforce → NetSuite)',
		tell: (r) => {
			const run1 = (r.run1 ?? {}) as Result;
			return `${plural(count(r.eligibleOpportunities), 'closed-won deal')} of ${plural(count(r.accounts), 'account')}: ${count(run1.posted)} posted as NetSuite customer and project, ids written back; re-run created ${plural(count(r.recordsCreatedOnRerun), 'record')}`;
		},
	},
	{ scenario: 'opportunity-to-kantata-project', when: 11, step: 'Deals won → Kantata workspaces', tell: (r) => `${plural(count(r.workspacesCreated), 'workspace')} for ${plural(count(r.eligibleOpportunities), 'deal')}; re-run found ${count(r.run2AlreadyDone)} already done` },
	{ scenario: 'opportunity-to-certinia-project', when: 12, step: 'Deals won → Certinia projects', tell: (r) => `${plural(count(r.projectsCreated), 'project')} for ${plural(count(r.eligibleOpportunities), 'deal')}; re-run found ${count(r.run2AlreadyDone)} already done` },
	{ scenario: 'd365-won-opportunity-to-project', when: 13, step: 'Deals won → Project Operations projects (Dynamics 365 Sales)', tell: (r) => `${plural(count(r.projectsCreated), 'project')} for ${plural(count(r.wonSinceCutOver), 'won opportunity', 'won opportunities')}; re-run wrote ${writesOf(r.run2Writes)} records` },
	{ scenario: 'won-deal-to-project', when: 14, step: 'Deals won → Certinia project with WBS, budget and staffing → NetSuite customer and project (flow 1 in full)', tell: (r) => `${plural(count(r.setUp), 'deal')} set up with ${plural(count(r.certiniaTasks), 'WBS task')}, budgets and staffing requests, ids written back; ${count(r.parkedForPmo)} parked for the PMO; re-run found ${count(r.run2AlreadyDone)} already done` },
	{ scenario: 'worker-sync', when: 20, step: 'People synced from Workday', tell: (r) => `${plural(count(r.changes), 'worker change')} posted ${count(r.run1Posted)}; re-run found ${count(r.run2AlreadyDone)} already done, an older change kept out ${count(r.run3Stale)} time(s)` },
	{ scenario: 'termination-conflicts', when: 21, step: 'Terminations with open assignments', tell: (r) => `${plural(count(r.exceptions), 'conflict')} sent to HR operations; re-run found ${count(r.run2AlreadyDone)} already raised` },
	{
		scenario: 'psa-erp-matrix',
		when: 30,
		step: 'Approved time → ERP project costs, every PSA × every ERP',
		tell: (r) => {
			const pairs = (r.pairs ?? []) as Result[];
			const posted = pairs.reduce((sum, p) => sum + count(p.posted), 0);
			return `${plural(count(r.checked), 'PSA × ERP pair')} checked of ${pairs.length}: ${plural(posted, 'time entry', 'time entries')} posted once each, ${pairs.reduce((sum, p) => sum + count(p.parked), 0)} parked for finance`;
		},
	},
	{ scenario: 'd365-approved-time-to-finance-journals', when: 31, step: 'Approved time and expenses → Dynamics 365 Finance journals', tell: (r) => `${plural(count(r.hourLines), 'hour line')} and ${plural(count(r.expenseLines), 'expense line')} from ${count(r.approvedTime)} approved entries; ${count(r.parked)} parked; re-run wrote ${writesOf(r.run2Writes)}` },
	{ scenario: 'psa-time-expenses-to-sap', when: 32, step: 'Approved time and expenses → SAP S/4HANA Cloud', tell: (r) => `${plural(count(r.timesheetEntries), 'timesheet entry', 'timesheet entries')} and ${plural(count(r.expenseJournals), 'expense journal')}; re-run found ${count(r.run2AlreadyDone)} already done` },
	{ scenario: 'psa-costs-to-oracle', when: 33, step: 'Approved time and expenses → Oracle Fusion project costs', tell: (r) => `${plural(count(r.costsImported), 'cost')} imported from ${count(r.approvedTime)} time entries and ${count(r.approvedExpenses)} expenses; re-run found ${count(r.run2AlreadyDone)} already done` },
	{ scenario: 'coupa-subcontractor-invoice-to-erp', when: 35, step: 'Subcontractor invoices (Coupa) → NetSuite vendor bills and Kantata budget burn', tell: (r) => `${plural(count(r.vendorBills), 'vendor bill')} and ${plural(count(r.budgetBurn), 'budget burn entry', 'budget burn entries')} from ${plural(count(r.invoices), 'approved invoice')}; re-run wrote ${writesOf(r.run2Writes)}` },
	{ scenario: 'staffing-to-forecast', when: 25, step: 'Staffing → labour forecast (Certinia → Dynamics 365 Finance hour estimates)', tell: (r) => `${plural(count(r.lines), 'forecast line')} per project and month, ${count(r.parked)} assignments parked; re-run wrote ${writesOf(r.run2Writes)}, one changed assignment rewrote ${plural(count(r.run3Writes), 'line')}` },
	{
		scenario: 'approved-expenses-to-erp',
		when: 34,
		step: 'Approved expenses → ERP, tax kept (Oracle Fusion; NetSuite by swapping the node)',
		tell: (r) => {
			const erps = Object.entries(r).filter(([, value]) => value && typeof value === 'object' && 'posted' in (value as Result)) as Array<[string, Result]>;
			return `${plural(count(r.receipts), 'receipt')}: ${erps.map(([erp, v]) => `${erp} ${count(v.posted)} postings, re-run ${count(v.run2AlreadyDone)} already done`).join('; ')}; ${count(r.inexact)} with more decimals than its currency parked`;
		},
	},
	{ scenario: 'milestone-to-invoice', when: 40, step: 'Milestones reached → NetSuite invoices, numbers back on Certinia', tell: (r) => `${count(r.invoiced)} of ${plural(count(r.released), 'released milestone')} invoiced, ${count(r.parked)} parked; re-run wrote ${writesOf(r.run2Writes)}` },
	{
		scenario: 'time-and-materials-invoicing',
		when: 41,
		step: 'Time & materials invoicing (Certinia → NetSuite, and Dynamics 365 Finance by swapping the node)',
		tell: (r) => `${plural(count(r.lines), 'billable record')} on ${plural(count(r.projects), 'project invoice')} (${((r.totals ?? []) as string[]).join(', ')}), marked invoiced; ${count(r.parked)} parked; re-runs wrote ${writesOf(r.netsuiteRun2) + writesOf(r.financeRun2)}`,
	},
	{ scenario: 'invoice-payment-status', when: 45, step: 'Invoice and payment status → Salesforce accounts and Kantata clients', tell: (r) => `${plural(count(r.customers), 'customer')} (${((r.statuses ?? []) as string[]).join(', ')}); re-run wrote ${writesOf(r.run2Writes)}, a later receipt wrote ${count(r.run3Writes)}` },
	{ scenario: 'change-order', when: 50, step: 'Change order: won quote → Project Operations budget and staffing, revenue catch-up journal in Finance', tell: (r) => `catch-up ${String(r.catchUp)} in ${plural(count(r.journals), 'balanced journal')}; re-run wrote ${writesOf(r.run2Writes)}` },
	{ scenario: 'revenue-schedule', when: 60, step: 'Revenue recognised and journalled (NetSuite)', tell: (r) => `${plural(count(r.contracts), 'contract')}, ${plural(count(r.scheduleLines), 'schedule line')}, ${plural(count(r.journalsPosted), 'journal')} posted; re-run added ${count(r.journalsAddedOnRerun)}` },
	{ scenario: 'revenue-schedule-oracle', when: 61, step: 'Revenue journals → Oracle Fusion', tell: (r) => `${plural(count(r.journalsImported), 'journal')} imported, ${count(r.journalsParked)} parked; re-run added ${count(r.journalsAddedOnRerun)}` },
	{ scenario: 'revenue-schedule-sap', when: 62, step: 'Revenue journals → SAP S/4HANA Cloud', tell: (r) => `${plural(count(r.journalsPosted), 'journal')} posted, ${count(r.journalsParked)} parked; re-run added ${count(r.journalsAddedOnRerun)}` },
	{
		scenario: 'psa-erp-revenue-matrix',
		when: 63,
		step: 'Revenue schedule → journals, every PSA × every ERP',
		tell: (r) => {
			const pairs = (r.pairs ?? []) as Result[];
			return `${plural(count(r.checked), 'PSA × ERP pair')} checked of ${pairs.length}: ${plural(pairs.reduce((sum, p) => sum + count(p.journals), 0), 'journal')} posted once each, ${pairs.reduce((sum, p) => sum + count(p.parked), 0)} parked`;
		},
	},
	{ scenario: 'time-reconciliation', when: 70, step: 'Reconciliation, PSA ↔ NetSuite time' },
	{ scenario: 'time-reconciliation-kantata', when: 71, step: 'Reconciliation, Kantata ↔ NetSuite time' },
	{ scenario: 'exception-replay', when: 75, step: 'A rejected record fixed and replayed', tell: (r) => `${plural(count(r.parked), 'record')} parked, ${count(r.replayed)} replayed after the fix, ${count(r.postedOnReplay)} posted; ERP writes on replays: ${count(r.netSuiteWritesOnReplays)}` },
	{
		scenario: 'erp-outage-drain',
		when: 76,
		step: 'NetSuite outage: breaker, parked entries, drain; close readiness and health digest',
		tell: (r) =>
			`${count(r.postedBeforeOutage)} of ${count(r.approved)} entries posted before the outage, breaker tripped after ${count(r.failedBeforeTrip)} failures, ${count(r.requestsAfterTrip)} requests after the trip, ${count(r.parkedForDrain)} parked and ${count(r.drained)} drained; ${count(r.inNetSuiteOnce)} in NetSuite once each`,
	},
	{
		scenario: 'month-end-close',
		when: 80,
		step: 'Month-end close readiness on a period seeded with one of each blocker',
		tell: (r) => {
			const before = (r.before ?? {}) as Result;
			const after = (r.after ?? {}) as Result;
			return `${String(r.period)}: ${plural(count(before.blockers), 'blocker')} (ready ${String(before.ready)}); after the fixes through the flows ${plural(count(after.blockers), 'blocker')} (ready ${String(after.ready)})`;
		},
	},
	{ scenario: 'analytics-replication-snowflake', when: 90, step: 'Analytics: canonical records replicated to Snowflake' },
	{
		scenario: 'posting-safety',
		when: 95,
		step: 'Safety drills: lost answers, concurrent runs, a run killed mid-batch, a late older change',
		tell: (r) => {
			const lost = (r.lostResponse ?? {}) as Result;
			const killed = (r.killed ?? {}) as Result;
			const stale = (r.stale ?? {}) as Result;
			const concurrent = (r.concurrent ?? {}) as Result;
			const postedBy = ((concurrent.posted ?? []) as number[]).join(' + ');
			return `lost answers resent, ${count(lost.posted)} deals posted once each; two runs at once on the same deals posted ${postedBy}; ${count(killed.batch)} deals in a run killed mid-batch posted on re-run, one project each (${((killed.projectsAfter ?? []) as number[]).join(', ')}); ${count(stale.stale)} late older change kept out`;
		},
	},
	{ scenario: 'template-binding', when: 96, step: 'Every template binds to credentials on import', tell: (r) => `${plural(count(r.templates), 'template')}, ${plural(count(r.nodesBound), 'node')} bound` },
];

/** A scenario's counts as they are, for steps without a sentence of their own. */
function plainCounts(result: Result): string {
	return Object.entries(result)
		.filter(([, value]) => typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v !== 'object')))
		.map(([key, value]) => `${key} ${count(value)}`)
		.join(', ');
}

export interface ScenarioRun {
	name: string;
	result?: Result;
	checks: Check[];
}

/** The month, a line per scenario that ran, in the month's order. */
export function storyLines(runs: ScenarioRun[]): string[] {
	const stepOf = new Map(STORY.map((step) => [step.scenario, step]));
	const ordered = [...runs].sort((a, b) => (stepOf.get(a.name)?.when ?? 80) - (stepOf.get(b.name)?.when ?? 80));
	return ordered.map((run, index) => {
		const step = stepOf.get(run.name);
		const failed = run.checks.filter((check) => !check.ok).length;
		const verdict = failed ? `✗ ${failed} of ${run.checks.length} checks failed` : `✓ ${plural(run.checks.length, 'check')}`;
		let told = '';
		try {
			told = run.result ? (step?.tell ?? plainCounts)(run.result) : 'did not finish';
		} catch (error) {
			told = `(untold: ${(error as Error).message})`;
		}
		return `${String(index + 1).padStart(2)}. ${step?.step ?? run.name}: ${told} ${verdict}`;
	});
}

export interface Incident {
	sandbox: string;
	kind: string;
	label?: string;
}

export interface LedgerVerdict {
	tables: number;
	keys: number;
	posted: number;
	/** Keys whose claim was never resolved (neither posted nor failed): work that would be lost. */
	lost: string[];
	/** Keys posted to two different target records: a duplicate posting. */
	doubled: string[];
}

/** What every ledger table says at the end: each key's claims read with their results, grouped by key. */
export function ledgerVerdict(tables: Array<Array<Record<string, unknown>>>): LedgerVerdict {
	const verdict: LedgerVerdict = { tables: tables.length, keys: 0, posted: 0, lost: [], doubled: [] };
	for (const rows of tables) {
		// A `settling` row (a claimer killed between insert and confirm) is no claim: every reader ignores it.
		const claims = (withResults(rows).filter((row) => rowKind(row) === 'claim') as unknown as LedgerRow[]).filter((row) => String(row.status) !== 'settling');
		const byKey = new Map<string, LedgerRow[]>();
		for (const row of claims) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
		for (const [key, rowsOfKey] of byKey) {
			verdict.keys++;
			const targets = new Set(rowsOfKey.filter((row) => row.status === 'posted' && row.targetId).map((row) => `${row.targetSystem ?? ''}:${row.targetId}`));
			if (targets.size > 0) verdict.posted++;
			if (targets.size > 1) verdict.doubled.push(key);
			if (canonicalRow(rowsOfKey)?.status === 'claimed') verdict.lost.push(key);
		}
	}
	return verdict;
}

/** The closing lines: faults by kind and who met them, and the ledger's verdict. */
export function faultLines(incidents: Incident[], verdict: LedgerVerdict): string[] {
	const byKind = new Map<string, Set<string>>();
	const counts = new Map<string, number>();
	for (const incident of incidents) {
		counts.set(incident.kind, (counts.get(incident.kind) ?? 0) + 1);
		byKind.set(incident.kind, (byKind.get(incident.kind) ?? new Set()).add(`${incident.sandbox}${incident.label ? ` in ${incident.label}` : ''}`));
	}
	const kinds = [...counts.entries()].map(([kind, n]) => `${n} × ${kind} (${[...byKind.get(kind)!].join(', ')})`);
	return [
		`Faults met: ${kinds.length ? kinds.join('; ') : 'none'}`,
		`The ledger after the month: ${plural(verdict.keys, 'key')} in ${plural(verdict.tables, 'table')}, ${verdict.posted} posted; lost ${verdict.lost.length}, doubled ${verdict.doubled.length}`,
	];
}
