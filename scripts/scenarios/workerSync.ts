/**
 * Template worker-sync in real n8n: Workday's transaction log of the last 30 days (a hire dated next week, a
 * cost-rate change, a manager change and a termination dated next month) reaches the Certinia PSA resources and
 * the NetSuite employees through the Order Guard and Check & Claim, each with its effective date: the new hire
 * with her start date, the new cost rate, the new supervisor, and the termination's date while the worker stays
 * active. Run 2 over the same window writes nothing. Run 3 adds a change entered now but effective before one
 * already applied (stale: nothing written) and a new cost-rate change (written). Run 4, a quiet window (Workday
 * returns no change), writes nothing either. Every run records itself (`worker-sync:run:<execution>`), after its
 * changes, so Close Readiness counts a sync that found nothing to change.
 */
import { withResults } from '../../lib/governance';
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { readTemplate } from '../lib/matrix';
import { bindTemplate } from '../lib/templates';
import { allRuns, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';

export const WORKER_SYNC = 'p2cWorkerSync1';
const QUIET_WORKER_SYNC = 'p2cWorkerSyncQuiet1';

const DAY = 86_400_000;

function contact(context: ScenarioContext, employeeId: string): Rec | undefined {
	return (context.sandboxes.salesforce.org.records(objectDef('Contact')!) as Rec[]).find((c) => c.External_Id__c === employeeId);
}

function employee(context: ScenarioContext, employeeId: string): { id: string; fields: Rec } | undefined {
	return context.sandboxes.netsuite.store.all('employee').find((e) => e.fields.externalId === employeeId) as { id: string; fields: Rec } | undefined;
}

const psaWrites = (context: ScenarioContext) => context.sandboxes.salesforce.requests.filter((r) => r.method !== 'GET' && /\/sobjects\/Contact\//.test(r.path)).length;
const erpWrites = (context: ScenarioContext) => context.sandboxes.netsuite.requests.filter((r) => r.method !== 'GET' && /\/record\/v1\/employee/.test(r.path)).length;
/** The ledger key a run recorded for itself (Record this run), or undefined. */
const runKey = (run: Awaited<ReturnType<typeof executeWorkflow>>) => {
	const recorded = allRuns(run.data, 'Record this run', 0);
	return recorded.length === 1 && recorded[0].ledger?.status === 'posted' ? String(recorded[0].ledger.key) : undefined;
};

export const workerSync: Scenario = {
	name: 'worker-sync',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const tenant = context.sandboxes.workday.tenant;
		const window = tenant.eventsIn({ from: Date.now() - 30 * DAY, through: Date.now() });
		const hire = window.find((e) => e.type === 'Hire')!;
		const rate = window.find((e) => e.type === 'Request Compensation Change')!;
		const move = window.find((e) => e.type === 'Move Workers (Supervisory)')!;
		const termination = window.find((e) => e.type === 'Termination')!;
		checks.check('Workday has a hire, a cost-rate change, a manager change and a future-dated termination in the window', window.length === 4 && Boolean(hire && rate && move && termination) && termination.effectiveDate > tenant.today() && hire.effectiveDate > tenant.today(), window.map((e) => [e.employeeId, e.type, e.effectiveDate]));

		const first = await executeWorkflow(n8n, WORKER_SYNC);
		checks.check('worker-sync run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const posted = allRuns(first.data, 'Record Result', 0);
		const parked = allRuns(first.data, 'Park for HR operations', 0);
		checks.check('worker-sync run 1: the four changes are posted once each, none parked or stale', posted.length === 4 && parked.length === 0 && allRuns(first.data, 'Order Guard', 1).length === 0, { posted: posted.length, parked: parked.map((p) => p.exception?.reason ?? p) });

		const sofia = contact(context, 'EMP-0005');
		const sofiaErp = employee(context, 'EMP-0005');
		const priyaErp = employee(context, 'EMP-0002');
		checks.check(
			'the hire reaches the PSA and the ERP with her start date next week, cost rate and manager',
			sofia?.FirstName === 'Sofia' && sofia?.pse__Start_Date__c === hire.effectiveDate && Number(sofia?.pse__Default_Cost_Rate__c) === 65 && sofia?.pse__Is_Resource__c === true &&
				sofiaErp?.fields.hireDate === hire.effectiveDate && Number(sofiaErp?.fields.laborCost) === 65 && sofiaErp?.fields.supervisor?.id === priyaErp?.id,
			{ psa: sofia && { start: sofia.pse__Start_Date__c, rate: sofia.pse__Default_Cost_Rate__c }, erp: sofiaErp?.fields },
		);
		checks.check(
			'the cost-rate change (70.00 → 75.50 USD, effective the 1st) reaches both',
			Number(contact(context, 'EMP-0002')?.pse__Default_Cost_Rate__c) === 75.5 && Number(priyaErp?.fields.laborCost) === 75.5 && rate.effectiveDate <= tenant.today(),
			{ psa: contact(context, 'EMP-0002')?.pse__Default_Cost_Rate__c, erp: priyaErp?.fields.laborCost },
		);
		const oliver = contact(context, 'EMP-0003');
		const oliverErp = employee(context, 'EMP-0003');
		checks.check('the manager change reaches the ERP: Oliver reports to Priya', oliverErp?.fields.supervisor?.id === priyaErp?.id, oliverErp?.fields.supervisor);
		checks.check(
			'the termination dated next month is written with its date and Oliver stays active until then',
			oliver?.pse__Last_Date__c === termination.effectiveDate && oliver?.pse__Employment_Status__c === 'Active' && oliver?.pse__Is_Resource_Active__c === true &&
				oliverErp?.fields.releasedate === termination.effectiveDate && oliverErp?.fields.isInactive !== true,
			{ psa: oliver && { last: oliver.pse__Last_Date__c, status: oliver.pse__Employment_Status__c, active: oliver.pse__Is_Resource_Active__c }, erp: oliverErp && { releasedate: oliverErp.fields.releasedate, isInactive: oliverErp.fields.isInactive } },
		);
		const ledgerRows = (withResults(await dataTables.rows(LEDGER_TABLE))).filter((r) => String(r.key).startsWith('worker-sync:'));
		checks.check('the ledger has one posted row per Workday transaction', window.every((e) => ledgerRows.filter((r) => r.key === `worker-sync:${e.wid}` && r.status === 'posted').length === 1), ledgerRows.map((r) => [r.key, r.status]));
		const run1Key = runKey(first);
		const run1Row = ledgerRows.find((r) => r.key === run1Key);
		const changesPostedAt = ledgerRows.filter((r) => window.some((e) => r.key === `worker-sync:${e.wid}`)).map((r) => Date.parse(String(r.postedAt)));
		checks.check(
			'worker-sync run 1 records itself once, after its changes: a posted worker-sync:run:<execution> key',
			/^worker-sync:run:\d+$/.test(String(run1Key)) && run1Row?.status === 'posted' && changesPostedAt.length === 4 && changesPostedAt.every((at) => at <= Date.parse(String(run1Row?.postedAt))),
			{ run1Key, run1Row: run1Row && [run1Row.status, run1Row.postedAt], changesPostedAt },
		);

		const psaBefore = psaWrites(context);
		const erpBefore = erpWrites(context);
		const second = await executeWorkflow(n8n, WORKER_SYNC);
		checks.check('worker-sync run 2 succeeds', second.ok, second.ok ? undefined : second.output.slice(-1500));
		const alreadyDone = allRuns(second.data, 'Check & Claim', 1).length;
		const staleAgain = allRuns(second.data, 'Order Guard', 1).length;
		checks.check(
			'worker-sync run 2 over the same window changes nothing: each change is Already Done or Stale, no PSA or ERP write',
			alreadyDone + staleAgain === 4 && allRuns(second.data, 'Record Result', 0).length === 0 && psaWrites(context) === psaBefore && erpWrites(context) === erpBefore,
			{ alreadyDone, staleAgain, psaWrites: psaWrites(context) - psaBefore, erpWrites: erpWrites(context) - erpBefore },
		);
		const run2Key = runKey(second);
		checks.check('worker-sync run 2, which changed nothing, still records itself under a key of its own', Boolean(run2Key) && run2Key !== run1Key && /^worker-sync:run:\d+$/.test(String(run2Key)), { run1Key, run2Key });

		// Entered now but effective before the termination already applied: stale. A new rate for Dana: applied.
		const stale = tenant.record({ employeeId: 'EMP-0003', type: 'Change Location', effectiveDate: new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10), changes: { location: 'LOC-MANCHESTER' } });
		const danaRate = tenant.record({ employeeId: 'EMP-0001', type: 'Request Compensation Change', effectiveDate: tenant.today(), changes: { costRate: '99.25', costRateEffective: tenant.today() } });
		const oliverModified = contact(context, 'EMP-0003')?.LastModifiedDate;
		const third = await executeWorkflow(n8n, WORKER_SYNC);
		checks.check('worker-sync run 3 succeeds', third.ok, third.ok ? undefined : third.output.slice(-1500));
		const staleIds = allRuns(third.data, 'Order Guard', 1).map((j) => j.workdayChange?.transactionId);
		const posted3 = allRuns(third.data, 'Record Result', 0).map((j) => j.ledger?.key);
		checks.check(
			'worker-sync run 3: a change older than the one applied is Stale and never overwrites it; a new cost rate is written',
			staleIds.includes(stale.wid) && !posted3.includes(`worker-sync:${stale.wid}`) && contact(context, 'EMP-0003')?.LastModifiedDate === oliverModified &&
				posted3.length === 1 && posted3[0] === `worker-sync:${danaRate.wid}` && Number(contact(context, 'EMP-0001')?.pse__Default_Cost_Rate__c) === 99.25 && Number(employee(context, 'EMP-0001')?.fields.laborCost) === 99.25,
			{ staleIds, posted3, dana: contact(context, 'EMP-0001')?.pse__Default_Cost_Rate__c },
		);

		// A quiet window: the same flow reading only what Workday logged in the second before it ran, i.e. nothing.
		const quiet = readTemplate('worker-sync.json');
		quiet.nodes.find((n) => n.name === 'Worker changes (last 30 days)')!.parameters.updatedFrom = '={{ $now.minus({ seconds: 1 }).toISO() }}';
		await context.n8n.importWorkflow({ ...bindTemplate('worker-sync.json', quiet, context.credentialsByType), id: QUIET_WORKER_SYNC, name: `${quiet.name} [quiet window]` });
		const [psaQuiet, erpQuiet] = [psaWrites(context), erpWrites(context)];
		const fourth = await executeWorkflow(n8n, QUIET_WORKER_SYNC);
		const run4Key = runKey(fourth);
		const run4Row = withResults(await dataTables.rows(LEDGER_TABLE)).find((r) => r.key === run4Key);
		checks.check(
			'worker-sync run 4 over a quiet window (Workday returns no change) writes nothing and records itself as a posted run',
			fourth.ok && allRuns(fourth.data, 'Worker changes (last 30 days)', 0).length === 0 && allRuns(fourth.data, 'Check & Claim', 0).length === 0 &&
				psaWrites(context) === psaQuiet && erpWrites(context) === erpQuiet && Boolean(run4Key) && ![run1Key, run2Key].includes(run4Key) && run4Row?.status === 'posted',
			{ ok: fourth.ok, changes: allRuns(fourth.data, 'Worker changes (last 30 days)', 0).length, run4Key, run4Row: run4Row && [run4Row.status, run4Row.postedAt], output: fourth.ok ? undefined : fourth.output.slice(-1500) },
		);
		return { changes: window.length, run1Posted: posted.length, run2AlreadyDone: alreadyDone, run2Stale: staleAgain, run3Stale: staleIds.length, run3Posted: posted3.length, quietRunRecorded: Boolean(run4Key) };
	},
};
