/**
 * The revenue engine. How it reads the rules where they leave room:
 * - Every obligation has a plan: exact rational lines per period from its pattern, rounded once with the contract's
 *   rounding mode, so the plan sums exactly to the obligation's allocation.
 * - Events (variable consideration lifted, earned or lost; modifications) act at period granularity: they take
 *   effect in the period containing their date, or in the first open period when that one is closed. Lines
 *   before that period are never touched; a cumulative catch-up is the new plan's revenue before the period minus
 *   what was recognised, posted in the period; a prospective modification re-spreads the unrecognised
 *   consideration plus the price change over the remaining obligations from the start of that period.
 * - Allocation across obligations always uses the largest-remainder method (ties to the earlier obligation), so
 *   an obligation's numbers do not depend on where it is listed except for a tied unit.
 * - The as-of date drops events dated after it and periods that start after it (its own period is included).
 */
import { roundValues } from '../money/allocate';
import { Rational, formatScaled } from '../money/rational';
import { allocate, sspMinor } from './allocation';
import { buildBalances, buildJournal, DEFAULT_ACCOUNTS } from './balances';
import { type DayNumber, formatIsoDate, parseIsoDate } from './dates';
import { parseContract } from './input';
import { type PatternContext, type RawLine, exact, money, patternActiveFrom, patternLines } from './patterns';
import type { Contract, Issue, Modification, Obligation, RevenueOptions, RevenueResult, ScheduleLine, VariableConsideration } from './types';

/** One rounded schedule line of an obligation, in minor units. */
export interface Line {
	period: number;
	adjustment: boolean;
	amount: bigint;
}

interface ObligationState {
	obligation: Obligation;
	total: bigint;
	lines: Line[];
	removed: boolean;
	/** Set by a prospective modification: history before `period` stays, the rest is re-spread from there. */
	from?: { period: number; recognized: bigint; lines: Line[] };
	/** SSP the obligation was weighed by at inception (minor units), for the output. */
	ssp?: bigint;
}

type ContractEvent =
	| { date: DayNumber; kind: 'vc'; include: boolean; vc: VariableConsideration; why: string }
	| { date: DayNumber; kind: 'modification'; modification: Modification };

