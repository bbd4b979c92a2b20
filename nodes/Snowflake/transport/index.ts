/**
 * Snowflake SQL API v2 transport on the connector kit: submit a statement (`POST /api/v2/statements`) with a
 * `requestId` that is the same for every resend of one submit (`retry=true` marks the resends), so Snowflake
 * never runs it twice; poll `GET /api/v2/statements/{handle}` while it answers 202; walk the result's
 * partitions; cancel (`POST …/cancel`) a statement that outlives its time budget. Errors keep Snowflake's
 * `code`, `message`, `sqlState` and `statementHandle`; 429 is the throttle signal.
 */
import { createHash } from 'crypto';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { pathSegment, vendorRequest } from '../../shared/kit';
import type { HttpFailure, VendorError, VendorProfile, VendorResponse } from '../../shared/kit';
import { accountUrlOf } from './auth';

export type SnowflakeAuthentication = 'keyPair' | 'token';

export function credentialTypeOf(authentication: SnowflakeAuthentication): string {
	return authentication === 'token' ? 'p2cSnowflakeTokenApi' : 'p2cSnowflakeKeyPairApi';
}

/** Snowflake requires a User-Agent (error 391903 without one). */
export const USER_AGENT = 'n8n-nodes-planning-to-cash (Snowflake SQL API v2)';

/** Snowflake's error body: `{code, message, sqlState, statementHandle}` (QueryFailureStatus), or `{code, message}`. */
export function parseSnowflakeError(body: unknown): VendorError | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const error = body as IDataObject;
	if (typeof error.message !== 'string') return undefined;
	const details = [error.sqlState ? `SQL state ${String(error.sqlState)}` : '', error.statementHandle ? `statement ${String(error.statementHandle)}` : ''].filter(Boolean);
	return {
		code: typeof error.code === 'string' && error.code !== '' ? error.code : 'error',
		message: details.length ? `${error.message} (${details.join(', ')})` : error.message,
		fields: [],
	};
}

/** 429 is Snowflake's only throttle signal (no Retry-After, no published numbers). */
export function isSnowflakeThrottle(failure: HttpFailure): boolean {
	return failure.status === 429;
}

export const SNOWFLAKE_PROFILE: VendorProfile = {
	name: 'Snowflake',
	parseError: parseSnowflakeError,
	isThrottle: isSnowflakeThrottle,
	retry: { baseDelayMs: 1_000, maxDelayMs: 30_000 },
};

export interface StatementContext {
	database?: string;
	schema?: string;
	warehouse?: string;
	role?: string;
}

export interface SnowflakeConnection {
	credentialType: string;
	baseUrl: string;
	statementContext: StatementContext;
}

export async function snowflakeConnection(context: IAllExecuteFunctions, authentication: SnowflakeAuthentication, statementContext: StatementContext = {}): Promise<SnowflakeConnection> {
	const credentialType = credentialTypeOf(authentication);
	const credentials = await context.getCredentials(credentialType);
	const cleaned = Object.fromEntries(Object.entries(statementContext).filter(([, value]) => typeof value === 'string' && value.trim() !== '').map(([key, value]) => [key, (value as string).trim()])) as StatementContext;
	return { credentialType, baseUrl: accountUrlOf(credentials), statementContext: cleaned };
}

/** The bind types Snowflake documents for the SQL API; values always travel as strings (or null). */
export const BINDING_TYPES = ['TEXT', 'FIXED', 'REAL', 'BOOLEAN', 'DATE', 'TIME', 'TIMESTAMP_TZ', 'TIMESTAMP_LTZ', 'TIMESTAMP_NTZ', 'BINARY'] as const;
export type BindingType = (typeof BINDING_TYPES)[number];

export interface Binding {
	type: BindingType;
	value: string | null;
}

