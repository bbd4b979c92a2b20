/**
 * Template exception-replay for two flows in real n8n (issue 16, flow 11): an opportunity whose project NetSuite
 * refuses (opportunity-to-project, parked for the PMO) and two approved Project Operations time entries whose time
 * bills NetSuite refuses (approved-time-to-erp, parked for finance). The payloads are edited through n8n's public
 * Data Tables API; one replay run of the same template posts the fixed opportunity and the fixed entry exactly once
 * each (the edited name and hours in NetSuite), resolves their exceptions, and reopens the still-refused entry's own
 * exception with NetSuite's field. A second replay writes nothing. Judged on the records this scenario adds.
 */
import { ServiceRows } from '../../sandbox/dataverse/module';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { approvedEntries, erpProjects, plainDecimal } from '../lib/matrixState';
import { addClosedWonOpportunities, allRuns, EXCEPTION_REPLAY, EXCEPTION_TABLE, executeWorkflow, OPP_TO_PROJECT, projectsFor, projectWrites } from './governed';
import type { Rec } from './governed';

const APPROVED_TIME = 'p2cApprovedTimeToErp1';
const TOO_LONG = 'Fabrikam Group Finance Transformation Programme, Wave 3: Shared Services, Treasury and Intercompany Close';
const FIXED_NAME = 'Fabrikam Finance Transformation W3';
const EDITED_HOURS = '6.25';

