/**
 * The cases of the third round's identical-output test (outputDigests.test.ts): generated corpus contracts beyond
 * the ones engineDigests.json covers (new seeds), and the benchmark's own contracts with the trace on and off, so
 * the contracts the speed work is measured on are also the ones whose output is pinned.
 */
import { createHash } from 'crypto';

import { computeRevenueSchedule } from '../../lib/revenue';
import { benchContract } from '../../scripts/bench/lib/revenueContracts';
import { CORPUS_SIZE, corpusCase, outputText } from './corpus';

export interface OutputCase {
	name: string;
	text: () => string;
}

/** 3,000 more corpus contracts, then 1,200 benchmark contracts traced and 400 untraced. */
export function outputCases(): OutputCase[] {
	const cases: OutputCase[] = [];
	for (let index = CORPUS_SIZE; index < 2 * CORPUS_SIZE; index++) cases.push({ name: `corpus ${index}`, text: () => outputText(corpusCase(index)) });
	for (let i = 0; i < 1200; i++) cases.push({ name: `bench ${i} trace on`, text: () => JSON.stringify(computeRevenueSchedule(benchContract(i), { trace: true })) });
	for (let i = 0; i < 400; i++) cases.push({ name: `bench ${i} trace off`, text: () => JSON.stringify(computeRevenueSchedule(benchContract(i), { trace: false })) });
	return cases;
}

export function digestOf(text: string): string {
	return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
