/**
 * The canonical engine's answers must not change when it is made faster: every case of a generated corpus
 * (corpus.ts: toCanonical on vendor records as they are and changed, validateCanonical on canonical records valid
 * and changed) gives the same output, as JSON (records, keys, lineage and every problem), as the engine before
 * issue 14's second round of speed work. engineDigests.json holds each case's digest, recorded from that engine
 * (commit e70a494); a digest that differs names the case.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { CORPUS_SIZE, caseDigest } from './corpus';

const recorded = JSON.parse(readFileSync(join(__dirname, 'engineDigests.json'), 'utf8')) as string[];

describe('canonical engine: identical outputs on a generated corpus', () => {
	it('has a recorded digest for every corpus case', () => {
		expect(recorded).toHaveLength(CORPUS_SIZE);
	});

	it('gives every case the output the engine gave before', () => {
		const differing: number[] = [];
		for (let index = 0; index < CORPUS_SIZE; index++) if (caseDigest(index) !== recorded[index]) differing.push(index);
		expect(differing).toEqual([]);
	});
});
