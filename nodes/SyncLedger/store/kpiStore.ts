/**
 * The health digest's history: one row per KPI per run in the Data Table `<prefix>kpis` (created on first use), so
 * a dashboard or a later workflow can chart the KPIs over time.
 */
import type { IDataObject } from 'n8n-workflow';

import { summarize } from '../../../lib/governance';
import type { DigestKpi } from '../../../lib/governance';
import type { ColumnSpec, Row, RowStore } from './dataTables';

export const KPI_COLUMNS: ColumnSpec[] = [
	{ name: 'runAt', type: 'date' },
	{ name: 'kpi', type: 'string' },
	{ name: 'value', type: 'number' },
	{ name: 'unit', type: 'string' },
	{ name: 'detail', type: 'string' },
	{ name: 'workflowId', type: 'string' },
	{ name: 'executionId', type: 'string' },
];

export async function saveKpis(rows: RowStore, prefix: string, kpis: DigestKpi[], run: { at: Date; workflowId: string; executionId: string }): Promise<Row[]> {
	const table = await rows.ensureTable(`${prefix}kpis`, KPI_COLUMNS);
	return await rows.insert(
		table,
		kpis.map((kpi) => ({
			runAt: run.at.toISOString(),
			kpi: kpi.kpi,
			value: kpi.value,
			unit: kpi.unit,
			detail: summarize(kpi.detail, 20_000),
			workflowId: run.workflowId,
			executionId: run.executionId,
		})) as IDataObject[],
	);
}
