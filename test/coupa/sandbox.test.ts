/**
 * The Coupa sandbox on the wire: the token endpoint and scopes, JSON only on request, `limit` capped at 50,
 * nested filters and operators, `fields` and `return_object`, and the rate limit answered with 429.
 */
import axios from 'axios';

import { ALL_SCOPES, COUPA_SANDBOX_CLIENT_ID, COUPA_SANDBOX_CLIENT_SECRET, createCoupaSandbox } from '../../sandbox/coupa';
import type { CoupaSandbox } from '../../sandbox/coupa';

describe('Coupa sandbox', () => {
	let sandbox: CoupaSandbox;
	let baseUrl: string;
	let token: string;
	const get = async (path: string, params: Record<string, string> = {}, accept = 'application/json') =>
		await axios.get(`${baseUrl}${path}`, { params, headers: { Accept: accept, Authorization: `Bearer ${token}` }, validateStatus: () => true });

	beforeAll(async () => {
		sandbox = createCoupaSandbox({ latencyMs: 0 });
		baseUrl = await sandbox.start(0);
	});
	beforeEach(() => {
		sandbox.reset();
		token = sandbox.issueToken(COUPA_SANDBOX_CLIENT_ID, ALL_SCOPES).token;
	});
	afterAll(async () => await sandbox.stop());

	it('issues a 24 h token for granted scopes and refuses one it was not granted', async () => {
		const form = (scope: string) => new URLSearchParams({ grant_type: 'client_credentials', client_id: COUPA_SANDBOX_CLIENT_ID, client_secret: COUPA_SANDBOX_CLIENT_SECRET, scope }).toString();
		const ok = await axios.post(`${baseUrl}/oauth2/token`, form('core.invoice.read'), { validateStatus: () => true });
		expect(ok.data).toMatchObject({ token_type: 'bearer', expires_in: 86_399, scope: 'core.invoice.read' });
		const bad = await axios.post(`${baseUrl}/oauth2/token`, form('core.everything.write'), { validateStatus: () => true });
		expect(bad.status).toBe(400);
		expect(bad.data.error).toBe('invalid_scope');
		token = ok.data.access_token;
		expect((await get('/api/suppliers')).status).toBe(403);
		expect((await get('/api/invoices')).status).toBe(200);
	});

	it('answers JSON only when asked, and says so plainly otherwise', async () => {
		const xml = await get('/api/invoices', {}, 'application/xml');
		expect(xml.status).toBe(406);
		expect(String(xml.data)).toContain('JSON only');
	});

	it('caps limit at 50 and pages by offset', async () => {
		for (let i = 0; i < 60; i++) sandbox.store.insert('suppliers', { name: `S${i}`, number: `N${i}` });
		expect((await get('/api/suppliers', { limit: '500' })).data).toHaveLength(50);
		expect((await get('/api/suppliers', { limit: '50', offset: '50' })).data).toHaveLength(12);
	});

	it('filters with operators and nested attributes, dashes and underscores alike', async () => {
		const names = async (params: Record<string, string>) => ((await get('/api/invoices', params)).data as Array<Record<string, unknown>>).map((i) => i['invoice-number']);
		expect(await names({ 'supplier[name][starts_with]': 'brightline' })).toEqual(['BCP-2001', 'BCP-2002']);
		expect(await names({ 'invoice_date[gt_or_eq]': '2026-03-31', status: 'approved' })).toEqual(['NWD-1001', 'NWD-1002']);
		expect(await names({ 'invoice-number[in]': 'NWD-1002,BCP-2002' })).toEqual(['NWD-1002', 'BCP-2002']);
		expect(await names({ 'invoice-lines[account][segment-2]': 'SF-006A000102', 'status[not_eq]': 'approved' })).toEqual(['BCP-2002']);
	});

	it('shapes answers with fields and return_object', async () => {
		const fields = (await get('/api/invoices', { fields: '["id",{"supplier":["name"]}]', limit: '1' })).data[0];
		expect(Object.keys(fields)).toEqual(['id', 'supplier']);
		expect(fields.supplier).toEqual({ name: 'Northwind Data Engineering LLC' });
		expect((await get('/api/invoices', { return_object: 'limited', limit: '1' })).data[0]).toEqual({ id: expect.any(Number) });
		const shallow = (await get('/api/invoices', { return_object: 'shallow', limit: '1' })).data[0];
		expect(shallow.supplier).toEqual({ id: expect.any(Number), name: 'Northwind Data Engineering LLC', number: 'SUP-3001' });
	});

	it('answers 429 once the burst of 20 is spent and the bucket has not refilled', async () => {
		// The refill slowed to 1 per second so the test does not race the clock; the bucket is Coupa's 20.
		sandbox.rate = { perSecond: 1, burst: 20 };
		sandbox.reset();
		token = sandbox.issueToken(COUPA_SANDBOX_CLIENT_ID, ALL_SCOPES).token;
		try {
			const answers = await Promise.all(Array.from({ length: 30 }, async () => await get('/api/currencies', { limit: '1' })));
			const statuses = answers.map((r) => r.status);
			expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(20);
			expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(22);
			expect(answers.find((r) => r.status === 429)?.data).toEqual({ errors: { base: ['Rate limit exceeded: 1 requests per second with a burst of 20'] } });
			expect(sandbox.throttled).toBe(statuses.filter((s) => s === 429).length);
		} finally {
			sandbox.rate = { perSecond: 25, burst: 20 };
		}
	});
});
