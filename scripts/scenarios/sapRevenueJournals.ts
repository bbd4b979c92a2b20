/**
 * Template revenue-schedule-sap in real n8n: the revenue template with the ERP node swapped for SAP S/4HANA Cloud.
 * Every period journal is claimed in the Sync Ledger and posted through Journal Entry – Post with its reference
 * REV-<opportunity>-<period>. Checks that every journal dated in an open posting period (fiscal years 2026 and 2027
 * in the sandbox) is posted once and balances to the cent; that every journal dated in a closed or not yet opened
 * period is refused by SAP (F5/201 on PostingDate) and parked for finance, alone; and that a second run posts nothing.
 */
import { withResults } from '../../lib/governance';
import { parseAmount } from '../../lib/money';
import { referenceDigest } from '../../nodes/SapS4HanaCloud/v1/actions/journalEntry/post.operation';
import { SAP_OPEN_FROM, SAP_OPEN_TO } from '../../sandbox/sapS4HanaCloud';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { nodeOutput } from '../lib/realN8n';
import { allRuns, executeWorkflow, LEDGER_TABLE } from './governed';

export const REVENUE_TO_SAP = 'p2cRevScheduleSap1';

const openPeriod = (date: string) => date >= SAP_OPEN_FROM && date <= SAP_OPEN_TO;
const revenueJournals = (context: ScenarioContext) => context.sandboxes.sapS4HanaCloud.journals.filter((j) => (j.documentReferenceId ?? '').startsWith('REV-'));
const soapPosts = (context: ScenarioContext) => context.sandboxes.sapS4HanaCloud.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/journalentrycreaterequestconfi')).length;

export const sapRevenueJournals: Scenario = {
	name: 'revenue-schedule-sap',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const first = await executeWorkflow(n8n, REVENUE_TO_SAP);
		checks.check('revenue-schedule-sap run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const schedules = nodeOutput(first.data, 'Revenue Schedule', 0);
		const periods = nodeOutput(first.data, 'One journal per period');
		const inOpen = periods.filter((p) => openPeriod(String(p.postingDate)));
		const outside = periods.filter((p) => !openPeriod(String(p.postingDate)));
		const posted = allRuns(first.data, 'Record Result', 0);
		const parked = allRuns(first.data, 'Park for finance', 0);
		const journals = revenueJournals(context);
		checks.check('every journal dated in an open period is claimed, posted to SAP once and recorded as posted', schedules.length > 0 && inOpen.length > 0 && posted.length === inOpen.length && journals.length === inOpen.length, {
			contracts: schedules.length,
			periods: periods.length,
			inOpenPeriods: inOpen.length,
			posted: posted.length,
			journals: journals.length,
		});
		const refused = allRuns(first.data, 'Post revenue journal', 0).filter((r) => r.error);
		checks.check('every journal dated outside the open periods is refused by SAP (F5/201 naming PostingDate) and parked for finance, alone', refused.length === outside.length && parked.length === outside.length && refused.every((r) => r.code === 'F5/201(FINS_FI_MISC)' && JSON.stringify(r.fields) === '["PostingDate"]'), {
			outside: outside.length,
			parked: parked.length,
			sample: refused.slice(0, 2).map((r) => [r.code, r.fields]),
		});
		const balanced = journals.every((j) => {
			const total = j.lines.reduce((sum, l) => sum + parseAmount(l.amount, l.currency), 0n);
			const debit = j.lines.filter((l) => l.debitCredit === 'S').reduce((sum, l) => sum + parseAmount(l.amount, l.currency), 0n);
			return j.lines.length >= 2 && total === 0n && debit > 0n;
		});
		checks.check('every journal in SAP balances to the cent (debits + credits = 0 in minor units)', balanced, journals.slice(0, 2).map((j) => j.lines.map((l) => [l.glAccount, l.amount])));
		// The journal's original reference document is the digest of its full reference (SAP keeps 10 characters of it).
		const byReference = new Map(inOpen.map((p) => [referenceDigest(String(p.reference)), p]));
		const sameAmounts = journals.every((j) => {
			const period = byReference.get(String(j.originalReferenceDocument));
			const lines = (period?.lines ?? []) as Array<{ amount: string; side: string; glAccount: string }>;
			return period !== undefined && j.postingDate === period.postingDate && lines.length === j.lines.length && lines.every((l, i) => j.lines[i].glAccount === l.glAccount && j.lines[i].amount === (l.side === 'credit' ? `-${l.amount}` : l.amount));
		});
		checks.check('each SAP journal carries the Revenue Schedule\'s period journal exactly: reference, posting date, accounts and amounts', sameAmounts && new Set(journals.map((j) => j.originalReferenceDocument)).size === journals.length);
		const ledger = (withResults(await dataTables.rows(LEDGER_TABLE))).filter((r) => String(r.key).startsWith('sap:journal:REV-'));
		checks.check('one posted ledger row per posted journal with its accounting document; the refused ones failed', ledger.filter((r) => r.status === 'posted').length === journals.length && ledger.filter((r) => r.status === 'failed').length === outside.length && ledger.filter((r) => r.status === 'posted').every((r) => /^\d{10}$/.test(String(r.targetId))), ledger.slice(0, 3).map((r) => ({ key: r.key, status: r.status, targetId: r.targetId })));

		const postsBefore = soapPosts(context);
		const second = await executeWorkflow(n8n, REVENUE_TO_SAP);
		const alreadyDone = allRuns(second.data, 'Check & Claim', 1).length;
		checks.check('revenue-schedule-sap run 2: every posted journal is Already Done; SAP gets no posting and no new journal', second.ok && alreadyDone === journals.length && soapPosts(context) === postsBefore && revenueJournals(context).length === journals.length, {
			alreadyDone,
			posts: soapPosts(context) - postsBefore,
			output: second.ok ? undefined : second.output.slice(-1000),
		});
		return { contracts: schedules.length, journals: periods.length, journalsPosted: journals.length, journalsParked: parked.length, journalsAddedOnRerun: revenueJournals(context).length - journals.length, journalsSkippedOnRerun: alreadyDone };
	},
};
