/**
 * Issue 8, items 1–5: a bad contract never reaches the Schedules output. Every case runs through the node and
 * asserts which output the item lands on and what it says.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_LIMITS } from '../../lib/revenue';
import type { PeriodBalance, ScheduleLine } from '../../lib/revenue';
import { RevenueSchedule } from '../../nodes/RevenueSchedule/RevenueSchedule.node';
import { contract, executeNode, journalBalances, total } from './helpers';

const monthly2025 = { type: 'straightLine', start: '2025-01-01', end: '2025-12-31', convention: 'evenPeriods' };

/** Runs one contract through the node and returns what came out of each output. */
async function one(input: Record<string, unknown>, parameters: Record<string, unknown> = {}) {
	const [schedules, exceptions] = await executeNode([{ json: { contract: input, correlationId: 'corr-8' } }], parameters);
	for (const item of [...schedules, ...exceptions]) expect(item.pairedItem).toEqual({ item: 0 });
	return { schedules, exceptions };
}

/** The single schedule item: fails when the contract went to Exceptions instead. */
async function scheduled(input: Record<string, unknown>, parameters: Record<string, unknown> = {}) {
	const { schedules, exceptions } = await one(input, parameters);
	expect(exceptions.map((item) => item.json.errors)).toEqual([]);
	expect(schedules).toHaveLength(1);
	return schedules[0].json as IDataObject & { schedule: ScheduleLine[]; periods: PeriodBalance[]; warnings: Array<{ code: string; message: string }>; trace: string[] };
}

/** The single exception item: fails when any part of the contract reached Schedules. */
async function rejected(input: Record<string, unknown>, parameters: Record<string, unknown> = {}) {
	const { schedules, exceptions } = await one(input, parameters);
	expect(schedules.map((item) => item.json.contractId)).toEqual([]);
	expect(exceptions).toHaveLength(1);
	expect(exceptions[0].json).toMatchObject({ correlationId: 'corr-8', payload: { contract: input } });
	return exceptions[0].json as IDataObject & { contractId: string | null; errors: Array<{ code: string; message: string }> };
}

const lines = (json: { schedule: ScheduleLine[] }) => json.schedule.map((line) => [line.period, line.amount, line.cumulative]);
const asInvoiced = (invoices: Array<[string, string]>, extra: Record<string, unknown> = {}) => contract({
	contractId: 'INV-1',
	transactionPrice: '1000',
	allocation: { method: 'specified' },
	obligations: [{ id: 'TM', specifiedAmount: '1000', pattern: { type: 'asInvoiced', invoices: invoices.map(([date, amount]) => ({ date, amount })) } }],
	...extra,
});

