/**
 * Template revenue-schedule in real n8n: closed-won opportunities → ASC 606 contracts → Revenue Schedule →
 * one NetSuite journal per contract and period, upserted by external id. Checks that every schedule sums
 * exactly to its transaction price, every posted journal balances, and a second run posts nothing new.
 */
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { nodeOutput } from '../lib/realN8n';

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

		const first = await n8n.execute(WORKFLOW_ID);
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

		const posted = nodeOutput(first.data, 'Post revenue journal');
		const journals = revenueJournals(context);
		checks.check('every period journal is posted to NetSuite once', posted.length > 0 && journals.length === posted.length, { posted: posted.length, journals: journals.length });
		const balanced = journals.every((j) => {
			const lines = (j.line?.items ?? []) as Rec[];
			const debit = lines.reduce((sum, l) => sum + (l.debit === undefined ? 0n : cents(l.debit)), 0n);
			const credit = lines.reduce((sum, l) => sum + (l.credit === undefined ? 0n : cents(l.credit)), 0n);
			return lines.length >= 2 && debit === credit && debit > 0n;
		});
		checks.check('every posted journal balances (debits = credits, to the cent)', balanced);

		const second = await n8n.execute(WORKFLOW_ID);
		checks.check('revenue-schedule run 2 succeeds and posts no new journal', second.ok && revenueJournals(context).length === journals.length, {
			before: journals.length,
			after: revenueJournals(context).length,
		});

		return {
			contracts: schedules.length,
			exceptions: exceptions.length,
			scheduleLines: schedules.reduce((n, s) => n + (s.schedule as Rec[]).length, 0),
			journalsPosted: journals.length,
			journalsAddedOnRerun: revenueJournals(context).length - journals.length,
		};
	},
};
