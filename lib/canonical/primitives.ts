/**
 * Building blocks of every canonical schema. Each check says in plain English what a good value looks like,
 * because those sentences become the `reason` of a problem on the Exceptions output.
 */
import { z } from 'zod';

import { amountProblem, currencyProblem } from './money';

export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const DECIMAL = /^-?\d+(\.\d+)?$/;
export const UNSIGNED_DECIMAL = /^\d+(\.\d+)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isIsoDate(value: string): boolean {
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || day < 1) return false;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

export function isTimestamp(value: string): boolean {
	return TIMESTAMP.test(value) && isIsoDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

/** A calendar date, `YYYY-MM-DD`. */
export const isoDate = z
	.string()
	.regex(ISO_DATE, 'must be a date written YYYY-MM-DD, such as 2025-03-31')
	.refine(isIsoDate, { message: 'must be a real calendar date (this day does not exist)' })
	.describe('ISO 8601 calendar date, YYYY-MM-DD');

/** An instant with its zone: `2025-03-31T17:05:00Z` or `2025-03-31T12:05:00-05:00`. */
export const timestamp = z
	.string()
	.regex(TIMESTAMP, 'must be a date and time with its zone, such as 2025-03-31T17:05:00Z or 2025-03-31T12:05:00-05:00')
	.refine(isTimestamp, { message: 'must be a real date and time' })
	.describe('ISO 8601 date-time with a zone designator (Z or ±hh:mm)');

/** An exact decimal number written as a string (quantities, percentages). */
export const decimal = z
	.string()
	.regex(DECIMAL, 'must be an exact decimal number written as a string, such as "12.5"')
	.describe('exact decimal number as a string');

/** Hours as an exact non-negative decimal string. */
export const hours = z
	.string()
	.regex(UNSIGNED_DECIMAL, 'must be a non-negative exact decimal number of hours written as a string, such as "7.5"')
	.describe('hours as an exact decimal string');

/** Whether a non-negative decimal string is at most the whole number `limit` (string comparison, exact). */
function atMostWhole(value: string, limit: number): boolean {
	const [whole, fraction = ''] = value.split('.');
	const units = Number(whole);
	return units < limit || (units === limit && /^0*$/.test(fraction));
}

/** Hours in one time entry: at most 24. */
export const dayHours = hours.refine((value) => !UNSIGNED_DECIMAL.test(value) || atMostWhole(value, 24), {
	message: 'must be at most 24 hours for one day',
});

export const percent = decimal
	.refine((value) => !DECIMAL.test(value) || (!value.startsWith('-') && atMostWhole(value, 100)), {
		message: 'must be a percentage between 0 and 100',
	})
	.describe('percentage 0–100 as an exact decimal string');

export const currencyCode = z
	.string()
	.superRefine((value, ctx) => {
		const problem = currencyProblem(value);
		if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
	})
	.describe('ISO 4217 alphabetic currency code');

/** An amount of money: an exact decimal string with no more decimals than the currency's minor units. */
export const money = z
	.object({
		amount: z
			.string()
			.regex(DECIMAL, 'must be an exact decimal amount written as a string, such as "1250.00"')
			.describe('decimal string with at most the currency’s ISO 4217 minor-unit decimals (JPY 0, USD 2, KWD 3, CLF 4)'),
		currency: currencyCode,
	})
	.strict()
	.superRefine((value, ctx) => {
		if (!DECIMAL.test(value.amount)) return;
		const problem = amountProblem(value.amount, value.currency);
		if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['amount'], message: problem });
	})
	.describe('Money: exact decimal amount and ISO 4217 currency');

/** A non-negative amount of money. */
export const nonNegativeMoney = money.refine((value) => !value.amount.startsWith('-'), {
	message: 'must not be negative',
	path: ['amount'],
});

/** A rate per unit of time, e.g. a bill or cost rate per hour. */
export const rate = z
	.object({
		amount: money.innerType().shape.amount,
		currency: currencyCode,
		unit: z.enum(['hour', 'day']).describe('the unit the rate is charged per'),
	})
	.strict()
	.superRefine((value, ctx) => {
		if (!DECIMAL.test(value.amount)) return;
		const problem = amountProblem(value.amount, value.currency);
		if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['amount'], message: problem });
	})
	.describe('Rate: money per hour or per day');

export const enterpriseId = z
	.string()
	.regex(/^ent-[a-zA-Z]+-[0-9a-f]{32}$/, 'must be an enterprise id such as ent-customer-<32 hex digits>')
	.describe('deterministic cross-system id: ent-<entity>-<first 32 hex digits of a SHA-256>');

/** A reference to another record in the source system. */
export const ref = z
	.object({
		id: z.string().min(1, 'must not be empty').describe('the record id in the source system'),
		name: z.string().optional().describe('display name in the source system (never part of the idempotency key)'),
		enterpriseId: enterpriseId.optional(),
	})
	.strict()
	.describe('Reference to a record in the source system');

export const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const address = z
	.object({
		line1: z.string().optional(),
		line2: z.string().optional(),
		city: z.string().optional(),
		region: z.string().optional(),
		postalCode: z.string().optional(),
		country: z.string().optional().describe('country as given by the source (ISO 3166 code where the source has one)'),
	})
	.strict();

/** Fields a per-run mapping override can fill without changing the schema. */
export const customFields = z
	.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
	.describe('custom fields carried through from the source, by canonical name');
