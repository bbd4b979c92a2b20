import { z } from 'zod';

import { compiledValidator } from '../canonical/compiled';
import { parseAmount } from '../money/amount';
import { isCurrencyCode, minorUnitsOf } from '../money/currencies';
import { Rational, formatScaled } from '../money/rational';
import { type CalendarType, calendarFor } from './calendar';
import { type DayNumber, parseIsoDate } from './dates';
import type { Contract, Issue, Modification, Obligation, Pattern, VariableConsideration } from './types';

/** A straight line's convention when the input names none. */
const DEFAULT_CONVENTION = 'exactDays';

/** Shape of the input; values (amounts, dates) are checked while converting so messages can name the field. */
const decimal = z.union([z.string(), z.number()]);
const date = z.string();

const patternSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('pointInTime'), date }),
	z.object({
		type: z.literal('straightLine'),
		start: date,
		end: date,
		convention: z.enum(['exactDays', 'evenPeriods', 'prorateFirstLast', 'periodRate']).default(DEFAULT_CONVENTION),
	}),
	z.object({
		type: z.literal('milestones'),
		milestones: z.array(z.object({ id: z.string().min(1), date, percent: decimal.optional(), amount: decimal.optional() })).min(1),
	}),
	z.object({
		type: z.literal('percentComplete'),
		measure: z.enum(['cost', 'hours']),
		progress: z.array(z.object({ periodEnd: date, cumulativeActual: decimal, estimatedTotal: decimal })).min(1),
		percentPrecision: z.number().int().min(0).max(12).optional(),
	}),
	z.object({ type: z.literal('asInvoiced'), invoices: z.array(z.object({ date, amount: decimal })) }),
]);

const obligationSchema = z.object({
	id: z.string().min(1),
	name: z.string().optional(),
	ssp: decimal.optional(),
	sspRange: z.object({ min: decimal, max: decimal }).optional(),
	specifiedAmount: decimal.optional(),
	pattern: patternSchema,
});

export const contractSchema = z.object({
	contractId: z.union([z.string().min(1), z.number()]),
	currency: z.string(),
	transactionPrice: decimal,
	variableConsideration: z
		.array(
			z.object({
				id: z.string().min(1),
				amount: decimal,
				method: z.enum(['expectedValue', 'mostLikely']),
				constrained: z.boolean(),
				constraintLiftedOn: date.optional(),
				outcome: z.enum(['earned', 'lost']).optional(),
				outcomeDate: date.optional(),
			}),
		)
		.optional(),
	allocation: z.object({ method: z.enum(['relativeSsp', 'residual', 'specified']), residualObligationId: z.string().optional() }),
	rounding: z.enum(['largestRemainder', 'lastPeriodPlug', 'cumulative']).optional(),
	calendar: z.object({
		type: z.enum(['month', 'quarter', 'year', 'fiscal445', 'fiscal454', 'fiscal544']),
		fiscalYearStart: z.string().optional(),
	}),
	obligations: z.array(obligationSchema).min(1),
	modifications: z
		.array(
			z.object({
				id: z.string().min(1),
				date,
				treatment: z.enum(['separateContract', 'prospective', 'cumulativeCatchUp']),
				priceChange: decimal,
				addObligations: z.array(obligationSchema).optional(),
				removeObligations: z.array(z.string()).optional(),
				changes: z
					.array(z.object({ obligationId: z.string().min(1), pattern: patternSchema.optional(), ssp: decimal.optional() }))
					.optional(),
			}),
		)
		.optional(),
	billings: z.array(z.object({ date, amount: decimal })).optional(),
	closedThrough: date.optional(),
});

type RawContract = z.infer<typeof contractSchema>;
type RawObligation = z.infer<typeof obligationSchema>;
type RawPattern = z.infer<typeof patternSchema>;

/** `obligations[1].pattern.end` from a zod path. */
export function formatPath(path: ReadonlyArray<string | number>): string {
	let text = '';
	for (const part of path) text += typeof part === 'number' ? `[${part}]` : text ? `.${part}` : part;
	return text || '(contract)';
}