describe('1. revenue stays within 0..the allocation in every pattern', () => {
	it('as-invoiced: invoices beyond the allocation are not revenue; billed, the excess is a contract liability', async () => {
		const invoices: Array<[string, string]> = [['2025-01-20', '3000'], ['2025-02-10', '2000']];
		const json = await scheduled(asInvoiced(invoices, { billings: invoices.map(([date, amount]) => ({ date, amount })) }));
		expect(lines(json)).toEqual([['2025-01', '1000.00', '1000.00'], ['2025-02', '0.00', '1000.00']]);
		expect(json.warnings.map((warning) => warning.code)).toEqual(['INVOICED_ABOVE_ALLOCATION']);
		expect(json.warnings[0].message).toBe('obligations.TM.pattern.invoices: 5000.00 is invoiced but 1000.00 is allocated; the 4000.00 beyond the allocation is not revenue (billed, it stays a contract liability)');
		expect(json.periods.map((period) => [period.period, period.revenue, period.billed, period.contractLiability])).toEqual([
			['2025-01', '1000.00', '3000.00', '2000.00'],
			['2025-02', '0.00', '2000.00', '4000.00'],
		]);
		expect(journalBalances(json as never)).toBe(true);
		expect(json.trace.some((step) => step.includes('5000.00 invoiced to date is held to 1000.00'))).toBe(true);
	});

	it('as-invoiced: a credit that takes the amount invoiced to date below zero is rejected, naming the invoice', async () => {
		const json = await rejected(asInvoiced([['2025-01-20', '300'], ['2025-02-10', '-500']]));
		expect(json.contractId).toBe('INV-1');
		expect(json.errors).toEqual([{ code: 'INVALID_AMOUNT', message: 'obligations[0].pattern.invoices[1].amount: this credit takes the amount invoiced to date to -200.00, below zero' }]);
	});

	it('as-invoiced: a credit that keeps the amount invoiced to date at or above zero is a reversal', async () => {
		const json = await scheduled(asInvoiced([['2025-03-05', '300'], ['2025-01-20', '600'], ['2025-02-10', '-100']]));
		expect(lines(json)).toEqual([['2025-01', '600.00', '600.00'], ['2025-02', '-100.00', '500.00'], ['2025-03', '300.00', '800.00']]);
		expect(json.warnings.map((warning) => warning.code).sort()).toEqual(['NEGATIVE_REVENUE', 'NOT_FULLY_SCHEDULED']);
		expect(json.warnings.find((warning) => warning.code === 'NOT_FULLY_SCHEDULED')?.message).toMatch(/200\.00 waits/);
	});

	it('as-invoiced after a prospective modification: invoices from the date on are held to what is left of the allocation', async () => {
		const json = await scheduled(asInvoiced([['2025-01-20', '400'], ['2025-03-10', '900']], {
			modifications: [{ id: 'm1', date: '2025-02-15', treatment: 'prospective', priceChange: '0' }],
		}));
		expect(lines(json)).toEqual([['2025-01', '400.00', '400.00'], ['2025-03', '600.00', '1000.00']]);
		expect(json.warnings.map((warning) => warning.code)).toEqual(['INVOICED_ABOVE_ALLOCATION']);
	});

	it('percent complete with a last-period plug: rounding never takes revenue to date above the allocation', async () => {
		// Six steps of 16.67% of 1.00 round half-up to 0.17 each (1.02 by June); the plug would be −0.02 in July.
		const progress = ['01-31', '02-28', '03-31', '04-30', '05-31', '06-30', '07-31'].map((day, i) => ({ periodEnd: `2025-${day}`, cumulativeActual: Math.min(i + 1, 6), estimatedTotal: 6 }));
		const input = contract({ transactionPrice: '1.00', rounding: 'lastPeriodPlug', obligations: [{ id: 'A', ssp: '1', pattern: { type: 'percentComplete', measure: 'cost', progress } }] });
		const json = await scheduled(input);
		expect(json.schedule.map((line) => line.amount)).toEqual(['0.17', '0.17', '0.17', '0.17', '0.17', '0.15', '0.00']);
		expect(json.schedule.map((line) => line.cumulative)).toEqual(['0.17', '0.34', '0.51', '0.68', '0.85', '1.00', '1.00']);
		expect(json.warnings).toEqual([]);
		expect(json.trace.some((step) => step.includes('revenue to date is held within 0.00..1.00'))).toBe(true);
		const silent = await scheduled(input, { includeTrace: false });
		expect(silent.schedule).toEqual(json.schedule);
	});

	it('prorateFirstLast: a middle period never takes revenue to date above the allocation', async () => {
		// 0.03 over 2023-12-31..2024-06-01: the middle periods get 0.01 each and the next-to-last would be −0.01.
		const json = await scheduled(contract({ transactionPrice: '0.03', obligations: [{ id: 'A', ssp: '1', pattern: { type: 'straightLine', start: '2023-12-31', end: '2024-06-01', convention: 'prorateFirstLast' } }] }));
		expect(json.schedule.every((line) => total([line.cumulative]) >= 0n && total([line.cumulative]) <= 3n)).toBe(true);
		expect(json.schedule.map((line) => line.amount)).toEqual(['0.00', '0.01', '0.01', '0.01', '0.00', '0.00', '0.00']);
	});
});

