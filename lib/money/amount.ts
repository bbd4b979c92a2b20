import { minorUnitsOf } from './currencies';
import { Rational, decimalText, formatScaled, pow10 } from './rational';

const AMOUNT_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a money amount into integer minor units of the currency ("1019.18" USD → 101918n, "84931" JPY → 84931n).
 * Rejects non-numeric text, exponent notation and more fraction digits than the currency's minor unit.
 */
export function parseAmount(value: string | number, currency: string): bigint {
	const units = minorUnitsOf(currency);
	const text = decimalText(value);
	const match = AMOUNT_PATTERN.exec(text);
	if (!match) {
		throw new Error(`'${text}' is not a plain decimal amount (digits with an optional '.' fraction, no exponent or separators)`);
	}
	const [, sign, whole, fraction = ''] = match;
	// Trailing zeros beyond the minor unit ("10.500" in USD) are exact, so they are accepted.
	const significant = fraction.replace(/0+$/, '');
	if (significant.length > units) {
		throw new Error(`'${text}' has ${significant.length} decimal places but ${currency} has ${units}`);
	}
	const minor = BigInt(whole + significant.padEnd(units, '0'));
	return sign === '-' ? -minor : minor;
}

/** Writes minor units as a decimal string with exactly the currency's decimals ("1019.18", "84931", "84.931"). */
export function formatAmount(minor: bigint, currency: string): string {
	return formatScaled(minor, minorUnitsOf(currency));
}

/** A major-unit value (e.g. 12.345 USD) as an exact rational count of minor units (1234.5). */
export function toMinorRational(value: Rational | string | number, currency: string): Rational {
	const rational = value instanceof Rational ? value : Rational.parse(value);
	return rational.mul(Rational.fromBigInt(pow10(minorUnitsOf(currency))));
}

/** Minor units back to an exact major-unit rational. */
export function fromMinor(minor: bigint, currency: string): Rational {
	return Rational.of(minor, pow10(minorUnitsOf(currency)));
}
