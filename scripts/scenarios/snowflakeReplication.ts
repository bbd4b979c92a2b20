/**
 * Template analytics-replication-snowflake in real n8n: Kantata OX projects and time entries and NetSuite
 * invoices, read with Output: Canonical, and the revenue schedules of the closed-won Salesforce opportunities
 * (Revenue Schedule, Canonical Revenue Schedules), replicated into the Snowflake sandbox (the SQL API over an
 * embedded Postgres), and the Sync Ledger's health KPIs loaded beside them. Run 1 creates each entity's table with
 * one row per record (a revenue schedule per performance obligation, its lines per period equal to the engine's
 * to the minor unit); run 2 adds no row and rewrites none; after a project changes in Kantata, run 3 replaces
 * exactly its row; after the source hands back an older version of it (out of order), run 4 leaves the newer row
 * alone.
 */
import { enterpriseIdFor } from '../../lib/canonical';
import { parseAmount } from '../../lib/money';
import { computeRevenueSchedule } from '../../lib/revenue';
import { SCHEDULE_SOURCE_SYSTEM } from '../../lib/revenue/canonicalSchedule';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { allRuns, executeWorkflow } from './governed';
import type { Rec } from './governed';

export const SNOWFLAKE_REPLICATION = 'p2cSnowflakeReplication1';

const TABLES = { project: 'CANONICAL_PROJECT', timeEntry: 'CANONICAL_TIME_ENTRY', invoice: 'CANONICAL_INVOICE', revenueSchedule: 'CANONICAL_REVENUE_SCHEDULE' } as const;
const SOURCES = { project: 'Projects (Kantata)', timeEntry: 'Time entries (Kantata)', invoice: 'Invoices (NetSuite)', revenueSchedule: 'Revenue schedules (canonical)' } as const;
const REVENUE_NODE = SOURCES.revenueSchedule;

/** A warehouse NUMBER (e.g. "600.0000") or a decimal string in minor units of the currency; extra places must be zeros. */
function minorUnits(value: unknown, currency: string): bigint | undefined {
	const text = String(value ?? '');
	const match = /^(-?\d+)(?:\.(\d*?)0*)?$/.exec(text);
	if (!match) return undefined;
	try {
		return parseAmount(match[2] ? `${match[1]}.${match[2]}` : match[1], currency);
	} catch {
		return undefined;
	}
}

/**
 * Each contract the template built, computed again by the engine here: the revenue-schedule rows Snowflake must
 * hold (enterprise id → the obligation's lines and allocation) and the contracts the node must refuse.
 */
function expectedSchedules(contracts: Rec[]): { rows: Map<string, { contractId: string; obligationId: string; currency: string; allocated: string; lines: Array<{ period: string; periodEnd: string; amount: string; kind: string }> }>; refused: string[] } {
	const rows = new Map<string, { contractId: string; obligationId: string; currency: string; allocated: string; lines: Array<{ period: string; periodEnd: string; amount: string; kind: string }> }>();
	const refused: string[] = [];
	for (const item of contracts) {
		const result = computeRevenueSchedule(item.contract, { trace: false });
		if (result.errors.length) {
			refused.push(String(result.contractId));
			continue;
		}
		for (const one of [result, ...(result.separateContracts ?? [])]) {
			for (const allocation of one.allocations) {
				const lines = one.schedule.filter((line) => line.obligationId === allocation.obligationId).map(({ period, periodEnd, amount, kind }) => ({ period, periodEnd, amount, kind }));
				if (lines.length === 0) continue;
				const id = `${one.contractId}/${allocation.obligationId}`;
				rows.set(enterpriseIdFor('revenueSchedule', SCHEDULE_SOURCE_SYSTEM, id), { contractId: String(one.contractId), obligationId: allocation.obligationId, currency: String(one.currency), allocated: allocation.allocated, lines });
			}
		}
	}
	return { rows, refused };
}

