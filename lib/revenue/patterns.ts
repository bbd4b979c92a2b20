import { Rational, formatScaled, gcd, pow10, roundHalfUpDiv } from '../money/rational';
import type { Calendar, Period } from './calendar';
import { type DayNumber, formatIsoDate } from './dates';
import type { Pattern } from './types';

/** One exact (unrounded) line of a plan, in minor units. `adjustment` marks catch-ups from revised estimates. */
export interface RawLine {
	period: number;
	adjustment: boolean;
	value: Rational;
	/** Plain-English explanation of the value. */
	note?: string;
	/**
	 * The days the line is earned over, inclusive (one day for event-dated lines: a delivery, milestone, progress
	 * point or invoice). Absent: the whole period. A modification dated inside the period splits the line by it.
	 */
	from?: DayNumber;
	to?: DayNumber;
}

export interface PatternContext {
	calendar: Calendar;
	units: number;
	trace: boolean;
}

const HUNDRED = Rational.of(100);

/** Minor units as a major-unit decimal, for explanations. */
export function money(minor: bigint, units: number): string {
	return formatScaled(minor, units);
}

/** An exact minor-unit rational as a decimal with four extra places, for explanations. */
export function exact(value: Rational, units: number): string {
	return exactOver(value.num, value.den, units);
}

/** exact() of num / den, den positive and the fraction not necessarily in lowest terms. */
export function exactOver(num: bigint, den: bigint, units: number): string {
	if (den === 1n) return formatScaled(num, units);
	if (num % den === 0n) return formatScaled(num / den, units);
	return `${formatScaled(roundHalfUpDiv(num * EXTRA_PLACES, den), units + 4)}…`;
}

/** The four extra decimal places of exact(). */
const EXTRA_PLACES = pow10(4);

/**
 * The exact lines a pattern asks for when `amount` (minor units) is recognised over it. `clipStart` starts a
 * straight line later (a prospective modification recognises only the rest of the term). prorateFirstLast is
 * its own rounding convention and already returns whole minor units. `recognisedBefore` is what the obligation
 * recognised before these lines (a prospective modification's history): as-invoiced revenue keeps the
 * obligation's cumulative revenue within 0..(recognisedBefore + amount).
 */
export function patternLines(pattern: Pattern, amount: bigint, ctx: PatternContext, clipStart?: DayNumber, recognisedBefore = 0n): RawLine[] {
	switch (pattern.type) {
		case 'pointInTime': {
			const period = ctx.calendar.periodOf(pattern.date);
			return [{ period: period.index, adjustment: false, value: Rational.fromBigInt(amount), note: ctx.trace ? `delivered on ${formatIsoDate(pattern.date)}: all of ${money(amount, ctx.units)}` : undefined, from: pattern.date, to: pattern.date }];
		}
		case 'straightLine':
			return straightLine(pattern, amount, ctx, clipStart);
		case 'milestones':
			return milestones(pattern, amount, ctx);
		case 'percentComplete':
			return percentComplete(pattern, amount, ctx);
		case 'asInvoiced':
			return asInvoiced(pattern, amount, ctx, recognisedBefore);
	}
}

/**
 * Right to invoice (ASC 606-10-55-18): revenue to date is the amount invoiced to date, held within what the
 * obligation may recognise: never above its allocation (`amount`; the excess invoiced is not revenue and, once
 * billed, stays a contract liability) and never below zero (a credit reverses revenue only down to nothing).
 * Each invoice's line is the step in that held running total, in date order.
 */
function asInvoiced(pattern: Extract<Pattern, { type: 'asInvoiced' }>, amount: bigint, ctx: PatternContext, recognisedBefore: bigint): RawLine[] {
	const lowest = -recognisedBefore;
	const held = (invoiced: bigint) => (invoiced > amount ? amount : invoiced < lowest ? lowest : invoiced);
	let invoiced = 0n;
	let revenue = 0n;
	const order = pattern.invoices.map((_, i) => i).sort((a, b) => pattern.invoices[a].date - pattern.invoices[b].date || a - b);
	return order.map((i) => {
		const invoice = pattern.invoices[i];
		invoiced += invoice.amount;
		const step = held(invoiced) - revenue;
		revenue += step;
		let note: string | undefined;
		if (ctx.trace) {
			note = `invoiced ${money(invoice.amount, ctx.units)} on ${formatIsoDate(invoice.date)} (right to invoice)`;
			if (step !== invoice.amount) {
				note += `, ${money(invoiced, ctx.units)} invoiced to date is held to ${money(revenue, ctx.units)}: revenue stays within 0..${money(amount, ctx.units)} allocated${recognisedBefore ? ` from here (after ${money(recognisedBefore, ctx.units)} recognised before)` : ''}, so ${money(step, ctx.units)} of it is revenue`;
			}
		}
		return { period: ctx.calendar.periodOf(invoice.date).index, adjustment: false, value: Rational.fromBigInt(step), note, from: invoice.date, to: invoice.date };
	});
}

