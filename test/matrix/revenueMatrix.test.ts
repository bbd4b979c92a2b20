/**
 * revenue-schedule-to-erp for every pair of the flow-9 matrix, in-process (n8n-core, the harness; Set, Split Out
 * and If through the stand-ins) against the sandboxes the demo starts: each PSA's projects with billing milestones
 * become one journal per period in the ERP, each journal once, balanced to the minor unit, the revenue per project
 * equal to the firm's milestone amounts (so the same across PSAs), nothing parked (Oracle imports a GBP journal into
 * the UK ledger, chosen by currency); a second run sends the ERP nothing.
 * The real n8n run (scripts/scenarios/matrixRevenue.ts) makes the same checks.
 */
import { FIRM_PROJECTS } from '../../sandbox/firm/dataset';
import { REVENUE_SLOTS, REVENUE_TEMPLATE, readTemplate, revenuePairs, substitute } from '../../scripts/lib/matrix';
import { PSA_SYSTEM, firmRevenueMinor, revenueJournals } from '../../scripts/lib/matrixState';
import { referenceDigest } from '../../nodes/SapS4HanaCloud/v1/actions/journalEntry/post.operation';
import { runWorkflow } from '../helpers/harness';
import { standInTypes, withStandIns } from './standIns';
import { matrixSuite, outputItems } from './suite';

const suite = matrixSuite();
const only = process.env.P2C_REVENUE_PAIR;

describe.each(revenuePairs().filter((p) => !only || `${p.psa.key}:${p.erp.key}` === only).map((pair) => [`${pair.psa.label} → ${pair.erp.label}`, pair] as const))('revenue-schedule-to-erp: %s', (_name, pair) => {
	it('posts each period journal once, balanced, with the firm milestone revenue per project, and a second run sends nothing', async () => {
		const workflow = withStandIns(substitute(readTemplate(REVENUE_TEMPLATE), pair, { ledgerPrefix: `r_${pair.psa.key}_${pair.erp.key}_`, slots: REVENUE_SLOTS }));
		const system = PSA_SYSTEM[pair.psa.key];

		const first = await runWorkflow(workflow, { credentials: { ...suite.credentials }, extraTypes: standInTypes });
		expect(first.error).toBeUndefined();
		expect(outputItems(first, 'Contracts to review')).toEqual([]);
		const claimed = outputItems(first, 'Check & Claim').map((j) => String(j.reference));
		expect(outputItems(first, 'Park for finance').map((p) => p.ledger?.error ?? p)).toEqual([]);
		const journals = revenueJournals(suite.sandboxes, pair.erp.key, system, claimed, referenceDigest);
		const posted = claimed;
		expect(journals.map((j) => j.reference).sort()).toEqual([...posted].sort());
		for (const journal of journals) expect([journal.reference, journal.posted, journal.lines.reduce((sum, l) => sum + l.minor, 0n)]).toEqual([journal.reference, true, 0n]);
		const revenue = new Map<string, bigint>();
		for (const journal of journals) {
			const project = journal.reference.slice(`REV-${system}-`.length, -'-2026-01'.length);
			revenue.set(project, (revenue.get(project) ?? 0n) - journal.lines.filter((l) => l.minor < 0n).reduce((sum, l) => sum + l.minor, 0n));
		}
		const firm = firmRevenueMinor();
		for (const [project, minor] of revenue) expect([project, minor]).toEqual([project, firm.get(project)]);
		expect([...revenue.keys()].sort()).toEqual(FIRM_PROJECTS.map((p) => p.externalId).sort());

		const second = await runWorkflow(workflow, { credentials: { ...suite.credentials }, extraTypes: standInTypes });
		expect(second.error).toBeUndefined();
		expect(outputItems(second, 'Check & Claim', 1)).toHaveLength(posted.length);
		expect(outputItems(second, 'Post to ERP')).toHaveLength(0);
		expect(revenueJournals(suite.sandboxes, pair.erp.key, system, claimed, referenceDigest)).toHaveLength(journals.length);
	}, 180_000);
});

describe('revenue-schedule-to-erp: a journal the ERP refuses', () => {
	it('is parked for finance with the field the ERP named, alone; the other periods post once', async () => {
		const pair = revenuePairs().find((p) => p.psa.key === 'kantata' && p.erp.key === 'finance')!;
		const workflow = withStandIns(substitute(readTemplate(REVENUE_TEMPLATE), pair, { ledgerPrefix: 'r_refused_', slots: REVENUE_SLOTS }));
		const finance = suite.sandboxes.dynamicsFinance;
		// The pairs above posted these journals already: Finance starts from its seed, so each is written afresh.
		finance.reset();
		const open = structuredClone(finance.openPeriods);
		// January 2026 closed in usmf: the Acme project's first period is refused by Finance.
		finance.openPeriods.usmf = { from: '2026-02-01', to: '2026-12-31' };
		const headersBefore = (finance.service.records('LedgerJournalHeaders') as Array<Record<string, unknown>>).length;
		try {
			const run = await runWorkflow(workflow, { credentials: { ...suite.credentials }, extraTypes: standInTypes });
			expect(run.error).toBeUndefined();
			const parked = outputItems(run, 'Park for finance');
			expect(parked.map((p) => [String(p.ledger?.key), p.exception?.domain])).toEqual([['d365finance:revenue:REV-kantata-SF-006A000101-2026-01', 'finance']]);
			expect(String(parked[0].ledger?.error)).toMatch(/rejected field linesJson: .*TransDate 2026-01-31: the ledger period is not open/);
			const claimed = outputItems(run, 'Check & Claim').map((j) => String(j.reference));
			expect(outputItems(run, 'Record Result').map((j) => j.ledger?.key).length).toBe(claimed.length - 1);
			expect((finance.service.records('LedgerJournalHeaders') as unknown[]).length).toBe(headersBefore + claimed.length - 1);
		} finally {
			finance.openPeriods = open;
		}
	}, 180_000);
});
