/**
 * approved-time-to-erp for every pair of the matrix, in-process (n8n-core, the harness; Code and If through the
 * stand-ins) against the sandboxes the demo starts, all pairs on the same sandboxes as in the real run: each pair
 * posts every approved PSA entry whose project the ERP knows exactly once (hours converted exactly, the firm's
 * worker and project, read from the ERP sandbox), parks the others for finance naming timeEntry.project, and a
 * second run sends the ERP nothing. The real n8n run (scripts/scenarios/matrix.ts) makes the same checks.
 */
import { APPROVED_TIME_TEMPLATE, matrixPairs, readTemplate, substitute } from '../../scripts/lib/matrix';
import { approvedEntries, erpPostings, erpProjects, PSA_SYSTEM } from '../../scripts/lib/matrixState';
import { runWorkflow } from '../helpers/harness';
import { standInTypes, withStandIns } from './standIns';
import { matrixSuite, outputItems } from './suite';

const suite = matrixSuite();

describe.each(matrixPairs().map((pair) => [`${pair.psa.label} → ${pair.erp.label}`, pair] as const))('approved-time-to-erp: %s', (_name, pair) => {
	it('posts each approved entry the ERP can take exactly once, parks the others for finance, and a second run sends nothing', async () => {
		const workflow = withStandIns(substitute(readTemplate(APPROVED_TIME_TEMPLATE), pair, { ledgerPrefix: `t_${pair.psa.key}_${pair.erp.key}_` }));
		const system = PSA_SYSTEM[pair.psa.key];
		const known = erpProjects(suite.sandboxes, pair.erp.key);
		const approved = approvedEntries(suite.sandboxes, pair.psa.key);
		const postable = approved.filter((entry) => known.has(entry.project));
		expect(postable.length).toBeGreaterThan(0);

		const first = await runWorkflow(workflow, { credentials: { ...suite.credentials }, extraTypes: standInTypes });
		expect(first.error).toBeUndefined();
		expect(outputItems(first, 'Park for finance').map((j) => j.exception?.reason ?? j)).toEqual([]);
		const parked = outputItems(first, 'Park for owner');
		expect(parked.map((p) => [String(p.exception.key).replace(/^\w+:time:/, ''), p.exception.domain, p.masterData.field]).sort()).toEqual(
			approved.filter((entry) => !known.has(entry.project)).map((entry) => [entry.reference, 'finance', 'timeEntry.project']).sort(),
		);
		const postings = erpPostings(suite.sandboxes, pair.erp.key, system);
		expect(postings.sort((a, b) => a.reference.localeCompare(b.reference))).toEqual(postable.sort((a, b) => a.reference.localeCompare(b.reference)));

		const second = await runWorkflow(workflow, { credentials: { ...suite.credentials }, extraTypes: standInTypes });
		expect(second.error).toBeUndefined();
		expect(outputItems(second, 'Check & Claim', 1)).toHaveLength(postable.length);
		expect(outputItems(second, 'Post to ERP')).toHaveLength(0);
		expect(erpPostings(suite.sandboxes, pair.erp.key, system)).toHaveLength(postings.length);
	}, 120_000);
});
