/**
 * Template analytics-replication-snowflake in real n8n: Kantata OX projects and time entries and NetSuite
 * invoices, read with Output: Canonical, replicated into the Snowflake sandbox (the SQL API over an embedded
 * Postgres), and the Sync Ledger's health KPIs loaded beside them. Run 1 creates each entity's table with one row
 * per record; run 2 adds no row and rewrites none; after a project changes in Kantata, run 3 replaces exactly
 * its row; after the source hands back an older version of it (out of order), run 4 leaves the newer row alone.
 */
import type { Scenario, ScenarioContext } from '../lib/demo';
import { allRuns, executeWorkflow } from './governed';
import type { Rec } from './governed';

export const SNOWFLAKE_REPLICATION = 'p2cSnowflakeReplication1';

const TABLES = { project: 'CANONICAL_PROJECT', timeEntry: 'CANONICAL_TIME_ENTRY', invoice: 'CANONICAL_INVOICE' } as const;
const SOURCES = { project: 'Projects (Kantata)', timeEntry: 'Time entries (Kantata)', invoice: 'Invoices (NetSuite)' } as const;

async function tables(context: ScenarioContext): Promise<Record<keyof typeof TABLES, Rec[]>> {
	const snowflake = context.sandboxes.snowflake;
	return {
		project: await snowflake.tableRows(TABLES.project),
		timeEntry: await snowflake.tableRows(TABLES.timeEntry),
		invoice: await snowflake.tableRows(TABLES.invoice),
	};
}

const merges = (context: ScenarioContext) => context.sandboxes.snowflake.requests.filter((r) => r.method === 'POST' && String((r.body as Rec | undefined)?.statement ?? '').startsWith('MERGE')).length;

