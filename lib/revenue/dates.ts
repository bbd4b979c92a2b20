/**
 * Calendar dates as integer day numbers (days since 1970-01-01), with no time zone involved: an ISO date is a
 * day on the calendar, so arithmetic is plain integer arithmetic (Howard Hinnant's civil-date algorithms).
 */

export type DayNumber = number;

export function dayFromCivil(year: number, month: number, day: number): DayNumber {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const mp = (month + 9) % 12;
	const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

export function civilFromDay(dayNumber: DayNumber): { year: number; month: number; day: number } {
	const z = dayNumber + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a valid ISO calendar date (YYYY-MM-DD), or undefined. */
export function parseIsoDate(text: unknown): DayNumber | undefined {
	if (typeof text !== 'string') return undefined;
	const match = ISO_DATE.exec(text);
	if (!match) return undefined;
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
	return dayFromCivil(year, month, day);
}

const ISO_CACHE = new Map<DayNumber, string>();

export function formatIsoDate(dayNumber: DayNumber): string {
	let text = ISO_CACHE.get(dayNumber);
	if (text === undefined) {
		const { year, month, day } = civilFromDay(dayNumber);
		text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
		if (ISO_CACHE.size < 100000) ISO_CACHE.set(dayNumber, text);
	}
	return text;
}
