/**
 * The sandbox core's incident log, which the demo's summary reads to say which faults the story survived: every
 * injected fault taken and every 429 answered, labelled with whoever was running, kept across `reset()` (scenarios
 * reset sandboxes; the summary still needs what happened before).
 */
import { SandboxServer } from '../../sandbox/core/server';

describe('sandbox core incident log', () => {
	it('records faults taken and throttling answers with their label, and keeps them across reset', async () => {
		let throttle = false;
		const sandbox = new SandboxServer({ name: 'incidents', reset: () => undefined, snapshot: () => ({}) });
		sandbox.route('POST', '/things', () => (throttle ? { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'slow down' } } : { status: 201, body: { ok: true } }));
		await sandbox.start();
		try {
			const post = async () => await fetch(`${sandbox.baseUrl}/things`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }).catch(() => undefined);
			await post();
			expect(sandbox.incidents).toEqual([]);
			sandbox.incidentLabel = 'story step';
			sandbox.addFault({ kind: 'status', status: 503, method: 'POST', path: '^/things$' });
			sandbox.addFault({ kind: 'lostResponse', method: 'POST', path: '^/things$' });
			expect((await post())?.status).toBe(503);
			expect(await post()).toBeUndefined();
			throttle = true;
			expect((await post())?.status).toBe(429);
			sandbox.reset();
			expect(sandbox.requests).toEqual([]);
			expect(sandbox.incidents).toEqual([
				{ kind: 'status', method: 'POST', path: '/things', label: 'story step' },
				{ kind: 'lostResponse', method: 'POST', path: '/things', label: 'story step' },
				{ kind: 'throttled', method: 'POST', path: '/things', label: 'story step' },
			]);
		} finally {
			await sandbox.stop();
		}
	});
});