export interface ParsedInput {
	contract?: Contract;
	errors: Issue[];
}

/** Validates and converts a raw contract. `asOf` drops every dated event after it. */
export function parseContract(input: unknown, asOf?: DayNumber): ParsedInput {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		return { errors: [{ code: 'INVALID_INPUT', message: '(contract): expected an object with contractId, currency, transactionPrice, allocation, calendar and obligations' }] };
	}
	// The compiled check says yes exactly when zod would; then the input is read as it is (the converter reads only
	// the schema's fields and applies the one default itself). Otherwise zod parses it and names the problems.
	if (contractAccepted(input)) return new Converter(input as RawContract, asOf).convert();
	const shape = contractSchema.safeParse(input);
	if (!shape.success) {
		return {
			errors: shape.error.issues.map((issue) => ({ code: 'INVALID_INPUT', message: `${formatPath(issue.path)}: ${issue.message}` })),
		};
	}
	return new Converter(shape.data, asOf).convert();
}

const contractAccepted = compiledValidator(contractSchema, false);

class Converter {
	readonly errors: Issue[] = [];
	private currency = '';

	constructor(
		private readonly raw: RawContract,
		private readonly asOf?: DayNumber,
	) {}

	private fail(code: string, path: string, message: string): void {
		this.errors.push({ code, message: `${path}: ${message}` });
	}

	private after(day: DayNumber | undefined): boolean {
		return day !== undefined && this.asOf !== undefined && day > this.asOf;
	}

	private amount(value: string | number, path: string): bigint {
		try {
			return parseAmount(value, this.currency);
		} catch (error) {
			this.fail('INVALID_AMOUNT', path, (error as Error).message);
			return 0n;
		}
	}

	private decimal(value: string | number, path: string, nonNegative = false): Rational {
		try {
			const rational = Rational.parse(value);
			if (nonNegative && rational.sign() < 0) this.fail('INVALID_AMOUNT', path, `must not be negative, got ${String(value)}`);
			return rational;
		} catch (error) {
			this.fail('INVALID_AMOUNT', path, (error as Error).message);
			return Rational.ZERO;
		}
	}

	private date(value: string, path: string): DayNumber {
		const day = parseIsoDate(value);
		if (day === undefined) {
			this.fail('INVALID_DATE', path, `'${value}' is not a valid ISO calendar date (YYYY-MM-DD)`);
			return 0;
		}
		return day;
	}

