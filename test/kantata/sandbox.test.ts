/**
 * The Kantata sandbox over HTTP, as a client sees it: OAuth 2.0 authorization code (a code is single-use, bound to
 * its redirect URI, and its token works until revoked), the envelope and its paging meta, `include` as sibling
 * hashes, `only` without 404s, default filters on a show, bulk limits, the event feed's retention, and plain
 * refusals of what the sandbox does not do.
 */
import { createKantataSandbox, EVENT_RETENTION_MS, KANTATA_SANDBOX_CLIENT_ID, KANTATA_SANDBOX_CLIENT_SECRET, KANTATA_SANDBOX_PERSONAL_TOKEN } from '../../sandbox/kantata';
import type { KantataSandbox } from '../../sandbox/kantata';

type Json = Record<string, any>;

describe('Kantata sandbox', () => {
	let sandbox: KantataSandbox;
	let base = '';
	beforeAll(async () => {
		sandbox = createKantataSandbox({ latencyMs: 0 });
		base = await sandbox.start(0);
	});
	beforeEach(() => sandbox.reset());
	afterAll(async () => await sandbox.stop());

	const call = async (method: string, path: string, body?: unknown, token = KANTATA_SANDBOX_PERSONAL_TOKEN): Promise<{ status: number; body: Json }> => {
		const response = await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await response.text();
		return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
	};

	it('OAuth 2.0 authorization code: redirect with a code, one exchange per code, the token works until revoked', async () => {
		const redirect = 'https://n8n.example/rest/oauth2-credential/callback';
		const authorize = await fetch(`${base}/oauth/authorize?response_type=code&client_id=${KANTATA_SANDBOX_CLIENT_ID}&redirect_uri=${encodeURIComponent(redirect)}&state=s1`, { redirect: 'manual' });
		expect(authorize.status).toBe(302);
		const location = new URL(authorize.headers.get('location')!);
		expect(location.searchParams.get('state')).toBe('s1');
		const code = location.searchParams.get('code')!;
		const exchange = (redirectUri: string) =>
			fetch(`${base}/oauth/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: KANTATA_SANDBOX_CLIENT_ID, client_secret: KANTATA_SANDBOX_CLIENT_SECRET }).toString(),
			});
		const token = (await (await exchange(redirect)).json()) as Json;
		expect(token).toEqual({ access_token: expect.any(String), token_type: 'bearer' });
		expect((await exchange(redirect)).status).toBe(400);
		const me = await call('GET', '/api/v1/users/me.json', undefined, token.access_token);
		expect(me.status).toBe(200);
		expect(me.body.users[me.body.results[0].id].full_name).toBe('Integration User');
		sandbox.tokens.delete(token.access_token);
		expect(await call('GET', '/api/v1/users/me.json', undefined, token.access_token)).toEqual({ status: 401, body: { errors: [{ type: 'oauth', message: 'Invalid OAuth 2 Request' }] } });
	});

	it('envelope: results as ordered pointers, objects keyed by string id, includes as sibling hashes, meta paging', async () => {
		const page1 = await call('GET', '/api/v1/time_entries.json?per_page=2&page=1&include=user,workspace&order=date_performed:desc');
		expect(page1.body.count).toBe(6);
		expect(page1.body.meta).toEqual({ count: 6, page_count: 3, page_number: 1, page_size: 2 });
		expect(page1.body.results).toHaveLength(2);
		const [first] = page1.body.results;
		expect(first).toEqual({ key: 'time_entries', id: expect.any(String) });
		const entry = page1.body.time_entries[first.id];
		expect(typeof entry.time_in_minutes).toBe('number');
		expect(page1.body.users[entry.user_id]).toBeDefined();
		expect(page1.body.workspaces[entry.workspace_id]).toBeDefined();
		const dates = page1.body.results.map((r: Json) => page1.body.time_entries[r.id].date_performed);
		expect(dates).toEqual([...dates].sort().reverse());
		const capped = await call('GET', '/api/v1/time_entries.json?per_page=500');
		expect(capped.body.meta.page_size).toBe(200);
		expect((await call('GET', '/api/v1/time_entries.json?include=invoices')).status).toBe(400);
	});

	it('only returns the ids that exist without a 404; a show 404s, and an archived workspace is hidden by default', async () => {
		const workspace = sandbox.account.records('workspaces')[0];
		const only = await call('GET', `/api/v1/workspaces.json?only=${String(workspace.id)},999999`);
		expect(only.body.results).toEqual([{ key: 'workspaces', id: String(workspace.id) }]);
		expect((await call('GET', '/api/v1/workspaces/999999.json')).body).toEqual({ errors: [{ type: 'system', message: 'Workspace 999999 was not found' }] });
		await call('PUT', `/api/v1/workspaces/${String(workspace.id)}.json`, { workspace: { archived: true } });
		expect((await call('GET', `/api/v1/workspaces/${String(workspace.id)}.json`)).status).toBe(404);
		expect((await call('GET', `/api/v1/workspaces/${String(workspace.id)}.json?include_archived=true`)).status).toBe(200);
	});

	it('bulk create above the limit is refused whole; an invalid record refuses the whole batch', async () => {
		const workspaceId = String(sandbox.account.records('workspaces')[0].id);
		const entry = (minutes: number) => ({ workspace_id: workspaceId, date_performed: '2026-03-02', time_in_minutes: minutes });
		const before = sandbox.account.records('time_entries').length;
		expect((await call('POST', '/api/v1/time_entries.json', { time_entries: Array.from({ length: 101 }, () => entry(60)) })).status).toBe(422);
		const invalid = await call('POST', '/api/v1/time_entries.json', { time_entries: [entry(60), entry(0)] });
		expect(invalid.status).toBe(422);
		expect(invalid.body.errors[0]).toMatchObject({ type: 'validation', field: 'time_in_minutes' });
		expect(sandbox.account.records('time_entries')).toHaveLength(before);
		const ok = await call('POST', '/api/v1/time_entries.json', { time_entries: [entry(60), entry(90)] });
		expect(ok.body.results).toHaveLength(2);
		expect(sandbox.account.records('time_entries')).toHaveLength(before + 2);
	});

	it('invoices total approved time at its rate and expenses exactly, lock them, and free them on cancel', async () => {
		const entry = sandbox.account.records('time_entries').find((e) => e.approved === true && e.time_in_minutes === 510)!;
		const expense = sandbox.account.records('expenses')[0];
		const created = await call('POST', '/api/v1/invoices.json', { invoice: { workspace_id: entry.workspace_id, payment_schedule: 30, time_entry_ids: [entry.id], expense_ids: [expense.id], fixed_fee_items: [{ amount_in_cents: 100000 }] } });
		expect(created.status).toBe(200);
		const invoice = created.body.invoices[created.body.results[0].id];
		// 8.5 h × $200.00 = $1,700.00; + $412.35 + $1,000.00
		expect(invoice.balance_in_cents).toBe(170000 + 41235 + 100000);
		expect((await call('PUT', `/api/v1/time_entries/${String(entry.id)}.json`, { time_entry: { notes: 'x' } })).status).toBe(422);
		expect((await call('PUT', `/api/v1/invoices/${String(invoice.id)}/cancel`)).body.invoices[invoice.id].status).toBe('canceled');
		expect(sandbox.account.find('time_entries', String(entry.id))?.is_invoiced).toBe(false);
		const unapproved = sandbox.account.records('time_entries').find((e) => e.approved === false)!;
		const refused = await call('POST', '/api/v1/invoices.json', { invoice: { workspace_id: unapproved.workspace_id, payment_schedule: 30, time_entry_ids: [unapproved.id] } });
		expect(refused.body.errors[0]).toMatchObject({ field: 'time_entry_ids' });
	});

	it('the event feed keeps about 9 days', async () => {
		const workspaceId = String(sandbox.account.records('workspaces')[0].id);
		await call('POST', '/api/v1/time_entries.json', { time_entry: { workspace_id: workspaceId, date_performed: '2026-03-02', time_in_minutes: 60 } });
		expect((await call('GET', '/api/v1/subscribed_events.json?event_types=time_entry:created')).body.count).toBe(1);
		const realNow = sandbox.account.now;
		sandbox.account.now = () => realNow() + EVENT_RETENTION_MS + 60_000;
		try {
			expect((await call('GET', '/api/v1/subscribed_events.json?event_types=time_entry:created')).body.count).toBe(0);
		} finally {
			sandbox.account.now = realNow;
		}
	});

	it('says plainly what it does not support', async () => {
		expect((await call('GET', '/api/v1/estimates.json')).body.errors[0].message).toContain('The sandbox does not support the collection estimates');
		expect((await call('GET', '/api/v1/workspaces.json?optional_fields=budget_used')).body.errors[0].message).toBe('The sandbox does not support optional_fields');
	});
});
