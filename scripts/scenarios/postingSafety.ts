/**
 * The Sync Ledger's promises in a real n8n, on the opportunity-to-project template and fresh opportunities:
 * - a response lost after NetSuite committed the project upsert is retried without a duplicate;
 * - two `n8n execute` processes at once over the same opportunities post nothing twice;
 * - a run killed (SIGKILL) in the middle of its NetSuite writes, then re-run after its claims expired, leaves
 *   exactly one project per opportunity, every one recorded as posted;
 * - an older version of an opportunity than the one already applied goes to Stale (Order Guard).
 */
import { withResults } from '../../lib/governance';
import { freePort } from '../lib/n8nServer';
import { N8nInstance } from '../lib/realN8n';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { templates } from '../lib/demo';
import {
	addClosedWonOpportunities,
	executeAndKill,
	LEDGER_TABLE,
	OPP_TO_PROJECT,
	opportunity,
	postingOutcome,
	projectsFor,
	projectWrites,
	executeWorkflow,
} from './governed';

/** The template with a 15-second claim expiry (its own is 2 min + 10 s per item), so the test need not wait long. */
const SHORT_EXPIRY_ID = 'p2cOppToProjShort1';
const SHORT_EXPIRY_SECONDS = 15;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const projectPath = (id: string) => `/job/eid(:|%3A)SF-${id}$`;

/** Exactly one NetSuite project per opportunity, its id written back to the opportunity. */
function onePostedProjectEach(context: ScenarioContext, ids: string[]): Record<string, unknown> | true {
	const seen = ids.map((id) => ({ id, projects: projectsFor(context, id).length, writtenBack: opportunity(context, id)?.NetSuite_Project_Id__c ?? null }));
	const ok = ids.every((id) => {
		const projects = projectsFor(context, id);
		return projects.length === 1 && opportunity(context, id)?.NetSuite_Project_Id__c === String(projects[0].id);
	});
	return ok ? true : { seen };
}

