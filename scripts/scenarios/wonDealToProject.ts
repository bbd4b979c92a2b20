/**
 * Template won-deal-to-project in real n8n (flow 1 in full): every closed-won Salesforce opportunity with its
 * products becomes one Certinia PSA project (pse__Proj__c `OPP-<OpportunityId>`) with a WBS task per product
 * line (`OLI-<LineItemId>`), one approved Customer Purchase Order budget for the opportunity amount to the cent
 * (`OPP-<OpportunityId>-PO`) and a staffing request per line delivered by a role (`OLI-<LineItemId>-RR`,
 * hours = line total / the role's bill rate, to 1/100 h); then one NetSuite customer (`SF-<AccountId>`) and
 * project (`SF-<OpportunityId>`), and the three ids written back to the opportunity. Its Certinia external ids
 * are its own, so projects the opportunity-to-certinia-project scenario made from the same deals (`SF-…`) are
 * not counted; NetSuite's are shared with opportunity-to-project, whose records an upsert updates, never
 * duplicates. A won deal without products is parked for the PMO with OpportunityLineItems named. Run 2 sends
 * no write to any sandbox. Run 3, after the write-backs were lost, restores the ids and writes nothing else.
 */
import { withResults } from '../../lib/governance';
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { addClosedWonOpportunities, allRuns, executeWorkflow, LEDGER_TABLE, netSuiteRecords } from './governed';
import type { Rec } from './governed';

export const WON_DEAL_TO_PROJECT = 'p2cWonDealToProject1';

/** The products the template's rate card staffs (others, pass-through expenses, get a task and no request). */
const STAFFED = new Set(['PS-TM-DAY', 'PS-FF-IMPL', 'MS-RET-MONTH', 'TR-DAY']);

const records = (context: ScenarioContext, object: string) => context.sandboxes.salesforce.org.records(objectDef(object)!) as Rec[];
const byExternalId = (context: ScenarioContext, object: string, ext: string) => records(context, object).filter((r) => r.External_Id__c === ext);
const cents = (value: unknown): bigint | undefined => {
	const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(value ?? ''));
	return m ? BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0')) : undefined;
};
const hundredths = cents;
const linesOf = (context: ScenarioContext, opportunityId: string) => records(context, 'OpportunityLineItem').filter((l) => l.OpportunityId === opportunityId);
/** Writes the sandboxes received: Salesforce/Certinia data writes (not the token endpoint) and NetSuite record writes. */
const writes = (context: ScenarioContext) => ({
	salesforce: context.sandboxes.salesforce.requests.filter((r) => r.method !== 'GET' && r.path.startsWith('/services/data/')).length,
	netsuite: context.sandboxes.netsuite.requests.filter((r) => r.method !== 'GET' && r.path.includes('/record/')).length,
});
const OBJECTS = ['pse__Proj__c', 'pse__Project_Task__c', 'pse__Budget__c', 'pse__Resource_Request__c', 'Opportunity'];

/** A won deal a sales rep closes with its products, at the price book's entries (the amount rolls up from them). */
function addWonDealWithProducts(context: ScenarioContext, name: string, lines: Array<[code: string, quantity: number, unitPrice: number]>): string {
	const org = context.sandboxes.salesforce.org;
	const [id] = addClosedWonOpportunities(context, [name]);
	const user = String((records(context, 'User').at(-1) as Rec).Id);
	const pricebook = records(context, 'Pricebook2').find((p) => p.IsStandard)!;
	org.update('Opportunity', id, { Pricebook2Id: pricebook.Id }, user);
	for (const [code, quantity, unitPrice] of lines) {
		const entry = records(context, 'PricebookEntry').find((e) => e.ProductCode === code && e.Pricebook2Id === pricebook.Id)!;
		org.insert('OpportunityLineItem', { OpportunityId: id, PricebookEntryId: entry.Id, Quantity: quantity, UnitPrice: unitPrice, ServiceDate: '2026-12-07' }, user);
	}
	return id;
}