describe('2. every change of the transaction price runs the same validation', () => {
	const base = (extra: Record<string, unknown>) => contract({ contractId: 'TP-1', transactionPrice: '1000', obligations: [{ id: 'A', ssp: '1', pattern: monthly2025 }], ...extra });

	it.each([
		['variable consideration at inception', { variableConsideration: [{ id: 'penalty', amount: '-1500', method: 'mostLikely', constrained: false }] }, 'transactionPrice: the transaction price at inception is -500.00, below zero'],
		['variable consideration when its constraint is lifted', { variableConsideration: [{ id: 'penalty', amount: '-1500', method: 'mostLikely', constrained: true, constraintLiftedOn: '2025-04-01' }] }, 'variableConsideration[0].amount: the transaction price after penalty constraint lifted on 2025-04-01 is -500.00, below zero'],
		['a prospective modification', { modifications: [{ id: 'm1', date: '2025-04-01', treatment: 'prospective', priceChange: '-1500' }] }, 'modifications[0].priceChange: the transaction price after modification m1 is -500.00, below zero'],
		['a cumulative catch-up modification', { modifications: [{ id: 'm1', date: '2025-04-01', treatment: 'cumulativeCatchUp', priceChange: '-1500' }] }, 'modifications[0].priceChange: the transaction price after modification m1 is -500.00, below zero'],
		['a separate-contract modification', { modifications: [{ id: 'm1', date: '2025-04-01', treatment: 'separateContract', priceChange: '-50', addObligations: [{ id: 'S', ssp: '50', pattern: { type: 'pointInTime', date: '2025-04-10' } }] }] }, 'modifications[0].priceChange: separate contract TP-1/m1: the transaction price at inception is -50.00, below zero'],
	])('a negative transaction price reached through %s goes to Exceptions', async (_path, extra, message) => {
		const json = await rejected(base(extra));
		expect(json.contractId).toBe('TP-1');
		expect(json.errors).toEqual([{ code: 'INVALID_AMOUNT', message }]);
	});

	it('a prospective price cut below the revenue already recognised goes to Exceptions (only a catch-up can take revenue back)', async () => {
		const json = await rejected(base({ transactionPrice: '1200', modifications: [{ id: 'm1', date: '2025-07-01', treatment: 'prospective', priceChange: '-900' }] }));
		expect(json.errors).toEqual([{ code: 'INVALID_AMOUNT', message: 'modifications[0].priceChange: after modification m1 the consideration left for the remaining obligations is -300.00, below zero (revenue recognised before 2025-07-01 is 600.00, the new transaction price 300.00); a prospective modification cannot reverse recognised revenue: treat it as cumulativeCatchUp' }]);
	});

	it('the same cut as a cumulative catch-up reverses revenue within the allocation and reaches Schedules', async () => {
		const json = await scheduled(base({ transactionPrice: '1200', modifications: [{ id: 'm1', date: '2025-07-01', treatment: 'cumulativeCatchUp', priceChange: '-900' }] }));
		const july = json.schedule.filter((line) => line.period === '2025-07');
		// 600 recognised through June; the new plan (300 / 12 = 25 a month) had 150: a 450 reversal in July.
		expect(july.map((line) => [line.kind, line.amount])).toEqual([['recognition', '25.00'], ['reversal', '-450.00']]);
		expect(json.schedule.slice(-1)[0].cumulative).toBe('300.00');
		expect(json.schedule.every((line) => total([line.cumulative]) >= 0n)).toBe(true);
	});
});

