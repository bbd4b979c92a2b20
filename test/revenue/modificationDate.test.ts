import fc from 'fast-check';

import { formatAmount } from '../../lib/money';
import { calendarFor, computeRevenueSchedule, dayFromCivil, formatIsoDate } from '../../lib/revenue';
import type { CalendarType, RevenueResult } from '../../lib/revenue';
import { amounts, contract, journalBalances, linesOf, run, total } from './helpers';

/** One obligation A over calendar 2025 (365 days) with one modification; everything else from `contract()`. */
function yearContract(convention: string, transactionPrice: string, modification: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	return contract({
		transactionPrice,
		obligations: [{ id: 'A', ssp: '1', pattern: { type: 'straightLine', start: '2025-01-01', end: '2025-12-31', convention } }],
		modifications: [{ id: 'mid', ...modification }],
		...extra,
	});
}

const periodLines = (result: RevenueResult, id = 'A') => linesOf(result, id).map((line) => [line.period, line.kind, line.amount]);

describe('a modification takes effect on its date, splitting the period that contains it', () => {
	it('prospective, exactDays, dated 2025-07-16: July is 15 days on the old plan and 16 on the new one', () => {
		// 3650.00 over 2025-01-01..2025-12-31 (365 days) is exactly 10.00 a day.
		// Before the modification: Jan–Jun 181 days = 1810.00, July 1–15 = 15 days of July's 31: 310.00 × 15/31 = 150.00.
		// Recognised before 2025-07-16: 1960.00. Unrecognised: 3650.00 − 1960.00 = 1690.00; + price change 338.00 = 2028.00.
		// Remaining term 2025-07-16..2025-12-31 = 16 + 31 + 30 + 31 + 30 + 31 = 169 days → 2028.00 / 169 = 12.00 a day.
		// July = 150.00 (15 days × 10) + 192.00 (16 days × 12) = 342.00; then 31 × 12 = 372.00, 30 × 12 = 360.00, …
		// Total 1810 + 342 + 372 + 360 + 372 + 360 + 372 = 3988.00 = 3650.00 + 338.00.
		// (Effective from July 1st, as before, July would have been 2178.00 × 31/184 = 366.95.)
		const modification = { date: '2025-07-16', treatment: 'prospective', priceChange: '338' };
		const base = run(yearContract('exactDays', '3650', { date: '2026-01-01', treatment: 'prospective', priceChange: '0' }));
		const result = run(yearContract('exactDays', '3650', modification));
		expect(periodLines(result)).toEqual([
			...periodLines(base).slice(0, 6),
			['2025-07', 'recognition', '342.00'],
			['2025-08', 'recognition', '372.00'],
			['2025-09', 'recognition', '360.00'],
			['2025-10', 'recognition', '372.00'],
			['2025-11', 'recognition', '360.00'],
			['2025-12', 'recognition', '372.00'],
		]);
		expect(amounts(base, 'A').slice(0, 6)).toEqual(['310.00', '280.00', '310.00', '300.00', '310.00', '300.00']);
		expect(result.allocations[0].allocated).toBe('3988.00');
		const trace = result.trace.join('\n');
		expect(trace).toMatch(/2025-07 is split at 2025-07-16: .*310\.00 is earned evenly over its 31 day\(s\) 2025-07-01\.\.2025-07-31; 15 of them fall before 2025-07-16: × 15\/31 = 150\.00 → 150\.00/);
		expect(trace).toMatch(/Unrecognised consideration 1690\.00 \(transaction price 3650\.00 − recognised 1960\.00\) \+ price change 338\.00 = 2028\.00/);
		expect(trace).toMatch(/remaining term 2025-07-16\.\.2025-12-31/);
		expect(trace).toMatch(/2025-07 recognition: exactDays over 2025-07-16\.\.2025-12-31: 2028\.00 × 16\/169 days = 192\.00/);
		expect(trace).toMatch(/2025-07 recognition: 150\.00 recognised before 2025-07-16 \+ 192\.00 from 2025-07-16 on = 342\.00/);
	});

	it('prospective, evenPeriods: the old plan\'s July line is earned evenly over July\'s days; the remaining term touches six periods', () => {
		// 1200.00 evenly over 12 months = 100.00 a month. Before 2025-07-16: 600.00 + 100.00 × 15/31 = 48.387… → 48.39.
		// Pool: 1200.00 − 648.39 + 300.00 = 851.61 over the 6 periods 2025-07-16..2025-12-31 touches = 141.935 each:
		// largest remainder floors all to 141.93 and hands the 3 leftover cents to the tied remainders, earliest first.
		// July = 48.39 + 141.94 = 190.33; total 600 + 190.33 + 2 × 141.94 + 3 × 141.93 = 1500.00.
		const result = run(yearContract('evenPeriods', '1200', { date: '2025-07-16', treatment: 'prospective', priceChange: '300' }));
		expect(amounts(result, 'A')).toEqual([...Array(6).fill('100.00'), '190.33', '141.94', '141.94', '141.93', '141.93', '141.93']);
		expect(total(amounts(result, 'A'))).toBe(150000n);
	});

	it('prospective, periodRate: July weighs its 16 remaining days of 31 against five full months', () => {
		// Same 48.39 before the date and pool 851.61. Weights: July 16/31, Aug–Dec 1 each; sum 171/31.
		// July 851.61 × 16/171 = 79.6828…, others 851.61 × 31/171 = 154.3863…; floors 79.68 + 5 × 154.38 = 851.58,
		// the 3 leftover cents go to the largest remainders (.63 in Aug, Sep, Oct, ahead of July's .28).
		// July = 48.39 + 79.68 = 128.07.
		const result = run(yearContract('periodRate', '1200', { date: '2025-07-16', treatment: 'prospective', priceChange: '300' }));
		expect(amounts(result, 'A')).toEqual([...Array(6).fill('100.00'), '128.07', '154.39', '154.39', '154.39', '154.38', '154.38']);
		expect(total(amounts(result, 'A'))).toBe(150000n);
	});

	it('cumulativeCatchUp dated 2025-07-16 measures progress through 2025-07-15 (196 of 365 days)', () => {
		// 3650.00 at 10.00 a day; +365.00 makes 4015.00 at 11.00 a day. Through 2025-07-15 (196 days):
		// recognised 1960.00, the new plan 2156.00 → catch-up 196.00 in July. July's recognition line is the old plan's
		// 150.00 for July 1–15 plus the new plan's 176.00 for July 16–31 (16 × 11) = 326.00; Aug on 11.00 a day.
		// (Measured at July 1st, as before, the catch-up would have been 181.00 and July's line 341.00.)
		const result = run(yearContract('exactDays', '3650', { date: '2025-07-16', treatment: 'cumulativeCatchUp', priceChange: '365' }));
		expect(periodLines(result).slice(6)).toEqual([
			['2025-07', 'recognition', '326.00'],
			['2025-07', 'catchUp', '196.00'],
			['2025-08', 'recognition', '341.00'],
			['2025-09', 'recognition', '330.00'],
			['2025-10', 'recognition', '341.00'],
			['2025-11', 'recognition', '330.00'],
			['2025-12', 'recognition', '341.00'],
		]);
		expect(amounts(result, 'A').slice(0, 6)).toEqual(['310.00', '280.00', '310.00', '300.00', '310.00', '300.00']);
		expect(result.trace).toContain('  A: cumulative catch-up in 2025-07 = the new plan\'s revenue before 2025-07-16 2156.00 − recognised before 2025-07-16 1960.00 = 196.00.');
		expect(result.trace).toContain('  A: the 2025-07 recognition line is 150.00 recognised before 2025-07-16 + 176.00 of the new plan from 2025-07-16 on = 326.00.');
	});

	describe('dated on a period\'s first day, the result is what it was when modifications acted from the period start', () => {
		it('prospective exactDays on 2025-07-01: 1840.00 + 368.00 over 184 days = 12.00 a day', () => {
			const result = run(yearContract('exactDays', '3650', { date: '2025-07-01', treatment: 'prospective', priceChange: '368' }));
			expect(amounts(result, 'A')).toEqual(['310.00', '280.00', '310.00', '300.00', '310.00', '300.00', '372.00', '372.00', '360.00', '372.00', '360.00', '372.00']);
			expect(result.trace.join('\n')).not.toMatch(/is split/);
		});

		it('prospective evenPeriods on 2025-07-01: 600.00 + 300.00 over six months = 150.00 each', () => {
			const result = run(yearContract('evenPeriods', '1200', { date: '2025-07-01', treatment: 'prospective', priceChange: '300' }));
			expect(amounts(result, 'A')).toEqual([...Array(6).fill('100.00'), ...Array(6).fill('150.00')]);
		});

		it('cumulativeCatchUp exactDays on 2025-07-01: 181 days × 1.00 caught up, July at 11.00 a day', () => {
			const result = run(yearContract('exactDays', '3650', { date: '2025-07-01', treatment: 'cumulativeCatchUp', priceChange: '365' }));
			expect(periodLines(result).slice(6, 8)).toEqual([['2025-07', 'recognition', '341.00'], ['2025-07', 'catchUp', '181.00']]);
		});

		it('on a quarter calendar, 2025-04-01 starts Q2: Q1 stays, Q2–Q4 share the rest evenly', () => {
			const result = run(yearContract('evenPeriods', '1200', { date: '2025-04-01', treatment: 'prospective', priceChange: '300' }, { calendar: { type: 'quarter' } }));
			expect(amounts(result, 'A')).toEqual(['300.00', '400.00', '400.00', '400.00']);
		});
	});

	it('closedThrough: a date inside a closed period takes effect at the start of the first open period, a date in an open one on its day', () => {
		const closed = { closedThrough: '2025-06-30' };
		// Dated 2025-05-20 (closed): measured at 2025-07-01, 181 days × 1.00 = 181.00 caught up in July, no split.
		const fromClosed = run(yearContract('exactDays', '3650', { date: '2025-05-20', treatment: 'cumulativeCatchUp', priceChange: '365' }, closed));
		expect(periodLines(fromClosed).slice(0, 8)).toEqual([
			['2025-01', 'recognition', '310.00'], ['2025-02', 'recognition', '280.00'], ['2025-03', 'recognition', '310.00'],
			['2025-04', 'recognition', '300.00'], ['2025-05', 'recognition', '310.00'], ['2025-06', 'recognition', '300.00'],
			['2025-07', 'recognition', '341.00'], ['2025-07', 'catchUp', '181.00'],
		]);
		expect(fromClosed.trace.join('\n')).not.toMatch(/is split/);
		// Dated 2025-07-16 (open): the same split as without closed periods.
		const open = run(yearContract('exactDays', '3650', { date: '2025-07-16', treatment: 'cumulativeCatchUp', priceChange: '365' }, closed));
		expect(periodLines(open).slice(6, 8)).toEqual([['2025-07', 'recognition', '326.00'], ['2025-07', 'catchUp', '196.00']]);
	});

	it('the trace states every line of a split period next to its period', () => {
		for (const [convention, treatment] of [['exactDays', 'prospective'], ['prorateFirstLast', 'prospective'], ['periodRate', 'cumulativeCatchUp'], ['evenPeriods', 'cumulativeCatchUp']]) {
			const result = run(yearContract(convention, '1000', { date: '2025-03-11', treatment, priceChange: '123.45' }));
			const unexplained = result.schedule.filter((line) => !result.trace.some((step) => step.includes(line.period) && step.includes(line.amount)));
			expect(unexplained).toEqual([]);
			expect(result.trace.some((step) => step.includes('2025-03 is split at 2025-03-11'))).toBe(true);
		}
	});

	it('event-dated lines: a milestone met before the modification date in its period is recognised; a later one takes the re-spread', () => {
		// Milestones 50% on 2025-07-05 and 50% on 2025-07-25 of 1000.00; modification +200.00 on 2025-07-16.
		// The first milestone (500.00) was recognised before the 16th; the pool 500.00 + 200.00 goes to the second.
		const result = run(contract({
			obligations: [{ id: 'A', ssp: '1', pattern: { type: 'milestones', milestones: [{ id: 'm1', date: '2025-07-05', percent: 50 }, { id: 'm2', date: '2025-07-25', percent: 50 }] } }],
			modifications: [{ id: 'mid', date: '2025-07-16', treatment: 'prospective', priceChange: '200' }],
		}));
		expect(periodLines(result)).toEqual([['2025-07', 'recognition', '1200.00']]);
		expect(result.trace.join('\n')).toMatch(/1200\.00 − 500\.00 recognised before 2025-07-16 = 700\.00 from 2025-07-16 on/);
	});

	it('a point-in-time obligation delivered earlier in the period is complete and gets nothing of the re-spread pool', () => {
		const result = run(contract({
			transactionPrice: '1200',
			obligations: [
				{ id: 'device', ssp: '600', pattern: { type: 'pointInTime', date: '2025-07-03' } },
				{ id: 'service', ssp: '600', pattern: { type: 'straightLine', start: '2025-01-01', end: '2025-12-31', convention: 'evenPeriods' } },
			],
			modifications: [{ id: 'mid', date: '2025-07-16', treatment: 'prospective', priceChange: '0' }],
		}));
		expect(result.allocations.map((allocation) => allocation.allocated)).toEqual(['600.00', '600.00']);
		expect(amounts(result, 'device')).toEqual(['600.00']);
		// service: 300.00 + 50.00 × 15/31 = 24.19 before the 16th; 275.81 over six periods = 45.97 × 5 + 45.96 (largest remainder).
		expect(amounts(result, 'service')).toEqual([...Array(6).fill('50.00'), '70.16', '45.97', '45.97', '45.97', '45.97', '45.96']);
	});

	it('a catch-up booked earlier on the same day counts as recognised: variable consideration lifted with a prospective modification', () => {
		// Lifting 120.00 on 2025-07-01 adds 60.00 to each obligation: device (delivered in January) catches up 60.00,
		// service (660.00 over 12 months = 55.00) catches up 6 × 55 − 300 = 30.00. The modification on the same day
		// then finds device complete (660.00 recognised) and re-spreads only service's 330.00 from July: 55.00 a month.
		const result = run(contract({
			transactionPrice: '1200',
			obligations: [
				{ id: 'device', ssp: '600', pattern: { type: 'pointInTime', date: '2025-01-10' } },
				{ id: 'service', ssp: '600', pattern: { type: 'straightLine', start: '2025-01-01', end: '2025-12-31', convention: 'evenPeriods' } },
			],
			variableConsideration: [{ id: 'bonus', amount: '120', method: 'mostLikely', constrained: true, constraintLiftedOn: '2025-07-01' }],
			modifications: [{ id: 'same', date: '2025-07-01', treatment: 'prospective', priceChange: '0' }],
		}));
		expect(result.allocations.map((allocation) => allocation.allocated)).toEqual(['660.00', '660.00']);
		expect(periodLines(result, 'device')).toEqual([['2025-01', 'recognition', '600.00'], ['2025-07', 'catchUp', '60.00']]);
		expect(periodLines(result, 'service').slice(6, 8)).toEqual([['2025-07', 'recognition', '55.00'], ['2025-07', 'catchUp', '30.00']]);
	});

	it('two modifications in one period: the second splits the line the first one composed', () => {
		// After the first (2025-07-16) July is 150.00 + 192.00 = 342.00 (see above). The second on 2025-07-24 (+0.00,
		// prospective) cuts that line by its parts: 150.00 for July 1–15 and 12.00 a day for July 16–23 = 96.00, so
		// 246.00 of July is recognised before the 24th; the rest (96.00 + 1836.00 = 1932.00) over 2025-07-24..2025-12-31
		// (161 days) is 12.00 a day again.
		const result = run({
			...yearContract('exactDays', '3650', { date: '2025-07-16', treatment: 'prospective', priceChange: '338' }),
			modifications: [
				{ id: 'first', date: '2025-07-16', treatment: 'prospective', priceChange: '338' },
				{ id: 'second', date: '2025-07-24', treatment: 'prospective', priceChange: '0' },
			],
		});
		expect(amounts(result, 'A').slice(6)).toEqual(['342.00', '372.00', '360.00', '372.00', '360.00', '372.00']);
		expect(result.trace.join('\n')).toMatch(/3988\.00 − 2056\.00 recognised before 2025-07-24 = 1932\.00 from 2025-07-24 on/);
	});
});

