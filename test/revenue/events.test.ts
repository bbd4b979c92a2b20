import { amounts, contract, linesOf, run, total } from './helpers';

const monthly = { type: 'straightLine', start: '2025-01-01', end: '2025-12-31', convention: 'evenPeriods' };
const pct = (progress: Array<[string, string, string]>) => ({
	type: 'percentComplete',
	measure: 'cost',
	percentPrecision: 1,
	progress: progress.map(([periodEnd, cumulativeActual, estimatedTotal]) => ({ periodEnd, cumulativeActual, estimatedTotal })),
});

/** ASC 606-10-55-129..133 / IFRS 15 IE37–IE41 (Example 8): building, 1,000,000 + 200,000 constrained bonus. */
function example8(percentPrecision?: number) {
	const pattern = (points: Array<[string, string, string]>) => ({ ...pct(points), percentPrecision });
	return contract({
		contractId: 'EX8',
		transactionPrice: '1000000',
		calendar: { type: 'year' },
		variableConsideration: [{ id: 'bonus', amount: '200000', method: 'mostLikely', constrained: true, constraintLiftedOn: '2026-02-15' }],
		obligations: [{ id: 'building', ssp: '1000000', pattern: pattern([['2025-12-31', '420000', '700000']]) }],
		modifications: [{
			id: 'floorPlan',
			date: '2026-02-15',
			treatment: 'cumulativeCatchUp',
			priceChange: '150000',
			changes: [{ obligationId: 'building', pattern: pattern([['2025-12-31', '420000', '700000'], ['2026-12-31', '420000', '820000']]) }],
		}],
	});
}

describe('variable consideration', () => {
	const withBonus = (vc: Record<string, unknown>, extra: Record<string, unknown> = {}) => contract({
		transactionPrice: '1200',
		obligations: [{ id: 'A', ssp: '1', pattern: monthly }],
		variableConsideration: [{ id: 'bonus', amount: '300', method: 'expectedValue', ...vc }],
		...extra,
	});

	it('a constrained amount stays out until constraintLiftedOn; then the catch-up for progress to date lands in that period (ASC 606-10-32-11/32-14)', () => {
		const result = run(withBonus({ constrained: true, constraintLiftedOn: '2025-04-10' }));
		const lines = linesOf(result, 'A');
		expect(lines.slice(0, 3).map((line) => line.amount)).toEqual(['100.00', '100.00', '100.00']);
		// Progress is measured through 2025-04-09 (9 of April's 30 days). Recognised: 300 + 100 × 9/30 = 330.00; the new
		// plan (1500 / 12 = 125 a month) had 375 + 125 × 9/30 = 412.50 → catch-up 82.50. April's recognition line is
		// the old plan's 30.00 before the 10th + the new plan's 125 × 21/30 = 87.50 from the 10th = 117.50.
		expect(lines.filter((line) => line.period === '2025-04').map((line) => [line.kind, line.amount])).toEqual([['recognition', '117.50'], ['catchUp', '82.50']]);
		expect(lines.slice(-1)[0]).toMatchObject({ period: '2025-12', amount: '125.00', cumulative: '1500.00' });
		expect(result.transactionPrice).toBe('1500.00');
		expect(result.allocations[0].allocated).toBe('1500.00');
	});

	it('a lost outcome after recognition reverses: negative period revenue with a warning', () => {
		const result = run(withBonus({ constrained: false, outcome: 'lost', outcomeDate: '2025-07-15' }));
		const july = linesOf(result, 'A').filter((line) => line.period === '2025-07');
		// Through 2025-07-14: 750 + 125 × 14/31 = 806.45 recognised; the plan without the bonus had 600 + 100 × 14/31 =
		// 645.16 → reversal 161.29. July's recognition: 56.45 before the 15th + 100 × 17/31 = 54.84 from it = 111.29.
		expect(july.map((line) => [line.kind, line.amount])).toEqual([['recognition', '111.29'], ['reversal', '-161.29']]);
		expect(result.warnings.map((warning) => warning.code).sort()).toEqual(['NEGATIVE_REVENUE', 'VARIABLE_CONSIDERATION_REVERSED']);
		expect(total(amounts(result, 'A'))).toBe(120000n);
		expect(result.periods.find((period) => period.period === '2025-07')?.revenue).toBe('-50.00');
	});

	it('an earned outcome of a constrained amount is included on the outcome date', () => {
		const result = run(withBonus({ constrained: true, outcome: 'earned', outcomeDate: '2025-12-20' }));
		const december = linesOf(result, 'A').filter((line) => line.period === '2025-12');
		// Through 2025-12-19: recognised 1100 + 100 × 19/31 = 1161.29; new plan 1375 + 125 × 19/31 = 1451.61 → 290.32.
		// December's recognition: 61.29 before the 20th + 125 × 12/31 = 48.39 from it = 109.68.
		expect(december.map((line) => [line.kind, line.amount])).toEqual([['recognition', '109.68'], ['catchUp', '290.32']]);
	});

	it('a lost outcome of an amount that was never included changes nothing', () => {
		const result = run(withBonus({ constrained: true, outcome: 'lost', outcomeDate: '2025-06-01' }));
		expect(amounts(result, 'A')).toEqual(Array(12).fill('100.00'));
		expect(result.warnings).toEqual([]);
	});
});

