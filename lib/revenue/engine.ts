/**
 * The revenue engine. How it reads the rules where they leave room:
 * - Every obligation has a plan: exact rational lines per period from its pattern, rounded once with the contract's
 *   rounding mode, so the plan sums exactly to the obligation's allocation.
 * - Events (variable consideration lifted, earned or lost; modifications) take effect on their date, or at the
 *   start of the first open period when their period is closed. Lines of earlier periods are never touched. The
 *   period containing the date is split there: each of its lines is earned evenly over the days of its parts (a
 *   straight line's days of the term in the period, whatever the convention; an event-dated line - delivery,
 *   milestone, progress point, invoice - on its day; a catch-up booked by an earlier event on that event's day),
 *   and its part before the date is the line × the weighted share of those days before the date, rounded half-up
 *   to the minor unit. "Recognised before the date" is the earlier periods' lines plus those parts; the date
 *   itself belongs to the new terms (progress is measured through the day before it).
 * - A cumulative catch-up is the new plan's revenue before the date (cut the same way) minus what was recognised
 *   before it, posted in the event's period; that period's recognition line is the old plan's part before the
 *   date plus the new plan's part from the date on. A prospective modification allocates the unrecognised
 *   consideration plus the price change to the remaining obligations and spreads it from the date on: straight
 *   lines over the remaining term [date, end] with their own convention, event-dated patterns over their events
 *   on or after the date; the period's line is the part recognised before the date plus the new plan's line.
 * - Allocation across obligations always uses the largest-remainder method (ties to the earlier obligation), so
 *   an obligation's numbers do not depend on where it is listed except for a tied unit.
 * - The as-of date drops events dated after it and periods that start after it (its own period is included).
 * - Revenue to date of an obligation stays within 0..its allocation (the one in force) at every period end. As-invoiced
 *   revenue is the amount invoiced to date held to that range (the excess is not revenue; billed, it is a contract
 *   liability); a line that would step outside by rounding or a convention's plug gives the units to the next
 *   line; anything else that would leave the range is an error, never a schedule.
 * - Every change of the transaction price (inception, variable consideration, each kind of modification; a separate
 *   contract for its own price) passes one check: not below zero. A prospective modification cannot leave the
 *   remaining obligations negative consideration. A separate contract's errors are its parent's.
 * - A contract's span in periods and its schedule lines are bounded (DEFAULT_LIMITS, or the caller's), checked
 *   before anything is generated.
 */
import { roundNumerators, roundValues } from '../money/allocate';
import { Rational, formatScaled } from '../money/rational';
import { allocate, sspMinor } from './allocation';
import { buildBalances, buildJournal, DEFAULT_ACCOUNTS, PeriodAmounts } from './balances';
import type { Calendar, Period } from './calendar';
import { type DayNumber, formatIsoDate, parseIsoDate } from './dates';
import { parseContract } from './input';
import { type PatternContext, type RawLine, type StraightLineShares, exact, exactOver, money, patternActiveFrom, patternLines, straightLineShares } from './patterns';
import type { Contract, Issue, Modification, Obligation, Pattern, RevenueLimits, RevenueOptions, RevenueResult, ScheduleLine, VariableConsideration } from './types';

/**
 * What one contract may cost unless the caller says otherwise: 1,200 periods (a century of months) from its first
 * to its last dated event, and 100,000 schedule lines over all its obligations.
 */
export const DEFAULT_LIMITS: RevenueLimits = { maxPeriods: 1200, maxLines: 100_000 };

/**
 * A part of a line earned evenly over the days `from`..`to` (inclusive), in proportion to `weight` among the
 * line's parts. `booked` marks a catch-up posted by an earlier event on day `from`: it counts as recognised
 * before any later event on that same day.
 */
export interface Span {
	from: DayNumber;
	to: DayNumber;
	weight: Rational;
	booked?: boolean;
}

/** One rounded schedule line of an obligation, in minor units. */
export interface Line {
	period: number;
	adjustment: boolean;
	amount: bigint;
	/**
	 * How the line is earned within its period: evenly over `from`..`to` (absent: the whole period), or, for a line
	 * composed of several parts (merged lines, catch-ups), over `spans`.
	 */
	from?: DayNumber;
	to?: DayNumber;
	spans?: Span[];
	/** The amount as written (formatScaled), when the trace already wrote it; a line's amount never changes after. */
	text?: string;
}

/** Where an event takes effect: its own date, or the start of the first open period when its period is closed. */
interface Effective {
	period: number;
	date: DayNumber;
}

/** An obligation's lines cut at an event's date: what was recognised before it, and what comes from it on. */
interface Cut {
	before: Line[];
	after: Line[];
	recognised: bigint;
}

interface ObligationState {
	obligation: Obligation;
	total: bigint;
	lines: Line[];
	removed: boolean;
	/**
	 * Set by a prospective modification: the history recognised before `date` (in period `period`, whose lines
	 * may be cut at `date`) stays; the rest is re-spread from `date` on.
	 */
	from?: { period: number; date: DayNumber; recognized: bigint; lines: Line[] };
	/** SSP the obligation was weighed by at inception (minor units), for the output. */
	ssp?: bigint;
	/**
	 * The allocation in force from each period on (the first from the beginning): cumulative revenue at a period
	 * end must stay within 0..the allocation in force then, so an event lowering it reverses in its own period.
	 */
	allocated: Array<{ period: number; total: bigint }>;
}

type ContractEvent =
	| { date: DayNumber; kind: 'vc'; include: boolean; vc: VariableConsideration; why: string }
	| { date: DayNumber; kind: 'modification'; modification: Modification };

function sum(lines: readonly Line[], predicate: (line: Line) => boolean = () => true): bigint {
	let total = 0n;
	for (const line of lines) if (predicate(line)) total += line.amount;
	return total;
}

/** The parts a line is earned over (a single-part line: its days, weighted by its amount). */
function partsOf(line: Line, calendar: Calendar): Span[] {
	if (line.spans) return line.spans;
	if (line.from !== undefined && line.to !== undefined) return [{ from: line.from, to: line.to, weight: Rational.fromBigInt(line.amount) }];
	const period = calendar.period(line.period);
	return [{ from: period.start, to: period.end, weight: Rational.fromBigInt(line.amount) }];
}

/** One line per period and kind (recognition before catch-up), amounts added and parts kept, in period order. */
function mergeLines(lines: readonly Line[], calendar: Calendar): Line[] {
	const merged = new Map<string, Line>();
	for (const line of lines) {
		const key = `${line.period}|${line.adjustment ? 1 : 0}`;
		const entry = merged.get(key);
		if (!entry) merged.set(key, { ...line });
		else merged.set(key, { period: line.period, adjustment: line.adjustment, amount: entry.amount + line.amount, spans: [...partsOf(entry, calendar), ...partsOf(line, calendar)] });
	}
	return [...merged.values()].sort((a, b) => a.period - b.period || Number(a.adjustment) - Number(b.adjustment));
}

/** The share of a part earned before `date`: its days before the date over its days (a booked part: all or nothing). */
function fractionBefore(span: Span, date: DayNumber): Rational {
	if (span.booked) return span.from <= date ? Rational.ONE : Rational.ZERO;
	if (span.to < date) return Rational.ONE;
	if (span.from >= date) return Rational.ZERO;
	return Rational.of(date - span.from, span.to - span.from + 1);
}