describe('properties of modifications dated inside a period', () => {
	const FIRST = dayFromCivil(2024, 1, 1);
	const day = fc.integer({ min: FIRST, max: FIRST + 1000 });
	const iso = (value: number) => formatIsoDate(value);
	const straightLine = fc.record({ start: day, length: fc.integer({ min: 0, max: 800 }), convention: fc.constantFrom('exactDays', 'evenPeriods', 'prorateFirstLast', 'periodRate') })
		.map(({ start, length, convention }) => ({ type: 'straightLine', start: iso(start), end: iso(start + length), convention }));
	const pointInTime = day.map((value) => ({ type: 'pointInTime', date: iso(value) }));
	const milestones = fc.tuple(day, day).map(([a, b]) => ({ type: 'milestones', milestones: [{ id: 'a', date: iso(a), percent: 30 }, { id: 'b', date: iso(b), percent: 70 }] }));
	const calendars: CalendarType[] = ['month', 'quarter', 'year', 'fiscal445'];

	const arb = fc.record({
		currency: fc.constantFrom('USD', 'JPY', 'KWD'),
		price: fc.bigInt({ min: 0n, max: 10n ** 10n }),
		rounding: fc.constantFrom('largestRemainder', 'lastPeriodPlug', 'cumulative'),
		calendar: fc.constantFrom(...calendars),
		obligations: fc.array(fc.record({ ssp: fc.integer({ min: 1, max: 10_000 }), pattern: fc.oneof(straightLine, straightLine, pointInTime, milestones) }), { minLength: 1, maxLength: 3 }),
		modDay: day,
		offset: fc.integer({ min: 1, max: 80 }),
		treatment: fc.constantFrom('prospective', 'cumulativeCatchUp'),
		priceChange: fc.bigInt({ min: 0n, max: 10n ** 9n }),
	}).map((draw) => {
		// A date strictly inside its period: at least one day after the period's first day.
		const calendar = calendarFor(draw.calendar);
		const period = calendar.periodOf(draw.modDay);
		const date = Math.min(period.start + draw.offset, period.end);
		const input = {
			contractId: 'P',
			currency: draw.currency,
			transactionPrice: formatAmount(draw.price, draw.currency),
			allocation: { method: 'relativeSsp' },
			rounding: draw.rounding,
			calendar: { type: draw.calendar },
			obligations: draw.obligations.map((obligation, i) => ({ id: `O${i}`, ssp: String(obligation.ssp), pattern: obligation.pattern })),
		};
		const modification = { id: 'mid', date: iso(date), treatment: draw.treatment, priceChange: formatAmount(draw.priceChange, draw.currency) };
		return { input, modification, periodStart: period.startIso, change: draw.priceChange };
	});

	it('lines sum exactly to the allocations, allocations to the new price, and periods before the modification never change', () => {
		fc.assert(
			fc.property(arb, ({ input, modification, periodStart, change }) => {
				const base = computeRevenueSchedule(input);
				const result = computeRevenueSchedule({ ...input, modifications: [modification] });
				expect(result.errors).toEqual([]);
				const currency = input.currency;
				expect(total([result.transactionPrice!], currency)).toBe(total([input.transactionPrice], currency) + change);
				expect(total(result.allocations.map((allocation) => allocation.allocated), currency)).toBe(total([result.transactionPrice!], currency));
				for (const allocation of result.allocations) {
					const lines = linesOf(result, allocation.obligationId);
					expect(total(lines.map((line) => line.amount), currency)).toBe(total([allocation.allocated], currency));
				}
				const before = (schedule: RevenueResult) => schedule.schedule.filter((line) => line.periodEnd < periodStart);
				expect(before(result)).toEqual(before(base));
				expect(journalBalances(result)).toBe(true);
			}),
			{ numRuns: 300 },
		);
	});

	it('at a whole daily rate, every line is the old rate × its days before the date + the new rate × its days from it', () => {
		const parse = (text: string) => dayFromCivil(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
		fc.assert(
			fc.property(
				day,
				fc.integer({ min: 1, max: 800 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.constantFrom<CalendarType>('month', 'quarter', 'fiscal445', 'fiscal544'),
				fc.constantFrom('prospective', 'cumulativeCatchUp'),
				fc.constantFrom('USD', 'JPY', 'KWD'),
				(start, length, where, calendar, treatment, currency) => {
					// 1000 minor units a day over start..end; the modification on day `date` (start < date <= end) raises the
					// rate to 1500 a day: prospectively by 500 × the remaining days, as a catch-up by 500 × all the days.
					const end = start + length;
					const date = start + 1 + Math.min(length - 1, Math.floor(where * length));
					const termDays = BigInt(length + 1);
					const raise = treatment === 'prospective' ? BigInt(end - date + 1) * 500n : termDays * 500n;
					const result = computeRevenueSchedule({
						contractId: 'R', currency, transactionPrice: formatAmount(termDays * 1000n, currency), allocation: { method: 'relativeSsp' }, calendar: { type: calendar },
						obligations: [{ id: 'A', ssp: '1', pattern: { type: 'straightLine', start: iso(start), end: iso(end), convention: 'exactDays' } }],
						modifications: [{ id: 'm', date: iso(date), treatment, priceChange: formatAmount(raise, currency) }],
					});
					expect(result.errors).toEqual([]);
					for (const line of result.schedule) {
						const from = Math.max(start, parse(line.periodStart));
						const to = Math.min(end, parse(line.periodEnd));
						const before = BigInt(Math.max(0, Math.min(to, date - 1) - from + 1));
						const after = BigInt(Math.max(0, to - Math.max(from, date) + 1));
						const expected = line.kind === 'recognition' ? before * 1000n + after * 1500n : BigInt(date - start) * 500n;
						expect(total([line.amount], currency)).toBe(expected);
					}
					expect(result.schedule.some((line) => line.kind === 'catchUp')).toBe(treatment === 'cumulativeCatchUp');
				},
			),
			{ numRuns: 200 },
		);
	});

	it('moving a modification from the first day of its period to a later day leaves every earlier period alone', () => {
		fc.assert(
			fc.property(arb, ({ input, modification, periodStart }) => {
				const onFirstDay = computeRevenueSchedule({ ...input, modifications: [{ ...modification, date: periodStart }] });
				const inside = computeRevenueSchedule({ ...input, modifications: [modification] });
				const before = (result: RevenueResult) => result.schedule.filter((line) => line.periodEnd < periodStart);
				expect(before(inside)).toEqual(before(onFirstDay));
				expect(inside.allocations.map((allocation) => allocation.obligationId)).toEqual(onFirstDay.allocations.map((allocation) => allocation.obligationId));
			}),
			{ numRuns: 150 },
		);
	});
});
