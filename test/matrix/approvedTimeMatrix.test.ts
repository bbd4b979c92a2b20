/**
 * approved-time-to-erp for every pair of the matrix, in-process (n8n-core, the harness; Code and If through the
 * stand-ins) against the sandboxes the demo starts, all pairs on the same sandboxes as in the real run: each pair
 * posts every approved PSA entry whose project the ERP knows exactly once (hours converted exactly, the firm's
 * worker and project, read from the ERP sandbox), parks the others for finance naming timeEntry.project, and a
 * second run sends the ERP nothing. The real n8n run (scripts/scenarios/matrix.ts) makes the same checks.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startSandboxes } from '../../sandbox';
import type { RunningSandboxes } from '../../sandbox';
import { createN8nApiSandbox } from '../../sandbox/n8nApi';
import { APPROVED_TIME_TEMPLATE, matrixPairs, readTemplate, substitute } from '../../scripts/lib/matrix';
import { approvedEntries, erpPostings, erpProjects, PSA_SYSTEM } from '../../scripts/lib/matrixState';
import { sandboxCredentials } from '../../scripts/lib/sandboxes';
import { runWorkflow, shutdownN8nCore } from '../helpers/harness';
import { standInTypes, withStandIns } from './standIns';

let sandboxes: RunningSandboxes;
const n8nApi = createN8nApiSandbox();
let credentials: Record<string, ICredentialDataDecryptedObject>;

beforeAll(async () => {
	sandboxes = await startSandboxes(false);
	await n8nApi.start();
	credentials = {
		...Object.fromEntries((sandboxCredentials(sandboxes) as Array<{ type: string; data: ICredentialDataDecryptedObject }>).map((c) => [c.type, c.data])),
		p2cN8nApi: { baseUrl: `${n8nApi.baseUrl}/api/v1`, apiKey: n8nApi.apiKey },
	};
}, 60_000);
afterAll(async () => {
	await Promise.all([sandboxes.stop(), n8nApi.stop()]);
	await shutdownN8nCore();
});

const all = (result: Awaited<ReturnType<typeof runWorkflow>>, node: string, output = 0) => (result.run.data.resultData.runData[node] ?? []).flatMap((r) => r.data?.main?.[output] ?? []).map((i) => i.json as Record<string, any>);

describe.each(matrixPairs().map((pair) => [`${pair.psa.label} → ${pair.erp.label}`, pair] as const))('approved-time-to-erp: %s', (_name, pair) => {
	it('posts each approved entry the ERP can take exactly once, parks the others for finance, and a second run sends nothing', async () => {
		const workflow = withStandIns(substitute(readTemplate(APPROVED_TIME_TEMPLATE), pair, { ledgerPrefix: `t_${pair.psa.key}_${pair.erp.key}_` }));
		const system = PSA_SYSTEM[pair.psa.key];
		const known = erpProjects(sandboxes, pair.erp.key);
		const approved = approvedEntries(sandboxes, pair.psa.key);
		const postable = approved.filter((entry) => known.has(entry.project));
		expect(postable.length).toBeGreaterThan(0);

		const first = await runWorkflow(workflow, { credentials: { ...credentials }, extraTypes: standInTypes });
		expect(first.error).toBeUndefined();
		expect(all(first, 'Park for finance').map((j) => j.exception?.reason ?? j)).toEqual([]);
		const parked = all(first, 'Park for owner');
		expect(parked.map((p) => [String(p.exception.key).replace(/^\w+:time:/, ''), p.exception.domain, p.masterData.field]).sort()).toEqual(
			approved.filter((entry) => !known.has(entry.project)).map((entry) => [entry.reference, 'finance', 'timeEntry.project']).sort(),
		);
		const postings = erpPostings(sandboxes, pair.erp.key, system);
		expect(postings.sort((a, b) => a.reference.localeCompare(b.reference))).toEqual(postable.sort((a, b) => a.reference.localeCompare(b.reference)));

		const second = await runWorkflow(workflow, { credentials: { ...credentials }, extraTypes: standInTypes });
		expect(second.error).toBeUndefined();
		expect(all(second, 'Check & Claim', 1)).toHaveLength(postable.length);
		expect(all(second, 'Post to ERP')).toHaveLength(0);
		expect(erpPostings(sandboxes, pair.erp.key, system)).toHaveLength(postings.length);
	}, 120_000);
});
