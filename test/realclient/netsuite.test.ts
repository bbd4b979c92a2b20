/**
 * netsuite-rest, a third-party SuiteTalk REST client (TBA signed with oauth-1.0a, HTTP through got), drives
 * the NetSuite sandbox over HTTP: records, upsert by external id, SuiteQL paging, the account's concurrency
 * limit when a client fans out, lookup record shapes, and what the sandbox's SuiteQL does not support.
 */
import NetsuiteRest from 'netsuite-rest';

import { createNetSuiteSandbox, NETSUITE_SANDBOX_ACCOUNT_ID, NETSUITE_SANDBOX_TBA } from '../../sandbox/netsuite';
import type { NetSuiteSandbox } from '../../sandbox/netsuite';

type Rec = Record<string, any>;

interface GotResponse {
	statusCode: number;
	headers: Record<string, string>;
	rawHeaders: string[];
	body: string;
	data: any;
}

/**
 * netsuite-rest hands back `{...response, data}`: the spread keeps got's own fields but not Node's `headers`
 * getter, so headers are read from `rawHeaders` (which it keeps).
 */
function withHeaders(response: GotResponse, data: unknown): GotResponse {
	const headers: Record<string, string> = {};
	for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) headers[response.rawHeaders[i].toLowerCase()] = response.rawHeaders[i + 1];
	return { statusCode: response.statusCode, rawHeaders: response.rawHeaders, body: response.body, headers, data };
}

let sandbox: NetSuiteSandbox;
let baseUrl = '';
let client: NetsuiteRest;

beforeAll(async () => {
	// Default options, as the demo and `npm run sandbox` start it: the default time in flight and limit 5.
	sandbox = createNetSuiteSandbox();
	baseUrl = await sandbox.start(0);
	client = new NetsuiteRest({
		consumer_key: NETSUITE_SANDBOX_TBA.consumerKey,
		consumer_secret_key: NETSUITE_SANDBOX_TBA.consumerSecret,
		token: NETSUITE_SANDBOX_TBA.tokenId,
		token_secret: NETSUITE_SANDBOX_TBA.tokenSecret,
		realm: NETSUITE_SANDBOX_ACCOUNT_ID,
		base_url: baseUrl,
	});
});
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

/** A request through netsuite-rest; HTTP errors (got throws them) come back as responses. */
async function send(path: string, method = 'GET', body?: unknown): Promise<GotResponse> {
	try {
		const response = (await client.request({ path, method, body: body === undefined ? '' : JSON.stringify(body) })) as GotResponse;
		return withHeaders(response, response.data);
	} catch (error) {
		const response = (error as { response?: GotResponse }).response;
		if (!response) throw error;
		return withHeaders(response, response.body ? JSON.parse(response.body) : null);
	}
}

const suiteql = (q: string, query = '') => send(`query/v1/suiteql${query}`, 'POST', { q });

describe('netsuite-rest against the sandbox', () => {
	it('reads, creates (204 + Location), updates, upserts by external id and deletes records', async () => {
		const customer = sandbox.store.all('customer')[0];
		const read = await send(`record/v1/customer/${customer.id}`);
		expect(read.statusCode).toBe(200);
		expect(read.data).toMatchObject({ id: customer.id, companyName: customer.fields.companyName, subsidiary: { id: expect.any(String), refName: expect.any(String) } });

		const created = await send('record/v1/customer', 'POST', { companyName: 'Client Made Ltd', subsidiary: { id: '2' } });
		expect(created.statusCode).toBe(204);
		const newId = /\/customer\/(\d+)$/.exec(created.headers.location)![1];
		expect(sandbox.store.get('customer', newId)!.fields.companyName).toBe('Client Made Ltd');

		expect((await send(`record/v1/customer/${newId}`, 'PATCH', { email: 'ap@clientmade.example' })).statusCode).toBe(204);
		expect(sandbox.store.get('customer', newId)!.fields.email).toBe('ap@clientmade.example');

		const upserted = await send('record/v1/customer/eid:CLIENT-UPSERT-1', 'PUT', { companyName: 'Upserted Ltd', subsidiary: { id: '3' } });
		expect(upserted.statusCode).toBe(204);
		const again = await send('record/v1/customer/eid:CLIENT-UPSERT-1', 'PUT', { companyName: 'Upserted Ltd (renamed)' });
		expect(again.headers.location).toBe(upserted.headers.location);

		expect((await send(`record/v1/customer/${newId}`, 'DELETE')).statusCode).toBe(204);
		const gone = await send(`record/v1/customer/${newId}`);
		expect(gone.statusCode).toBe(404);
		expect(gone.data['o:errorDetails'][0]['o:errorCode']).toBe('NONEXISTENT_ID');
	});

	it('walks SuiteQL pages through the links NetSuite returns', async () => {
		const all = sandbox.store.all('customer').map((c) => c.id);
		const seen: string[] = [];
		let path = 'query/v1/suiteql?limit=2&offset=0';
		for (let guard = 0; guard < 50; guard++) {
			const page = await send(path, 'POST', { q: 'SELECT id FROM customer ORDER BY id' });
			expect(page.statusCode).toBe(200);
			seen.push(...page.data.items.map((row: Rec) => row.id));
			const next = (page.data.links as Rec[]).find((l) => l.rel === 'next');
			if (!next) break;
			path = String(next.href).slice(`${baseUrl}/services/rest/`.length);
		}
		expect(seen).toEqual(all);
	});
});

