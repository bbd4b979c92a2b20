/**
 * The warehouse table of a canonical entity, derived from the entity's version 1 schema (the same schema its
 * JSON Schema is generated from): the envelope columns first, then one column per top-level field, typed for
 * analytics. Money (`{amount, currency}`, rates with `unit`) is split into exact NUMBER and VARCHAR columns;
 * decimals are NUMBER(38, 9); dates DATE; timestamps TIMESTAMP_TZ; nested objects and arrays VARIANT. A field
 * added to the schema becomes a column without a change here.
 */
import type { ZodTypeAny } from 'zod';

import { ENTITY_SCHEMAS } from '../../../lib/canonical';
import type { EntityName } from '../../../lib/canonical';
import { DAY_HOURS, DECIMAL, ISO_DATE, PERCENT, TIMESTAMP, UNSIGNED_DECIMAL } from '../../../lib/canonical/primitives';

/** How a value is bound and converted: the SQL wrapped around its `?` and the Snowflake column type. */
export type ColumnKind = 'text' | 'decimal' | 'moneyAmount' | 'integer' | 'float' | 'boolean' | 'date' | 'timestamp' | 'variant';

export interface Column {
	name: string;
	kind: ColumnKind;
	/** Where the value is in the record: `['envelope', 'source', 'id']`, `['timeEntry', 'billRate', 'amount']`. */
	path: string[];
	/** The canonical field path named in problems (`timeEntry.billRate.amount`). */
	field: string;
}

/** Scale of decimal columns; a canonical decimal with more places cannot be stored exactly and is refused. */
export const DECIMAL_SCALE = 9;
/** ISO 4217 currencies have at most 4 minor-unit decimals (CLF). */
export const MONEY_SCALE = 4;

export const SQL_TYPES: Record<ColumnKind, string> = {
	text: 'VARCHAR',
	decimal: `NUMBER(38, ${DECIMAL_SCALE})`,
	moneyAmount: `NUMBER(38, ${MONEY_SCALE})`,
	integer: 'NUMBER(38, 0)',
	float: 'FLOAT',
	boolean: 'BOOLEAN',
	date: 'DATE',
	timestamp: 'TIMESTAMP_TZ',
	variant: 'VARIANT',
};

/** Columns every replicated table starts with: who the record is, where it came from, which version, when loaded. */
export const ENVELOPE_COLUMNS: Column[] = [
	{ name: 'ENTERPRISE_ID', kind: 'text', path: ['envelope', 'enterpriseId'], field: 'envelope.enterpriseId' },
	{ name: 'ENTITY', kind: 'text', path: ['envelope', 'entity'], field: 'envelope.entity' },
	{ name: 'SOURCE_SYSTEM', kind: 'text', path: ['envelope', 'source', 'system'], field: 'envelope.source.system' },
	{ name: 'SOURCE_ENVIRONMENT', kind: 'text', path: ['envelope', 'source', 'environment'], field: 'envelope.source.environment' },
	{ name: 'SOURCE_OBJECT', kind: 'text', path: ['envelope', 'source', 'object'], field: 'envelope.source.object' },
	{ name: 'SOURCE_ID', kind: 'text', path: ['envelope', 'source', 'id'], field: 'envelope.source.id' },
	{ name: 'SOURCE_MODIFIED_AT', kind: 'timestamp', path: ['envelope', 'source', 'modifiedAt'], field: 'envelope.source.modifiedAt' },
	{ name: 'SOURCE_VERSION', kind: 'text', path: ['envelope', 'source', 'version'], field: 'envelope.source.version' },
	{ name: 'IDEMPOTENCY_KEY', kind: 'text', path: ['envelope', 'idempotencyKey'], field: 'envelope.idempotencyKey' },
	{ name: 'SCHEMA_VERSION', kind: 'text', path: ['envelope', 'schemaVersion'], field: 'envelope.schemaVersion' },
	{ name: 'CORRELATION_ID', kind: 'text', path: ['envelope', 'correlationId'], field: 'envelope.correlationId' },
];

/** The version the MERGE compares (epoch milliseconds or the integer source version); computed, not a record path. */
export const RECORD_VERSION_COLUMN = 'RECORD_VERSION';
/** When the row was last written (the warehouse's clock). */
export const LOADED_AT_COLUMN = 'LOADED_AT';

