import fc from 'fast-check';

import {
	CURRENCY_CODES,
	Rational,
	allocateByMode,
	allocateLargestRemainder,
	cumulativeRound,
	formatAmount,
	isCurrencyCode,
	lastPlug,
	minorUnitsOf,
	parseAmount,
	roundValues,
	toMinorRational,
} from '../../lib/money';

const r = (n: number, d = 1) => Rational.of(n, d);

describe('ISO 4217 minor units', () => {
	it.each([
		['JPY', 0], ['KRW', 0], ['CLP', 0], ['ISK', 0], ['XAF', 0], ['VND', 0],
		['USD', 2], ['EUR', 2], ['GBP', 2], ['CHF', 2],
		['KWD', 3], ['BHD', 3], ['OMR', 3], ['JOD', 3], ['TND', 3], ['IQD', 3], ['LYD', 3],
		['CLF', 4], ['UYW', 4],
	])('%s has %i decimals', (code, units) => {
		expect(minorUnitsOf(code)).toBe(units);
		expect(isCurrencyCode(code)).toBe(true);
	});

	it('names the unknown code in the error', () => {
		expect(() => minorUnitsOf('XYZ')).toThrow(/XYZ/);
		expect(() => minorUnitsOf('usd')).toThrow(/usd/);
		expect(isCurrencyCode('XAU')).toBe(false); // minor unit "N.A." in ISO 4217: not money here
	});

	it('holds only three-letter upper-case codes with 0 to 4 decimals', () => {
		expect(CURRENCY_CODES.length).toBeGreaterThan(150);
		for (const code of CURRENCY_CODES) {
			expect(code).toMatch(/^[A-Z]{3}$/);
			expect([0, 2, 3, 4]).toContain(minorUnitsOf(code));
		}
	});
});

describe('Rational', () => {
	it('is always in lowest terms with a positive denominator', () => {
		const value = Rational.of(6, -4);
		expect(value.num).toBe(-3n);
		expect(value.den).toBe(2n);
		expect(Rational.of(0, -7).equals(Rational.ZERO)).toBe(true);
	});

	it('parses decimal strings and short-form numbers exactly, never through binary floats', () => {
		expect(Rational.parse('0.1').add(Rational.parse('0.2')).equals(Rational.parse('0.3'))).toBe(true);
		expect(Rational.parse(0.1).add(Rational.parse(0.2)).equals(r(3, 10))).toBe(true);
		expect(Rational.parse('-12.50').equals(r(-25, 2))).toBe(true);
		expect(Rational.parse(42).equals(r(42))).toBe(true);
	});

	it.each([['1e5'], ['abc'], ['1,000.00'], ['.5'], [''], ['1.2.3']])('rejects %p', (text) => {
		expect(() => Rational.parse(text)).toThrow(/plain decimal/);
	});

	it('rejects numbers without a short exact decimal form', () => {
		expect(() => Rational.parse(1e21)).toThrow();
		expect(() => Rational.parse(1e-7)).toThrow(/decimal string/);
		expect(() => Rational.parse(Number.NaN)).toThrow(/finite/);
	});

	it('does arithmetic, comparison, floor and half-up rounding', () => {
		const a = r(7, 3);
		expect(a.sub(r(1, 3)).equals(r(2))).toBe(true);
		expect(a.mul(r(3, 7)).equals(Rational.ONE)).toBe(true);
		expect(a.div(r(7)).equals(r(1, 3))).toBe(true);
		expect(a.neg().floor()).toBe(-3n);
		expect(a.floor()).toBe(2n);
		expect(r(5, 2).roundHalfUp()).toBe(3n);
		expect(r(-5, 2).roundHalfUp()).toBe(-3n);
		expect(r(-7, 3).roundHalfUp()).toBe(-2n);
		expect(a.compare(r(2))).toBe(1);
		expect(r(-1, 2).sign()).toBe(-1);
		expect(Rational.ZERO.isZero()).toBe(true);
		expect(() => a.div(Rational.ZERO)).toThrow(/zero/);
	});

	it('writes decimals rounded half-up at the scale', () => {
		expect(r(2, 3).toDecimalString(2)).toBe('0.67');
		expect(r(-1, 20).toDecimalString(2)).toBe('-0.05');
		expect(r(84931).toDecimalString(0)).toBe('84931');
		expect(r(-1, 200).toDecimalString(2)).toBe('-0.01');
	});

	it('adds and multiplies exactly (property)', () => {
		const rational = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n })).map(([n, d]) => Rational.of(n, d));
		fc.assert(
			fc.property(rational, rational, rational, (a, b, c) => {
				expect(a.add(b).sub(b).equals(a)).toBe(true);
				expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
				expect(a.floor() <= a.roundHalfUp() + 1n).toBe(true);
				expect(Rational.fromBigInt(a.floor()).compare(a) <= 0).toBe(true);
			}),
		);
	});
});

