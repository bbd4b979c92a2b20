import { Calendar, parseIsoDate } from '../../lib/revenue';
import { contract, linesOf, run } from './helpers';

const day = (iso: string) => parseIsoDate(iso)!;
const at = (calendar: Calendar, iso: string) => {
	const period = calendar.periodOf(day(iso));
	return [period.label, period.startIso, period.endIso];
};

describe('calendars and period labels', () => {
	it('months, quarters and years', () => {
		expect(at(new Calendar('month'), '2024-02-29')).toEqual(['2024-02', '2024-02-01', '2024-02-29']);
		expect(at(new Calendar('month'), '2025-02-10')).toEqual(['2025-02', '2025-02-01', '2025-02-28']);
		expect(at(new Calendar('month'), '2025-12-31')).toEqual(['2025-12', '2025-12-01', '2025-12-31']);
		expect(at(new Calendar('quarter'), '2025-05-10')).toEqual(['2025-Q2', '2025-04-01', '2025-06-30']);
		expect(at(new Calendar('quarter'), '2025-12-31')).toEqual(['2025-Q4', '2025-10-01', '2025-12-31']);
		expect(at(new Calendar('year'), '2024-07-01')).toEqual(['2024', '2024-01-01', '2024-12-31']);
	});

	it('fiscal 4-4-5: 4, 4 and 5 weeks per quarter; P12 runs to the day before the next fiscal year (NetSuite 4-4-5 calendar)', () => {
		const calendar = new Calendar('fiscal445');
		expect(at(calendar, '2025-01-01')).toEqual(['FY2025-P01', '2025-01-01', '2025-01-28']);
		expect(at(calendar, '2025-01-29')).toEqual(['FY2025-P02', '2025-01-29', '2025-02-25']);
		expect(at(calendar, '2025-03-15')).toEqual(['FY2025-P03', '2025-02-26', '2025-04-01']);
		// 47 weeks after Jan 1 is Nov 26; P12 has 5 weeks plus the 365th day.
		expect(at(calendar, '2025-12-31')).toEqual(['FY2025-P12', '2025-11-26', '2025-12-31']);
		expect(at(calendar, '2026-01-01')[0]).toBe('FY2026-P01');
	});

	it('fiscal 4-5-4 and 5-4-4 put the five-week period second and first', () => {
		expect(at(new Calendar('fiscal454'), '2025-01-29')).toEqual(['FY2025-P02', '2025-01-29', '2025-03-04']);
		expect(at(new Calendar('fiscal544'), '2025-01-01')).toEqual(['FY2025-P01', '2025-01-01', '2025-02-04']);
	});

	it('fiscalYearStart: a year starting 07-01 is named after the year it ends in', () => {
		const calendar = new Calendar('fiscal445', '07-01');
		expect(at(calendar, '2025-07-01')).toEqual(['FY2026-P01', '2025-07-01', '2025-07-28']);
		expect(at(calendar, '2025-06-30')[0]).toBe('FY2025-P12');
		// Leap day inside the fiscal year: P12 starts 329 days after 2023-07-01 and absorbs the two days beyond 52 weeks.
		expect(at(calendar, '2024-06-30')).toEqual(['FY2024-P12', '2024-05-25', '2024-06-30']);
	});

	it('consecutive periods tile the timeline with no gaps or overlaps (every calendar, 2023–2027)', () => {
		for (const type of ['month', 'quarter', 'year', 'fiscal445', 'fiscal454', 'fiscal544'] as const) {
			const calendar = new Calendar(type, type.startsWith('fiscal') ? '04-06' : undefined);
			let period = calendar.periodOf(day('2023-01-01'));
			while (period.end < day('2027-12-31')) {
				const next = calendar.period(period.index + 1);
				expect(next.start).toBe(period.end + 1);
				expect(calendar.periodOf(next.start).index).toBe(next.index);
				expect(calendar.periodOf(next.end).index).toBe(next.index);
				period = next;
			}
		}
	});

	it('the engine labels schedule lines with the contract calendar', () => {
		const result = run(contract({
			calendar: { type: 'fiscal445' },
			obligations: [{ id: 'A', ssp: '1', pattern: { type: 'straightLine', start: '2025-01-01', end: '2025-03-31', convention: 'exactDays' } }],
		}));
		expect(linesOf(result, 'A').map((line) => line.period)).toEqual(['FY2025-P01', 'FY2025-P02', 'FY2025-P03']);
		// 28 + 28 + 34 days of 90 → 311.11…, 311.11…, 377.77…
		expect(linesOf(result, 'A').map((line) => line.amount)).toEqual(['311.11', '311.11', '377.78']);
	});
});
