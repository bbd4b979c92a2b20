/**
 * The warehouse behind the Snowflake sandbox: Postgres 17 compiled to WASM (PGlite), one Postgres schema per
 * Snowflake `DATABASE.SCHEMA`, session time zone UTC. Results come back as Snowflake's SQL API writes them in
 * `jsonv2`: every value a string (DATE as days since the epoch, TIMESTAMP_TZ as `seconds.nanos offset+1440`),
 * with a `rowType` per column; DML answers with Snowflake's count columns.
 */
import { PgWorker } from './pgWorker';

import { translate, UnsupportedStatement } from './translate';
import type { SqlBinding } from './translate';

export interface RowType {
	name: string;
	database: string;
	schema: string;
	table: string;
	type: string;
	length: number;
	precision: number;
	scale: number;
	nullable: boolean;
	byteLength: number | null;
	collation: null;
}

export interface EngineResult {
	rowType: RowType[];
	rows: Array<Array<string | null>>;
	stats?: { numRowsInserted?: number; numRowsUpdated?: number; numRowsDeleted?: number };
}

/** A failure in Snowflake's terms: its error code, SQL state and message. */
export class SnowflakeSqlError extends Error {
	constructor(
		readonly code: string,
		readonly sqlState: string,
		message: string,
	) {
		super(message);
	}
}

const PG = { bool: 16, int8: 20, int2: 21, int4: 23, text: 25, float4: 700, float8: 701, varchar: 1043, date: 1082, timestamp: 1114, timestamptz: 1184, numeric: 1700, json: 114, jsonb: 3802 };

/** Postgres errors in Snowflake's words (code, SQL state). */
function snowflakeErrorOf(error: unknown, statement: string): SnowflakeSqlError {
	if (error instanceof SnowflakeSqlError) return error;
	if (error instanceof UnsupportedStatement) return new SnowflakeSqlError('001003', '42000', error.message);
	const e = error as { code?: string; message?: string; table?: string };
	const message = String(e.message ?? error);
	switch (e.code) {
		case '42601':
			return new SnowflakeSqlError('001003', '42000', `SQL compilation error:\nsyntax error: ${message}`);
		case '42P01': {
			const name = /relation "([^"]+)"/.exec(message)?.[1] ?? '';
			return new SnowflakeSqlError('002003', '42S02', `SQL compilation error:\nObject '${name}' does not exist or not authorized.`);
		}
		case '42703': {
			const name = /column "?([^"\s]+)"?/.exec(message.replace(/^column [a-z]+\./, 'column '))?.[1] ?? '';
			return new SnowflakeSqlError('000904', '42000', `SQL compilation error: error line 1 at position 0\ninvalid identifier '${name}'`);
		}
		case '21000':
			return new SnowflakeSqlError('100090', '42P18', 'Duplicate row detected during DML action');
		case '23502':
			return new SnowflakeSqlError('100072', '22000', `NULL result in a non-nullable column`);
		case '22P02':
		case '22007':
		case '22008':
			return new SnowflakeSqlError('100038', '22018', `Numeric value or date '${message}' is not recognized`);
		case '22003':
			return new SnowflakeSqlError('100039', '22003', `Numeric value out of range: ${message}`);
		case '42804':
		case '42883':
			return new SnowflakeSqlError('002023', '22000', `SQL compilation error:\nExpression type does not match column data type: ${message}`);
		default:
			return new SnowflakeSqlError('100000', e.code ?? 'P0001', `${message} (statement: ${statement.slice(0, 120)})`);
	}
}

/** `2026-01-05 10:00:00.123+00` → `1767607200.123000000 1440` (Snowflake's TIMESTAMP_TZ in jsonv2). */
function timestampText(value: string, withZone: boolean): string {
	const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([+-]\d{2}(?::?\d{2})?)?$/.exec(value);
	if (!match) return value;
	const zone = match[4] ?? '+00';
	const sign = zone.startsWith('-') ? -1 : 1;
	const [zh, zm = '0'] = zone.slice(1).split(':').length > 1 ? zone.slice(1).split(':') : [zone.slice(1, 3), zone.slice(3) || '0'];
	const offsetMinutes = sign * (Number(zh) * 60 + Number(zm));
	const utcSeconds = Date.parse(`${match[1]}T${match[2]}Z`) / 1000 - offsetMinutes * 60;
	const nanos = (match[3] ?? '').padEnd(9, '0').slice(0, 9);
	return withZone ? `${utcSeconds}.${nanos} ${offsetMinutes + 1440}` : `${utcSeconds + offsetMinutes * 60}.${nanos}`;
}

