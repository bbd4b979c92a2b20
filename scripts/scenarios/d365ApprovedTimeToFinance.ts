/**
 * Template d365-approved-time-to-finance-journals in real n8n, governed by the Sync Ledger: the approved Project
 * Operations time entries and expenses reach Finance as lines of one hour journal and one expense journal, each
 * posted once (hours exact from minutes, amounts exact). One approved expense in a category Finance does not know
 * (added here, submitted and approved as a user would) is refused in its own changeset of the lines' `$batch`: it
 * alone goes to the exception queue with Finance's reason, and the other lines are written and posted. Run 2 finds
 * every entry Already Done (the refused one parked) and sends Dataverse and Finance no write at all.
 */
import { withResults } from '../../lib/governance';
import { hoursFromMinutes } from '../../lib/canonical/durations';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { addApprovedExpense, nonGetRequests } from './d365Shared';
import { allRuns, EXCEPTION_TABLE, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';

export const D365_APPROVED_TO_JOURNALS = 'p2cD365ApprovedToFin1';
const APPROVED = 192350002;

const records = (context: ScenarioContext, set: string) => context.sandboxes.dataverse.service.records(set) as Rec[];
const financeRecords = (context: ScenarioContext, set: string) => context.sandboxes.dynamicsFinance.service.records(set) as Rec[];
const writes = (context: ScenarioContext) => ({ dataverse: nonGetRequests(context.sandboxes.dataverse), finance: nonGetRequests(context.sandboxes.dynamicsFinance) });
/** Exact decimal hours of a duration in minutes (450 → "7.5"), by the canonical model's rule. */
const hoursText = (minutes: unknown) => hoursFromMinutes(minutes, 'msdyn_duration', []) ?? `not exact: ${String(minutes)} minutes`;

export const d365ApprovedTimeToFinance: Scenario = {
	name: 'd365-approved-time-to-finance-journals',
	async run(context) {
		const started = Date.now();
		const { checks, n8n, dataTables } = context;
		const bad = await addApprovedExpense(context.sandboxes.dataverse, { category: 'Lodging', name: 'Hotel Detroit (category Finance lacks)', amount: 289.4 });
		const time = records(context, 'msdyn_timeentries').filter((t) => t.msdyn_entrystatus === APPROVED);
		const expenses = records(context, 'msdyn_expenses').filter((e) => e.msdyn_expensestatus === APPROVED);
		const good = expenses.filter((e) => e.msdyn_expenseid !== bad);
		checks.check('Project Operations has approved time entries and expenses, one expense in a category Finance lacks', time.length > 0 && good.length > 0 && expenses.some((e) => e.msdyn_expenseid === bad), { time: time.length, expenses: expenses.length });

		const first = await executeWorkflow(n8n, D365_APPROVED_TO_JOURNALS);
		checks.check('d365 approved-time run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));

		const hourHeaders = financeRecords(context, 'ProjectJournalHeaders').filter((h) => String(h.Description).startsWith('dataverse:approved-time:'));
		const hourLines = financeRecords(context, 'ProjectJournalLines').filter((l) => hourHeaders.some((h) => h.dataAreaId === l.dataAreaId && h.JournalBatchNumber === l.JournalId));
		const wantHours = time.map((t) => `dataverse:${String(t.msdyn_timeentryid)} ${hoursText(t.msdyn_duration)}`).sort();
		const gotHours = hourLines.map((l) => `${String(l.Description)} ${String(l.Hours)}`).sort();
		checks.check(
			'every approved time entry is one line (hours exact from minutes) of one posted Finance hour journal',
			hourHeaders.length === 1 && hourHeaders[0].Posted === 'Yes' && JSON.stringify(gotHours) === JSON.stringify(wantHours),
			{ headers: hourHeaders.map((h) => [h.JournalBatchNumber, h.Posted]), gotHours, wantHours },
		);
		const expenseHeaders = financeRecords(context, 'ExpenseJournalHeaders').filter((h) => String(h.Description).startsWith('dataverse:approved-expenses:'));
		const expenseLines = financeRecords(context, 'ExpenseJournalLines').filter((l) => expenseHeaders.some((h) => h.dataAreaId === l.dataAreaId && h.JournalBatchNumber === l.JournalBatchNumber));
		const wantExpenses = good.map((e) => `dataverse:${String(e.msdyn_expenseid)} ${String(e.msdyn_amount)}`).sort();
		const gotExpenses = expenseLines.map((l) => `${String(l.Document)} ${String(l.DebitAmount)}`).sort();
		checks.check(
			'every approved expense Finance accepts is one line (exact amount) of one posted expense journal; the refused one is not on it',
			expenseHeaders.length === 1 && expenseHeaders[0].IsPosted === 'Yes' && JSON.stringify(gotExpenses) === JSON.stringify(wantExpenses),
			{ headers: expenseHeaders.map((h) => [h.JournalBatchNumber, h.IsPosted]), gotExpenses, wantExpenses },
		);

		const exceptions = (await dataTables.rows(EXCEPTION_TABLE)).filter((r) => String(r.key).startsWith('d365finance:'));
		const ledger = (withResults(await dataTables.rows(LEDGER_TABLE))).filter((r) => String(r.key).startsWith('d365finance:'));
		const badKey = `d365finance:expense:${bad}`;
		checks.check(
			'the $batch line Finance refused (unknown project category) went alone to the exception queue with Finance\'s reason; every other entry is posted in the ledger',
			exceptions.length === 1 &&
				exceptions[0].key === badKey &&
				/project category "Lodging" does not exist/.test(String(exceptions[0].reason)) &&
				allRuns(first.data, 'Park expenses for finance', 0).length === 1 &&
				ledger.filter((r) => r.status === 'posted').length === time.length + good.length &&
				ledger.filter((r) => r.status !== 'posted').every((r) => r.key === badKey && r.status === 'failed'),
			{ exceptions: exceptions.map((e) => [e.key, e.reason]), ledger: ledger.map((r) => [r.key, r.status]) },
		);

		const before = { ...writes(context), hourLines: financeRecords(context, 'ProjectJournalLines').length, expenseLines: financeRecords(context, 'ExpenseJournalLines').length };
		const second = await executeWorkflow(n8n, D365_APPROVED_TO_JOURNALS);
		checks.check('d365 approved-time run 2 succeeds', second.ok, second.ok ? undefined : second.output.slice(-1500));
		const after = { ...writes(context), hourLines: financeRecords(context, 'ProjectJournalLines').length, expenseLines: financeRecords(context, 'ExpenseJournalLines').length };
		const alreadyDone = allRuns(second.data, 'Claim time entry', 1).length + allRuns(second.data, 'Claim expense', 1).length;
		const parkedSkipped = allRuns(second.data, 'Claim expense', 2).length;
		checks.check(
			'd365 approved-time run 2: every posted entry is Already Done, the parked one waits for finance; Dataverse and Finance get no write',
			alreadyDone === time.length + good.length && parkedSkipped === 1 && JSON.stringify(after) === JSON.stringify(before),
			{ alreadyDone, parkedSkipped, before, after },
		);
		return { seconds: Math.round((Date.now() - started) / 1000), approvedTime: time.length, approvedExpenses: expenses.length, hourLines: hourLines.length, expenseLines: expenseLines.length, parked: exceptions.length, run2Writes: { dataverse: after.dataverse - before.dataverse, finance: after.finance - before.finance } };
	},
};
