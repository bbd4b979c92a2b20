/**
 * The Oracle sandbox over plain HTTP, as any client meets it: framework version 1 reads q as query by example and
 * refuses an expression; version 4 answers problem details; fields with expand is refused; batches are all or
 * none with only the failing parts returned; If-Match; the identity domain refuses a forged assertion.
 */
import { generateKeyPairSync } from 'crypto';

import { buildUserAssertion } from '../../nodes/OracleFusion/transport/auth';
import { createOracleFusionSandbox, ORACLE_SANDBOX_CLIENT_ID, ORACLE_SANDBOX_CLIENT_SECRET, ORACLE_SANDBOX_SCOPE, ORACLE_SANDBOX_USER, oracleSandboxCredentials } from '../../sandbox/oracleFusion';
import type { OracleFusionSandbox } from '../../sandbox/oracleFusion';

let sandbox: OracleFusionSandbox;
let base = '';
beforeAll(async () => {
	sandbox = createOracleFusionSandbox({ latencyMs: 0 });
	base = await sandbox.start(0);
});
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

const auth = () => {
	const { username, password } = oracleSandboxCredentials(base);
	return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
};
const call = async (path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; version?: string | null } = {}) => {
	const headers: Record<string, string> = { Authorization: auth(), ...(init.version === null ? {} : { 'REST-Framework-Version': init.version ?? '4' }), ...(init.headers ?? {}) };
	if (init.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
	const response = await fetch(`${base}/fscmRestApi/resources/11.13.18.05${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
	const text = await response.text();
	let body: any = text;
	try {
		body = JSON.parse(text);
	} catch {
		// plain text error
	}
	return { status: response.status, headers: response.headers, body };
};

describe('Oracle sandbox', () => {
	it('framework version 1 (no header) reads q as query by example and refuses an expression in plain text', async () => {
		const qbe = await call(`/projects?q=${encodeURIComponent('ProjectNumber=SF-006A000101')}`, { version: null });
		expect(qbe.status).toBe(200);
		expect(qbe.body.items.map((p: any) => p.ProjectNumber)).toEqual(['SF-006A000101']);
		const expression = await call(`/projects?q=${encodeURIComponent("ProjectNumber = 'SF-006A000101'")}`, { version: null });
		expect(expression.status).toBe(400);
		expect(typeof expression.body).toBe('string');
		const v4 = await call(`/projects?q=${encodeURIComponent("ProjectNumber = 'SF-006A000101' or ProjectStatusCode = 'X'")}`);
		expect(v4.body.items).toHaveLength(1);
	});

	it('answers problem details from version 4, naming the attribute in o:errorPath', async () => {
		const refused = await call('/projectBillingEvents', { method: 'POST', body: { ContractNumber: 'NOPE', ContractLineNumber: '1', EventTypeName: 'Milestone', BillTrnsAmount: 1, BillTrnsCurrencyCode: 'USD', CompletionDate: '2026-01-01' } });
		expect(refused.status).toBe(400);
		expect(refused.body['o:errorDetails'][0]).toMatchObject({ 'o:errorCode': 'PJB_INVALID_CONTRACT', 'o:errorPath': '/projectBillingEvents/ContractNumber' });
	});

	it('pages with limit / offset / hasMore and refuses fields with expand', async () => {
		const first = await call('/projects?limit=1&onlyData=true');
		expect(first.body).toMatchObject({ count: 1, hasMore: true, limit: 1, offset: 0 });
		const last = await call('/projects?limit=1&offset=1&onlyData=true&totalResults=true');
		expect(last.body).toMatchObject({ count: 1, hasMore: false, totalResults: 2 });
		expect((await call('/projects?fields=ProjectId&expand=Tasks')).status).toBe(400);
	});

	it('runs a batch all or none: one bad part leaves nothing written and only that part comes back', async () => {
		const parts = [
			{ id: 'a', path: '/projectBillingEvents', operation: 'create', payload: { ContractNumber: 'CON-1001', ContractLineNumber: '1', EventTypeName: 'Milestone', BillTrnsAmount: 5, BillTrnsCurrencyCode: 'USD', CompletionDate: '2026-01-01' } },
			{ id: 'b', path: '/projectBillingEvents', operation: 'create', payload: { ContractNumber: 'CON-1001', ContractLineNumber: '9', EventTypeName: 'Milestone', BillTrnsAmount: 5, BillTrnsCurrencyCode: 'USD', CompletionDate: '2026-01-01' } },
		];
		const refused = await call('', { method: 'POST', headers: { 'Content-Type': 'application/vnd.oracle.adf.batch+json' }, body: { parts } });
		expect(refused.status).toBe(400);
		expect(refused.body.parts.map((p: any) => p.id)).toEqual(['b']);
		expect(refused.body.parts[0].exception['o:errorDetails'][0]['o:errorCode']).toBe('PJB_INVALID_CONTRACT_LINE');
		expect(sandbox.store.all('projectBillingEvents')).toHaveLength(0);
		const accepted = await call('', { method: 'POST', headers: { 'Content-Type': 'application/vnd.oracle.adf.batch+json' }, body: { parts: [parts[0]] } });
		expect(accepted.status).toBe(200);
		expect(accepted.body.parts[0]).toMatchObject({ id: 'a', payload: { BillTrnsAmount: 5, ContractNumber: 'CON-1001' } });
		expect(sandbox.store.all('projectBillingEvents')).toHaveLength(1);
	});

	it('keeps ETags through a refused batch and refuses a stale If-Match with 412', async () => {
		const project = sandbox.store.all('projects')[0];
		const read = await call(`/projects/${String(project.ProjectId)}`);
		const etag = read.headers.get('etag')!;
		await call('', { method: 'POST', headers: { 'Content-Type': 'application/vnd.oracle.adf.batch+json' }, body: { parts: [{ id: 'x', path: '/projects/1', operation: 'update', payload: {} }] } });
		expect((await call(`/projects/${String(project.ProjectId)}`)).headers.get('etag')).toBe(etag);
		expect((await call(`/projects/${String(project.ProjectId)}`, { method: 'PATCH', headers: { 'If-Match': etag }, body: { ProjectDescription: 'one' } })).status).toBe(200);
		expect((await call(`/projects/${String(project.ProjectId)}`, { method: 'PATCH', headers: { 'If-Match': etag }, body: { ProjectDescription: 'two' } })).status).toBe(412);
	});

	it('the identity domain refuses an assertion signed by a key it does not trust', async () => {
		const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const assertion = buildUserAssertion({ identityDomainUrl: base, grantType: 'jwtAssertion', clientId: ORACLE_SANDBOX_CLIENT_ID, clientSecret: '', scope: '', username: ORACLE_SANDBOX_USER, privateKey: stranger });
		const response = await fetch(`${base}/oauth2/v1/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from(`${ORACLE_SANDBOX_CLIENT_ID}:${ORACLE_SANDBOX_CLIENT_SECRET}`).toString('base64')}` },
			body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion, scope: ORACLE_SANDBOX_SCOPE }).toString(),
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: 'invalid_grant', error_description: 'The assertion signature is invalid.' });
	});
});
