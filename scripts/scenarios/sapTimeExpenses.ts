/**
 * Template psa-time-expenses-to-sap in real n8n: approved Kantata OX time entries become SAP workforce timesheet
 * entries and approved expenses become SAP journal entries on the project's billing WBS element, each claimed in
 * the Sync Ledger first. Run 1 writes one timesheet entry per approved time entry (hours exact, person, WBS element
 * and date the firm's, the PSA reference at the start of the note) and one balanced journal per expense (amount
 * exact); run 2 finds every posting Already Done and sends SAP no write. Run 3 comes after the ledger lost its rows
 * (renamed through the Data Tables API, as an administrator could): the SAP node finds every timesheet entry and
 * journal by its PSA reference and writes nothing.
 */
import { withResults } from '../../lib/governance';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { nodeOutput } from '../lib/realN8n';
import { allRuns, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';

export const PSA_TIME_TO_SAP = 'p2cPsaTimeToSap1';

const sapWrites = (context: ScenarioContext) => context.sandboxes.sapS4HanaCloud.requests.filter((r) => r.method === 'POST' && !r.path.includes('/oauth2/')).length;
const timesheets = (context: ScenarioContext): Rec[] => context.sandboxes.sapS4HanaCloud.service('TimeSheetEntryCollection').records('TimeSheetEntryCollection');
const expenseJournals = (context: ScenarioContext) => context.sandboxes.sapS4HanaCloud.journals.filter((j) => (j.headerText ?? '').startsWith('PSA expense'));

/** Minutes as SAP's two-decimal hours text (450 → 7.50), by integers. */
function hoursText(minutes: number): string {
	return `${Math.floor(minutes / 60)}.${String(((minutes % 60) / 3) * 5).padStart(2, '0')}`;
}

export const sapTimeExpenses: Scenario = {
	name: 'psa-time-expenses-to-sap',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const kantata = context.sandboxes.kantata.account;
		const firmRef = (type: string, id: unknown) => (kantata.records('external_references') as Rec[]).find((r) => r.service_name === 'firm' && r.subject_type === type && String(r.subject_id) === String(id))?.service_model_ref as string | undefined;
		const entriesBefore = timesheets(context).length;

		const first = await executeWorkflow(n8n, PSA_TIME_TO_SAP);
		checks.check('psa-time-expenses-to-sap run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const time = nodeOutput(first.data, 'Approved time (Kantata)').filter((t) => t.id !== undefined);
		const expenses = nodeOutput(first.data, 'Approved expenses (Kantata)').filter((e) => e.id !== undefined);
		checks.check('Kantata has approved time and expenses, each with its firm reference', time.length > 0 && expenses.length > 0 && [...time.map((t) => firmRef('TimeEntry', t.id)), ...expenses.map((e) => firmRef('Expense', e.id))].every(Boolean));
		const postedTime = allRuns(first.data, 'Record time result', 0);
		const postedExpenses = allRuns(first.data, 'Record expense result', 0);
		const parked = [...allRuns(first.data, 'Park time for finance', 0), ...allRuns(first.data, 'Park expense for finance', 0)];
		checks.check('run 1: every approved time entry and expense is claimed, written once and recorded as posted; none parked', postedTime.length === time.length && postedExpenses.length === expenses.length && parked.length === 0, {
			postedTime: postedTime.length,
			time: time.length,
			postedExpenses: postedExpenses.length,
			expenses: expenses.length,
			parked: parked.map((p) => p.exception?.reason ?? p),
		});

		const entries = timesheets(context);
		const exactTime = time.every((t) => {
			const ref = firmRef('TimeEntry', t.id)!;
			const found = entries.filter((e) => String(e.TimeSheetDataFields?.TimeSheetNote ?? '').startsWith(`[${ref}]`));
			if (found.length !== 1) return false;
			const entry = found[0];
			return (
				entry.PersonWorkAgreementExternalID === firmRef('User', t.user_id) &&
				entry.TimeSheetDataFields.WBSElement === firmRef('Story', t.story_id) &&
				entry.TimeSheetDataFields.RecordedHours === hoursText(Number(t.time_in_minutes)) &&
				String(entry.TimeSheetDate).startsWith(String(t.date_performed)) &&
				entry.TimeSheetStatus === '30'
			);
		});
		checks.check('one SAP timesheet entry per approved time entry, by its reference: person, WBS element, date and hours exact, released', exactTime && entries.length - entriesBefore === time.length, entries.slice(entriesBefore).map((e) => [e.PersonWorkAgreementExternalID, e.TimeSheetDataFields?.WBSElement, e.TimeSheetDataFields?.RecordedHours, e.TimeSheetDataFields?.TimeSheetNote]));

		const journals = expenseJournals(context);
		const exactExpenses = expenses.every((e) => {
			const cents = BigInt(Number(e.amount_in_cents));
			const amount = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
			const journal = journals.filter((j) => j.documentReferenceId === String(firmRef('Expense', e.id)).slice(0, 16));
			return journal.length === 1 && journal[0].lines.length === 2 && journal[0].lines[0].amount === amount && journal[0].lines[1].amount === `-${amount}` && journal[0].lines[0].wbsElement !== undefined && journal[0].lines[0].currency === e.currency;
		});
		checks.check('one balanced SAP journal per approved expense: amount exact to the cent, debit on a billing WBS element', exactExpenses && journals.length === expenses.length, journals.map((j) => ({ ref: j.documentReferenceId, lines: j.lines.map((l) => [l.glAccount, l.amount, l.wbsElement]) })));

		const ledger = (withResults(await dataTables.rows(LEDGER_TABLE))).filter((r) => String(r.key).startsWith('sap:timesheet:') || String(r.key).startsWith('sap:journal:PSA-'));
		checks.check('the ledger has one posted row per posting, target sapS4HanaCloud with SAP\'s record or document number', ledger.length === time.length + expenses.length && ledger.every((r) => r.status === 'posted' && r.targetSystem === 'sapS4HanaCloud' && r.targetId), ledger.map((r) => ({ key: r.key, status: r.status, targetId: r.targetId })));

		const writesBefore = sapWrites(context);
		const second = await executeWorkflow(n8n, PSA_TIME_TO_SAP);
		const alreadyDone = allRuns(second.data, 'Check & Claim time', 1).length + allRuns(second.data, 'Check & Claim expense', 1).length;
		checks.check('run 2: every posting is Already Done in the ledger; SAP gets no write, no second entry or journal', second.ok && alreadyDone === time.length + expenses.length && sapWrites(context) === writesBefore && timesheets(context).length === entries.length && expenseJournals(context).length === journals.length, {
			alreadyDone,
			writes: sapWrites(context) - writesBefore,
			output: second.ok ? undefined : second.output.slice(-1000),
		});

		// The ledger loses its rows: the SAP node's read-before-write must still keep SAP from a second posting.
		// Every row of those keys (claims and their results) moves out of the ledger's sight together, as if deleted;
		// renaming claims alone would leave claims without results behind (which the month's verdict counts as lost).
		const lostRows = (await dataTables.rows(LEDGER_TABLE)).filter((r) => String(r.key).startsWith('sap:timesheet:') || String(r.key).startsWith('sap:journal:PSA-'));
		for (const row of lostRows) await dataTables.updateRow(LEDGER_TABLE, Number(row.id), { key: `${String(row.key)}:renamed-by-scenario` });
		const third = await executeWorkflow(n8n, PSA_TIME_TO_SAP);
		const skippedTime = allRuns(third.data, 'Timesheet entry (SAP)', 0);
		const skippedExpenses = allRuns(third.data, 'Expense journal (SAP)', 0);
		checks.check(
			'run 3 (ledger rows gone): the SAP node finds every timesheet entry and journal by its PSA reference and writes nothing',
			third.ok && skippedTime.length === time.length && skippedExpenses.length === expenses.length && [...skippedTime, ...skippedExpenses].every((r) => r.skipped === true) && sapWrites(context) === writesBefore && timesheets(context).length === entries.length && expenseJournals(context).length === journals.length,
			{ skipped: [...skippedTime, ...skippedExpenses].map((r) => [r.skipped, r.reason]), writes: sapWrites(context) - writesBefore, output: third.ok ? undefined : third.output.slice(-1000) },
		);
		return { approvedTime: time.length, approvedExpenses: expenses.length, timesheetEntries: entries.length - entriesBefore, expenseJournals: journals.length, run2AlreadyDone: alreadyDone, run3FoundInSap: skippedTime.length + skippedExpenses.length };
	},
};
