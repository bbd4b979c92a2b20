/**
 * Building blocks of every canonical schema. Each check says in plain English what a good value looks like,
 * because those sentences become the `reason` of a problem on the Exceptions output.
 */
import { z } from 'zod';

import { CURRENCY_CODES } from '../money';

// Calendar dates as a regular expression (Gregorian leap years included), so the check needs no code and the
// JSON Schema carries it too.
const DAY_OF_YEAR =
	'(?:\\d{4}-(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|\\d{4}-(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|\\d{4}-02-(?:0[1-9]|1\\d|2[0-8])' +
	'|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)';
const TIME_OF_DAY = '(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,9})?)?';
const ZONE = '(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)';

export const ISO_DATE = new RegExp(`^${DAY_OF_YEAR}$`);
export const TIMESTAMP = new RegExp(`^${DAY_OF_YEAR}T${TIME_OF_DAY}${ZONE}$`);
export const DECIMAL = /^-?\d+(\.\d+)?$/;
export const UNSIGNED_DECIMAL = /^\d+(\.\d+)?$/;
/** 0 to 24 (hours in one day). */
export const DAY_HOURS = /^(?:(?:[01]?\d|2[0-3])(?:\.\d+)?|24(?:\.0+)?)$/;
/** 0 to 100. */
export const PERCENT = /^(?:\d{1,2}(?:\.\d+)?|100(?:\.0+)?)$/;

// Checks are plain patterns rather than refinements: a zod refinement costs several microseconds per value,
// and a canonical record has dozens of values. Rules that need code (minor units per currency, sums) run in
// rules.ts on the parsed record.

/** A calendar date, `YYYY-MM-DD`. */
export const isoDate = z
	.string()
	.regex(ISO_DATE, 'must be a real calendar date written YYYY-MM-DD, such as 2025-03-31')
	.describe('ISO 8601 calendar date, YYYY-MM-DD');

/** An instant with its zone: `2025-03-31T17:05:00Z` or `2025-03-31T12:05:00-05:00`. */
export const timestamp = z
	.string()
	.regex(TIMESTAMP, 'must be a real date and time with its zone, such as 2025-03-31T17:05:00Z or 2025-03-31T12:05:00-05:00')
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

/** Hours in one time entry: 0 to 24. */
export const dayHours = z
	.string()
	.regex(DAY_HOURS, 'must be an exact decimal number of hours from 0 to 24 written as a string, such as "7.5"')
	.describe('hours in one day, 0–24, as an exact decimal string');

export const percent = z
	.string()
	.regex(PERCENT, 'must be a percentage from 0 to 100 written as an exact decimal string, such as "37.5"')
	.describe('percentage 0–100 as an exact decimal string');

export const currencyCode = z
	.enum(CURRENCY_CODES as [string, ...string[]], {
		errorMap: () => ({ message: 'must be an ISO 4217 currency code such as USD, EUR or JPY' }),
	})
	.describe('ISO 4217 alphabetic currency code');

const amount = z
	.string()
	.regex(DECIMAL, 'must be an exact decimal amount written as a string, such as "1250.00"')
	.describe('decimal string with at most the currency’s ISO 4217 minor-unit decimals (JPY 0, USD 2, KWD 3, CLF 4)');

/**
 * An amount of money: an exact decimal string with no more decimals than the currency's minor units (checked
 * with the currency in rules.ts, since it spans both fields).
 */
export const money = z.object({ amount, currency: currencyCode }).strict().describe('Money: exact decimal amount and ISO 4217 currency');

/** A rate per unit of time, e.g. a bill or cost rate per hour. */
export const rate = z
	.object({
		amount,
		currency: currencyCode,
		unit: z.enum(['hour', 'day']).describe('the unit the rate is charged per'),
	})
	.strict()
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