/**
 * Computes a contract's revenue schedule, balances and journal. Never throws for bad input: problems come back
 * in `errors`, each naming the field path.
 */
export function computeRevenueSchedule(input: unknown, options: RevenueOptions = {}): RevenueResult {
	const empty = emptyResult(input);
	let asOf: DayNumber | undefined;
	if (options.asOf !== undefined && options.asOf !== '') {
		asOf = parseIsoDate(options.asOf);
		if (asOf === undefined) return { ...empty, errors: [{ code: 'INVALID_DATE', message: `asOf: '${options.asOf}' is not a valid ISO calendar date (YYYY-MM-DD)` }] };
	}
	for (const [name, value] of Object.entries(options.limits ?? {})) {
		if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
			return { ...empty, errors: [{ code: 'INVALID_OPTION', message: `limits.${name}: must be a whole number of at least 1, got ${String(value)}` }] };
		}
	}
	try {
		const parsed = parseContract(input, asOf);
		if (!parsed.contract) return { ...empty, errors: parsed.errors };
		return new ScheduleRun(parsed.contract, options, asOf).run();
	} catch (error) {
		// A defect, not bad input; still reported per contract so one contract cannot stop the others.
		return { ...empty, errors: [{ code: 'INTERNAL_ERROR', message: `(contract): ${(error as Error).message}` }] };
	}
}

/** The days a pattern's lines are dated by (a straight line: its first and last day). */
function patternDays(pattern: Pattern): DayNumber[] {
	switch (pattern.type) {
		case 'pointInTime':
			return [pattern.date];
		case 'straightLine':
			return [pattern.start, pattern.end];
		case 'milestones':
			return pattern.milestones.map((milestone) => milestone.date);
		case 'percentComplete':
			return pattern.progress.map((point) => point.periodEnd);
		case 'asInvoiced':
			return pattern.invoices.map((invoice) => invoice.date);
	}
}

/**
 * Revenue to date is held within what the lines may recognise (low..high: for a whole plan 0..the allocation) at
 * every period end. Where a plan's lines would step outside - rounding before a last-period plug, a middle period
 * of prorateFirstLast, a pattern's own catch-up moved out of a closed period after the line it corrects - the
 * units beyond move to the next line, so the lines still sum to the same total. Returns the indexes of the lines
 * that gave units to the next one.
 */
function holdWithin(periods: readonly number[], lines: bigint[], low: bigint, high: bigint): number[] {
	const moved: number[] = [];
	if (low > high) return moved;
	let toDate = 0n;
	for (let i = 0; i + 1 < lines.length; i++) {
		toDate += lines[i];
		if (periods[i + 1] === periods[i]) continue;
		const held = toDate > high ? high : toDate < low ? low : toDate;
		if (held === toDate) continue;
		lines[i] -= toDate - held;
		lines[i + 1] += toDate - held;
		toDate = held;
		moved.push(i);
	}
	return moved;
}

/**
 * An issue of a separate contract as one of its parent's: its fields are the modification's (its price is the
 * modification's priceChange, its obligations the added ones), and the message names the derived contract.
 */
function relocate(issue: Issue, modificationIndex: number, contractId: string): Issue {
	const at = `modifications[${modificationIndex}]`;
	const match = /^([^:]*): ([\s\S]*)$/.exec(issue.message);
	const path = match ? match[1] : '(contract)';
	const text = match ? match[2] : issue.message;
	const field = path === 'transactionPrice' ? `${at}.priceChange` : path.startsWith('obligations') ? `${at}.addObligations${path.slice('obligations'.length)}` : `${at} (${path})`;
	return { code: issue.code, message: `${field}: separate contract ${contractId}: ${text}` };
}

function emptyResult(input: unknown): RevenueResult {
	const raw = (input !== null && typeof input === 'object' ? input : {}) as Record<string, unknown>;
	const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);
	return {
		contractId: text(raw.contractId),
		currency: text(raw.currency),
		transactionPrice: text(raw.transactionPrice),
		allocations: [],
		schedule: [],
		periods: [],
		journal: [],
		warnings: [],
		errors: [],
		trace: [],
	};
}

export class ScheduleRun {
	private readonly trace: string[] = [];
	private readonly warnings: Issue[] = [];
	private readonly errors: Issue[] = [];
	private readonly states: ObligationState[] = [];
	private readonly separateContracts: RevenueResult[] = [];
	private readonly ctx: PatternContext;
	private readonly firstOpen: number;
	private transactionPrice = 0n;

	constructor(
		private readonly contract: Contract,
		private readonly options: RevenueOptions,
		private readonly asOf: DayNumber | undefined,
	) {
		this.ctx = { calendar: contract.calendar, units: contract.units, trace: options.trace !== false };
		this.firstOpen = Number.NEGATIVE_INFINITY;
		if (contract.closedThrough !== undefined) {
			const period = contract.calendar.periodOf(contract.closedThrough);
			const closed = period.end === contract.closedThrough ? period.index : period.index - 1;
			if (period.end !== contract.closedThrough) {
				this.warnings.push({ code: 'CLOSED_THROUGH_MID_PERIOD', message: `closedThrough: ${formatIsoDate(contract.closedThrough)} is not a period end; only periods ending by then (through ${contract.calendar.period(closed).label}) are treated as closed` });
			}
			this.firstOpen = closed + 1;
		}
	}

	private note(text: string): void {
		if (this.ctx.trace) this.trace.push(text);
	}

	private m(minor: bigint): string {
		return money(minor, this.contract.units);
	}

	private label(period: number): string {
		return this.contract.calendar.period(period).label;
	}

	run(): RevenueResult {
		const c = this.contract;
		if (!this.withinLimits()) return this.result();
		this.note(`Contract ${c.contractId}: ${c.currency} with ${c.units} decimal place(s); amounts are exact until lines are produced, then rounded with ${c.rounding}; ${c.calendar.type} periods.`);
		if (c.closedThrough !== undefined) this.note(`Periods through ${this.label(this.firstOpen - 1)} are closed: catch-ups that would touch them land in ${this.label(this.firstOpen)}.`);
		if (this.asOf !== undefined) this.note(`Recognised as of ${formatIsoDate(this.asOf)}: later events are ignored and periods after ${c.calendar.periodOf(this.asOf).label} are left out.`);

		// Transaction price at inception: fixed consideration plus unconstrained variable consideration.
		const included = new Set<string>();
		let price = c.transactionPrice;
		const parts = [`fixed ${this.m(c.transactionPrice)}`];
		for (const vc of c.variableConsideration) {
			if (vc.constrained) {
				this.note(`Variable consideration ${vc.id} (${this.m(vc.amount)}, ${vc.method}) is constrained and stays out of the transaction price${vc.constraintLiftedOn !== undefined ? ` until ${formatIsoDate(vc.constraintLiftedOn)}` : ''}.`);
			} else {
				included.add(vc.id);
				price += vc.amount;
				parts.push(`variable ${vc.id} ${this.m(vc.amount)} (${vc.method})`);
			}
		}
		this.note(`Transaction price ${this.m(price)} = ${parts.join(' + ')}.`);
		this.changePrice(price, 'transactionPrice', 'at inception');
		if (c.allocation.method === 'specified') {
			const specified = c.obligations.reduce((total, obligation) => total + (obligation.specifiedAmount ?? 0n), 0n);
			if (specified !== price) {
				this.errors.push({ code: 'SPECIFIED_SUM_MISMATCH', message: `obligations: the specified amounts add up to ${this.m(specified)} but the transaction price is ${this.m(price)}` });
			}
		}
		if (this.errors.length) return this.result();

		const allocation = allocate(price, c.obligations, c.allocation.method, c.allocation.residualObligationId, c.units, this.ctx.trace);
		if (allocation.issues.length) {
			this.errors.push(...allocation.issues);
			return this.result();
		}
		this.note(`Allocation (${c.allocation.method}) of ${this.m(price)}:`);
		for (const text of allocation.notes) this.note(`  ${text}`);
		c.obligations.forEach((obligation, i) => {
			const state = this.newState(obligation, allocation.amounts[i], allocation.ssps[i]);
			state.lines = this.planFor(state, 'initial plan');
			this.states.push(state);
		});

		for (const event of this.events()) {
			if (event.kind === 'vc') this.applyVariable(event, included);
			else this.applyModification(event.modification);
			if (this.errors.length) return this.result();
		}
		this.checkWithinAllocation();
		return this.result();
	}

