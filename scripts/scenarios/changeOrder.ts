/**
 * Template change-order in real n8n: the firm's Acme engagement (Project Operations project SF-006A000101, a
 * 25,000.00 USD fixed fee recognised straight-line from 12 January to 30 June 2026) is amended in Dynamics 365
 * Sales by a won quote on the opportunity it came from: 50 more hours of integration scope at 200.00 (a write-in
 * line, so a cumulative catch-up) effective 1 April 2026. Run 1 must add exactly one fixed-fee contract line of
 * 10,000.00 (price and budget) and one resource requirement of 50 hours to the project, and post one balanced
 * Finance general journal whose amount equals the catch-up the revenue engine computes here for the same contract
 * with and without the modification, to the cent. Run 2 finds the change order Already applied and sends
 * Dataverse and Finance no write.
 */
import { computeRevenueSchedule } from '../../lib/revenue';
import { ServiceRows } from '../../sandbox/dataverse/module';
import { BILLING_METHOD } from '../../sandbox/dataverse/projectOperations/tables';
import { withResults } from '../../lib/governance';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { addWonOpportunity, nonGetRequests } from './d365Shared';
import { allRuns, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';

export const CHANGE_ORDER = 'p2cChangeOrder1';
const PROJECT = 'SF-006A000101';

const dataverse = (context: ScenarioContext, set: string) => context.sandboxes.dataverse.service.records(set) as Rec[];
const finance = (context: ScenarioContext, set: string) => context.sandboxes.dynamicsFinance.service.records(set) as Rec[];
const writes = (context: ScenarioContext) => ({ dataverse: nonGetRequests(context.sandboxes.dataverse), finance: nonGetRequests(context.sandboxes.dynamicsFinance) });
const cents = (value: unknown): bigint => {
	const [whole, fraction = ''] = String(value).split('.');
	return BigInt(whole) * 100n + (BigInt(fraction.padEnd(2, '0').slice(0, 2)) * (String(value).startsWith('-') ? -1n : 1n));
};

/** The catch-up the engine gives the modification: catch-up and reversal lines with it minus without it. */
function engineCatchUp(base: string, start: string, end: string, modification: Rec): bigint {
	const contract = (modifications: Rec[]) => ({ contractId: PROJECT, currency: 'USD', transactionPrice: base, allocation: { method: 'relativeSsp' }, calendar: { type: 'month' }, obligations: [{ id: 'fixedFee', ssp: base, pattern: { type: 'straightLine', start, end, convention: 'exactDays' } }], modifications });
	const adjustment = (modifications: Rec[]) => {
		const result = computeRevenueSchedule(contract(modifications), { trace: false });
		if (result.errors.length) throw new Error(`engine: ${JSON.stringify(result.errors)}`);
		return result.schedule.filter((l) => l.kind === 'catchUp' || l.kind === 'reversal').reduce((sum, l) => sum + cents(l.amount), 0n);
	};
	return adjustment([modification]) - adjustment([]);
}

export const changeOrder: Scenario = {
	name: 'change-order',
	async run(context) {
		const started = Date.now();
		const { checks, n8n, dataTables } = context;
		const rows = new ServiceRows(context.sandboxes.dataverse.service);
		const project = dataverse(context, 'msdyn_projects').find((p) => p.p2c_externalid === PROJECT)!;
		const fixedFee = dataverse(context, 'salesorderdetails').filter((l) => l._salesorderid_value === project._msdyn_salesorderid_value && l.msdyn_billingmethod === BILLING_METHOD.fixedPrice);
		const linesBefore = dataverse(context, 'salesorderdetails').filter((l) => l._salesorderid_value === project._msdyn_salesorderid_value).length;
		const requirementsBefore = dataverse(context, 'msdyn_resourcerequirements').filter((r) => r._msdyn_projectid_value === project.msdyn_projectid).length;
		checks.check('the firm\'s Acme project has one fixed-fee contract line of 25,000.00 USD to amend', fixedFee.length === 1 && cents(fixedFee[0].priceperunit) === 2_500_000n, fixedFee.map((l) => l.priceperunit));

		// The deal the project came from, and its amendment: a won quote with one write-in line (more of the same scope).
		const opportunity = await addWonOpportunity(context.sandboxes.dataverse, { name: 'Acme ERP Implementation', externalId: PROJECT, accountName: 'Acme Manufacturing Inc. (change orders)', closeDate: '2026-01-05' });
		const usd = dataverse(context, 'transactioncurrencies').find((c) => c.isocurrencycode === 'USD')!;
		const quote = await rows.insert('quotes', { name: 'Acme ERP: CPQ integration scope', quotenumber: 'CO-ACME-001', description: 'Integrate Salesforce CPQ with the new ERP', effectivefrom: '2026-04-01', effectiveto: '2026-06-30', 'opportunityid@odata.bind': `/opportunities(${opportunity})`, 'transactioncurrencyid@odata.bind': `/transactioncurrencies(${String(usd.transactioncurrencyid)})` });
		const quoteId = String(quote.quoteid);
		await rows.insert('quotedetails', { productdescription: 'Salesforce CPQ integration (additional scope)', isproductoverridden: true, quantity: 50, priceperunit: 200, 'quoteid@odata.bind': `/quotes(${quoteId})` });
		await rows.update('quotes', quoteId, { statecode: 2, statuscode: 4 });
		const start = String(project.msdyn_scheduledstart).slice(0, 10);
		const end = String(project.msdyn_scheduledend).slice(0, 10);
		const catchUp = engineCatchUp('25000.00', start, end, { id: 'CO-ACME-001', date: '2026-04-01', treatment: 'cumulativeCatchUp', priceChange: '10000.00', changes: [] });

		const first = await executeWorkflow(n8n, CHANGE_ORDER);
		checks.check('change-order run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const contractLines = dataverse(context, 'salesorderdetails').filter((l) => l._salesorderid_value === project._msdyn_salesorderid_value);
		const changeLines = contractLines.filter((l) => String(l.productdescription).startsWith('Change order CO-ACME-001'));
		checks.check(
			'the project contract has exactly one new fixed-fee line for the change order: 10,000.00 price and budget',
			contractLines.length === linesBefore + 1 && changeLines.length === 1 && changeLines[0].msdyn_billingmethod === BILLING_METHOD.fixedPrice && cents(changeLines[0].priceperunit) === 1_000_000n && cents(changeLines[0].msdyn_budgetamount) === 1_000_000n && changeLines[0]._msdyn_project_value === project.msdyn_projectid,
			changeLines.map((l) => ({ description: l.productdescription, price: l.priceperunit, budget: l.msdyn_budgetamount })),
		);
		const requirements = dataverse(context, 'msdyn_resourcerequirements').filter((r) => r._msdyn_projectid_value === project.msdyn_projectid);
		const added = requirements.filter((r) => String(r.msdyn_name).startsWith('Change order CO-ACME-001'));
		checks.check(
			'the project has exactly one new staffing request for the change order: 50 hours from 1 April to 30 June 2026',
			requirements.length === requirementsBefore + 1 && added.length === 1 && added[0].msdyn_duration === 3000 && String(added[0].msdyn_fromdate).startsWith('2026-04-01') && String(added[0].msdyn_todate).startsWith('2026-06-30'),
			added.map((r) => ({ name: r.msdyn_name, minutes: r.msdyn_duration, from: r.msdyn_fromdate, to: r.msdyn_todate })),
		);
		const journals = finance(context, 'LedgerJournalHeaders').filter((h) => h.IntegrationKey === `p2c:changeorder:${quoteId}`);
		const journalLines = finance(context, 'LedgerJournalLines').filter((l) => journals.some((h) => h.dataAreaId === l.dataAreaId && h.JournalBatchNumber === l.JournalBatchNumber));
		const debit = journalLines.reduce((sum, l) => sum + cents(l.DebitAmount), 0n);
		const credit = journalLines.reduce((sum, l) => sum + cents(l.CreditAmount), 0n);
		const revenueCredit = journalLines.filter((l) => l.AccountDisplayValue === '401100').reduce((sum, l) => sum + cents(l.CreditAmount) - cents(l.DebitAmount), 0n);
		checks.check(
			'one posted Finance general journal adjusts revenue by exactly the engine\'s cumulative catch-up (to the cent), balanced, dated on the modification',
			catchUp > 0n && journals.length === 1 && journals[0].IsPosted === 'Yes' && journalLines.length === 2 && debit === credit && revenueCredit === catchUp && journalLines.every((l) => String(l.TransDate).startsWith('2026-04-01')),
			{ catchUp: catchUp.toString(), journals: journals.map((h) => [h.JournalBatchNumber, h.IsPosted]), lines: journalLines.map((l) => [l.AccountDisplayValue, l.DebitAmount, l.CreditAmount, l.TransDate]) },
		);
		const ledger = withResults(await dataTables.rows(LEDGER_TABLE)).filter((r) => r.key === `d365finance:changeorder:${quoteId}`);
		checks.check('the change order is posted once in the ledger with the journal', ledger.length === 1 && ledger[0].status === 'posted' && String(ledger[0].targetId ?? '').startsWith('usmf/'), ledger.map((r) => [r.key, r.status, r.targetId]));

		const before = writes(context);
		const second = await executeWorkflow(n8n, CHANGE_ORDER);
		checks.check('change-order run 2 succeeds', second.ok, second.ok ? undefined : second.output.slice(-1500));
		const after = writes(context);
		const alreadyApplied = allRuns(second.data, 'Check & Claim', 1).map((j) => j.ledger?.key);
		checks.check(
			'change-order run 2: the change order is Already applied; Dataverse and Finance get no write',
			alreadyApplied.includes(`d365finance:changeorder:${quoteId}`) && JSON.stringify(after) === JSON.stringify(before),
			{ alreadyApplied, before, after },
		);
		return { seconds: Math.round((Date.now() - started) / 1000), catchUp: `${catchUp / 100n}.${String(catchUp % 100n).padStart(2, '0')}`, journals: journals.length, run2Writes: { dataverse: after.dataverse - before.dataverse, finance: after.finance - before.finance } };
	},
};
