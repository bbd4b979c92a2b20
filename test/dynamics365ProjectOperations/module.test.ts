/**
 * The Project Operations sandbox module as pure logic over an in-memory row store: the schedule API's
 * operation sets (limits, asynchronous execution, per-operation errors, all-or-nothing), the immediate
 * actions, submit / approve with exact actuals, milestones, and the firm's seed.
 */
import { FIRM_EXPENSES, FIRM_TIME } from '../../sandbox/firm/dataset';
import { EntryLifecycle } from '../../sandbox/dataverse/projectOperations/entries';
import { DataverseError } from '../../sandbox/dataverse/projectOperations/payload';
import { MAX_OPEN_SETS_PER_USER, MAX_OPERATIONS_PER_SET, ScheduleApi, directWriteRefusal } from '../../sandbox/dataverse/projectOperations/schedule';
import { seedProjectOperations } from '../../sandbox/dataverse/projectOperations/seed';
import type { SeededIds } from '../../sandbox/dataverse/projectOperations/seed';
import { MemoryRows } from '../../sandbox/dataverse/projectOperations/store';
import type { Row } from '../../sandbox/dataverse/projectOperations/store';
import { ENTRY_STATUS, EXPENSE_STATUS, MILESTONE_INVOICE_STATUS, OPERATION_SET_STATUS, PRIMARY_KEYS, TRANSACTION_TYPE } from '../../sandbox/dataverse/projectOperations/tables';

const USER = '00000000-0000-0000-0000-00000000aaaa';
const OTHER_USER = '00000000-0000-0000-0000-00000000bbbb';

