/**
 * The flow-9 PSA × ERP matrix in real n8n (template revenue-schedule-to-erp): every pair of revenuePairs() is the
 * shipped template with the PSA and ERP nodes substituted as a user would in the editor, imported under its own
 * id with its own Sync Ledger tables, run twice, three pairs at a time on the one n8n server. Run 1 must write each
 * period's journal of every firm project with billing milestones to the ERP exactly once (found by its reference
 * REV-<psa>-<project>-<period>), each balanced to the minor unit, the revenue credited per project equal to the
 * firm's milestone amounts, and so the same from every PSA, nothing parked for finance (Oracle: the GBP project's
 * journals go to the UK ledger, chosen by currency).
 * Run 2 must find every posted journal Already Done and send the ERP nothing. Passing pairs are returned as
 * `checked`; the README's flow-9 table is tested against the runner's pair list.
 */
import { referenceDigest } from '../../nodes/SapS4HanaCloud/v1/actions/journalEntry/post.operation';
import type { Scenario } from '../lib/demo';
import { REVENUE_SLOTS, REVENUE_TEMPLATE, readTemplate, revenuePairs, substitute } from '../lib/matrix';
import { PSA_SYSTEM, firmRevenueMinor, revenueJournals } from '../lib/matrixState';
import type { JournalFound } from '../lib/matrixState';
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

/** Revenue credited per firm project (minor units), from the journals found: the credit lines of each journal. */
function revenueByProject(journals: JournalFound[], system: string): Map<string, bigint> {
	const revenue = new Map<string, bigint>();
	for (const journal of journals) {
		const project = journal.reference.slice(`REV-${system}-`.length, -'-YYYY-MM'.length);
		revenue.set(project, (revenue.get(project) ?? 0n) - journal.lines.filter((l) => l.minor < 0n).reduce((sum, l) => sum + l.minor, 0n));
	}
	return revenue;
}

/**
 * `n8n execute` once more when it failed before running anything because n8n's SQLite file was locked by a process
 * beside it (SQLITE_BUSY on a loaded machine): no node ran, so nothing was claimed or sent, and a later run is
 * judged by the same checks (the ledger would make a second attempt safe in any case).
 */
async function executeUnlocked(instance: N8nInstance, id: string): Promise<Awaited<ReturnType<N8nInstance['execute']>>> {
	for (let attempt = 1; ; attempt++) {
		const result = await instance.execute(id);
		const ranNothing = !result.ok && Object.keys(result.data?.data?.resultData?.runData ?? {}).length === 0;
		if (result.ok || attempt === 3 || !ranNothing || !/SQLITE_BUSY/.test(result.output)) return result;
	}
}

export const matrixRevenue: Scenario = {
	name: 'psa-erp-revenue-matrix',
	async run(context) {
		const started = Date.now();
		const { checks, n8n, sandboxes } = context;
		const template = readTemplate(REVENUE_TEMPLATE);
		const pairs = revenuePairs().map((pair, index) => ({ pair, id: `p2cMxRev${String(index + 1).padStart(2, '0')}`, name: `${pair.psa.label} → ${pair.erp.label}` }));
		const copies = pairs.map(({ pair, id, name }) => {
			const workflow = bindTemplate(REVENUE_TEMPLATE, substitute(template, pair, { ledgerPrefix: `${id.toLowerCase()}_`, slots: REVENUE_SLOTS }), context.credentialsByType);
			return { ...workflow, id, name: `${workflow.name.replace(/ \(.*$/, '')} [matrix: ${name}]` };
		});
		// The CLI import shares n8n's SQLite file with the running server; on a loaded machine it can fail once.
		for (let attempt = 1; ; attempt++) {
			try {
				await n8n.importWorkflow(Object.assign(copies, { id: 'p2cMxRevAll' }));
				break;
			} catch (error) {
				if (attempt === 3) throw error;
			}
		}
		const slots = await Promise.all(Array.from({ length: CONCURRENCY }, async () => new N8nInstance(n8n.binaries, n8n.userFolder, { ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) })));
		const firm = firmRevenueMinor();
		const checked: string[] = [];
		const revenueSeen = new Map<string, Map<string, string>>();
		const perPair = await inBatches(pairs, CONCURRENCY, async ({ pair, id, name }, slot) => {
			const instance = slots[slot];
			const system = PSA_SYSTEM[pair.psa.key];
			const first = await executeUnlocked(instance, id);
			const claimed = allRuns(first.data, 'Check & Claim', 0);
			const references = claimed.map((c) => String(c.reference));
			const posted = references;
			const parked = allRuns(first.data, 'Park for finance', 0);
			const journals = revenueJournals(sandboxes, pair.erp.key, system, references, referenceDigest);
			const once = posted.every((reference) => journals.filter((j) => j.reference === reference).length === 1) && journals.length === posted.length;
			const balanced = journals.every((j) => j.posted && j.lines.length >= 2 && j.lines.reduce((sum, l) => sum + l.minor, 0n) === 0n);
			const revenue = revenueByProject(journals, system);
			const wantProjects = [...firm.keys()];
			const revenueRight = wantProjects.length > 0 && revenue.size === wantProjects.length && wantProjects.every((project) => revenue.get(project) === firm.get(project));
			for (const [project, minor] of revenue) revenueSeen.set(`${pair.erp.key}:${project}`, new Map([...(revenueSeen.get(`${pair.erp.key}:${project}`) ?? new Map<string, string>()), [pair.psa.key, minor.toString()]]));
			const run1 = checks.check(
				`revenue matrix ${name}: run 1 posts each period journal once (debits = credits to the minor unit), the revenue per project equal to the firm's milestone amounts, nothing parked`,
				first.ok && posted.length > 0 && once && balanced && revenueRight && parked.length === 0,
				{ claimed: references.length, posted: posted.length, found: journals.map((j) => j.reference), revenue: Object.fromEntries([...revenue].map(([p, m]) => [p, m.toString()])), parked: parked.map((p) => p.ledger?.error ?? p), output: first.ok ? undefined : first.output.slice(-1200) },
			);
			const second = await executeUnlocked(instance, id);
			const alreadyDone = allRuns(second.data, 'Check & Claim', 1).length;
			const sent = allRuns(second.data, 'Post to ERP', 0).length + allRuns(second.data, 'Post to ERP', 1).length;
			const run2 = checks.check(`revenue matrix ${name}: run 2 finds every posted journal Already Done and sends the ERP nothing`, second.ok && alreadyDone === posted.length && sent === 0 && revenueJournals(sandboxes, pair.erp.key, system, references, referenceDigest).length === journals.length, {
				alreadyDone,
				sent,
				output: second.ok ? undefined : second.output.slice(-1200),
			});
			if (run1 && run2) checked.push(`${pair.psa.key}:${pair.erp.key}`);
			return { pair: name, journals: journals.length, parked: parked.length, run2AlreadyDone: alreadyDone };
		});
		// The same firm projects exist in every PSA sandbox, so every PSA must give each project the same revenue in each ERP.
		const disagreements = [...revenueSeen].filter(([, byPsa]) => new Set(byPsa.values()).size !== 1).map(([key, byPsa]) => ({ key, byPsa: Object.fromEntries(byPsa) }));
		checks.check('revenue matrix: each project\'s revenue in each ERP is the same to the minor unit from every PSA', revenueSeen.size > 0 && disagreements.length === 0, { disagreements });
		return { seconds: Math.round((Date.now() - started) / 1000), concurrency: CONCURRENCY, pairs: perPair, checked };
	},
};