export const postingSafety: Scenario = {
	name: 'posting-safety',
	async run(context) {
		const { checks, n8n, sandboxes, dataTables } = context;
		const netsuite = sandboxes.netsuite;
		const summary: Record<string, unknown> = {};

		// 1. NetSuite commits the project upsert, the answer never arrives (connection dropped).
		const lost = addClosedWonOpportunities(context, ['Northwind Lost Answer Pilot', 'Contoso Lost Answer Rollout']);
		netsuite.addFault({ kind: 'lostResponse', method: 'PUT', path: projectPath(lost[0]) });
		const lostRun = await executeWorkflow(n8n, OPP_TO_PROJECT);
		netsuite.clearFaults();
		const lostOutcome = postingOutcome(lostRun.data);
		const lostWrites = projectWrites(context, lost[0]);
		const faulted = netsuite.requests.filter((r) => r.fault === 'lostResponse').length;
		const lostProjects = onePostedProjectEach(context, lost);
		checks.check(
			'a response lost after NetSuite committed the project upsert is retried (upsert by external id): one project, recorded once as posted',
			lostRun.ok && faulted === 1 && lostWrites === 2 && lostProjects === true && lostOutcome.accountedOnce && lostOutcome.posted === lost.length,
			{ ok: lostRun.ok, faulted, lostWrites, lostProjects, lostOutcome, output: lostRun.ok ? undefined : lostRun.output.slice(-800) },
		);
		summary.lostResponse = { projectPutsForFaultedOpportunity: lostWrites, posted: lostOutcome.posted, exceptions: lostOutcome.exception };

		// 2. Two executions at once over the same opportunities (each `n8n execute` needs its own task broker port).
		const shared = addClosedWonOpportunities(context, ['Fabrikam Twin Run A', 'Tailspin Twin Run B', 'Woodgrove Twin Run C', 'Adatum Twin Run D']);
		const twin = new N8nInstance(n8n.binaries, n8n.userFolder, { N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
		// The run that wins the claims writes slowly (4 s per customer upsert), so the other one, started at the
		// same moment but a few seconds later out of n8n's start-up, still finds every opportunity without a project
		// and must be stopped by the claims alone.
		netsuite.addFault({ kind: 'latency', method: 'PUT', path: '/customer/eid', delayMs: 4000, times: shared.length });
		const [a, b] = await Promise.all([executeWorkflow(n8n, OPP_TO_PROJECT), executeWorkflow(twin, OPP_TO_PROJECT)]);
		netsuite.clearFaults();
		const outcomes = [postingOutcome(a.data), postingOutcome(b.data)];
		const writes = shared.map((id) => projectWrites(context, id));
		const sharedProjects = onePostedProjectEach(context, shared);
		checks.check(
			'two concurrent n8n executions over the same opportunities post nothing twice (both see all, one posts, the other finds them In Progress Elsewhere; one NetSuite write and one project each)',
			a.ok &&
				b.ok &&
				// both runs saw every opportunity (they overlapped), one posted them all, the other was kept off by the claims
				outcomes.every((o) => o.input === shared.length && o.accountedOnce) &&
				outcomes[0].posted + outcomes[1].posted === shared.length &&
				outcomes[0].inProgressElsewhere + outcomes[1].inProgressElsewhere === shared.length &&
				writes.every((n) => n === 1) &&
				sharedProjects === true,
			{ ok: [a.ok, b.ok], writes, sharedProjects, outcomes, output: a.ok && b.ok ? undefined : `${a.output.slice(-600)}\n${b.output.slice(-600)}` },
		);
		summary.concurrent = {
			inputs: outcomes.map((o) => o.input),
			posted: outcomes.map((o) => o.posted),
			skippedAsDuplicate: outcomes.map((o) => o.skippedAsDuplicate),
			projectWrites: writes.reduce((s, n) => s + n, 0),
		};

		// 3. A run killed mid-batch: project writes are slowed down, the process is killed after the first commit.
		const template = templates(context.credentialsByType).find((t) => t.workflow.id === OPP_TO_PROJECT)!.workflow as unknown as { nodes: Array<{ name: string; parameters: Record<string, unknown> }> };
		const shortExpiry = JSON.parse(JSON.stringify(template)) as typeof template & { id: string; name: string };
		shortExpiry.id = SHORT_EXPIRY_ID;
		shortExpiry.name = `${shortExpiry.name} (claims expire after ${SHORT_EXPIRY_SECONDS} s, test copy)`;
		shortExpiry.nodes.find((n) => n.name === 'Check & Claim')!.parameters.claimExpirySeconds = SHORT_EXPIRY_SECONDS;
		await n8n.importWorkflow(shortExpiry);
		const batch = addClosedWonOpportunities(context, ['Litware Crash Test 1', 'Proseware Crash Test 2', 'Alpine Crash Test 3', 'Blue Yonder Crash Test 4', 'Northwind Crash Test 5']);
		// NetSuite's node writes as many items at once as the account allows, so the first project is made to commit
		// well before the others: the process is killed between the two (the later writes still land afterwards).
		batch.forEach((id, index) => netsuite.addFault({ kind: 'latency', method: 'PUT', path: `/job/eid(:|%3A)SF-${id}`, delayMs: index === 0 ? 1500 : 8000, times: 4 }));
		const committed = () => batch.filter((id) => netsuite.requests.some((r) => r.method === 'PUT' && decodeURIComponent(r.path).endsWith(`/job/eid:SF-${id}`) && r.status < 300)).length;
		const killedRun = await executeAndKill(n8n, SHORT_EXPIRY_ID, () => committed() >= 1);
		const killedAt = Date.now();
		await wait(2000); // a write already in flight when the process died still lands in NetSuite
		netsuite.clearFaults();
		const postedBeforeKill = batch.filter((id) => projectsFor(context, id).length > 0).length;
		const claimedRows = (withResults(await dataTables.rows(LEDGER_TABLE))).filter((r) => batch.some((id) => r.key === `netsuite:project:SF-${id}`));
		checks.check(
			'the run is killed in the middle of the batch: some projects are in NetSuite, none recorded as posted (the ledger holds open claims)',
			killedRun.killed && postedBeforeKill >= 1 && postedBeforeKill < batch.length && claimedRows.length === batch.length && claimedRows.every((r) => r.status !== 'posted'),
			{ killed: killedRun.killed, code: killedRun.code, postedBeforeKill, ledger: claimedRows.map((r) => r.status), output: killedRun.killed ? undefined : killedRun.output.slice(-800) },
		);
		// Claims were taken before the first write, so they have expired this long after the kill.
		await wait(Math.max(0, killedAt + (SHORT_EXPIRY_SECONDS + 2) * 1000 - Date.now()));
		const rerun = await executeWorkflow(n8n, SHORT_EXPIRY_ID);
		const rerunOutcome = postingOutcome(rerun.data);
		const batchProjects = onePostedProjectEach(context, batch);
		const postedRows = (withResults(await dataTables.rows(LEDGER_TABLE))).filter((r) => batch.some((id) => r.key === `netsuite:project:SF-${id}`));
		checks.check(
			'the re-run after the claims expired posts every item of the killed batch exactly once (one NetSuite project each, every ledger row posted)',
			rerun.ok && batchProjects === true && rerunOutcome.accountedOnce && rerunOutcome.posted === batch.length && postedRows.length === batch.length && postedRows.every((r) => r.status === 'posted'),
			{ ok: rerun.ok, batchProjects, rerunOutcome, ledger: postedRows.map((r) => r.status), output: rerun.ok ? undefined : rerun.output.slice(-800) },
		);
		summary.killed = { batch: batch.length, projectsBeforeKill: postedBeforeKill, postedOnRerun: rerunOutcome.posted, projectsAfter: batch.map((id) => projectsFor(context, id).length) };

		// 4. A late delivery of an older version: the opportunity comes again (write-back gone) with a LastModifiedDate
		// older than the one the Order Guard already applied. It must go to Stale, not claim or post.
		const late = opportunity(context, batch[0])!;
		const applied = { NetSuite_Project_Id__c: late.NetSuite_Project_Id__c, LastModifiedDate: late.LastModifiedDate };
		late.NetSuite_Project_Id__c = null;
		late.LastModifiedDate = '2026-01-01T00:00:00.000+0000';
		const writesBeforeLate = netsuite.requests.filter((r) => r.method !== 'GET').length;
		const lateRun = await executeWorkflow(n8n, OPP_TO_PROJECT);
		const lateOutcome = postingOutcome(lateRun.data);
		checks.check(
			'an older version than the one already applied goes to Stale: not claimed, nothing sent to NetSuite',
			lateRun.ok && lateOutcome.accountedOnce && lateOutcome.input === 1 && lateOutcome.stale === 1 && netsuite.requests.filter((r) => r.method !== 'GET').length === writesBeforeLate,
			{ ok: lateRun.ok, lateOutcome, output: lateRun.ok ? undefined : lateRun.output.slice(-800) },
		);
		Object.assign(late, applied); // as it was, so later scenarios do not see it again
		summary.stale = { input: lateOutcome.input, stale: lateOutcome.stale, posted: lateOutcome.posted };
		return summary;
	},
};
