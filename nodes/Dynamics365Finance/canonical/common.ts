/**
 * What every Dynamics 365 Finance mapping shares: company-scoped references (`usmf/C0001`), Edm.Decimal money
 * and hours read from JSON numbers as exact decimal text and written back only when the JSON number carries
 * exactly that value, Edm.DateTimeOffset dates, NoYes enums, and the source block.
 */
import type { FromCanonicalContext, Problem, VendorRecord } from '../../../lib/canonical';
import { canonicalDecimal, compact, dateText, decimalToNumber, exactDecimalText, isPlainObject, reference, textOf, timestampText } from '../../../lib/canonical';
import { formatAmount, isCurrencyCode, parseAmount } from '../../../lib/money';

/** The system name in canonical envelopes and external references (lower case, as the mapping registry matches it). */
export const FINANCE = 'd365finance';

/** The company (legal entity) a record lives in, and its key within that company: `usmf/C0001`. */
export function scopedId(company: unknown, ...keys: unknown[]): string | undefined {
	const parts = [company, ...keys].map(textOf);
	return parts.every((part) => part !== undefined && part !== '') ? parts.join('/') : undefined;
}

export function foRef(id: unknown, name?: unknown): Record<string, unknown> | undefined {
	return reference(FINANCE, id, name);
}

/**
 * A canonical reference as an F&O natural key (a project id, a personnel number, a customer account). F&O
 * bodies take only its own keys, so a reference into another system is a problem naming the field: resolve it
 * first (the firm's ids are F&O's keys in the sandbox seed, so a template can pass them through).
 */
export function foRefOut(ref: unknown, context: FromCanonicalContext, path: string, problems: Problem[]): string | undefined {
	if (!isPlainObject(ref)) return undefined;
	const id = textOf(ref.id);
	if (context.sourceSystem !== FINANCE) {
		problems.push({ path, reason: `refers to a ${context.sourceSystem} record (id ${String(ref.id)}); Dynamics 365 Finance needs its own key here (project ID, personnel number, customer account), so look it up first` });
		return undefined;
	}
	// Company-scoped ids carry the company in front (`usmf/C0001`); the body takes the key alone.
	return id?.includes('/') ? id.slice(id.lastIndexOf('/') + 1) : id;
}

/** An Edm.Decimal (a JSON number, or text) as exact decimal text, or a problem naming the field. */
export function decimalFrom(value: unknown, path: string, problems: Problem[]): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = exactDecimalText(value);
	if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) {
		problems.push({ path, reason: `must be a decimal number (got ${JSON.stringify(value)})` });
		return undefined;
	}
	return canonicalDecimal(text);
}

/** An Edm.Decimal amount as canonical money; more decimals than the currency has is a problem, never rounded. */
export function moneyFrom(value: unknown, currency: unknown, path: string, problems: Problem[]): { amount: string; currency: string } | undefined {
	const text = decimalFrom(value, path, problems);
	if (text === undefined) return undefined;
	if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
		problems.push({ path, reason: `needs an ISO 4217 currency code to be read as money (got ${JSON.stringify(currency)})` });
		return undefined;
	}
	try {
		return { amount: formatAmount(parseAmount(text, currency), currency), currency };
	} catch (error) {
		problems.push({ path, reason: (error as Error).message });
		return undefined;
	}
}

/** Canonical money (or a decimal) as an Edm.Decimal JSON number, only when the number is exactly that value. */
export function decimalOut(value: unknown, path: string, problems: Problem[]): number | undefined {
	if (value === undefined || value === null) return undefined;
	const text = isPlainObject(value) ? value.amount : value;
	return decimalToNumber(text, path, problems);
}

/** An Edm.DateTimeOffset date field (`2026-01-13T00:00:00Z`) as the canonical date. */
export function dateFrom(value: unknown): string | undefined {
	const text = dateText(value);
	return typeof text === 'string' && text !== '' && !text.startsWith('1900-01-01') ? text : undefined;
}

/** A canonical date as the Edm.DateTimeOffset F&O stores a date in (midnight UTC). */
export function dateOut(value: unknown): string | undefined {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : undefined;
}

export function yes(value: unknown): boolean {
	return value === 'Yes' || value === true;
}

export function sourceOf(record: VendorRecord, id: string | undefined, problems: Problem[], keyNames: string): { id: string; modifiedAt?: string } {
	if (!id) problems.push({ path: 'payload', reason: `is missing its key (${keyNames}), so the record cannot be identified` });
	const modifiedAt = timestampText(record.ModifiedDateTime);
	return compact({ id: id ?? '', modifiedAt: typeof modifiedAt === 'string' && modifiedAt !== '' ? modifiedAt : undefined });
}