describe('amounts in minor units', () => {
	it('parses to minor units of the currency', () => {
		expect(parseAmount('1019.18', 'USD')).toBe(101918n);
		expect(parseAmount(84931, 'JPY')).toBe(84931n);
		expect(parseAmount('84.931', 'KWD')).toBe(84931n);
		expect(parseAmount('-0.05', 'EUR')).toBe(-5n);
		expect(parseAmount('10.500', 'USD')).toBe(1050n);
		expect(parseAmount('1.2345', 'CLF')).toBe(12345n);
		expect(parseAmount(12.5, 'USD')).toBe(1250n);
	});

	it('says what is wrong with a bad amount', () => {
		expect(() => parseAmount('12.345', 'USD')).toThrow("'12.345' has 3 decimal places but USD has 2");
		expect(() => parseAmount('1.5', 'JPY')).toThrow(/JPY has 0/);
		expect(() => parseAmount('12,00', 'USD')).toThrow(/not a plain decimal amount/);
		expect(() => parseAmount('1e3', 'USD')).toThrow(/no exponent/);
		expect(() => parseAmount(1e21, 'USD')).toThrow(/safe integer|decimal string/);
		expect(() => parseAmount('1', 'ABC')).toThrow(/ABC/);
	});

	it('formats with exactly the currency decimals', () => {
		expect(formatAmount(101918n, 'USD')).toBe('1019.18');
		expect(formatAmount(84931n, 'JPY')).toBe('84931');
		expect(formatAmount(84931n, 'KWD')).toBe('84.931');
		expect(formatAmount(-5n, 'USD')).toBe('-0.05');
		expect(formatAmount(7n, 'CLF')).toBe('0.0007');
		expect(formatAmount(0n, 'USD')).toBe('0.00');
	});

	it('round-trips every amount (property)', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.constantFrom('USD', 'JPY', 'KWD', 'CLF'), (minor, currency) => {
				expect(parseAmount(formatAmount(minor, currency), currency)).toBe(minor);
			}),
		);
	});

	it('converts major-unit values to exact minor-unit rationals', () => {
		expect(toMinorRational('12.345', 'USD').equals(r(24690, 20))).toBe(true);
		expect(toMinorRational('5', 'KWD').equals(r(5000))).toBe(true);
	});
});

describe('allocation of a total over lines', () => {
	it('largest remainder: floors, then one unit each to the largest remainders (ties to the earlier line)', () => {
		// 100.00 over three equal weights: the first line gets the leftover cent.
		expect(allocateLargestRemainder(10000n, [r(1), r(1), r(1)])).toEqual([3334n, 3333n, 3333n]);
		// ASC 606-10-55-256 (Example 34, Case A): 100 over SSPs 40/55/45 → 28.57 / 39.29 / 32.14 in cents.
		expect(allocateLargestRemainder(10000n, [r(40), r(55), r(45)])).toEqual([2857n, 3929n, 3214n]);
	});

	it('is symmetric for negative totals', () => {
		expect(allocateLargestRemainder(-10000n, [r(1), r(1), r(1)])).toEqual([-3334n, -3333n, -3333n]);
	});

	it('last plug rounds each line half-up and puts the difference on the last line', () => {
		expect(lastPlug(10000n, [r(1), r(1), r(1)])).toEqual([3333n, 3333n, 3334n]);
		expect(lastPlug(200n, [r(1), r(1), r(1)])).toEqual([67n, 67n, 66n]);
	});

	it('cumulative rounds the running total', () => {
		expect(cumulativeRound(10000n, [r(1), r(1), r(1)])).toEqual([3333n, 3334n, 3333n]);
		expect(cumulativeRound(200n, [r(1), r(1), r(1)])).toEqual([67n, 66n, 67n]);
	});

	it('rejects weights it cannot allocate by', () => {
		expect(() => allocateLargestRemainder(1n, [])).toThrow(/no weights/);
		expect(() => allocateLargestRemainder(1n, [r(0), r(0)])).toThrow(/sum to zero/);
		expect(() => allocateLargestRemainder(1n, [r(-1), r(2)])).toThrow(/negative/);
	});

	it('rounds signed exact values (catch-ups) to lines that sum to the rounded exact total', () => {
		const { lines, total } = roundValues([r(810000), r(0), r(-11853658536, 100000)], 'largestRemainder');
		expect(total).toBe(691463n);
		expect(lines.reduce((a, b) => a + b, 0n)).toBe(total);
		expect(roundValues([r(-1, 3), r(-1, 3), r(-1, 3)], 'largestRemainder').lines).toEqual([-1n, 0n, 0n]);
	});

	const weights = fc.array(fc.tuple(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 1, max: 1000 })).map(([n, d]) => r(n, d)), { minLength: 1, maxLength: 40 })
		.filter((list) => list.some((weight) => !weight.isZero()));
	const total = fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n });

	it.each(['largestRemainder', 'lastPeriodPlug', 'cumulative'] as const)('%s lines always sum exactly to the total (property)', (mode) => {
		fc.assert(
			fc.property(total, weights, (amount, list) => {
				const lines = allocateByMode(amount, list, mode);
				expect(lines.reduce((a, b) => a + b, 0n)).toBe(amount);
				expect(lines).toHaveLength(list.length);
			}),
		);
	});

	it('largest remainder keeps every line within one unit of its exact share (property)', () => {
		fc.assert(
			fc.property(total, weights, (amount, list) => {
				const sum = list.reduce((a, b) => a.add(b), Rational.ZERO);
				allocateLargestRemainder(amount, list).forEach((line, i) => {
					const exactShare = Rational.fromBigInt(amount).mul(list[i]).div(sum);
					expect(Rational.fromBigInt(line).sub(exactShare).abs().compare(Rational.ONE)).toBe(-1);
				});
			}),
		);
	});
});