describe('3. a separate contract that fails sends its whole input to Exceptions, under the parent\'s id', () => {
	const withSeparate = contract({
		contractId: 'OK-1',
		transactionPrice: '300',
		obligations: [{ id: 'A', ssp: '1', pattern: { type: 'straightLine', start: '2025-01-01', end: '2025-03-31', convention: 'evenPeriods' } }],
		modifications: [{ id: 'm1', date: '2025-02-01', treatment: 'separateContract', priceChange: '50', addObligations: [{ id: 'S', specifiedAmount: '40', pattern: { type: 'pointInTime', date: '2025-02-10' } }] }],
	});

	it.each(['contract', 'line'])('output mode %s', async (outputMode) => {
		const json = await rejected(withSeparate, { outputMode });
		expect(json.contractId).toBe('OK-1');
		expect(json.errors).toEqual([{ code: 'SPECIFIED_SUM_MISMATCH', message: 'modifications[0].addObligations: separate contract OK-1/m1: the specified amounts add up to 40.00 but the transaction price is 50.00' }]);
	});

	it('the other items of the batch are not affected', async () => {
		const fine = { ...withSeparate, contractId: 'OK-2', modifications: [] };
		const [schedules, exceptions] = await executeNode([{ json: { contract: withSeparate } }, { json: { contract: fine } }]);
		expect(schedules.map((item) => [item.json.contractId, item.pairedItem])).toEqual([['OK-2', { item: 1 }]]);
		expect(exceptions.map((item) => [item.json.contractId, item.pairedItem])).toEqual([['OK-1', { item: 0 }]]);
	});
});

describe('4. negative specified amounts and removing every obligation are validation errors naming the field', () => {
	it('a negative specified amount, even when the amounts add up to the price', async () => {
		const json = await rejected(contract({
			transactionPrice: '1000',
			allocation: { method: 'specified' },
			obligations: [{ id: 'A', specifiedAmount: '1200', pattern: monthly2025 }, { id: 'B', specifiedAmount: '-200', pattern: monthly2025 }],
		}));
		expect(json.errors).toEqual([{ code: 'INVALID_AMOUNT', message: 'obligations[1].specifiedAmount: must not be negative, got -200' }]);
	});

	it('a negative specified amount on an obligation added by a modification', async () => {
		const json = await rejected(contract({
			transactionPrice: '1000',
			allocation: { method: 'specified' },
			obligations: [{ id: 'A', specifiedAmount: '1000', pattern: monthly2025 }],
			modifications: [{ id: 'm1', date: '2025-04-01', treatment: 'prospective', priceChange: '0', addObligations: [{ id: 'B', specifiedAmount: '-100', pattern: monthly2025 }] }],
		}));
		expect(json.errors).toEqual([{ code: 'INVALID_AMOUNT', message: 'modifications[0].addObligations[0].specifiedAmount: must not be negative, got -100' }]);
	});

	it.each(['prospective', 'cumulativeCatchUp'])('a %s modification that removes every obligation', async (treatment) => {
		const json = await rejected(contract({
			transactionPrice: '1000',
			obligations: [{ id: 'A', ssp: '1', pattern: monthly2025 }, { id: 'B', ssp: '1', pattern: monthly2025 }],
			modifications: [
				{ id: 'm1', date: '2025-03-01', treatment, priceChange: '0', removeObligations: ['A'] },
				{ id: 'm2', date: '2025-05-01', treatment, priceChange: '0', removeObligations: ['B'] },
			],
		}));
		expect(json.errors).toEqual([{ code: 'INVALID_INPUT', message: expect.stringMatching(/^modifications\[1\]\.removeObligations: removes every remaining obligation and adds none/) }]);
	});

	it('removing every obligation while adding one is a valid replacement', async () => {
		const json = await scheduled(contract({
			transactionPrice: '1200',
			obligations: [{ id: 'A', ssp: '1', pattern: monthly2025 }],
			modifications: [{ id: 'm1', date: '2025-07-01', treatment: 'prospective', priceChange: '0', removeObligations: ['A'], addObligations: [{ id: 'B', ssp: '1', pattern: { type: 'pointInTime', date: '2025-09-30' } }] }],
		}));
		expect(json.schedule.filter((line) => line.obligationId === 'B').map((line) => [line.period, line.amount])).toEqual([['2025-09', '600.00']]);
	});
});