	private newState(obligation: Obligation, total: bigint, ssp: bigint | undefined): ObligationState {
		return { obligation, total, lines: [], removed: false, ssp, allocated: [{ period: Number.NEGATIVE_INFINITY, total }] };
	}

	/** A new allocation for the obligation, in force from the period on. */
	private setTotal(state: ObligationState, total: bigint, period: number): void {
		state.total = total;
		const last = state.allocated[state.allocated.length - 1];
		if (last.period === period) last.total = total;
		else state.allocated.push({ period, total });
	}

	/**
	 * The one check every change of the transaction price goes through (inception, variable consideration, every
	 * kind of modification; a separate contract runs it for its own price): the price cannot go below zero.
	 */
	private changePrice(price: bigint, field: string, how: string): boolean {
		this.transactionPrice = price;
		if (price >= 0n) return true;
		this.errors.push({ code: 'INVALID_AMOUNT', message: `${field}: the transaction price ${how} is ${this.m(price)}, below zero` });
		return false;
	}

	/**
	 * The cost bounds, checked before anything is generated: the periods from the contract's first to its last
	 * dated event (balances cover each of them) and an estimate of its schedule lines (each straight line: the
	 * periods it touches; each delivery, milestone or invoice: one; each progress point: two).
	 */
	private withinLimits(): boolean {
		const c = this.contract;
		const limits: RevenueLimits = { ...DEFAULT_LIMITS };
		for (const [name, value] of Object.entries(this.options.limits ?? {})) if (value !== undefined) limits[name as keyof RevenueLimits] = value;
		const index = (day: DayNumber) => c.calendar.indexOf(day);
		const count = (n: number) => n.toLocaleString('en-US');
		const patterns: Array<{ path: string; id: string; pattern: Pattern }> = c.obligations.map((obligation, i) => ({ path: `obligations[${i}].pattern`, id: obligation.id, pattern: obligation.pattern }));
		const dates: Array<{ path: string; day: DayNumber }> = [];
		for (const modification of c.modifications) {
			const at = `modifications[${modification.index}]`;
			dates.push({ path: `${at}.date`, day: modification.date });
			modification.addObligations.forEach((obligation, j) => patterns.push({ path: `${at}.addObligations[${j}].pattern`, id: obligation.id, pattern: obligation.pattern }));
			modification.changes.forEach((change, j) => {
				if (change.pattern) patterns.push({ path: `${at}.changes[${j}].pattern`, id: change.obligationId, pattern: change.pattern });
			});
		}
		for (const vc of c.variableConsideration) {
			if (vc.constraintLiftedOn !== undefined) dates.push({ path: `variableConsideration[${vc.index}].constraintLiftedOn`, day: vc.constraintLiftedOn });
			if (vc.outcomeDate !== undefined) dates.push({ path: `variableConsideration[${vc.index}].outcomeDate`, day: vc.outcomeDate });
		}
		for (const billing of c.billings) dates.push({ path: 'billings', day: billing.date });
		if (c.closedThrough !== undefined) dates.push({ path: 'closedThrough', day: c.closedThrough });
		let lines = 0;
		for (const { path, id, pattern } of patterns) {
			const days = patternDays(pattern);
			for (const day of days) dates.push({ path, day });
			if (days.length === 0) continue;
			const first = Math.min(...days);
			const last = Math.max(...days);
			const periods = index(last) - index(first) + 1;
			if (periods > limits.maxPeriods) {
				this.errors.push({ code: 'SPAN_LIMIT_EXCEEDED', message: `${path}: obligation '${id}' spans ${count(periods)} ${c.calendar.type} periods (${formatIsoDate(first)}..${formatIsoDate(last)}), above the limit of ${count(limits.maxPeriods)} periods per contract (maxPeriods)` });
				return false;
			}
			lines += pattern.type === 'straightLine' ? periods : pattern.type === 'percentComplete' ? 2 * days.length : days.length;
			if (lines > limits.maxLines) {
				this.errors.push({ code: 'LINE_LIMIT_EXCEEDED', message: `${path}: with obligation '${id}' the contract needs about ${count(lines)} schedule lines, above the limit of ${count(limits.maxLines)} lines per contract (maxLines)` });
				return false;
			}
		}
		if (dates.length === 0) return true;
		const first = dates.reduce((a, b) => (b.day < a.day ? b : a));
		const last = dates.reduce((a, b) => (b.day > a.day ? b : a));
		const periods = index(last.day) - index(first.day) + 1;
		if (periods > limits.maxPeriods) {
			this.errors.push({ code: 'SPAN_LIMIT_EXCEEDED', message: `${last.path}: the contract spans ${count(periods)} ${c.calendar.type} periods, from ${formatIsoDate(first.day)} (${first.path}) to ${formatIsoDate(last.day)}, above the limit of ${count(limits.maxPeriods)} periods per contract (maxPeriods)` });
			return false;
		}
		return true;
	}

	/**
	 * Item by item, revenue recognised for an obligation stays within 0..its allocation at every period end (the
	 * allocation in force then). Patterns already hold to it (as-invoiced revenue is held to the allocation,
	 * progress to 100%, milestone percents to 100, rounding never steps outside); what is left to catch is an event
	 * that leaves an obligation with less than it recognised or with a negative allocation. Such a contract is
	 * rejected rather than reported with impossible revenue.
	 */
	private checkWithinAllocation(): void {
		for (const state of this.states) {
			let cumulative = 0n;
			let allocation = 0;
			const lines = state.lines;
			for (let i = 0; i < lines.length; i++) {
				cumulative += lines[i].amount;
				if (i + 1 < lines.length && lines[i + 1].period === lines[i].period) continue;
				while (allocation + 1 < state.allocated.length && state.allocated[allocation + 1].period <= lines[i].period) allocation++;
				const cap = state.allocated[allocation].total;
				if (cumulative < 0n || cumulative > cap || cap < 0n) {
					this.errors.push({
						code: 'REVENUE_OUTSIDE_ALLOCATION',
						message: `obligations.${state.obligation.id}: cumulative revenue at the end of ${this.label(lines[i].period)} would be ${this.m(cumulative)}, outside 0..${this.m(cap)} allocated to it then; the events before it leave the obligation with ${cap < 0n ? 'a negative allocation' : 'less than it recognised'}`,
					});
					break;
				}
			}
		}
	}

