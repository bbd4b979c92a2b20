/**
 * Template opportunity-to-project in real n8n, governed by the Sync Ledger: closed-won Salesforce opportunities
 * become NetSuite customers and projects, ids written back. Then the write-back is undone in Salesforce (as if
 * the run had died after posting to NetSuite) and the template runs again: the ledger knows every project, so
 * NetSuite gets no write at all and the Already Done route restores the ids. Every item's outcome is counted.
 */
import { withResults } from '../../lib/governance';
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { allRuns, LEDGER_TABLE, netSuiteRecords, OPP_TO_PROJECT, postingOutcome, executeWorkflow } from './governed';
import type { Rec } from './governed';

function netSuiteByExternalId(context: ScenarioContext, type: string): Map<string, Rec[]> {
	const out = new Map<string, Rec[]>();
	for (const record of netSuiteRecords(context, type)) {
		if (!record.externalId) continue;
		out.set(record.externalId, [...(out.get(record.externalId) ?? []), record]);
	}
	return out;
}

function opportunities(context: ScenarioContext): Rec[] {
	return context.sandboxes.salesforce.org.records(objectDef('Opportunity')!) as Rec[];
}

const netSuiteWrites = (context: ScenarioContext) => context.sandboxes.netsuite.requests.filter((r) => r.method !== 'GET').length;

export const opportunityToProject: Scenario = {
	name: 'opportunity-to-project',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const eligible = opportunities(context).filter((o) => o.StageName === 'Closed Won' && !o.NetSuite_Project_Id__c);
		const accounts = [...new Set(eligible.map((o) => o.AccountId as string))];
		checks.check('seed has closed-won opportunities without a NetSuite project', eligible.length > 0, eligible.length);

		const first = await executeWorkflow(n8n, OPP_TO_PROJECT);
		checks.check('run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const run1 = postingOutcome(first.data);
		checks.check('run 1: every opportunity posted once (outcomes: posted / skipped / stale / exception)', run1.accountedOnce && run1.posted === eligible.length && run1.input === eligible.length, run1);
		const written = allRuns(first.data, 'Write NetSuite ids to the opportunity');
		checks.check('run 1 writes NetSuite ids back to every eligible opportunity', written.length === eligible.length, { written: written.length, eligible: eligible.length });

		const customers = netSuiteByExternalId(context, 'customer');
		const projects = netSuiteByExternalId(context, 'job');
		checks.check(
			'one NetSuite customer per account (external id SF-<AccountId>)',
			accounts.every((a) => customers.get(`SF-${a}`)?.length === 1),
			accounts.map((a) => [a, customers.get(`SF-${a}`)?.length ?? 0]),
		);
		const byOpportunity = new Map(opportunities(context).map((o) => [o.Id as string, o]));
		checks.check(
			'one NetSuite project per opportunity, under its customer, id written back',
			eligible.every((o) => {
				const project = projects.get(`SF-${o.Id}`);
				const customer = customers.get(`SF-${o.AccountId}`)?.[0];
				return (
					project?.length === 1 &&
					String(project[0].parent?.id) === String(customer?.id) &&
					byOpportunity.get(o.Id)?.NetSuite_Project_Id__c === String(project[0].id) &&
					byOpportunity.get(o.Id)?.NetSuite_Customer_Id__c === String(customer?.id)
				);
			}),
		);
		const idsAfterFirst = eligible.map((o) => [byOpportunity.get(o.Id)?.NetSuite_Project_Id__c, byOpportunity.get(o.Id)?.NetSuite_Customer_Id__c]);

		// The ledger's rows, read as a user sees them: n8n's public Data Tables API of the running server.
		const ledgerRows = withResults(await dataTables.rows(LEDGER_TABLE));
		const rowFor = (o: Rec) => ledgerRows.filter((r) => r.key === `netsuite:project:SF-${o.Id}`);
		checks.check(
			'the ledger rows are visible in n8n (GET /api/v1/data-tables → p2c_ledger rows): one posted row per opportunity with its NetSuite project id',
			eligible.every((o) => {
				const rows = rowFor(o);
				return rows.length === 1 && rows[0].status === 'posted' && rows[0].targetSystem === 'netsuite' && rows[0].targetId === String(projects.get(`SF-${o.Id}`)?.[0]?.id);
			}),
			eligible.map((o) => rowFor(o).map((r) => ({ key: r.key, status: r.status, targetId: r.targetId }))),
		);

		// The write-back is lost (the run died after NetSuite committed, before Salesforce heard of it): run again.
		const table = context.sandboxes.salesforce.org.table(objectDef('Opportunity')!);
		for (const o of eligible) {
			const stored = table.get(o.Id) as Rec | undefined;
			if (stored) {
				stored.NetSuite_Project_Id__c = null;
				stored.NetSuite_Customer_Id__c = null;
			}
		}
		const counts = () => (context.sandboxes.netsuite.options.snapshot() as { counts: Record<string, number> }).counts;
		const before = counts();
		const writesBefore = netSuiteWrites(context);
		const second = await executeWorkflow(n8n, OPP_TO_PROJECT);
		checks.check('run 2 (after a lost write-back) succeeds', second.ok, second.ok ? undefined : second.output.slice(-1500));
		const after = counts();
		const run2 = postingOutcome(second.data);
		checks.check(
			'run 2: every opportunity is skipped as already posted (Already Done) and nothing is sent to NetSuite',
			run2.accountedOnce && run2.skippedAsDuplicate === eligible.length && run2.posted === 0 && netSuiteWrites(context) === writesBefore && after.customer === before.customer && after.job === before.job,
			{ run2, netSuiteWrites: netSuiteWrites(context) - writesBefore, before, after },
		);
		const idsAfterSecond = eligible.map((o) => [(table.get(o.Id) as Rec | undefined)?.NetSuite_Project_Id__c, (table.get(o.Id) as Rec | undefined)?.NetSuite_Customer_Id__c]);
		checks.check(
			'run 2 heals the lost write-back from the ledger (same project and customer ids restored)',
			run2.healed === eligible.length && JSON.stringify(idsAfterSecond) === JSON.stringify(idsAfterFirst),
			{ idsAfterFirst, idsAfterSecond },
		);

		const third = await executeWorkflow(n8n, OPP_TO_PROJECT);
		checks.check('run 3 finds nothing left to do', third.ok && postingOutcome(third.data).input === 0, third.ok ? postingOutcome(third.data) : third.output.slice(-800));

		return {
			eligibleOpportunities: eligible.length,
			accounts: accounts.length,
			netSuiteCustomers: [...customers.keys()].filter((k) => k.startsWith('SF-')).length,
			netSuiteProjects: [...projects.keys()].filter((k) => k.startsWith('SF-')).length,
			run1: { posted: run1.posted, skippedAsDuplicate: run1.skippedAsDuplicate, stale: run1.stale, exception: run1.exception },
			run2: { posted: run2.posted, skippedAsDuplicate: run2.skippedAsDuplicate, healed: run2.healed, stale: run2.stale, exception: run2.exception },
			recordsCreatedOnRerun: after.customer - before.customer + (after.job - before.job),
			ledgerRows: ledgerRows.length,
		};
	},
};
