import { amounts, contract, linesOf, run, total } from './helpers';

const straight = (start: string, end: string, convention: string) => ({ type: 'straightLine', start, end, convention });
const one = (pattern: unknown, extra: Record<string, unknown> = {}) => contract({ obligations: [{ id: 'A', ssp: '1', pattern }], ...extra });

describe('straightLine (inclusive dates)', () => {
	it('exactDays: amount × days in the period / term days (NetSuite "using exact days"; 1000.00 over 2025-01-15..04-14 = 90 days)', () => {
		const result = run(one(straight('2025-01-15', '2025-04-14', 'exactDays')));
		// 17, 28, 31 and 14 days of 90: 188.888…, 311.111…, 344.444…, 155.555…; the two leftover cents go to the largest remainders.
		expect(amounts(result, 'A')).toEqual(['188.89', '311.11', '344.44', '155.56']);
		expect(linesOf(result, 'A').map((line) => line.period)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
		expect(linesOf(result, 'A').map((line) => line.cumulative)).toEqual(['188.89', '500.00', '844.44', '1000.00']);
		expect(linesOf(result, 'A')[0]).toMatchObject({ periodStart: '2025-01-01', periodEnd: '2025-01-31', kind: 'recognition' });
	});

	it('evenPeriods: every touched period gets an equal share (NetSuite "by even periods": Jan 15..Jan 14 touches 13 months)', () => {
		const result = run(one(straight('2025-01-15', '2026-01-14', 'evenPeriods'), { transactionPrice: '1300' }));
		expect(amounts(result, 'A')).toEqual(Array(13).fill('100.00'));
	});

	it('prorateFirstLast: first/last by days (half-up), middle equal, the rounding difference on the next-to-last period (NetSuite convention)', () => {
		// 1200.00 over 2025-01-15..2025-12-14 = 334 days: Jan 17 days → 61.08, Dec 14 days → 50.30,
		// rest 1088.62 over 10 months → 108.86 each, November takes 1088.62 − 9 × 108.86 = 108.88.
		const result = run(one(straight('2025-01-15', '2025-12-14', 'prorateFirstLast'), { transactionPrice: '1200' }));
		expect(amounts(result, 'A')).toEqual(['61.08', ...Array(9).fill('108.86'), '108.88', '50.30']);
	});

	it('periodRate: each period weighs its days in the term / days in the period (NetSuite "prorate first & last (period-rate)")', () => {
		// Weights 17/31, 1, 1, 14/30 → 181.88302…, 331.66904…, 331.66904…, 154.77888…; the floors leave three cents,
		// which go to the largest remainders in cents: Feb (.904), Mar (.904), Apr (.889); January's .302 gets none.
		const result = run(one(straight('2025-01-15', '2025-04-14', 'periodRate')));
		expect(amounts(result, 'A')).toEqual(['181.88', '331.67', '331.67', '154.78']);
	});

	it('leap year: February 2024 has 29 of 366 days', () => {
		const result = run(one(straight('2024-01-01', '2024-12-31', 'exactDays'), { transactionPrice: '366' }));
		expect(amounts(result, 'A')).toEqual(['31.00', '29.00', '31.00', '30.00', '31.00', '30.00', '31.00', '31.00', '30.00', '31.00', '30.00', '31.00']);
	});

	it('a term starting on Feb 29 runs to Feb 28 of the next year: 366 days, 13 months', () => {
		const result = run(one(straight('2024-02-29', '2025-02-28', 'exactDays'), { transactionPrice: '366' }));
		const lines = linesOf(result, 'A');
		expect(lines).toHaveLength(13);
		expect(lines[0]).toMatchObject({ period: '2024-02', amount: '1.00' });
		expect(lines[12]).toMatchObject({ period: '2025-02', amount: '28.00', periodEnd: '2025-02-28' });
	});

	it('a term starting Jan 31 counts 1 January day, then all of February', () => {
		const result = run(one(straight('2025-01-31', '2025-03-30', 'exactDays'), { transactionPrice: '59' }));
		expect(amounts(result, 'A')).toEqual(['1.00', '28.00', '30.00']);
	});

	it('JPY has no minor unit: 1,000,000 over Jan–Mar 2025 (31/28/31 days), tie between January and March goes to January', () => {
		const result = run(one(straight('2025-01-01', '2025-03-31', 'exactDays'), { currency: 'JPY', transactionPrice: '1000000' }));
		expect(amounts(result, 'A')).toEqual(['344445', '311111', '344444']);
	});

	it('KWD has three decimals: 1000.000 over three even periods', () => {
		const result = run(one(straight('2025-01-01', '2025-03-31', 'evenPeriods'), { currency: 'KWD', transactionPrice: '1000' }));
		expect(amounts(result, 'A')).toEqual(['333.334', '333.333', '333.333']);
	});
});

describe('rounding modes across period lines (100.00 over three even months)', () => {
	const threeMonths = (rounding: string) => run(one(straight('2025-01-01', '2025-03-31', 'evenPeriods'), { transactionPrice: '100', rounding }));

	it('largestRemainder (default): floors, leftover cent to the earliest of the tied remainders', () => {
		expect(amounts(threeMonths('largestRemainder'), 'A')).toEqual(['33.34', '33.33', '33.33']);
	});

	it('lastPeriodPlug: each half-up, the last line takes the difference (ERPNext / Odoo force_balance convention)', () => {
		expect(amounts(threeMonths('lastPeriodPlug'), 'A')).toEqual(['33.33', '33.33', '33.34']);
	});

	it('cumulative: the running total is rounded (33.33, 66.67, 100.00)', () => {
		expect(amounts(threeMonths('cumulative'), 'A')).toEqual(['33.33', '33.34', '33.33']);
	});
});

describe('pointInTime, milestones, percentComplete, asInvoiced', () => {
	it('pointInTime recognises everything in the period of the date', () => {
		const result = run(one({ type: 'pointInTime', date: '2025-06-30' }, { calendar: { type: 'quarter' } }));
		expect(linesOf(result, 'A')).toEqual([expect.objectContaining({ period: '2025-Q2', amount: '1000.00', periodStart: '2025-04-01', periodEnd: '2025-06-30' })]);
	});

	it('milestones by percent: each milestone recognises its share in its period', () => {
		const result = run(one({ type: 'milestones', milestones: [{ id: 'design', date: '2025-02-10', percent: 30 }, { id: 'golive', date: '2025-05-20', percent: '70' }] }));
		expect(linesOf(result, 'A').map((line) => [line.period, line.amount])).toEqual([['2025-02', '300.00'], ['2025-05', '700.00']]);
	});

	it('milestones by amount are scaled to the allocation when it differs from their sum', () => {
		const result = run(contract({
			transactionPrice: '900',
			obligations: [
				{ id: 'A', ssp: '1000', pattern: { type: 'milestones', milestones: [{ id: 'm1', date: '2025-01-10', amount: '250' }, { id: 'm2', date: '2025-03-10', amount: '750' }] } },
				{ id: 'B', ssp: '500', pattern: { type: 'pointInTime', date: '2025-01-10' } },
			],
		}));
		expect(result.allocations[0].allocated).toBe('600.00');
		expect(amounts(result, 'A')).toEqual(['150.00', '450.00']);
	});

	it('percentComplete: cumulative = allocated × actual / estimate; a revised estimate is a catch-up in its period (input method, ASC 606-10-55-20)', () => {
		// 900,000 by hours: 100/400 = 25% → 225,000; estimate revised to 500: earlier progress 20% → catch-up −45,000,
		// progress 300/500 = 60% → 360,000 more; then 500/500 → the last 360,000.
		const result = run(one({
			type: 'percentComplete',
			measure: 'hours',
			progress: [
				{ periodEnd: '2025-12-31', cumulativeActual: 100, estimatedTotal: 400 },
				{ periodEnd: '2026-12-31', cumulativeActual: 300, estimatedTotal: 500 },
				{ periodEnd: '2027-12-31', cumulativeActual: 500, estimatedTotal: 500 },
			],
		}, { transactionPrice: '900000', calendar: { type: 'year' } }));
		expect(linesOf(result, 'A').map((line) => [line.period, line.kind, line.amount])).toEqual([
			['2025', 'recognition', '225000.00'],
			['2026', 'recognition', '360000.00'],
			['2026', 'reversal', '-45000.00'],
			['2027', 'recognition', '360000.00'],
		]);
		expect(total(amounts(result, 'A'))).toBe(90000000n);
	});

	it('percentComplete caps progress at 100% and warns while not fully scheduled', () => {
		const result = run(one({ type: 'percentComplete', measure: 'cost', progress: [{ periodEnd: '2025-03-31', cumulativeActual: '40', estimatedTotal: '100' }] }));
		expect(amounts(result, 'A')).toEqual(['400.00']);
		expect(result.warnings).toEqual([expect.objectContaining({ code: 'NOT_FULLY_SCHEDULED' })]);
		const over = run(one({ type: 'percentComplete', measure: 'cost', progress: [{ periodEnd: '2025-03-31', cumulativeActual: '140', estimatedTotal: '100' }] }));
		expect(amounts(over, 'A')).toEqual(['1000.00']);
	});

	it('asInvoiced: revenue is the invoiced amount in the period of the invoice (right to invoice, ASC 606-10-55-18)', () => {
		const result = run(contract({
			transactionPrice: '750',
			allocation: { method: 'specified' },
			obligations: [{ id: 'TM', specifiedAmount: '750', pattern: { type: 'asInvoiced', invoices: [{ date: '2025-01-20', amount: '500' }, { date: '2025-03-05', amount: '250.00' }] } }],
		}));
		expect(linesOf(result, 'TM').map((line) => [line.period, line.amount])).toEqual([['2025-01', '500.00'], ['2025-03', '250.00']]);
	});
});