	convert(): ParsedInput {
		const raw = this.raw;
		if (!isCurrencyCode(raw.currency)) {
			this.fail('UNKNOWN_CURRENCY', 'currency', `'${raw.currency}' is not an active ISO 4217 currency code`);
			return { errors: this.errors };
		}
		this.currency = raw.currency;
		const fiscalYearStart = raw.calendar.fiscalYearStart;
		if (fiscalYearStart !== undefined) {
			const valid = /^(\d{2})-(\d{2})$/.exec(fiscalYearStart);
			const month = valid ? Number(valid[1]) : 0;
			const day = valid ? Number(valid[2]) : 0;
			if (!valid || month < 1 || month > 12 || day < 1 || day > [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]) {
				this.fail('INVALID_DATE', 'calendar.fiscalYearStart', `'${fiscalYearStart}' is not a month-day (MM-DD) every year has`);
			} else if (!raw.calendar.type.startsWith('fiscal') && fiscalYearStart !== '01-01') {
				this.fail('INVALID_CALENDAR', 'calendar.fiscalYearStart', `only applies to the fiscal445, fiscal454 and fiscal544 calendars, not '${raw.calendar.type}'`);
			}
		}
		const obligations = raw.obligations.map((obligation, i) => this.obligation(obligation, `obligations[${i}]`));
		const ids = new Set<string>();
		obligations.forEach((obligation, i) => {
			if (ids.has(obligation.id)) this.fail('DUPLICATE_ID', `obligations[${i}].id`, `'${obligation.id}' is used by an earlier obligation`);
			ids.add(obligation.id);
		});
		const variableConsideration: VariableConsideration[] = (raw.variableConsideration ?? []).map((vc, i) => {
			const path = `variableConsideration[${i}]`;
			const constraintLiftedOn = vc.constraintLiftedOn === undefined ? undefined : this.date(vc.constraintLiftedOn, `${path}.constraintLiftedOn`);
			const outcomeDate = vc.outcomeDate === undefined ? undefined : this.date(vc.outcomeDate, `${path}.outcomeDate`);
			if (vc.outcome !== undefined && vc.outcomeDate === undefined) this.fail('INVALID_INPUT', `${path}.outcomeDate`, 'is required when outcome is given');
			return {
				id: vc.id,
				index: i,
				amount: this.amount(vc.amount, `${path}.amount`),
				method: vc.method,
				constrained: vc.constrained,
				constraintLiftedOn: this.after(constraintLiftedOn) ? undefined : constraintLiftedOn,
				outcome: this.after(outcomeDate) ? undefined : vc.outcome,
				outcomeDate: this.after(outcomeDate) ? undefined : outcomeDate,
			};
		});
		const known = new Set(ids);
		// Obligations still carrying the contract at each modification: removing every one leaves no one to allocate to.
		const active = new Set(ids);
		const modifications: Modification[] = [];
		(raw.modifications ?? []).forEach((modification, i) => {
			const path = `modifications[${i}]`;
			const day = this.date(modification.date, `${path}.date`);
			const converted: Modification = {
				id: modification.id,
				index: i,
				date: day,
				treatment: modification.treatment,
				priceChange: this.amount(modification.priceChange, `${path}.priceChange`),
				addObligations: (modification.addObligations ?? []).map((obligation, j) => this.obligation(obligation, `${path}.addObligations[${j}]`)),
				removeObligations: modification.removeObligations ?? [],
				changes: (modification.changes ?? []).map((change, j) => ({
					obligationId: change.obligationId,
					pattern: change.pattern === undefined ? undefined : this.pattern(change.pattern, `${path}.changes[${j}].pattern`),
					ssp: change.ssp === undefined ? undefined : this.decimal(change.ssp, `${path}.changes[${j}].ssp`, true),
				})),
			};
			converted.removeObligations.forEach((id, j) => {
				if (!known.has(id)) this.fail('UNKNOWN_OBLIGATION', `${path}.removeObligations[${j}]`, `no obligation '${id}' exists at this modification`);
			});
			converted.changes.forEach((change, j) => {
				if (!known.has(change.obligationId)) {
					this.fail('UNKNOWN_OBLIGATION', `${path}.changes[${j}].obligationId`, `no obligation '${change.obligationId}' exists at this modification`);
				}
			});
			if (converted.treatment !== 'separateContract') {
				for (const id of converted.removeObligations) active.delete(id);
				converted.addObligations.forEach((obligation, j) => {
					if (known.has(obligation.id)) this.fail('DUPLICATE_ID', `${path}.addObligations[${j}].id`, `'${obligation.id}' is already an obligation of the contract`);
					known.add(obligation.id);
					active.add(obligation.id);
				});
				if (active.size === 0) {
					this.fail('INVALID_INPUT', `${path}.removeObligations`, 'removes every remaining obligation and adds none, so nothing is left to carry the transaction price (end the contract instead)');
				}
			} else if (converted.addObligations.length === 0) {
				this.fail('INVALID_INPUT', `${path}.addObligations`, 'a separate contract needs at least one added obligation');
			}
			if (!this.after(day)) modifications.push(converted);
		});
		const billings = (raw.billings ?? [])
			.map((billing, i) => ({ date: this.date(billing.date, `billings[${i}].date`), amount: this.amount(billing.amount, `billings[${i}].amount`) }))
			.filter((billing) => !this.after(billing.date));
		const closedThrough = raw.closedThrough === undefined ? undefined : this.date(raw.closedThrough, 'closedThrough');
		const contract: Contract = {
			contractId: String(raw.contractId),
			currency: raw.currency,
			units: minorUnitsOf(raw.currency),
			transactionPrice: this.amount(raw.transactionPrice, 'transactionPrice'),
			variableConsideration,
			allocation: { method: raw.allocation.method, residualObligationId: raw.allocation.residualObligationId },
			rounding: raw.rounding ?? 'largestRemainder',
			calendar: calendarFor(raw.calendar.type as CalendarType, fiscalYearStart),
			obligations,
			modifications,
			billings,
			closedThrough,
		};
		this.checkAllocation(contract);
		return this.errors.length ? { errors: this.errors } : { contract, errors: [] };
	}