	/** Variable-consideration and modification events in date order (variable consideration first on a day). */
	private events(): ContractEvent[] {
		const events: ContractEvent[] = [];
		for (const vc of this.contract.variableConsideration) {
			if (vc.constrained && vc.constraintLiftedOn !== undefined) events.push({ date: vc.constraintLiftedOn, kind: 'vc', include: true, vc, why: 'constraint lifted' });
			if (vc.outcome !== undefined && vc.outcomeDate !== undefined) {
				events.push({ date: vc.outcomeDate, kind: 'vc', include: vc.outcome === 'earned', vc, why: `outcome ${vc.outcome}` });
			}
		}
		const order = (event: ContractEvent) => (event.kind === 'vc' ? 0 : 1);
		events.push(...this.contract.modifications.map((modification) => ({ date: modification.date, kind: 'modification' as const, modification })));
		return events.map((event, i) => ({ event, i })).sort((a, b) => a.event.date - b.event.date || order(a.event) - order(b.event) || a.i - b.i).map(({ event }) => event);
	}

	/**
	 * Where an event takes effect: on its own date (splitting its period there), or, when its period is closed, at
	 * the start of the first open period.
	 */
	private effective(date: DayNumber, what: string): Effective {
		const own = this.contract.calendar.indexOf(date);
		if (own >= this.firstOpen) return { period: own, date };
		this.note(`  ${what} is dated ${formatIsoDate(date)} in closed period ${this.label(own)}; its effect lands in the first open period ${this.label(this.firstOpen)}.`);
		return { period: this.firstOpen, date: this.contract.calendar.period(this.firstOpen).start };
	}

	/**
	 * Cuts lines at the effective date. Lines of earlier periods are before it, of later periods after it. A line of
	 * the effective period is earned evenly over the days of its parts (a straight line's days of the term in the
	 * period; an event-dated line on its day), so the part before the date is the line × the weighted share of
	 * its days before the date, rounded half-up to the minor unit; the rest of the line is after it. `whose`
	 * names the lines in the trace ("the plan so far's", "the new plan's").
	 */
	private cut(lines: readonly Line[], at: Effective, id: string, whose: string): Cut {
		const before: Line[] = [];
		const after: Line[] = [];
		let recognised = 0n;
		const period = this.contract.calendar.period(at.period);
		for (const line of lines) {
			if (line.period < at.period) {
				before.push(line);
				recognised += line.amount;
				continue;
			}
			if (line.period > at.period || line.amount === 0n) {
				after.push(line);
				continue;
			}
			const spans = partsOf(line, this.contract.calendar);
			let weightAll = Rational.ZERO;
			let weightBefore = Rational.ZERO;
			const fractions = spans.map((span) => fractionBefore(span, at.date));
			spans.forEach((span, i) => {
				weightAll = weightAll.add(span.weight);
				weightBefore = weightBefore.add(span.weight.mul(fractions[i]));
			});
			// Parts that weigh nothing in total (e.g. a catch-up and its reversal): split by the parts' day shares.
			const share = weightAll.isZero()
				? fractions.reduce((a, b) => a.add(b), Rational.ZERO).div(Rational.of(fractions.length))
				: weightBefore.div(weightAll);
			const exactBefore = Rational.fromBigInt(line.amount).mul(share);
			const amountBefore = exactBefore.roundHalfUp();
			const beforeSpans: Span[] = [];
			const afterSpans: Span[] = [];
			spans.forEach((span, i) => {
				const f = fractions[i];
				if (!f.isZero()) beforeSpans.push({ ...span, to: span.booked ? span.to : Math.min(span.to, at.date - 1), weight: span.weight.mul(f) });
				if (f.compare(Rational.ONE) !== 0) afterSpans.push({ ...span, from: span.booked ? span.from : Math.max(span.from, at.date), weight: span.weight.mul(Rational.ONE.sub(f)) });
			});
			if (amountBefore !== 0n || !share.isZero()) {
				before.push({ period: line.period, adjustment: line.adjustment, amount: amountBefore, spans: beforeSpans });
				recognised += amountBefore;
			}
			if (amountBefore !== line.amount || share.compare(Rational.ONE) !== 0) {
				after.push({ period: line.period, adjustment: line.adjustment, amount: line.amount - amountBefore, spans: afterSpans });
			}
			if (this.ctx.trace && at.date > period.start && !share.isZero() && share.compare(Rational.ONE) !== 0) {
				this.trace.push(`  ${id}: ${period.label} is split at ${formatIsoDate(at.date)}: ${whose} ${line.adjustment ? 'catch-up' : 'recognition'} line ${this.m(line.amount)} ${this.describeShare(spans, fractions, share, at.date)} = ${exact(exactBefore, this.contract.units)} → ${this.m(amountBefore)} (half-up) before ${formatIsoDate(at.date)}, ${this.m(line.amount - amountBefore)} from ${formatIsoDate(at.date)} on.`);
			}
		}
		return { before, after, recognised };
	}

	/** Plain English for the share of a line earned before a date. */
	private describeShare(spans: readonly Span[], fractions: readonly Rational[], share: Rational, date: DayNumber): string {
		if (spans.length === 1 && !spans[0].booked) {
			const [span] = spans;
			const days = span.to - span.from + 1;
			return `is earned evenly over its ${days} day(s) ${formatIsoDate(span.from)}..${formatIsoDate(span.to)}; ${date - span.from} of them fall before ${formatIsoDate(date)}: × ${date - span.from}/${days}`;
		}
		const parts = spans.map((span, i) => `${span.booked ? 'booked on ' : ''}${formatIsoDate(span.from)}${span.to !== span.from ? `..${formatIsoDate(span.to)}` : ''} (${fractions[i].isZero() ? 'none' : fractions[i].compare(Rational.ONE) === 0 ? 'all' : fractions[i].toDecimalString(6)} before)`);
		return `is earned over its parts ${parts.join(', ')}, each evenly over its days and weighted by its exact amount: × ${share.isInteger() ? share.toString() : share.toDecimalString(6)}`;
	}

	private active(): ObligationState[] {
		return this.states.filter((state) => !state.removed);
	}

