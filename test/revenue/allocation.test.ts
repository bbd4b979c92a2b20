import { amounts, contract, run } from './helpers';
import { computeRevenueSchedule } from '../../lib/revenue';

const pit = (date: string) => ({ type: 'pointInTime', date });

describe('allocation of the transaction price', () => {
	it('relativeSsp: TP × ssp / Σssp, largest remainder to the cent (ASC 606-10-55-256, Example 34 Case A: 100 over SSPs 40/55/45)', () => {
		const result = run(contract({
			transactionPrice: '100',
			obligations: [
				{ id: 'A', ssp: '40', pattern: pit('2025-01-10') },
				{ id: 'B', ssp: '55', pattern: pit('2025-02-10') },
				{ id: 'C', ssp: '45', pattern: pit('2025-03-10') },
			],
		}));
		expect(result.allocations.map((allocation) => allocation.allocated)).toEqual(['28.57', '39.29', '32.14']);
		expect(result.allocations.map((allocation) => allocation.ssp)).toEqual(['40.00', '55.00', '45.00']);
		expect(result.trace.join('\n')).toMatch(/A: 100\.00 × SSP 40\.00 \/ 140\.00 = 28\.571429… → 28\.57/);
	});

	it('relativeSsp ties go to the earlier obligation (three equal SSPs, 100.00)', () => {
		const result = run(contract({
			transactionPrice: '100',
			obligations: ['X', 'Y', 'Z'].map((id) => ({ id, ssp: '1', pattern: pit('2025-01-10') })),
		}));
		expect(result.allocations.map((allocation) => allocation.allocated)).toEqual(['33.34', '33.33', '33.33']);
	});

	const residualContract = (price: string) => contract({
		transactionPrice: price,
		allocation: { method: 'residual', residualObligationId: 'D' },
		obligations: [
			{ id: 'ABC', ssp: '100', pattern: pit('2025-01-10') },
			{ id: 'D', sspRange: { min: '15', max: '45' }, pattern: pit('2025-02-10') },
		],
	});

	it('residual: the residual obligation gets TP − Σ other SSPs (after ASC 606-10-55-259, Example 34 Case B: 130 − 100 = 30 within 15–45)', () => {
		const result = run(residualContract('130'));
		expect(result.allocations).toEqual([
			{ obligationId: 'ABC', ssp: '100.00', allocated: '100.00' },
			{ obligationId: 'D', ssp: '30.00', allocated: '30.00' },
		]);
	});

	it('residual outside the SSP range is RESIDUAL_OUTSIDE_RANGE with no schedule (Example 34 Case C: 105 − 100 = 5, below 15)', () => {
		const result = computeRevenueSchedule(residualContract('105'));
		expect(result.errors).toEqual([expect.objectContaining({ code: 'RESIDUAL_OUTSIDE_RANGE' })]);
		expect(result.errors[0].message).toMatch(/obligations\[1\]\.sspRange: the residual 5\.00/);
		expect(result.schedule).toEqual([]);
		expect(result.journal).toEqual([]);
	});

	it('a negative residual is also RESIDUAL_OUTSIDE_RANGE', () => {
		const result = computeRevenueSchedule(residualContract('90'));
		expect(result.errors[0].code).toBe('RESIDUAL_OUTSIDE_RANGE');
	});

	it('specified: amounts as given when they sum to the TP', () => {
		const result = run(contract({
			transactionPrice: '1000',
			allocation: { method: 'specified' },
			obligations: [
				{ id: 'A', specifiedAmount: '600.10', pattern: pit('2025-01-10') },
				{ id: 'B', specifiedAmount: '399.90', pattern: pit('2025-01-20') },
			],
		}));
		expect(result.allocations.map((allocation) => allocation.allocated)).toEqual(['600.10', '399.90']);
		expect(amounts(result, 'A')).toEqual(['600.10']);
	});

	it('specified amounts that do not sum to the TP are SPECIFIED_SUM_MISMATCH', () => {
		const result = computeRevenueSchedule(contract({
			transactionPrice: '1000',
			allocation: { method: 'specified' },
			obligations: [
				{ id: 'A', specifiedAmount: '600', pattern: pit('2025-01-10') },
				{ id: 'B', specifiedAmount: '300', pattern: pit('2025-01-20') },
			],
		}));
		expect(result.errors).toEqual([{ code: 'SPECIFIED_SUM_MISMATCH', message: expect.stringMatching(/add up to 900\.00 but the transaction price is 1000\.00/) }]);
	});

	it('relativeSsp without an SSP names the obligation', () => {
		const result = computeRevenueSchedule(contract({ obligations: [{ id: 'A', pattern: pit('2025-01-10') }] }));
		expect(result.errors).toEqual([{ code: 'MISSING_SSP', message: expect.stringMatching(/^obligations\[0\]\.ssp:/) }]);
	});

	it('SSPs with more decimals than the currency still allocate exactly', () => {
		const result = run(contract({
			currency: 'JPY',
			transactionPrice: '100000',
			obligations: [
				{ id: 'A', ssp: '0.5', pattern: pit('2025-01-10') },
				{ id: 'B', ssp: '0.25', pattern: pit('2025-01-10') },
			],
		}));
		expect(result.allocations.map((allocation) => allocation.allocated)).toEqual(['66667', '33333']);
	});
});
