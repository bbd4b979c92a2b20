/**
 * Template revenue-schedule in real n8n: closed-won opportunities → ASC 606 contracts → Revenue Schedule →
 * one NetSuite journal per contract and period, upserted by external id. Checks that every schedule sums
 * exactly to its transaction price, every posted journal balances, and a second run posts nothing new: each
 * journal passes the Sync Ledger's Check & Claim (key: external id + hash of date and lines) before it is posted.
 */
import { withResults } from '../../lib/governance';
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { nodeOutput } from '../lib/realN8n';
import { allRuns, LEDGER_TABLE, executeWorkflow } from './governed';

const WORKFLOW_ID = 'p2cRevSchedule01';

type Rec = Record<string, any>;

/** Decimal string or JSON number with at most 2 decimals → cents, without float arithmetic. */
function cents(value: unknown): bigint {
	const text = typeof value === 'number' ? value.toFixed(2) : String(value);
	const [whole, fraction = ''] = text.split('.');
	const sign = whole.startsWith('-') ? -1n : 1n;
	return sign * (BigInt(whole.replace('-', '') || '0') * 100n + BigInt((fraction + '00').slice(0, 2)));
}

function revenueJournals(context: ScenarioContext): Rec[] {
	const records = (context.sandboxes.netsuite.options.snapshot() as { records: Record<string, Rec[]> }).records.journalEntry ?? [];
	return records.filter((r) => String(r.externalId ?? '').startsWith('REV-'));
}

export const revenueSchedule: Scenario = {
	name: 'revenue-schedule',
	async run(context) {
		const { checks, n8n } = context;
		const closedWon = (context.sandboxes.salesforce.org.records(objectDef('Opportunity')!) as Rec[]).filter((o) => o.StageName === 'Closed Won');

		const first = await executeWorkflow(n8n, WORKFLOW_ID);
		checks.check('revenue-schedule run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const schedules = nodeOutput(first.data, 'Revenue Schedule', 0);
		const exceptions = nodeOutput(first.data, 'Revenue Schedule', 1);
		checks.check('one schedule per closed-won opportunity, no exceptions', schedules.length === closedWon.length && exceptions.length === 0, {
			schedules: schedules.length,
			closedWon: closedWon.length,
			exceptions: exceptions.map((e) => e.errors),
		});
		const exact = schedules.every((s) => {
			const total = (s.schedule as Rec[]).reduce((sum, line) => sum + cents(line.amount), 0n);
			const allocated = (s.allocations as Rec[]).reduce((sum, a) => sum + cents(a.allocated), 0n);
			return total === cents(s.transactionPrice) && allocated === cents(s.transactionPrice);
		});
		checks.check('every schedule and allocation sums exactly to its transaction price', exact);

		const periods = nodeOutput(first.data, 'One journal per period');
		const posted = allRuns(first.data, 'Record Result', 0);
		const failed = allRuns(first.data, 'Park for finance', 0);
		const journals = revenueJournals(context);
		checks.check('every period journal is claimed, posted to NetSuite once and recorded as posted in the ledger', periods.length > 0 && posted.length === periods.length && failed.length === 0 && journals.length === posted.length, {
			periods: periods.length,
			posted: posted.length,
			parked: failed.map((f) => f.reason),
			journals: journals.length,
		});
		const ledger = (withResults(await context.dataTables.rows(LEDGER_TABLE))).filter((r) => String(r.key).startsWith('netsuite:journal:REV-'));
		checks.check(
			'journal ledger keys are the external id plus a content hash, one posted row per journal, target id = NetSuite journal id',
			ledger.length === journals.length &&
				ledger.every((r) => r.status === 'posted' && /^netsuite:journal:REV-.+:[0-9a-f]{8}$/.test(String(r.key)) && journals.some((j) => String(j.id) === String(r.targetId))),
			ledger.slice(0, 3).map((r) => ({ key: r.key, status: r.status, targetId: r.targetId })),
		);
		const balanced = journals.every((j) => {
			const lines = (j.line?.items ?? []) as Rec[];
			const debit = lines.reduce((sum, l) => sum + (l.debit === undefined ? 0n : cents(l.debit)), 0n);
			const credit = lines.reduce((sum, l) => sum + (l.credit === undefined ? 0n : cents(l.credit)), 0n);
			return lines.length >= 2 && debit === credit && debit > 0n;
		});
		checks.check('every posted journal balances (debits = credits, to the cent)', balanced);

		const writesBefore = context.sandboxes.netsuite.requests.filter((r) => r.method === 'PUT').length;
		const second = await executeWorkflow(n8n, WORKFLOW_ID);
		const alreadyDone = nodeOutput(second.data, 'Check & Claim', 1).length;
		const writesOnRerun = context.sandboxes.netsuite.requests.filter((r) => r.method === 'PUT').length - writesBefore;
		checks.check('revenue-schedule run 2: every journal is Already Done in the ledger, no NetSuite write, no new journal', second.ok && alreadyDone === journals.length && writesOnRerun === 0 && revenueJournals(context).length === journals.length, {
			alreadyDone,
			writesOnRerun,
			before: journals.length,
			after: revenueJournals(context).length,
			output: second.ok ? undefined : second.output.slice(-1000),
		});

		return {
			contracts: schedules.length,
			exceptions: exceptions.length,
			scheduleLines: schedules.reduce((n, s) => n + (s.schedule as Rec[]).length, 0),
			journalsPosted: journals.length,
			journalsAddedOnRerun: revenueJournals(context).length - journals.length,
			journalsSkippedOnRerun: alreadyDone,
		};
	},
};