describe('the account concurrency limit bites by default (requests take time in flight)', () => {
	const fanOut = async (count: number) =>
		await Promise.all(Array.from({ length: count }, () => suiteql('SELECT id FROM customer')));

	it('twenty parallel SuiteQL requests: the limit is reached and the rest get 429 CONCURRENCY_LIMIT_EXCEEDED', async () => {
		const responses = await fanOut(20);
		const refused = responses.filter((r) => r.statusCode === 429);
		expect(refused.length).toBeGreaterThan(0);
		expect(responses.every((r) => r.statusCode === 200 || r.statusCode === 429)).toBe(true);
		expect(refused[0].data['o:errorDetails'][0]['o:errorCode']).toBe('CONCURRENCY_LIMIT_EXCEEDED');
		expect(refused[0].headers['retry-after']).toBe('1');
		expect(sandbox.maxInFlight).toBe(5);
		expect(sandbox.concurrencyRejections).toBe(refused.length);
	});

	it('a client that stays within the limit is never refused', async () => {
		const responses = await fanOut(5);
		expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
		expect(sandbox.concurrencyRejections).toBe(0);
	});

	it('latency is configurable: POST /__admin/settings {latencyMs: 0} answers at once, and nothing overlaps', async () => {
		const setLatency = async (latencyMs: unknown) =>
			await fetch(`${baseUrl}/__admin/settings`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs }) });
		const before = await fetch(`${baseUrl}/__admin/settings`);
		expect(before.status).toBe(200);
		const { latencyMs: defaultLatency } = (await before.json()) as { latencyMs: number };
		expect(defaultLatency).toBeGreaterThan(0);
		try {
			expect(await (await setLatency(0)).json()).toEqual({ latencyMs: 0 });
			const responses = await fanOut(20);
			expect(responses.every((r) => r.statusCode === 200)).toBe(true);
			expect((await setLatency(-5)).status).toBe(400);
			expect(await (await fetch(`${baseUrl}/__admin/settings`)).json()).toEqual({ latencyMs: 0 });
		} finally {
			await setLatency(defaultLatency);
		}
	});
});

describe('record shapes are consistent', () => {
	it('a lookup record (subsidiary) renders references as {links, id, refName}, like every other record', async () => {
		const subsidiary = await send('record/v1/subsidiary/2');
		expect(subsidiary.statusCode).toBe(200);
		expect(subsidiary.data.currency).toEqual({ links: [{ rel: 'self', href: `${baseUrl}/services/rest/record/v1/currency/1` }], id: '1', refName: 'USD' });
		expect(subsidiary.data.parent).toEqual({
			links: [{ rel: 'self', href: `${baseUrl}/services/rest/record/v1/subsidiary/1` }],
			id: '1',
			refName: 'Meridian Advisory Group (Parent)',
		});
		const customer = await send(`record/v1/customer/${sandbox.store.all('customer')[0].id}`);
		expect(Object.keys(subsidiary.data.currency).sort()).toEqual(Object.keys(customer.data.subsidiary).sort());
		const account = await send('record/v1/account/54');
		expect(account.data.acctType).toEqual({ id: 'AcctRec', refName: 'Accounts Receivable' });
	});
});

describe('SuiteQL the sandbox does not support says so plainly', () => {
	it.each([
		['SELECT c.id, j.id FROM customer c JOIN job j ON j.parent = c.id', /JOIN/],
		['SELECT c.id FROM customer c, job j', /JOIN/],
		['SELECT BUILTIN.DF(subsidiary) FROM customer', /BUILTIN\.DF\(\)/],
		['SELECT COUNT(*) FROM customer', /aggregate functions \(COUNT\(\)\)/],
		['SELECT subsidiary FROM customer GROUP BY subsidiary', /GROUP BY/],
		['SELECT DISTINCT subsidiary FROM customer', /DISTINCT/],
		['SELECT id FROM customer WHERE id IN (SELECT parent FROM job)', /subqueries/],
		["SELECT id FROM customer WHERE UPPER(companyname) = 'ACME'", /UPPER\(\)/],
		['SELECT id FROM customer WHERE datecreated > SYSDATE', /SYSDATE/],
		['SELECT id FROM customer WHERE id BETWEEN 100 AND 200', /BETWEEN/],
		['SELECT id FROM customer ORDER BY id FETCH FIRST 5 ROWS ONLY', /FETCH FIRST/],
		["SELECT id FROM customer WHERE companyname || 'x' = 'ax'", /operators/],
	])('%s', async (q, feature) => {
		const response = await suiteql(q);
		expect(response.statusCode).toBe(400);
		const detail = response.data['o:errorDetails'][0];
		expect(detail).toMatchObject({ 'o:errorCode': 'INVALID_PARAMETER', 'o:errorQueryParam': 'q' });
		expect(detail.detail).toMatch(/^The NetSuite sandbox does not support .+ in SuiteQL\./);
		expect(detail.detail).toMatch(feature);
		expect(detail.detail).not.toMatch(/Search error occurred/);
	});

	it('a query NetSuite itself would refuse keeps NetSuite’s own wording', async () => {
		const response = await suiteql('SELECT nosuchcolumn FROM customer');
		expect(response.statusCode).toBe(400);
		expect(response.data['o:errorDetails'][0].detail).toMatch(/^Invalid search query\. .*Search error occurred: Field 'nosuchcolumn' for record 'customer' was not found/);
	});
});
