/**
 * Template opportunity-to-kantata-project in real n8n, governed by the Sync Ledger: every closed-won Salesforce
 * opportunity becomes one Kantata workspace (under one workspace group per account) with a three-story WBS, a
 * staffing slot and a resource request, each linked by an external reference to its Salesforce id. Run 2 finds
 * every opportunity Already Done in the ledger and sends Kantata no write at all; nothing is made twice. Run 3
 * posts a new deal while Kantata's answer to its workspace create is lost after commit: the upsert finds the
 * workspace by its external reference instead of creating a second one.
 */
import { withResults } from '../../lib/governance';
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { addClosedWonOpportunities, allRuns, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';

export const OPP_TO_KANTATA = 'p2cOppToKantata1';

function closedWon(context: ScenarioContext): Rec[] {
	return (context.sandboxes.salesforce.org.records(objectDef('Opportunity')!) as Rec[]).filter((o) => o.StageName === 'Closed Won');
}

/** Kantata records of a collection linked to a Salesforce record (service `salesforce`, the given model). */
function linked(context: ScenarioContext, subjectType: string, model: string): Map<string, Rec[]> {
	const account = context.sandboxes.kantata.account;
	const out = new Map<string, Rec[]>();
	for (const ref of account.records('external_references') as Rec[]) {
		if (ref.service_name !== 'salesforce' || ref.service_model !== model || ref.subject_type !== subjectType) continue;
		out.set(ref.service_model_ref, [...(out.get(ref.service_model_ref) ?? []), ref]);
	}
	return out;
}

const kantataWrites = (context: ScenarioContext) => context.sandboxes.kantata.requests.filter((r) => r.method !== 'GET').length;

export const kantataOpportunityToProject: Scenario = {
	name: 'opportunity-to-kantata-project',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const account = context.sandboxes.kantata.account;
		const eligible = closedWon(context);
		const accounts = [...new Set(eligible.map((o) => String(o.AccountId)))];
		checks.check('Salesforce has closed-won opportunities to start Kantata projects from', eligible.length > 0, eligible.length);
		const workspacesBefore = account.records('workspaces').length;

		const first = await executeWorkflow(n8n, OPP_TO_KANTATA);
		checks.check('kantata run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const posted1 = allRuns(first.data, 'Record Result', 0);
		const parked1 = allRuns(first.data, 'Park for PMO', 0);
		checks.check('kantata run 1: every opportunity posted once, none parked', posted1.length === eligible.length && parked1.length === 0, { posted: posted1.length, parked: parked1.map((p) => p.exception?.reason ?? p), eligible: eligible.length });

		const projects = linked(context, 'Workspace', 'Opportunity');
		const groups = linked(context, 'WorkspaceGroup', 'Account');
		const stories = linked(context, 'Story', 'OpportunityTask');
		const slots = linked(context, 'WorkspaceResource', 'OpportunityRole');
		checks.check('one Kantata workspace group per Salesforce account', accounts.every((a) => groups.get(a)?.length === 1), accounts.map((a) => [a, groups.get(a)?.length ?? 0]));
		const projectOk = (o: Rec) => {
			const ref = projects.get(String(o.Id));
			if (ref?.length !== 1) return false;
			const workspace = account.find('workspaces', String(ref[0].subject_id));
			const group = groups.get(String(o.AccountId))?.[0];
			const wbs = ['T1', 'T2', 'M1'].map((suffix) => stories.get(`${String(o.Id)}-${suffix}`));
			const slot = slots.get(`${String(o.Id)}-R1`);
			const requests = (account.records('resource_requests') as Rec[]).filter((r) => slot && r.resource_id === String(slot[0].subject_id));
			return (
				workspace?.title === o.Name &&
				(workspace?.workspace_group_ids as string[]).includes(String(group?.subject_id)) &&
				wbs.every((refs) => refs?.length === 1 && account.find('stories', String(refs[0].subject_id))?.workspace_id === String(workspace?.id)) &&
				account.find('stories', String(wbs[2]![0].subject_id))?.story_type === 'milestone' &&
				slot?.length === 1 &&
				requests.length === 1
			);
		};
		checks.check('one Kantata workspace per opportunity, under its client, with its WBS (2 tasks + go-live milestone) and one staffing request', eligible.every(projectOk), eligible.filter((o) => !projectOk(o)).map((o) => o.Id));
		checks.check('workspaces created = closed-won opportunities', account.records('workspaces').length - workspacesBefore === eligible.length, { created: account.records('workspaces').length - workspacesBefore });

		const ledgerRows = withResults(await dataTables.rows(LEDGER_TABLE));
		const rowsFor = (o: Rec) => ledgerRows.filter((r) => r.key === `kantata:project:SF-${String(o.Id)}`);
		checks.check(
			'the ledger has one posted row per opportunity with its Kantata workspace id',
			eligible.every((o) => {
				const rows = rowsFor(o);
				return rows.length === 1 && rows[0].status === 'posted' && rows[0].targetSystem === 'kantata' && rows[0].targetId === String(projects.get(String(o.Id))?.[0]?.subject_id);
			}),
			eligible.map((o) => rowsFor(o).map((r) => ({ key: r.key, status: r.status, targetId: r.targetId }))),
		);

		const writesBefore = kantataWrites(context);
		const countsBefore = JSON.stringify((account.snapshot() as { counts: Record<string, number> }).counts);
		const second = await executeWorkflow(n8n, OPP_TO_KANTATA);
		checks.check('kantata run 2 succeeds', second.ok, second.ok ? undefined : second.output.slice(-1500));
		const alreadyDone = allRuns(second.data, 'Check & Claim', 1);
		const countsAfter = JSON.stringify((account.snapshot() as { counts: Record<string, number> }).counts);
		checks.check(
			'kantata run 2: every opportunity is Already Done in the ledger, Kantata gets no write and no record is made twice',
			alreadyDone.length === eligible.length && allRuns(second.data, 'Record Result', 0).length === 0 && kantataWrites(context) === writesBefore && countsAfter === countsBefore,
			{ alreadyDone: alreadyDone.length, writes: kantataWrites(context) - writesBefore, countsBefore, countsAfter },
		);
		const [lostDeal] = addClosedWonOpportunities(context, ['Kantata lost-answer deal']);
		const kantata = context.sandboxes.kantata;
		kantata.addFault({ kind: 'lostResponse', method: 'POST', path: '^/api/v1/workspaces\\.json$' });
		const workspacePostsBefore = kantata.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/workspaces.json').length;
		const third = await executeWorkflow(n8n, OPP_TO_KANTATA);
		checks.check('kantata run 3 (a workspace create whose answer is lost) succeeds', third.ok, third.ok ? undefined : third.output.slice(-1500));
		const posts = kantata.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/workspaces.json').slice(workspacePostsBefore);
		const lostLinks = linked(context, 'Workspace', 'Opportunity').get(lostDeal) ?? [];
		const posted3 = allRuns(third.data, 'Record Result', 0);
		checks.check(
			'kantata run 3: the create was committed and its answer lost; the upsert found it by its reference: one workspace, one POST, posted once',
			posts.length === 1 && posts[0].fault === 'lostResponse' && lostLinks.length === 1 && posted3.length === 1 && posted3[0].ledger?.targetId === String(lostLinks[0].subject_id),
			{ posts: posts.map((p) => p.fault ?? p.status), links: lostLinks.length, posted: posted3.map((p) => p.ledger) },
		);
		return { eligibleOpportunities: eligible.length, accounts: accounts.length, workspacesCreated: account.records('workspaces').length - workspacesBefore, run2AlreadyDone: alreadyDone.length };
	},
};
