import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { TIMESTAMP } from '../../../../../lib/canonical/primitives';
import { InvalidInputError } from '../../../../shared/kit';
import { outcomesToItems } from '../../../../shared/kit/outcomes';
import type { ItemOutcome } from '../../../../shared/kit/outcomes';
import { createKpiTableStatement, mergeKpisStatement } from '../../../helpers/statements';
import type { KpiRow } from '../../../helpers/statements';
import { executeStatement, IDENTIFIER } from '../../../transport';
import type { StatementBuilder } from '../../../transport';
import type { SnowflakeOperationContext } from '../common';
import { executeOptions, submitRequestId } from '../common';

export const DEFAULT_KPI_TABLE = 'P2C_SYNC_KPIS';

const properties: INodeProperties[] = [
	{
		displayName: 'Table',
		name: 'kpiTable',
		type: 'string',
		default: DEFAULT_KPI_TABLE,
		description: 'Table the KPIs go to (created if missing): one row per KPI and day, KPI, SNAPSHOT_DATE, COMPUTED_AT, FIGURES (VARIANT), LOADED_AT',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['kpi'], operation: ['load'] } }, properties);

/**
 * The Sync Ledger's Health output (one item per KPI: `kpi`, its figures, `computedAt`) into the KPI table, one
 * row per KPI and UTC day: a re-run the same day replaces that day's figures with the later computation, so a
 * nightly job keeps one snapshot per day and a repeated run adds no rows.
 */
export async function execute(this: IExecuteFunctions, op: SnowflakeOperationContext): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const table = (this.getNodeParameter('kpiTable', 0, DEFAULT_KPI_TABLE) as string).trim();
	const outcomes = new Map<number, ItemOutcome>();
	const rows: Array<{ itemIndex: number; row: KpiRow }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const { kpi, computedAt, correlationId: _correlationId, ...figures } = items[itemIndex].json;
		if (typeof kpi !== 'string' || kpi.trim() === '') {
			outcomes.set(itemIndex, { error: new InvalidInputError('kpi', 'kpi: is missing; the input must be the Sync Ledger Health output (one item per KPI)') });
			continue;
		}
		if (typeof computedAt !== 'string' || !TIMESTAMP.test(computedAt)) {
			outcomes.set(itemIndex, { error: new InvalidInputError('computedAt', 'computedAt: must be the date and time the KPI was computed, with its zone') });
			continue;
		}
		rows.push({ itemIndex, row: { kpi, computedAt, snapshotDate: new Date(computedAt).toISOString().slice(0, 10), figures: JSON.stringify(figures) } });
	}
	if (rows.length) {
		const run = async (builder: StatementBuilder, unit: string) =>
			await executeStatement(this, op.connection, { statement: builder.statement, bindings: builder.bindings, timeout: op.timeout }, executeOptions(op, submitRequestId(this, unit, builder.statement, builder.bindings)));
		try {
			if (!IDENTIFIER.test(table)) throw new InvalidInputError('kpiTable', `kpiTable: "${table.slice(0, 60)}" is not a valid table name (letters, digits, _ and $, starting with a letter or _)`);
			await run(createKpiTableStatement(table), `create:${table}`);
			// Same KPI twice on one day in one input: the later computation only (a MERGE touches a row once).
			const latest = new Map<string, { itemIndex: number; row: KpiRow }>();
			for (const entry of rows) {
				const key = `${entry.row.kpi}|${entry.row.snapshotDate}`;
				const seen = latest.get(key);
				if (!seen || entry.row.computedAt >= seen.row.computedAt) latest.set(key, entry);
			}
			const merged = await run(mergeKpisStatement(table, [...latest.values()].map((entry) => entry.row)), `merge:${table}`);
			for (const { itemIndex, row } of rows) {
				outcomes.set(itemIndex, { json: { kpi: row.kpi, snapshotDate: row.snapshotDate, table, statementHandle: merged.statementHandle } as IDataObject });
			}
		} catch (error) {
			for (const { itemIndex } of rows) outcomes.set(itemIndex, { error: error as Error });
		}
	}
	return outcomesToItems(this, items, (itemIndex) => outcomes.get(itemIndex) ?? { error: new Error('the item was not processed') });
}