/** NetSuite's 400 for one field, as its REST API answers (`o:errorPath` names the field). */
function refusal(field: string, value: string) {
	return {
		kind: 'status' as const,
		status: 400,
		headers: { 'Content-Type': 'application/vnd.oracle.resource+json; type=error; charset=UTF-8' },
		body: {
			type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
			title: 'Bad Request',
			status: 400,
			'o:errorDetails': [{ detail: `You have entered an Invalid Field Value ${value} for the following field: ${field}`, 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': field }],
		},
	};
}

const timeBillPath = (entryId: string) => `/services/rest/record/v1/timeBill/eid:P2C-dataverse-${entryId}`;
const timeBillWrites = (context: ScenarioContext, entryId: string) =>
	context.sandboxes.netsuite.requests.filter((r) => r.method === 'PUT' && decodeURIComponent(r.path) === timeBillPath(entryId) && r.status < 300).length;
const timeBills = (context: ScenarioContext, entryId: string) =>
	(((context.sandboxes.netsuite.options.snapshot() as { records: Record<string, Rec[]> }).records.timeBill ?? []) as Rec[]).filter((t) => t.externalId === `P2C-dataverse-${entryId}`);

export const exceptionReplayAnyFlow: Scenario = {
	name: 'exception-replay-any-flow',
	async run(context) {
		const { checks, sandboxes } = context;
		const netsuite = sandboxes.netsuite;
		// Two approved entries NetSuite can take (copies of a seed entry on a project NetSuite knows), removed at the end.
		const rows = new ServiceRows(sandboxes.dataverse.service);
		const known = erpProjects(sandboxes, 'netsuite');
		const seed = approvedEntries(sandboxes, 'projectOperations').find((e) => known.has(e.project));
		const source = (rows.list('msdyn_timeentries') as Rec[]).find((t) => `dataverse:${String(t.msdyn_timeentryid)}` === seed?.reference);
		if (!source) {
			checks.check('a seed Project Operations entry on a NetSuite project to copy', false, { seed });
			return { ran: false };
		}
		const added: string[] = [];
		for (const tag of ['FIXED', 'STILL-BAD']) {
			const { msdyn_timeentryid: _id, ...fields } = source;
			const inserted = await rows.insert('msdyn_timeentries', {
				...fields,
				msdyn_description: `${String(source.msdyn_description ?? '')} (replay scenario ${tag})`.trim(),
				...(source.p2c_externalid ? { p2c_externalid: `${String(source.p2c_externalid)}-REPLAY-${tag}` } : {}),
			});
			added.push(String(inserted.msdyn_timeentryid));
		}
		try {
			return await replayRuns(context, added[0], added[1]);
		} finally {
			netsuite.clearFaults();
			for (const id of added) await rows.remove('msdyn_timeentries', id);
		}
	},
};

async function replayRuns(context: ScenarioContext, fixedEntry: string, stillBadEntry: string): Promise<Record<string, unknown>> {
	const { checks, n8n, sandboxes, dataTables } = context;
	const netsuite = sandboxes.netsuite;
	const [opportunityId] = addClosedWonOpportunities(context, [TOO_LONG]);
	const keys = { opportunity: `netsuite:project:SF-${opportunityId}`, fixed: `netsuite:time:dataverse:${fixedEntry}`, stillBad: `netsuite:time:dataverse:${stillBadEntry}` };

	// Park: NetSuite refuses the project's name and both entries' hours.
	netsuite.addFault({ ...refusal('companyName', TOO_LONG), method: 'PUT', path: `/job/eid(:|%3A)SF-${opportunityId}$` });
	netsuite.addFault({ ...refusal('hours', 'hours'), method: 'PUT', path: `/timeBill/eid(:|%3A)P2C-dataverse-${fixedEntry}$` });
	netsuite.addFault({ ...refusal('hours', 'hours'), method: 'PUT', path: `/timeBill/eid(:|%3A)P2C-dataverse-${stillBadEntry}$`, times: 100 });
	const parkOpportunity = await executeWorkflow(n8n, OPP_TO_PROJECT);
	const parkTime = await executeWorkflow(n8n, APPROVED_TIME);
	const parkedForFinance = allRuns(parkTime.data, 'Park for finance', 0).map((j) => j.exception?.key);
	const open = async () => (await dataTables.rows(EXCEPTION_TABLE)).filter((r) => Object.values(keys).includes(String(r.key)));
	const parked = await open();
	const rowOf = (key: string) => parked.find((r) => r.key === key && r.status === 'open');
	checks.check(
		'opportunity-to-project parks the refused project for the PMO and approved-time-to-erp (Post to ERP continuing on error) parks both refused entries for finance, each with NetSuite\'s field; the runs go on',
		parkOpportunity.ok &&
			parkTime.ok &&
			parked.length === 3 &&
			rowOf(keys.opportunity)?.domain === 'pmo' &&
			/companyName/.test(String(rowOf(keys.opportunity)?.reason)) &&
			[keys.fixed, keys.stillBad].every((k) => rowOf(k)?.owner === 'Finance' && /hours/.test(String(rowOf(k)?.reason)) && parkedForFinance.includes(k)) &&
			timeBills(context, fixedEntry).length === 0 &&
			projectsFor(context, opportunityId).length === 0,
		{
			ok: [parkOpportunity.ok, parkTime.ok],
			parked: parked.map((r) => ({ id: r.id, key: r.key, status: r.status, owner: r.owner, reason: String(r.reason).slice(0, 200) })),
			output: parkTime.ok ? undefined : parkTime.output.slice(-800),
		},
	);
	const opportunityRow = rowOf(keys.opportunity);
	const fixedRow = rowOf(keys.fixed);
	const stillBadRow = rowOf(keys.stillBad);
	if (!opportunityRow || !fixedRow || !stillBadRow) return { parked: parked.length };

	// The PMO shortens the name, finance corrects the hours, in the Data Table (as its editor's PATCH does).
	const opportunityPayload = JSON.parse(String(opportunityRow.payload)) as Rec;
	await dataTables.updateRow(EXCEPTION_TABLE, opportunityRow.id, { payload: JSON.stringify({ ...opportunityPayload, Name: FIXED_NAME }) });
	const timePayload = JSON.parse(String(fixedRow.payload)) as Rec;
	timePayload.erpEntry.timeEntry.hours = EDITED_HOURS;
	await dataTables.updateRow(EXCEPTION_TABLE, fixedRow.id, { payload: JSON.stringify(timePayload) });
	// NetSuite takes the fixed records now (the faults stood for the bad values); the still-bad entry is refused again.
	netsuite.clearFaults();
	netsuite.addFault({ ...refusal('hours', 'hours'), method: 'PUT', path: `/timeBill/eid(:|%3A)P2C-dataverse-${stillBadEntry}$`, times: 100 });

	const projectWritesBefore = projectWrites(context, opportunityId);
	const replay = await executeWorkflow(n8n, EXCEPTION_REPLAY);
	const after = await dataTables.rows(EXCEPTION_TABLE);
	const byId = (id: number) => after.find((r) => r.id === id);
	const projects = projectsFor(context, opportunityId);
	const bills = timeBills(context, fixedEntry);
	checks.check(
		'one replay run of exception-replay posts both flows\' fixed records exactly once: the project with the edited name, the time bill with the edited hours; both exceptions resolved',
		replay.ok &&
			projectWrites(context, opportunityId) - projectWritesBefore === 1 &&
			projects.length === 1 &&
			projects[0].companyName === FIXED_NAME &&
			timeBillWrites(context, fixedEntry) === 1 &&
			bills.length === 1 &&
			plainDecimal(bills[0].hours) === EDITED_HOURS &&
			byId(opportunityRow.id)?.status === 'resolved' &&
			byId(fixedRow.id)?.status === 'resolved',
		{
			ok: replay.ok,
			projectWrites: projectWrites(context, opportunityId) - projectWritesBefore,
			projects: projects.map((p) => p.companyName),
			timeBillWrites: timeBillWrites(context, fixedEntry),
			hours: bills.map((b) => b.hours),
			statuses: [byId(opportunityRow.id)?.status, byId(fixedRow.id)?.status],
			output: replay.ok ? undefined : replay.output.slice(-800),
		},
	);
	const stillBadAfter = after.filter((r) => r.key === keys.stillBad);
	checks.check(
		'the entry NetSuite still refuses stays parked as its one exception, open again with the field named (no second exception, no time bill)',
		stillBadAfter.length === 1 &&
			stillBadAfter[0].id === stillBadRow.id &&
			stillBadAfter[0].status === 'open' &&
			/hours/.test(String(stillBadAfter[0].reason)) &&
			Number(stillBadAfter[0].replayCount) === 1 &&
			timeBills(context, stillBadEntry).length === 0,
		stillBadAfter.map((r) => ({ id: r.id, status: r.status, replayCount: r.replayCount, reason: String(r.reason).slice(0, 200) })),
	);

	const again = await executeWorkflow(n8n, EXCEPTION_REPLAY);
	const third = (await dataTables.rows(EXCEPTION_TABLE)).filter((r) => r.key === keys.stillBad);
	checks.check(
		'a second replay writes nothing: no project or time bill write for the fixed records, the refused entry still one open exception',
		again.ok &&
			projectWrites(context, opportunityId) - projectWritesBefore === 1 &&
			timeBillWrites(context, fixedEntry) === 1 &&
			timeBills(context, stillBadEntry).length === 0 &&
			third.length === 1 &&
			third[0].status === 'open',
		{ ok: again.ok, projectWrites: projectWrites(context, opportunityId) - projectWritesBefore, timeBillWrites: timeBillWrites(context, fixedEntry), stillBad: third.map((r) => r.status), output: again.ok ? undefined : again.output.slice(-800) },
	);
	return {
		parked: parked.length,
		postedOnReplay: { project: projectWrites(context, opportunityId) - projectWritesBefore, timeBill: timeBillWrites(context, fixedEntry) },
		reopened: stillBadAfter.length,
		routed: { opportunity: allRuns(replay.data, 'Replay: opportunity', 0).length, time: allRuns(replay.data, 'Replay: time entry', 0).length, leftOpen: allRuns(replay.data, 'No replay route (left open)', 0).length },
	};
}