	private applyVariable(event: Extract<ContractEvent, { kind: 'vc' }>, included: Set<string>): void {
		const { vc } = event;
		if (event.include === included.has(vc.id)) {
			this.note(`${formatIsoDate(event.date)}: variable consideration ${vc.id} ${event.why}; it is already ${event.include ? 'in' : 'out of'} the transaction price, so nothing changes.`);
			return;
		}
		const delta = event.include ? vc.amount : -vc.amount;
		if (event.include) included.add(vc.id);
		else included.delete(vc.id);
		if (!this.changePrice(this.transactionPrice + delta, `variableConsideration[${vc.index}].amount`, `after ${vc.id} ${event.why} on ${formatIsoDate(event.date)}`)) return;
		this.note(`${formatIsoDate(event.date)}: variable consideration ${vc.id} ${event.why}: transaction price ${event.include ? '+' : '−'} ${this.m(vc.amount)} = ${this.m(this.transactionPrice)}; the change is allocated on the inception basis and caught up for progress to date.`);
		const at = this.effective(event.date, `Variable consideration ${vc.id}`);
		const active = this.active();
		const c = this.contract;
		const residualActive = active.some((state) => state.obligation.id === c.allocation.residualObligationId);
		const shares = c.allocation.method === 'residual' && residualActive
			? active.map((state) => (state.obligation.id === c.allocation.residualObligationId ? delta : 0n))
			: allocate(delta, active.map((state) => state.obligation), c.allocation.method === 'residual' ? 'relativeSsp' : c.allocation.method === 'specified' ? 'specified' : 'relativeSsp', undefined, c.units, false).amounts;
		active.forEach((state, i) => {
			if (shares[i] === 0n) return;
			this.setTotal(state, state.total + shares[i], at.period);
			this.note(`  ${state.obligation.id}: allocated ${shares[i] > 0n ? '+' : '−'} ${this.m(shares[i] < 0n ? -shares[i] : shares[i])} = ${this.m(state.total)}.`);
			this.respliceWithCatchUp(state, at, `variable consideration ${vc.id}`);
		});
		if (!event.include) {
			this.warnings.push({ code: 'VARIABLE_CONSIDERATION_REVERSED', message: `variableConsideration: ${vc.id} (${this.m(vc.amount)}) was lost on ${formatIsoDate(event.date)} after being included; revenue recognised for it is reversed in ${this.label(at.period)}` });
		}
	}

	/**
	 * Recomputes the obligation's plan and posts the difference to what was recognised before the effective date
	 * as a catch-up in its period. Progress is measured through the day before the effective date (the date itself
	 * belongs to the new plan), on the new plan's own lines cut the same way as the recognised ones.
	 */
	private respliceWithCatchUp(state: ObligationState, at: Effective, reason: string): void {
		const id = state.obligation.id;
		const old = this.cut(state.lines, at, id, 'the plan so far\'s');
		const plan = this.planFor(state, `plan after ${reason}`);
		const planCut = this.cut(plan, at, id, 'the new plan\'s');
		const planBefore = planCut.recognised;
		const adjustment = planBefore - old.recognised;
		const date = formatIsoDate(at.date);
		const catchUp: Line = { period: at.period, adjustment: true, amount: adjustment, spans: [{ from: at.date, to: at.date, weight: Rational.fromBigInt(adjustment), booked: true }] };
		const lines = [...old.before, ...planCut.after, ...(adjustment !== 0n ? [catchUp] : [])];
		state.lines = mergeLines(lines, this.contract.calendar);
		this.note(`  ${id}: cumulative catch-up in ${this.label(at.period)} = the new plan's revenue before ${date} ${this.m(planBefore)} − recognised before ${date} ${this.m(old.recognised)} = ${this.m(adjustment)}.`);
		const period = this.contract.calendar.period(at.period);
		const parts = (adjustmentLine: boolean) => lines.filter((line) => line.period === at.period && line.adjustment === adjustmentLine);
		const merged = (adjustmentLine: boolean) => state.lines.find((line) => line.period === at.period && line.adjustment === adjustmentLine);
		const recognition = merged(false);
		if (recognition && at.date > period.start && parts(false).length > 1) {
			const kept = sum(old.before, (line) => line.period === at.period && !line.adjustment);
			this.note(`  ${id}: the ${this.label(at.period)} recognition line is ${this.m(kept)} recognised before ${date} + ${this.m(recognition.amount - kept)} of the new plan from ${date} on = ${this.m(recognition.amount)}.`);
		}
		const catchUpLine = merged(true);
		if (catchUpLine && parts(true).length > 1) {
			this.note(`  ${id}: with the ${this.label(at.period)} catch-ups already in the period (${parts(true).filter((line) => line !== catchUp).map((line) => this.m(line.amount)).join(', ')}), the ${this.label(at.period)} catch-up line is ${this.m(catchUpLine.amount)}.`);
		}
	}

	private applyModification(modification: Modification): void {
		const c = this.contract;
		const date = formatIsoDate(modification.date);
		if (modification.treatment === 'separateContract') {
			const separate = this.separateContract(modification);
			this.note(`${date}: modification ${modification.id} adds distinct goods or services at their standalone selling prices: a separate contract ${separate.contractId} for ${this.m(modification.priceChange)} (ASC 606-10-25-12); this contract is unchanged.`);
			this.separateContracts.push(separate);
			// A derived contract that fails fails its parent: both came in as one contract and leave as one.
			for (const issue of separate.errors) this.errors.push(relocate(issue, modification.index, separate.contractId ?? ''));
			return;
		}
		const at = this.effective(modification.date, `Modification ${modification.id}`);
		const atPeriod = c.calendar.period(at.period);
		this.note(`${date}: modification ${modification.id} (${modification.treatment}), price change ${this.m(modification.priceChange)}, effective on ${formatIsoDate(at.date)} in ${atPeriod.label}${at.date > atPeriod.start ? `: ${atPeriod.label} is split there, its days before ${formatIsoDate(at.date)} keep the revenue of the plan so far and the days from ${formatIsoDate(at.date)} on follow the modified contract` : ''}.`);
		for (const change of modification.changes) {
			const state = this.states.find((candidate) => candidate.obligation.id === change.obligationId && !candidate.removed);
			if (!state) {
				this.errors.push({ code: 'UNKNOWN_OBLIGATION', message: `modifications.${modification.id}.changes: obligation '${change.obligationId}' is not active at ${date}` });
				return;
			}
			state.obligation = { ...state.obligation, ...(change.pattern ? { pattern: change.pattern } : {}), ...(change.ssp ? { ssp: change.ssp } : {}) };
			this.note(`  ${state.obligation.id}: ${[change.pattern ? `pattern changed to ${change.pattern.type}` : '', change.ssp ? `SSP changed to ${change.ssp.toDecimalString(c.units)}` : ''].filter(Boolean).join(', ')}.`);
		}
		for (const id of modification.removeObligations) {
			const state = this.states.find((candidate) => candidate.obligation.id === id && !candidate.removed);
			if (!state) continue;
			state.removed = true;
			state.lines = this.cut(state.lines, at, id, 'the plan so far\'s').before;
			this.setTotal(state, sum(state.lines), at.period);
			this.note(`  ${id} is removed: it keeps the ${this.m(state.total)} recognised before ${formatIsoDate(at.date)} and recognises nothing more.`);
		}
		if (modification.treatment === 'cumulativeCatchUp') {
			for (const obligation of modification.addObligations) {
				this.states.push(this.newState(obligation, 0n, obligation.ssp ? sspMinor(obligation.ssp, c.units) : undefined));
			}
			this.cumulativeCatchUp(modification, at);
			return;
		}
		const cuts = new Map<ObligationState, Cut>();
		for (const state of this.active()) cuts.set(state, this.cut(state.lines, at, state.obligation.id, 'the plan so far\'s'));
		const changed = new Set(modification.changes.map((change) => change.obligationId));
		for (const obligation of modification.addObligations) {
			const state = this.newState(obligation, 0n, obligation.ssp ? sspMinor(obligation.ssp, c.units) : undefined);
			this.states.push(state);
			cuts.set(state, { before: [], after: [], recognised: 0n });
			changed.add(obligation.id);
		}
		this.prospective(modification, at, cuts, changed);
	}

