/**
 * The sandbox must refuse what NetSuite refuses. Auth checks are exercised with requests signed by the
 * independent oauth-1.0a library (not the node's signer), so they hold even if our signer is wrong.
 */
import axios from 'axios';
import type { AxiosResponse } from 'axios';
import { createHmac, createPrivateKey, sign } from 'crypto';
import OAuth from 'oauth-1.0a';

import {
	createNetSuiteSandbox,
	NETSUITE_SANDBOX_ACCOUNT_ID,
	NETSUITE_SANDBOX_M2M,
	NETSUITE_SANDBOX_PRIVATE_KEY,
	NETSUITE_SANDBOX_TBA,
	NETSUITE_SANDBOX_UNREGISTERED_PRIVATE_KEY,
} from '../../sandbox/netsuite';
import type { NetSuiteSandbox } from '../../sandbox/netsuite';
import { buildClientAssertion, tokenRequestBody } from '../../nodes/NetSuite/transport/m2m';

let now = Date.now();
let sandbox: NetSuiteSandbox;
let baseUrl: string;

beforeAll(async () => {
	sandbox = createNetSuiteSandbox({ nowMs: () => now, tokenLifetimeSeconds: 600 });
	baseUrl = await sandbox.start(0);
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
	now = Date.now();
	sandbox.reset();
});

interface SignOptions {
	realm?: string;
	consumerSecret?: string;
	tokenId?: string;
	tokenSecret?: string;
	timestamp?: number;
	nonce?: string;
	signedUrl?: string;
	signedMethod?: string;
}

/** Authorization header built by oauth-1.0a: the reference implementation, independent of our signer. */
function libraryHeader(method: string, url: string, o: SignOptions = {}): string {
	const oauth = new OAuth({
		consumer: { key: NETSUITE_SANDBOX_TBA.consumerKey, secret: o.consumerSecret ?? NETSUITE_SANDBOX_TBA.consumerSecret },
		signature_method: 'HMAC-SHA256',
		hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
		realm: o.realm ?? NETSUITE_SANDBOX_ACCOUNT_ID,
	});
	const data = {
		oauth_consumer_key: NETSUITE_SANDBOX_TBA.consumerKey,
		oauth_nonce: o.nonce ?? Math.random().toString(36).slice(2, 14),
		oauth_signature_method: 'HMAC-SHA256',
		oauth_timestamp: o.timestamp ?? Math.floor(now / 1000),
		oauth_token: o.tokenId ?? NETSUITE_SANDBOX_TBA.tokenId,
		oauth_version: '1.0',
	} as unknown as OAuth.Authorization;
	data.oauth_signature = oauth.getSignature(
		{ url: o.signedUrl ?? url, method: o.signedMethod ?? method, data: {} },
		o.tokenSecret ?? NETSUITE_SANDBOX_TBA.tokenSecret,
		data,
	);
	return oauth.toHeader(data).Authorization;
}

async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; sign?: SignOptions } = {}): Promise<AxiosResponse> {
	const url = `${baseUrl}${path}`;
	return await axios({
		method,
		url,
		data: options.body,
		headers: { Authorization: libraryHeader(method, url, options.sign), 'Content-Type': 'application/json', ...options.headers },
		validateStatus: () => true,
	});
}

const suiteql = (q: string, query = '', sign?: SignOptions) =>
	call('POST', `/services/rest/query/v1/suiteql${query}`, { body: { q }, headers: { Prefer: 'transient' }, sign });

function expectProblem(response: AxiosResponse, status: number, code: string) {
	expect(response.status).toBe(status);
	expect(response.data).toMatchObject({ status, 'o:errorDetails': [expect.objectContaining({ 'o:errorCode': code })] });
	expect(typeof response.data.type).toBe('string');
	expect(typeof response.data.title).toBe('string');
}

