/**
 * The engine's outputs must not change when it is made faster: every case of a generated corpus (corpus.ts) gives
 * the same output, byte for byte as JSON (schedule, balances, journal, warnings, errors and the trace), as the
 * engine did before issue 14's speed work. engineDigests.json holds the digest of each case's output, recorded
 * from that engine (commit e70a494); a digest that differs names the case, so it can be run and compared.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { CORPUS_SIZE, corpusCase, outputDigest } from './corpus';

const recorded = JSON.parse(readFileSync(join(__dirname, 'engineDigests.json'), 'utf8')) as string[];

describe('revenue engine: identical outputs on a generated corpus', () => {
	it('has a recorded digest for every corpus case', () => {
		expect(recorded).toHaveLength(CORPUS_SIZE);
	});

	it('gives every case the output the engine gave before', () => {
		const differing: number[] = [];
		for (let index = 0; index < CORPUS_SIZE; index++) if (outputDigest(corpusCase(index)) !== recorded[index]) differing.push(index);
		expect(differing).toEqual([]);
	});
});
