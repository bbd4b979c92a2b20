/**
 * Template termination-conflicts in real n8n: Workday's future-dated termination of Oliver Hale (EMP-0003) and an
 * FTE cut of Priya Raman (EMP-0002) to 60% collide with Certinia PSA assignments that run past their effective
 * dates; each becomes one exception for the resource managers listing exactly those assignments (an assignment
 * that ends before the change is not listed). Run 2 parks nothing new.
 */
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { allRuns, EXCEPTION_TABLE, executeWorkflow } from './governed';
import type { Rec } from './governed';

export const TERMINATION_CONFLICTS = 'p2cTerminationConflicts1';

const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** A PSA assignment of a firm person on a firm project, scheduled between two dates (as the Certinia seed makes them). */
function assign(context: ScenarioContext, employeeId: string, projectExternalId: string, name: string, start: string, end: string): string {
	const org = context.sandboxes.salesforce.org;
	const users = org.records(objectDef('User')!) as Rec[];
	const userId = String(users[users.length - 1].Id);
	const resource = (org.records(objectDef('Contact')!) as Rec[]).find((c) => c.External_Id__c === employeeId)!;
	const project = (org.records(objectDef('pse__Proj__c')!) as Rec[]).find((p) => p.External_Id__c === projectExternalId)!;
	const schedule = org.insert('pse__Schedule__c', { pse__Start_Date__c: start, pse__End_Date__c: end, pse__Monday_Hours__c: 8, pse__Tuesday_Hours__c: 8, pse__Wednesday_Hours__c: 8, pse__Thursday_Hours__c: 8, pse__Friday_Hours__c: 8 }, userId);
	return org.insert('pse__Assignment__c', { Name: name, CurrencyIsoCode: project.CurrencyIsoCode, pse__Resource__c: resource.Id, pse__Project__c: project.Id, pse__Schedule__c: schedule, pse__Status__c: 'Scheduled', pse__Is_Billable__c: true }, userId);
}

export const terminationConflicts: Scenario = {
	name: 'termination-conflicts',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const tenant = context.sandboxes.workday.tenant;
		const termination = tenant.eventsIn({ from: Date.now() - 30 * DAY, through: Date.now(), types: ['Termination'] })[0];
		checks.check('Workday has a termination dated after today in the window', termination !== undefined && termination.effectiveDate > tenant.today(), termination);
		const fteCut = tenant.record({ employeeId: 'EMP-0002', type: 'Change Working Time', effectiveDate: day(14), changes: { ftePercent: '60', weeklyHours: '24' } });
		const oliverLong = assign(context, 'EMP-0003', 'SF-006A000102', 'Umbrella TOM phase 2 - Oliver Hale', day(-20), day(120));
		const oliverLater = assign(context, 'EMP-0003', 'SF-006A000101', 'Acme hypercare - Oliver Hale', day(40), day(90));
		assign(context, 'EMP-0003', 'SF-006A000101', 'Acme cutover - Oliver Hale', day(-10), day(10));
		const priya = assign(context, 'EMP-0002', 'SF-006A000101', 'Acme rollout wave 2 - Priya Raman', day(1), day(60));
		const openBefore = (await dataTables.rows(EXCEPTION_TABLE)).length;

		const first = await executeWorkflow(n8n, TERMINATION_CONFLICTS);
		checks.check('termination-conflicts run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const parked = allRuns(first.data, 'Park for resource managers', 0);
		const rows = (await dataTables.rows(EXCEPTION_TABLE)).slice(openBefore);
		const payload = (row: Rec) => (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Rec;
		const forWorker = (employeeId: string) => rows.filter((r) => payload(r).employeeId === employeeId);
		const ids = (row: Rec | undefined) => ((row ? payload(row).assignments : []) as Rec[]).map((a) => a.id).sort();
		checks.check('termination-conflicts run 1: one exception per affected worker, for the resource managers', parked.length === 2 && rows.length === 2 && forWorker('EMP-0003').length === 1 && forWorker('EMP-0002').length === 1 && rows.every((r) => r.domain === 'pmo'), rows.map((r) => [r.key, r.domain, r.reason]));
		checks.check(
			"Oliver's termination lists exactly the two assignments running past its date (not the one ending before)",
			JSON.stringify(ids(forWorker('EMP-0003')[0])) === JSON.stringify([oliverLong, oliverLater].sort()) && String(forWorker('EMP-0003')[0]?.reason).includes(termination.effectiveDate),
			forWorker('EMP-0003')[0],
		);
		checks.check("Priya's FTE cut to 60% lists her assignment running past it", JSON.stringify(ids(forWorker('EMP-0002')[0])) === JSON.stringify([priya]) && String(forWorker('EMP-0002')[0]?.reason).includes('FTE down from 1 to 0.6') && payload(forWorker('EMP-0002')[0]).effectiveDate === fteCut.effectiveDate, forWorker('EMP-0002')[0]);

		const second = await executeWorkflow(n8n, TERMINATION_CONFLICTS);
		checks.check('termination-conflicts run 2 succeeds', second.ok, second.ok ? undefined : second.output.slice(-1500));
		const after = (await dataTables.rows(EXCEPTION_TABLE)).length;
		checks.check('termination-conflicts run 2 parks nothing new: each worker was parked once', after === openBefore + 2 && allRuns(second.data, 'Park for resource managers', 0).length === 0 && allRuns(second.data, 'Check & Claim', 1).length === 2, { exceptions: after - openBefore, alreadyDone: allRuns(second.data, 'Check & Claim', 1).length });
		return { exceptions: rows.length, run2AlreadyDone: allRuns(second.data, 'Check & Claim', 1).length };
	},
};
