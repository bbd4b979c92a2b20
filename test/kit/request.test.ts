import { SandboxServer } from '../../sandbox/core/server';
import { runWorkflow, shutdownN8nCore } from '../helpers/harness';
import { KitProbe, ProbeApi } from './probe';
import { startNodeEmitting } from './trigger-items';

/** A tiny vendor: GET /items echoes, POST /items appends, everything behind a bearer token. */
function probeVendor() {
	let rows: unknown[] = [];
	const server = new SandboxServer({ name: 'probe', reset: () => (rows = []), snapshot: () => ({ rows }) });
	const authorised = (headers: Record<string, string>) => headers.authorization === 'Bearer secret-token';
	server
		.route('GET', '/items', (req) =>
			authorised(req.headers)
				? { status: 200, body: { rows, correlation: req.headers['x-correlation-id'] } }
				: { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] },
		)
		.route('POST', '/items', (req) => {
			if (!authorised(req.headers)) return { status: 401, body: [{ errorCode: 'INVALID_SESSION_ID', message: 'no' }] };
			const body = req.body as { name?: string };
			if (!body?.name) return { status: 400, body: [{ message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }] };
			rows.push(body);
			return { status: 201, body: { id: String(rows.length), success: true } };
		});
	return server;
}

function workflowFor(requests: object[], continueOnFail = false) {
	return {
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-planning-to-cash.startItems', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
			{
				id: '2',
				name: 'Requests',
				type: 'n8n-nodes-planning-to-cash.kitProbe',
				typeVersion: 1,
				position: [200, 0] as [number, number],
				parameters: {},
				credentials: { probeApi: { id: 'p1', name: 'Probe' } },
				continueOnFail,
			},
		],
		connections: { Start: { main: [[{ node: 'Requests', type: 'main' as const, index: 0 }]] } },
		requests,
	};
}

describe('kit vendorRequest through n8n-core HTTP helpers', () => {
	const server = probeVendor();
	let baseUrl = '';

	beforeAll(async () => {
		baseUrl = await server.start();
	});
	beforeEach(() => server.reset());
	afterAll(async () => {
		await server.stop();
		await shutdownN8nCore();
	});

	async function run(requests: object[], continueOnFail = false) {
		const wf = workflowFor(requests, continueOnFail);
		return await runWorkflow(wf, {
			credentials: { probeApi: { baseUrl, token: 'secret-token' } },
			extraTypes: { nodes: [new KitProbe(), startNodeEmitting(requests)], credentials: [new ProbeApi()] },
			startNode: 'Start',
		});
	}

	it('retries a 429 after the Retry-After delay and then succeeds', async () => {
		server.addFault({ kind: 'status', method: 'GET', path: '^/items$', status: 429, headers: { 'Retry-After': '1' }, body: [{ errorCode: 'TOO_MANY', message: 'slow down' }] });
		const started = Date.now();
		const result = await run([{ method: 'GET', path: '/items' }]);
		expect(result.error).toBeUndefined();
		const [out] = result.output('Requests');
		expect(out.attempts).toBe(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
	});

	it('treats 403 REQUEST_LIMIT_EXCEEDED as a throttle and retries it, POST included', async () => {
		server.addFault({ kind: 'status', method: 'POST', status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], times: 2 });
		const result = await run([{ method: 'POST', path: '/items', body: { name: 'Acme' } }]);
		expect(result.output('Requests')[0].attempts).toBe(3);
		expect((server.options.snapshot() as { rows: unknown[] }).rows).toHaveLength(1);
	});

	it('gives up after maxAttempts and keeps the vendor code in the error', async () => {
		server.addFault({ kind: 'status', method: 'GET', status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], times: 10 });
		const result = await run([{ method: 'GET', path: '/items', maxAttempts: 3 }], true);
		const [out] = result.output('Requests');
		expect(out.code).toBe('REQUEST_LIMIT_EXCEEDED');
		expect(out.error).toContain('TotalRequests Limit exceeded');
		expect(server.requests).toHaveLength(3);
	});

	it('does not resend a POST whose response was lost after the write committed', async () => {
		server.addFault({ kind: 'lostResponse', method: 'POST' });
		const result = await run([{ method: 'POST', path: '/items', body: { name: 'Acme' } }], true);
		expect(result.output('Requests')[0].error).toBeDefined();
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect((server.options.snapshot() as { rows: unknown[] }).rows).toHaveLength(1);
	});

	it('resends an idempotent request whose response was lost', async () => {
		server.addFault({ kind: 'reset', method: 'GET' });
		const result = await run([{ method: 'GET', path: '/items' }]);
		expect(result.output('Requests')[0].attempts).toBe(2);
	});

	it('maps a vendor error to one error item naming the field, and keeps the other items', async () => {
		const result = await run(
			[
				{ method: 'POST', path: '/items', body: { name: 'Acme' } },
				{ method: 'POST', path: '/items', body: {} },
			],
			true,
		);
		const out = result.output('Requests');
		expect(out).toHaveLength(2);
		expect(out[0].statusCode).toBe(201);
		expect(out[1]).toMatchObject({ code: 'REQUIRED_FIELD_MISSING', fields: ['Name'] });
		expect(out[1].error).toContain('field: Name');
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
	});

	it('sends the correlation id header and carries it on the output item', async () => {
		const result = await run([{ method: 'GET', path: '/items', correlationId: 'corr-123' }]);
		const [out] = result.output('Requests');
		expect(out.correlationId).toBe('corr-123');
		expect((out.body as { correlation: string }).correlation).toBe('corr-123');
	});

	it('refuses to wait for a Retry-After beyond the policy and says how long was asked', async () => {
		server.addFault({ kind: 'status', method: 'GET', status: 429, headers: { 'Retry-After': '3600' }, body: [{ errorCode: 'TOO_MANY', message: 'later' }] });
		const result = await run([{ method: 'GET', path: '/items' }], true);
		expect(server.requests).toHaveLength(1);
		expect(result.output('Requests')[0].error).toContain('TOO_MANY');
	});
});
