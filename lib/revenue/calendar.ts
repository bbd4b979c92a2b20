import { type DayNumber, civilFromDay, dayFromCivil, formatIsoDate } from './dates';

export type CalendarType = 'month' | 'quarter' | 'year' | 'fiscal445' | 'fiscal454' | 'fiscal544';

export interface Period {
	/** Ordinal that sorts periods in time; consecutive periods have consecutive indexes. */
	index: number;
	label: string;
	start: DayNumber;
	/** Inclusive last day. */
	end: DayNumber;
	startIso: string;
	endIso: string;
}

const WEEK_PATTERNS: Record<'fiscal445' | 'fiscal454' | 'fiscal544', number[]> = {
	fiscal445: [4, 4, 5],
	fiscal454: [4, 5, 4],
	fiscal544: [5, 4, 4],
};

/**
 * Accounting periods. Calendar months, quarters and years are what they say. The fiscal 4-4-5 / 4-5-4 / 5-4-4
 * calendars split a fiscal year that starts on `fiscalYearStart` (MM-DD, default 01-01) into twelve periods of
 * whole weeks in the quarter pattern; the twelfth period ends the day before the next fiscal year starts, so it
 * also carries the one or two days a 365/366-day year has beyond 52 weeks. A fiscal year is named after the
 * calendar year in which it ends ("FY2025-P01").
 */
export class Calendar {
	readonly type: CalendarType;
	private readonly startMonth: number;
	private readonly startDay: number;
	private readonly cache = new Map<number, Period>();

	constructor(type: CalendarType, fiscalYearStart = '01-01') {
		this.type = type;
		const [month, day] = fiscalYearStart.split('-').map(Number);
		this.startMonth = month;
		this.startDay = day;
	}

	/** The period that contains the day. */
	periodOf(day: DayNumber): Period {
		return this.period(this.indexOf(day));
	}

	indexOf(day: DayNumber): number {
		const { year, month } = civilFromDay(day);
		switch (this.type) {
			case 'month':
				return year * 12 + (month - 1);
			case 'quarter':
				return year * 4 + Math.floor((month - 1) / 3);
			case 'year':
				return year;
			default: {
				let fiscalYear = this.fiscalYearEndingIn(year);
				if (day < this.fiscalYearStartDay(fiscalYear)) fiscalYear -= 1;
				else if (day >= this.fiscalYearStartDay(fiscalYear + 1)) fiscalYear += 1;
				const starts = this.fiscalPeriodStarts(fiscalYear);
				let p = 11;
				while (p > 0 && day < starts[p]) p--;
				return fiscalYear * 12 + p;
			}
		}
	}

	/** The period with the given index (cached: contracts share periods). */
	period(index: number): Period {
		let period = this.cache.get(index);
		if (period === undefined) {
			period = this.build(index);
			this.cache.set(index, period);
		}
		return period;
	}

	private build(index: number): Period {
		let start: DayNumber;
		let end: DayNumber;
		let label: string;
		switch (this.type) {
			case 'month': {
				const year = Math.floor(index / 12);
				const month = index - year * 12 + 1;
				start = dayFromCivil(year, month, 1);
				end = (month === 12 ? dayFromCivil(year + 1, 1, 1) : dayFromCivil(year, month + 1, 1)) - 1;
				label = `${year}-${String(month).padStart(2, '0')}`;
				break;
			}
			case 'quarter': {
				const year = Math.floor(index / 4);
				const quarter = index - year * 4;
				start = dayFromCivil(year, quarter * 3 + 1, 1);
				end = (quarter === 3 ? dayFromCivil(year + 1, 1, 1) : dayFromCivil(year, quarter * 3 + 4, 1)) - 1;
				label = `${year}-Q${quarter + 1}`;
				break;
			}
			case 'year':
				start = dayFromCivil(index, 1, 1);
				end = dayFromCivil(index + 1, 1, 1) - 1;
				label = String(index);
				break;
			default: {
				const fiscalYear = Math.floor(index / 12);
				const p = index - fiscalYear * 12;
				const starts = this.fiscalPeriodStarts(fiscalYear);
				start = starts[p];
				end = (p === 11 ? this.fiscalYearStartDay(fiscalYear + 1) : starts[p + 1]) - 1;
				label = `FY${fiscalYear}-P${String(p + 1).padStart(2, '0')}`;
			}
		}
		return { index, label, start, end, startIso: formatIsoDate(start), endIso: formatIsoDate(end) };
	}

	/** Calendar year in which the fiscal year that starts in `year` ends. */
	private fiscalYearEndingIn(year: number): number {
		return this.startMonth === 1 && this.startDay === 1 ? year : year + 1;
	}

	private fiscalYearStartDay(fiscalYear: number): DayNumber {
		const startYear = this.startMonth === 1 && this.startDay === 1 ? fiscalYear : fiscalYear - 1;
		return dayFromCivil(startYear, this.startMonth, this.startDay);
	}

	private fiscalPeriodStarts(fiscalYear: number): DayNumber[] {
		const weeks = WEEK_PATTERNS[this.type as keyof typeof WEEK_PATTERNS];
		const starts: DayNumber[] = [];
		let day = this.fiscalYearStartDay(fiscalYear);
		for (let p = 0; p < 12; p++) {
			starts.push(day);
			day += weeks[p % 3] * 7;
		}
		return starts;
	}
}

/** Shared calendars: the period cache pays off across contracts. */
const CALENDARS = new Map<string, Calendar>();
export function calendarFor(type: CalendarType, fiscalYearStart?: string): Calendar {
	const key = `${type}|${fiscalYearStart ?? '01-01'}`;
	let calendar = CALENDARS.get(key);
	if (!calendar) {
		calendar = new Calendar(type, fiscalYearStart);
		if (CALENDARS.size < 64) CALENDARS.set(key, calendar);
	}
	return calendar;
}
