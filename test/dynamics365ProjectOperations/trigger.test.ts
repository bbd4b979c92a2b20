/**
 * The Project Operations trigger on Dataverse change tracking against the sandbox: an approved time entry is
 * emitted exactly once across polls and a restart (static data carried over), existing approvals only when
 * asked, a milestone once when it becomes ready for invoicing, project changes and deletes once each.
 */
import type { IDataObject } from 'n8n-workflow';

import { Dynamics365ProjectOperationsTrigger } from '../../nodes/Dynamics365ProjectOperations/Dynamics365ProjectOperationsTrigger.node';
import { pollContext } from '../dataverse/helpers';
import { call, useProjectOperationsSandbox } from './helpers';

const sandbox = useProjectOperationsSandbox();

async function poll(parameters: IDataObject, staticData: IDataObject): Promise<IDataObject[]> {
	const context = pollContext(sandbox.suite, { parameters: { authentication: 'clientCredentials', ...parameters } as never, staticData });
	const result = await new Dynamics365ProjectOperationsTrigger().poll.call(context);
	return result ? result[0].map((item) => item.json) : [];
}

async function approveTime(externalId: string): Promise<void> {
	const id = sandbox.module.ids!.timeEntries[externalId];
	const approvals = await call(sandbox, 'GET', `msdyn_projectapprovals?$filter=_msdyn_timeentry_value eq ${id} and msdyn_recordstage eq 0`);
	const approvalId = approvals.body.value[0].msdyn_projectapprovalid as string;
	const answer = await call(sandbox, 'POST', `msdyn_projectapprovals(${approvalId})/Microsoft.Dynamics.CRM.msdyn_TimeEntriesApprove`, { TimeEntryIds: id });
	expect(answer.status).toBe(204);
}

describe('Project Operations trigger', () => {
	it('emits an approved time entry exactly once, across polls and a restart', async () => {
		const state: IDataObject = {};
		expect(await poll({ event: 'timeApproved' }, state)).toEqual([]);
		await approveTime('PSA-TE-1004');
		const emitted = await poll({ event: 'timeApproved', output: 'canonical' }, state);
		expect(emitted).toHaveLength(1);
		expect(emitted[0]).toMatchObject({ envelope: { source: { externalId: 'PSA-TE-1004' } }, timeEntry: { hours: '6', approvalState: 'approved' } });
		expect(await poll({ event: 'timeApproved' }, state)).toEqual([]);
		// A restart: a new trigger instance with the static data n8n saved.
		const restarted = JSON.parse(JSON.stringify(state)) as IDataObject;
		expect(await poll({ event: 'timeApproved' }, restarted)).toEqual([]);
		// A change to an approved entry (another column) is not a new approval.
		await call(sandbox, 'PATCH', `msdyn_timeentries(${sandbox.module.ids!.timeEntries['PSA-TE-1004']})`, { msdyn_description: 'Close process review (notes)' });
		expect(await poll({ event: 'timeApproved' }, restarted)).toEqual([]);
	});

	it('emits the entries already approved on the first poll only when asked', async () => {
		const emitted = await poll({ event: 'timeApproved', emitExisting: true }, {});
		expect(emitted.map((e) => e.p2c_externalid).sort()).toEqual(['PSA-TE-1001', 'PSA-TE-1002', 'PSA-TE-1003', 'PSA-TE-1005']);
	});

	it('emits a milestone once when it becomes ready for invoicing', async () => {
		const state: IDataObject = {};
		expect(await poll({ event: 'milestoneReady' }, state)).toEqual([]);
		const id = sandbox.module.ids!.milestones['SF-006A000102-M1'];
		await call(sandbox, 'PATCH', `msdyn_contractlinescheduleofvalues(${id})`, { msdyn_invoicestatus: 192350001 });
		const emitted = await poll({ event: 'milestoneReady', output: 'canonical' }, state);
		expect(emitted.map((e) => (e.milestone as IDataObject).amount)).toEqual([{ amount: '45000.00', currency: 'GBP' }]);
		expect(await poll({ event: 'milestoneReady' }, state)).toEqual([]);
	});

	it('emits project changes and deletes once each', async () => {
		const state: IDataObject = {};
		expect(await poll({ event: 'projectChanged' }, state)).toEqual([]);
		const id = sandbox.module.ids!.projects['SF-006A000102'];
		await call(sandbox, 'PATCH', `msdyn_projects(${id})`, { msdyn_description: 'Scope confirmed' });
		const changed = await poll({ event: 'projectChanged' }, state);
		expect(changed.map((c) => [c.msdyn_projectid, c.changeType, c.msdyn_description])).toEqual([[id, 'changed', 'Scope confirmed']]);
		expect(await poll({ event: 'projectChanged' }, state)).toEqual([]);
		const created = await call(sandbox, 'POST', 'msdyn_CreateProjectV1', { Project: { '@odata.type': 'Microsoft.Dynamics.CRM.msdyn_project', msdyn_subject: 'Short-lived' } });
		expect((await call(sandbox, 'DELETE', `msdyn_projects(${created.body.ProjectId as string})`)).status).toBe(204);
		const deleted = await poll({ event: 'projectChanged' }, state);
		expect(deleted.filter((c) => c.changeType === 'deleted').map((c) => c.msdyn_projectid)).toEqual([created.body.ProjectId]);
		expect(await poll({ event: 'projectChanged' }, state)).toEqual([]);
	});
});
