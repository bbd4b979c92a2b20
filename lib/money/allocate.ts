import { Rational, roundHalfUpDiv } from './rational';

/**
 * Splitting an integer total of minor units into lines that sum to it exactly. Each function takes either weights
 * (allocate*) or the exact line values themselves (round*). All are deterministic; ties go to the earlier line.
 */

export type RoundingMode = 'largestRemainder' | 'lastPeriodPlug' | 'cumulative';

/** Weights over one common denominator: integers k_i with w_i = k_i / D. */
function commonNumerators(weights: readonly Rational[]): bigint[] {
	const den = commonDenominator(weights);
	return weights.map((weight) => weight.num * (den / weight.den));
}

function gcdOf(a: bigint, b: bigint): bigint {
	while (b !== 0n) [a, b] = [b, a % b];
	return a < 0n ? -a : a;
}

function checkWeights(weights: readonly Rational[]): bigint[] {
	if (weights.length === 0) throw new Error('allocate: no weights to allocate over');
	const ks = commonNumerators(weights);
	let sum = 0n;
	for (const k of ks) {
		if (k < 0n) throw new Error('allocate: weights must not be negative');
		sum += k;
	}
	if (sum === 0n) throw new Error('allocate: the weights sum to zero');
	return ks;
}

/**
 * Hamilton / largest remainder: every share total × w_i / Σw is floored, then the leftover units go one each to
 * the largest remainders, ties to the earlier index. A negative total is split as its absolute value, negated,
 * so the result is symmetric.
 */
export function allocateLargestRemainder(total: bigint, weights: readonly Rational[]): bigint[] {
	if (total < 0n) return allocateLargestRemainder(-total, weights).map((share) => -share);
	const ks = checkWeights(weights);
	const sum = ks.reduce((a, b) => a + b, 0n);
	return largestRemainderOverDen(ks.map((k) => total * k), sum, total);
}

/** Numerators n_i over a shared positive denominator d whose exact sum is `total`·d (or rounds to total). */
function largestRemainderOverDen(nums: readonly bigint[], den: bigint, total: bigint): bigint[] {
	// Floor and remainder from one division (bigint division truncates; a negative remainder steps the floor down).
	const shares = new Array<bigint>(nums.length);
	const remainders = new Array<bigint>(nums.length);
	let sum = 0n;
	for (let index = 0; index < nums.length; index++) {
		let share = nums[index] / den;
		let remainder = nums[index] - share * den;
		if (remainder < 0n) {
			share -= 1n;
			remainder += den;
		}
		shares[index] = share;
		remainders[index] = remainder;
		sum += share;
	}
	let leftover = total - sum;
	if (leftover < 0n || leftover > BigInt(nums.length)) {
		throw new Error(`largest remainder: total ${total} cannot be reached from the line values`);
	}
	if (leftover === 0n) return shares;
	const order = byRemainderDescending(remainders);
	for (const index of order) {
		if (leftover === 0n) break;
		shares[index] += 1n;
		leftover -= 1n;
	}
	return shares;
}

/**
 * The indexes ordered by remainder, largest first; equal remainders keep index order, so ties go to the earlier
 * line. A schedule's few dozen lines are sorted by insertion (stable, no comparator calls); longer lists by sort.
 */
function byRemainderDescending(remainders: readonly bigint[]): number[] {
	const count = remainders.length;
	const order = new Array<number>(count);
	if (count > 64) {
		for (let index = 0; index < count; index++) order[index] = index;
		return order.sort((a, b) => (remainders[a] > remainders[b] ? -1 : remainders[a] < remainders[b] ? 1 : a - b));
	}
	for (let index = 0; index < count; index++) {
		const remainder = remainders[index];
		let at = index;
		while (at > 0 && remainders[order[at - 1]] < remainder) {
			order[at] = order[at - 1];
			at--;
		}
		order[at] = index;
	}
	return order;
}

/** Each share rounded half-up on its own; the last line takes whatever makes the lines sum to the total. */
export function lastPlug(total: bigint, weights: readonly Rational[]): bigint[] {
	const ks = checkWeights(weights);
	const sum = ks.reduce((a, b) => a + b, 0n);
	return plugLast(ks.map((k) => total * k), sum, total);
}

function plugLast(nums: readonly bigint[], den: bigint, total: bigint): bigint[] {
	const shares = nums.map((n) => roundHalfUpDiv(n, den));
	const others = shares.slice(0, -1).reduce((a, b) => a + b, 0n);
	shares[shares.length - 1] = total - others;
	return shares;
}

/** The running total is rounded half-up at every line; each line is the step between rounded running totals. */
export function cumulativeRound(total: bigint, weights: readonly Rational[]): bigint[] {
	const ks = checkWeights(weights);
	const sum = ks.reduce((a, b) => a + b, 0n);
	return roundCumulative(ks.map((k) => total * k), sum, total);
}

function roundCumulative(nums: readonly bigint[], den: bigint, total: bigint): bigint[] {
	const shares: bigint[] = [];
	let running = 0n;
	let previous = 0n;
	for (let i = 0; i < nums.length; i++) {
		running += nums[i];
		const rounded = i === nums.length - 1 ? total : roundHalfUpDiv(running, den);
		shares.push(rounded - previous);
		previous = rounded;
	}
	return shares;
}

/** Splits `total` by weights with the named rounding mode. */
export function allocateByMode(total: bigint, weights: readonly Rational[], mode: RoundingMode): bigint[] {
	switch (mode) {
		case 'lastPeriodPlug':
			return lastPlug(total, weights);
		case 'cumulative':
			return cumulativeRound(total, weights);
		default:
			return allocateLargestRemainder(total, weights);
	}
}

/**
 * Rounds exact line values (which may be negative, e.g. catch-ups and reversals) to integers with the named mode.
 * The lines sum to the exact sum of the values when that is an integer, otherwise to it rounded half-up.
 * Returns the rounded lines and that total.
 */
export function roundValues(values: readonly Rational[], mode: RoundingMode): { lines: bigint[]; total: bigint } {
	if (values.length === 0) return { lines: [], total: 0n };
	const den = commonDenominator(values);
	return roundNumerators(values.map((value) => value.num * (den / value.den)), den, mode);
}

/**
 * roundValues for values given as numerators over one positive denominator, not necessarily in lowest terms
 * (value i is nums[i] / den): the same lines, since every step compares or divides by the shared denominator.
 */
export function roundNumerators(nums: readonly bigint[], den: bigint, mode: RoundingMode): { lines: bigint[]; total: bigint } {
	if (nums.length === 0) return { lines: [], total: 0n };
	let sum = 0n;
	let positive = false;
	let negative = false;
	for (const num of nums) {
		sum += num;
		if (num > 0n) positive = true;
		else if (num < 0n) negative = true;
	}
	// Reversal-only sets are rounded as their mirror image so that rounding is symmetric in sign.
	if (negative && !positive) {
		const mirrored = roundNumerators(nums.map((num) => -num), den, mode);
		return { lines: mirrored.lines.map((line) => -line), total: -mirrored.total };
	}
	const total = roundHalfUpDiv(sum, den);
	switch (mode) {
		case 'lastPeriodPlug':
			return { lines: plugLast(nums, den, total), total };
		case 'cumulative':
			return { lines: roundCumulative(nums, den, total), total };
		default:
			return { lines: largestRemainderOverDen(nums, den, total), total };
	}
}

function commonDenominator(values: readonly Rational[]): bigint {
	let den = 1n;
	for (const value of values) {
		if (value.den !== 1n && den % value.den !== 0n) den = (den * value.den) / gcdOf(den, value.den);
	}
	return den;
}
