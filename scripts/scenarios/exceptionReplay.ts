/**
 * Template exception-replay in real n8n: an opportunity whose project NetSuite rejects (a 400 naming the field,
 * `o:errorPath` companyName) is parked for the PMO; the exception row is read and its payload edited through
 * n8n's public Data Tables API, as a user would in the Data Table UI; the replay template posts it exactly once
 * and resolves the exception; a second replay posts nothing.
 */
import type { Scenario } from '../lib/demo';
import {
	addClosedWonOpportunities,
	allRuns,
	EXCEPTION_REPLAY,
	EXCEPTION_TABLE,
	OPP_TO_PROJECT,
	opportunity,
	postingOutcome,
	projectsFor,
	projectWrites,
	executeWorkflow,
} from './governed';

// NetSuite limits entity names to 83 characters; the sandbox does not check lengths, so a fault answers the way
// NetSuite does for this one project upsert.
const TOO_LONG = 'Contoso Enterprise Data Platform Modernisation Programme, Phase 2: Finance and Supply Chain Workstreams';
const FIXED = 'Contoso Data Platform Phase 2';

export const exceptionReplay: Scenario = {
	name: 'exception-replay',
	async run(context) {
		const { checks, n8n, sandboxes, dataTables } = context;
		const [id] = addClosedWonOpportunities(context, [TOO_LONG]);
		const key = `netsuite:project:SF-${id}`;
		sandboxes.netsuite.addFault({
			kind: 'status',
			method: 'PUT',
			path: `/job/eid(:|%3A)SF-${id}$`,
			status: 400,
			headers: { 'Content-Type': 'application/vnd.oracle.resource+json; type=error; charset=UTF-8' },
			body: {
				type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
				title: 'Bad Request',
				status: 400,
				'o:errorDetails': [
					{
						detail: `Error while accessing a resource. You have entered an Invalid Field Value ${TOO_LONG} for the following field: companyName`,
						'o:errorCode': 'INVALID_CONTENT',
						'o:errorPath': 'companyName',
					},
				],
			},
		});
		const failing = await executeWorkflow(n8n, OPP_TO_PROJECT);
		sandboxes.netsuite.clearFaults();
		const outcome = postingOutcome(failing.data);
		checks.check(
			'a project NetSuite rejects ends as an exception (not posted, run goes on): outcomes posted / skipped / stale / exception add up',
			failing.ok && outcome.accountedOnce && outcome.input === 1 && outcome.exception === 1 && outcome.posted === 0 && projectsFor(context, id).length === 0,
			{ ok: failing.ok, outcome, output: failing.ok ? undefined : failing.output.slice(-800) },
		);

		const open = (await dataTables.rows(EXCEPTION_TABLE)).filter((r) => r.key === key && r.status === 'open');
		const row = open[0];
		checks.check(
			'the exception row is visible in n8n (GET /api/v1/data-tables → p2c_exceptions rows): open, owned by the PMO, reason names the field',
			open.length === 1 && row.domain === 'pmo' && /companyName/.test(String(row.reason)) && JSON.parse(String(row.payload)).Id === id,
			open.map((r) => ({ id: r.id, status: r.status, domain: r.domain, owner: r.owner, reason: r.reason })),
		);
		if (!row) return { exceptionFound: false };

		// The PMO shortens the project name in the parked payload (the Data Table editor does the same PATCH).
		const payload = JSON.parse(String(row.payload)) as Record<string, unknown>;
		await dataTables.updateRow(EXCEPTION_TABLE, row.id, { payload: JSON.stringify({ ...payload, Name: FIXED }) });

		const writesBefore = projectWrites(context, id);
		const replay = await executeWorkflow(n8n, EXCEPTION_REPLAY);
		const projects = projectsFor(context, id);
		const resolvedRow = (await dataTables.rows(EXCEPTION_TABLE)).find((r) => r.id === row.id);
		const replayed = allRuns(replay.data, 'Replay: opportunity', 0).length;
		const posted = allRuns(replay.data, 'Record Result', 0).length;
		const resolved = allRuns(replay.data, 'Resolve: posted', 0).length;
		checks.check(
			'replaying the edited exception posts it exactly once (one NetSuite write, the edited name) and resolves the exception',
			replay.ok &&
				replayed === 1 &&
				posted === 1 &&
				resolved === 1 &&
				projectWrites(context, id) - writesBefore === 1 &&
				projects.length === 1 &&
				projects[0].companyName === FIXED &&
				opportunity(context, id)?.NetSuite_Project_Id__c === String(projects[0].id) &&
				resolvedRow?.status === 'resolved',
			{
				ok: replay.ok,
				replayed,
				posted,
				resolved,
				writes: projectWrites(context, id) - writesBefore,
				projects: projects.map((p) => p.companyName),
				status: resolvedRow?.status,
				output: replay.ok ? undefined : replay.output.slice(-800),
			},
		);

		const again = await executeWorkflow(n8n, EXCEPTION_REPLAY);
		checks.check(
			'a second replay posts nothing (no open exception, no NetSuite write)',
			again.ok && allRuns(again.data, 'Replay: opportunity', 0).length === 0 && projectWrites(context, id) - writesBefore === 1 && projectsFor(context, id).length === 1,
			{ ok: again.ok, writes: projectWrites(context, id) - writesBefore, output: again.ok ? undefined : again.output.slice(-800) },
		);
		return {
			parked: outcome.exception,
			replayed,
			postedOnReplay: posted,
			netSuiteWritesOnReplays: projectWrites(context, id) - writesBefore,
			exceptionStatus: resolvedRow?.status ?? null,
		};
	},
};