async function setup(): Promise<{ store: MemoryRows; api: ScheduleApi; ids: SeededIds; pending: Array<() => Promise<void>> }> {
	let n = 0;
	const store = new MemoryRows({ ...PRIMARY_KEYS }, () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`);
	const pending: Array<() => Promise<void>> = [];
	const api = new ScheduleApi(store, { executionDelayMs: 0 }, (run) => pending.push(run));
	const ids = await seedProjectOperations(store);
	return { store, api, ids, pending };
}

const task = (id: string, projectId: string, bucketId: string | undefined, extra: Row = {}) => ({
	'@odata.type': 'Microsoft.Dynamics.CRM.msdyn_projecttask',
	msdyn_projecttaskid: id,
	msdyn_subject: `Task ${id.slice(-2)}`,
	'msdyn_project@odata.bind': `/msdyn_projects(${projectId})`,
	...(bucketId ? { 'msdyn_projectbucket@odata.bind': `/msdyn_projectbuckets(${bucketId})` } : {}),
	...extra,
});

const guid = (n: number) => `11111111-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function thrown(fn: () => unknown): Promise<DataverseError> {
	try {
		await fn();
	} catch (error) {
		return error as DataverseError;
	}
	throw new Error('expected a refusal');
}

describe('schedule API operation sets', () => {
	it('creates a project with its default bucket at once, and a WBS through an executed set', async () => {
		const { store, api, pending } = await setup();
		const { ProjectId } = await api.createProject({ Project: { '@odata.type': 'Microsoft.Dynamics.CRM.msdyn_project', msdyn_subject: 'Globex rollout' } });
		const bucket = store.list('msdyn_projectbuckets').find((b) => b._msdyn_project_value === ProjectId)!;
		expect(bucket.msdyn_name).toBe('Bucket 1');
		const { OperationSetId } = await api.createOperationSet({ ProjectId, Description: 'WBS' }, USER);
		const response = JSON.parse((await api.pssCreate({ Entity: task(guid(1), ProjectId, bucket.msdyn_projectbucketid as string), OperationSetId }, USER)).OperationSetResponse);
		expect(response).toMatchObject({ operationSetId: OperationSetId, operationType: 'Create', recordId: guid(1) });
		await api.pssCreate({ Entity: task(guid(2), ProjectId, bucket.msdyn_projectbucketid as string, { 'msdyn_parenttask@odata.bind': `/msdyn_projecttasks(${guid(1)})` }), OperationSetId }, USER);
		await api.execute({ OperationSetId }, USER);
		// Asynchronous: nothing is applied while the set is pending.
		expect(store.get('msdyn_operationsets', OperationSetId)!.msdyn_status).toBe(OPERATION_SET_STATUS.pending);
		expect(store.get('msdyn_projecttasks', guid(1))).toBeUndefined();
		await pending.shift()!();
		expect(store.get('msdyn_operationsets', OperationSetId)!.msdyn_status).toBe(OPERATION_SET_STATUS.completed);
		expect(store.get('msdyn_projecttasks', guid(2))).toMatchObject({ _msdyn_parenttask_value: guid(1), msdyn_outlinelevel: 2, msdyn_wbsid: '1.1' });
	});

	it('fails the whole set and records each failing operation’s error on its own detail: no bucket, a parent from another project, a cycle', async () => {
		const { store, api, ids, pending } = await setup();
		const projectId = ids.projects['SF-006A000101'];
		const bucketId = ids.buckets['SF-006A000101'];
		const foreignTask = ids.tasks['SF-006A000102-T1'];
		const [t1, t2] = [ids.tasks['SF-006A000101-T1'], ids.tasks['SF-006A000101-T2']];
		const { OperationSetId } = await api.createOperationSet({ ProjectId: projectId }, USER);
		const ok = JSON.parse((await api.pssCreate({ Entity: task(guid(10), projectId, bucketId), OperationSetId }, USER)).OperationSetResponse);
		const noBucket = JSON.parse((await api.pssCreate({ Entity: task(guid(11), projectId, undefined), OperationSetId }, USER)).OperationSetResponse);
		const foreignParent = JSON.parse((await api.pssCreate({ Entity: task(guid(12), projectId, bucketId, { 'msdyn_parenttask@odata.bind': `/msdyn_projecttasks(${foreignTask})` }), OperationSetId }, USER)).OperationSetResponse);
		const dependency = (id: number, from: string, to: string) => ({
			'@odata.type': 'Microsoft.Dynamics.CRM.msdyn_projecttaskdependency',
			msdyn_projecttaskdependencyid: guid(id),
			'msdyn_project@odata.bind': `/msdyn_projects(${projectId})`,
			'msdyn_predecessortask@odata.bind': `/msdyn_projecttasks(${from})`,
			'msdyn_successortask@odata.bind': `/msdyn_projecttasks(${to})`,
			msdyn_linktype: 192350000,
		});
		await api.pssCreate({ Entity: dependency(20, t1, t2), OperationSetId }, USER);
		const cycle = JSON.parse((await api.pssCreate({ Entity: dependency(21, t2, t1), OperationSetId }, USER)).OperationSetResponse);
		await api.execute({ OperationSetId }, USER);
		await pending.shift()!();

		expect(store.get('msdyn_operationsets', OperationSetId)!.msdyn_status).toBe(OPERATION_SET_STATUS.failed);
		const error = (detailId: string) => store.get('msdyn_operationsetdetails', detailId)!.msdyn_errormessage;
		expect(error(ok.operationSetDetailId)).toBeNull();
		expect(error(noBucket.operationSetDetailId)).toMatch(/no bucket/);
		expect(error(foreignParent.operationSetDetailId)).toMatch(/belongs to another project/);
		expect(error(cycle.operationSetDetailId)).toMatch(/cycle/);
		expect(store.list('msdyn_psserrorlogs').map((log) => log._msdyn_operationsetdetail_value).sort()).toEqual([noBucket, foreignParent, cycle].map((r) => r.operationSetDetailId).sort());
		// Nothing of a failed set is applied, the valid operations included.
		expect(store.get('msdyn_projecttasks', guid(10))).toBeUndefined();
		expect(store.list('msdyn_projecttaskdependencies')).toHaveLength(0);
	});

	it('holds at most 200 operations per set and 10 open sets per user, and a set only takes operations while open', async () => {
		const { api, ids } = await setup();
		const projectId = ids.projects['SF-006A000101'];
		const { OperationSetId } = await api.createOperationSet({ ProjectId: projectId }, USER);
		for (let i = 0; i < MAX_OPERATIONS_PER_SET; i++) await api.pssDelete({ RecordId: guid(100 + i), EntityLogicalName: 'msdyn_projecttask', OperationSetId }, USER);
		expect((await thrown(() => api.pssDelete({ RecordId: guid(999), EntityLogicalName: 'msdyn_projecttask', OperationSetId }, USER))).message).toMatch(/200 operations/);
		for (let i = 1; i < MAX_OPEN_SETS_PER_USER; i++) await api.createOperationSet({ ProjectId: projectId }, USER);
		expect((await thrown(() => api.createOperationSet({ ProjectId: projectId }, USER))).message).toMatch(/10 open operation sets/);
		// The limit is per user.
		expect((await api.createOperationSet({ ProjectId: projectId }, OTHER_USER)).OperationSetId).toBeDefined();
		await api.abandon({ OperationSetId }, USER);
		expect((await api.createOperationSet({ ProjectId: projectId }, USER)).OperationSetId).toBeDefined();
		expect((await thrown(() => api.pssDelete({ RecordId: guid(1), EntityLogicalName: 'msdyn_projecttask', OperationSetId }, USER))).message).toMatch(/not open/);
	});

	it('refuses updates of resource assignments and dependencies, team member creates, unknown columns and direct task writes', async () => {
		const { api, ids } = await setup();
		const { OperationSetId } = await api.createOperationSet({ ProjectId: ids.projects['SF-006A000101'] }, USER);
		const update = async (type: string) => await thrown(() => api.pssUpdate({ Entity: { '@odata.type': `Microsoft.Dynamics.CRM.${type}`, [`${type}id`]: guid(1) }, OperationSetId }, USER));
		expect((await update('msdyn_resourceassignment')).message).toMatch(/delete the assignment and create a new one/);
		expect((await update('msdyn_projecttaskdependency')).message).toMatch(/delete the dependency/);
		expect((await thrown(() => api.pssCreate({ Entity: { '@odata.type': 'Microsoft.Dynamics.CRM.msdyn_projectteam', msdyn_name: 'x' }, OperationSetId }, USER))).message).toMatch(/msdyn_CreateTeamMemberV1/);
		const unknown = await thrown(() => api.pssCreate({ Entity: task(guid(2), ids.projects['SF-006A000101'], ids.buckets['SF-006A000101'], { msdyn_nosuchcolumn: 1 }), OperationSetId }, USER));
		expect(unknown).toMatchObject({ status: 400, code: '0x80060888' });
		expect(directWriteRefusal('msdyn_projecttasks', 'POST')).toMatchObject({ status: 400, code: '0x80040265' });
		expect(directWriteRefusal('msdyn_projecttasks', 'POST')!.message).toMatch(/schedule APIs/);
		expect(directWriteRefusal('msdyn_timeentries', 'POST')).toBeUndefined();
	});

	it('replaces a resource assignment by delete + create in one set, taking the resource from the team member', async () => {
		const { store, api, ids, pending } = await setup();
		const projectId = ids.projects['SF-006A000101'];
		const { TeamMemberId } = await api.createTeamMember({ TeamMember: { '@odata.type': 'Microsoft.Dynamics.CRM.msdyn_projectteam', 'msdyn_project@odata.bind': `/msdyn_projects(${projectId})`, 'msdyn_bookableresourceid@odata.bind': `/bookableresources(${ids.resources['EMP-0003']})` } });
		const assignment = (id: number, taskId: string) => ({
			'@odata.type': 'Microsoft.Dynamics.CRM.msdyn_resourceassignment',
			msdyn_resourceassignmentid: guid(id),
			'msdyn_projectid@odata.bind': `/msdyn_projects(${projectId})`,
			'msdyn_taskid@odata.bind': `/msdyn_projecttasks(${taskId})`,
			'msdyn_projectteamid@odata.bind': `/msdyn_projectteams(${TeamMemberId})`,
		});
		const first = (await api.createOperationSet({ ProjectId: projectId }, USER)).OperationSetId;
		await api.pssCreate({ Entity: assignment(1, ids.tasks['SF-006A000101-T1']), OperationSetId: first }, USER);
		await api.execute({ OperationSetId: first }, USER);
		await pending.shift()!();
		const second = (await api.createOperationSet({ ProjectId: projectId }, USER)).OperationSetId;
		await api.pssDelete({ RecordId: guid(1), EntityLogicalName: 'msdyn_resourceassignment', OperationSetId: second }, USER);
		await api.pssCreate({ Entity: assignment(2, ids.tasks['SF-006A000101-T2']), OperationSetId: second }, USER);
		await api.execute({ OperationSetId: second }, USER);
		await pending.shift()!();
		expect(store.list('msdyn_resourceassignments').map((a) => [a.msdyn_resourceassignmentid, a._msdyn_taskid_value, a._msdyn_bookableresourceid_value])).toEqual([[guid(2), ids.tasks['SF-006A000101-T2'], ids.resources['EMP-0003']]]);
	});
});

describe('time, expenses and milestones', () => {
	it('seeds the firm’s entries in their states with their external ids, and approved ones with exact actuals', async () => {
		const { store, ids } = await setup();
		for (const entry of FIRM_TIME) {
			const row = store.get('msdyn_timeentries', ids.timeEntries[entry.externalId])!;
			expect(row.p2c_externalid).toBe(entry.externalId);
			expect(row.msdyn_entrystatus).toBe({ Approved: ENTRY_STATUS.approved, Submitted: ENTRY_STATUS.submitted, Saved: ENTRY_STATUS.draft }[entry.status]);
		}
		expect(store.get('msdyn_timeentries', ids.timeEntries['PSA-TE-1002'])!.msdyn_duration).toBe(510);
		// PSA-TE-1001: 7.5 h at the Senior Consultant's 70.00 cost and 200.00 sales price (time and material).
		const actuals = store.list('msdyn_actuals').filter((a) => a._msdyn_sourcetimeentry_value === ids.timeEntries['PSA-TE-1001']);
		expect(actuals.map((a) => [a.msdyn_transactiontypecode, a.msdyn_amount, a.msdyn_quantity]).sort()).toEqual([
			[TRANSACTION_TYPE.cost, 525, 7.5],
			[TRANSACTION_TYPE.unbilledSales, 1500, 7.5],
		].sort());
		for (const expense of FIRM_EXPENSES) expect(store.get('msdyn_expenses', ids.expenses[expense.externalId])!.msdyn_expensestatus).toBe(EXPENSE_STATUS.approved);
		const flight = store.list('msdyn_actuals').filter((a) => a._msdyn_sourceexpense_value === ids.expenses['PSA-EX-2001']);
		expect(flight.map((a) => a.msdyn_amount)).toEqual([412.35, 412.35]);
		expect(store.list('invoices')).toHaveLength(1);
	});

	it('submits drafts, refuses to submit twice, approves into actuals priced exactly in minor units', async () => {
		const { store, ids } = await setup();
		const lifecycle = new EntryLifecycle(store);
		const draft = ids.timeEntries['PSA-TE-1007'];
		// 13 minutes at 70.00 / h = 15.1666… → 15.17 (rounded once, half up); sales 200.00 / h → 43.33.
		await store.update('msdyn_timeentries', draft, { msdyn_duration: 13 });
		await lifecycle.submitTimeEntries({ TimeEntryIds: draft });
		expect((await thrown(() => lifecycle.submitTimeEntries({ TimeEntryIds: draft }))).message).toMatch(/not in Draft or Returned/);
		const approval = lifecycle.openApprovalOf('_msdyn_timeentry_value', draft)!;
		await lifecycle.approveTimeEntries(approval.msdyn_projectapprovalid as string, { TimeEntryIds: draft }, '2026-01-20T10:00:00Z');
		expect(store.get('msdyn_timeentries', draft)!.msdyn_entrystatus).toBe(ENTRY_STATUS.approved);
		const amounts = store.list('msdyn_actuals').filter((a) => a._msdyn_sourcetimeentry_value === draft).map((a) => a.msdyn_amount).sort();
		expect(amounts).toEqual([15.17, 43.33].sort());
		// The fixed-price project's time has a cost actual only.
		const fixed = ids.timeEntries['PSA-TE-1004'];
		const fixedApproval = lifecycle.openApprovalOf('_msdyn_timeentry_value', fixed)!;
		await lifecycle.approveTimeEntries(fixedApproval.msdyn_projectapprovalid as string, { TimeEntryIds: fixed }, '2026-02-05T10:00:00Z');
		expect(store.list('msdyn_actuals').filter((a) => a._msdyn_sourcetimeentry_value === fixed).map((a) => a.msdyn_transactiontypecode)).toEqual([TRANSACTION_TYPE.cost]);
	});

	it('makes a milestone ready for invoicing once, with its unbilled sales actual, and never back from invoiced', async () => {
		const { store, ids } = await setup();
		const lifecycle = new EntryLifecycle(store);
		const milestone = store.get('msdyn_contractlinescheduleofvalues', ids.milestones['SF-006A000102-M1'])!;
		const actual = lifecycle.milestoneWritten(milestone, { ...milestone, msdyn_invoicestatus: MILESTONE_INVOICE_STATUS.ready })!;
		expect(actual).toMatchObject({ msdyn_transactiontypecode: TRANSACTION_TYPE.unbilledSales, msdyn_amount: 45000 });
		const ready = { ...milestone, msdyn_invoicestatus: MILESTONE_INVOICE_STATUS.ready };
		expect(lifecycle.milestoneWritten(ready, { ...ready, msdyn_name: 'renamed' })).toBeUndefined();
		const invoiced = { ...milestone, msdyn_invoicestatus: MILESTONE_INVOICE_STATUS.invoiceCreated };
		expect((await thrown(() => lifecycle.milestoneWritten(invoiced, { ...invoiced, msdyn_invoicestatus: MILESTONE_INVOICE_STATUS.notReady }))).message).toMatch(/cannot go back/);
	});
});
