/**
 * The Project Operations node in n8n-core against the Dataverse sandbox with the Project Operations module
 * (tokens from the Entra sandbox): a project and its WBS through the schedule API with each refused
 * operation's error on its own item and the other items applied, assignment replacement, time entries through
 * $batch where one bad record fails alone, submit and approve into actuals, canonical reads.
 */
import type { IDataObject } from 'n8n-workflow';

import { locator, poNode, useProjectOperationsSandbox, workflow } from './helpers';

const sandbox = useProjectOperationsSandbox();
const fast = { pollIntervalSeconds: 0.1, timeoutSeconds: 10 };

beforeEach(() => sandbox.module.setExecutionDelay(20));

function wbsNode(extra: IDataObject = {}) {
	return poNode(
		{
			resource: 'projectTask',
			operation: 'applyWbsChanges',
			projectId: locator('={{ $json.projectId }}'),
			change: '={{ $json.change }}',
			scheduleEntity: '={{ $json.entity }}',
			scheduleRecordId: '={{ $json.recordId ?? "" }}',
			jsonBody: '={{ JSON.stringify($json.fields ?? {}) }}',
			lookups: { lookup: [] },
			scheduleOptions: fast,
			...extra,
		},
		{ continueOnFail: true },
	);
}

describe('Project Operations node against the sandbox', () => {
	it('creates a project with msdyn_CreateProjectV1 and reads it as a canonical project with its WBS', async () => {
		const created = await sandbox.run(workflow([{}], poNode({ resource: 'project', operation: 'create', jsonBody: JSON.stringify({ msdyn_subject: 'Globex data platform', msdyn_scheduledstart: '2026-12-01T00:00:00Z' }), returnRecord: true })));
		expect(created.error).toBeUndefined();
		const project = created.output('Project Operations')[0];
		expect(project).toMatchObject({ msdyn_subject: 'Globex data platform' });
		const buckets = sandbox.records('msdyn_projectbuckets').filter((b) => b._msdyn_project_value === project.msdyn_projectid);
		expect(buckets.map((b) => b.msdyn_name)).toEqual(['Bucket 1']);

		const seeded = sandbox.module.ids!.projects['SF-006A000101'];
		const canonical = await sandbox.run(workflow([{}], poNode({ resource: 'project', operation: 'get', getBy: 'id', recordId: locator(seeded), output: 'canonical' })));
		expect(canonical.error).toBeUndefined();
		const record = canonical.output('Project Operations')[0] as { project: { name: string; currency: string; tasks: Array<{ name: string; plannedHours: string }> } };
		expect(record.project.name).toBe('Acme ERP Implementation');
		expect(record.project.currency).toBe('USD');
		expect(record.project.tasks.map((t) => [t.name, t.plannedHours])).toEqual([['Discovery', '120'], ['Build', '120'], ['User Acceptance Testing', '120'], ['Go-live sign-off', '0']]);
	});

	it('applies WBS changes in one operation set: the refused operation fails its own item, the others are applied', async () => {
		const acme = sandbox.module.ids!.projects['SF-006A000101'];
		const foreignTask = sandbox.module.ids!.tasks['SF-006A000102-T1'];
		const parentId = '44444444-0000-4000-8000-000000000001';
		const items = [
			{ projectId: acme, change: 'create', entity: 'msdyn_projecttask', recordId: parentId, fields: { msdyn_subject: 'Data migration', msdyn_effort: 40 } },
			{ projectId: acme, change: 'create', entity: 'msdyn_projecttask', fields: { msdyn_subject: 'Cutover rehearsal', 'msdyn_parenttask@odata.bind': `/msdyn_projecttasks(${foreignTask})` } },
			{ projectId: acme, change: 'create', entity: 'msdyn_projecttask', fields: { msdyn_subject: 'Load test data', 'msdyn_parenttask@odata.bind': `/msdyn_projecttasks(${parentId})` } },
		];
		const result = await sandbox.run(workflow(items, wbsNode()));
		expect(result.error).toBeUndefined();
		const out = result.output('Project Operations');
		expect(out).toHaveLength(3);
		expect(out[0]).toMatchObject({ operation: 'create', entity: 'msdyn_projecttask', recordId: parentId, projectId: acme });
		expect(out[1]).toMatchObject({ code: 'OPERATION_FAILED', error: expect.stringMatching(/belongs to another project/) });
		expect(out[2]).toMatchObject({ operation: 'create', entity: 'msdyn_projecttask' });
		const tasks = sandbox.records('msdyn_projecttasks').filter((t) => t._msdyn_project_value === acme);
		expect(tasks.map((t) => t.msdyn_subject)).toEqual(expect.arrayContaining(['Data migration', 'Load test data']));
		expect(tasks.map((t) => t.msdyn_subject)).not.toContain('Cutover rehearsal');
		// The child went under its parent, into the project's default bucket.
		const child = tasks.find((t) => t.msdyn_subject === 'Load test data')!;
		expect(child).toMatchObject({ _msdyn_parenttask_value: parentId, _msdyn_projectbucket_value: sandbox.module.ids!.buckets['SF-006A000101'] });
		// The first set failed as a whole and was recorded; the second, without the refused item, completed.
		const sets = sandbox.records('msdyn_operationsets').map((s) => s.msdyn_status);
		expect(sets).toEqual([192350004, 192350003]);
	});

	it('refuses an item the API refuses at queue time without losing the others, and a dependency cycle at execution', async () => {
		const acme = sandbox.module.ids!.projects['SF-006A000101'];
		const [t1, t2] = [sandbox.module.ids!.tasks['SF-006A000101-T1'], sandbox.module.ids!.tasks['SF-006A000101-T2']];
		const link = (from: string, to: string) => ({ projectId: acme, change: 'create', entity: 'msdyn_projecttaskdependency', fields: { 'msdyn_predecessortask@odata.bind': `/msdyn_projecttasks(${from})`, 'msdyn_successortask@odata.bind': `/msdyn_projecttasks(${to})`, msdyn_linktype: 192350000 } });
		const items = [link(t1, t2), { projectId: acme, change: 'update', entity: 'msdyn_resourceassignment', recordId: '55555555-0000-4000-8000-000000000001', fields: {} }, link(t2, t1)];
		const out = (await sandbox.run(workflow(items, wbsNode()))).output('Project Operations');
		expect(out[0]).toMatchObject({ operation: 'create', entity: 'msdyn_projecttaskdependency' });
		expect(out[1].error).toMatch(/not updated: delete the assignment and create a new one/);
		expect(out[2]).toMatchObject({ code: 'OPERATION_FAILED', error: expect.stringMatching(/cycle/) });
		expect(sandbox.records('msdyn_projecttaskdependencies')).toHaveLength(1);
	});

	it('creates time entries through $batch where one bad record fails alone, then submits and approves one into actuals', async () => {
		const ids = sandbox.module.ids!;
		const entry = (minutes: number, externalId: string) => ({
			body: { msdyn_date: '2026-01-20', msdyn_duration: minutes, msdyn_description: 'Design workshop', p2c_externalid: externalId, 'msdyn_project@odata.bind': `/msdyn_projects(${ids.projects['SF-006A000101']})`, 'msdyn_bookableresource@odata.bind': `/bookableresources(${ids.resources['EMP-0002']})`, 'msdyn_resourcecategory@odata.bind': `/bookableresourcecategories(${ids.roles['Senior Consultant']})` },
		});
		const items = [entry(450, 'PSA-TE-2001'), { body: { msdyn_date: 'not a date', msdyn_duration: 60 } }, entry(120, 'PSA-TE-2002')];
		const batch = await sandbox.run(workflow(items, poNode({ resource: 'timeEntry', operation: 'batchCreate', jsonBody: '={{ JSON.stringify($json.body) }}' }, { continueOnFail: true })));
		const out = batch.output('Project Operations');
		expect(out.map((o) => (o.error ? 'error' : 'ok'))).toEqual(['ok', 'error', 'ok']);
		expect(out[1].fields ?? out[1].error).toBeTruthy();
		const created = sandbox.records('msdyn_timeentries').filter((t) => String(t.p2c_externalid).startsWith('PSA-TE-200'));
		expect(created.map((t) => t.msdyn_duration).sort()).toEqual([120, 450]);

		const id = String(created.find((t) => t.p2c_externalid === 'PSA-TE-2001')!.msdyn_timeentryid);
		const flow = workflow([{ id }], poNode({ resource: 'timeEntry', operation: 'submit', recordId: locator('={{ $json.id }}') }, { name: 'Submit' }), poNode({ resource: 'timeEntry', operation: 'approve', recordId: locator('={{ $json.msdyn_timeentryid }}') }, { name: 'Approve' }));
		const approved = await sandbox.run(flow);
		expect(approved.error).toBeUndefined();
		expect(approved.output('Submit')[0].msdyn_entrystatus).toBe(192350003);
		expect(approved.output('Approve')[0].msdyn_entrystatus).toBe(192350002);
		const actuals = sandbox.records('msdyn_actuals').filter((a) => a._msdyn_sourcetimeentry_value === id).map((a) => [a.msdyn_transactiontypecode, a.msdyn_amount]);
		expect(actuals.sort()).toEqual([[192350000, 525], [192350005, 1500]].sort());
		// Approving twice finds no approval waiting.
		const again = await sandbox.run(workflow([{ id }], poNode({ resource: 'timeEntry', operation: 'approve', recordId: locator('={{ $json.id }}') }, { continueOnFail: true })));
		expect(again.output('Project Operations')[0]).toMatchObject({ code: 'NOT_SUBMITTED', fields: ['recordId'] });
	});

	it('replaces a resource assignment by delete + create in one operation set', async () => {
		const ids = sandbox.module.ids!;
		const acme = ids.projects['SF-006A000101'];
		const member = sandbox.records('msdyn_projectteams').find((m) => m._msdyn_project_value === acme)!;
		const assignmentId = '66666666-0000-4000-8000-000000000001';
		const create = await sandbox.run(workflow([{ projectId: acme, change: 'create', entity: 'msdyn_resourceassignment', recordId: assignmentId, fields: { 'msdyn_taskid@odata.bind': `/msdyn_projecttasks(${ids.tasks['SF-006A000101-T1']})`, 'msdyn_projectteamid@odata.bind': `/msdyn_projectteams(${String(member.msdyn_projectteamid)})` } }], wbsNode()));
		expect(create.output('Project Operations')[0]).toMatchObject({ recordId: assignmentId });
		const replaced = await sandbox.run(workflow([{}], poNode({ resource: 'resourceAssignment', operation: 'replace', recordId: locator(assignmentId), taskId: ids.tasks['SF-006A000101-T2'], teamMemberId: String(member.msdyn_projectteamid), scheduleOptions: fast })));
		expect(replaced.error).toBeUndefined();
		expect(replaced.output('Project Operations')[0].operations).toEqual([
			{ operation: 'delete', entity: 'msdyn_resourceassignment', recordId: assignmentId },
			{ operation: 'create', entity: 'msdyn_resourceassignment', recordId: expect.any(String) },
		]);
		const assignments = sandbox.records('msdyn_resourceassignments');
		expect(assignments.map((a) => a._msdyn_taskid_value)).toEqual([ids.tasks['SF-006A000101-T2']]);
	});

	it('reads approved time entries as canonical time entries with exact hours, and a milestone becomes ready for invoicing', async () => {
		const ids = sandbox.module.ids!;
		const read = await sandbox.run(workflow([{}], poNode({ resource: 'timeEntry', operation: 'getMany', returnAll: true, conditions: { condition: [{ column: 'msdyn_entrystatus', operator: 'eq', value: '192350002' }] }, output: 'canonical' })));
		const entries = read.output('Project Operations') as Array<{ envelope: { source: { externalId: string } }; timeEntry: { hours: string } }>;
		expect(entries.map((e) => [e.envelope.source.externalId, e.timeEntry.hours]).sort()).toEqual([['PSA-TE-1001', '7.5'], ['PSA-TE-1002', '8.5'], ['PSA-TE-1003', '2'], ['PSA-TE-1005', '6']]);
		const ready = await sandbox.run(workflow([{}], poNode({ resource: 'milestone', operation: 'markReady', recordId: locator(ids.milestones['SF-006A000102-M1']) })));
		expect(ready.output('Project Operations')[0].msdyn_invoicestatus).toBe(192350001);
		const invoice = await sandbox.run(workflow([{}], poNode({ resource: 'invoice', operation: 'getMany', returnAll: true, output: 'canonical' })));
		expect(invoice.output('Project Operations')[0]).toMatchObject({ invoice: { status: 'draft', subtotal: { amount: '5420.55', currency: 'USD' }, total: { amount: '5420.55', currency: 'USD' } } });
	});

	it('fails the items of a set still pending at the timeout with the set\'s id, since it may yet apply', async () => {
		sandbox.module.setExecutionDelay(60_000);
		const acme = sandbox.module.ids!.projects['SF-006A000101'];
		const out = (await sandbox.run(workflow([{ projectId: acme, change: 'create', entity: 'msdyn_projecttask', fields: { msdyn_subject: 'Slow' } }], wbsNode({ scheduleOptions: { pollIntervalSeconds: 0.1, timeoutSeconds: 0.3 } })))).output('Project Operations');
		const [set] = sandbox.records('msdyn_operationsets');
		expect(out[0]).toMatchObject({ code: 'OPERATION_SET_TIMEOUT', error: expect.stringContaining(String(set.msdyn_operationsetid)) });
		expect(set.msdyn_status).toBe(192350001);
	});
});
