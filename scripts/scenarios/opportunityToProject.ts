/**
 * Template opportunity-to-project in real n8n: closed-won Salesforce opportunities become NetSuite customers
 * and projects, ids written back. Then the write-back is undone in Salesforce (as if the run had died after
 * posting to NetSuite) and the template runs again: NetSuite must end with the same records, no duplicates.
 */
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { nodeOutput } from '../lib/realN8n';

const WORKFLOW_ID = 'p2cOppToProject1';
const WRITE_BACK = 'Write NetSuite ids to the opportunity';

type Rec = Record<string, any>;

function netSuiteByExternalId(context: ScenarioContext, type: string): Map<string, Rec[]> {
	const out = new Map<string, Rec[]>();
	const records = (context.sandboxes.netsuite.options.snapshot() as { records: Record<string, Rec[]> }).records[type] ?? [];
	for (const record of records) {
		if (!record.externalId) continue;
		out.set(record.externalId, [...(out.get(record.externalId) ?? []), record]);
	}
	return out;
}

function opportunities(context: ScenarioContext): Rec[] {
	return context.sandboxes.salesforce.org.records(objectDef('Opportunity')!) as Rec[];
}

export const opportunityToProject: Scenario = {
	name: 'opportunity-to-project',
	async run(context) {
		const { checks, n8n } = context;
		const eligible = opportunities(context).filter((o) => o.StageName === 'Closed Won' && !o.NetSuite_Project_Id__c);
		const accounts = [...new Set(eligible.map((o) => o.AccountId as string))];
		checks.check('seed has closed-won opportunities without a NetSuite project', eligible.length > 0, eligible.length);

		const first = await n8n.execute(WORKFLOW_ID);
		checks.check('run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const written = nodeOutput(first.data, WRITE_BACK);
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
		const idsAfterFirst = eligible.map((o) => byOpportunity.get(o.Id)?.NetSuite_Project_Id__c);

		// The write-back is lost (the run died after NetSuite committed): run the template again.
		const table = context.sandboxes.salesforce.org.table(objectDef('Opportunity')!);
		for (const o of eligible) {
			const stored = table.get(o.Id);
			if (stored) stored.NetSuite_Project_Id__c = null;
		}
		const counts = () => (context.sandboxes.netsuite.options.snapshot() as { counts: Record<string, number> }).counts;
		const before = counts();
		const second = await n8n.execute(WORKFLOW_ID);
		checks.check('run 2 (after a lost write-back) succeeds', second.ok, second.ok ? undefined : second.output.slice(-1500));
		const after = counts();
		checks.check('run 2 creates no NetSuite customer or project (upserts by external id)', after.customer === before.customer && after.job === before.job, { before, after });
		const idsAfterSecond = eligible.map((o) => (table.get(o.Id) as Rec | undefined)?.NetSuite_Project_Id__c);
		checks.check('run 2 writes back the same NetSuite project ids', JSON.stringify(idsAfterSecond) === JSON.stringify(idsAfterFirst), { idsAfterFirst, idsAfterSecond });

		const third = await n8n.execute(WORKFLOW_ID);
		checks.check('run 3 finds nothing left to do', third.ok && nodeOutput(third.data, WRITE_BACK).length === 0);

		return {
			eligibleOpportunities: eligible.length,
			accounts: accounts.length,
			netSuiteCustomers: [...customers.keys()].filter((k) => k.startsWith('SF-')).length,
			netSuiteProjects: [...projects.keys()].filter((k) => k.startsWith('SF-')).length,
			recordsCreatedOnRerun: after.customer - before.customer + (after.job - before.job),
		};
	},
};
