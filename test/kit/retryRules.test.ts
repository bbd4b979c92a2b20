/** The kit's retry rules (issue 8, item 11): explicit throttle signals only, and an overall time budget. */
import { decideRetry, DEFAULT_RETRY_POLICY, tokenErrorReason } from '../../nodes/shared/kit';
import type { HttpFailure, VendorError, VendorProfile } from '../../nodes/shared/kit';
import { isNetSuiteThrottle, NETSUITE_PROFILE } from '../../nodes/NetSuite/transport';
import { isSalesforceThrottle, SALESFORCE_PROFILE } from '../../nodes/Salesforce/transport';

const failure = (status: number, body: unknown = '', headers: Record<string, string> = {}): HttpFailure => ({ status, headers, body, message: `HTTP ${status}` });
const vendorError = (code: string): VendorError => ({ code, message: code, fields: [] });
/** A careless profile that calls every 503 a throttle: the kit must still not resend an anonymous one. */
const careless: VendorProfile = { name: 'Careless', parseError: () => undefined, isThrottle: (f) => f.status === 503 || f.status === 429 };
const policy = { ...DEFAULT_RETRY_POLICY };

describe('throttle signals', () => {
	it('never treats a 5xx without the vendor error body as a throttle, whatever the profile says', () => {
		expect(decideRetry(failure(503), undefined, careless, false, 1, policy)).toEqual({ retry: false, why: 'not idempotent: the write may have been committed' });
		expect(decideRetry(failure(503, '<html>busy</html>'), undefined, careless, false, 1, policy)).toMatchObject({ retry: false });
		// Idempotent requests are still resent after a lost answer.
		expect(decideRetry(failure(503), undefined, careless, true, 1, policy)).toMatchObject({ retry: true });
		// An explicit 429 stays a throttle, POST included.
		expect(decideRetry(failure(429), undefined, careless, false, 1, policy)).toMatchObject({ retry: true });
	});

	it('Salesforce: only SERVER_UNAVAILABLE in its own error body makes a 503 a throttle', () => {
		const headers = {};
		expect(isSalesforceThrottle({ status: 503, headers, body: '', message: '' }, undefined)).toBe(false);
		expect(isSalesforceThrottle({ status: 503, headers, body: '', message: '' }, vendorError('SERVER_UNAVAILABLE'))).toBe(true);
		const html = failure(503, '<html><h1>Service Unavailable</h1></html>');
		expect(decideRetry(html, SALESFORCE_PROFILE.parseError(html.body), SALESFORCE_PROFILE, false, 1, policy)).toMatchObject({ retry: false });
		const gatewayJson = failure(503, { message: 'Service Unavailable' });
		expect(SALESFORCE_PROFILE.parseError(gatewayJson.body)).toBeUndefined();
		expect(decideRetry(gatewayJson, undefined, SALESFORCE_PROFILE, false, 1, policy)).toMatchObject({ retry: false });
	});

	it('NetSuite: 429 and its governance codes, nothing else', () => {
		expect(isNetSuiteThrottle(failure(429), undefined)).toBe(true);
		expect(isNetSuiteThrottle(failure(400), vendorError('SSS_REQUEST_LIMIT_EXCEEDED'))).toBe(true);
		expect(decideRetry(failure(502, ''), undefined, NETSUITE_PROFILE, false, 1, policy)).toMatchObject({ retry: false });
	});
});

describe('retry time budget', () => {
	const limit = failure(429, '', { 'retry-after': '50' });

	it('retries while the wait ends within the budget, then stops and says why', () => {
		expect(decideRetry(limit, undefined, careless, false, 1, policy, 0)).toEqual({ retry: true, waitMs: 50_000 });
		expect(decideRetry(limit, undefined, careless, false, 2, policy, 70_000)).toEqual({ retry: true, waitMs: 50_000 });
		expect(decideRetry(limit, undefined, careless, false, 3, policy, 100_001)).toEqual({
			retry: false,
			why: 'the next wait of 50 s would pass the retry budget of 120 s for one request',
			limited: 'time',
		});
	});

	it('defaults to 120 s; a tighter budget stops sooner', () => {
		expect(DEFAULT_RETRY_POLICY.maxTotalMs).toBe(120_000);
		const tight = { ...policy, maxTotalMs: 30_000 };
		expect(decideRetry(limit, undefined, careless, false, 1, tight, 0)).toMatchObject({ retry: false, limited: 'time' });
	});

	it('attempts and non-retryable errors are reported as before', () => {
		expect(decideRetry(failure(400), undefined, careless, true, 1, policy)).toEqual({ retry: false, why: 'not a retryable error' });
		expect(decideRetry(failure(429), undefined, careless, true, 5, policy)).toEqual({ retry: false, why: 'gave up after 5 attempts', limited: 'attempts' });
	});
});

describe('token error reasons', () => {
	it('keeps error and error_description, redacts secrets, and says when there is no OAuth error', () => {
		expect(tokenErrorReason(400, { error: 'invalid_client', error_description: 'Invalid client credentials' })).toBe('HTTP 400 invalid_client: Invalid client credentials');
		expect(tokenErrorReason(401, '{"error":"invalid_grant"}')).toBe('HTTP 401 invalid_grant');
		expect(tokenErrorReason(400, { error: 'invalid_grant', error_description: 'bad assertion eyJhbGciOi.payload.sig' }, ['eyJhbGciOi.payload.sig'])).toBe(
			'HTTP 400 invalid_grant: bad assertion [redacted]',
		);
		expect(tokenErrorReason(502, '<html>Bad Gateway</html>')).toMatch(/^HTTP 502: the answer has no OAuth error/);
		expect(tokenErrorReason(200, { token_type: 'Bearer' })).toBe('HTTP 200: the answer carries no usable token');
		expect(tokenErrorReason(400, { error: 'x', error_description: 'y'.repeat(2000) }).length).toBeLessThanOrEqual(501);
	});
});