/** A period a date range touches, with the range's days inside it (`from`..`to`, inclusive). */
export interface Touched {
	period: Period;
	days: number;
	from: DayNumber;
	to: DayNumber;
}

/** Periods a date range touches, with the days of the range inside each. */
export function touchedPeriods(calendar: Calendar, start: DayNumber, end: DayNumber): Touched[] {
	const result: Touched[] = [];
	let index = calendar.indexOf(start);
	for (;;) {
		const period = calendar.period(index);
		const from = Math.max(start, period.start);
		const to = Math.min(end, period.end);
		result.push({ period, days: to - from + 1, from, to });
		if (period.end >= end) return result;
		index++;
	}
}

/**
 * A straight line's exact lines as numerators over one shared denominator (line i is nums[i] / den, not reduced):
 * the engine rounds them as they are, without a Rational per line. `notes` explain each line when tracing.
 */
export interface StraightLineShares {
	touched: Touched[];
	nums: bigint[];
	den: bigint;
	notes: Array<string | undefined>;
}

export function straightLineShares(pattern: Extract<Pattern, { type: 'straightLine' }>, amount: bigint, ctx: PatternContext, clipStart?: DayNumber): StraightLineShares {
	const start = clipStart !== undefined ? Math.max(pattern.start, clipStart) : pattern.start;
	const end = pattern.end;
	if (start > end) return { touched: [], nums: [], den: 1n, notes: [] };
	const touched = touchedPeriods(ctx.calendar, start, end);
	const termDays = end - start + 1;
	const range = ctx.trace ? `${formatIsoDate(start)}..${formatIsoDate(end)}` : '';
	const amountText = ctx.trace ? money(amount, ctx.units) : '';
	const n = touched.length;
	const nums = new Array<bigint>(n);
	const notes = new Array<string | undefined>(n);
	switch (pattern.convention) {
		case 'evenPeriods': {
			const note = ctx.trace ? `evenPeriods over ${range}: ${amountText} / ${n} periods` : undefined;
			for (let i = 0; i < n; i++) {
				nums[i] = amount;
				notes[i] = note;
			}
			return { touched, nums, den: BigInt(n), notes };
		}
		case 'periodRate': {
			// Weight of a period: its days in the term over its days. Over the lcm L of the period lengths, the weight
			// is days × (L / length) / L, so line i is amount × days_i × (L / length_i) / Σ days × (L / length).
			let lcm = 1n;
			for (const { period } of touched) {
				const length = BigInt(period.end - period.start + 1);
				if (lcm % length !== 0n) lcm = (lcm * length) / gcd(lcm, length);
			}
			let weightSum = 0n;
			const weights = new Array<bigint>(n);
			for (let i = 0; i < n; i++) {
				const { period, days } = touched[i];
				weights[i] = BigInt(days) * (lcm / BigInt(period.end - period.start + 1));
				weightSum += weights[i];
			}
			const sumText = ctx.trace ? exactRatio(Rational.of(weightSum, lcm)) : '';
			for (let i = 0; i < n; i++) {
				const { period, days } = touched[i];
				nums[i] = amount * weights[i];
				notes[i] = ctx.trace
					? `periodRate over ${range}: weight ${days}/${period.end - period.start + 1} days of the period, of total weight ${sumText}: ${amountText} × ${days}/${period.end - period.start + 1} / ${sumText}`
					: undefined;
			}
			return { touched, nums, den: weightSum, notes };
		}
		case 'prorateFirstLast':
			prorateFirstLast(touched, amount, termDays, range, ctx, nums, notes);
			return { touched, nums, den: 1n, notes };
		default: {
			// Months of the same length share their note.
			const noteByDays = new Map<number, string>();
			for (let i = 0; i < n; i++) {
				const inPeriod = touched[i].days;
				nums[i] = amount * BigInt(inPeriod);
				if (ctx.trace) {
					let note = noteByDays.get(inPeriod);
					if (note === undefined) {
						note = `exactDays over ${range}: ${amountText} × ${inPeriod}/${termDays} days`;
						noteByDays.set(inPeriod, note);
					}
					notes[i] = note;
				}
			}
			return { touched, nums, den: BigInt(termDays), notes };
		}
	}
}