export const snowflakeReplication: Scenario = {
	name: 'analytics-replication-snowflake',
	async run(context) {
		const { checks, n8n } = context;
		const first = await executeWorkflow(n8n, SNOWFLAKE_REPLICATION);
		checks.check('analytics-replication-snowflake run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const sources = Object.fromEntries(Object.entries(SOURCES).map(([entity, node]) => [entity, allRuns(first.data, node)])) as Record<keyof typeof TABLES, Rec[]>;
		const replicated = allRuns(first.data, 'Replicate to Snowflake');
		const failed = replicated.filter((r) => r.error);
		checks.check('every canonical record read is replicated, none refused', failed.length === 0 && replicated.length === Object.values(sources).reduce((n, list) => n + list.length, 0) && Object.values(sources).every((list) => list.length > 0), {
			read: Object.fromEntries(Object.entries(sources).map(([entity, list]) => [entity, list.length])),
			replicated: replicated.length,
			failed: failed.slice(0, 3),
		});
		const afterFirst = await tables(context);
		const oneRowPerRecord = (Object.keys(TABLES) as Array<keyof typeof TABLES>).every((entity) => {
			const ids = new Set(sources[entity].map((r) => r.envelope?.enterpriseId));
			const rows = afterFirst[entity];
			return rows.length === ids.size && rows.every((row) => ids.has(row.ENTERPRISE_ID));
		});
		checks.check('Snowflake holds exactly one row per record in each entity table, keyed by enterprise id', oneRowPerRecord, Object.fromEntries(Object.entries(afterFirst).map(([entity, rows]) => [entity, rows.length])));
		const invoice = sources.invoice[0]?.invoice as Rec | undefined;
		const invoiceRow = afterFirst.invoice.find((row) => row.ENTERPRISE_ID === sources.invoice[0]?.envelope?.enterpriseId);
		checks.check('money lands exact: the invoice total in NUMBER(38, 4) equals the canonical decimal', invoice !== undefined && invoiceRow !== undefined && Number.isFinite(Number(invoiceRow.TOTAL_AMOUNT)) && String(invoiceRow.TOTAL_AMOUNT).replace(/\.?0+$/, '') === String(invoice.total?.amount).replace(/\.?0+$/, '') && invoiceRow.TOTAL_CURRENCY === invoice.total?.currency, { canonical: invoice?.total, row: invoiceRow && { amount: invoiceRow.TOTAL_AMOUNT, currency: invoiceRow.TOTAL_CURRENCY } });
		const kpis = await context.sandboxes.snowflake.tableRows('P2C_SYNC_KPIS');
		const health = allRuns(first.data, 'Sync health');
		checks.check('the Sync Ledger health KPIs are loaded, one row per KPI for today', health.length > 0 && kpis.length === health.length && new Set(kpis.map((k) => k.KPI)).size === kpis.length, kpis.map((k) => ({ kpi: k.KPI, day: k.SNAPSHOT_DATE })));

		const second = await executeWorkflow(n8n, SNOWFLAKE_REPLICATION);
		const afterSecond = await tables(context);
		const outcomes = allRuns(second.data, 'Replicate to Snowflake').map((r) => r.outcome);
		const loadedUnchanged = (Object.keys(TABLES) as Array<keyof typeof TABLES>).every((entity) => afterSecond[entity].length === afterFirst[entity].length && afterSecond[entity].every((row) => afterFirst[entity].some((before) => before.ENTERPRISE_ID === row.ENTERPRISE_ID && before.LOADED_AT === row.LOADED_AT)));
		checks.check('run 2 adds no row and rewrites none: every record unchanged', second.ok && outcomes.length === replicated.length && outcomes.every((o) => o === 'unchanged') && loadedUnchanged && (await context.sandboxes.snowflake.tableRows('P2C_SYNC_KPIS')).length === kpis.length, { outcomes: [...new Set(outcomes)] });

		// A project changes in Kantata: its updated_at moves on, so its version is newer.
		const kantata = context.sandboxes.kantata.account;
		const workspace = kantata.records('workspaces')[0];
		const enterpriseId = sources.project.find((p) => p.envelope?.source?.id === String(workspace.id))?.envelope?.enterpriseId as string | undefined;
		const renamed = `${String(workspace.title)} (phase 2)`;
		kantata.update('workspaces', String(workspace.id), { title: renamed });
		const third = await executeWorkflow(n8n, SNOWFLAKE_REPLICATION);
		const thirdOutcomes = allRuns(third.data, 'Replicate to Snowflake');
		const afterThird = await tables(context);
		const row = afterThird.project.find((r) => r.ENTERPRISE_ID === enterpriseId);
		checks.check('run 3 after a project changed in Kantata: its row alone is replaced with the new name and version', third.ok && row?.NAME === renamed && thirdOutcomes.filter((o) => o.outcome === 'updated').map((o) => o.enterpriseId).join() === enterpriseId && afterThird.project.length === afterFirst.project.length, {
			name: row?.NAME,
			updated: thirdOutcomes.filter((o) => o.outcome === 'updated').map((o) => o.enterpriseId),
		});

		// The source hands back an older version of that project (a stale read or a late replay): never written.
		const live = kantata.find('workspaces', String(workspace.id))!;
		const newerStamp = live.updated_at;
		Object.assign(live, { title: `${renamed} (stale copy)`, updated_at: '2020-01-01T00:00:00Z' });
		const mergesBefore = merges(context);
		const fourth = await executeWorkflow(n8n, SNOWFLAKE_REPLICATION);
		Object.assign(live, { title: renamed, updated_at: newerStamp });
		const stale = allRuns(fourth.data, 'Replicate to Snowflake').find((o) => o.enterpriseId === enterpriseId);
		const kept = (await tables(context)).project.find((r) => r.ENTERPRISE_ID === enterpriseId);
		checks.check('run 4 with an older version of the project: reported olderVersion, the newer row kept', fourth.ok && stale?.outcome === 'olderVersion' && kept?.NAME === renamed && merges(context) > mergesBefore, { outcome: stale?.outcome, name: kept?.NAME });

		return {
			rows: Object.fromEntries(Object.entries(afterThird).map(([entity, rows]) => [entity, rows.length])),
			kpis: kpis.length,
			statements: context.sandboxes.snowflake.requests.filter((r) => r.method === 'POST').length,
		};
	},
};