	/**
	 * ASC 606-10-25-13(a): the unrecognised consideration plus the price change is allocated to the remaining
	 * obligations and recognised from the modification date on; nothing recognised before that date is touched.
	 * Recognised before the date = the lines of earlier periods plus, in the modification's period, the part of
	 * each line earned on the days before the date (see `cut`).
	 */
	private prospective(modification: Modification, at: Effective, cuts: Map<ObligationState, Cut>, changed: Set<string>): void {
		const c = this.contract;
		const recognisedBefore = (state: ObligationState) => cuts.get(state)?.recognised ?? sum(state.lines);
		const remaining = this.active().filter((state) =>
			changed.has(state.obligation.id) || patternActiveFrom(state.obligation.pattern, at.date) || state.total !== recognisedBefore(state));
		if (remaining.length === 0) {
			// Everything was already delivered: a price change can only be a change in transaction price, recognised at once.
			this.warnings.push({ code: 'NOTHING_REMAINING', message: `modifications.${modification.id}: no obligation remains to recognise prospectively, so the price change is caught up in ${this.label(at.period)}` });
			this.cumulativeCatchUp(modification, at);
			return;
		}
		let recognised = 0n;
		for (const state of this.states) recognised += recognisedBefore(state);
		const unrecognised = this.transactionPrice - recognised;
		const field = `modifications[${modification.index}].priceChange`;
		if (!this.changePrice(this.transactionPrice + modification.priceChange, field, `after modification ${modification.id}`)) return;
		const pool = unrecognised + modification.priceChange;
		this.note(`  Unrecognised consideration ${this.m(unrecognised)} (transaction price ${this.m(this.transactionPrice - modification.priceChange)} − recognised ${this.m(recognised)}) + price change ${this.m(modification.priceChange)} = ${this.m(pool)} for the remaining obligations ${remaining.map((state) => state.obligation.id).join(', ')}.`);
		if (pool < 0n) {
			// Only a cumulative catch-up can take back revenue already recognised; prospectively it would be negative revenue.
			this.errors.push({ code: 'INVALID_AMOUNT', message: `${field}: after modification ${modification.id} the consideration left for the remaining obligations is ${this.m(pool)}, below zero (revenue recognised before ${formatIsoDate(at.date)} is ${this.m(recognised)}, the new transaction price ${this.m(this.transactionPrice)}); a prospective modification cannot reverse recognised revenue: treat it as cumulativeCatchUp` });
			return;
		}
		for (const state of this.active()) {
			if (!remaining.includes(state)) {
				this.setTotal(state, recognisedBefore(state), at.period);
				state.lines = cuts.get(state)?.before ?? state.lines;
			}
		}
		const method = c.allocation.method === 'residual' && !remaining.some((state) => state.obligation.id === c.allocation.residualObligationId) ? 'relativeSsp' : c.allocation.method;
		const allocation = allocate(pool, remaining.map((state) => state.obligation), method, c.allocation.residualObligationId, c.units, this.ctx.trace);
		for (const text of allocation.notes) this.note(`    ${text}`);
		if (allocation.issues.length) this.warnings.push(...allocation.issues);
		remaining.forEach((state, i) => {
			const before = recognisedBefore(state);
			state.from = { period: at.period, date: at.date, recognized: before, lines: cuts.get(state)?.before ?? [] };
			this.setTotal(state, before + allocation.amounts[i], at.period);
			state.lines = this.planFor(state, `remaining plan after modification ${modification.id}`);
		});
	}

	/** ASC 606-10-25-13(b): price and progress are updated; the difference to what was recognised is caught up. */
	private cumulativeCatchUp(modification: Modification, at: Effective): void {
		const c = this.contract;
		const field = `modifications[${modification.index}].priceChange`;
		if (!this.changePrice(this.transactionPrice + modification.priceChange, field, `after modification ${modification.id}`)) return;
		const removedTotal = this.states.filter((state) => state.removed).reduce((total, state) => total + state.total, 0n);
		const pool = this.transactionPrice - removedTotal;
		if (pool < 0n) {
			this.errors.push({ code: 'INVALID_AMOUNT', message: `${field}: after modification ${modification.id} the transaction price ${this.m(this.transactionPrice)} is less than the ${this.m(removedTotal)} kept by removed obligations, so the remaining obligations would get ${this.m(pool)}` });
			return;
		}
		const active = this.active();
		this.note(`  Transaction price ${this.m(this.transactionPrice)}${removedTotal ? ` less ${this.m(removedTotal)} kept by removed obligations` : ''} = ${this.m(pool)} is re-allocated to ${active.map((state) => state.obligation.id).join(', ')}.`);
		const method = c.allocation.method === 'residual' && !active.some((state) => state.obligation.id === c.allocation.residualObligationId) ? 'relativeSsp' : c.allocation.method;
		const allocation = allocate(pool, active.map((state) => state.obligation), method, c.allocation.residualObligationId, c.units, this.ctx.trace);
		for (const text of allocation.notes) this.note(`    ${text}`);
		if (allocation.issues.length) this.warnings.push(...allocation.issues);
		active.forEach((state, i) => {
			this.setTotal(state, allocation.amounts[i], at.period);
			this.respliceWithCatchUp(state, at, `modification ${modification.id}`);
		});
	}

	private separateContract(modification: Modification): RevenueResult {
		const c = this.contract;
		const added = modification.addObligations;
		const method = added.every((obligation) => obligation.ssp) ? 'relativeSsp' : 'specified';
		const contract: Contract = {
			...c,
			contractId: `${c.contractId}/${modification.id}`,
			transactionPrice: modification.priceChange,
			variableConsideration: [],
			allocation: { method },
			obligations: added,
			modifications: [],
			billings: [],
		};
		return new ScheduleRun(contract, this.options, this.asOf).run();
	}