describe('TBA verification', () => {
	it('accepts a request the reference library signed', async () => {
		const response = await suiteql('SELECT id FROM subsidiary', '?limit=10&offset=0');
		expect(response.status).toBe(200);
		expect(sandbox.auth.failures).toEqual([]);
	});

	it.each<[string, SignOptions, string]>([
		['a wrong token secret', { tokenSecret: 'nope' }, 'bad signature'],
		['a wrong consumer secret', { consumerSecret: 'nope' }, 'bad signature'],
		['query parameters left out of the signature', { signedUrl: 'QUERYLESS' }, 'bad signature'],
		['another method signed', { signedMethod: 'GET' }, 'bad signature'],
		['the realm of another account', { realm: '7654321' }, 'wrong realm'],
		['the host form as realm', { realm: '1234567-sb1' }, 'wrong realm'],
		['an unknown token', { tokenId: 'someone-elses-token' }, 'unknown token'],
		['a timestamp ten minutes old', { timestamp: Math.floor(Date.now() / 1000) - 600 }, 'stale timestamp'],
	])('refuses %s with 401 INVALID_LOGIN', async (_name, sign, reason) => {
		const query = '?limit=10&offset=0';
		if (sign.signedUrl === 'QUERYLESS') sign = { ...sign, signedUrl: `${baseUrl}/services/rest/query/v1/suiteql` };
		const response = await suiteql('SELECT id FROM subsidiary', query, sign);
		expectProblem(response, 401, 'INVALID_LOGIN');
		expect(response.data['o:errorDetails'][0].detail).toMatch(/^Invalid login attempt/);
		expect(sandbox.auth.failures.map((f) => f.reason)).toEqual([reason]);
	});

	it('refuses a replayed nonce', async () => {
		const sign = { nonce: 'fixednonce123', timestamp: Math.floor(now / 1000) };
		expect((await call('GET', '/services/rest/record/v1/customer/104', { sign })).status).toBe(200);
		const replay = await call('GET', '/services/rest/record/v1/customer/104', { sign });
		expectProblem(replay, 401, 'INVALID_LOGIN');
		expect(sandbox.auth.failures.map((f) => f.reason)).toEqual(['replayed nonce']);
	});

	it('refuses a request without credentials', async () => {
		const response = await axios.get(`${baseUrl}/services/rest/record/v1/customer/104`, { validateStatus: () => true });
		expectProblem(response, 401, 'INVALID_LOGIN');
	});
});

