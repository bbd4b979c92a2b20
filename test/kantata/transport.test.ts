/** The Kantata profile on the kit: error bodies, the throttle signal, and the envelope read in `results` order. */
import { decideRetry, DEFAULT_RETRY_POLICY } from '../../nodes/shared/kit';
import { KANTATA_PROFILE, parseKantataError, recordsOf } from '../../nodes/Kantata/transport';

describe('Kantata transport', () => {
	it('reads Kantata error bodies: type as code, messages joined, fields named', () => {
		expect(parseKantataError({ errors: [{ type: 'validation', message: "Title can't be blank", field: 'title' }, { type: 'validation', message: 'Due date is invalid', field: 'due_date' }] })).toEqual({
			code: 'validation',
			message: "Title can't be blank | Due date is invalid",
			fields: ['title', 'due_date'],
		});
		expect(parseKantataError({ errors: [{ type: 'oauth', message: 'Invalid OAuth 2 Request' }] })).toEqual({ code: 'oauth', message: 'Invalid OAuth 2 Request', fields: [] });
		expect(parseKantataError('<html>502 Bad Gateway</html>')).toBeUndefined();
		expect(parseKantataError({ message: 'not Kantata' })).toBeUndefined();
	});

	it('a 429 is resent after a jittered backoff even for a POST; a lost POST answer is not', () => {
		const throttled = decideRetry({ status: 429, headers: {}, body: { errors: [{ type: 'system', message: 'Rate limit exceeded' }] }, message: '' }, undefined, KANTATA_PROFILE, false, 1, { ...DEFAULT_RETRY_POLICY, ...KANTATA_PROFILE.retry });
		expect(throttled).toEqual({ retry: true, waitMs: expect.any(Number) });
		expect((throttled as { waitMs: number }).waitMs).toBeLessThanOrEqual(1_000);
		const lost = decideRetry({ networkCode: 'ECONNRESET', headers: {}, body: undefined, message: 'socket hang up' }, undefined, KANTATA_PROFILE, false, 1, DEFAULT_RETRY_POLICY);
		expect(lost).toMatchObject({ retry: false, why: expect.stringMatching(/^not idempotent/) });
		const validation = decideRetry({ status: 422, headers: {}, body: {}, message: '' }, { code: 'validation', message: 'x', fields: [] }, KANTATA_PROFILE, true, 1, DEFAULT_RETRY_POLICY);
		expect(validation).toMatchObject({ retry: false });
	});

	it('iterates results, never the hash, and attaches included records to the record that references them', () => {
		const page = {
			count: 2,
			results: [
				{ key: 'time_entries', id: '20' },
				{ key: 'time_entries', id: '3' },
			],
			time_entries: { '3': { id: '3', user_id: '7' }, '20': { id: '20', user_id: '8' } },
			users: { '7': { id: '7', full_name: 'Seven' }, '8': { id: '8', full_name: 'Eight' } },
			meta: { count: 2, page_count: 1, page_number: 1, page_size: 20 },
		};
		expect(recordsOf(page).map((r) => r.id)).toEqual(['20', '3']);
		const [first] = recordsOf(page, ['users']);
		expect(first.included).toEqual({ users: [{ id: '8', full_name: 'Eight' }] });
	});
});
