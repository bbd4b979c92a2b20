import { contract, run } from './helpers';

/** Every schedule line's amount is stated in the trace next to its period, so each number is explained. */
function everyLineExplained(result: ReturnType<typeof run>) {
	const unexplained = result.schedule.filter((line) => !result.trace.some((step) => step.includes(line.period) && step.includes(line.amount)));
	expect(unexplained).toEqual([]);
}

describe('trace', () => {
	it('explains the allocation and every line of a straight-line schedule', () => {
		const result = run(contract({
			transactionPrice: '1000',
			obligations: [
				{ id: 'A', ssp: '700', pattern: { type: 'straightLine', start: '2025-01-15', end: '2025-04-14', convention: 'exactDays' } },
				{ id: 'B', ssp: '300', pattern: { type: 'straightLine', start: '2025-01-15', end: '2025-12-14', convention: 'prorateFirstLast' } },
			],
			billings: [{ date: '2025-01-15', amount: '500' }],
		}));
		everyLineExplained(result);
		expect(result.trace).toContain('  A: 1000.00 × SSP 700.00 / 1000.00 = 700.00 → 700.00');
		expect(result.trace.some((step) => /2025-01 recognition: exactDays over 2025-01-15\.\.2025-04-14: 700\.00 × 17\/90 days = 132\.222222… → 132\.22/.test(step))).toBe(true);
		expect(result.trace.some((step) => step.startsWith('  2025-01: revenue'))).toBe(true);
	});

	it('explains catch-ups, including a catch-up merged from a modification and a revised estimate (Example 8)', () => {
		const pattern = (points: Array<[string, string, string]>) => ({
			type: 'percentComplete', measure: 'cost', percentPrecision: 1,
			progress: points.map(([periodEnd, cumulativeActual, estimatedTotal]) => ({ periodEnd, cumulativeActual, estimatedTotal })),
		});
		const result = run(contract({
			transactionPrice: '1000000',
			calendar: { type: 'year' },
			obligations: [{ id: 'building', ssp: '1', pattern: pattern([['2025-12-31', '420000', '700000']]) }],
			modifications: [{ id: 'm', date: '2026-02-15', treatment: 'cumulativeCatchUp', priceChange: '350000', changes: [{ obligationId: 'building', pattern: pattern([['2025-12-31', '420000', '700000'], ['2026-12-31', '420000', '820000']]) }] }],
		}));
		everyLineExplained(result);
		expect(result.trace.some((step) => step.includes('the 2026 catch-up line is 91200.00'))).toBe(true);
	});
});
