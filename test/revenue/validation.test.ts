import fc from 'fast-check';

import { computeRevenueSchedule } from '../../lib/revenue';
import { contract } from './helpers';

const codes = (input: unknown, options = {}) => computeRevenueSchedule(input, options).errors;

describe('input validation never throws and names the field', () => {
	it('names the path of a bad pattern end date', () => {
		const errors = codes(contract({
			obligations: [
				{ id: 'A', ssp: '1', pattern: { type: 'pointInTime', date: '2025-01-10' } },
				{ id: 'B', ssp: '1', pattern: { type: 'straightLine', start: '2025-05-01', end: '2025-04-30', convention: 'exactDays' } },
			],
		}));
		expect(errors).toEqual([{ code: 'INVALID_PATTERN', message: expect.stringMatching(/^obligations\[1\]\.pattern\.end: 2025-04-30 is before the start 2025-05-01/) }]);
	});

	it.each([
		[{ currency: 'XYZ' }, 'UNKNOWN_CURRENCY', /^currency: 'XYZ'/],
		[{ transactionPrice: '12.345' }, 'INVALID_AMOUNT', /^transactionPrice: '12\.345' has 3 decimal places but USD has 2/],
		[{ transactionPrice: '1e3' }, 'INVALID_AMOUNT', /^transactionPrice: .*no exponent/],
		[{ currency: undefined }, 'INVALID_INPUT', /^currency: Required/],
		[{ calendar: { type: 'week' } }, 'INVALID_INPUT', /^calendar\.type:/],
		[{ calendar: { type: 'month', fiscalYearStart: '07-01' } }, 'INVALID_CALENDAR', /^calendar\.fiscalYearStart:/],
		[{ calendar: { type: 'fiscal445', fiscalYearStart: '02-29' } }, 'INVALID_DATE', /^calendar\.fiscalYearStart:/],
		[{ obligations: [] }, 'INVALID_INPUT', /^obligations:/],
		[{ obligations: [{ id: 'A', ssp: '1', pattern: { type: 'pointInTime', date: '2025-02-30' } }] }, 'INVALID_DATE', /^obligations\[0\]\.pattern\.date: '2025-02-30'/],
		[{ obligations: [{ id: 'A', ssp: '1', pattern: { type: 'weekly' } }] }, 'INVALID_INPUT', /^obligations\[0\]\.pattern\.type:/],
		[{ obligations: [{ id: 'A', ssp: '1', pattern: { type: 'pointInTime', date: '2025-01-01' } }, { id: 'A', ssp: '1', pattern: { type: 'pointInTime', date: '2025-01-01' } }] }, 'DUPLICATE_ID', /^obligations\[1\]\.id:/],
		[{ obligations: [{ id: 'A', ssp: '1', pattern: { type: 'milestones', milestones: [{ id: 'm', date: '2025-01-01', percent: 60 }, { id: 'n', date: '2025-02-01', percent: 50 }] } }] }, 'INVALID_PATTERN', /^obligations\[0\]\.pattern\.milestones: percents add up to 110/],
		[{ obligations: [{ id: 'A', ssp: '1', pattern: { type: 'percentComplete', measure: 'cost', progress: [{ periodEnd: '2025-01-31', cumulativeActual: 1, estimatedTotal: 0 }] } }] }, 'INVALID_PATTERN', /^obligations\[0\]\.pattern\.progress\[0\]\.estimatedTotal/],
		[{ modifications: [{ id: 'm', date: '2025-02-01', treatment: 'prospective', priceChange: '0', changes: [{ obligationId: 'nope' }] }] }, 'UNKNOWN_OBLIGATION', /^modifications\[0\]\.changes\[0\]\.obligationId/],
		[{ billings: [{ date: '2025-01-01', amount: 'ten' }] }, 'INVALID_AMOUNT', /^billings\[0\]\.amount/],
		[{ closedThrough: '31/03/2025' }, 'INVALID_DATE', /^closedThrough/],
		[{ allocation: { method: 'residual', residualObligationId: 'Q' } }, 'UNKNOWN_OBLIGATION', /^allocation\.residualObligationId/],
	])('%j → %s', (override, code, message) => {
		const errors = codes(contract(override as Record<string, unknown>));
		expect(errors.length).toBeGreaterThan(0);
		expect(errors[0].code).toBe(code);
		expect(errors[0].message).toMatch(message);
	});

	it('rejects a bad as-of date and non-object input', () => {
		expect(codes(contract(), { asOf: '2025-13-01' })[0]).toEqual({ code: 'INVALID_DATE', message: expect.stringMatching(/^asOf:/) });
		for (const input of [null, undefined, 42, 'contract', [contract()]]) {
			expect(codes(input)[0].code).toBe('INVALID_INPUT');
		}
	});

	it('never throws, whatever it is given (property)', () => {
		fc.assert(
			fc.property(fc.anything(), (input) => {
				const result = computeRevenueSchedule(input);
				expect(result.errors.length).toBeGreaterThan(0);
			}),
			{ numRuns: 300 },
		);
	});

	it('never throws for a valid contract with one field broken (property)', () => {
		const keys = ['contractId', 'currency', 'transactionPrice', 'allocation', 'calendar', 'obligations', 'billings', 'closedThrough', 'modifications', 'variableConsideration'];
		fc.assert(
			fc.property(fc.constantFrom(...keys), fc.anything(), (key, value) => {
				expect(() => computeRevenueSchedule(contract({ [key]: value }))).not.toThrow();
			}),
			{ numRuns: 300 },
		);
	});
});
