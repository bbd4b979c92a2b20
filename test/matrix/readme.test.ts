/** The README's PSA × ERP tables (flows 3 and 9) are the runners' pair lists: a tick for each pair a matrix scenario runs, nothing more. */
import { readFileSync } from 'fs';
import { join } from 'path';

import { ERPS, matrixPairs, matrixTable, PSAS, REVENUE_ERPS, REVENUE_PSAS, revenueMatrixTable, revenuePairs, revenueUnpairedReason } from '../../scripts/lib/matrix';

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

describe('README revenue matrix table (flow 9)', () => {
	it('is the table generated from the revenue runner\'s pair list', () => {
		expect(readme).toContain(revenueMatrixTable());
	});

	it('ticks exactly the pairs the revenue runner runs, and says why for each other pair', () => {
		expect((revenueMatrixTable().match(/✓/g) ?? []).length).toBe(revenuePairs().length);
		const unpaired = REVENUE_PSAS.flatMap((psa) => REVENUE_ERPS.filter((erp) => revenueUnpairedReason(psa, erp) !== undefined));
		expect(revenuePairs().length + unpaired.length).toBe(REVENUE_PSAS.length * REVENUE_ERPS.length);
		expect((revenueMatrixTable().match(/— \(no milestone amounts/g) ?? []).length).toBe(unpaired.length);
	});
});
