/**
 * Template opportunity-to-certinia-project in real n8n, governed by the Sync Ledger: every closed-won
 * Salesforce opportunity becomes one Certinia PSA project (pse__Proj__c in the Salesforce sandbox, linked to its
 * account and opportunity) with two project tasks, a go-live milestone and a resource request, each upserted by
 * External_Id__c. Run 2 finds every opportunity Already Done in the ledger and sends Certinia no write: nothing
 * is made twice. Run 3 posts a new deal while the answer to its project upsert is lost after commit: the node
 * resends the upsert, which updates the project the first attempt created. A deal whose name is longer than a
 * PSA project name (80 characters) is refused by Certinia with the field named and parked for the PMO, once.
 */
import { withResults } from '../../lib/governance';
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { addClosedWonOpportunities, allRuns, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';

export const OPP_TO_CERTINIA = 'p2cOppToCertinia1';

const records = (context: ScenarioContext, object: string) => context.sandboxes.salesforce.org.records(objectDef(object)!) as Rec[];
const closedWon = (context: ScenarioContext) => records(context, 'Opportunity').filter((o) => o.StageName === 'Closed Won');
const byExternalId = (context: ScenarioContext, object: string, ext: string) => records(context, object).filter((r) => r.External_Id__c === ext);
/** Writes the Certinia node sent to pse__ objects (the Salesforce node's write-backs are other objects). */
const certiniaWrites = (context: ScenarioContext) =>
	context.sandboxes.salesforce.requests.filter((r) => r.method !== 'GET' && /\/(sobjects|composite\/sobjects)\/pse__/.test(r.path)).length;

export const certiniaOpportunityToProject: Scenario = {
	name: 'opportunity-to-certinia-project',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		addClosedWonOpportunities(context, ['Northwind Clinical Data Platform Consolidation and Migration Programme, Phase 1 (EMEA)']);
		const all = closedWon(context);
		// Certinia's project Name is Text(80): longer deal names are refused and parked, the rest posted.
		const tooLong = all.filter((o) => String(o.Name).length > 80);
		const eligible = all.filter((o) => String(o.Name).length <= 80);
		checks.check('Salesforce has closed-won opportunities to start Certinia projects from', eligible.length > 0 && tooLong.length > 0, { eligible: eligible.length, tooLong: tooLong.length });
		const projectsBefore = records(context, 'pse__Proj__c').length;

		const first = await executeWorkflow(n8n, OPP_TO_CERTINIA);
		checks.check('certinia run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const posted1 = allRuns(first.data, 'Record Result', 0);
		const parked1 = allRuns(first.data, 'Park for PMO', 0);
		checks.check(
			'certinia run 1: every opportunity posted once; each over-long name parked for the PMO with Certinia naming the Name field',
			posted1.length === eligible.length &&
				parked1.length === tooLong.length &&
				parked1.every((p) => p.exception?.domain === 'pmo' && /Certinia rejected field Name: .*STRING_TOO_LONG/.test(String(p.ledger?.error ?? ''))),
			{ posted: posted1.length, parked: parked1.map((p) => p.reason ?? p), eligible: eligible.length, tooLong: tooLong.length },
		);

		const projectOk = (o: Rec) => {
			const id = String(o.Id);
			const project = byExternalId(context, 'pse__Proj__c', `SF-${id}`);
			if (project.length !== 1) return false;
			const p = project[0];
			const tasks = ['T1', 'T2'].map((s) => byExternalId(context, 'pse__Project_Task__c', `SF-${id}-${s}`));
			const milestone = byExternalId(context, 'pse__Milestone__c', `SF-${id}-M1`);
			const request = byExternalId(context, 'pse__Resource_Request__c', `SF-${id}-R1`);
			return (
				p.Name === o.Name &&
				p.pse__Opportunity__c === o.Id &&
				p.pse__Account__c === o.AccountId &&
				tasks.every((t) => t.length === 1 && t[0].pse__Project__c === p.Id) &&
				milestone.length === 1 &&
				milestone[0].pse__Project__c === p.Id &&
				request.length === 1 &&
				request[0].pse__Project__c === p.Id &&
				request[0].pse__Status__c === 'Ready to Staff'
			);
		};
		checks.check(
			'one Certinia project per opportunity (its account and opportunity linked), with its WBS (2 tasks + go-live milestone) and one resource request',
			eligible.every(projectOk),
			eligible.filter((o) => !projectOk(o)).map((o) => o.Id),
		);
		checks.check('projects created = closed-won opportunities with a name Certinia takes', records(context, 'pse__Proj__c').length - projectsBefore === eligible.length, {
			created: records(context, 'pse__Proj__c').length - projectsBefore,
		});

		const ledgerRows = withResults(await dataTables.rows(LEDGER_TABLE));
		const rowsFor = (o: Rec) => ledgerRows.filter((r) => r.key === `certinia:project:SF-${String(o.Id)}`);
		checks.check(
			'the ledger has one posted row per opportunity with its Certinia project id',
			eligible.every((o) => {
				const rows = rowsFor(o);
				return rows.length === 1 && rows[0].status === 'posted' && rows[0].targetSystem === 'certinia' && rows[0].targetId === byExternalId(context, 'pse__Proj__c', `SF-${String(o.Id)}`)[0]?.Id;
			}),
			eligible.map((o) => rowsFor(o).map((r) => ({ key: r.key, status: r.status, targetId: r.targetId }))),
		);

		const writesBefore = certiniaWrites(context);
		const counts = () => JSON.stringify(['pse__Proj__c', 'pse__Project_Task__c', 'pse__Milestone__c', 'pse__Resource_Request__c'].map((o) => records(context, o).length));
		const countsBefore = counts();
		const second = await executeWorkflow(n8n, OPP_TO_CERTINIA);
		checks.check('certinia run 2 succeeds', second.ok, second.ok ? undefined : second.output.slice(-1500));
		const alreadyDone = allRuns(second.data, 'Check & Claim', 1);
		const stillParked = allRuns(second.data, 'Check & Claim', 2);
		checks.check(
			'certinia run 2: every posted opportunity is Already Done and every parked one stays parked; Certinia gets no write and no record is made twice',
			alreadyDone.length === eligible.length &&
				stillParked.length === tooLong.length &&
				allRuns(second.data, 'Record Result', 0).length === 0 &&
				certiniaWrites(context) === writesBefore &&
				counts() === countsBefore,
			{ alreadyDone: alreadyDone.length, stillParked: stillParked.length, writes: certiniaWrites(context) - writesBefore, countsBefore, countsAfter: counts() },
		);

		const [lostDeal] = addClosedWonOpportunities(context, ['Certinia lost-answer deal']);
		const salesforce = context.sandboxes.salesforce;
		salesforce.addFault({ kind: 'lostResponse', method: 'PATCH', path: '/sobjects/pse__Proj__c/External_Id__c/' });
		const upsertsBefore = salesforce.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/pse__Proj__c/External_Id__c/')).length;
		const third = await executeWorkflow(n8n, OPP_TO_CERTINIA);
		checks.check('certinia run 3 (a project upsert whose answer is lost) succeeds', third.ok, third.ok ? undefined : third.output.slice(-1500));
		const upserts = salesforce.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/pse__Proj__c/External_Id__c/')).slice(upsertsBefore);
		const lostProjects = byExternalId(context, 'pse__Proj__c', `SF-${lostDeal}`);
		const posted3 = allRuns(third.data, 'Record Result', 0);
		checks.check(
			'certinia run 3: the upsert was committed and its answer lost; the resent upsert updated it: one project, posted once with its id',
			upserts.length === 2 && upserts[0].fault === 'lostResponse' && lostProjects.length === 1 && posted3.length === 1 && posted3[0].ledger?.targetId === lostProjects[0].Id,
			{ upserts: upserts.map((p) => p.fault ?? p.status), projects: lostProjects.length, posted: posted3.map((p) => p.ledger) },
		);
		return { eligibleOpportunities: eligible.length, projectsCreated: records(context, 'pse__Proj__c').length - projectsBefore, run2AlreadyDone: alreadyDone.length };
	},
};
