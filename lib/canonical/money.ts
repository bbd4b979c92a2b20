/**
 * The canonical model's view of money: decimal strings checked against the currency's ISO 4217 minor units by
 * the package's exact-money library (lib/money), and converted to integer minor units for sums.
 */
import { formatAmount, isCurrencyCode, minorUnitsOf, parseAmount } from '../money';

export interface Money {
	amount: string;
	currency: string;
}

/** Why `amount` is not a valid amount of `currency`, in plain English; undefined when it is valid. */
export function amountProblem(amount: string, currency: string): string | undefined {
	if (!isCurrencyCode(currency)) return undefined; // the currency field reports its own problem
	try {
		parseAmount(amount, currency);
		return undefined;
	} catch (error) {
		const digits = minorUnitsOf(currency);
		const allowed = digits === 0 ? 'no decimal places' : `at most ${digits} decimal place${digits === 1 ? '' : 's'}`;
		return `must be an exact decimal amount with ${allowed} for ${currency} (got "${amount}")`;
	}
}

export function toMinorUnits(money: Money): bigint {
	return parseAmount(money.amount, money.currency);
}

export function fromMinorUnits(minor: bigint, currency: string): string {
	return formatAmount(minor, currency);
}

export { isCurrencyCode, minorUnitsOf };