function straightLine(pattern: Extract<Pattern, { type: 'straightLine' }>, amount: bigint, ctx: PatternContext, clipStart?: DayNumber): RawLine[] {
	const { touched, nums, den, notes } = straightLineShares(pattern, amount, ctx, clipStart);
	return touched.map(({ period, from, to }, i) => ({ period: period.index, adjustment: false, from, to, value: Rational.of(nums[i], den), note: notes[i] }));
}

function exactRatio(value: Rational): string {
	return value.isInteger() ? value.toString() : value.toDecimalString(6);
}

/**
 * NetSuite's "prorate first & last period": the first and last periods get amount × their days / term days,
 * each rounded half-up; the middle periods share the rest equally (rounded half-up) and the rounding
 * difference goes to the next-to-last period. Whole minor units, written into `values` and `notes`.
 */
function prorateFirstLast(touched: Touched[], amount: bigint, termDays: number, range: string, ctx: PatternContext, values: bigint[], notes: Array<string | undefined>): void {
	const n = touched.length;
	const amountText = ctx.trace ? money(amount, ctx.units) : '';
	const line = (i: number, value: bigint, note: string) => {
		values[i] = value;
		notes[i] = ctx.trace ? `prorateFirstLast over ${range}: ${note}` : undefined;
	};
	if (n === 1) return line(0, amount, `a single period takes all of ${amountText}`);
	const days = BigInt(termDays);
	const first = roundHalfUpDiv(amount * BigInt(touched[0].days), days);
	const last = roundHalfUpDiv(amount * BigInt(touched[n - 1].days), days);
	if (n === 2) {
		line(0, amount - last, `first period ${amountText} × ${touched[0].days}/${termDays} days, taking the rounding difference as next-to-last period`);
		line(1, last, `last period ${amountText} × ${touched[1].days}/${termDays} days, rounded half-up`);
		return;
	}
	const rest = amount - first - last;
	const middles = BigInt(n - 2);
	const middle = roundHalfUpDiv(rest, middles);
	const nextToLast = rest - middle * (middles - 1n);
	line(0, first, `first period ${amountText} × ${touched[0].days}/${termDays} days, rounded half-up`);
	const middleNote = ctx.trace ? `middle period: rest ${money(rest, ctx.units)} / ${middles} periods, rounded half-up` : '';
	for (let i = 1; i < n - 1; i++) {
		if (i === n - 2) line(i, nextToLast, `next-to-last period: rest ${money(rest, ctx.units)} − ${middles - 1n} × ${money(middle, ctx.units)} (takes the rounding difference)`);
		else line(i, middle, middleNote);
	}
	line(n - 1, last, `last period ${amountText} × ${touched[n - 1].days}/${termDays} days, rounded half-up`);
}

function milestones(pattern: Extract<Pattern, { type: 'milestones' }>, amount: bigint, ctx: PatternContext): RawLine[] {
	const total = Rational.fromBigInt(amount);
	const byAmount = pattern.milestones.some((milestone) => milestone.amount !== undefined);
	const amountSum = pattern.milestones.reduce((sum, milestone) => sum + (milestone.amount ?? 0n), 0n);
	return pattern.milestones.map((milestone) => {
		const period = ctx.calendar.periodOf(milestone.date).index;
		let value: Rational;
		let note = '';
		if (!byAmount) {
			const percent = milestone.percent ?? Rational.ZERO;
			value = total.mul(percent).div(HUNDRED);
			if (ctx.trace) note = `milestone ${milestone.id} on ${formatIsoDate(milestone.date)}: ${percent.toDecimalString(4)}% × ${money(amount, ctx.units)}`;
		} else if (amountSum === amount || amountSum === 0n) {
			value = Rational.fromBigInt(milestone.amount ?? 0n);
			if (ctx.trace) note = `milestone ${milestone.id} on ${formatIsoDate(milestone.date)}: its amount ${money(milestone.amount ?? 0n, ctx.units)}`;
		} else {
			value = total.mul(Rational.of(milestone.amount ?? 0n, amountSum));
			if (ctx.trace) {
				note = `milestone ${milestone.id} on ${formatIsoDate(milestone.date)}: ${money(amount, ctx.units)} × its amount ${money(milestone.amount ?? 0n, ctx.units)} / all milestone amounts ${money(amountSum, ctx.units)}`;
			}
		}
		return { period, adjustment: false, value, note, from: milestone.date, to: milestone.date };
	});
}

