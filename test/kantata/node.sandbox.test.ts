/**
 * The Kantata node in n8n-core against the Kantata sandbox: the envelope read in `results` order across
 * pages, exact canonical output, upsert through external references that survives a lost answer, bulk
 * create paired per item, all-or-nothing bulk delete, submission approval, and Kantata's errors kept intact.
 */
import type { IDataObject } from 'n8n-workflow';

import { throttleFault } from '../../sandbox/kantata';
import { kantataNode, useKantataSandbox, workflow } from './helpers';

const suite = useKantataSandbox();

const approvedFirmEntries = ['PSA-TE-1001', 'PSA-TE-1002', 'PSA-TE-1003', 'PSA-TE-1005'];

function refOf(subjectType: string, id: string): string | undefined {
	return suite.sandbox.account.records('external_references').find((r) => r.subject_type === subjectType && r.subject_id === id && r.service_name === 'firm')?.service_model_ref as string | undefined;
}

describe('Kantata node against the sandbox', () => {
	it('reads approved time entries as exact canonical time (minutes → hours, cents → money)', async () => {
		const node = kantataNode({ resource: 'timeEntry', operation: 'getMany', returnAll: true, filters: { approved: 'true' }, output: 'canonical', canonicalEnvironment: 'sandbox' });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		const out = result.output('Kantata');
		expect(out.map((r) => refOf('TimeEntry', String((r.envelope as IDataObject).source && ((r.envelope as IDataObject).source as IDataObject).id)))).toEqual(approvedFirmEntries);
		const second = out[1].timeEntry as IDataObject;
		expect(second).toMatchObject({ hours: '8.5', approvalState: 'approved', billable: true, billRate: { amount: '200.00', currency: 'USD', unit: 'hour' } });
		const request = suite.sandbox.requests.find((r) => r.path === '/api/v1/time_entries.json')!;
		expect(new URLSearchParams(request.query).get('approved')).toBe('true');
		expect(new URLSearchParams(request.query).get('per_page')).toBe('200');
	});

	it('walks every page in results order (450 records, 200 per page)', async () => {
		const workspace = suite.sandbox.account.records('workspaces')[0];
		for (let i = 0; i < 450; i++) suite.sandbox.account.insert('stories', { title: `Task ${String(i).padStart(3, '0')}`, story_type: 'task', workspace_id: String(workspace.id), state: 'not started' });
		const node = kantataNode({ resource: 'story', operation: 'getMany', returnAll: true, filters: { workspaceId: String(workspace.id) }, readOptions: { order: 'title:desc' } });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		const titles = result.output('Kantata').map((r) => String(r.title));
		expect(titles).toHaveLength(450 + 4);
		expect(titles).toEqual([...titles].sort((a, b) => b.localeCompare(a)));
		expect(suite.sandbox.requests.filter((r) => r.path === '/api/v1/stories.json')).toHaveLength(3);
	});

	it('reads a workspace as a canonical project with its stories as the WBS', async () => {
		const workspace = suite.sandbox.account.records('workspaces')[0];
		const node = kantataNode({ resource: 'workspace', operation: 'get', recordId: { __rl: true, mode: 'id', value: String(workspace.id) }, output: 'canonical' });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		const data = result.output('Kantata')[0].project as IDataObject;
		expect(data).toMatchObject({ name: 'Acme ERP Implementation', status: 'active', currency: 'USD', budget: { revenue: { amount: '25000.00', currency: 'USD' } } });
		const tasks = data.tasks as IDataObject[];
		expect(tasks.map((t) => t.name)).toEqual(['Discovery', 'Build', 'User Acceptance Testing', 'Go-live sign-off']);
		expect(tasks[0]).toMatchObject({ plannedHours: '120', isMilestone: false });
		expect(tasks[3]).toMatchObject({ isMilestone: true });
	});

	it('reads an invoice as a canonical invoice: a line per time entry and expense, the fixed fee as the rest, totals exact', async () => {
		const entry = suite.sandbox.account.records('time_entries').find((e) => e.approved === true && e.time_in_minutes === 510)!;
		const expense = suite.sandbox.account.records('expenses')[0];
		const invoice = suite.sandbox.account.create('invoices', { workspace_id: entry.workspace_id, payment_schedule: 30, invoice_date: '2026-02-01', time_entry_ids: [entry.id], expense_ids: [expense.id], fixed_fee_items: [{ amount_in_cents: 100000 }] });
		const node = kantataNode({ resource: 'invoice', operation: 'get', recordId: { __rl: true, mode: 'id', value: String(invoice.id) }, output: 'canonical' });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		const data = result.output('Kantata')[0].invoice as IDataObject;
		expect(data).toMatchObject({ issueDate: '2026-02-01', dueDate: '2026-03-03', status: 'draft', currency: 'USD', total: { amount: '3112.35', currency: 'USD' }, customer: { id: String(suite.sandbox.account.find('workspaces', String(entry.workspace_id))!.primary_workspace_group_id) } });
		expect((data.lines as IDataObject[]).map((l) => (l.amount as IDataObject).amount)).toEqual(['1700.00', '412.35', '1000.00']);
		expect((data.lines as IDataObject[])[0]).toMatchObject({ quantity: '8.5', rate: { amount: '200.00', currency: 'USD' } });
		const request = suite.sandbox.requests.find((r) => r.path === `/api/v1/invoices/${String(invoice.id)}.json`)!;
		expect(new URLSearchParams(request.query).get('include')).toBe('time_entries,expenses,workspaces');
	});

	it('reads a milestone story as a canonical milestone with its amount in the workspace currency', async () => {
		const milestone = suite.sandbox.account.records('stories').find((s) => s.story_type === 'milestone')!;
		const node = kantataNode({ resource: 'story', operation: 'get', recordId: { __rl: true, mode: 'id', value: String(milestone.id) }, output: 'canonical', canonicalOptions: { defaultCurrency: 'USD' } });
		const result = await suite.run(workflow([{}], node));
		expect(result.output('Kantata')[0].milestone).toMatchObject({ name: 'Go-live sign-off', status: 'planned', dueDate: '2026-06-30', amount: { amount: '25000.00', currency: 'USD' } });
	});

	const upsertWorkspace = kantataNode(
		{
			resource: 'workspace',
			operation: 'upsert',
			externalService: 'salesforce',
			externalModel: 'Opportunity',
			externalRef: '={{ $json.opportunityId }}',
			jsonBody: '={{ { title: $json.name, creator_role: "maven", currency: "USD" } }}',
		},
		{ name: 'Upsert' },
	);

	it('upsert by external reference creates once, then updates the same workspace', async () => {
		const items = [{ opportunityId: '006X0000NEW1', name: 'Wayne Data Platform' }];
		const before = suite.sandbox.account.records('workspaces').length;
		const first = await suite.run(workflow(items, upsertWorkspace));
		expect(first.error).toBeUndefined();
		const second = await suite.run(workflow([{ ...items[0], name: 'Wayne Data Platform (renamed)' }], upsertWorkspace));
		expect(second.error).toBeUndefined();
		expect(first.output('Upsert')[0]).toMatchObject({ created: true });
		expect(second.output('Upsert')[0]).toMatchObject({ created: false, id: first.output('Upsert')[0].id, title: 'Wayne Data Platform (renamed)' });
		expect(suite.sandbox.account.records('workspaces')).toHaveLength(before + 1);
	});

	it('a reference of another service with the same id is not taken for the record', async () => {
		const other = suite.sandbox.account.records('workspaces')[0];
		suite.sandbox.account.insert('external_references', { service_name: 'hubspot', service_model: 'Opportunity', service_model_ref: '006X0000SAME', subject_id: String(other.id), subject_type: 'Workspace', status: 'successful', locked: false });
		const result = await suite.run(workflow([{ opportunityId: '006X0000SAME', name: 'Same id, other CRM' }], upsertWorkspace));
		expect(result.output('Upsert')[0]).toMatchObject({ created: true, title: 'Same id, other CRM' });
		expect(result.output('Upsert')[0].id).not.toBe(String(other.id));
		expect(suite.sandbox.account.find('workspaces', String(other.id))?.title).toBe('Acme ERP Implementation');
	});

	it('a create whose answer is lost after commit is found by its reference, never made twice', async () => {
		const before = suite.sandbox.account.records('workspaces').length;
		suite.sandbox.addFault({ kind: 'lostResponse', method: 'POST', path: '^/api/v1/workspaces\\.json$' });
		const result = await suite.run(workflow([{ opportunityId: '006X0000LOST', name: 'Stark Analytics' }], upsertWorkspace));
		expect(result.error).toBeUndefined();
		expect(result.output('Upsert')[0]).toMatchObject({ created: true, recoveredAfterLostAnswer: true, title: 'Stark Analytics' });
		expect(suite.sandbox.account.records('workspaces')).toHaveLength(before + 1);
		expect(suite.sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		// Run again (the retry a workflow would make): still one.
		const again = await suite.run(workflow([{ opportunityId: '006X0000LOST', name: 'Stark Analytics' }], upsertWorkspace));
		expect(again.output('Upsert')[0]).toMatchObject({ created: false });
		expect(suite.sandbox.account.records('workspaces')).toHaveLength(before + 1);
	});

	it('a plain create whose answer is lost is not resent (it fails, naming the unknown outcome)', async () => {
		const before = suite.sandbox.account.records('workspaces').length;
		suite.sandbox.addFault({ kind: 'lostResponse', method: 'POST', path: '^/api/v1/workspaces\\.json$' });
		const node = kantataNode({ resource: 'workspace', operation: 'create', jsonBody: '{"title": "Once", "creator_role": "maven"}' }, { continueOnFail: true });
		const result = await suite.run(workflow([{}], node));
		expect(result.output('Kantata')[0].error).toEqual(expect.any(String));
		expect(suite.sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(suite.sandbox.account.records('workspaces')).toHaveLength(before + 1);
	});

	it('bulk create sends 100 per request, pairs results with items, and an invalid record fails alone', async () => {
		const workspace = suite.sandbox.account.records('workspaces')[0];
		const items = Array.from({ length: 150 }, (_, i) => ({ minutes: i === 120 ? 0 : 30 + i, note: `Entry ${i}` }));
		const node = kantataNode(
			{ resource: 'timeEntry', operation: 'bulkCreate', jsonBody: `={{ { workspace_id: "${String(workspace.id)}", date_performed: "2026-02-02", time_in_minutes: $json.minutes, notes: $json.note } }}` },
			{ continueOnFail: true },
		);
		const before = suite.sandbox.account.records('time_entries').length;
		const result = await suite.run(workflow(items, node));
		expect(result.error).toBeUndefined();
		const out = result.output('Kantata');
		expect(out).toHaveLength(150);
		out.forEach((json, i) => {
			if (i === 120) expect(json).toMatchObject({ code: 'validation', fields: ['time_in_minutes'] });
			else expect(json).toMatchObject({ notes: `Entry ${i}`, time_in_minutes: 30 + i });
		});
		expect(suite.sandbox.account.records('time_entries').length).toBe(before + 149);
		const bulkPosts = suite.sandbox.requests.filter((r) => r.method === 'POST' && Array.isArray((r.body as IDataObject)?.time_entries));
		expect(bulkPosts.map((r) => ((r.body as IDataObject).time_entries as unknown[]).length)).toEqual([100, 50]);
	});

	it('bulk delete is all or nothing: an approved entry among the ids keeps every entry', async () => {
		const entries = suite.sandbox.account.records('time_entries');
		const approved = entries.find((e) => e.approved === true)!;
		const saved = entries.find((e) => !e.active_submission_id)!;
		const node = kantataNode({ resource: 'timeEntry', operation: 'bulkDelete', recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, { continueOnFail: true });
		const result = await suite.run(workflow([{ id: String(saved.id) }, { id: String(approved.id) }], node));
		expect(result.output('Kantata').map((r) => r.code)).toEqual(['validation', 'validation']);
		expect(suite.sandbox.account.find('time_entries', String(saved.id))).toBeDefined();
		const ok = await suite.run(workflow([{ id: String(saved.id) }], node));
		expect(ok.output('Kantata')[0]).toMatchObject({ deleted: true });
		expect(suite.sandbox.account.find('time_entries', String(saved.id))).toBeUndefined();
	});

	it('approving a pending timesheet submission approves its time entries', async () => {
		const submission = suite.sandbox.account.records('timesheet_submissions').find((s) => s.status === 'pending')!;
		const node = kantataNode({ resource: 'timesheetSubmission', operation: 'approve', recordId: { __rl: true, mode: 'id', value: String(submission.id) }, comment: 'OK' });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(result.output('Kantata')[0]).toMatchObject({ status: 'approved', resolution_description: 'OK' });
		for (const id of submission.time_entry_ids as string[]) expect(suite.sandbox.account.find('time_entries', id)?.approved).toBe(true);
		const twice = await suite.run(workflow([{}], kantataNode({ resource: 'timesheetSubmission', operation: 'approve', recordId: { __rl: true, mode: 'id', value: String(submission.id) } }, { continueOnFail: true })));
		expect(twice.output('Kantata')[0]).toMatchObject({ code: 'validation', fields: ['status'] });
	});

	it('keeps Kantata\'s validation error with its field, and retries a 429 (no Retry-After) with backoff', async () => {
		suite.sandbox.addFault(throttleFault(1, '^/api/v1/workspaces\\.json$'));
		const node = kantataNode({ resource: 'workspace', operation: 'create', jsonBody: '{"creator_role": "maven"}' }, { continueOnFail: true });
		const result = await suite.run(workflow([{}], node));
		expect(result.output('Kantata')[0]).toMatchObject({ code: 'validation', fields: ['title'] });
		expect(String(result.output('Kantata')[0].error)).toContain("Title can't be blank");
		expect(suite.sandbox.requests.filter((r) => r.path === '/api/v1/workspaces.json').map((r) => r.status)).toEqual([429, 422]);
	});

	it('a token Kantata does not know is a 401 oauth error, and the token never appears in it', async () => {
		suite.sandbox.tokens.clear();
		const node = kantataNode({ resource: 'user', operation: 'getMany', returnAll: true }, { continueOnFail: true });
		const result = await suite.run(workflow([{}], node));
		const out = result.output('Kantata')[0];
		expect(out).toMatchObject({ code: 'oauth' });
		expect(JSON.stringify(out)).not.toContain('kantata-sandbox-personal-token');
	});

	it('refuses an id that is not a Kantata id before any request', async () => {
		const node = kantataNode({ resource: 'workspace', operation: 'get', recordId: { __rl: true, mode: 'list', value: '../users' } }, { continueOnFail: true });
		const result = await suite.run(workflow([{}], node));
		expect(result.output('Kantata')[0]).toMatchObject({ code: 'INVALID_ID', fields: ['recordId'] });
		expect(suite.sandbox.requests).toHaveLength(0);
	});
});
