/**
 * A generated corpus of revenue contracts for the engine's identical-output test (engineDigests.test.ts): every
 * pattern and convention, calendar, rounding mode, currency scale and allocation method, variable consideration
 * (constrained, lifted, earned, lost), modifications of every treatment (added, removed and changed obligations),
 * billings, closed periods and as-of dates, plus a share of contracts the engine must reject. Deterministic: the
 * same index always gives the same contract, so digests recorded from one version of the engine can be compared
 * with another's.
 */
import { createHash } from 'crypto';

import { computeRevenueSchedule, dayFromCivil, formatIsoDate } from '../../lib/revenue';
import type { RevenueOptions } from '../../lib/revenue';

/** mulberry32: a small seeded generator, so the corpus never changes between runs or machines. */
function generator(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FIRST = dayFromCivil(2023, 1, 1);
const SPECIAL = ['2024-01-31', '2024-02-29', '2024-02-28', '2025-01-31', '2025-02-28', '2024-12-31', '2025-03-01', '2023-12-31'];
const CURRENCIES = [
	{ code: 'USD', units: 2 },
	{ code: 'JPY', units: 0 },
	{ code: 'KWD', units: 3 },
	{ code: 'CLF', units: 4 },
	{ code: 'EUR', units: 2 },
];

export interface CorpusCase {
	input: Record<string, unknown>;
	options: RevenueOptions;
}

export function corpusCase(index: number): CorpusCase {
	const random = generator(0x5eed0000 + index);
	const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
	const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)];
	const chance = (p: number) => random() < p;
	const currency = pick(CURRENCIES);
	const amount = (maxMajor: number, allowNegative = false) => {
		const minor = int(0, maxMajor * 10 ** currency.units);
		const sign = allowNegative && chance(0.3) ? '-' : '';
		const text = currency.units === 0 ? String(minor) : `${Math.floor(minor / 10 ** currency.units)}.${String(minor % 10 ** currency.units).padStart(currency.units, '0')}`;
		return sign + text;
	};
	const day = () => (chance(0.15) ? dayFromCivil(Number(pick(SPECIAL).slice(0, 4)), Number(pick(SPECIAL).slice(5, 7)), Number(pick(SPECIAL).slice(8, 10))) : FIRST + int(0, 1460));
	const iso = (value: number) => formatIsoDate(value);
	const ssp = () => (chance(0.2) ? `${int(1, 90000)}.${String(int(0, 999999)).padStart(6, '0')}` : String(int(1, 1_000_000)));

	const pattern = (): Record<string, unknown> => {
		const kind = pick(['straightLine', 'straightLine', 'straightLine', 'pointInTime', 'milestones', 'percentComplete', 'asInvoiced']);
		switch (kind) {
			case 'straightLine': {
				const start = day();
				return { type: 'straightLine', start: iso(start), end: iso(start + int(0, 1200)), convention: pick(['exactDays', 'evenPeriods', 'prorateFirstLast', 'periodRate']) };
			}
			case 'pointInTime':
				return { type: 'pointInTime', date: iso(day()) };
			case 'milestones': {
				const count = int(1, 4);
				if (chance(0.5)) {
					// Percents in hundredths of a percent, so some carry decimals; they add up to 100 or a little less.
					let used = 0;
					const whole = chance(0.85) ? 10000 : int(5000, 9999);
					return {
						type: 'milestones',
						milestones: Array.from({ length: count }, (_, i) => {
							const hundredths = i === count - 1 ? whole - used : chance(0.7) ? 100 * int(0, Math.floor((whole - used) / 200)) : int(0, Math.floor((whole - used) / 2));
							used += hundredths;
							return { id: `m${i}`, date: iso(day()), percent: hundredths % 100 === 0 ? hundredths / 100 : `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}` };
						}),
					};
				}
				return { type: 'milestones', milestones: Array.from({ length: count }, (_, i) => ({ id: `m${i}`, date: iso(day()), amount: amount(50000) })) };
			}
			case 'percentComplete': {
				let at = day();
				const points = int(1, 5);
				return {
					type: 'percentComplete',
					measure: pick(['cost', 'hours']),
					...(chance(0.5) ? { percentPrecision: int(0, 3) } : {}),
					progress: Array.from({ length: points }, (_, i) => {
						at += int(1, 200);
						const estimate = int(1, 1000);
						return { periodEnd: iso(at), cumulativeActual: i === points - 1 ? estimate : Math.min(int(0, 1000), estimate), estimatedTotal: chance(0.2) ? `${estimate}.25` : estimate };
					}),
				};
			}
			default:
				return { type: 'asInvoiced', invoices: Array.from({ length: int(0, 5) }, () => ({ date: iso(day()), amount: amount(40000) })) };
		}
	};

	const method = pick(['relativeSsp', 'relativeSsp', 'relativeSsp', 'residual', 'specified']);
	const obligationCount = int(1, 4);
	const price = amount(500000);
	// The residual approach needs the other SSPs below the price most of the time, or the residual is negative.
	const residualSsp = () => String(int(0, Math.floor(Number(price) / (obligationCount + (chance(0.9) ? 0 : -0.8)))));
	const obligations = Array.from({ length: obligationCount }, (_, i) => ({
		id: `PO-${i}`,
		...(method === 'relativeSsp' ? { ssp: ssp() } : method === 'residual' && i > 0 ? { ssp: residualSsp() } : {}),
		...(method === 'specified' ? { specifiedAmount: amount(200000) } : {}),
		pattern: pattern(),
	}));
	if (method === 'specified' && chance(0.7)) {
		// Make the specified amounts add up to the price most of the time (otherwise the engine rejects it).
		obligations.forEach((obligation) => delete (obligation as Record<string, unknown>).specifiedAmount);
		obligations[0] = { ...obligations[0], specifiedAmount: price };
		for (let i = 1; i < obligations.length; i++) obligations[i] = { ...obligations[i], specifiedAmount: currency.units ? '0.'.padEnd(2 + currency.units, '0') : '0' };
	}
	const input: Record<string, unknown> = {
		contractId: `K-${index}`,
		currency: currency.code,
		transactionPrice: price,
		allocation: method === 'residual' ? { method, residualObligationId: 'PO-0' } : { method },
		rounding: pick(['largestRemainder', 'lastPeriodPlug', 'cumulative']),
		calendar: (() => {
			const type = pick(['month', 'month', 'quarter', 'year', 'fiscal445', 'fiscal454', 'fiscal544']);
			return { type, ...(type.startsWith('fiscal') && chance(0.5) ? { fiscalYearStart: pick(['02-01', '07-01', '10-15']) } : {}) };
		})(),
		obligations,
	};
	if (chance(0.35)) {
		input.variableConsideration = Array.from({ length: int(1, 2) }, (_, i) => {
			const constrained = chance(0.6);
			return {
				id: `VC-${i}`,
				amount: amount(50000, true),
				method: pick(['expectedValue', 'mostLikely']),
				constrained,
				...(constrained && chance(0.6) ? { constraintLiftedOn: iso(day()) } : {}),
				...(chance(0.4) ? { outcome: pick(['earned', 'lost']), outcomeDate: iso(day()) } : {}),
			};
		});
	}
	if (chance(0.45)) {
		let added = 0;
		input.modifications = Array.from({ length: int(1, 3) }, (_, i) => {
			const treatment = pick(['separateContract', 'prospective', 'cumulativeCatchUp']);
			const addCount = treatment === 'separateContract' ? int(1, 2) : int(0, 1);
			const modification: Record<string, unknown> = {
				id: `MOD-${i}`,
				date: iso(day()),
				treatment,
				priceChange: amount(80000, treatment !== 'separateContract' || chance(0.1)),
				addObligations: Array.from({ length: addCount }, () => ({
					id: `ADD-${added++}`,
					ssp: ssp(),
					...(method === 'specified' ? { specifiedAmount: amount(60000) } : {}),
					pattern: pattern(),
				})),
			};
			if (treatment !== 'separateContract' && obligationCount > 1 && chance(0.3)) modification.removeObligations = [`PO-${int(1, obligationCount - 1)}`];
			if (treatment !== 'separateContract' && chance(0.4)) {
				modification.changes = [{ obligationId: `PO-${int(0, obligationCount - 1)}`, ...(chance(0.7) ? { pattern: pattern() } : {}), ...(chance(0.5) ? { ssp: ssp() } : {}) }];
			}
			return modification;
		});
	}
	if (chance(0.6)) input.billings = Array.from({ length: int(1, 6) }, () => ({ date: iso(day()), amount: amount(100000) }));
	if (chance(0.25)) input.closedThrough = iso(day());
	const options: RevenueOptions = { trace: !chance(0.3) };
	if (chance(0.2)) options.asOf = iso(day());
	if (chance(0.05)) options.limits = { maxPeriods: int(5, 60), maxLines: int(10, 200) };
	if (chance(0.1)) options.accounts = { revenue: 'Services revenue', contractLiability: 'Deferred revenue' };
	return { input, options };
}

/** The engine's whole output for a case, as text (bigints cannot appear; JSON is the comparison). */
export function outputText(entry: CorpusCase): string {
	return JSON.stringify(computeRevenueSchedule(entry.input, entry.options));
}

/** A short digest of a case's whole output. */
export function outputDigest(entry: CorpusCase): string {
	return createHash('sha256').update(outputText(entry)).digest('hex').slice(0, 16);
}

/** How many corpus cases the recorded digests cover. */
export const CORPUS_SIZE = 3000;