describe('5. one contract\'s cost is bounded, and the bound is a node parameter', () => {
	const years = (obligations: number, months = 36) => contract({
		contractId: 'LONG-1',
		transactionPrice: '3600',
		obligations: Array.from({ length: obligations }, (_, i) => ({ id: String.fromCharCode(65 + i), ssp: '1', pattern: { type: 'straightLine', start: '2025-01-01', end: `${2025 + months / 12 - 1}-12-31`, convention: 'evenPeriods' } })),
	});

	it('a straight line from 0001 to 9999 is rejected before anything is generated, naming the obligation and the limit', async () => {
		const json = await rejected(contract({ contractId: 'LONG-1', obligations: [{ id: 'A', ssp: '1', pattern: { type: 'straightLine', start: '0001-01-01', end: '9999-12-31', convention: 'exactDays' } }] }));
		expect(json.contractId).toBe('LONG-1');
		expect(json.errors).toEqual([{ code: 'SPAN_LIMIT_EXCEEDED', message: 'obligations[0].pattern: obligation \'A\' spans 119,988 month periods (0001-01-01..9999-12-31), above the limit of 1,200 periods per contract (maxPeriods)' }]);
	});

	it('the span counts every dated event of the contract, not only the patterns', async () => {
		const json = await rejected({ ...years(1), billings: [{ date: '2025-06-01', amount: '100' }, { date: '2200-01-01', amount: '100' }] });
		expect(json.errors).toEqual([{ code: 'SPAN_LIMIT_EXCEEDED', message: 'billings: the contract spans 2,101 month periods, from 2025-01-01 (obligations[0].pattern) to 2200-01-01, above the limit of 1,200 periods per contract (maxPeriods)' }]);
	});

	it('Max Periods per Contract is configurable', async () => {
		const json = await rejected(years(1), { limits: { maxPeriods: 24 } });
		expect(json.errors).toEqual([{ code: 'SPAN_LIMIT_EXCEEDED', message: expect.stringMatching(/^obligations\[0\]\.pattern: obligation 'A' spans 36 month periods \(2025-01-01\.\.2027-12-31\), above the limit of 24 periods/) }]);
		expect((await scheduled(years(1), { limits: { maxPeriods: 36 } })).schedule).toHaveLength(36);
	});

	it('Max Lines per Contract counts the lines of all obligations and names the one that crosses it', async () => {
		const json = await rejected(years(3), { limits: { maxLines: 100 } });
		expect(json.errors).toEqual([{ code: 'LINE_LIMIT_EXCEEDED', message: 'obligations[2].pattern: with obligation \'C\' the contract needs about 108 schedule lines, above the limit of 100 lines per contract (maxLines)' }]);
		expect((await scheduled(years(3), { limits: { maxLines: 108 } })).schedule).toHaveLength(108);
	});

	it('a limit that is not a whole number of at least 1 is an exception naming the option', async () => {
		const json = await rejected(years(1), { limits: { maxPeriods: 0 } });
		expect(json.errors).toEqual([{ code: 'INVALID_OPTION', message: 'limits.maxPeriods: must be a whole number of at least 1, got 0' }]);
	});

	it('the node\'s defaults are the engine\'s: 1,200 periods and 100,000 lines', () => {
		const limits = new RevenueSchedule().description.properties.find((property) => property.name === 'limits');
		const defaults = Object.fromEntries((limits?.options as Array<{ name: string; default: unknown }>).map((option) => [option.name, option.default]));
		expect(defaults).toEqual({ maxPeriods: 1200, maxLines: 100000 });
		expect(DEFAULT_LIMITS).toEqual({ maxPeriods: 1200, maxLines: 100000 });
	});
});