/** Identifiers this package writes into SQL: letters, digits, `_` and `$`, starting with a letter or `_`. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,254}$/;

/** `"NAME"`: an identifier checked against IDENTIFIER and quoted, or an error naming the field it came from. */
export function quoteIdentifier(name: string, field: string): string {
	if (!IDENTIFIER.test(name)) {
		throw new Error(`${field}: "${name.slice(0, 60)}" is not a valid identifier here (letters, digits, _ and $, starting with a letter or _, at most 255 characters)`);
	}
	return `"${name}"`;
}

/**
 * A statement built from SQL text this package writes and values that only ever travel as bindings: `bind`
 * appends a `?` and records the value under the next position.
 */
export class StatementBuilder {
	private readonly parts: string[] = [];
	readonly bindings: Record<string, Binding> = {};
	private count = 0;

	sql(text: string): this {
		this.parts.push(text);
		return this;
	}

	bind(type: BindingType, value: string | null): this {
		this.count++;
		this.bindings[String(this.count)] = { type, value };
		this.parts.push('?');
		return this;
	}

	get bindingCount(): number {
		return this.count;
	}

	get statement(): string {
		return this.parts.join('');
	}
}

/**
 * A UUID that is the same for the same submit: a digest of what identifies it (execution, node, item or batch,
 * statement and bindings), shaped as an RFC 4122 name-based (version 5 layout) UUID.
 */