describe('contract modifications (ASC 606-10-25-12/13)', () => {
	it('cumulativeCatchUp reproduces Example 8: 51.2% × 1,350,000 − 600,000 = 91,200 catch-up (ASC 606-10-55-133)', () => {
		const result = run(example8(1));
		expect(linesOf(result, 'building').map((line) => [line.period, line.kind, line.amount])).toEqual([
			['2025', 'recognition', '600000.00'],
			['2026', 'recognition', '0.00'],
			['2026', 'catchUp', '91200.00'],
		]);
		expect(result.transactionPrice).toBe('1350000.00');
	});

	it('Example 8 with exact progress (no percentPrecision): 1,350,000 × 420/820 − 600,000 = 91,463.41', () => {
		const result = run(example8());
		const catchUp = linesOf(result, 'building').find((line) => line.kind === 'catchUp');
		expect(catchUp?.amount).toBe('91463.41');
		expect(result.trace.join('\n')).toMatch(/cumulative catch-up in 2026/);
	});

	it('prospective reproduces Example 7: (100,000 unrecognised − 20,000 + 200,000) over the remaining 4 years = 70,000 a year (ASC 606-10-55-125)', () => {
		const result = run(contract({
			contractId: 'EX7',
			transactionPrice: '300000',
			calendar: { type: 'year' },
			obligations: [{ id: 'services', ssp: '100000', pattern: { type: 'straightLine', start: '2025-01-01', end: '2027-12-31', convention: 'evenPeriods' } }],
			modifications: [{
				id: 'extend',
				date: '2027-01-01',
				treatment: 'prospective',
				priceChange: '180000',
				changes: [{ obligationId: 'services', pattern: { type: 'straightLine', start: '2025-01-01', end: '2030-12-31', convention: 'evenPeriods' } }],
			}],
		}));
		expect(linesOf(result, 'services').map((line) => [line.period, line.amount])).toEqual([
			['2025', '100000.00'], ['2026', '100000.00'], ['2027', '70000.00'], ['2028', '70000.00'], ['2029', '70000.00'], ['2030', '70000.00'],
		]);
		expect(result.allocations[0].allocated).toBe('480000.00');
		expect(result.trace.join('\n')).toMatch(/Unrecognised consideration 100000\.00 .* \+ price change 180000\.00 = 280000\.00/);
	});

	it('prospective with an added obligation allocates the pool by SSP and leaves recognised periods alone (Example 5 Case B pattern)', () => {
		const base = {
			transactionPrice: '1200',
			obligations: [{ id: 'A', ssp: '1200', pattern: monthly }],
		};
		const before = run(contract(base));
		const result = run(contract({
			...base,
			modifications: [{
				id: 'addB', date: '2025-07-01', treatment: 'prospective', priceChange: '300',
				addObligations: [{ id: 'B', ssp: '600', pattern: { type: 'straightLine', start: '2025-07-01', end: '2025-12-31', convention: 'evenPeriods' } }],
			}],
		}));
		expect(amounts(result, 'A').slice(0, 6)).toEqual(amounts(before, 'A').slice(0, 6));
		// Pool: 600 unrecognised + 300 = 900; SSPs A 1200 / B 600 → A 600, B 300, over July–December.
		expect(amounts(result, 'A').slice(6)).toEqual(Array(6).fill('100.00'));
		expect(amounts(result, 'B')).toEqual(Array(6).fill('50.00'));
		expect(result.allocations.map((allocation) => allocation.allocated)).toEqual(['1200.00', '300.00']);
	});

	it('separateContract: a new contract beside the original, which is unchanged (ASC 606-10-25-12; Example 5 Case A)', () => {
		const original = {
			contractId: 'EX5',
			transactionPrice: '12000',
			obligations: [{ id: 'products', ssp: '12000', pattern: { type: 'milestones', milestones: [{ id: 'first60', date: '2025-03-31', percent: 50 }, { id: 'next60', date: '2025-06-30', percent: 50 }] } }],
		};
		const unchanged = run(contract(original));
		const result = run(contract({
			...original,
			modifications: [{
				id: 'extra30', date: '2025-04-15', treatment: 'separateContract', priceChange: '2850',
				addObligations: [{ id: 'products30', ssp: '2850', pattern: { type: 'pointInTime', date: '2025-07-31' } }],
			}],
		}));
		expect(result.schedule).toEqual(unchanged.schedule);
		expect(result.separateContracts).toHaveLength(1);
		const separate = result.separateContracts![0];
		expect(separate.contractId).toBe('EX5/extra30');
		expect(separate.allocations).toEqual([{ obligationId: 'products30', ssp: '2850.00', allocated: '2850.00' }]);
		expect(separate.schedule.map((line) => [line.period, line.amount])).toEqual([['2025-07', '2850.00']]);
	});

	it('removing an obligation keeps what it recognised and re-allocates the rest (cumulativeCatchUp)', () => {
		const result = run(contract({
			transactionPrice: '1200',
			obligations: [
				{ id: 'A', ssp: '600', pattern: monthly },
				{ id: 'B', ssp: '600', pattern: monthly },
			],
			modifications: [{ id: 'dropB', date: '2025-04-01', treatment: 'cumulativeCatchUp', priceChange: '-450', removeObligations: ['B'] }],
		}));
		expect(total(amounts(result, 'B'))).toBe(15000n);
		expect(result.allocations.map((allocation) => allocation.allocated)).toEqual(['600.00', '150.00']);
		expect(total(amounts(result, 'A'))).toBe(60000n);
	});
});

