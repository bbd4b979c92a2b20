/**
 * The Project Operations module over HTTP on the OData core: the refusals Project Operations' plug-ins make,
 * the schedule API end to end (an operation set with a failing operation read back from msdyn_operationsets
 * and its details), submit / approve into actuals, milestones, and the licensing switch for app users.
 */
import { call as callAs, useProjectOperationsSandbox } from './helpers';

const sandbox = useProjectOperationsSandbox();
const call = (_url: string, method: string, path: string, body?: unknown, bearer?: string) => callAs(sandbox, method, path, body, bearer);

describe('Project Operations in the Dataverse sandbox', () => {
	it('refuses direct task writes, writes to actuals and status changes outside the actions, in Dataverse error bodies', async () => {
		const { ids } = sandbox.module;
		const task = await call(sandbox.url, 'POST', 'msdyn_projecttasks', { msdyn_subject: 'x', 'msdyn_project@odata.bind': `/msdyn_projects(${ids!.projects['SF-006A000101']})` });
		expect(task.status).toBe(400);
		expect(task.body.error).toMatchObject({ code: '0x80040265', message: expect.stringContaining('schedule APIs') });
		const actual = await call(sandbox.url, 'POST', 'msdyn_actuals', {});
		expect([actual.status, actual.body.error.message]).toEqual([403, expect.stringMatching(/created by Project Operations/)]);
		const status = await call(sandbox.url, 'PATCH', `msdyn_timeentries(${ids!.timeEntries['PSA-TE-1007']})`, { msdyn_entrystatus: 192350002 });
		expect(status.body.error.message).toMatch(/msdyn_TimeEntriesSubmit/);
		const lookup = await call(sandbox.url, 'PATCH', `msdyn_timeentries(${ids!.timeEntries['PSA-TE-1007']})`, { _msdyn_project_value: ids!.projects['SF-006A000102'] });
		expect(lookup.body.error.message).toMatch(/@odata.bind/);
	});

	it('runs an operation set asynchronously and reports the failing operation on its detail, applying nothing', async () => {
		const { ProjectId } = (await call(sandbox.url, 'POST', 'msdyn_CreateProjectV1', { Project: { '@odata.type': 'Microsoft.Dynamics.CRM.msdyn_project', msdyn_subject: 'Initech rollout' } })).body;
		const buckets = await call(sandbox.url, 'GET', `msdyn_projectbuckets?$filter=_msdyn_project_value eq ${ProjectId as string}`);
		expect(buckets.body.value.map((b: { msdyn_name: string }) => b.msdyn_name)).toEqual(['Bucket 1']);
		const bucket = buckets.body.value[0].msdyn_projectbucketid as string;
		const { OperationSetId } = (await call(sandbox.url, 'POST', 'msdyn_CreateOperationSetV1', { ProjectId, Description: 'WBS' })).body;
		const entity = (id: string, extra: Record<string, unknown>) => ({ '@odata.type': 'Microsoft.Dynamics.CRM.msdyn_projecttask', msdyn_projecttaskid: id, msdyn_subject: `Task ${id.slice(-1)}`, 'msdyn_project@odata.bind': `/msdyn_projects(${ProjectId as string})`, ...extra });
		const good = await call(sandbox.url, 'POST', 'msdyn_PssCreateV1', { Entity: entity('33333333-0000-4000-8000-000000000001', { 'msdyn_projectbucket@odata.bind': `/msdyn_projectbuckets(${bucket})` }), OperationSetId });
		const bad = await call(sandbox.url, 'POST', 'msdyn_PssCreateV1', { Entity: entity('33333333-0000-4000-8000-000000000002', {}), OperationSetId });
		expect(good.status).toBe(200);
		const badDetail = JSON.parse(bad.body.OperationSetResponse).operationSetDetailId as string;
		expect((await call(sandbox.url, 'POST', 'msdyn_ExecuteOperationSetV1', { OperationSetId })).status).toBe(200);
		expect((await call(sandbox.url, 'GET', `msdyn_operationsets(${OperationSetId as string})`)).body.msdyn_status).toBe(192350001);
		await sandbox.module.flush();
		expect((await call(sandbox.url, 'GET', `msdyn_operationsets(${OperationSetId as string})`)).body.msdyn_status).toBe(192350004);
		const details = await call(sandbox.url, 'GET', `msdyn_operationsetdetails?$filter=_msdyn_operationsetid_value eq ${OperationSetId as string} and msdyn_errormessage ne null`);
		expect(details.body.value.map((d: { msdyn_operationsetdetailid: string; msdyn_errormessage: string }) => [d.msdyn_operationsetdetailid, d.msdyn_errormessage])).toEqual([[badDetail, expect.stringMatching(/no bucket/)]]);
		expect((await call(sandbox.url, 'GET', `msdyn_projecttasks?$filter=_msdyn_project_value eq ${ProjectId as string}`)).body.value).toEqual([]);
	});

	it('submits and approves a time entry into cost and unbilled sales actuals', async () => {
		const ids = sandbox.module.ids!;
		const entry = ids.timeEntries['PSA-TE-1007'];
		expect((await call(sandbox.url, 'POST', 'msdyn_TimeEntriesSubmit', { TimeEntryIds: entry })).status).toBe(204);
		const approvals = await call(sandbox.url, 'GET', `msdyn_projectapprovals?$filter=_msdyn_timeentry_value eq ${entry} and msdyn_recordstage eq 0`);
		const approvalId = approvals.body.value[0].msdyn_projectapprovalid as string;
		const approved = await call(sandbox.url, 'POST', `msdyn_projectapprovals(${approvalId})/Microsoft.Dynamics.CRM.msdyn_TimeEntriesApprove`, { TimeEntryIds: entry });
		expect(approved.status).toBe(204);
		expect((await call(sandbox.url, 'GET', `msdyn_timeentries(${entry})?$select=msdyn_entrystatus`)).body.msdyn_entrystatus).toBe(192350002);
		const actuals = await call(sandbox.url, 'GET', `msdyn_actuals?$filter=_msdyn_sourcetimeentry_value eq ${entry}&$orderby=msdyn_transactiontypecode`);
		// 4 h at 70.00 cost and 200.00 sales per hour.
		expect(actuals.body.value.map((a: { msdyn_transactiontypecode: number; msdyn_amount: number }) => [a.msdyn_transactiontypecode, a.msdyn_amount])).toEqual([[192350000, 280], [192350005, 800]]);
	});

	it('creates the unbilled sales actual of a milestone set to Ready for Invoicing', async () => {
		const id = sandbox.module.ids!.milestones['SF-006A000102-M1'];
		expect((await call(sandbox.url, 'PATCH', `msdyn_contractlinescheduleofvalues(${id})`, { msdyn_invoicestatus: 192350001 })).status).toBe(204);
		const actuals = await call(sandbox.url, 'GET', `msdyn_actuals?$filter=msdyn_transactionclassification eq 192350003`);
		expect(actuals.body.value.map((a: { msdyn_amount: number; msdyn_transactiontypecode: number }) => [a.msdyn_amount, a.msdyn_transactiontypecode])).toEqual([[45000, 192350005]]);
	});

	it('refuses the schedule APIs to application users when the environment only licenses users', async () => {
		sandbox.module.setRefuseApplicationUsers(true);
		try {
			const refused = await call(sandbox.url, 'POST', 'msdyn_CreateProjectV1', { Project: { '@odata.type': 'Microsoft.Dynamics.CRM.msdyn_project', msdyn_subject: 'App project' } }, await sandbox.appToken());
			expect(refused.status).toBe(403);
			expect(refused.body.error.message).toMatch(/application users/);
			// Time entries are not schedule entities: application users may submit them.
			const entry = sandbox.module.ids!.timeEntries['PSA-TE-1007'];
			expect((await call(sandbox.url, 'POST', 'msdyn_TimeEntriesSubmit', { TimeEntryIds: entry }, await sandbox.appToken())).status).toBe(204);
		} finally {
			sandbox.module.setRefuseApplicationUsers(false);
		}
	});
});
