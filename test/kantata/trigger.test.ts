/**
 * The Kantata trigger against the sandbox: the account event feed read from a persisted cursor emits each
 * change exactly once across repeated polls over the same window and across a restart (a new trigger instance
 * with the stored static data); polling on updated_after does the same; a cursor older than the feed keeps is
 * flagged.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { FEED_RETENTION_MS, takeNew } from '../../nodes/Kantata/helpers/poll';
import { KantataTrigger } from '../../nodes/Kantata/KantataTrigger.node';
import { createKantataSandbox, kantataSandboxCredentials } from '../../sandbox/kantata';
import type { KantataSandbox } from '../../sandbox/kantata';
import { pollContext } from './helpers';

describe('Kantata trigger', () => {
	let sandbox: KantataSandbox;
	let credentials: ICredentialDataDecryptedObject;

	beforeAll(async () => {
		sandbox = createKantataSandbox({ latencyMs: 0 });
		credentials = kantataSandboxCredentials(await sandbox.start(0)) as unknown as ICredentialDataDecryptedObject;
	});
	beforeEach(() => sandbox.reset());
	afterAll(async () => await sandbox.stop());

	async function poll(parameters: INodeParameters, staticData: IDataObject, trigger = new KantataTrigger()) {
		const result = await trigger.poll.call(pollContext({ parameters, credentials, staticData }));
		return result ? result[0].map((item) => item.json) : null;
	}

	const workspaceId = () => String(sandbox.account.records('workspaces')[0].id);
	const newEntry = (minutes: number) => sandbox.account.create('time_entries', { workspace_id: workspaceId(), date_performed: '2026-02-02', time_in_minutes: minutes });

	it('event feed: each change once, across repeated polls and a restart', async () => {
		const parameters = { source: 'feed', eventTypes: ['time_entry:created', 'time_entry:updated'] };
		const staticData: IDataObject = {};
		expect(await poll(parameters, staticData)).toBeNull();
		const entry = newEntry(60);
		sandbox.account.update('time_entries', String(entry.id), { notes: 'edited' });
		sandbox.account.create('workspace_groups', { name: 'Not watched' });
		const first = await poll(parameters, staticData);
		expect(first?.map((e) => [e.event_type, e.subject_id])).toEqual([
			['time_entry:created', String(entry.id)],
			['time_entry:updated', String(entry.id)],
		]);
		// The same window again (the overlap reaches back over both events): nothing new.
		expect(await poll(parameters, staticData)).toBeNull();
		// A restart: a new trigger instance with the persisted static data.
		const restored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect(await poll(parameters, restored, new KantataTrigger())).toBeNull();
		const later = newEntry(90);
		const afterRestart = await poll(parameters, restored, new KantataTrigger());
		expect(afterRestart?.map((e) => e.subject_id)).toEqual([String(later.id)]);
		const feedRequests = sandbox.requests.filter((r) => r.path === '/api/v1/subscribed_events.json').map((r) => new URLSearchParams(r.query));
		expect(feedRequests.every((q) => q.get('event_types') === 'time_entry:created,time_entry:updated' && q.get('created_after'))).toBe(true);
	});

	it('polling on updated_after: approved time entries once each, again after a later change', async () => {
		const parameters = { source: 'poll', resource: 'timeEntry', approvedOnly: true };
		const staticData: IDataObject = {};
		expect(await poll(parameters, staticData)).toBeNull();
		const submission = sandbox.account.create('timesheet_submissions', { workspace_id: workspaceId(), line_item_ids: [String(newEntry(120).id), String(newEntry(30).id)] });
		expect(await poll(parameters, staticData)).toBeNull();
		sandbox.account.resolveSubmission('timesheet_submissions', String(submission.id), 'approve');
		const approved = await poll(parameters, staticData);
		expect(approved?.map((e) => e.time_in_minutes).sort()).toEqual([120, 30].sort());
		expect(await poll(parameters, staticData)).toBeNull();
		expect(await poll(parameters, JSON.parse(JSON.stringify(staticData)) as IDataObject, new KantataTrigger())).toBeNull();
	});

	it('canonical output maps each event\'s record by its subject type, with the event beside it', async () => {
		const parameters = { source: 'feed', eventTypes: ['time_entry:created'], output: 'canonical' };
		const staticData: IDataObject = {};
		await poll(parameters, staticData);
		const entry = newEntry(450);
		const [out] = (await poll(parameters, staticData))!;
		expect(out.timeEntry).toMatchObject({ hours: '7.5', approvalState: 'open', project: { id: workspaceId() } });
		expect((out.envelope as IDataObject).source).toMatchObject({ system: 'kantata', object: 'time_entry', id: String(entry.id) });
		expect(out.kantataEvent).toMatchObject({ event_type: 'time_entry:created' });
	});

	it('dedupe state is pruned to the window and the cursor never moves back', () => {
		const state = { cursor: '2026-03-01T10:00:00.000Z', seen: { old: '2026-02-01T00:00:00.000Z', recent: '2026-03-01T09:58:00.000Z' } };
		const start = Date.parse('2026-03-01T09:55:00.000Z');
		const { fresh, state: next } = takeNew([{ id: 'recent', at: '2026-03-01T09:58:00.000Z' }, { id: 'new', at: '2026-03-01T09:59:00.000Z' }], state, (r) => String(r.id), (r) => String(r.at), start, Date.parse('2026-03-01T10:01:00.000Z'));
		expect(fresh.map((r) => r.id)).toEqual(['new']);
		expect(Object.keys(next.seen!)).toEqual(['recent', 'new']);
		expect(next.cursor).toBe('2026-03-01T10:00:00.000Z');
	});

	it('flags output when the trigger was paused longer than the feed keeps events', async () => {
		const parameters = { source: 'feed', eventTypes: ['time_entry:created'] };
		const staticData: IDataObject = { cursor: new Date(Date.now() - FEED_RETENTION_MS - 3_600_000).toISOString(), seen: {} };
		newEntry(45);
		const out = await poll(parameters, staticData);
		expect(out).toHaveLength(1);
		expect(out![0].feedGap).toEqual(expect.stringContaining('9 days'));
	});
});
