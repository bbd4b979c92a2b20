import fc from 'fast-check';

import { formatAmount, minorUnitsOf } from '../../lib/money';
import { computeRevenueSchedule, dayFromCivil, formatIsoDate } from '../../lib/revenue';
import type { RevenueResult } from '../../lib/revenue';
import { journalBalances, total } from './helpers';

const FIRST = dayFromCivil(2023, 1, 1);
const LAST = dayFromCivil(2026, 12, 31);
// Month ends and leap days are where calendars break, so they come up often.
const SPECIAL = ['2024-01-31', '2024-02-29', '2024-02-28', '2025-01-31', '2025-02-28', '2024-12-31', '2025-03-01', '2023-12-31'];
const dayArb = fc.oneof(
	fc.integer({ min: FIRST, max: LAST }),
	fc.constantFrom(...SPECIAL.map((iso) => dayFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))))),
);
const iso = (day: number) => formatIsoDate(day);

const straightLine = fc.record({
	start: dayArb,
	length: fc.integer({ min: 0, max: 1100 }),
	convention: fc.constantFrom('exactDays', 'evenPeriods', 'prorateFirstLast', 'periodRate'),
}).map(({ start, length, convention }) => ({ type: 'straightLine', start: iso(start), end: iso(start + length), convention }));

const pointInTime = dayArb.map((day) => ({ type: 'pointInTime', date: iso(day) }));

const milestones = fc.array(fc.tuple(dayArb, fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 4 }).map((list) => {
	const weightSum = list.reduce((sum, [, weight]) => sum + weight, 0);
	let used = 0;
	return {
		type: 'milestones',
		milestones: list.map(([day, weight], i) => {
			const percent = i === list.length - 1 ? 100 - used : Math.floor((weight * 100) / weightSum);
			used += percent;
			return { id: `m${i}`, date: iso(day), percent };
		}),
	};
});

/** Progress that ends complete, with estimates that may be revised up or down on the way. */
const percentComplete = fc.record({
	start: fc.integer({ min: FIRST, max: LAST }),
	points: fc.array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 })), { minLength: 1, maxLength: 5 }),
	precision: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
}).map(({ start, points, precision }) => {
	let day = start;
	const progress = points.map(([gap, actual, estimate], i) => {
		day += gap;
		return { periodEnd: iso(day), cumulativeActual: i === points.length - 1 ? estimate : Math.min(actual, estimate), estimatedTotal: estimate };
	});
	return { type: 'percentComplete', measure: 'cost', progress, percentPrecision: precision };
});

const contractArb = fc.record({
	currency: fc.constantFrom('USD', 'JPY', 'KWD', 'CLF'),
	price: fc.bigInt({ min: 0n, max: 10n ** 11n }),
	rounding: fc.constantFrom('largestRemainder', 'lastPeriodPlug', 'cumulative'),
	calendar: fc.constantFrom('month', 'quarter', 'year', 'fiscal445', 'fiscal454', 'fiscal544'),
	obligations: fc.array(fc.record({ ssp: fc.integer({ min: 1, max: 1_000_000 }), pattern: fc.oneof(straightLine, pointInTime, milestones, percentComplete) }), { minLength: 1, maxLength: 4 }),
}).map(({ currency, price, rounding, calendar, obligations }) => ({
	contractId: 'P',
	currency,
	transactionPrice: formatAmount(price, currency),
	allocation: { method: 'relativeSsp' },
	rounding,
	calendar: { type: calendar, ...(calendar.startsWith('fiscal') ? { fiscalYearStart: '02-01' } : {}) },
	obligations: obligations.map((obligation, i) => ({ id: `O${i}`, ssp: String(obligation.ssp), pattern: obligation.pattern })),
}));

function byObligation(result: RevenueResult) {
	return Object.fromEntries(result.allocations.map((allocation) => [
		allocation.obligationId,
		{ allocated: allocation.allocated, lines: result.schedule.filter((line) => line.obligationId === allocation.obligationId) },
	]));
}

