/**
 * The Coupa transport's pure parts: filter parameters (names checked, values untouched), fields, Coupa's error
 * bodies reduced to code, message and fields, and the kit's token bucket that holds 25 requests per second with
 * a burst of 20.
 */
import { reserveToken, withRateLimit, resetRateLimits } from '../../nodes/shared/kit/rateLimiter';
import { COUPA_LIMIT, COUPA_RATE_LIMIT, fieldsParameter, filterParameter, filterQuery, parseCoupaError } from '../../nodes/Coupa/transport';

describe('Coupa filters', () => {
	it('builds attribute[operator] names and keeps the value as it is', () => {
		expect(filterParameter({ attribute: 'updated-at', operator: 'gt_or_eq', value: '2026-01-01T00:00:00.000Z' })).toEqual(['updated-at[gt_or_eq]', '2026-01-01T00:00:00.000Z']);
		expect(filterParameter({ attribute: 'supplier[name]', operator: 'contains', value: 'a&b=c' })).toEqual(['supplier[name][contains]', 'a&b=c']);
		expect(filterParameter({ attribute: 'status', operator: 'eq', value: 'approved' })).toEqual(['status', 'approved']);
	});

	it.each([['status]&exported'], ['a b'], ['status=approved'], ['[x]'], [''], ['limit'], ['return-object'], ['offset']])('refuses %j as an attribute, naming the field', (attribute) => {
		expect(() => filterParameter({ attribute, operator: 'eq', value: 'x' }, 'conditions')).toThrow(/conditions/);
	});

	it('refuses an unknown operator and a parameter given twice', () => {
		expect(() => filterParameter({ attribute: 'status', operator: 'like' as never, value: 'x' })).toThrow(/not a Coupa filter operator/);
		expect(() => filterQuery([{ attribute: 'status', operator: 'eq', value: 'a' }, { attribute: 'status', operator: 'eq', value: 'b' }])).toThrow(/given twice/);
	});

	it('accepts fields as a JSON list or names, and refuses anything else', () => {
		expect(fieldsParameter('["id",{"invoice-lines":["id","total"]}]')).toBe('["id",{"invoice-lines":["id","total"]}]');
		expect(fieldsParameter('id, invoice-number')).toBe('["id","invoice-number"]');
		expect(fieldsParameter('')).toBeUndefined();
		expect(() => fieldsParameter('["id"')).toThrow(/fields/);
		expect(() => fieldsParameter('["id]&x=1"]')).toThrow(/fields/);
	});
});

describe('Coupa error bodies', () => {
	it('keeps the attribute and message of a validation error', () => {
		expect(parseCoupaError({ errors: { 'invoice-number': ['has already been used for this supplier'] } })).toEqual({ code: 'invalid_record', message: 'invoice-number has already been used for this supplier', fields: ['invoice-number'] });
	});

	it('reads base errors, lists, OAuth errors and the XML form', () => {
		expect(parseCoupaError({ errors: { base: ['Rate limit exceeded'] } })).toEqual({ code: 'errors', message: 'base Rate limit exceeded', fields: [] });
		expect(parseCoupaError({ errors: ['Not allowed'] })).toEqual({ code: 'errors', message: 'Not allowed', fields: [] });
		expect(parseCoupaError({ error: 'insufficient_scope', error_description: 'needs core.invoice.write' })).toEqual({ code: 'insufficient_scope', message: 'needs core.invoice.write', fields: [] });
		expect(parseCoupaError('<?xml version="1.0"?><errors><error>Invoice # is invalid</error></errors>')).toEqual({ code: 'errors', message: 'Invoice # is invalid', fields: [] });
		expect(parseCoupaError({ id: 1 })).toBeUndefined();
		expect(parseCoupaError('<html>proxy</html>')).toBeUndefined();
	});
});

describe('token bucket (kit rateLimiter)', () => {
	it('lets the burst go at once, then one request per refill interval', () => {
		const bucket = { tokens: COUPA_LIMIT.burst, updatedMs: 0 };
		const waits = Array.from({ length: 25 }, () => reserveToken(bucket, COUPA_LIMIT, 0));
		expect(waits.slice(0, 20)).toEqual(Array(20).fill(0));
		// 25 per second: the 21st waits 40 ms, the 25th 200 ms.
		expect(waits.slice(20)).toEqual([40, 80, 120, 160, 200]);
	});

	it('refills with time, never above the burst', () => {
		const bucket = { tokens: 0, updatedMs: 0 };
		expect(reserveToken(bucket, COUPA_LIMIT, 40)).toBe(0);
		expect(reserveToken(bucket, COUPA_LIMIT, 10_000_000)).toBe(0);
		expect(bucket.tokens).toBe(COUPA_LIMIT.burst - 1);
		// The node keeps one request of Coupa's burst back, at Coupa's rate.
		expect(COUPA_RATE_LIMIT).toEqual({ perSecond: 25, burst: 19 });
	});

	it('holds 30 calls to burst then rate: the last starts about 400 ms after the first', async () => {
		resetRateLimits();
		const started: number[] = [];
		const t0 = Date.now();
		await Promise.all(Array.from({ length: 30 }, async () => await withRateLimit('test:bucket', COUPA_LIMIT, async () => started.push(Date.now() - t0))));
		started.sort((a, b) => a - b);
		expect(started[19]).toBeLessThan(100);
		expect(started[29]).toBeGreaterThanOrEqual(390);
		expect(started[29]).toBeLessThan(1_500);
	});
});