async function tables(context: ScenarioContext): Promise<Record<keyof typeof TABLES, Rec[]>> {
	const snowflake = context.sandboxes.snowflake;
	return {
		project: await snowflake.tableRows(TABLES.project),
		timeEntry: await snowflake.tableRows(TABLES.timeEntry),
		invoice: await snowflake.tableRows(TABLES.invoice),
		revenueSchedule: await snowflake.tableRows(TABLES.revenueSchedule),
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

		// Revenue schedules: the engine's numbers, one row per performance obligation, its lines per period.
		const expected = expectedSchedules(allRuns(first.data, 'Build ASC 606 contract'));
		const refused = allRuns(first.data, REVENUE_NODE, 1);
		const scheduleRows = afterFirst.revenueSchedule;
		const rowProblems: string[] = [];
		for (const [enterpriseId, want] of expected.rows) {
			const row = scheduleRows.find((candidate) => candidate.ENTERPRISE_ID === enterpriseId);
			if (!row) {
				rowProblems.push(`${want.contractId}/${want.obligationId}: no row`);
				continue;
			}
			const lines = (typeof row.LINES === 'string' ? JSON.parse(row.LINES) : row.LINES) as Rec[];
			const sum = want.lines.reduce((total, line) => total + parseAmount(line.amount, want.currency), 0n);
			if (minorUnits(row.TOTAL_AMOUNT, want.currency) !== sum || sum !== parseAmount(want.allocated, want.currency) || row.TOTAL_CURRENCY !== want.currency) {
				rowProblems.push(`${want.contractId}/${want.obligationId}: total ${String(row.TOTAL_AMOUNT)} ${String(row.TOTAL_CURRENCY)}, the engine's lines ${sum} minor units, allocated ${want.allocated}`);
			}
			const same = Array.isArray(lines) && lines.length === want.lines.length && lines.every((line, i) => line.period === want.lines[i].period && line.kind === want.lines[i].kind && minorUnits(line.amount?.amount, want.currency) === parseAmount(want.lines[i].amount, want.currency));
			if (!same) rowProblems.push(`${want.contractId}/${want.obligationId}: lines ${JSON.stringify(lines).slice(0, 200)} differ from the engine's ${JSON.stringify(want.lines).slice(0, 200)}`);
			if (row.OBLIGATION_ID !== want.obligationId || row.SOURCE_SYSTEM !== SCHEDULE_SOURCE_SYSTEM) rowProblems.push(`${want.contractId}/${want.obligationId}: OBLIGATION_ID ${String(row.OBLIGATION_ID)}, SOURCE_SYSTEM ${String(row.SOURCE_SYSTEM)}`);
		}
		checks.check(
			'revenue schedules: exactly one Snowflake row per performance obligation, its lines per period and total equal to the engine\'s to the minor unit',
			expected.rows.size > 0 && scheduleRows.length === expected.rows.size && rowProblems.length === 0 && refused.length === expected.refused.length,
			{ obligations: expected.rows.size, rows: scheduleRows.length, periods: [...expected.rows.values()].reduce((n, row) => n + row.lines.length, 0), refused: refused.map((r) => r.errors), problems: rowProblems.slice(0, 5) },
		);
		// Status as of the date the node was given ($today in n8n's time zone), named in each record's lineage.
		const statusProblems = sources.revenueSchedule.flatMap((record) => {
			const asOf = /on or before (\d{4}-\d{2}-\d{2})/.exec(String((record.envelope?.lineage as Rec[] | undefined)?.find((step) => step.step === 'map')?.detail ?? ''))?.[1];
			if (!asOf) return [`${String(record.envelope?.source?.id)}: no As-Of in its lineage`];
			return (record.revenueSchedule.lines as Rec[]).filter((line) => line.status !== (line.periodEnd <= asOf ? 'recognized' : 'planned')).map((line) => `${String(record.envelope?.source?.id)} ${String(line.period)}: ${String(line.status)} as of ${asOf}`);
		});
		const statuses = sources.revenueSchedule.flatMap((record) => (record.revenueSchedule.lines as Rec[]).map((line) => String(line.status)));
		checks.check('revenue schedule lines of periods ended by the As-Of date are recognized, later ones planned', sources.revenueSchedule.length > 0 && statusProblems.length === 0, {
			recognized: statuses.filter((status) => status === 'recognized').length,
			planned: statuses.filter((status) => status === 'planned').length,
			problems: statusProblems.slice(0, 5),
		});

		const kpis = await context.sandboxes.snowflake.tableRows('P2C_SYNC_KPIS');
		const health = allRuns(first.data, 'Sync health');
		checks.check('the Sync Ledger health KPIs are loaded, one row per KPI for today', health.length > 0 && kpis.length === health.length && new Set(kpis.map((k) => k.KPI)).size === kpis.length, kpis.map((k) => ({ kpi: k.KPI, day: k.SNAPSHOT_DATE })));

		const second = await executeWorkflow(n8n, SNOWFLAKE_REPLICATION);
		const afterSecond = await tables(context);
		const outcomes = allRuns(second.data, 'Replicate to Snowflake').map((r) => r.outcome);
		const loadedUnchanged = (Object.keys(TABLES) as Array<keyof typeof TABLES>).every((entity) => afterSecond[entity].length === afterFirst[entity].length && afterSecond[entity].every((row) => afterFirst[entity].some((before) => before.ENTERPRISE_ID === row.ENTERPRISE_ID && before.LOADED_AT === row.LOADED_AT)));
		checks.check('run 2 adds no row and rewrites none: every record unchanged (revenue schedules too)', second.ok && outcomes.length === replicated.length && outcomes.every((o) => o === 'unchanged') && loadedUnchanged && (await context.sandboxes.snowflake.tableRows('P2C_SYNC_KPIS')).length === kpis.length, { outcomes: [...new Set(outcomes)] });

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