export const wonDealToProject: Scenario = {
	name: 'won-deal-to-project',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const ownDeal = addWonDealWithProducts(context, 'Litware Data Platform Rollout', [
			['PS-TM-DAY', 30, 1650.5],
			['TR-DAY', 3, 2400],
			['EXP-PASS', 2500, 1],
		]);
		const [noProducts] = addClosedWonOpportunities(context, ['Handshake deal without products']);
		const closedWon = records(context, 'Opportunity').filter((o) => o.StageName === 'Closed Won');
		const plannable = (o: Rec) => {
			const lines = linesOf(context, String(o.Id));
			const sum = lines.reduce((total, l) => total + (cents(l.TotalPrice) ?? 0n), 0n);
			return lines.length > 0 && String(o.Name).length <= 80 && Boolean(o.AccountId) && cents(o.Amount) === sum;
		};
		const eligible = closedWon.filter(plannable);
		const refused = closedWon.filter((o) => !plannable(o));
		checks.check('won-deal: Salesforce has won deals with products to set up, and one without products', eligible.some((o) => o.Id === ownDeal) && refused.some((o) => o.Id === noProducts), {
			eligible: eligible.length,
			refused: refused.length,
		});

		const first = await executeWorkflow(n8n, WON_DEAL_TO_PROJECT);
		checks.check('won-deal run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const posted = allRuns(first.data, 'Record Result', 0);
		const parked = allRuns(first.data, 'Park for PMO', 0);
		// Deals an earlier run of this scenario set up or parked are Already Done or stay parked; ours are new.
		const doneBefore = allRuns(first.data, 'Check & Claim', 1);
		const parkedBefore = allRuns(first.data, 'Check & Claim', 2);
		const parkedOwn = parked.find((p) => String(p.reason ?? '').includes(String(noProducts)));
		checks.check(
			'won-deal run 1: every won deal with products set up once; every other one parked for the PMO with the field named (no products: OpportunityLineItems)',
			posted.length + doneBefore.length === eligible.length &&
				posted.some((p) => p.ledger?.key === `won-deal:project:SF-${ownDeal}`) &&
				parked.length + parkedBefore.length === refused.length &&
				parked.every((p) => p.exception?.domain === 'pmo' && /(OpportunityLineItems|Amount|CloseDate|AccountId|rejected field \w+)/.test(String(p.reason ?? ''))) &&
				/OpportunityLineItems: a won deal needs at least one product line/.test(String(parkedOwn?.reason ?? '')),
			{ posted: posted.length, doneBefore: doneBefore.length, eligible: eligible.length, parked: parked.map((p) => p.reason), parkedBefore: parkedBefore.length, refused: refused.length },
		);

		const customers = netSuiteRecords(context, 'customer');
		const jobs = netSuiteRecords(context, 'job');
		const problems: Rec[] = [];
		for (const o of eligible) {
			const id = String(o.Id);
			const project = byExternalId(context, 'pse__Proj__c', `OPP-${id}`);
			const lines = linesOf(context, id);
			const tasks = lines.map((l) => byExternalId(context, 'pse__Project_Task__c', `OLI-${String(l.Id)}`));
			const staffed = lines.filter((l) => STAFFED.has(String(l.ProductCode)));
			const requests = staffed.map((l) => ({ line: l, found: byExternalId(context, 'pse__Resource_Request__c', `OLI-${String(l.Id)}-RR`) }));
			const unstaffed = lines.filter((l) => !STAFFED.has(String(l.ProductCode))).flatMap((l) => byExternalId(context, 'pse__Resource_Request__c', `OLI-${String(l.Id)}-RR`));
			const budget = byExternalId(context, 'pse__Budget__c', `OPP-${id}-PO`);
			const customer = customers.filter((c) => c.externalId === `SF-${String(o.AccountId)}`);
			const job = jobs.filter((j) => j.externalId === `SF-${id}`);
			const after = records(context, 'Opportunity').find((r) => r.Id === o.Id)!;
			const p = project[0];
			// Each staffed line asks for its hours (positive, to 1/100 h) of its role, Ready to Staff, on the project.
			const requestsFit = requests.every(({ found }) => {
				const hours = hundredths(found[0]?.pse__SOW_Hours__c);
				return hours !== undefined && hours > 0n && found[0].pse__Status__c === 'Ready to Staff' && found[0].pse__Project__c === p?.Id && Boolean(found[0].pse__Resource_Role__c);
			});
			const ok =
				project.length === 1 &&
				p.pse__Opportunity__c === o.Id &&
				p.pse__Account__c === o.AccountId &&
				tasks.every((t) => t.length === 1 && t[0].pse__Project__c === p.Id) &&
				requests.every(({ found }) => found.length === 1) &&
				requestsFit &&
				unstaffed.length === 0 &&
				budget.length === 1 &&
				budget[0].pse__Project__c === p.Id &&
				budget[0].pse__Type__c === 'Customer Purchase Order' &&
				budget[0].pse__Approved__c === true &&
				cents(budget[0].pse__Amount__c) === cents(o.Amount) &&
				customer.length === 1 &&
				job.length === 1 &&
				String(job[0].parent?.id) === String(customer[0].id) &&
				after.Certinia_Project_Id__c === p.Id &&
				String(after.NetSuite_Project_Id__c) === String(job[0].id) &&
				String(after.NetSuite_Customer_Id__c) === String(customer[0].id);
			if (!ok) {
				problems.push({
					id,
					projects: project.length,
					tasks: tasks.map((t) => t.length),
					requests: requests.map(({ found }) => found.length),
					requestsFit,
					unstaffed: unstaffed.length,
					budget: budget.map((b) => ({ amount: b.pse__Amount__c, type: b.pse__Type__c, approved: b.pse__Approved__c })),
					amount: o.Amount,
					customers: customer.length,
					jobs: job.length,
					writtenBack: { certinia: after.Certinia_Project_Id__c, netsuite: after.NetSuite_Project_Id__c, customer: after.NetSuite_Customer_Id__c },
				});
			}
		}
		checks.check(
			'won-deal: each deal has one Certinia project, a WBS task per product line, one approved customer PO budget for the opportunity amount to the cent, a staffing request per staffed line, one NetSuite customer and project, and the ids on the opportunity',
			problems.length === 0,
			problems.slice(0, 5),
		);

		// Our own deal, checked to the minor unit and the hundredth of an hour: 30 days at 1,650.50, 3 training days at 2,400, 2,500 of expenses.
		const own = byExternalId(context, 'pse__Proj__c', `OPP-${ownDeal}`)[0];
		const ownLines = linesOf(context, ownDeal);
		const ownRequests = ownLines.flatMap((l) => byExternalId(context, 'pse__Resource_Request__c', `OLI-${String(l.Id)}-RR`));
		const ownBudget = byExternalId(context, 'pse__Budget__c', `OPP-${ownDeal}-PO`)[0];
		const hoursByRole = Object.fromEntries(ownRequests.map((r) => [String(r.pse__Resource_Role__c), r.pse__SOW_Hours__c]));
		checks.check(
			'won-deal: the new deal of 59,215.00 has a budget of exactly 59215.00, three WBS tasks and two staffing requests (247.58 h principal consultant = 49,515.00 / 200.00; 24 h adoption consultant = 7,200.00 / 300.00)',
			Boolean(own) &&
				cents(ownBudget?.pse__Amount__c) === 5921500n &&
				ownLines.every((l) => byExternalId(context, 'pse__Project_Task__c', `OLI-${String(l.Id)}`).length === 1) &&
				ownRequests.length === 2 &&
				hundredths(hoursByRole['Principal Consultant']) === 24758n &&
				hundredths(hoursByRole['Adoption Consultant']) === 2400n,
			{ budget: ownBudget?.pse__Amount__c, hoursByRole, lines: ownLines.length },
		);

		const ledgerRows = withResults(await dataTables.rows(LEDGER_TABLE));
		const rowFor = (o: Rec) => ledgerRows.filter((r) => r.key === `won-deal:project:SF-${String(o.Id)}`);
		checks.check(
			'won-deal: the ledger has one posted row per deal set up, with its Certinia project id, and one failed row per parked deal',
			eligible.every((o) => {
				const rows = rowFor(o);
				return rows.length === 1 && rows[0].status === 'posted' && rows[0].targetId === byExternalId(context, 'pse__Proj__c', `OPP-${String(o.Id)}`)[0]?.Id;
			}) && refused.every((o) => rowFor(o).length === 1 && rowFor(o)[0].status !== 'posted'),
			eligible.concat(refused).slice(0, 6).map((o) => rowFor(o).map((r) => ({ key: r.key, status: r.status, targetId: r.targetId }))),
		);

		const writesBefore = writes(context);
		const counts = () => JSON.stringify([...OBJECTS.map((o) => records(context, o).length), netSuiteRecords(context, 'customer').length, netSuiteRecords(context, 'job').length]);
		const countsBefore = counts();
		const second = await executeWorkflow(n8n, WON_DEAL_TO_PROJECT);
		checks.check('won-deal run 2 succeeds', second.ok, second.ok ? undefined : second.output.slice(-1500));
		const alreadyDone = allRuns(second.data, 'Check & Claim', 1);
		const stillParked = allRuns(second.data, 'Check & Claim', 2);
		const writesAfter = writes(context);
		checks.check(
			'won-deal run 2: every deal set up is Already Done and every parked one stays parked; no write reaches Salesforce, Certinia or NetSuite',
			alreadyDone.length === eligible.length &&
				stillParked.length === refused.length &&
				allRuns(second.data, 'Record Result', 0).length === 0 &&
				writesAfter.salesforce === writesBefore.salesforce &&
				writesAfter.netsuite === writesBefore.netsuite &&
				counts() === countsBefore,
			{ alreadyDone: alreadyDone.length, stillParked: stillParked.length, writesBefore, writesAfter, countsBefore, countsAfter: counts() },
		);

		// The write-back is lost (a run died after NetSuite committed, before Salesforce heard of it): the ids are
		// restored from the ledger and NetSuite's records by external id, and nothing is set up again.
		const opportunity = (id: unknown) => records(context, 'Opportunity').find((o) => o.Id === id);
		const idsOf = (o: Rec) => {
			const stored = opportunity(o.Id);
			return [stored?.Certinia_Project_Id__c, stored?.NetSuite_Project_Id__c, stored?.NetSuite_Customer_Id__c];
		};
		const idsBefore = eligible.map(idsOf);
		const table = context.sandboxes.salesforce.org.table(objectDef('Opportunity')!);
		for (const o of eligible) Object.assign(table.get(String(o.Id)) as Rec, { Certinia_Project_Id__c: null, NetSuite_Project_Id__c: null, NetSuite_Customer_Id__c: null });
		const writesBeforeHeal = writes(context);
		const countsBeforeHeal = counts();
		const third = await executeWorkflow(n8n, WON_DEAL_TO_PROJECT);
		const restored = allRuns(third.data, 'Restore ids on the opportunity', 0);
		const writesAfterHeal = writes(context);
		checks.check(
			'won-deal run 3 after lost write-backs: each deal is Already Done, its three ids restored on the opportunity as run 1 wrote them; nothing set up again, no write to Certinia or NetSuite',
			third.ok &&
				restored.length === eligible.length &&
				allRuns(third.data, 'Record Result', 0).length === 0 &&
				allRuns(third.data, 'Already set up', 0).length === 0 &&
				JSON.stringify(eligible.map(idsOf)) === JSON.stringify(idsBefore) &&
				idsBefore.every((ids) => ids.every(Boolean)) &&
				writesAfterHeal.netsuite === writesBeforeHeal.netsuite &&
				writesAfterHeal.salesforce === writesBeforeHeal.salesforce + eligible.length &&
				counts() === countsBeforeHeal,
			{ ok: third.ok, restored: restored.length, eligible: eligible.length, idsBefore: idsBefore.slice(0, 3), idsAfter: eligible.map(idsOf).slice(0, 3), writesBeforeHeal, writesAfterHeal, output: third.ok ? undefined : third.output.slice(-1500) },
		);
		return {
			wonDeals: closedWon.length,
			setUp: eligible.length,
			parkedForPmo: refused.length,
			certiniaTasks: eligible.reduce((n, o) => n + linesOf(context, String(o.Id)).length, 0),
			run2AlreadyDone: alreadyDone.length,
			run3Restored: restored.length,
		};
	},
};