	/** The obligation's whole plan in whole minor units: history kept by a prospective modification plus the rest. */
	private planFor(state: ObligationState, what: string): Line[] {
		const { obligation } = state;
		const pattern = obligation.pattern;
		if (!state.from) {
			this.note(`  ${obligation.id} ${what}: ${this.m(state.total)} over ${pattern.type}${pattern.type === 'straightLine' ? ` (${pattern.convention})` : ''}:`);
			if (pattern.type === 'straightLine') return this.finaliseShares(straightLineShares(pattern, state.total, this.ctx), pattern.convention === 'prorateFirstLast', 0n, state.total);
			return this.finalise(patternLines(pattern, state.total, this.ctx), false, 0n, state.total);
		}
		const { period, date, recognized, lines } = state.from;
		const rest = state.total - recognized;
		const from = formatIsoDate(date);
		this.note(`  ${obligation.id} ${what}: ${this.m(state.total)} − ${this.m(recognized)} recognised before ${from} = ${this.m(rest)} from ${from} on, over ${pattern.type}${pattern.type === 'straightLine' ? ` (${pattern.convention}, the remaining term ${from}..${formatIsoDate(pattern.end)})` : ''}:`);
		// Event-dated lines (deliveries, milestones, progress points, invoices) count from the date on.
		const fromDate = (line: RawLine) => (line.from === undefined ? line.period >= period : line.from >= date);
		let raw: RawLine[];
		if (pattern.type === 'straightLine') {
			raw = patternLines(pattern, rest, this.ctx, date);
		} else if (pattern.type === 'asInvoiced') {
			raw = patternLines({ ...pattern, invoices: pattern.invoices.filter((invoice) => invoice.date >= date) }, rest, this.ctx, undefined, recognized);
		} else {
			const later = patternLines(pattern, rest, this.ctx).filter(fromDate);
			const weight = later.reduce((total, line) => total.add(line.value), Rational.ZERO);
			if (weight.isZero()) {
				raw = [{ period, adjustment: true, value: Rational.fromBigInt(rest), note: 'nothing of the pattern is left from here, so the rest lands at once', from: date, to: date }];
			} else {
				const scale = Rational.fromBigInt(rest).div(weight);
				raw = later.map((line) => ({ ...line, value: line.value.mul(scale), note: line.note ? `${line.note}, scaled to the remaining ${this.m(rest)}` : undefined }));
			}
		}
		if (raw.length === 0 && rest !== 0n) raw = [{ period, adjustment: true, value: Rational.fromBigInt(rest), note: 'the term is over, so the rest lands at once', from: date, to: date }];
		const remainder = this.finalise(raw, pattern.type === 'straightLine' && pattern.convention === 'prorateFirstLast', -recognized, rest);
		const merged = mergeLines([...lines, ...remainder], this.contract.calendar);
		if (this.ctx.trace) {
			for (const kept of lines) {
				if (kept.period !== period) continue;
				const added = remainder.find((line) => line.period === period && line.adjustment === kept.adjustment);
				const line = merged.find((candidate) => candidate.period === period && candidate.adjustment === kept.adjustment);
				if (added && line) this.trace.push(`    ${this.label(period)} ${kept.adjustment ? 'catch-up' : 'recognition'}: ${this.m(kept.amount)} recognised before ${from} + ${this.m(added.amount)} from ${from} on = ${this.m(line.amount)}`);
			}
		}
		return merged;
	}

	/**
	 * Merges exact lines per period and kind, moves adjustments out of closed periods, rounds them, and holds the
	 * running total within low..high at each period end (see holdWithin).
	 */
	private finalise(raw: RawLine[], alreadyWhole: boolean, low: bigint, high: bigint): Line[] {
		// Most patterns already give one line per period in order; only then can merging be skipped.
		let ordered = true;
		for (let i = 0; i < raw.length && ordered; i++) {
			const line = raw[i];
			if (line.adjustment || (i > 0 && raw[i - 1].period >= line.period)) ordered = false;
		}
		if (ordered && !this.ctx.trace) {
			const { lines } = roundValues(raw.map((line) => line.value), this.contract.rounding);
			holdWithin(raw.map((line) => line.period), lines, low, high);
			return raw.map((line, i) => ({ period: line.period, adjustment: false, amount: lines[i], from: line.from, to: line.to }));
		}
		const merged = new Map<string, { period: number; adjustment: boolean; value: Rational; notes: string[]; spans: Span[] }>();
		for (const line of raw) {
			let period = line.period;
			let span = this.spansOf(line);
			if (line.adjustment && period < this.firstOpen) {
				// A catch-up that would touch a closed period is booked at the start of the first open one.
				period = this.firstOpen;
				const start = this.contract.calendar.period(period).start;
				span = [{ from: start, to: start, weight: line.value, booked: true }];
			}
			const key = `${period}|${line.adjustment ? 1 : 0}`;
			const entry = merged.get(key);
			if (entry) {
				entry.value = entry.value.add(line.value);
				if (line.note) entry.notes.push(line.note);
				entry.spans.push(...span);
			} else {
				merged.set(key, { period, adjustment: line.adjustment, value: line.value, notes: line.note ? [line.note] : [], spans: span });
			}
		}
		const entries = [...merged.values()].sort((a, b) => a.period - b.period || Number(a.adjustment) - Number(b.adjustment));
		const { lines } = roundValues(entries.map((entry) => entry.value), this.contract.rounding);
		const moved = holdWithin(entries.map((entry) => entry.period), lines, low, high);
		if (this.ctx.trace) {
			entries.forEach((entry, i) => {
				this.trace.push(`    ${this.label(entry.period)} ${entry.adjustment ? 'catch-up' : 'recognition'}: ${entry.notes.join('; ')} = ${exact(entry.value, this.contract.units)} → ${this.m(lines[i])}`);
			});
			this.traceRounding(alreadyWhole, entries.some((entry) => !entry.value.isInteger()), lines, moved, entries.map((entry) => entry.period), low, high);
		}
		return entries.map((entry, i) => {
			const [only] = entry.spans;
			return entry.spans.length === 1 && !only.booked
				? { period: entry.period, adjustment: entry.adjustment, amount: lines[i], from: only.from, to: only.to }
				: { period: entry.period, adjustment: entry.adjustment, amount: lines[i], spans: entry.spans };
		});
	}

	/**
	 * finalise for a straight line's shares: one line per period in order, none an adjustment, so nothing merges
	 * or moves; the same lines and trace as finalise gives, without a Rational per line.
	 */
	private finaliseShares(shares: StraightLineShares, alreadyWhole: boolean, low: bigint, high: bigint): Line[] {
		const { touched, nums, den, notes } = shares;
		const { lines } = roundNumerators(nums, den, this.contract.rounding);
		const periods = touched.map((entry) => entry.period.index);
		const moved = holdWithin(periods, lines, low, high);
		const texts = new Array<string | undefined>(touched.length);
		if (this.ctx.trace) {
			const units = this.contract.units;
			// Exact texts of the numerators met so far (a few: months of four lengths), compared by value; a Map keyed by
			// bigint hashes every key it is asked for.
			const knownNums: bigint[] = [];
			const knownTexts: string[] = [];
			let fractional = false;
			for (let i = 0; i < touched.length; i++) {
				const text = this.m(lines[i]);
				texts[i] = text;
				// A whole exact value is written as the line is when rounding left it as it was (exactOver's text).
				let exactText: string;
				if (den === 1n) exactText = nums[i] === lines[i] ? text : this.m(nums[i]);
				else if (nums[i] % den === 0n) {
					const whole = nums[i] / den;
					exactText = whole === lines[i] ? text : this.m(whole);
				} else {
					fractional = true;
					// Equal numerators (months of the same length, full periods of a periodRate line) share their text.
					const num = nums[i];
					let known: string | undefined;
					for (let k = 0; k < knownNums.length; k++) {
						if (knownNums[k] === num) {
							known = knownTexts[k];
							break;
						}
					}
					exactText = known ?? exactOver(num, den, units);
					if (known === undefined && knownNums.length < 8) {
						knownNums.push(num);
						knownTexts.push(exactText);
					}
				}
				this.trace.push(`    ${touched[i].period.label} recognition: ${notes[i] ?? ''} = ${exactText} → ${text}`);
			}
			this.traceRounding(alreadyWhole, fractional, lines, moved, periods, low, high);
		}
		const out = new Array<Line>(touched.length);
		for (let i = 0; i < touched.length; i++) out[i] = { period: periods[i], adjustment: false, amount: lines[i], from: touched[i].from, to: touched[i].to, text: texts[i] };
		return out;
	}

