/**
 * The revenue benchmark's contracts (scripts/bench/revenue.ts), shared with the test that keeps the engine's
 * output on them identical (test/revenue/outputDigests.test.ts): three straight-line obligations over 36 months,
 * each convention in turn, relative SSP, two billings.
 */
export function benchContract(i: number): Record<string, unknown> {
	const startMonth = (i % 12) + 1;
	const startDay = (i % 28) + 1;
	const start = `2025-${String(startMonth).padStart(2, '0')}-${String(startDay).padStart(2, '0')}`;
	// 36 months later, minus one day (inclusive end), so each straight line touches 36 or 37 monthly periods.
	const end = `2028-${String(startMonth).padStart(2, '0')}-${String(startDay).padStart(2, '0')}`;
	const conventions = ['exactDays', 'periodRate', 'prorateFirstLast', 'evenPeriods'];
	return {
		contractId: `C-${i}`,
		currency: 'USD',
		transactionPrice: `${100000 + (i % 997) * 13}.${String(i % 100).padStart(2, '0')}`,
		allocation: { method: 'relativeSsp' },
		calendar: { type: 'month' },
		obligations: [0, 1, 2].map((k) => ({
			id: `PO-${k}`,
			ssp: `${30000 + k * 7919 + (i % 101)}.37`,
			pattern: { type: 'straightLine', start, end, convention: conventions[(i + k) % conventions.length] },
		})),
		billings: [{ date: start, amount: '25000.00' }, { date: '2026-06-30', amount: '25000.00' }],
	};
}
