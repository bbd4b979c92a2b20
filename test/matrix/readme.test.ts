/** The README's PSA × ERP table is the runner's pair list: a tick for each pair the matrix scenario runs, nothing more. */
import { readFileSync } from 'fs';
import { join } from 'path';

import { ERPS, matrixPairs, matrixTable, PSAS } from '../../scripts/lib/matrix';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README matrix table', () => {
	it('is the table generated from the runner\'s pair list', () => {
		expect(readme).toContain(matrixTable());
	});

	it('ticks exactly the pairs the runner runs', () => {
		const ticks = (matrixTable().match(/✓/g) ?? []).length;
		expect(ticks).toBe(matrixPairs().length);
		expect(matrixPairs().length).toBe(PSAS.length * ERPS.length - PSAS.filter((psa) => ERPS.some((erp) => erp.key === psa.key)).length);
	});
});