/** Progress as a fraction (capped at 1); with percentPrecision the percentage is rounded half-up first. */
function progressFraction(actual: Rational, estimate: Rational, precision: number | undefined): Rational {
	let fraction = actual.div(estimate);
	if (fraction.compare(Rational.ONE) > 0) fraction = Rational.ONE;
	if (precision === undefined) return fraction;
	const scale = pow10(precision + 2);
	return Rational.of(roundHalfUpDiv(fraction.num * scale, fraction.den), scale);
}

function percentText(fraction: Rational): string {
	return fraction.mul(HUNDRED).isInteger() ? fraction.mul(HUNDRED).toString() : fraction.mul(HUNDRED).toDecimalString(6).replace(/0+$/, '');
}

/**
 * Cumulative revenue at each progress point = amount × actual / estimate; the period's revenue is the step from
 * the previous point. When the estimate changes, re-measuring the earlier progress with the new estimate is a
 * cumulative catch-up in the period of the new point.
 */
function percentComplete(pattern: Extract<Pattern, { type: 'percentComplete' }>, amount: bigint, ctx: PatternContext): RawLine[] {
	const total = Rational.fromBigInt(amount);
	const precision = pattern.percentPrecision;
	const amountText = ctx.trace ? money(amount, ctx.units) : '';
	const lines: RawLine[] = [];
	let previous: { actual: Rational; estimate: Rational; fraction: Rational } | undefined;
	for (const point of pattern.progress) {
		const period = ctx.calendar.periodOf(point.periodEnd).index;
		const from = point.periodEnd;
		const to = point.periodEnd;
		const fraction = progressFraction(point.cumulativeActual, point.estimatedTotal, precision);
		const at = formatIsoDate(point.periodEnd);
		if (previous && !previous.estimate.equals(point.estimatedTotal)) {
			const remeasured = progressFraction(previous.actual, point.estimatedTotal, precision);
			lines.push({
				period,
				from,
				to,
				adjustment: true,
				value: total.mul(remeasured.sub(previous.fraction)),
				note: ctx.trace
					? `estimate revised on ${at} from ${previous.estimate.toDecimalString(2)} to ${point.estimatedTotal.toDecimalString(2)} ${pattern.measure}: earlier progress re-measured ${percentText(previous.fraction)}% → ${percentText(remeasured)}%, catch-up ${amountText} × (${percentText(remeasured)}% − ${percentText(previous.fraction)}%)`
					: undefined,
			});
			lines.push({
				period,
				from,
				to,
				adjustment: false,
				value: total.mul(fraction.sub(remeasured)),
				note: ctx.trace ? `progress on ${at}: ${percentText(fraction)}% (${point.cumulativeActual.toDecimalString(2)}/${point.estimatedTotal.toDecimalString(2)} ${pattern.measure}), ${amountText} × (${percentText(fraction)}% − ${percentText(remeasured)}%)` : undefined,
			});
		} else {
			const before = previous?.fraction ?? Rational.ZERO;
			lines.push({
				period,
				from,
				to,
				adjustment: false,
				value: total.mul(fraction.sub(before)),
				note: ctx.trace ? `progress on ${at}: ${percentText(fraction)}% (${point.cumulativeActual.toDecimalString(2)}/${point.estimatedTotal.toDecimalString(2)} ${pattern.measure}), ${amountText} × (${percentText(fraction)}% − ${percentText(before)}%)` : undefined,
			});
		}
		previous = { actual: point.cumulativeActual, estimate: point.estimatedTotal, fraction };
	}
	return lines;
}

/** True when the pattern still has something to recognise on or after the day. */
export function patternActiveFrom(pattern: Pattern, day: DayNumber): boolean {
	switch (pattern.type) {
		case 'pointInTime':
			return pattern.date >= day;
		case 'straightLine':
			return pattern.end >= day;
		case 'milestones':
			return pattern.milestones.some((milestone) => milestone.date >= day);
		case 'percentComplete':
			return pattern.progress.some((point) => point.periodEnd >= day);
		case 'asInvoiced':
			return pattern.invoices.some((invoice) => invoice.date >= day);
	}
}
