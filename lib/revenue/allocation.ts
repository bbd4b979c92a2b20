import { allocateLargestRemainder } from '../money/allocate';
import { Rational, pow10 } from '../money/rational';
import { exact, money } from './patterns';
import type { AllocationMethod, Issue, Obligation } from './types';

export interface AllocationResult {
	amounts: bigint[];
	/** The SSP each obligation was weighed by, in minor units (the residual obligation: its residual). */
	ssps: Array<bigint | undefined>;
	issues: Issue[];
	notes: string[];
}

/** An SSP in major units as minor units, rounded half-up (SSPs may carry more decimals than the currency). */
export function sspMinor(ssp: Rational, units: number): bigint {
	return ssp.mul(Rational.fromBigInt(pow10(units))).roundHalfUp();
}

/**
 * Allocates `total` minor units over the obligations with the largest-remainder method, in their order (ties go
 * to the earlier obligation), so an obligation's allocation does not depend on where it is listed otherwise:
 * relativeSsp: total × ssp / Σssp; residual: every other obligation gets its SSP, the residual obligation the
 * rest; specified: the specified amounts, or when they no longer add up to the total (a later change in price),
 * the total split in proportion to them.
 */
export function allocate(
	total: bigint,
	obligations: readonly Obligation[],
	method: AllocationMethod,
	residualId: string | undefined,
	units: number,
	trace: boolean,
): AllocationResult {
	const notes: string[] = [];
	const issues: Issue[] = [];
	const residualIndex = method === 'residual' ? obligations.findIndex((obligation) => obligation.id === residualId) : -1;
	if (method === 'residual' && residualIndex >= 0) {
		const ssps = obligations.map((obligation, i) => (i === residualIndex ? undefined : sspMinor(obligation.ssp ?? Rational.ZERO, units)));
		const others = ssps.reduce<bigint>((sum, ssp) => sum + (ssp ?? 0n), 0n);
		const residual = total - others;
		ssps[residualIndex] = residual;
		const amounts = ssps.map((ssp) => ssp ?? 0n);
		const range = obligations[residualIndex].sspRange;
		if (residual < 0n) {
			issues.push({ code: 'RESIDUAL_OUTSIDE_RANGE', message: `allocation.residualObligationId: the residual for '${residualId}' is ${money(residual, units)}, below zero: the other obligations' SSPs (${money(others, units)}) exceed the transaction price ${money(total, units)}` });
		} else if (range) {
			const min = range.min.mul(Rational.fromBigInt(pow10(units)));
			const max = range.max.mul(Rational.fromBigInt(pow10(units)));
			const value = Rational.fromBigInt(residual);
			if (value.compare(min) < 0 || value.compare(max) > 0) {
				issues.push({
					code: 'RESIDUAL_OUTSIDE_RANGE',
					message: `obligations[${residualIndex}].sspRange: the residual ${money(residual, units)} for '${residualId}' is outside its SSP range ${range.min.toDecimalString(units)}..${range.max.toDecimalString(units)}`,
				});
			}
		}
		if (trace) {
			obligations.forEach((obligation, i) => {
				notes.push(i === residualIndex
					? `${obligation.id}: residual = transaction price ${money(total, units)} − other SSPs ${money(others, units)} = ${money(residual, units)}`
					: `${obligation.id}: its SSP ${money(amounts[i], units)}`);
			});
		}
		return { amounts, ssps, issues, notes };
	}
	let weights: Rational[];
	let label: string;
	if (method === 'specified') {
		const specified = obligations.map((obligation) => obligation.specifiedAmount ?? 0n);
		const sum = specified.reduce((a, b) => a + b, 0n);
		if (sum === total) {
			if (trace) obligations.forEach((obligation, i) => notes.push(`${obligation.id}: specified ${money(specified[i], units)}`));
			return { amounts: specified, ssps: obligations.map((obligation) => (obligation.ssp ? sspMinor(obligation.ssp, units) : undefined)), issues, notes };
		}
		weights = specified.map((amount) => Rational.fromBigInt(amount));
		label = 'specified amount';
	} else {
		weights = obligations.map((obligation) => obligation.ssp ?? Rational.ZERO);
		label = 'SSP';
	}
	const weightSum = weights.reduce((a, b) => a.add(b), Rational.ZERO);
	if (weightSum.isZero()) {
		// Nothing to weigh by: equal shares keep the total intact rather than losing it.
		weights = obligations.map(() => Rational.ONE);
		if (trace) notes.push(`the ${label}s add up to zero, so the ${money(total, units)} is split equally`);
	}
	const sum = weights.reduce((a, b) => a.add(b), Rational.ZERO);
	const amounts = allocateLargestRemainder(total, weights);
	if (trace) {
		obligations.forEach((obligation, i) => {
			const share = Rational.fromBigInt(total).mul(weights[i]).div(sum);
			notes.push(`${obligation.id}: ${money(total, units)} × ${label} ${weights[i].toDecimalString(method === 'specified' ? 0 : units)} / ${sum.toDecimalString(method === 'specified' ? 0 : units)} = ${exact(share, units)} → ${money(amounts[i], units)}`);
		});
		notes.push(`(largest remainder across obligations, ties to the earlier obligation; the allocations sum to ${money(amounts.reduce((a, b) => a + b, 0n), units)})`);
	}
	return { amounts, ssps: obligations.map((obligation) => (obligation.ssp ? sspMinor(obligation.ssp, units) : undefined)), issues, notes };
}
