/**
 * The third speed round's shortcuts in lib/money must give exactly what the plain code gives: formatScaled's memo
 * (a slot per value and scale) never answers with another value's or scale's text, and the largest-remainder
 * rounding's insertion sort (lists of up to 64 lines) orders remainders as the comparator sort does, ties to the
 * earlier line.
 */
import fc from 'fast-check';

import { Rational, roundNumerators, roundValues } from '../../lib/money';
import { formatScaled, roundHalfUpDiv } from '../../lib/money/rational';

/** The plain way: the bigint's digits, a point `scale` digits from the right. */
function reference(scaled: bigint, scale: number): string {
	const negative = scaled < 0n;
	const digits = (negative ? -scaled : scaled).toString();
	const padded = digits.padStart(scale + 1, '0');
	const text = scale === 0 ? digits : `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
	return negative ? `-${text}` : text;
}

/** Largest remainder as written before: floor every line, then the leftover units by a comparator sort. */
function referenceLargestRemainder(nums: bigint[], den: bigint): bigint[] {
	let sum = 0n;
	for (const num of nums) sum += num;
	const total = roundHalfUpDiv(sum, den);
	const shares = nums.map((num) => (num >= 0n ? num / den : -((-num + den - 1n) / den)));
	const remainders = nums.map((num, i) => num - shares[i] * den);
	let leftover = total - shares.reduce((a, b) => a + b, 0n);
	const order = nums.map((_, i) => i).sort((a, b) => (remainders[a] > remainders[b] ? -1 : remainders[a] < remainders[b] ? 1 : a - b));
	for (const index of order) {
		if (leftover === 0n) break;
		shares[index] += 1n;
		leftover -= 1n;
	}
	return shares;
}

describe('formatScaled memo', () => {
	it('answers each value and scale with its own text when values share a slot and scales alternate', () => {
		const values: bigint[] = [];
		for (const base of [0n, 1n, 7n, 12345n, 9999999n, 2n ** 31n - 3n, 2n ** 32n + 5n, 9007199254740991n]) {
			for (let k = 0n; k < 4n; k++) values.push(base + k * 512n, base + k * 64n, -(base + k * 512n), base + k * 2n ** 32n);
		}
		for (let round = 0; round < 3; round++) {
			for (const value of values) {
				for (const scale of [0, 2, 6, 1, 8, 4, 3, 2]) expect(formatScaled(value, scale)).toBe(reference(value, scale));
			}
		}
	});

	it('writes what the bigint digits say for values drawn close together, each at every scale in a drawn order (property)', () => {
		const scales = [0, 1, 2, 3, 4, 5, 6, 7, 8];
		fc.assert(
			fc.property(fc.array(fc.bigInt({ min: -3000n, max: 3000n }), { minLength: 1, maxLength: 50 }), fc.shuffledSubarray(scales, { minLength: 9 }), (values, order) => {
				for (const value of values) for (const scale of order) expect(formatScaled(value, scale)).toBe(reference(value, scale));
			}),
			{ numRuns: 300 },
		);
	});
});

describe('largest remainder order', () => {
	it('gives the lines the comparator sort gives, short and long lists, many ties (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.bigInt({ min: -40n, max: 400n }), { minLength: 1, maxLength: 150 }), fc.bigInt({ min: 1n, max: 12n }), (nums, den) => {
				if (nums.every((num) => num <= 0n)) return;
				expect(roundNumerators(nums, den, 'largestRemainder').lines).toEqual(referenceLargestRemainder(nums, den));
			}),
			{ numRuns: 3000 },
		);
	});

	it('gives the leftover units to the largest remainders, ties to the earlier line', () => {
		// Thirds 4/3, 5/3, 4/3, 4/3: floors 1 each, total 17/3 rounds to 6, two units left: the one remainder of 2/3,
		// then the first of the three tied remainders of 1/3.
		expect(roundValues([4, 5, 4, 4].map((n) => Rational.of(n, 3)), 'largestRemainder').lines).toEqual([2n, 2n, 1n, 1n]);
	});
});