	private obligation(raw: RawObligation, path: string): Obligation {
		const obligation: Obligation = { id: raw.id, name: raw.name, pattern: this.pattern(raw.pattern, `${path}.pattern`) };
		if (raw.ssp !== undefined) obligation.ssp = this.decimal(raw.ssp, `${path}.ssp`, true);
		if (raw.sspRange !== undefined) {
			const min = this.decimal(raw.sspRange.min, `${path}.sspRange.min`, true);
			const max = this.decimal(raw.sspRange.max, `${path}.sspRange.max`, true);
			if (min.compare(max) > 0) this.fail('INVALID_INPUT', `${path}.sspRange`, `min ${raw.sspRange.min} is above max ${raw.sspRange.max}`);
			obligation.sspRange = { min, max };
		}
		if (raw.specifiedAmount !== undefined) {
			obligation.specifiedAmount = this.amount(raw.specifiedAmount, `${path}.specifiedAmount`);
			if (obligation.specifiedAmount < 0n) this.fail('INVALID_AMOUNT', `${path}.specifiedAmount`, `must not be negative, got ${String(raw.specifiedAmount)}`);
		}
		return obligation;
	}

	private pattern(raw: RawPattern, path: string): Pattern {
		switch (raw.type) {
			case 'pointInTime':
				return { type: 'pointInTime', date: this.date(raw.date, `${path}.date`) };
			case 'straightLine': {
				const start = this.date(raw.start, `${path}.start`);
				const end = this.date(raw.end, `${path}.end`);
				if (end < start) this.fail('INVALID_PATTERN', `${path}.end`, `${raw.end} is before the start ${raw.start} (both dates are inclusive)`);
				return { type: 'straightLine', start, end, convention: raw.convention ?? DEFAULT_CONVENTION };
			}
			case 'milestones': {
				let percentTotal = Rational.ZERO;
				const milestones = raw.milestones.map((milestone, i) => {
					const at = `${path}.milestones[${i}]`;
					const day = this.date(milestone.date, `${at}.date`);
					if ((milestone.percent === undefined) === (milestone.amount === undefined)) {
						this.fail('INVALID_PATTERN', at, 'give exactly one of percent or amount');
					}
					const percent = milestone.percent === undefined ? undefined : this.decimal(milestone.percent, `${at}.percent`, true);
					if (percent) percentTotal = percentTotal.add(percent);
					const amount = milestone.amount === undefined ? undefined : this.amount(milestone.amount, `${at}.amount`);
					if (amount !== undefined && amount < 0n) this.fail('INVALID_AMOUNT', `${at}.amount`, 'must not be negative');
					return { id: milestone.id, date: day, percent, amount };
				});
				const kinds = new Set(milestones.map((milestone) => (milestone.percent ? 'percent' : 'amount')));
				if (kinds.size > 1) this.fail('INVALID_PATTERN', `${path}.milestones`, 'use percent for every milestone or amount for every milestone, not both');
				if (percentTotal.compare(Rational.of(100)) > 0) {
					this.fail('INVALID_PATTERN', `${path}.milestones`, `percents add up to ${percentTotal.toDecimalString(4)}, above 100`);
				}
				return { type: 'milestones', milestones: milestones.filter((milestone) => !this.after(milestone.date)) };
			}
			case 'percentComplete': {
				const progress = raw.progress.map((point, i) => {
					const at = `${path}.progress[${i}]`;
					const estimatedTotal = this.decimal(point.estimatedTotal, `${at}.estimatedTotal`);
					if (estimatedTotal.sign() <= 0) this.fail('INVALID_PATTERN', `${at}.estimatedTotal`, 'must be above zero');
					return {
						periodEnd: this.date(point.periodEnd, `${at}.periodEnd`),
						cumulativeActual: this.decimal(point.cumulativeActual, `${at}.cumulativeActual`, true),
						estimatedTotal,
					};
				});
				for (let i = 1; i < progress.length; i++) {
					if (progress[i].periodEnd <= progress[i - 1].periodEnd) {
						this.fail('INVALID_PATTERN', `${path}.progress[${i}].periodEnd`, 'progress points must be in date order with distinct dates');
					}
				}
				return {
					type: 'percentComplete',
					measure: raw.measure,
					progress: progress.filter((point) => !this.after(point.periodEnd)),
					percentPrecision: raw.percentPrecision,
				};
			}
			case 'asInvoiced': {
				const invoices = raw.invoices.map((invoice, i) => ({
					date: this.date(invoice.date, `${path}.invoices[${i}].date`),
					amount: this.amount(invoice.amount, `${path}.invoices[${i}].amount`),
				}));
				// A credit may reduce what was invoiced, never below zero: revenue cannot go below nothing.
				let invoiced = 0n;
				for (const i of invoices.map((_, j) => j).sort((a, b) => invoices[a].date - invoices[b].date || a - b)) {
					invoiced += invoices[i].amount;
					if (invoiced < 0n) {
						this.fail('INVALID_AMOUNT', `${path}.invoices[${i}].amount`, `this credit takes the amount invoiced to date to ${formatScaled(invoiced, minorUnitsOf(this.currency))}, below zero`);
						break;
					}
				}
				return { type: 'asInvoiced', invoices: invoices.filter((invoice) => !this.after(invoice.date)) };
			}
		}
	}