describe('closedThrough', () => {
	const lifted = (closedThrough?: string) => contract({
		transactionPrice: '1200',
		obligations: [{ id: 'A', ssp: '1', pattern: monthly }],
		variableConsideration: [{ id: 'bonus', amount: '300', method: 'mostLikely', constrained: true, constraintLiftedOn: '2025-02-10' }],
		...(closedThrough ? { closedThrough } : {}),
	});

	it('without closed periods the catch-up lands in the period of the event, measured at the event date', () => {
		const february = linesOf(run(lifted()), 'A').filter((line) => line.period === '2025-02');
		// Through 2025-02-09: recognised 100 + 100 × 9/28 = 132.14; new plan 125 + 125 × 9/28 = 165.18 → 33.04.
		// February's recognition: 32.14 + 125 × 19/28 = 84.82 → 116.96.
		expect(february.map((line) => [line.kind, line.amount])).toEqual([['recognition', '116.96'], ['catchUp', '33.04']]);
	});

	it('periods through closedThrough never change; the catch-up lands in the first open period', () => {
		const result = run(lifted('2025-03-31'));
		const lines = linesOf(result, 'A');
		expect(lines.slice(0, 3).map((line) => [line.period, line.kind, line.amount])).toEqual([
			['2025-01', 'recognition', '100.00'], ['2025-02', 'recognition', '100.00'], ['2025-03', 'recognition', '100.00'],
		]);
		expect(lines.filter((line) => line.period === '2025-04').map((line) => [line.kind, line.amount])).toEqual([['recognition', '125.00'], ['catchUp', '75.00']]);
		expect(total(amounts(result, 'A'))).toBe(150000n);
		expect(result.trace.join('\n')).toMatch(/lands in the first open period 2025-04/);
	});

	it('a modification dated in a closed period also catches up in the first open period', () => {
		const result = run(contract({
			transactionPrice: '1200',
			obligations: [{ id: 'A', ssp: '1', pattern: monthly }],
			modifications: [{ id: 'up', date: '2025-01-20', treatment: 'cumulativeCatchUp', priceChange: '120' }],
			closedThrough: '2025-05-31',
		}));
		const lines = linesOf(result, 'A');
		expect(lines.slice(0, 5).map((line) => line.amount)).toEqual(Array(5).fill('100.00'));
		expect(lines.filter((line) => line.period === '2025-06').map((line) => [line.kind, line.amount])).toEqual([['recognition', '110.00'], ['catchUp', '50.00']]);
	});

	it('a revised percent-complete estimate in a closed period is caught up in the first open period', () => {
		const result = run(contract({
			transactionPrice: '1000',
			calendar: { type: 'quarter' },
			obligations: [{ id: 'A', ssp: '1', pattern: { ...pct([['2025-03-31', '50', '100'], ['2025-06-30', '60', '120']]), percentPrecision: undefined } }],
			closedThrough: '2025-06-30',
		}));
		expect(linesOf(result, 'A').map((line) => [line.period, line.kind, line.amount])).toEqual([
			['2025-Q1', 'recognition', '500.00'],
			['2025-Q2', 'recognition', '83.33'],
			['2025-Q3', 'reversal', '-83.33'],
		]);
	});
});

