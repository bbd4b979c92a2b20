/**
 * The replicated table of each canonical entity follows the entity's JSON Schema (as docs/canonical-model
 * generates it with zod-to-json-schema): every top-level field is a column, typed by its JSON Schema (date and
 * date-time patterns, exact decimals, booleans, money split into amount and currency, the rest VARIANT), after
 * the envelope columns; new entities (Coupa's cost commitment and supplier invoice) appear with no change.
 */
import { zodToJsonSchema } from 'zod-to-json-schema';

import { ENTITY_NAMES, recordSchema } from '../../lib/canonical';
import { ISO_DATE, TIMESTAMP } from '../../lib/canonical/primitives';
import { columnNameOf, ENVELOPE_COLUMNS, entityColumns, SQL_TYPES } from '../../nodes/Snowflake/helpers/columns';
import { createTableStatement } from '../../nodes/Snowflake/helpers/statements';

type JsonSchema = { type?: string | string[]; pattern?: string; properties?: Record<string, JsonSchema>; enum?: unknown[]; anyOf?: JsonSchema[] };

describe.each(ENTITY_NAMES.map((entity) => [entity]))('%s table', (entity) => {
	const schema = zodToJsonSchema(recordSchema(entity), { $refStrategy: 'none', target: 'jsonSchema7' }) as JsonSchema;
	const fields = schema.properties![entity].properties!;
	const columns = entityColumns(entity);
	const byName = new Map(columns.map((column) => [column.name, column]));

	it('starts with the envelope columns', () => {
		expect(columns.slice(0, ENVELOPE_COLUMNS.length).map((c) => c.name)).toEqual(ENVELOPE_COLUMNS.map((c) => c.name));
	});

	it.each(Object.keys(fields).map((field) => [field]))('field %s has its column, typed from the JSON Schema', (field) => {
		const json = fields[field];
		const base = columnNameOf(field);
		const props = json.properties;
		if (json.type === 'object' && props?.amount && props?.currency && Object.keys(props).every((k) => ['amount', 'currency', 'unit'].includes(k))) {
			expect(byName.get(`${base}_AMOUNT`)?.kind ?? byName.get(`${columnNameOf(entity)}_${base}_AMOUNT`)?.kind).toBe('moneyAmount');
			expect(byName.get(`${base}_CURRENCY`) ?? byName.get(`${columnNameOf(entity)}_${base}_CURRENCY`)).toBeDefined();
			return;
		}
		const column = byName.get(base) ?? byName.get(`${columnNameOf(entity)}_${base}`);
		expect(column).toBeDefined();
		const expected =
			json.type === 'boolean' ? 'boolean'
			: json.type === 'string' && json.pattern === ISO_DATE.source ? 'date'
			: json.type === 'string' && json.pattern === TIMESTAMP.source ? 'timestamp'
			: json.type === 'string' && json.pattern && /\\d/.test(json.pattern) && !json.enum ? 'decimal'
			: json.type === 'string' || json.enum ? 'text'
			: json.type === 'integer' ? 'integer'
			: json.type === 'number' ? 'float'
			: 'variant';
		expect(column!.kind).toBe(expected);
	});

	it('creates one column per name, every name a plain identifier', () => {
		const statement = createTableStatement(`CANONICAL_${columnNameOf(entity)}`, columns).statement;
		expect(new Set(columns.map((c) => c.name)).size).toBe(columns.length);
		for (const column of columns) expect(statement).toContain(`"${column.name}" ${SQL_TYPES[column.kind]}`);
		expect(statement).toMatch(/"RECORD_VERSION" NUMBER\(38, 0\), "LOADED_AT" TIMESTAMP_TZ, PRIMARY KEY \("ENTERPRISE_ID"\)\)$/);
	});
});
