/**
 * Template revenue-schedule-oracle in real n8n: the revenue template with the ERP node swapped for Oracle Fusion.
 * Every period journal is claimed in the Sync Ledger and imported into Oracle General Ledger through the ERP
 * integration service (one GL interface file, Journal Import polled to its end). Checks that every journal dated in
 * an open period is imported and balances to the cent, one per period; that every journal dated in a period the
 * ledger has not opened (the template's long pass-through schedules run for decades) is refused by Journal Import
 * with EP01 on its lines and parked for finance, alone; and that a second run imports nothing.
 */
import { withResults } from '../../lib/governance';
import { parseAmount } from '../../lib/money';
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { nodeOutput } from '../lib/realN8n';
import { allRuns, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';

/** The periods the sandbox ledger has open (sandbox/oracleFusion/seed.ts). */
const openPeriod = (date: string) => /^202[678]-/.test(date);

export const REVENUE_TO_ORACLE = 'p2cRevScheduleOracle1';

const revenueJournals = (context: ScenarioContext) => context.sandboxes.oracleFusion.journals.filter((j) => j.journalName.startsWith('REV-'));
const imports = (context: ScenarioContext) => context.sandboxes.oracleFusion.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/erpintegrations')).length;

export const oracleRevenueJournals: Scenario = {
	name: 'revenue-schedule-oracle',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const closedWon = (context.sandboxes.salesforce.org.records(objectDef('Opportunity')!) as Rec[]).filter((o) => o.StageName === 'Closed Won');
		const first = await executeWorkflow(n8n, REVENUE_TO_ORACLE);
		checks.check('revenue-schedule-oracle run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const schedules = nodeOutput(first.data, 'Revenue Schedule', 0);
		const toReview = nodeOutput(first.data, 'Revenue Schedule', 1);
		// Deals added by earlier scenarios have no products, hence no performance obligation: they go to review.
		const lineItems = context.sandboxes.salesforce.org.records(objectDef('OpportunityLineItem')!) as Rec[];
		const withProducts = closedWon.filter((o) => lineItems.some((line) => line.OpportunityId === o.Id));
		checks.check('one schedule per closed-won opportunity with products; the others go to review', schedules.length === withProducts.length && schedules.length + toReview.length === closedWon.length, {
			schedules: schedules.length,
			withProducts: withProducts.length,
			toReview: toReview.length,
			closedWon: closedWon.length,
		});
		const periods = nodeOutput(first.data, 'One journal per period');
		const inOpen = periods.filter((p) => openPeriod(String((p.journal as Rec).date)));
		const inUnopened = periods.filter((p) => !openPeriod(String((p.journal as Rec).date)));
		const posted = allRuns(first.data, 'Record Result', 0);
		const parked = allRuns(first.data, 'Park for finance', 0);
		const journals = revenueJournals(context);
		checks.check('every journal dated in an open period is claimed, imported into Oracle once and recorded as posted', inOpen.length > 0 && posted.length === inOpen.length && journals.length === inOpen.length, {
			periods: periods.length,
			inOpenPeriods: inOpen.length,
			posted: posted.length,
			imported: journals.length,
		});
		const unopenedNames = new Set(inUnopened.map((p) => String(p.journalName)));
		const parkedRight = parked.length === inUnopened.length && parked.every((p) => p.code === 'EP01' && unopenedNames.has(String(p.error).replace(/^.*rejected journal (\S+) .*$/, '$1')) && (p.fields as string[]).every((f) => /^journal\.lines\[\d+\]$/.test(f)));
		checks.check('every journal dated in a period the ledger has not opened is refused by Journal Import (EP01 on its lines) and parked for finance, alone', parkedRight, { unopened: inUnopened.length, parked: parked.length, sample: parked.slice(0, 2).map((p) => [p.code, p.fields]) });
		checks.check('one Journal Import request for the run (one GL interface file)', new Set(journals.map((j) => j.requestId)).size === 1, [...new Set(journals.map((j) => j.requestId))]);
		const balanced = journals.every((j) => {
			const debit = j.lines.reduce((sum, l) => sum + (l.debit ? parseAmount(l.debit, j.currency) : 0n), 0n);
			const credit = j.lines.reduce((sum, l) => sum + (l.credit ? parseAmount(l.credit, j.currency) : 0n), 0n);
			return j.lines.length >= 2 && debit === credit && debit > 0n;
		});
		checks.check('every journal in Oracle balances to the cent (debits = credits in minor units)', balanced);
		const expectedNames = new Set(inOpen.map((p) => String(p.journalName)));
		checks.check('each journal carries its name REV-<opportunity>-<period>, one per period', journals.every((j) => expectedNames.has(j.journalName)) && new Set(journals.map((j) => j.journalName)).size === journals.length);
		const ledger = (withResults(await dataTables.rows(LEDGER_TABLE))).filter((r) => String(r.key).startsWith('oracle:journal:REV-'));
		const postedRows = ledger.filter((r) => r.status === 'posted');
		checks.check(
			'one posted ledger row per imported journal, keyed by name and content hash; the refused ones failed (not retryable)',
			postedRows.length === journals.length && postedRows.every((r) => /^oracle:journal:REV-.+:[0-9a-f]{8}$/.test(String(r.key))) && ledger.length - postedRows.length === inUnopened.length && ledger.every((r) => r.status === 'posted' || r.status === 'failed'),
			ledger.slice(0, 3).map((r) => ({ key: r.key, status: r.status, targetId: r.targetId })),
		);

		const importsBefore = imports(context);
		const second = await executeWorkflow(n8n, REVENUE_TO_ORACLE);
		const alreadyDone = allRuns(second.data, 'Check & Claim', 1).length;
		const held = allRuns(second.data, 'Check & Claim', 2).length;
		checks.check('revenue-schedule-oracle run 2: every imported journal is Already Done, the parked ones stay parked; no import, no new journal', second.ok && alreadyDone === journals.length && held === inUnopened.length && imports(context) === importsBefore && revenueJournals(context).length === journals.length, {
			alreadyDone,
			held,
			imports: imports(context) - importsBefore,
			journals: revenueJournals(context).length,
			output: second.ok ? undefined : second.output.slice(-1000),
		});
		return { contracts: schedules.length, journals: periods.length, journalsImported: journals.length, journalsParked: parked.length, journalsAddedOnRerun: revenueJournals(context).length - journals.length, journalsSkippedOnRerun: alreadyDone };
	},
};