describe('as-of date', () => {
	it('recognises through the period of the as-of date and ignores later events', () => {
		const result = run(contract({
			transactionPrice: '1200',
			obligations: [{ id: 'A', ssp: '1', pattern: monthly }],
			billings: [{ date: '2025-01-05', amount: '600' }, { date: '2025-07-05', amount: '600' }],
			modifications: [{ id: 'later', date: '2025-06-01', treatment: 'cumulativeCatchUp', priceChange: '1200' }],
		}), { asOf: '2025-02-15' });
		expect(linesOf(result, 'A').map((line) => [line.period, line.amount])).toEqual([['2025-01', '100.00'], ['2025-02', '100.00']]);
		expect(result.periods.map((period) => [period.period, period.billed, period.contractLiability])).toEqual([['2025-01', '600.00', '500.00'], ['2025-02', '0.00', '400.00']]);
		expect(result.transactionPrice).toBe('1200.00');
	});
});

describe('changes in transaction price and sequences of modifications', () => {
	it('a change in variable consideration under the residual approach goes to the residual obligation (ASC 606-10-32-43: same basis as at inception)', () => {
		const result = run(contract({
			transactionPrice: '130',
			allocation: { method: 'residual', residualObligationId: 'D' },
			obligations: [
				{ id: 'ABC', ssp: '100', pattern: { type: 'pointInTime', date: '2025-01-10' } },
				{ id: 'D', sspRange: { min: '15', max: '45' }, pattern: { type: 'pointInTime', date: '2025-03-10' } },
			],
			variableConsideration: [{ id: 'kicker', amount: '10', method: 'mostLikely', constrained: true, constraintLiftedOn: '2025-02-01' }],
		}));
		expect(result.allocations.map((allocation) => allocation.allocated)).toEqual(['100.00', '40.00']);
		expect(linesOf(result, 'ABC').map((line) => line.amount)).toEqual(['100.00']);
	});

	it('a prospective modification followed by a cumulative catch-up keeps the prospective history', () => {
		const result = run(contract({
			transactionPrice: '1200',
			obligations: [{ id: 'A', ssp: '1', pattern: monthly }],
			modifications: [
				// From July the remaining 600 + 300 is spread over July–December: 150 a month.
				{ id: 'p', date: '2025-07-01', treatment: 'prospective', priceChange: '300' },
				// On 2025-10-05 60 more: the re-spread remainder becomes 960 over July–December (160 a month). Through
				// October 4th: recognised 1050 + 150 × 4/31 = 1069.35, the new plan 1080 + 160 × 4/31 = 1100.65 → catch-up
				// 31.30; October's recognition 19.35 before the 5th + 160 × 27/31 = 139.35 from it = 158.70.
				{ id: 'c', date: '2025-10-05', treatment: 'cumulativeCatchUp', priceChange: '60' },
			],
		}));
		const lines = linesOf(result, 'A');
		expect(lines.slice(0, 6).map((line) => line.amount)).toEqual(Array(6).fill('100.00'));
		expect(lines.filter((line) => ['2025-07', '2025-08', '2025-09'].includes(line.period)).map((line) => line.amount)).toEqual(['150.00', '150.00', '150.00']);
		expect(lines.filter((line) => line.period === '2025-10').map((line) => [line.kind, line.amount])).toEqual([['recognition', '158.70'], ['catchUp', '31.30']]);
		expect(lines.slice(-1)[0]).toMatchObject({ period: '2025-12', amount: '160.00', cumulative: '1560.00' });
	});

	it('a prospective price change after everything was delivered is caught up at once, with a warning', () => {
		const result = run(contract({
			transactionPrice: '500',
			obligations: [{ id: 'A', ssp: '1', pattern: { type: 'pointInTime', date: '2025-01-10' } }],
			modifications: [{ id: 'late', date: '2025-03-01', treatment: 'prospective', priceChange: '-50' }],
		}));
		expect(linesOf(result, 'A').map((line) => [line.period, line.kind, line.amount])).toEqual([['2025-01', 'recognition', '500.00'], ['2025-03', 'reversal', '-50.00']]);
		expect(result.warnings.map((warning) => warning.code)).toContain('NOTHING_REMAINING');
	});
});