function snowflakeValue(typeId: number, value: string): string {
	switch (typeId) {
		case PG.bool:
			return value === 't' || value === 'true' ? 'true' : 'false';
		case PG.date: {
			const [y, m, d] = value.split('-').map(Number);
			return String(Date.UTC(y, m - 1, d) / 86_400_000);
		}
		case PG.timestamptz:
			return timestampText(value, true);
		case PG.timestamp:
			return timestampText(value, false);
		default:
			return value;
	}
}

function rowTypeOf(field: { name: string; dataTypeID: number }, values: Array<string | null>, where: { database: string; schema: string }): RowType {
	const base = { name: field.name, database: where.database, schema: where.schema, table: '', nullable: true, byteLength: null, collation: null, length: 0, precision: 0, scale: 0 };
	switch (field.dataTypeID) {
		case PG.bool:
			return { ...base, type: 'boolean' };
		case PG.int2:
		case PG.int4:
		case PG.int8:
			return { ...base, type: 'fixed', precision: 38, scale: 0 };
		case PG.numeric: {
			const sample = values.find((value) => value !== null);
			const scale = sample && sample.includes('.') ? sample.split('.')[1].length : 0;
			return { ...base, type: 'fixed', precision: 38, scale };
		}
		case PG.float4:
		case PG.float8:
			return { ...base, type: 'real' };
		case PG.date:
			return { ...base, type: 'date' };
		case PG.timestamptz:
			return { ...base, type: 'timestamp_tz', scale: 9 };
		case PG.timestamp:
			return { ...base, type: 'timestamp_ntz', scale: 9 };
		case PG.json:
		case PG.jsonb:
			return { ...base, type: 'variant' };
		default:
			return { ...base, type: 'text', length: 16_777_216, byteLength: 16_777_216 };
	}
}

function fixedColumn(name: string): RowType {
	return { name, database: '', schema: '', table: '', type: 'fixed', length: 0, precision: 19, scale: 0, nullable: false, byteLength: null, collation: null };
}

function textColumn(name: string): RowType {
	return { name, database: '', schema: '', table: '', type: 'text', length: 16_777_216, precision: 0, scale: 0, nullable: true, byteLength: 16_777_216, collation: null };
}

export class WarehouseEngine {
	private db?: PgWorker;
	private ready?: Promise<PgWorker>;
	/** One statement at a time: each runs in its own transaction on the single connection. */
	private queue: Promise<unknown> = Promise.resolve();
	/** `DATABASE` → its schemas. */
	readonly databases = new Map<string, Set<string>>();

	private async open(): Promise<PgWorker> {
		this.ready ??= (async () => {
			const db = new PgWorker();
			await db.exec(`SET TIME ZONE 'UTC'; CREATE OR REPLACE FUNCTION parse_json(text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS 'SELECT $1::jsonb'; CREATE OR REPLACE FUNCTION parse_json(jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS 'SELECT $1';`);
			this.db = db;
			return db;
		})();
		return await this.ready;
	}

	private exclusive<T>(work: (db: PgWorker) => Promise<T>): Promise<T> {
		const result = this.queue.then(async () => await work(await this.open()));
		this.queue = result.catch(() => undefined);
		return result;
	}

	static pgSchemaOf(database: string, schema: string): string {
		return `${database}.${schema}`;
	}