export function requestIdFor(seed: string): string {
	const hex = createHash('sha256').update(seed, 'utf8').digest('hex').slice(0, 32).split('');
	hex[12] = '5';
	hex[16] = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	const text = hex.join('');
	return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

export interface RowTypeEntry {
	name: string;
	type: string;
	scale?: number;
	precision?: number;
	length?: number;
	nullable?: boolean;
}

export interface ResultSet {
	code?: string;
	message?: string;
	sqlState?: string;
	statementHandle: string;
	createdOn?: number;
	statementStatusUrl?: string;
	resultSetMetaData?: { numRows?: number; format?: string; rowType?: RowTypeEntry[]; partitionInfo?: Array<{ rowCount?: number }> };
	data?: Array<Array<string | null>>;
	stats?: { numRowsInserted?: number; numRowsUpdated?: number; numRowsDeleted?: number; numDuplicateRowsUpdated?: number };
}

export interface StatementRequest extends StatementContext {
	statement: string;
	bindings?: Record<string, Binding>;
	/** Seconds Snowflake may run it before it cancels it (0 = Snowflake's maximum, 7 days). */
	timeout?: number;
	parameters?: IDataObject;
}

export interface ExecuteOptions {
	/** What makes this submit this submit (see requestIdFor); the same seed on a resend gives the same requestId. */
	requestId: string;
	/** Submit with `async=true` and poll, rather than wait up to 45 s for the answer. */
	async?: boolean;
	/** Fetch every partition (else only the first). */
	allPartitions?: boolean;
	/** Longest the node waits for a statement in progress before it cancels it, in seconds. */
	waitSeconds?: number;
	correlationId?: string;
	itemIndex?: number;
	/** First wait between status checks, in ms (doubles up to 5 s). */
	pollIntervalMs?: number;
}

export interface StatementResult {
	statementHandle: string;
	requestId: string;
	rowType: RowTypeEntry[];
	rows: Array<Array<string | null>>;
	numRows: number;
	stats?: ResultSet['stats'];
	message?: string;
	/** Status checks made while the statement ran (0 when it answered at once). */
	polls: number;
}

const DEFAULT_WAIT_SECONDS = 600;

async function request<T>(
	context: IAllExecuteFunctions,
	connection: SnowflakeConnection,
	method: IHttpRequestMethods,
	path: string,
	options: { qs?: IDataObject; body?: IDataObject; idempotent: boolean; correlationId?: string; itemIndex?: number; resendAs?: (options: IHttpRequestOptions) => IHttpRequestOptions },
): Promise<VendorResponse<T>> {
	return await vendorRequest<T>(
		context,
		SNOWFLAKE_PROFILE,
		{
			method,
			url: `${connection.baseUrl}${path}`,
			qs: options.qs,
			body: options.body,
			headers: { 'User-Agent': USER_AGENT, ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
		},
		{ credentialType: connection.credentialType, idempotent: options.idempotent, correlationId: options.correlationId, itemIndex: options.itemIndex, resendAs: options.resendAs },
	);
}

function statementPath(handle: string): string {
	return `/api/v2/statements/${pathSegment(handle, 'statementHandle')}`;
}

/** Cancels a statement in progress (`POST /api/v2/statements/{handle}/cancel`). */
export async function cancelStatement(context: IAllExecuteFunctions, connection: SnowflakeConnection, handle: string, options: { correlationId?: string; itemIndex?: number } = {}): Promise<IDataObject> {
	const response = await request<IDataObject>(context, connection, 'POST', `${statementPath(handle)}/cancel`, { idempotent: true, ...options });
	return response.body;
}

/**
 * Runs one statement and returns its result: submitted once under `requestId` (a resend carries the same id
 * with `retry=true`), polled while Snowflake answers 202, every partition read when asked. A statement still
 * running after `waitSeconds` is cancelled and reported.
 */
export async function executeStatement(context: IAllExecuteFunctions, connection: SnowflakeConnection, statement: StatementRequest, options: ExecuteOptions): Promise<StatementResult> {
	const body: IDataObject = { ...connection.statementContext, statement: statement.statement };
	for (const key of ['database', 'schema', 'warehouse', 'role'] as const) if (statement[key]) body[key] = statement[key];
	if (statement.bindings && Object.keys(statement.bindings).length) body.bindings = statement.bindings as unknown as IDataObject;
	if (statement.timeout !== undefined) body.timeout = statement.timeout;
	if (statement.parameters) body.parameters = statement.parameters;
	const qs: IDataObject = { requestId: options.requestId, nullable: true };
	if (options.async) qs.async = true;
	const submitted = await request<ResultSet>(context, connection, 'POST', '/api/v2/statements', {
		qs,
		body,
		// The requestId makes a resend safe: Snowflake answers it with the first submit's statement.
		idempotent: true,
		correlationId: options.correlationId,
		itemIndex: options.itemIndex,
		resendAs: (sent) => ({ ...sent, qs: { ...(sent.qs ?? {}), retry: true } }),
	});
	let answer = submitted;
	let polls = 0;
	const waitMs = (options.waitSeconds ?? DEFAULT_WAIT_SECONDS) * 1000;
	const started = Date.now();
	let interval = options.pollIntervalMs ?? 250;
	while (answer.statusCode === 202) {
		const handle = String(answer.body?.statementHandle ?? '');
		if (Date.now() - started >= waitMs) {
			await cancelStatement(context, connection, handle, { correlationId: options.correlationId, itemIndex: options.itemIndex });
			throw new NodeOperationError(context.getNode(), `Snowflake: statement ${handle} was still running after ${Math.round(waitMs / 1000)} s and was cancelled`, {
				itemIndex: options.itemIndex,
				description: 'Raise "Wait Up To (Seconds)", or make the statement faster (a larger warehouse, a narrower query)',
			});
		}
		await sleep(interval);
		interval = Math.min(interval * 2, 5_000);
		polls++;
		answer = await request<ResultSet>(context, connection, 'GET', statementPath(handle), { idempotent: true, correlationId: options.correlationId, itemIndex: options.itemIndex });
	}
	const result = answer.body;
	const rowType = result.resultSetMetaData?.rowType ?? [];
	const rows = [...(result.data ?? [])];
	const partitions = result.resultSetMetaData?.partitionInfo?.length ?? 1;
	if (options.allPartitions) {
		for (let partition = 1; partition < partitions; partition++) {
			const page = await request<ResultSet>(context, connection, 'GET', statementPath(result.statementHandle), {
				qs: { partition },
				idempotent: true,
				correlationId: options.correlationId,
				itemIndex: options.itemIndex,
			});
			rows.push(...(page.body.data ?? []));
		}
	}
	return {
		statementHandle: result.statementHandle,
		requestId: options.requestId,
		rowType,
		rows,
		numRows: result.resultSetMetaData?.numRows ?? rows.length,
		stats: result.stats,
		message: result.message,
		polls,
	};
}

/**
 * A row as JSON by column name. Exactness first: BOOLEAN as a boolean, integers (FIXED, scale 0) that are safe
 * integers as numbers, every other number as its exact decimal string, VARIANT / OBJECT / ARRAY parsed, the rest
 * as Snowflake wrote it.
 */
export function rowToJson(rowType: RowTypeEntry[], row: Array<string | null>): IDataObject {
	const out: IDataObject = {};
	rowType.forEach((column, index) => {
		const value = row[index] ?? null;
		out[column.name] = value === null ? null : typedValue(column, value);
	});
	return out;
}

/** `seconds.nanos` (Snowflake's jsonv2 for timestamps) → `YYYY-MM-DDTHH:MM:SS.fffffffff` in UTC, exact to the nanosecond. */
function isoFromEpoch(text: string): string | undefined {
	const match = /^(-?\d+)(?:\.(\d{1,9}))?$/.exec(text);
	if (!match) return undefined;
	const date = new Date(Number(match[1]) * 1000);
	if (Number.isNaN(date.getTime())) return undefined;
	const fraction = (match[2] ?? '').padEnd(9, '0');
	return `${date.toISOString().slice(0, 19)}${/^0+$/.test(fraction) ? '' : `.${fraction.replace(/0+$/, '')}`}`;
}

function offsetText(minutes: number): string {
	if (minutes === 0) return 'Z';
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Snowflake's jsonv2 dates and times as ISO 8601: DATE (days since the epoch), TIMESTAMP_TZ (`seconds.nanos offset+1440`), LTZ / NTZ (`seconds.nanos`). */
export function temporalValue(type: string, value: string): string | undefined {
	switch (type) {
		case 'DATE': {
			if (!/^-?\d+$/.test(value)) return undefined;
			return new Date(Number(value) * 86_400_000).toISOString().slice(0, 10);
		}
		case 'TIMESTAMP_TZ': {
			const [epoch, zone] = value.split(' ');
			const offset = zone === undefined ? 0 : Number(zone) - 1440;
			if (Number.isNaN(offset)) return undefined;
			const [seconds, nanos = ''] = epoch.split('.');
			const local = isoFromEpoch(nanos ? `${BigInt(seconds) + BigInt(offset * 60)}.${nanos}` : String(BigInt(seconds) + BigInt(offset * 60)));
			return local === undefined ? undefined : `${local}${offsetText(offset)}`;
		}
		case 'TIMESTAMP_LTZ': {
			const iso = isoFromEpoch(value);
			return iso === undefined ? undefined : `${iso}Z`;
		}
		case 'TIMESTAMP_NTZ':
			return isoFromEpoch(value);
		default:
			return undefined;
	}
}

function typedValue(column: RowTypeEntry, value: string): IDataObject[string] {
	const type = column.type.toUpperCase();
	const temporal = temporalValue(type, value);
	if (temporal !== undefined) return temporal;
	if (type === 'BOOLEAN') return value === 'true' || value === '1' || value === 'TRUE';
	if (type === 'FIXED' && (column.scale ?? 0) === 0 && /^-?\d+$/.test(value)) {
		const asNumber = Number(value);
		return Number.isSafeInteger(asNumber) ? asNumber : value;
	}
	if (type === 'VARIANT' || type === 'OBJECT' || type === 'ARRAY') {
		try {
			return JSON.parse(value) as IDataObject[string];
		} catch {
			return value;
		}
	}
	return value;
}
