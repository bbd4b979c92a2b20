/**
 * The third round of speed work (issue 14, engines) must not change the engine's output either: every case of
 * outputCases.ts gives the same output, byte for byte as JSON, as the engine at commit 7745e24 (before the round).
 * outputDigests.json holds each case's digest, recorded from that commit; a digest that differs names the case.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { digestOf, outputCases } from './outputCases';

const recorded = JSON.parse(readFileSync(join(__dirname, 'outputDigests.json'), 'utf8')) as Record<string, string>;

describe('revenue engine: identical outputs on more corpus contracts and the benchmark contracts', () => {
	const cases = outputCases();

	it('has a recorded digest for every case', () => {
		expect(Object.keys(recorded).sort()).toEqual(cases.map((entry) => entry.name).sort());
	});

	it('gives every case the output the engine gave before the round', () => {
		const differing: string[] = [];
		for (const entry of cases) if (digestOf(entry.text()) !== recorded[entry.name]) differing.push(entry.name);
		expect(differing).toEqual([]);
	});
});