describe('OAuth 2.0 client credentials (M2M)', () => {
	const tokenUrl = () => `${baseUrl}/services/rest/auth/oauth2/v1/token`;
	const exchange = async (assertion: string) =>
		await axios.post(tokenUrl(), tokenRequestBody(assertion), {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			validateStatus: () => true,
		});
	const assertion = (overrides: Partial<Parameters<typeof buildClientAssertion>[0]> = {}) =>
		buildClientAssertion({
			clientId: NETSUITE_SANDBOX_M2M.clientId,
			certificateId: NETSUITE_SANDBOX_M2M.certificateId,
			privateKeyPem: NETSUITE_SANDBOX_PRIVATE_KEY,
			tokenUrl: tokenUrl(),
			issuedAt: Math.floor(now / 1000),
			...overrides,
		});

	it('accepts our PS256 assertion (verified with jsonwebtoken) and the token opens the API until it expires', async () => {
		const [header, payload] = assertion().split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
		expect(header).toEqual({ typ: 'JWT', alg: 'PS256', kid: NETSUITE_SANDBOX_M2M.certificateId });
		expect(payload).toMatchObject({ iss: NETSUITE_SANDBOX_M2M.clientId, scope: 'rest_webservices', aud: tokenUrl() });
		expect(payload.exp - payload.iat).toBeLessThan(3600);

		const response = await exchange(assertion());
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ token_type: 'bearer', expires_in: '600', access_token: expect.any(String) });
		const bearer = { Authorization: `Bearer ${response.data.access_token}` };
		const ok = await axios.get(`${baseUrl}/services/rest/record/v1/employee/100`, { headers: bearer, validateStatus: () => true });
		expect(ok.status).toBe(200);
		now += 601_000;
		const expired = await axios.get(`${baseUrl}/services/rest/record/v1/employee/100`, { headers: bearer, validateStatus: () => true });
		expectProblem(expired, 401, 'INVALID_LOGIN');
		expect(sandbox.auth.failures.map((f) => f.reason)).toEqual(['expired bearer token']);
	});

	it.each<[string, () => string, string]>([
		['signed with an unregistered key', () => assertion({ privateKeyPem: NETSUITE_SANDBOX_UNREGISTERED_PRIVATE_KEY }), 'invalid_grant'],
		['for another audience', () => assertion({ tokenUrl: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token' }), 'invalid_grant'],
		['from another client', () => assertion({ clientId: 'intruder' }), 'invalid_grant'],
		['with an unknown certificate id', () => assertion({ certificateId: 'other-kid' }), 'invalid_client'],
		['without the rest_webservices scope', () => assertion({ scope: 'restlets' }), 'invalid_scope'],
		['issued two hours ago', () => assertion({ issuedAt: Math.floor(Date.now() / 1000) - 7200 }), 'invalid_grant'],
	])('refuses an assertion %s', async (_name, make, error) => {
		const response = await exchange(make());
		expect(response.status).toBe(400);
		expect(response.data.error).toBe(error);
	});

	it('refuses an RS256 assertion (NetSuite accepts PS256/384/512 and ES256/384/512 only)', async () => {
		const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
		const iat = Math.floor(now / 1000);
		const input = `${encode({ typ: 'JWT', alg: 'RS256', kid: NETSUITE_SANDBOX_M2M.certificateId })}.${encode({ iss: NETSUITE_SANDBOX_M2M.clientId, scope: 'rest_webservices', aud: tokenUrl(), iat, exp: iat + 600 })}`;
		const signature = sign('sha256', Buffer.from(input), createPrivateKey(NETSUITE_SANDBOX_PRIVATE_KEY)).toString('base64url');
		const response = await exchange(`${input}.${signature}`);
		expect(response.status).toBe(400);
		expect(response.data.error).toBe('invalid_grant');
	});
});

describe('record service', () => {
	it('creates with 204 and a Location naming the new internal id, and renders NetSuite shapes', async () => {
		const created = await call('POST', '/services/rest/record/v1/customer', { body: { companyName: 'Tyrell Corp', subsidiary: { id: '2' }, externalId: 'SF-T1' } });
		expect(created.status).toBe(204);
		expect(created.data).toBe('');
		const id = /\/services\/rest\/record\/v1\/customer\/(\d+)$/.exec(created.headers.location)?.[1];
		expect(id).toBeDefined();
		const record = (await call('GET', `/services/rest/record/v1/customer/${id}`)).data;
		expect(record).toMatchObject({
			links: [{ rel: 'self', href: `${baseUrl}/services/rest/record/v1/customer/${id}` }],
			id,
			externalId: 'SF-T1',
			companyName: 'Tyrell Corp',
			subsidiary: { id: '2', refName: 'Meridian Advisory US', links: [{ rel: 'self', href: `${baseUrl}/services/rest/record/v1/subsidiary/2` }] },
		});
		expect(record.lastModifiedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		expect((await call('GET', '/services/rest/record/v1/customer/eid:SF-T1')).data.id).toBe(id);
	});

	it('shows sublists as links unless expandSubResources is set', async () => {
		const invoiceId = sandbox.store.all('invoice')[0].id;
		const plain = (await call('GET', `/services/rest/record/v1/invoice/${invoiceId}`)).data;
		expect(plain.item).toEqual({ links: [{ rel: 'self', href: `${baseUrl}/services/rest/record/v1/invoice/${invoiceId}/item` }] });
		const expanded = (await call('GET', `/services/rest/record/v1/invoice/${invoiceId}?expandSubResources=true`)).data;
		expect(expanded.item).toMatchObject({ count: 2, hasMore: false, offset: 0, totalResults: 2 });
		expect(expanded.item.items[0]).toMatchObject({ line: 1, item: { id: '20', refName: 'PS-CONSULTING' }, quantity: 15.5, rate: 200, amount: 3100 });
	});

	it('upserts by external id: created once, updated after, both 204 with the same Location', async () => {
		const first = await call('PUT', '/services/rest/record/v1/customer/eid:SF-U1', { body: { companyName: 'Soylent', subsidiary: { id: '2' } } });
		const second = await call('PUT', '/services/rest/record/v1/customer/eid:SF-U1', { body: { companyName: 'Soylent Corp' } });
		expect([first.status, second.status]).toEqual([204, 204]);
		expect(second.headers.location).toBe(first.headers.location);
		const matches = sandbox.store.all('customer').filter((c) => c.fields.externalId === 'SF-U1');
		expect(matches.map((c) => c.fields.companyName)).toEqual(['Soylent Corp']);
		const internal = await call('PUT', '/services/rest/record/v1/customer/104', { body: { companyName: 'x' } });
		expectProblem(internal, 400, 'INVALID_ID');
	});

	it.each<[string, string, object, string, string]>([
		['a missing required field', 'customer', { companyName: 'No Subsidiary' }, 'USER_ERROR', 'subsidiary'],
		['a reference to nothing', 'job', { companyName: 'P', parent: { id: '99999' } }, 'INVALID_CONTENT', 'parent'],
		['a reference to the wrong record type', 'job', { companyName: 'P', parent: { id: '100' } }, 'INVALID_CONTENT', 'parent'],
		['a bad line reference', 'invoice', { entity: { id: '104' }, item: { items: [{ item: { id: '9999' } }] } }, 'INVALID_CONTENT', 'item.items[0].item'],
		['a line without its item', 'invoice', { entity: { id: '104' }, item: { items: [{ quantity: 1 }] } }, 'USER_ERROR', 'item.items[0].item'],
		['an unbalanced journal', 'journalEntry', { subsidiary: { id: '2' }, line: { items: [{ account: { id: '54' }, debit: 10 }, { account: { id: '305' }, credit: 9.99 }] } }, 'USER_ERROR', 'line'],
		['a date in the wrong format', 'timeBill', { employee: { id: '100' }, tranDate: '01/15/2026', hours: '1' }, 'INVALID_CONTENT', 'tranDate'],
	])('refuses %s with problem+json naming the field', async (_name, type, body, code, path) => {
		const before = sandbox.store.all(type).length;
		const response = await call('POST', `/services/rest/record/v1/${type}`, { body });
		expectProblem(response, 400, code);
		expect(response.data['o:errorDetails'][0]['o:errorPath']).toBe(path);
		expect(sandbox.store.all(type)).toHaveLength(before);
	});

	it('refuses unknown fields with NONEXISTENT_FIELD when property-name validation is Error, drops them otherwise', async () => {
		const strict = await call('POST', '/services/rest/record/v1/customer', {
			body: { companyName: 'Strict', subsidiary: { id: '2' }, favouriteColour: 'teal' },
			headers: { 'X-NetSuite-PropertyNameValidation': 'Error' },
		});
		expectProblem(strict, 400, 'NONEXISTENT_FIELD');
		expect(strict.data['o:errorDetails'][0]['o:errorPath']).toBe('favouriteColour');
		const lenient = await call('POST', '/services/rest/record/v1/customer', { body: { companyName: 'Lenient', subsidiary: { id: '2' }, favouriteColour: 'teal' } });
		expect(lenient.status).toBe(204);
	});

	it('honours X-NetSuite-Idempotency-Key: a repeat creates nothing and points at the first record', async () => {
		const headers = { 'X-NetSuite-Idempotency-Key': '0b1c2d3e-4f50-4a6b-9c8d-7e6f5a4b3c2d' };
		const body = { companyName: 'Once Only', subsidiary: { id: '2' } };
		const first = await call('POST', '/services/rest/record/v1/customer', { body, headers });
		const again = await call('POST', '/services/rest/record/v1/customer', { body, headers });
		expect(first.status).toBe(204);
		expectProblem(again, 400, 'IDEMPOTENCY_ERROR');
		expect(again.headers.location).toBe(first.headers.location);
		expect(sandbox.store.all('customer').filter((c) => c.fields.companyName === 'Once Only')).toHaveLength(1);
	});

	it('answers 404 NONEXISTENT_ID for a record that does not exist', async () => {
		expectProblem(await call('GET', '/services/rest/record/v1/customer/424242'), 404, 'NONEXISTENT_ID');
		expectProblem(await call('DELETE', '/services/rest/record/v1/job/424242'), 404, 'NONEXISTENT_ID');
	});
});

describe('SuiteQL', () => {
	it('pages with links, count, hasMore, offset and totalResults', async () => {
		const total = sandbox.store.all('customer').length;
		const seen: string[] = [];
		let offset = 0;
		let pages = 0;
		for (;;) {
			const response = await suiteql('SELECT id, companyname FROM customer ORDER BY id', `?limit=2&offset=${offset}`);
			expect(response.status).toBe(200);
			const page = response.data;
			expect(Object.keys(page).sort()).toEqual(['count', 'hasMore', 'items', 'links', 'offset', 'totalResults']);
			expect(page).toMatchObject({ offset, totalResults: total, count: page.items.length });
			expect(page.items.every((row: Record<string, unknown>) => Array.isArray(row.links))).toBe(true);
			seen.push(...page.items.map((row: Record<string, string>) => row.id));
			pages++;
			const next = page.links.find((l: { rel: string }) => l.rel === 'next');
			expect(Boolean(next)).toBe(page.hasMore);
			if (!page.hasMore) break;
			expect(next.href).toBe(`${baseUrl}/services/rest/query/v1/suiteql?limit=2&offset=${offset + 2}`);
			offset += 2;
		}
		expect(pages).toBeGreaterThanOrEqual(3);
		expect(seen).toEqual(sandbox.store.all('customer').map((c) => c.id));
	});

	it.each([
		['?limit=1001&offset=0', 'limit'],
		['?limit=0', 'limit'],
		['?limit=10&offset=5', 'offset'],
		['?limit=abc', 'limit'],
	])('enforces NetSuite paging rules: %s', async (query, parameter) => {
		const response = await suiteql('SELECT id FROM customer', query);
		expectProblem(response, 400, 'INVALID_PARAMETER');
		expect(response.data['o:errorDetails'][0]['o:errorQueryParam']).toBe(parameter);
	});

	it('needs Prefer: transient', async () => {
		const response = await call('POST', '/services/rest/query/v1/suiteql', { body: { q: 'SELECT id FROM customer' } });
		expectProblem(response, 400, 'INVALID_HEADER');
	});

	it('evaluates WHERE with =, <>, <, >, LIKE (with ESCAPE), IN, IS NULL, AND/OR and ORDER BY on NetSuite column names', async () => {
		const ids = async (q: string) => ((await suiteql(q)).data.items as Array<Record<string, string>>).map((row) => row.id);
		const customers = sandbox.store.all('customer');
		const uk = customers.filter((c) => (c.fields.subsidiary as { id: string }).id === '3').map((c) => c.id);
		expect(await ids("SELECT customer.id FROM customer WHERE customer.subsidiary = '3' ORDER BY customer.id")).toEqual(uk);
		expect(await ids("SELECT id FROM customer WHERE subsidiary <> '3' AND subsidiary IN ('2', '9')")).toEqual(customers.filter((c) => !uk.includes(c.id)).map((c) => c.id));
		expect(await ids("SELECT id FROM customer WHERE companyname LIKE 'O''Brien%'")).toHaveLength(1);
		expect(await ids("SELECT id FROM customer WHERE companyname LIKE '100\\%%' ESCAPE '\\'")).toEqual([]);
		expect(await ids('SELECT id FROM customer WHERE id > 104 AND id < 107')).toEqual(['105', '106']);
		expect(await ids('SELECT id FROM customer ORDER BY id DESC')).toEqual(customers.map((c) => c.id).reverse());
		const jobs = sandbox.store.all('job');
		expect(await ids(`SELECT id FROM job WHERE parent = ${(jobs[0].fields.parent as { id: string }).id} OR projectedenddate IS NULL ORDER BY id`)).toEqual(
			jobs.filter((j, i) => i === 0 || j.fields.projectedEndDate === undefined).map((j) => j.id),
		);
		const rows = (await suiteql("SELECT id, hours, isbillable FROM timebill WHERE hours >= 7.5 ORDER BY id")).data.items;
		expect(rows.map((r: Record<string, unknown>) => [r.hours, r.isbillable])).toEqual([['7.5', 'T'], ['8', 'T']]);
	});

	it.each([
		["SELECT id FROM customer WHERE nosuchcolumn = '1'", /Field 'nosuchcolumn' for record 'customer' was not found/],
		['SELECT id FROM nosuchtable', /Record 'nosuchtable' was not found/],
		['DELETE FROM customer', /Expected SELECT/],
		["SELECT id FROM customer WHERE companyname = 'unterminated", /Unterminated/],
	])('refuses %s with INVALID_PARAMETER on q', async (q, message) => {
		const response = await suiteql(q);
		expectProblem(response, 400, 'INVALID_PARAMETER');
		expect(response.data['o:errorDetails'][0].detail).toMatch(message);
	});
});

describe('account concurrency', () => {
	it('answers 429 CONCURRENCY_LIMIT_EXCEEDED with Retry-After once the limit is in flight', async () => {
		const slow = createNetSuiteSandbox({ concurrencyLimit: 2, latencyMs: 100 });
		const slowUrl = await slow.start(0);
		try {
			const responses = await Promise.all(
				Array.from({ length: 5 }, () => {
					const url = `${slowUrl}/services/rest/record/v1/customer/104`;
					return axios.get(url, { headers: { Authorization: libraryHeader('GET', url) }, validateStatus: () => true });
				}),
			);
			expect(responses.filter((r) => r.status === 200)).toHaveLength(2);
			const refused = responses.filter((r) => r.status === 429);
			expect(refused).toHaveLength(3);
			expectProblem(refused[0], 429, 'CONCURRENCY_LIMIT_EXCEEDED');
			expect(refused[0].headers['retry-after']).toBe('1');
			expect(slow.maxInFlight).toBe(2);
		} finally {
			await slow.stop();
		}
	});
});
