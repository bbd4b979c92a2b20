/**
 * Template d365-won-opportunity-to-project in real n8n, governed by the Sync Ledger: every Dynamics 365 Sales
 * opportunity won since the template's cut-over date becomes one Project Operations project (msdyn_CreateProjectV1)
 * with its WBS applied through the schedule API's operation sets (Discovery, Delivery, a Go-live milestone) and the
 * engagement lead as a team member, then a Finance customer (by its account number) and a Finance project linked
 * back by its external reference (`Reference` = `dataverse:<project id>`). Run 2 finds every opportunity Already
 * Done and sends Dataverse and Finance no write at all.
 */
import { withResults } from '../../lib/governance';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { nonGetRequests } from './d365Shared';
import { allRuns, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';

export const D365_WON_TO_PROJECT = 'p2cD365WonToProject1';
/** The template's cut-over: opportunities won before it were set up by hand. */
const CUT_OVER = '2026-10-01';

const records = (context: ScenarioContext, set: string) => context.sandboxes.dataverse.service.records(set) as Rec[];
const financeRecords = (context: ScenarioContext, set: string) => context.sandboxes.dynamicsFinance.service.records(set) as Rec[];
const writes = (context: ScenarioContext) => ({ dataverse: nonGetRequests(context.sandboxes.dataverse), finance: nonGetRequests(context.sandboxes.dynamicsFinance) });

export const d365WonOpportunityToProject: Scenario = {
	name: 'd365-won-opportunity-to-project',
	async run(context) {
		const started = Date.now();
		const { checks, n8n, dataTables } = context;
		const won = records(context, 'opportunities').filter((o) => o.statecode === 1 && String(o.actualclosedate) >= CUT_OVER);
		checks.check('Dynamics 365 Sales has opportunities won since the cut-over', won.length > 0, won.map((o) => o.p2c_externalid));
		const projectsBefore = records(context, 'msdyn_projects').length;

		const first = await executeWorkflow(n8n, D365_WON_TO_PROJECT);
		checks.check('d365 won-opportunity run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const posted = allRuns(first.data, 'Record Result', 0);
		const parked = allRuns(first.data, 'Park for PMO', 0);
		checks.check('d365 won-opportunity run 1: every won opportunity posted once, none parked', posted.length === won.length && parked.length === 0, { posted: posted.length, won: won.length, parked: parked.map((p) => p.exception?.reason ?? p.ledger?.error) });

		const problems: Rec[] = [];
		for (const opportunity of won) {
			const projects = records(context, 'msdyn_projects').filter((p) => p.p2c_externalid === opportunity.p2c_externalid);
			const project = projects[0];
			const tasks = project ? records(context, 'msdyn_projecttasks').filter((t) => t._msdyn_project_value === project.msdyn_projectid) : [];
			const team = project ? records(context, 'msdyn_projectteams').filter((m) => m._msdyn_project_value === project.msdyn_projectid) : [];
			const account = records(context, 'accounts').find((a) => a.accountid === opportunity._customerid_value);
			const customers = financeRecords(context, 'CustomersV3').filter((c) => c.dataAreaId === 'usmf' && c.CustomerAccount === account?.accountnumber);
			const financeProjects = project ? financeRecords(context, 'Projects').filter((p) => p.Reference === `dataverse:${String(project.msdyn_projectid)}`) : [];
			const wbs = tasks.map((t) => `${String(t.msdyn_subject)}${t.msdyn_ismilestone === true ? ' (milestone)' : ''}`).sort();
			const ok =
				projects.length === 1 &&
				project.msdyn_subject === opportunity.name &&
				project._msdyn_customer_value === opportunity._customerid_value &&
				JSON.stringify(wbs) === JSON.stringify(['Delivery', 'Discovery', 'Go-live sign-off (milestone)']) &&
				team.length === 1 &&
				team[0].msdyn_name === 'Dana Whitfield' &&
				customers.length === 1 &&
				customers[0].IdentificationNumber === `dataverse:${String(account?.accountid)}` &&
				financeProjects.length === 1 &&
				financeProjects[0].ProjectID === opportunity.p2c_externalid &&
				financeProjects[0].CustomerAccount === account?.accountnumber;
			if (!ok) problems.push({ opportunity: opportunity.p2c_externalid, projects: projects.length, wbs, team: team.map((m) => m.msdyn_name), customers: customers.length, financeProjects: financeProjects.map((p) => [p.ProjectID, p.CustomerAccount]) });
		}
		checks.check(
			'one Project Operations project per won opportunity (its customer bound), with its WBS (Discovery, Delivery, Go-live milestone) and the engagement lead on the team; its Finance customer by account number and Finance project linked by Reference',
			problems.length === 0,
			problems,
		);
		checks.check('projects created = opportunities won since the cut-over', records(context, 'msdyn_projects').length - projectsBefore === won.length, { created: records(context, 'msdyn_projects').length - projectsBefore });

		const ledger = (withResults(await dataTables.rows(LEDGER_TABLE))).filter((r) => String(r.key).startsWith('projectoperations:project:'));
		const ledgerOk = won.every((o) => {
			const rows = ledger.filter((r) => r.key === `projectoperations:project:${String(o.opportunityid)}`);
			const project = records(context, 'msdyn_projects').find((p) => p.p2c_externalid === o.p2c_externalid);
			return rows.length === 1 && rows[0].status === 'posted' && rows[0].targetSystem === 'projectoperations' && rows[0].targetId === project?.msdyn_projectid;
		});
		checks.check('the ledger has one posted row per opportunity with its Project Operations project id', ledgerOk, ledger.map((r) => ({ key: r.key, status: r.status, targetId: r.targetId })));

		const before = { ...writes(context), projects: records(context, 'msdyn_projects').length, financeProjects: financeRecords(context, 'Projects').length, customers: financeRecords(context, 'CustomersV3').length };
		const second = await executeWorkflow(n8n, D365_WON_TO_PROJECT);
		checks.check('d365 won-opportunity run 2 succeeds', second.ok, second.ok ? undefined : second.output.slice(-1500));
		const alreadyDone = allRuns(second.data, 'Check & Claim', 1);
		const after = { ...writes(context), projects: records(context, 'msdyn_projects').length, financeProjects: financeRecords(context, 'Projects').length, customers: financeRecords(context, 'CustomersV3').length };
		checks.check(
			'd365 won-opportunity run 2: every opportunity is Already Done; Dataverse and Finance get no write (no non-GET request) and nothing is made twice',
			alreadyDone.length === won.length && allRuns(second.data, 'Record Result', 0).length === 0 && JSON.stringify(after) === JSON.stringify(before),
			{ alreadyDone: alreadyDone.length, before, after },
		);
		return { seconds: Math.round((Date.now() - started) / 1000), wonSinceCutOver: won.length, projectsCreated: after.projects - projectsBefore, run2AlreadyDone: alreadyDone.length, run2Writes: { dataverse: after.dataverse - before.dataverse, finance: after.finance - before.finance } };
	},
};