/** `billRate` → `BILL_RATE`, `costCenter` → `COST_CENTER`. */
export function columnNameOf(field: string): string {
	return field
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.replace(/[^A-Za-z0-9_]/g, '_')
		.toUpperCase();
}

interface ZodDef {
	typeName?: string;
	innerType?: ZodTypeAny;
	schema?: ZodTypeAny;
	checks?: Array<{ kind: string; regex?: RegExp }>;
}

function defOf(schema: ZodTypeAny): ZodDef {
	return (schema as unknown as { _def: ZodDef })._def;
}

/** The schema under optional / nullable / default / effects wrappers. */
function unwrap(schema: ZodTypeAny): ZodTypeAny {
	let current = schema;
	for (let depth = 0; depth < 10; depth++) {
		const def = defOf(current);
		const inner = def.innerType ?? (def.typeName === 'ZodEffects' ? def.schema : undefined);
		if (!inner) return current;
		current = inner;
	}
	return current;
}

function shapeOf(schema: ZodTypeAny): Record<string, ZodTypeAny> | undefined {
	const bare = unwrap(schema);
	return defOf(bare).typeName === 'ZodObject' ? (bare as unknown as { shape: Record<string, ZodTypeAny> }).shape : undefined;
}

const DECIMAL_PATTERNS = new Set([DECIMAL.source, UNSIGNED_DECIMAL.source, DAY_HOURS.source, PERCENT.source]);

function scalarKind(schema: ZodTypeAny): ColumnKind {
	const bare = unwrap(schema);
	const def = defOf(bare);
	switch (def.typeName) {
		case 'ZodBoolean':
			return 'boolean';
		case 'ZodNumber':
			return def.checks?.some((check) => check.kind === 'int') ? 'integer' : 'float';
		case 'ZodString': {
			const patterns = (def.checks ?? []).filter((check) => check.kind === 'regex').map((check) => check.regex!.source);
			if (patterns.includes(ISO_DATE.source)) return 'date';
			if (patterns.includes(TIMESTAMP.source)) return 'timestamp';
			if (patterns.some((pattern) => DECIMAL_PATTERNS.has(pattern))) return 'decimal';
			return 'text';
		}
		case 'ZodEnum':
		case 'ZodNativeEnum':
		case 'ZodLiteral':
			return 'text';
		default:
			return 'variant';
	}
}

/** Money and rates: an object with an exact `amount` and a `currency` (and a rate's `unit`). */
function isMoneyLike(shape: Record<string, ZodTypeAny> | undefined): shape is Record<string, ZodTypeAny> {
	if (!shape || !shape.amount || !shape.currency) return false;
	return Object.keys(shape).every((key) => ['amount', 'currency', 'unit'].includes(key));
}

const tableColumns = new Map<EntityName, Column[]>();

/** Every column of an entity's table, in order: the envelope, the entity's fields, then RECORD_VERSION and LOADED_AT. */
export function entityColumns(entity: EntityName): Column[] {
	const cached = tableColumns.get(entity);
	if (cached) return cached;
	const reserved = new Set([...ENVELOPE_COLUMNS.map((column) => column.name), RECORD_VERSION_COLUMN, LOADED_AT_COLUMN]);
	const prefix = columnNameOf(entity);
	const nameFor = (base: string) => (reserved.has(base) ? `${prefix}_${base}` : base);
	const columns: Column[] = [...ENVELOPE_COLUMNS];
	const shape = shapeOf(ENTITY_SCHEMAS[entity] as unknown as ZodTypeAny) ?? {};
	for (const [field, schema] of Object.entries(shape)) {
		const base = columnNameOf(field);
		const fieldShape = shapeOf(schema);
		if (isMoneyLike(fieldShape)) {
			columns.push({ name: nameFor(`${base}_AMOUNT`), kind: 'moneyAmount', path: [entity, field, 'amount'], field: `${entity}.${field}.amount` });
			columns.push({ name: nameFor(`${base}_CURRENCY`), kind: 'text', path: [entity, field, 'currency'], field: `${entity}.${field}.currency` });
			if (fieldShape.unit) columns.push({ name: nameFor(`${base}_UNIT`), kind: 'text', path: [entity, field, 'unit'], field: `${entity}.${field}.unit` });
			continue;
		}
		columns.push({ name: nameFor(base), kind: scalarKind(schema), path: [entity, field], field: `${entity}.${field}` });
	}
	tableColumns.set(entity, columns);
	return columns;
}