	/** Drops every database and creates the ones given (with their schemas). */
	async recreate(databases: Record<string, string[]>): Promise<void> {
		await this.exclusive(async (db) => {
		const existing = await db.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE '%.%'`);
		for (const row of existing.rows) await db.exec(`DROP SCHEMA "${row.nspname.replace(/"/g, '""')}" CASCADE`);
		this.databases.clear();
		for (const [database, schemas] of Object.entries(databases)) {
			this.databases.set(database, new Set(schemas));
			for (const schema of schemas) await db.exec(`CREATE SCHEMA "${WarehouseEngine.pgSchemaOf(database, schema).replace(/"/g, '""')}"`);
		}
		});
	}

	private namespace(database: string | undefined, schema: string | undefined): { database: string; schema: string } {
		if (!database) throw new SnowflakeSqlError('090105', '22000', 'Cannot perform statement. This session does not have a current database. Call \'USE DATABASE\', or use a qualified name.');
		const schemas = this.databases.get(database);
		if (!schemas) throw new SnowflakeSqlError('002043', '02000', `SQL compilation error:\nDatabase '${database}' does not exist or not authorized.`);
		if (!schema) throw new SnowflakeSqlError('090106', '22000', 'Cannot perform statement. This session does not have a current schema. Call \'USE SCHEMA\', or use a qualified name.');
		if (!schemas.has(schema)) throw new SnowflakeSqlError('002003', '02000', `SQL compilation error:\nSchema '${database}.${schema}' does not exist or not authorized.`);
		return { database, schema };
	}

	/** Runs one statement in `database.schema`, in its own transaction, and answers in Snowflake's result shape. */
	async execute(statement: string, bindings: Record<string, SqlBinding> | undefined, database: string | undefined, schema: string | undefined): Promise<EngineResult> {
		return await this.exclusive(async (db) => {
			try {
				const where = this.namespace(database, schema);
				const translated = translate(statement, bindings);
				const pgSchema = WarehouseEngine.pgSchemaOf(where.database, where.schema);
				await db.exec(`BEGIN; SET LOCAL search_path TO "${pgSchema.replace(/"/g, '""')}", public`);
				try {
					const result = await this.run(db, translated, where, pgSchema);
					await db.exec('COMMIT');
					return result;
				} catch (error) {
					await db.exec('ROLLBACK');
					throw error;
				}
			} catch (error) {
				throw snowflakeErrorOf(error, statement);
			}
		});
	}

	private async run(db: PgWorker, translated: ReturnType<typeof translate>, where: { database: string; schema: string }, pgSchema: string): Promise<EngineResult> {
		if (translated.verb === 'CREATE') {
			const table = /TABLE\s+IF\s+NOT\s+EXISTS\s+"([^"]+)"/i.exec(translated.sql)?.[1] ?? /TABLE\s+"([^"]+)"/i.exec(translated.sql)?.[1];
			const existed = table ? (await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2`, [pgSchema, table])).rows.length > 0 : false;
			await db.query(translated.sql, translated.params);
			return { rowType: [textColumn('status')], rows: [[existed ? `${table} already exists, statement succeeded.` : `Table ${table ?? ''} successfully created.`]] };
		}
		if (translated.verb === 'MERGE') {
			const result = await db.query<{ action: string }>(`${translated.sql} RETURNING merge_action() AS action`, translated.params);
			const inserted = result.rows.filter((row) => row.action === 'INSERT').length;
			const updated = result.rows.filter((row) => row.action === 'UPDATE').length;
			return { rowType: [fixedColumn('number of rows inserted'), fixedColumn('number of rows updated')], rows: [[String(inserted), String(updated)]], stats: { numRowsInserted: inserted, numRowsUpdated: updated } };
		}
		if (translated.verb === 'INSERT' || translated.verb === 'UPDATE' || translated.verb === 'DELETE') {
			const result = await db.query(translated.sql, translated.params);
			const count = result.affectedRows ?? 0;
			if (translated.verb === 'INSERT') return { rowType: [fixedColumn('number of rows inserted')], rows: [[String(count)]], stats: { numRowsInserted: count } };
			if (translated.verb === 'UPDATE') return { rowType: [fixedColumn('number of rows updated'), fixedColumn('number of multi-joined rows updated')], rows: [[String(count), '0']], stats: { numRowsUpdated: count } };
			return { rowType: [fixedColumn('number of rows deleted')], rows: [[String(count)]], stats: { numRowsDeleted: count } };
		}
		const result = await db.queryArrays(translated.sql, translated.params);
		const fields = result.fields;
		if (fields.length === 0) return { rowType: [textColumn('status')], rows: [['Statement executed successfully.']] };
		const raw = result.rows.map((row) => row.map((value) => (value === null || value === undefined ? null : String(value))));
		const rowType = fields.map((field, index) => rowTypeOf(field, raw.map((row) => row[index]), where));
		const rows = raw.map((row) => row.map((value, index) => (value === null ? null : snowflakeValue(fields[index].dataTypeID, value))));
		return { rowType, rows };
	}

	/** Every row of every table, by `DATABASE.SCHEMA.TABLE`, values as Postgres writes them (JSON parsed), for tests and scenarios. */
	async dump(): Promise<Record<string, Array<Record<string, unknown>>>> {
		return await this.exclusive(async (db) => {
			const tables = await db.query<{ schemaname: string; tablename: string }>(`SELECT schemaname, tablename FROM pg_tables WHERE schemaname LIKE '%.%' ORDER BY 1, 2`);
			const out: Record<string, Array<Record<string, unknown>>> = {};
			for (const { schemaname, tablename } of tables.rows) {
				const rows = await db.query<Record<string, unknown>>(`SELECT * FROM "${schemaname.replace(/"/g, '""')}"."${tablename.replace(/"/g, '""')}"`);
				out[`${schemaname}.${tablename}`] = rows.rows.map((row) => {
					const copy: Record<string, unknown> = {};
					for (const [key, value] of Object.entries(row)) copy[key] = typeof value === 'string' && (value.startsWith('{') || value.startsWith('[')) ? safeJson(value) : value;
					return copy;
				});
			}
			return out;
		});
	}

	async close(): Promise<void> {
		await this.queue;
		if (this.db) await this.db.close();
		this.db = undefined;
		this.ready = undefined;
	}
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

