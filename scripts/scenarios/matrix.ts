/**
 * The PSA × ERP matrix in real n8n (template approved-time-to-erp): every pair of scripts/lib/matrix.ts is the
 * shipped template with the PSA and ERP nodes substituted as a user would in the editor, imported under its own
 * id with its own Sync Ledger tables, so pairs run side by side against the one n8n server. Run 1 of each pair
 * must post every approved PSA time entry whose project the ERP knows exactly once (hours equal to the PSA
 * sandbox's approved entry converted exactly, the firm's worker and project), and park each other one for
 * finance naming timeEntry.project, never posting it; run 2 must find every posted entry Already Done and
 * send the ERP nothing. The pairs that passed are returned as `checked` (the README's matrix table is tested
 * against the runner's pair list, and a pair that fails fails the run).
 */
import type { Scenario } from '../lib/demo';
import { APPROVED_TIME_TEMPLATE, matrixPairs, readTemplate, substitute } from '../lib/matrix';
import { approvedEntries, erpPostings, erpProjects, PSA_SYSTEM } from '../lib/matrixState';
import type { Posting } from '../lib/matrixState';
import { freePort } from '../lib/n8nServer';
import { N8nInstance } from '../lib/realN8n';
import { bindTemplate } from '../lib/templates';
import { allRuns } from './governed';

/** Pairs running at once (each an `n8n execute` process; the machine has 2 cores). */
const CONCURRENCY = 3;

async function inBatches<T, R>(items: T[], size: number, run: (item: T, slot: number) => Promise<R>): Promise<R[]> {
	const results: R[] = [];
	for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map((item, slot) => run(item, slot)))));
	return results;
}

/** The postings in `after` beyond those already in `before` (each earlier posting discounts one equal posting). */
function addedPostings(before: Posting[], after: Posting[]): Posting[] {
	const earlier = before.map((posting) => JSON.stringify(posting));
	return after.filter((posting) => {
		const index = earlier.indexOf(JSON.stringify(posting));
		if (index < 0) return true;
		earlier.splice(index, 1);
		return false;
	});
}

export const matrix: Scenario = {
	name: 'psa-erp-matrix',
	async run(context) {
		const started = Date.now();
		const { checks, n8n, sandboxes } = context;
		// NetSuite's own project time is its approved time bills without an external id; the time-reconciliation
		// scenario stamps the seeded ones as imported from a PSA, so the matrix starts NetSuite from the firm's seed.
		sandboxes.netsuite.reset();
		const template = readTemplate(APPROVED_TIME_TEMPLATE);
		const pairs = matrixPairs().map((pair, index) => ({ pair, id: `p2cMxTime${String(index + 1).padStart(2, '0')}`, name: `${pair.psa.label} → ${pair.erp.label}` }));
		// One import of every pair's copy (n8n's import takes a list): one CLI start instead of one per pair.
		const copies = pairs.map(({ pair, id, name }) => {
			const workflow = bindTemplate(APPROVED_TIME_TEMPLATE, substitute(template, pair, { ledgerPrefix: `${id.toLowerCase()}_` }), context.credentialsByType);
			// n8n keeps names to 128 characters: the template's short name and the pair.
			return { ...workflow, id, name: `${workflow.name.replace(/ \(.*$/, '')} [matrix: ${name}]` };
		});
		// The CLI import shares n8n's SQLite file with the running server; on a loaded machine it can fail once.
		for (let attempt = 1; ; attempt++) {
			try {
				await n8n.importWorkflow(Object.assign(copies, { id: 'p2cMxTimeAll' }));
				break;
			} catch (error) {
				if (attempt === 3) throw error;
			}
		}
		// Each `n8n execute` starts a task broker for its Code nodes: processes running side by side need their own port.
		const slots = await Promise.all(Array.from({ length: CONCURRENCY }, async () => new N8nInstance(n8n.binaries, n8n.userFolder, { ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) })));
		const checked: string[] = [];
		const perPair = await inBatches(pairs, CONCURRENCY, async ({ pair, id, name }, slot) => {
			const instance = slots[slot];
			const system = PSA_SYSTEM[pair.psa.key];
			const known = erpProjects(sandboxes, pair.erp.key);
			const approved = approvedEntries(sandboxes, pair.psa.key);
			const postable = approved.filter((e) => known.has(e.project));
			const unknownProject = approved.filter((e) => !known.has(e.project));
			// Earlier scenarios may have posted the same PSA entries to this ERP (the Dynamics 365 template posts Project
			// Operations time to Finance): the pair is judged on what its own runs add.
			const before = erpPostings(sandboxes, pair.erp.key, system);
			const first = await instance.execute(id);
			const recorded = allRuns(first.data, 'Record Result', 0);
			const parkedForOwner = allRuns(first.data, 'Park for owner', 0);
			const parkedForFinance = allRuns(first.data, 'Park for finance', 0);
			const postings = addedPostings(before, erpPostings(sandboxes, pair.erp.key, system));
			const exact = postable.every((want) => {
				const found = postings.filter((p) => p.reference === want.reference);
				return found.length === 1 && found[0].hours === want.hours && found[0].worker === want.worker && found[0].project === want.project;
			});
			const parkedRight =
				parkedForOwner.length === unknownProject.length &&
				unknownProject.every((want) => parkedForOwner.some((p) => String(p.exception?.key).endsWith(`:time:${want.reference}`) && p.exception?.domain === 'finance' && p.masterData?.field === 'timeEntry.project'));
			const run1 = checks.check(
				`matrix ${name}: run 1 posts each approved entry the ERP can take exactly once (hours exact, the firm's worker and project); the others parked for finance naming timeEntry.project`,
				first.ok && approved.length > 0 && postable.length > 0 && exact && postings.length === postable.length && recorded.length === postable.length && parkedRight && parkedForFinance.length === 0,
				{ approved: approved.length, postable: postable.length, postings, parked: parkedForOwner.map((p) => p.masterData), refused: parkedForFinance.map((p) => p.exception?.reason ?? p), output: first.ok ? undefined : first.output.slice(-1200) },
			);
			const second = await instance.execute(id);
			const alreadyDone = allRuns(second.data, 'Check & Claim', 1).length;
			const sent = allRuns(second.data, 'Post to ERP', 0).length + allRuns(second.data, 'Post to ERP', 1).length;
			const run2 = checks.check(`matrix ${name}: run 2 finds every posted entry Already Done and sends the ERP nothing`, second.ok && alreadyDone === postable.length && sent === 0 && erpPostings(sandboxes, pair.erp.key, system).length === before.length + postings.length, {
				alreadyDone,
				sent,
				output: second.ok ? undefined : second.output.slice(-1200),
			});
			if (run1 && run2) checked.push(`${pair.psa.key}:${pair.erp.key}`);
			return { pair: name, approved: approved.length, posted: postings.length, parked: parkedForOwner.length, run2AlreadyDone: alreadyDone };
		});
		return { seconds: Math.round((Date.now() - started) / 1000), concurrency: CONCURRENCY, pairs: perPair, checked };
	},
};