	private checkAllocation(contract: Contract): void {
		const { method, residualObligationId } = contract.allocation;
		const obligations = contract.obligations;
		if (method === 'relativeSsp') {
			obligations.forEach((obligation, i) => {
				if (!obligation.ssp) this.fail('MISSING_SSP', `obligations[${i}].ssp`, 'relativeSsp allocation needs every obligation\'s standalone selling price');
			});
			if (obligations.every((obligation) => obligation.ssp && obligation.ssp.isZero())) {
				this.fail('MISSING_SSP', 'obligations', 'the standalone selling prices add up to zero, so there is nothing to allocate by');
			}
		} else if (method === 'residual') {
			const index = obligations.findIndex((obligation) => obligation.id === residualObligationId);
			if (index < 0) {
				this.fail('UNKNOWN_OBLIGATION', 'allocation.residualObligationId', `'${residualObligationId ?? ''}' is not one of the obligations`);
			}
			obligations.forEach((obligation, i) => {
				if (i !== index && !obligation.ssp) this.fail('MISSING_SSP', `obligations[${i}].ssp`, 'the residual approach needs the standalone selling price of every other obligation');
			});
		} else {
			obligations.forEach((obligation, i) => {
				if (obligation.specifiedAmount === undefined) this.fail('MISSING_AMOUNT', `obligations[${i}].specifiedAmount`, 'specified allocation needs an amount for every obligation');
			});
		}
		contract.modifications.forEach((modification, m) => {
			modification.addObligations.forEach((obligation, i) => {
				const path = `modifications[${m}].addObligations[${i}]`;
				const needsAmount = method === 'specified' && modification.treatment !== 'separateContract';
				if (needsAmount && obligation.specifiedAmount === undefined) this.fail('MISSING_AMOUNT', `${path}.specifiedAmount`, 'the contract allocates specified amounts');
				if (!needsAmount && !obligation.ssp && obligation.specifiedAmount === undefined) {
					this.fail('MISSING_SSP', `${path}.ssp`, 'an added obligation needs its standalone selling price');
				}
			});
		});
	}
}
