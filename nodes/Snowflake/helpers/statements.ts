/**
 * The statements Replicate Canonical Records and Load KPIs send. Their text is written here and holds only
 * identifiers checked by `quoteIdentifier`; every value of a record travels as a binding.
 */
import { DECIMAL } from '../../../lib/canonical/primitives';
import { quoteIdentifier, StatementBuilder } from '../transport';
import type { BindingType } from '../transport';
import type { Column, ColumnKind } from './columns';
import { DECIMAL_SCALE, LOADED_AT_COLUMN, MONEY_SCALE, RECORD_VERSION_COLUMN, SQL_TYPES } from './columns';

/** How the MERGE tells a newer record from an older one. */
export type VersionFrom = 'modifiedAt' | 'sourceVersion';

export interface RowProblem {
	field: string;
	reason: string;
}

/** One record's values in column order, each with its binding type; or the field that cannot be stored. */
export interface RowValues {
	values: Array<{ type: BindingType; value: string | null }>;
	version: bigint | null;
}

function valueAtPath(root: unknown, path: string[]): unknown {
	let current = root;
	for (const key of path) {
		if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function decimalProblem(text: string, scale: number): string | undefined {
	if (!DECIMAL.test(text)) return 'must be an exact decimal written as a string';
	const places = (text.split('.')[1] ?? '').length;
	return places > scale ? `has ${places} decimals; the column keeps ${scale}, so it cannot be stored exactly` : undefined;
}

const BINDING_OF: Record<ColumnKind, BindingType> = {
	text: 'TEXT',
	decimal: 'FIXED',
	moneyAmount: 'FIXED',
	integer: 'FIXED',
	float: 'REAL',
	boolean: 'BOOLEAN',
	date: 'TEXT',
	timestamp: 'TEXT',
	variant: 'TEXT',
};

function bindingValue(column: Column, value: unknown): { value: string | null } | RowProblem {
	if (value === undefined || value === null) return { value: null };
	const problem = (reason: string): RowProblem => ({ field: column.field, reason });
	switch (column.kind) {
		case 'variant':
			return { value: JSON.stringify(value) };
		case 'boolean':
			return typeof value === 'boolean' ? { value: String(value) } : problem('must be true or false');
		case 'integer':
			return typeof value === 'number' && Number.isSafeInteger(value) ? { value: String(value) } : problem('must be a whole number');
		case 'float':
			return typeof value === 'number' && Number.isFinite(value) ? { value: String(value) } : problem('must be a number');
		case 'decimal':
		case 'moneyAmount': {
			if (typeof value !== 'string') return problem('must be an exact decimal written as a string');
			const reason = decimalProblem(value, column.kind === 'decimal' ? DECIMAL_SCALE : MONEY_SCALE);
			return reason ? problem(reason) : { value };
		}
		default:
			return typeof value === 'string' ? { value } : problem('must be text');
	}
}

/** The version a record carries, as the MERGE compares it: epoch milliseconds of modifiedAt, or the integer source version. */
export function recordVersionOf(record: unknown, versionFrom: VersionFrom): bigint | null | RowProblem {
	if (versionFrom === 'sourceVersion') {
		const version = valueAtPath(record, ['envelope', 'source', 'version']);
		if (version === undefined || version === null || version === '') return null;
		if (typeof version !== 'string' || !/^\d{1,30}$/.test(version.trim())) {
			return { field: 'envelope.source.version', reason: 'must be a whole number written as a string to compare versions by it (or set Version From to Source Modified At)' };
		}
		return BigInt(version.trim());
	}
	const modifiedAt = valueAtPath(record, ['envelope', 'source', 'modifiedAt']);
	if (modifiedAt === undefined || modifiedAt === null || modifiedAt === '') return null;
	const ms = typeof modifiedAt === 'string' ? Date.parse(modifiedAt) : Number.NaN;
	if (Number.isNaN(ms)) return { field: 'envelope.source.modifiedAt', reason: 'must be a date and time with its zone' };
	return BigInt(ms);
}

/** A record's row: its values in column order, or the first field that cannot be stored. */
export function rowValuesOf(record: unknown, columns: Column[], versionFrom: VersionFrom): RowValues | RowProblem {
	const values: RowValues['values'] = [];
	for (const column of columns) {
		const bound = bindingValue(column, valueAtPath(record, column.path));
		if ('reason' in bound) return bound;
		values.push({ type: BINDING_OF[column.kind], value: bound.value });
	}
	const version = recordVersionOf(record, versionFrom);
	if (version !== null && typeof version === 'object') return version;
	return { values, version };
}

/** `CREATE TABLE IF NOT EXISTS` with the envelope, the entity's columns, RECORD_VERSION and LOADED_AT. */
export function createTableStatement(table: string, columns: Column[]): StatementBuilder {
	const definitions = columns.map((column) => `${quoteIdentifier(column.name, 'column')} ${SQL_TYPES[column.kind]}${column.name === 'ENTERPRISE_ID' ? ' NOT NULL' : ''}`);
	definitions.push(`${quoteIdentifier(RECORD_VERSION_COLUMN, 'column')} NUMBER(38, 0)`, `${quoteIdentifier(LOADED_AT_COLUMN, 'column')} TIMESTAMP_TZ`);
	definitions.push(`PRIMARY KEY (${quoteIdentifier('ENTERPRISE_ID', 'column')})`);
	return new StatementBuilder().sql(`CREATE TABLE IF NOT EXISTS ${quoteIdentifier(table, 'Table')} (${definitions.join(', ')})`);
}

/** The stored version and idempotency key of some enterprise ids (to tell each item what the MERGE did with it). */
export function storedVersionsStatement(table: string, enterpriseIds: string[]): StatementBuilder {
	const builder = new StatementBuilder().sql(`SELECT "ENTERPRISE_ID", "RECORD_VERSION", "IDEMPOTENCY_KEY" FROM ${quoteIdentifier(table, 'Table')} WHERE "ENTERPRISE_ID" IN (`);
	enterpriseIds.forEach((id, index) => {
		if (index) builder.sql(', ');
		builder.bind('TEXT', id);
	});
	return builder.sql(')');
}

function castOf(column: { kind: ColumnKind }, source: string): string {
	if (column.kind === 'variant') return `PARSE_JSON(${source})`;
	return `CAST(${source} AS ${SQL_TYPES[column.kind]})`;
}

/**
 * One MERGE for a batch of rows (one row per enterprise id): a row not in the table is inserted; a stored row
 * is replaced only by a strictly newer version, or, when neither has a version, by different content (another
 * idempotency key). An older or equal version leaves the stored row as it is, so replays change nothing.
 */
export function mergeStatement(table: string, columns: Column[], rows: RowValues[]): StatementBuilder {
	const all: Array<{ name: string; kind: ColumnKind }> = [...columns, { name: RECORD_VERSION_COLUMN, kind: 'integer' }];
	const q = (name: string) => quoteIdentifier(name, 'column');
	const valueNames = all.map((_, index) => `"C${index + 1}"`);
	const builder = new StatementBuilder().sql(`MERGE INTO ${quoteIdentifier(table, 'Table')} AS tgt USING (SELECT `);
	builder.sql(all.map((column, index) => `${castOf(column, `v.${valueNames[index]}`)} AS ${q(column.name)}`).join(', '));
	builder.sql(' FROM (VALUES ');
	rows.forEach((row, rowIndex) => {
		builder.sql(rowIndex ? ', (' : '(');
		row.values.forEach((value, index) => {
			if (index) builder.sql(', ');
			builder.bind(value.type, value.value);
		});
		builder.sql(', ').bind('FIXED', row.version === null ? null : row.version.toString()).sql(')');
	});
	const version = q(RECORD_VERSION_COLUMN);
	const key = q('IDEMPOTENCY_KEY');
	builder.sql(`) AS v (${valueNames.join(', ')})) AS src ON tgt.${q('ENTERPRISE_ID')} = src.${q('ENTERPRISE_ID')}`);
	builder.sql(
		` WHEN MATCHED AND ((src.${version} IS NOT NULL AND (tgt.${version} IS NULL OR src.${version} > tgt.${version}))` +
			` OR (src.${version} IS NULL AND tgt.${version} IS NULL AND src.${key} <> tgt.${key}))`,
	);
	const updated = all.filter((column) => column.name !== 'ENTERPRISE_ID');
	builder.sql(` THEN UPDATE SET ${updated.map((column) => `${q(column.name)} = src.${q(column.name)}`).join(', ')}, ${q(LOADED_AT_COLUMN)} = CURRENT_TIMESTAMP()`);
	builder.sql(
		` WHEN NOT MATCHED THEN INSERT (${[...all.map((column) => q(column.name)), q(LOADED_AT_COLUMN)].join(', ')})` +
			` VALUES (${[...all.map((column) => `src.${q(column.name)}`), 'CURRENT_TIMESTAMP()'].join(', ')})`,
	);
	return builder;
}

/** What the MERGE does with a row, given what the table held before (the same rule as its WHEN MATCHED condition). */
export function mergeOutcome(stored: { version: bigint | null; idempotencyKey: string | null } | undefined, incoming: { version: bigint | null; idempotencyKey: string | null }): 'inserted' | 'updated' | 'unchanged' | 'olderVersion' {
	if (!stored) return 'inserted';
	if (incoming.version !== null) {
		if (stored.version === null || incoming.version > stored.version) return 'updated';
		return incoming.version < stored.version ? 'olderVersion' : 'unchanged';
	}
	if (stored.version === null && incoming.idempotencyKey !== stored.idempotencyKey) return 'updated';
	return stored.version !== null ? 'olderVersion' : 'unchanged';
}

export const KPI_COLUMNS = ['KPI', 'SNAPSHOT_DATE', 'COMPUTED_AT', 'FIGURES', 'LOADED_AT'] as const;

export function createKpiTableStatement(table: string): StatementBuilder {
	return new StatementBuilder().sql(
		`CREATE TABLE IF NOT EXISTS ${quoteIdentifier(table, 'Table')} ("KPI" VARCHAR NOT NULL, "SNAPSHOT_DATE" DATE NOT NULL, "COMPUTED_AT" TIMESTAMP_TZ, "FIGURES" VARIANT, "LOADED_AT" TIMESTAMP_TZ, PRIMARY KEY ("KPI", "SNAPSHOT_DATE"))`,
	);
}

export interface KpiRow {
	kpi: string;
	snapshotDate: string;
	computedAt: string;
	figures: string;
}

/** One row per KPI and day: a re-run the same day replaces that day's figures with the later computation. */
export function mergeKpisStatement(table: string, rows: KpiRow[]): StatementBuilder {
	const builder = new StatementBuilder().sql(
		`MERGE INTO ${quoteIdentifier(table, 'Table')} AS tgt USING (SELECT CAST(v."C1" AS VARCHAR) AS "KPI", CAST(v."C2" AS DATE) AS "SNAPSHOT_DATE", CAST(v."C3" AS TIMESTAMP_TZ) AS "COMPUTED_AT", PARSE_JSON(v."C4") AS "FIGURES" FROM (VALUES `,
	);
	rows.forEach((row, index) => {
		builder.sql(index ? ', (' : '(').bind('TEXT', row.kpi).sql(', ').bind('TEXT', row.snapshotDate).sql(', ').bind('TEXT', row.computedAt).sql(', ').bind('TEXT', row.figures).sql(')');
	});
	return builder.sql(
		`) AS v ("C1", "C2", "C3", "C4")) AS src ON tgt."KPI" = src."KPI" AND tgt."SNAPSHOT_DATE" = src."SNAPSHOT_DATE"` +
			` WHEN MATCHED AND src."COMPUTED_AT" > tgt."COMPUTED_AT" THEN UPDATE SET "COMPUTED_AT" = src."COMPUTED_AT", "FIGURES" = src."FIGURES", "LOADED_AT" = CURRENT_TIMESTAMP()` +
			` WHEN NOT MATCHED THEN INSERT ("KPI", "SNAPSHOT_DATE", "COMPUTED_AT", "FIGURES", "LOADED_AT") VALUES (src."KPI", src."SNAPSHOT_DATE", src."COMPUTED_AT", src."FIGURES", CURRENT_TIMESTAMP())`,
	);
}
