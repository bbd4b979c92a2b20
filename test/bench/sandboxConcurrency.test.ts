/**
 * The sandbox core's concurrency limit (`maxConcurrentRequests`), which the posting benchmark sets on the ERP
 * sandboxes that have no slot accounting of their own: requests over the limit are refused in the vendor's shape
 * and never reach the handler, the peak in flight never passes the limit, and the limit is off by default.
 */
import { SandboxServer } from '../../sandbox/core/server';

function server(options: { refusal?: boolean; latencyMs?: number } = {}): { sandbox: SandboxServer; handled: () => number } {
	let handled = 0;
	const sandbox = new SandboxServer({
		name: 'limited',
		latencyMs: options.latencyMs ?? 40,
		reset: () => undefined,
		snapshot: () => ({}),
		...(options.refusal ? { concurrencyRefusal: () => ({ status: 429, headers: { 'Content-Type': 'text/plain' }, body: 'Too Many Requests' }) } : {}),
	});
	sandbox.route('POST', '/things', () => {
		handled++;
		return { status: 201, body: { ok: true } };
	});
	return { sandbox, handled: () => handled };
}

async function fire(baseUrl: string, count: number): Promise<Response[]> {
	return await Promise.all(Array.from({ length: count }, () => fetch(`${baseUrl}/things`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })));
}

async function settings(baseUrl: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${baseUrl}/__admin/settings`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('sandbox core concurrency limit', () => {
	it('is off by default: every parallel request is handled', async () => {
		const { sandbox, handled } = server();
		await sandbox.start();
		try {
			const answers = await fire(sandbox.baseUrl, 12);
			expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
			expect(handled()).toBe(12);
			expect(sandbox.concurrency).toEqual({ maxConcurrentRequests: null, maxInFlight: 0, concurrencyRejections: 0 });
		} finally {
			await sandbox.stop();
		}
	});

	it('refuses requests over the limit with 429 (or the vendor shape) before the handler, and counts them', async () => {
		// The first three hold their slots for 1.5 s, so the other seven arrive while they are in flight even on a
		// loaded machine (at 40 ms, parallel jest suites spread the ten arrivals past the first answers).
		const { sandbox, handled } = server({ refusal: true, latencyMs: 1500 });
		await sandbox.start();
		try {
			const set = await settings(sandbox.baseUrl, { maxConcurrentRequests: 3 });
			expect(set).toEqual({ status: 200, body: { latencyMs: 1500, maxConcurrentRequests: 3, maxInFlight: 0, concurrencyRejections: 0 } });
			const answers = await fire(sandbox.baseUrl, 10);
			const refused = answers.filter((a) => a.status === 429);
			expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
			expect(refused).toHaveLength(7);
			expect(await refused[0].text()).toBe('Too Many Requests');
			expect(handled()).toBe(3);
			expect(sandbox.concurrency).toEqual({ maxConcurrentRequests: 3, maxInFlight: 3, concurrencyRejections: 7 });
			// Requests one after another never meet the limit.
			await settings(sandbox.baseUrl, { latencyMs: 40 });
			for (let i = 0; i < 4; i++) expect((await fire(sandbox.baseUrl, 1))[0].status).toBe(201);
			sandbox.reset();
			expect(sandbox.concurrency).toEqual({ maxConcurrentRequests: 3, maxInFlight: 0, concurrencyRejections: 0 });
		} finally {
			await sandbox.stop();
		}
	});

	it('defaults to 429 with Retry-After, is lifted with null, and refuses a bad value', async () => {
		const { sandbox } = server({ latencyMs: 1500 });
		await sandbox.start();
		try {
			sandbox.setConcurrencyLimit(1);
			const answers = await fire(sandbox.baseUrl, 2);
			await settings(sandbox.baseUrl, { latencyMs: 40 });
			const refused = answers.find((a) => a.status === 429)!;
			expect(refused.headers.get('retry-after')).toBe('1');
			expect((await settings(sandbox.baseUrl, { maxConcurrentRequests: 0 })).status).toBe(400);
			expect((await settings(sandbox.baseUrl, { maxConcurrentRequests: null })).body.maxConcurrentRequests).toBeNull();
			expect((await fire(sandbox.baseUrl, 5)).every((a) => a.status === 201)).toBe(true);
		} finally {
			await sandbox.stop();
		}
	});
});
