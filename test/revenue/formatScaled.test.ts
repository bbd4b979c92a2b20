/**
 * Every amount the revenue engine writes goes through formatScaled (lib/money), which writes the usual amount from
 * digit tables with number arithmetic. It must write exactly what the plain bigint formatting writes, for every
 * sign, scale (up to eight decimals from the tables) and size, the edges of the safe-integer range included.
 */
import fc from 'fast-check';

import { formatScaled } from '../../lib/money/rational';

/** The plain way: the bigint's digits, a point `scale` digits from the right. */
function reference(scaled: bigint, scale: number): string {
	const negative = scaled < 0n;
	const digits = (negative ? -scaled : scaled).toString();
	const sign = negative ? '-' : '';
	if (scale === 0) return sign + digits;
	const padded = digits.padStart(scale + 1, '0');
	return `${sign}${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

describe('formatScaled', () => {
	it('writes what the bigint digits say, for amounts of any size, sign and scale', () => {
		fc.assert(
			fc.property(fc.oneof(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: -100000n, max: 100000n }), fc.bigInt({ min: MAX_SAFE - 100000n, max: MAX_SAFE + 100000n })), fc.integer({ min: 0, max: 10 }), (scaled, scale) => {
				expect(formatScaled(scaled, scale)).toBe(reference(scaled, scale));
				expect(formatScaled(-scaled, scale)).toBe(reference(-scaled, scale));
			}),
			{ numRuns: 20000 },
		);
	});

	it('gets the edges right: zero, table boundaries, and quotients near 2^53 that a float division would round', () => {
		const edges: bigint[] = [0n, 1n, 9n, 10n, 99n, 100n, 9999n, 10000n, 99999999n, 100000000n, MAX_SAFE, MAX_SAFE + 1n];
		for (let k = 0n; k < 500n; k++) edges.push(MAX_SAFE - k, 90071992547409n * 100n - k, 10n ** 15n - k, 10n ** 8n * 10000n - k, 10n ** 12n + k);
		for (const value of edges) {
			for (const scale of [0, 1, 2, 3, 4, 5, 6, 8, 9]) {
				expect(formatScaled(value, scale)).toBe(reference(value, scale));
				expect(formatScaled(-value, scale)).toBe(reference(-value, scale));
			}
		}
		expect(formatScaled(5n, 2)).toBe('0.05');
		expect(formatScaled(-120050n, 2)).toBe('-1200.50');
		expect(formatScaled(123456789012n, 4)).toBe('12345678.9012');
		expect(formatScaled(-1234567n, 6)).toBe('-1.234567');
		expect(formatScaled(70000n, 8)).toBe('0.00070000');
	});
});