describe('properties of random contracts', () => {
	it('allocations sum to the TP, each obligation\'s lines sum to its allocation, journals balance', () => {
		fc.assert(
			fc.property(contractArb, (input) => {
				const result = computeRevenueSchedule(input);
				expect(result.errors).toEqual([]);
				const currency = input.currency;
				expect(total(result.allocations.map((allocation) => allocation.allocated), currency)).toBe(total([input.transactionPrice], currency));
				for (const { allocated, lines } of Object.values(byObligation(result))) {
					expect(total(lines.map((line) => line.amount), currency)).toBe(total([allocated], currency));
					if (lines.length) expect(lines[lines.length - 1].cumulative).toBe(allocated);
				}
				expect(total(result.periods.map((period) => period.revenue), currency)).toBe(total([input.transactionPrice], currency));
				expect(journalBalances(result)).toBe(true);
				const decimals = minorUnitsOf(currency);
				const shape = decimals === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${decimals}}$`);
				for (const line of result.schedule) expect(line.amount).toMatch(shape);
			}),
			{ numRuns: 250 },
		);
	});

	/** Invoices (credits among them) whose running total never goes below zero, often beyond the allocation. */
	const asInvoiced = fc.array(fc.tuple(dayArb, fc.integer({ min: -400_000, max: 1_000_000 })), { minLength: 1, maxLength: 6 }).map((list) => {
		const sorted = [...list].sort((a, b) => a[0] - b[0]);
		let invoiced = 0;
		return {
			type: 'asInvoiced',
			invoices: sorted.map(([day, amount]) => {
				const held = Math.max(amount, -invoiced);
				invoiced += held;
				return { date: iso(day), amount: held };
			}),
		};
	});

	it('revenue to date stays within 0..the allocation at every period end, whatever the pattern and rounding', () => {
		fc.assert(
			fc.property(contractArb, fc.array(asInvoiced, { maxLength: 2 }), (input, invoiced) => {
				const withInvoiced = {
					...input,
					currency: 'JPY',
					transactionPrice: formatAmount(total([input.transactionPrice], input.currency) % 10_000_000n, 'JPY'),
					obligations: [...input.obligations, ...invoiced.map((pattern, i) => ({ id: `I${i}`, ssp: '500', pattern }))],
				};
				const result = computeRevenueSchedule(withInvoiced);
				expect(result.errors).toEqual([]);
				for (const { allocated, lines } of Object.values(byObligation(result))) {
					const cap = total([allocated], 'JPY');
					lines.forEach((line, i) => {
						if (lines[i + 1]?.period === line.period) return;
						const toDate = total([line.cumulative], 'JPY');
						expect(toDate >= 0n && toDate <= cap).toBe(true);
					});
				}
				expect(journalBalances(result)).toBe(true);
			}),
			{ numRuns: 200 },
		);
	});

	it('reordering obligations does not change any obligation\'s numbers (when no two allocation remainders tie)', () => {
		fc.assert(
			fc.property(contractArb, fc.integer({ min: 1, max: 1000 }), (input, seed) => {
				// Ties in the allocation go to the earlier obligation by rule, so a tie legitimately depends on order.
				const minor = total([input.transactionPrice], input.currency);
				const ssps = input.obligations.map((obligation) => BigInt(obligation.ssp));
				const sspSum = ssps.reduce((a, b) => a + b, 0n);
				const remainders = ssps.map((ssp) => (minor * ssp) % sspSum).filter((remainder) => remainder !== 0n);
				fc.pre(new Set(remainders).size === remainders.length);
				const shuffled = [...input.obligations].sort((a, b) => ((a.id.charCodeAt(1) * seed) % 7) - ((b.id.charCodeAt(1) * seed) % 7) || b.id.localeCompare(a.id));
				const original = byObligation(computeRevenueSchedule(input));
				const reordered = byObligation(computeRevenueSchedule({ ...input, obligations: shuffled }));
				expect(reordered).toEqual(original);
			}),
			{ numRuns: 200 },
		);
	});

	it('a tie in the allocation goes to the earlier obligation, so order decides only the tied unit', () => {
		const input = {
			contractId: 'T', currency: 'USD', transactionPrice: '100', allocation: { method: 'relativeSsp' }, calendar: { type: 'month' },
			obligations: ['A', 'B', 'C'].map((id) => ({ id, ssp: '1', pattern: { type: 'pointInTime', date: '2025-01-01' } })),
		};
		const reversed = { ...input, obligations: [...input.obligations].reverse() };
		expect(byObligation(computeRevenueSchedule(input)).A.allocated).toBe('33.34');
		expect(byObligation(computeRevenueSchedule(reversed)).C.allocated).toBe('33.34');
	});

	it('straight lines across leap years and month ends: exactDays lines are exactly 1000 minor units × the days of the term in each month', () => {
		fc.assert(
			fc.property(dayArb, fc.integer({ min: 0, max: 800 }), fc.constantFrom('USD', 'JPY', 'KWD'), (start, length, currency) => {
				const days = length + 1;
				const result = computeRevenueSchedule({
					contractId: 'L', currency, transactionPrice: formatAmount(BigInt(days) * 1000n, currency), allocation: { method: 'relativeSsp' }, calendar: { type: 'month' },
					obligations: [{ id: 'A', ssp: '1', pattern: { type: 'straightLine', start: iso(start), end: iso(start + length), convention: 'exactDays' } }],
				});
				// 1000 minor units a day, so every month's line is exactly 1000 × its days in the term.
				let covered = 0;
				for (const line of result.schedule) {
					const from = Math.max(start, dayFromCivil(Number(line.periodStart.slice(0, 4)), Number(line.periodStart.slice(5, 7)), 1));
					const to = Math.min(start + length, from + 40);
					let inPeriod = 0;
					for (let day = from; day <= to; day++) if (iso(day).slice(0, 7) === line.period) inPeriod++;
					covered += inPeriod;
					expect(total([line.amount], currency)).toBe(BigInt(inPeriod) * 1000n);
				}
				expect(covered).toBe(days);
			}),
			{ numRuns: 200 },
		);
	});

	const events = fc.record({
		lift: dayArb,
		amount: fc.integer({ min: 0, max: 1_000_000 }),
		modDate: dayArb,
		treatment: fc.constantFrom('prospective', 'cumulativeCatchUp'),
		priceChange: fc.integer({ min: 0, max: 1_000_000 }),
		closed: fc.option(fc.constantFrom('2023-12-31', '2024-06-30', '2025-03-31', '2026-01-31'), { nil: undefined }),
	});

	it('with variable consideration and modifications, lines still sum to allocations and allocations to the final TP', () => {
		fc.assert(
			fc.property(contractArb, events, (input, event) => {
				const currency = input.currency;
				const withEvents = {
					...input,
					variableConsideration: [{ id: 'vc', amount: formatAmount(BigInt(event.amount), currency), method: 'expectedValue', constrained: true, constraintLiftedOn: iso(event.lift) }],
					modifications: [{ id: 'mod', date: iso(event.modDate), treatment: event.treatment, priceChange: formatAmount(BigInt(event.priceChange), currency) }],
					...(event.closed ? { closedThrough: event.closed } : {}),
				};
				const result = computeRevenueSchedule(withEvents);
				expect(result.errors).toEqual([]);
				expect(total(result.allocations.map((allocation) => allocation.allocated), currency)).toBe(total([result.transactionPrice!], currency));
				expect(result.transactionPrice).toBe(formatAmount(total([input.transactionPrice], currency) + BigInt(event.amount) + BigInt(event.priceChange), currency));
				for (const { allocated, lines } of Object.values(byObligation(result))) {
					expect(total(lines.map((line) => line.amount), currency)).toBe(total([allocated], currency));
				}
				expect(journalBalances(result)).toBe(true);
			}),
			{ numRuns: 200 },
		);
	});

	it('periods through closedThrough never change when events are added', () => {
		fc.assert(
			fc.property(contractArb, events, (input, event) => {
				const closed = event.closed ?? '2024-06-30';
				const base = { ...input, closedThrough: closed };
				const withEvents = {
					...base,
					variableConsideration: [{ id: 'vc', amount: formatAmount(BigInt(event.amount), input.currency), method: 'expectedValue', constrained: true, constraintLiftedOn: iso(event.lift) }],
					modifications: [{ id: 'mod', date: iso(event.modDate), treatment: 'cumulativeCatchUp', priceChange: formatAmount(BigInt(event.priceChange), input.currency) }],
				};
				const closedLines = (result: RevenueResult) => result.schedule.filter((line) => line.periodEnd <= closed);
				expect(closedLines(computeRevenueSchedule(withEvents))).toEqual(closedLines(computeRevenueSchedule(base)));
			}),
			{ numRuns: 200 },
		);
	});

	it('turning the trace off changes nothing but the trace', () => {
		fc.assert(
			fc.property(contractArb, events, (input, event) => {
				const withEvents = {
					...input,
					variableConsideration: [{ id: 'vc', amount: formatAmount(BigInt(event.amount), input.currency), method: 'expectedValue', constrained: true, constraintLiftedOn: iso(event.lift) }],
					modifications: [{ id: 'mod', date: iso(event.modDate), treatment: event.treatment, priceChange: formatAmount(BigInt(event.priceChange), input.currency) }],
				};
				for (const one of [input, withEvents]) {
					const traced = computeRevenueSchedule(one);
					const silent = computeRevenueSchedule(one, { trace: false });
					expect(silent.trace).toEqual([]);
					expect({ ...silent, trace: [] }).toEqual({ ...traced, trace: [] });
				}
			}),
			{ numRuns: 150 },
		);
	});
});
