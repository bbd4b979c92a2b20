/**
 * The third round of speed work (issue 14, engines) must not change the canonical engine's or the Canonical
 * Transform node's output: every case of outputCases.ts gives the same output, as JSON, as the code at commit
 * 7745e24 (before the round). outputDigests.json holds each case's digest, recorded from that commit with the
 * node's clock at RUN_DATE; a digest that differs names the case.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { RUN_DATE, digestOf, outputCases } from './outputCases';

const recorded = JSON.parse(readFileSync(join(__dirname, 'outputDigests.json'), 'utf8')) as Record<string, string>;

describe('canonical engine and node: identical outputs on more corpus cases and the benchmark time bills', () => {
	const cases = outputCases();

	beforeAll(() => jest.useFakeTimers({ now: RUN_DATE, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'setInterval', 'clearImmediate', 'clearTimeout', 'clearInterval'] }));
	afterAll(() => jest.useRealTimers());

	it('has a recorded digest for every case', () => {
		expect(Object.keys(recorded).sort()).toEqual(cases.map((entry) => entry.name).sort());
	});

	it('gives every case the output the code gave before the round', async () => {
		const differing: string[] = [];
		for (const entry of cases) if (digestOf(await entry.text()) !== recorded[entry.name]) differing.push(entry.name);
		expect(differing).toEqual([]);
	});
});
