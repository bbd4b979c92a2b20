/**
 * dynamics-web-api 2.5 (a widely used Dataverse client) driving the Project Operations module: unbound actions
 * with their response parameters (msdyn_CreateProjectV1 → ProjectId, msdyn_CreateOperationSetV1 →
 * OperationSetId, msdyn_PssCreateV1 → OperationSetResponse), the asynchronous execution read back from
 * msdyn_operationsets, submit and the approve action bound to the project approval, and a refused direct task
 * create parsed as a Dataverse error.
 */
import { DynamicsWebApi } from 'dynamics-web-api';

import { useProjectOperationsSandbox } from './helpers';

const sandbox = useProjectOperationsSandbox();

async function client() {
	const token = await sandbox.userToken();
	return new DynamicsWebApi({ serverUrl: `${sandbox.suite.baseUrl}/`, dataApi: { version: '9.2' }, onTokenRefresh: async () => token });
}

describe('dynamics-web-api against the Project Operations module', () => {
	it('creates a project, queues and executes an operation set, and reads the set back completed', async () => {
		const api = await client();
		const created = await api.callAction<{ ProjectId: string }>({ actionName: 'msdyn_CreateProjectV1', action: { Project: { '@odata.type': 'Microsoft.Dynamics.CRM.msdyn_project', msdyn_subject: 'Real client project' } } });
		expect(created.ProjectId).toMatch(/^[0-9a-f-]{36}$/);
		const [bucket] = (await api.retrieveMultiple<{ msdyn_projectbucketid: string }>({ collection: 'msdyn_projectbuckets', filter: `_msdyn_project_value eq ${created.ProjectId}` })).value;
		const set = await api.callAction<{ OperationSetId: string }>({ actionName: 'msdyn_CreateOperationSetV1', action: { ProjectId: created.ProjectId, Description: 'real client' } });
		const queued = await api.callAction<{ OperationSetResponse: string }>({
			actionName: 'msdyn_PssCreateV1',
			action: {
				Entity: {
					'@odata.type': 'Microsoft.Dynamics.CRM.msdyn_projecttask',
					msdyn_projecttaskid: '77777777-0000-4000-8000-000000000001',
					msdyn_subject: 'Kick-off',
					'msdyn_project@odata.bind': `/msdyn_projects(${created.ProjectId})`,
					'msdyn_projectbucket@odata.bind': `/msdyn_projectbuckets(${bucket.msdyn_projectbucketid})`,
				},
				OperationSetId: set.OperationSetId,
			},
		});
		expect(JSON.parse(queued.OperationSetResponse)).toMatchObject({ operationSetId: set.OperationSetId, operationType: 'Create', recordId: '77777777-0000-4000-8000-000000000001' });
		await api.callAction({ actionName: 'msdyn_ExecuteOperationSetV1', action: { OperationSetId: set.OperationSetId } });
		await sandbox.module.flush();
		const read = await api.retrieve<{ msdyn_status: number }>({ collection: 'msdyn_operationsets', key: set.OperationSetId, select: ['msdyn_status'] });
		expect(read.msdyn_status).toBe(192350003);
		const task = await api.retrieve<{ msdyn_subject: string; msdyn_wbsid: string }>({ collection: 'msdyn_projecttasks', key: '77777777-0000-4000-8000-000000000001', select: ['msdyn_subject', 'msdyn_wbsid'] });
		expect(task).toMatchObject({ msdyn_subject: 'Kick-off', msdyn_wbsid: '1' });
	});

	it('submits a time entry and approves it through the action bound to its project approval', async () => {
		const api = await client();
		const id = sandbox.module.ids!.timeEntries['PSA-TE-1007'];
		await api.callAction({ actionName: 'msdyn_TimeEntriesSubmit', action: { TimeEntryIds: id } });
		const [approval] = (await api.retrieveMultiple<{ msdyn_projectapprovalid: string }>({ collection: 'msdyn_projectapprovals', filter: `_msdyn_timeentry_value eq ${id} and msdyn_recordstage eq 0` })).value;
		await api.callAction({ collection: 'msdyn_projectapprovals', key: approval.msdyn_projectapprovalid, actionName: 'Microsoft.Dynamics.CRM.msdyn_TimeEntriesApprove', action: { TimeEntryIds: id } });
		expect((await api.retrieve<{ msdyn_entrystatus: number }>({ collection: 'msdyn_timeentries', key: id, select: ['msdyn_entrystatus'] })).msdyn_entrystatus).toBe(192350002);
	});

	it('gets the refusal of a direct task create as a Dataverse error', async () => {
		const api = await client();
		const error = await api.create({ collection: 'msdyn_projecttasks', data: { msdyn_subject: 'Direct' } }).catch((e: unknown) => e as { status?: number; code?: string; message?: string });
		expect(error).toMatchObject({ status: 400, code: '0x80040265', message: expect.stringContaining('schedule APIs') });
	});
});