function sum(lines: readonly Line[], predicate: (line: Line) => boolean = () => true): bigint {
	let total = 0n;
	for (const line of lines) if (predicate(line)) total += line.amount;
	return total;
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
	try {
		const parsed = parseContract(input, asOf);
		if (!parsed.contract) return { ...empty, errors: parsed.errors };
		return new ScheduleRun(parsed.contract, options, asOf).run();
	} catch (error) {
		// A defect, not bad input; still reported per contract so one contract cannot stop the others.
		return { ...empty, errors: [{ code: 'INTERNAL_ERROR', message: `(contract): ${(error as Error).message}` }] };
	}
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
		this.transactionPrice = price;
		this.note(`Transaction price ${this.m(price)} = ${parts.join(' + ')}.`);
		if (price < 0n) this.errors.push({ code: 'INVALID_AMOUNT', message: `transactionPrice: the transaction price ${this.m(price)} is negative` });
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
			const state: ObligationState = { obligation, total: allocation.amounts[i], lines: [], removed: false, ssp: allocation.ssps[i] };
			state.lines = this.planFor(state, 'initial plan');
			this.states.push(state);
		});

		for (const event of this.events()) {
			if (event.kind === 'vc') this.applyVariable(event, included);
			else this.applyModification(event.modification);
			if (this.errors.length) return this.result();
		}
		return this.result();
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

	/** The period an event's effect lands in: its own, or the first open one. */
	private effectivePeriod(date: DayNumber, what: string): number {
		const own = this.contract.calendar.indexOf(date);
		if (own >= this.firstOpen) return own;
		this.note(`  ${what} is dated ${formatIsoDate(date)} in closed period ${this.label(own)}; its effect lands in the first open period ${this.label(this.firstOpen)}.`);
		return this.firstOpen;
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
		this.transactionPrice += delta;
		this.note(`${formatIsoDate(event.date)}: variable consideration ${vc.id} ${event.why}: transaction price ${event.include ? '+' : '−'} ${this.m(vc.amount)} = ${this.m(this.transactionPrice)}; the change is allocated on the inception basis and caught up for progress to date.`);
		const pEff = this.effectivePeriod(event.date, `Variable consideration ${vc.id}`);
		const active = this.active();
		const c = this.contract;
		const residualActive = active.some((state) => state.obligation.id === c.allocation.residualObligationId);
		const shares = c.allocation.method === 'residual' && residualActive
			? active.map((state) => (state.obligation.id === c.allocation.residualObligationId ? delta : 0n))
			: allocate(delta, active.map((state) => state.obligation), c.allocation.method === 'residual' ? 'relativeSsp' : c.allocation.method === 'specified' ? 'specified' : 'relativeSsp', undefined, c.units, false).amounts;
		active.forEach((state, i) => {
			if (shares[i] === 0n) return;
			state.total += shares[i];
			this.note(`  ${state.obligation.id}: allocated ${shares[i] > 0n ? '+' : '−'} ${this.m(shares[i] < 0n ? -shares[i] : shares[i])} = ${this.m(state.total)}.`);
			this.respliceWithCatchUp(state, pEff, `variable consideration ${vc.id}`);
		});
		if (!event.include) {
			this.warnings.push({ code: 'VARIABLE_CONSIDERATION_REVERSED', message: `variableConsideration: ${vc.id} (${this.m(vc.amount)}) was lost on ${formatIsoDate(event.date)} after being included; revenue recognised for it is reversed in ${this.label(pEff)}` });
		}
	}

	/** Recomputes the obligation's plan and posts the difference to what was recognised before `pEff` in `pEff`. */
	private respliceWithCatchUp(state: ObligationState, pEff: number, reason: string): void {
		const plan = this.planFor(state, `plan after ${reason}`);
		const kept = state.lines.filter((line) => line.period < pEff);
		const recognised = sum(kept);
		const planBefore = sum(plan, (line) => line.period < pEff);
		const adjustment = planBefore - recognised;
		const after = plan.filter((line) => line.period >= pEff).map((line) => ({ ...line }));
		const existing = after.find((line) => line.period === pEff && line.adjustment);
		if (existing) existing.amount += adjustment;
		else if (adjustment !== 0n) after.push({ period: pEff, adjustment: true, amount: adjustment });
		state.lines = [...kept, ...after].sort((a, b) => a.period - b.period || Number(a.adjustment) - Number(b.adjustment));
		this.note(`  ${state.obligation.id}: cumulative catch-up in ${this.label(pEff)} = the new plan's revenue before ${this.label(pEff)} ${this.m(planBefore)} − recognised ${this.m(recognised)} = ${this.m(adjustment)}.`);
		if (existing) {
			this.note(`  ${state.obligation.id}: with the plan's own ${this.label(pEff)} catch-up of ${this.m(existing.amount - adjustment)}, the ${this.label(pEff)} catch-up line is ${this.m(existing.amount)}.`);
		}
	}

	private applyModification(modification: Modification): void {
		const c = this.contract;
		const date = formatIsoDate(modification.date);
		if (modification.treatment === 'separateContract') {
			const separate = this.separateContract(modification);
			this.note(`${date}: modification ${modification.id} adds distinct goods or services at their standalone selling prices: a separate contract ${separate.contractId} for ${this.m(modification.priceChange)} (ASC 606-10-25-12); this contract is unchanged.`);
			this.separateContracts.push(separate);
			return;
		}
		const pEff = this.effectivePeriod(modification.date, `Modification ${modification.id}`);
		this.note(`${date}: modification ${modification.id} (${modification.treatment}), price change ${this.m(modification.priceChange)}, effective from ${this.label(pEff)}.`);
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
			state.lines = state.lines.filter((line) => line.period < pEff);
			state.total = sum(state.lines);
			this.note(`  ${id} is removed: it keeps the ${this.m(state.total)} recognised before ${this.label(pEff)} and recognises nothing more.`);
		}
		const recognisedBefore = new Map<ObligationState, bigint>();
		for (const state of this.states) recognisedBefore.set(state, sum(state.lines, (line) => line.period < pEff));
		const changed = new Set(modification.changes.map((change) => change.obligationId));
		for (const obligation of modification.addObligations) {
			const state: ObligationState = { obligation, total: 0n, lines: [], removed: false, ssp: obligation.ssp ? sspMinor(obligation.ssp, c.units) : undefined };
			this.states.push(state);
			recognisedBefore.set(state, 0n);
			changed.add(obligation.id);
		}
		if (modification.treatment === 'prospective') this.prospective(modification, pEff, recognisedBefore, changed);
		else this.cumulativeCatchUp(modification, pEff);
	}

	/**
	 * ASC 606-10-25-13(a): the unrecognised consideration plus the price change is allocated to the remaining
	 * obligations and recognised from the modification on; nothing recognised before is touched.
	 */
	private prospective(modification: Modification, pEff: number, recognisedBefore: Map<ObligationState, bigint>, changed: Set<string>): void {
		const c = this.contract;
		const remaining = this.active().filter((state) =>
			changed.has(state.obligation.id) || patternActiveFrom(state.obligation.pattern, c.calendar, pEff) || state.total !== recognisedBefore.get(state));
		if (remaining.length === 0) {
			// Everything was already delivered: a price change can only be a change in transaction price, recognised at once.
			this.warnings.push({ code: 'NOTHING_REMAINING', message: `modifications.${modification.id}: no obligation remains to recognise prospectively, so the price change is caught up in ${this.label(pEff)}` });
			this.cumulativeCatchUp(modification, pEff);
			return;
		}
		let recognised = 0n;
		for (const state of this.states) recognised += recognisedBefore.get(state) ?? 0n;
		const unrecognised = this.transactionPrice - recognised;
		this.transactionPrice += modification.priceChange;
		const pool = unrecognised + modification.priceChange;
		this.note(`  Unrecognised consideration ${this.m(unrecognised)} (transaction price ${this.m(this.transactionPrice - modification.priceChange)} − recognised ${this.m(recognised)}) + price change ${this.m(modification.priceChange)} = ${this.m(pool)} for the remaining obligations ${remaining.map((state) => state.obligation.id).join(', ')}.`);
		for (const state of this.active()) {
			if (!remaining.includes(state)) {
				state.total = recognisedBefore.get(state) ?? 0n;
				state.lines = state.lines.filter((line) => line.period < pEff);
			}
		}
		const method = c.allocation.method === 'residual' && !remaining.some((state) => state.obligation.id === c.allocation.residualObligationId) ? 'relativeSsp' : c.allocation.method;
		const allocation = allocate(pool, remaining.map((state) => state.obligation), method, c.allocation.residualObligationId, c.units, this.ctx.trace);
		for (const text of allocation.notes) this.note(`    ${text}`);
		if (allocation.issues.length) this.warnings.push(...allocation.issues);
		remaining.forEach((state, i) => {
			const before = recognisedBefore.get(state) ?? 0n;
			const kept = state.lines.filter((line) => line.period < pEff);
			state.from = { period: pEff, recognized: before, lines: kept };
			state.total = before + allocation.amounts[i];
			state.lines = this.planFor(state, `remaining plan after modification ${modification.id}`);
		});
	}

	/** ASC 606-10-25-13(b): price and progress are updated; the difference to what was recognised is caught up. */
	private cumulativeCatchUp(modification: Modification, pEff: number): void {
		const c = this.contract;
		this.transactionPrice += modification.priceChange;
		const removedTotal = this.states.filter((state) => state.removed).reduce((total, state) => total + state.total, 0n);
		const pool = this.transactionPrice - removedTotal;
		const active = this.active();
		this.note(`  Transaction price ${this.m(this.transactionPrice)}${removedTotal ? ` less ${this.m(removedTotal)} kept by removed obligations` : ''} = ${this.m(pool)} is re-allocated to ${active.map((state) => state.obligation.id).join(', ')}.`);
		const method = c.allocation.method === 'residual' && !active.some((state) => state.obligation.id === c.allocation.residualObligationId) ? 'relativeSsp' : c.allocation.method;
		const allocation = allocate(pool, active.map((state) => state.obligation), method, c.allocation.residualObligationId, c.units, this.ctx.trace);
		for (const text of allocation.notes) this.note(`    ${text}`);
		if (allocation.issues.length) this.warnings.push(...allocation.issues);
		active.forEach((state, i) => {
			state.total = allocation.amounts[i];
			this.respliceWithCatchUp(state, pEff, `modification ${modification.id}`);
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
			return this.finalise(patternLines(pattern, state.total, this.ctx), pattern.type === 'straightLine' && pattern.convention === 'prorateFirstLast');
		}
		const { period, recognized, lines } = state.from;
		const rest = state.total - recognized;
		this.note(`  ${obligation.id} ${what}: ${this.m(state.total)} − ${this.m(recognized)} recognised before ${this.label(period)} = ${this.m(rest)} from ${this.label(period)} on, over ${pattern.type}:`);
		let raw: RawLine[];
		if (pattern.type === 'straightLine') {
			raw = patternLines(pattern, rest, this.ctx, this.contract.calendar.period(period).start);
		} else if (pattern.type === 'asInvoiced') {
			raw = patternLines(pattern, rest, this.ctx).filter((line) => line.period >= period);
		} else {
			const later = patternLines(pattern, rest, this.ctx).filter((line) => line.period >= period);
			const weight = later.reduce((total, line) => total.add(line.value), Rational.ZERO);
			if (weight.isZero()) {
				raw = [{ period, adjustment: true, value: Rational.fromBigInt(rest), note: 'nothing of the pattern is left from here, so the rest lands at once' }];
			} else {
				const scale = Rational.fromBigInt(rest).div(weight);
				raw = later.map((line) => ({ ...line, value: line.value.mul(scale), note: line.note ? `${line.note}, scaled to the remaining ${this.m(rest)}` : undefined }));
			}
		}
		if (raw.length === 0 && rest !== 0n) raw = [{ period, adjustment: true, value: Rational.fromBigInt(rest), note: 'the term is over, so the rest lands at once' }];
		return [...lines, ...this.finalise(raw, pattern.type === 'straightLine' && pattern.convention === 'prorateFirstLast')];
	}

	/** Merges exact lines per period and kind, moves adjustments out of closed periods, and rounds them. */
	private finalise(raw: RawLine[], alreadyWhole: boolean): Line[] {
		// Most patterns already give one line per period in order; only then can merging be skipped.
		let ordered = true;
		for (let i = 0; i < raw.length && ordered; i++) {
			const line = raw[i];
			if (line.adjustment || (i > 0 && raw[i - 1].period >= line.period)) ordered = false;
		}
		if (ordered && !this.ctx.trace) {
			const { lines } = roundValues(raw.map((line) => line.value), this.contract.rounding);
			return raw.map((line, i) => ({ period: line.period, adjustment: false, amount: lines[i] }));
		}
		const merged = new Map<string, { period: number; adjustment: boolean; value: Rational; notes: string[] }>();
		for (const line of raw) {
			let period = line.period;
			if (line.adjustment && period < this.firstOpen) period = this.firstOpen;
			const key = `${period}|${line.adjustment ? 1 : 0}`;
			const entry = merged.get(key);
			if (entry) {
				entry.value = entry.value.add(line.value);
				if (line.note) entry.notes.push(line.note);
			} else {
				merged.set(key, { period, adjustment: line.adjustment, value: line.value, notes: line.note ? [line.note] : [] });
			}
		}
		const entries = [...merged.values()].sort((a, b) => a.period - b.period || Number(a.adjustment) - Number(b.adjustment));
		const { lines } = roundValues(entries.map((entry) => entry.value), this.contract.rounding);
		if (this.ctx.trace) {
			entries.forEach((entry, i) => {
				this.trace.push(`    ${this.label(entry.period)} ${entry.adjustment ? 'catch-up' : 'recognition'}: ${entry.notes.join('; ')} = ${exact(entry.value, this.contract.units)} → ${this.m(lines[i])}`);
			});
			if (!alreadyWhole && entries.some((entry) => !entry.value.isInteger())) {
				this.trace.push(`    (rounded with ${this.contract.rounding}: ${ROUNDING_EXPLANATION[this.contract.rounding]}; the lines sum to ${this.m(sum(lines.map((amount, i) => ({ period: entries[i].period, adjustment: false, amount }))))})`);
			}
		}
		return entries.map((entry, i) => ({ period: entry.period, adjustment: entry.adjustment, amount: lines[i] }));
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
		const revenueByPeriod = new Map<number, bigint>();
		const asInvoicedByPeriod = new Map<number, bigint>();
		for (const state of this.states) {
			const { obligation } = state;
			base.allocations.push({ obligationId: obligation.id, ssp: state.ssp === undefined ? null : formatScaled(state.ssp, c.units), allocated: formatScaled(state.total, c.units) });
			const scheduled = sum(state.lines);
			if (scheduled !== state.total) {
				this.warnings.push({ code: 'NOT_FULLY_SCHEDULED', message: `obligations.${obligation.id}: the pattern schedules ${this.m(scheduled)} of the ${this.m(state.total)} allocated; ${this.m(state.total - scheduled)} waits for more progress, milestones or invoices` });
			}
			let cumulative = 0n;
			const net = new Map<number, bigint>();
			for (const line of state.lines) {
				if (line.period > lastPeriod) continue;
				if (line.adjustment && line.amount === 0n) continue;
				cumulative += line.amount;
				const period = c.calendar.period(line.period);
				schedule.push({
					obligationId: obligation.id,
					period: period.label,
					periodStart: period.startIso,
					periodEnd: period.endIso,
					amount: formatScaled(line.amount, c.units),
					cumulative: formatScaled(cumulative, c.units),
					kind: line.adjustment ? (line.amount < 0n ? 'reversal' : 'catchUp') : line.amount < 0n ? 'reversal' : 'recognition',
				});
				net.set(line.period, (net.get(line.period) ?? 0n) + line.amount);
				revenueByPeriod.set(line.period, (revenueByPeriod.get(line.period) ?? 0n) + line.amount);
				if (obligation.pattern.type === 'asInvoiced') asInvoicedByPeriod.set(line.period, (asInvoicedByPeriod.get(line.period) ?? 0n) + line.amount);
			}
			for (const [period, amount] of net) {
				if (amount < 0n) this.warnings.push({ code: 'NEGATIVE_REVENUE', message: `obligations.${obligation.id}: revenue in ${this.label(period)} is ${this.m(amount)} (a reversal)` });
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