	/** The notes finalise adds after a plan's lines: how they were rounded, and units held to the next line. */
	private traceRounding(alreadyWhole: boolean, fractional: boolean, lines: bigint[], moved: number[], periods: number[], low: bigint, high: bigint): void {
		if (!alreadyWhole && fractional) {
			let total = 0n;
			for (const amount of lines) total += amount;
			this.trace.push(`    (rounded with ${this.contract.rounding}: ${ROUNDING_EXPLANATION[this.contract.rounding]}; the lines sum to ${this.m(total)})`);
		}
		if (moved.length) {
			this.trace.push(`    (revenue to date is held within ${this.m(low)}..${this.m(high)}, what these lines may recognise: at the end of ${moved.map((i) => this.label(periods[i])).join(', ')} the lines above would step outside it, so the units beyond move to the next line, giving ${moved.map((i) => `${this.label(periods[i])} ${this.m(lines[i])}, then ${this.m(lines[i + 1])}`).join('; ')})`);
		}
	}

	/** The days a raw line is earned over, weighted by its exact value (the whole period when it does not say). */
	private spansOf(line: RawLine): Span[] {
		if (line.from !== undefined && line.to !== undefined) return [{ from: line.from, to: line.to, weight: line.value }];
		const period = this.contract.calendar.period(line.period);
		return [{ from: period.start, to: period.end, weight: line.value }];
	}

	private result(): RevenueResult {
		const c = this.contract;
		const base: RevenueResult = {
			contractId: c.contractId,
			currency: c.currency,
			transactionPrice: formatScaled(this.transactionPrice, c.units),
			allocations: [],
			schedule: [],
			periods: [],
			journal: [],
			warnings: this.warnings,
			errors: this.errors,
			trace: this.trace,
		};
		if (this.separateContracts.length) base.separateContracts = this.separateContracts;
		if (this.errors.length) return { ...base, transactionPrice: formatScaled(c.transactionPrice, c.units), trace: this.trace };
		const lastPeriod = this.asOf === undefined ? Number.POSITIVE_INFINITY : c.calendar.indexOf(this.asOf);
		const schedule: ScheduleLine[] = [];
		// Revenue per period in arrays from the first period a line reaches (periods are consecutive integers).
		let firstPeriod = Number.POSITIVE_INFINITY;
		let lastLinePeriod = Number.NEGATIVE_INFINITY;
		for (const state of this.states) {
			for (const line of state.lines) {
				if (line.period > lastPeriod || (line.adjustment && line.amount === 0n)) continue;
				if (line.period < firstPeriod) firstPeriod = line.period;
				if (line.period > lastLinePeriod) lastLinePeriod = line.period;
			}
		}
		const revenueByPeriod = new PeriodAmounts(firstPeriod, lastLinePeriod);
		const asInvoicedByPeriod = new PeriodAmounts(firstPeriod, lastLinePeriod);
		for (const state of this.states) {
			const { obligation } = state;
			base.allocations.push({ obligationId: obligation.id, ssp: state.ssp === undefined ? null : formatScaled(state.ssp, c.units), allocated: formatScaled(state.total, c.units) });
			const scheduled = sum(state.lines);
			if (obligation.pattern.type === 'asInvoiced') {
				const invoiced = obligation.pattern.invoices.reduce((total, invoice) => total + invoice.amount, 0n);
				if (invoiced > state.total) {
					this.warnings.push({ code: 'INVOICED_ABOVE_ALLOCATION', message: `obligations.${obligation.id}.pattern.invoices: ${this.m(invoiced)} is invoiced but ${this.m(state.total)} is allocated; the ${this.m(invoiced - state.total)} beyond the allocation is not revenue (billed, it stays a contract liability)` });
				}
			}
			if (scheduled !== state.total) {
				this.warnings.push({ code: 'NOT_FULLY_SCHEDULED', message: `obligations.${obligation.id}: the pattern schedules ${this.m(scheduled)} of the ${this.m(state.total)} allocated; ${this.m(state.total - scheduled)} waits for more progress, milestones or invoices` });
			}
			let cumulative = 0n;
			// Revenue per period of this obligation, in the order its periods first appear (lines come in period
			// order, so a run of equal periods is one period; out of order, the periods are looked up).
			const netPeriods: number[] = [];
			const netAmounts: bigint[] = [];
			let netIndex: Map<number, number> | undefined;
			const asInvoiced = obligation.pattern.type === 'asInvoiced';
			const calendar = c.calendar;
			let period: Period | undefined;
			for (const line of state.lines) {
				if (line.period > lastPeriod) continue;
				if (line.adjustment && line.amount === 0n) continue;
				cumulative += line.amount;
				if (period === undefined || period.index !== line.period) period = calendar.period(line.period);
				schedule.push({
					obligationId: obligation.id,
					period: period.label,
					periodStart: period.startIso,
					periodEnd: period.endIso,
					amount: line.text ?? formatScaled(line.amount, c.units),
					cumulative: formatScaled(cumulative, c.units),
					kind: line.adjustment ? (line.amount < 0n ? 'reversal' : 'catchUp') : line.amount < 0n ? 'reversal' : 'recognition',
				});
				const last = netPeriods.length - 1;
				if (last >= 0 && netPeriods[last] === line.period) netAmounts[last] += line.amount;
				else if (netIndex === undefined && (last < 0 || netPeriods[last] < line.period)) {
					netPeriods.push(line.period);
					netAmounts.push(line.amount);
				} else {
					netIndex ??= new Map(netPeriods.map((known, i) => [known, i]));
					const at = netIndex.get(line.period);
					if (at !== undefined) netAmounts[at] += line.amount;
					else {
						netIndex.set(line.period, netPeriods.length);
						netPeriods.push(line.period);
						netAmounts.push(line.amount);
					}
				}
				revenueByPeriod.add(line.period, line.amount);
				if (asInvoiced) asInvoicedByPeriod.add(line.period, line.amount);
			}
			for (let i = 0; i < netPeriods.length; i++) {
				const amount = netAmounts[i];
				if (amount < 0n) this.warnings.push({ code: 'NEGATIVE_REVENUE', message: `obligations.${obligation.id}: revenue in ${this.label(netPeriods[i])} is ${this.m(amount)} (a reversal)` });
			}
		}
		base.schedule = schedule;
		const balances = buildBalances(c, revenueByPeriod, asInvoicedByPeriod, lastPeriod, this.ctx.trace ? this.trace : undefined);
		base.periods = balances.periods;
		this.note('Journal at each period end: debit receivable for billings, credit revenue for the period\'s revenue, and post the movement of unbilled receivable and contract asset (debit when they grow) and contract liability (credit when it grows); debits equal credits.');
		base.journal = buildJournal(balances.movements, { ...DEFAULT_ACCOUNTS, ...(this.options.accounts ?? {}) }, c.units);
		return base;
	}
}

const ROUNDING_EXPLANATION = {
	largestRemainder: 'each line floored to the minor unit, the leftover units one each to the largest remainders, ties to the earlier period',
	lastPeriodPlug: 'each line rounded half-up, the last line takes the difference',
	cumulative: 'the running total rounded half-up at each line, each line the step between rounded running totals',
} as const;
