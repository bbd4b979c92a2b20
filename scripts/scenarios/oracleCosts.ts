/**
 * Template psa-costs-to-oracle in real n8n: approved Kantata OX time entries and expenses become Oracle Fusion
 * unprocessed project costs, each claimed in the Sync Ledger first. Run 1 posts one cost per approved PSA record
 * (hours exact, amounts exact, the PSA reference as OriginalTransactionReference); run 2 finds every one Already
 * Done and sends Oracle no write. Run 3 comes after Oracle's costing processed the costs and the ledger lost its
 * rows for them (renamed through the Data Tables API, as an administrator could in the UI): the Import operation
 * finds each cost among the processed ones by its source reference and creates nothing.
 */
import { withResults } from '../../lib/governance';
import { PSA_LABOR_SOURCE } from '../../sandbox/oracleFusion';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { nodeOutput } from '../lib/realN8n';
import { allRuns, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';

export const PSA_COSTS_TO_ORACLE = 'p2cPsaCostsOracle1';

const oracleWrites = (context: ScenarioContext) => context.sandboxes.oracleFusion.requests.filter((r) => r.method !== 'GET' && !r.path.startsWith('/oauth2/')).length;
const costs = (context: ScenarioContext): Rec[] => [...context.sandboxes.oracleFusion.store.all('unprocessedProjectCosts'), ...context.sandboxes.oracleFusion.store.all('projectCosts')].filter((c) => c.TransactionSource === PSA_LABOR_SOURCE);

/** Minutes as exact decimal hours text (7.5 for 450), for comparing with Oracle's JSON number. */
function hoursText(minutes: number): string {
	const hundredths = (minutes / 3) * 5;
	return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`.replace(/\.?0+$/, '');
}

export const oracleCosts: Scenario = {
	name: 'psa-costs-to-oracle',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const kantata = context.sandboxes.kantata.account;
		const firmRef = (type: string, id: unknown) => (kantata.records('external_references') as Rec[]).find((r) => r.service_name === 'firm' && r.subject_type === type && String(r.subject_id) === String(id))?.service_model_ref as string | undefined;
		const before = costs(context).length;

		const first = await executeWorkflow(n8n, PSA_COSTS_TO_ORACLE);
		checks.check('psa-costs-to-oracle run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const time = nodeOutput(first.data, 'Approved time (Kantata)');
		const expenses = nodeOutput(first.data, 'Approved expenses (Kantata)');
		const expected = [...time.map((t) => ({ kind: 'time', ref: firmRef('TimeEntry', t.id), record: t })), ...expenses.map((e) => ({ kind: 'expense', ref: firmRef('Expense', e.id), record: e }))];
		checks.check('Kantata has approved time and expenses, each with its firm reference', time.length > 0 && expenses.length > 0 && expected.every((e) => e.ref), expected.map((e) => e.ref));
		const posted = allRuns(first.data, 'Record Result', 0);
		const parked = allRuns(first.data, 'Park for finance', 0);
		checks.check('run 1: every approved PSA record is claimed, imported once and recorded as posted; none parked', posted.length === expected.length && parked.length === 0, { posted: posted.length, expected: expected.length, parked: parked.map((p) => p.exception?.reason ?? p) });

		const inOracle = costs(context);
		const one = (ref: string | undefined) => inOracle.filter((c) => c.OriginalTransactionReference === ref);
		const exact = expected.every(({ kind, ref, record }) => {
			const found = one(ref);
			if (found.length !== 1) return false;
			const cost = found[0];
			if (kind === 'time') return cost.UnitOfMeasure === 'Hours' && String(cost.Quantity) === hoursText(Number(record.time_in_minutes)) && cost.PersonNumber === firmRef('User', record.user_id) && cost.TaskNumber === firmRef('Story', record.story_id) && cost.ProjectNumber === firmRef('Workspace', record.workspace_id);
			const cents = BigInt(Number(record.amount_in_cents));
			return cost.UnitOfMeasure === 'Each' && String(cost.DenomRawCost) === `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`.replace(/\.?0+$/, '') && cost.DenomCurrencyCode === record.currency;
		});
		checks.check('one Oracle cost per PSA record, by its reference: hours and amounts exact, person, project and task the firm\'s', exact && inOracle.length - before === expected.length, inOracle.slice(before).map((c) => ({ ref: c.OriginalTransactionReference, quantity: c.Quantity, cost: c.DenomRawCost })));

		const ledger = (withResults(await dataTables.rows(LEDGER_TABLE))).filter((r) => String(r.key).startsWith('oracle:cost:'));
		checks.check('the ledger has one posted row per cost, target oracleFusion', ledger.length === expected.length && ledger.every((r) => r.status === 'posted' && r.targetSystem === 'oracleFusion' && r.targetId), ledger.map((r) => ({ key: r.key, status: r.status, targetId: r.targetId })));

		const writesBefore = oracleWrites(context);
		const second = await executeWorkflow(n8n, PSA_COSTS_TO_ORACLE);
		const alreadyDone = allRuns(second.data, 'Check & Claim', 1);
		checks.check('run 2: every cost is Already Done in the ledger; Oracle gets no write and no second cost', second.ok && alreadyDone.length === expected.length && oracleWrites(context) === writesBefore && costs(context).length === inOracle.length, {
			alreadyDone: alreadyDone.length,
			writes: oracleWrites(context) - writesBefore,
			costs: costs(context).length,
			output: second.ok ? undefined : second.output.slice(-1000),
		});

		// Oracle's costing processes the imported costs; then the ledger loses its rows for them.
		context.sandboxes.oracleFusion.processCosts();
		// Every row of those keys (claims and their results) moves out of the ledger's sight together, as if deleted;
		// renaming claims alone would leave claims without results behind (which the month's verdict counts as lost).
		const lostRows = (await dataTables.rows(LEDGER_TABLE)).filter((r) => String(r.key).startsWith('oracle:cost:'));
		for (const row of lostRows) await dataTables.updateRow(LEDGER_TABLE, Number(row.id), { key: `${String(row.key)}:renamed-by-scenario` });
		const third = await executeWorkflow(n8n, PSA_COSTS_TO_ORACLE);
		const imported = allRuns(third.data, 'Import cost (Oracle)', 0);
		checks.check(
			'run 3 (costs processed, ledger rows gone): the Import operation finds every cost among the processed ones by its source reference and creates none',
			third.ok && imported.length === expected.length && imported.every((c) => c.alreadyImported === true && c.importState === 'processed') && oracleWrites(context) === writesBefore && costs(context).length === inOracle.length,
			{ imported: imported.map((c) => [c.OriginalTransactionReference, c.alreadyImported, c.importState]), writes: oracleWrites(context) - writesBefore, output: third.ok ? undefined : third.output.slice(-1000) },
		);
		return { approvedTime: time.length, approvedExpenses: expenses.length, costsImported: inOracle.length - before, run2AlreadyDone: alreadyDone.length, run3FoundProcessed: imported.length };
	},
};
