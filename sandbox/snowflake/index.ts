/**
 * Snowflake sandbox: the SQL API v2 (`POST /api/v2/statements`, `GET /api/v2/statements/{handle}` with
 * `partition`, `POST …/cancel`) over a real embedded SQL engine (PGlite, Postgres 17 in WASM; engine.ts).
 * Authentication as Snowflake does it: a key-pair JWT (`X-Snowflake-Authorization-Token-Type: KEYPAIR_JWT`)
 * verified with `jsonwebtoken` against the user's registered public key, its `iss` fingerprint and `sub`
 * checked and its life at most an hour; or an OAuth / programmatic access token. A `User-Agent` is required.
 * Statements run once per `requestId` (a resubmit answers with the first run's statement); a statement that
 * takes longer than the sync window (45 s, lowered in tests) or is sent with `async=true` answers 202 with its
 * handle; results are cut into partitions (`partitionInfo`, `Link` header); SQL errors answer 422 with
 * Snowflake's code, SQL state and message; 429 comes from the shared core's fault injection (`throttleFault`).
 *
 *   const sandbox = createSnowflakeSandbox();
 *   const baseUrl = await sandbox.start(SNOWFLAKE_SANDBOX_PORT);
 *   const credentials = snowflakeSandboxKeyPairCredentials(baseUrl); // a p2cSnowflakeKeyPairApi credential
 */
import { createHash, createPublicKey, generateKeyPairSync, randomUUID } from 'crypto';
import { verify } from 'jsonwebtoken';
import type { JwtPayload } from 'jsonwebtoken';

import { FIRM_PEOPLE } from '../firm/dataset';
import { DEFAULT_VENDOR_LATENCY_MS, SandboxServer } from '../core/server';
import type { Fault, SandboxRequest, SandboxResponse } from '../core/server';
import { SnowflakeSqlError, WarehouseEngine } from './engine';
import type { EngineResult } from './engine';
import type { SqlBinding } from './translate';

export { WarehouseEngine, SnowflakeSqlError } from './engine';

export const SNOWFLAKE_SANDBOX_PORT = 4160;
/** The account (organization-account) and its loader user. */
export const SNOWFLAKE_SANDBOX_ACCOUNT = 'meridian-analytics';
export const SNOWFLAKE_SANDBOX_USER = 'P2C_LOADER';
export const SNOWFLAKE_SANDBOX_DATABASE = 'P2C_ANALYTICS';
export const SNOWFLAKE_SANDBOX_SCHEMA = 'REPLICATION';
export const SNOWFLAKE_SANDBOX_REFERENCE_SCHEMA = 'REFERENCE';
export const SNOWFLAKE_SANDBOX_WAREHOUSE = 'P2C_WH';
export const SNOWFLAKE_SANDBOX_PAT = 'snowflake-sandbox-programmatic-access-token-0001';
export const SNOWFLAKE_SANDBOX_OAUTH_TOKEN = 'snowflake-sandbox-oauth-access-token-0001';

/** The loader's RSA key pair, made once per process; its public key is registered on the user (RSA_PUBLIC_KEY). */
const LOADER_KEYS = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

export function snowflakeSandboxKeyPair(): { privateKey: string; publicKey: string } {
	return { privateKey: LOADER_KEYS.privateKey, publicKey: LOADER_KEYS.publicKey };
}

/** `SHA256:<base64>` of a public key's DER, as `DESC USER` shows RSA_PUBLIC_KEY_FP. */
export function fingerprintOf(publicKeyPem: string): string {
	const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
	return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
}

/** Data for a p2cSnowflakeKeyPairApi credential against the sandbox. */
export function snowflakeSandboxKeyPairCredentials(baseUrl: string) {
	return { account: SNOWFLAKE_SANDBOX_ACCOUNT, user: SNOWFLAKE_SANDBOX_USER, privateKey: LOADER_KEYS.privateKey, passphrase: '', lifetimeSeconds: 300, accountUrl: baseUrl };
}

/** Data for a p2cSnowflakeTokenApi credential (programmatic access token) against the sandbox. */
export function snowflakeSandboxTokenCredentials(baseUrl: string) {
	return { account: SNOWFLAKE_SANDBOX_ACCOUNT, authorizationType: 'PROGRAMMATIC_ACCESS_TOKEN', token: SNOWFLAKE_SANDBOX_PAT, accountUrl: baseUrl };
}

/** A 429 as the SQL API sends it when requests come too fast. For `sandbox.addFault(...)`. */
export function throttleFault(times = 1, path?: string): Fault {
	return { kind: 'status', status: 429, times, path, body: { code: '390400', message: 'Request rate exceeds max. Please retry after a while.' } };
}

interface StatementRun {
	handle: string;
	requestId: string;
	createdOn: number;
	state: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timedOut';
	result?: EngineResult;
	error?: SnowflakeSqlError;
	timeoutSeconds: number;
	done: Promise<void>;
	cancel?: () => void;
}

export interface SnowflakeSandboxSettings {
	/** How long a submit without `async=true` waits for its statement before it answers 202 (Snowflake: 45 s). */
	syncWindowMs: number;
	/** Extra time every statement takes to run (to exercise 202 and polling). */
	statementDelayMs: number;
	/** Rows per result partition. */
	partitionRows: number;
}

const DEFAULT_SETTINGS: SnowflakeSandboxSettings = { syncWindowMs: 45_000, statementDelayMs: 0, partitionRows: 1_000 };

function failure(status: number, code: string, message: string, extra: Record<string, unknown> = {}): SandboxResponse {
	return { status, body: { code, message, ...extra } };
}

export class SnowflakeSandbox extends SandboxServer {
	readonly engine = new WarehouseEngine();
	readonly runs = new Map<string, StatementRun>();
	private readonly byRequestId = new Map<string, string>();
	/** Statements the engine actually executed, by requestId (a deduplicated resubmit does not count). */
	readonly executions = new Map<string, number>();
	/** The public key registered on the loader user (`ALTER USER … SET RSA_PUBLIC_KEY`); tests replace it. */
	registeredPublicKey = LOADER_KEYS.publicKey;
	readonly tokens = new Map<string, 'PROGRAMMATIC_ACCESS_TOKEN' | 'OAUTH'>([
		[SNOWFLAKE_SANDBOX_PAT, 'PROGRAMMATIC_ACCESS_TOKEN'],
		[SNOWFLAKE_SANDBOX_OAUTH_TOKEN, 'OAUTH'],
	]);
	settings: SnowflakeSandboxSettings = { ...DEFAULT_SETTINGS };
	/** Set on first use: the engine (a WASM Postgres) takes seconds to start, so suites that never query it skip that. */
	private ready?: Promise<void>;
	private tables: Record<string, Array<Record<string, unknown>>> = {};

	constructor(latencyMs = DEFAULT_VENDOR_LATENCY_MS) {
		super({
			name: 'snowflake',
			latencyMs,
			reset: () => this.resetState(),
			snapshot: () => ({ tables: this.tables, statements: this.runs.size, executions: Object.fromEntries(this.executions) }),
			settings: {
				read: () => ({ ...this.settings }),
				apply: (changes) => {
					for (const [key, value] of Object.entries(changes)) {
						if (!(key in DEFAULT_SETTINGS)) return `unknown setting ${key}`;
						if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || (key === 'partitionRows' && value < 1)) return `${key} must be a whole number${key === 'partitionRows' ? ' from 1' : ''}`;
						(this.settings as unknown as Record<string, number>)[key] = value;
					}
					return undefined;
				},
			},
		});
	}

	/** Starts and seeds the warehouse on first use; resolves when it is ready (after a reset too). */
	async whenReady(): Promise<void> {
		this.ready ??= this.seed();
		await this.ready;
	}

	private resetState(): void {
		for (const run of this.runs.values()) run.cancel?.();
		this.runs.clear();
		this.byRequestId.clear();
		this.executions.clear();
		this.tokens.clear();
		this.tokens.set(SNOWFLAKE_SANDBOX_PAT, 'PROGRAMMATIC_ACCESS_TOKEN');
		this.tokens.set(SNOWFLAKE_SANDBOX_OAUTH_TOKEN, 'OAUTH');
		this.registeredPublicKey = LOADER_KEYS.publicKey;
		this.settings = { ...DEFAULT_SETTINGS };
		this.tables = {};
		if (this.ready) this.ready = this.ready.catch(() => undefined).then(() => this.seed());
	}

	/** The analytics database with its replication schema (empty) and a reference schema with the firm's people. */
	private async seed(): Promise<void> {
		await this.engine.recreate({ [SNOWFLAKE_SANDBOX_DATABASE]: [SNOWFLAKE_SANDBOX_SCHEMA, SNOWFLAKE_SANDBOX_REFERENCE_SCHEMA] });
		await this.engine.execute(
			'CREATE TABLE "FIRM_PEOPLE" ("EXTERNAL_ID" VARCHAR NOT NULL, "NAME" VARCHAR, "TITLE" VARCHAR, "REGION" VARCHAR, "PRACTICE" VARCHAR, "CURRENCY" VARCHAR, "COST_RATE" NUMBER(38, 2), "BILL_RATE" NUMBER(38, 2), "IS_RESOURCE" BOOLEAN, "HIRE_DATE" DATE)',
			undefined,
			SNOWFLAKE_SANDBOX_DATABASE,
			SNOWFLAKE_SANDBOX_REFERENCE_SCHEMA,
		);
		for (const person of FIRM_PEOPLE) {
			const bindings: Record<string, SqlBinding> = {};
			const values: Array<[string, string]> = [
				['TEXT', person.externalId],
				['TEXT', `${person.firstName} ${person.lastName}`],
				['TEXT', person.title],
				['TEXT', person.region],
				['TEXT', person.practice],
				['TEXT', person.currency],
				// Minor units → the exact decimal (both firm currencies have 2 decimals).
				['FIXED', minorToDecimal(person.costRateMinor)],
				['FIXED', minorToDecimal(person.billRateMinor)],
				['BOOLEAN', String(person.isResource)],
				['TEXT', person.hireDate],
			];
			values.forEach(([type, value], index) => (bindings[String(index + 1)] = { type, value }));
			await this.engine.execute('INSERT INTO "FIRM_PEOPLE" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS DATE))', bindings, SNOWFLAKE_SANDBOX_DATABASE, SNOWFLAKE_SANDBOX_REFERENCE_SCHEMA);
		}
		this.tables = await this.engine.dump();
	}

	async stop(): Promise<void> {
		await super.stop();
		await this.ready?.catch(() => undefined);
		await this.engine.close();
		this.ready = undefined;
	}

	/** Rows of one table (`TABLE` in the replication schema, or `SCHEMA.TABLE`), values as the engine holds them. */
	async tableRows(table: string, schema = SNOWFLAKE_SANDBOX_SCHEMA): Promise<Array<Record<string, unknown>>> {
		await this.whenReady();
		this.tables = await this.engine.dump();
		return this.tables[`${SNOWFLAKE_SANDBOX_DATABASE}.${schema}.${table}`] ?? [];
	}

	/** Who the request is, or the 401 Snowflake answers. */
	authenticate(request: SandboxRequest): SandboxResponse | undefined {
		const authorization = request.headers.authorization ?? '';
		const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
		if (!token) return failure(401, '390101', 'Authorization header not found in the request data.');
		const tokenType = (request.headers['x-snowflake-authorization-token-type'] ?? 'OAUTH').toUpperCase();
		if (tokenType === 'KEYPAIR_JWT') return this.verifyJwt(token);
		if (tokenType === 'OAUTH' || tokenType === 'PROGRAMMATIC_ACCESS_TOKEN') {
			if (this.tokens.get(token) === tokenType) return undefined;
			return failure(401, '390303', tokenType === 'OAUTH' ? 'Invalid OAuth access token. ' : 'Programmatic access token is invalid.');
		}
		return failure(401, '390100', `Unsupported authorization token type '${tokenType}'.`);
	}

	private verifyJwt(token: string): SandboxResponse | undefined {
		const invalid = (why: string) => failure(401, '390144', `JWT token is invalid. [${why}]`);
		let payload: JwtPayload;
		try {
			payload = verify(token, this.registeredPublicKey, { algorithms: ['RS256'] }) as JwtPayload;
		} catch (error) {
			return invalid((error as Error).message);
		}
		const qualifiedUser = `${SNOWFLAKE_SANDBOX_ACCOUNT.toUpperCase()}.${SNOWFLAKE_SANDBOX_USER}`;
		if (payload.sub !== qualifiedUser) return invalid(`sub must be ${qualifiedUser}`);
		if (payload.iss !== `${qualifiedUser}.${fingerprintOf(this.registeredPublicKey)}`) return invalid('iss does not name the registered public key fingerprint');
		if (typeof payload.iat !== 'number' || typeof payload.exp !== 'number' || payload.exp - payload.iat > 3600) return invalid('the token must expire within one hour of iat');
		return undefined;
	}

	private statusUrl(handle: string): string {
		return `/api/v2/statements/${handle}`;
	}

	/** A run's answer: 200 with its first partition, 202 while running, 422 / 408 when it failed or was cancelled. */
	answer(run: StatementRun, partition = 0): SandboxResponse {
		const base = { statementHandle: run.handle, createdOn: run.createdOn, statementStatusUrl: this.statusUrl(run.handle) };
		if (run.state === 'running') {
			return { status: 202, body: { code: '333334', sqlState: '00000', message: 'Asynchronous execution in progress. Use provided query id to perform query monitoring and management.', ...base } };
		}
		if (run.state === 'timedOut') {
			return { status: 408, body: { code: '000630', sqlState: '57014', message: `Statement reached its statement or warehouse timeout of ${run.timeoutSeconds} second(s) and was canceled.`, ...base } };
		}
		if (run.state === 'cancelled') return { status: 422, body: { code: '000604', sqlState: '57014', message: 'SQL execution canceled', ...base } };
		if (run.state === 'failed') return { status: 422, body: { code: run.error!.code, sqlState: run.error!.sqlState, message: run.error!.message, ...base } };
		const result = run.result!;
		const size = this.settings.partitionRows;
		const partitions: Array<Array<Array<string | null>>> = [];
		for (let start = 0; start < result.rows.length; start += size) partitions.push(result.rows.slice(start, start + size));
		if (partitions.length === 0) partitions.push([]);
		if (partition < 0 || partition >= partitions.length) return failure(422, '391920', `Partition ${partition} is out of range (0 to ${partitions.length - 1}).`, { statementHandle: run.handle });
		const links = [
			`<${this.statusUrl(run.handle)}?requestId=${run.requestId}&partition=0>; rel="first"`,
			...(partition + 1 < partitions.length ? [`<${this.statusUrl(run.handle)}?requestId=${run.requestId}&partition=${partition + 1}>; rel="next"`] : []),
			...(partition > 0 ? [`<${this.statusUrl(run.handle)}?requestId=${run.requestId}&partition=${partition - 1}>; rel="prev"`] : []),
			`<${this.statusUrl(run.handle)}?requestId=${run.requestId}&partition=${partitions.length - 1}>; rel="last"`,
		].join(',');
		// Partitions after the first carry only their data, as Snowflake sends them.
		if (partition > 0) return { status: 200, headers: { Link: links }, body: { data: partitions[partition] } };
		return {
			status: 200,
			headers: { Link: links },
			body: {
				resultSetMetaData: {
					numRows: result.rows.length,
					format: 'jsonv2',
					partitionInfo: partitions.map((rows) => ({ rowCount: rows.length, uncompressedSize: JSON.stringify(rows).length })),
					rowType: result.rowType,
				},
				data: partitions[0],
				code: '090001',
				statementStatusUrl: this.statusUrl(run.handle),
				requestId: run.requestId,
				sqlState: '00000',
				statementHandle: run.handle,
				message: 'Statement executed successfully.',
				createdOn: run.createdOn,
				...(result.stats ? { stats: result.stats } : {}),
			},
		};
	}

	/** Starts a statement; it runs in the background and settles `done`. */
	startStatement(statement: string, bindings: Record<string, SqlBinding> | undefined, database: string | undefined, schema: string | undefined, requestId: string, timeoutSeconds: number): StatementRun {
		const handle = randomUUID();
		let cancelled = false;
		let wake: (() => void) | undefined;
		let timer: NodeJS.Timeout | undefined;
		const run: StatementRun = { handle, requestId, createdOn: Date.now(), state: 'running', timeoutSeconds, done: Promise.resolve() };
		run.cancel = () => {
			cancelled = true;
			if (timer) clearTimeout(timer);
			wake?.();
		};
		run.done = (async () => {
			await this.whenReady();
			const delay = this.settings.statementDelayMs;
			const limitMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : Number.POSITIVE_INFINITY;
			if (delay > 0) {
				await new Promise<void>((resolve) => {
					wake = resolve;
					timer = setTimeout(resolve, Math.min(delay, limitMs));
				});
			}
			if (cancelled) {
				run.state = 'cancelled';
				return;
			}
			if (delay > limitMs) {
				run.state = 'timedOut';
				return;
			}
			this.executions.set(requestId, (this.executions.get(requestId) ?? 0) + 1);
			try {
				run.result = await this.engine.execute(statement, bindings, database, schema);
				run.state = 'succeeded';
			} catch (error) {
				run.error = error instanceof SnowflakeSqlError ? error : new SnowflakeSqlError('100000', 'P0001', String((error as Error).message ?? error));
				run.state = 'failed';
			}
			this.tables = await this.engine.dump();
		})();
		this.runs.set(handle, run);
		this.byRequestId.set(requestId, handle);
		return run;
	}

	/**
	 * Forgets which request ids were seen, as Snowflake does after a while; tests call it to stand for a new n8n
	 * execution (whose request ids are new), since the in-process harness gives every run the same execution id.
	 */
	forgetRequestIds(): void {
		this.byRequestId.clear();
	}

	/** A resubmit's run: the one its requestId already started, if any. */
	runFor(requestId: string): StatementRun | undefined {
		const handle = this.byRequestId.get(requestId);
		return handle ? this.runs.get(handle) : undefined;
	}
}

function minorToDecimal(minor: string): string {
	const digits = minor.padStart(3, '0');
	return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function settledWithin(run: StatementRun, ms: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([run.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
	if (timer) clearTimeout(timer);
}

export function createSnowflakeSandbox(options: { latencyMs?: number } = {}): SnowflakeSandbox {
	const sandbox = new SnowflakeSandbox(options.latencyMs ?? DEFAULT_VENDOR_LATENCY_MS);
	const guard = (request: SandboxRequest): SandboxResponse | undefined => {
		if (!request.headers['user-agent']) return failure(400, '391903', 'User-Agent header is required.');
		return sandbox.authenticate(request);
	};
	sandbox.notFound = (request) => failure(404, '390404', `Unknown endpoint ${request.method} ${request.path}. The SQL API serves /api/v2/statements.`);

	sandbox.route('POST', '/api/v2/statements', async (request) => {
		const refused = guard(request);
		if (refused) return refused;
		const contentType = request.headers['content-type'];
		if (contentType && !/application\/json/i.test(contentType)) return failure(415, '391912', `Unsupported media type ${contentType}; the SQL API takes application/json.`);
		const body = request.body as Record<string, unknown> | undefined;
		if (!body || typeof body.statement !== 'string' || body.statement.trim() === '') return failure(400, '390142', 'Incoming request does not contain a valid payload.');
		const requestId = request.query.get('requestId') ?? randomUUID();
		if (!UUID.test(requestId)) return failure(400, '390142', `requestId ${requestId} is not a UUID.`);
		const existing = sandbox.runFor(requestId);
		if (existing) {
			// The same request again: never executed twice; the first run's status or result.
			await settledWithin(existing, request.query.get('async') === 'true' ? 0 : sandbox.settings.syncWindowMs);
			return sandbox.answer(existing);
		}
		const bindings = body.bindings as Record<string, SqlBinding> | undefined;
		if (bindings !== undefined && (typeof bindings !== 'object' || Array.isArray(bindings))) return failure(400, '390142', 'bindings must be an object of {"type", "value"} by position.');
		for (const [position, binding] of Object.entries(bindings ?? {})) {
			if (!binding || typeof binding !== 'object' || typeof binding.type !== 'string' || !(binding.value === null || typeof binding.value === 'string')) {
				return failure(400, '390142', `Binding ${position} must be {"type": "<Snowflake type>", "value": "<string>"}.`);
			}
		}
		const parameters = (body.parameters ?? {}) as Record<string, unknown>;
		if (parameters.multi_statement_count !== undefined && parameters.multi_statement_count !== 1) return failure(422, '000002', 'Unsupported feature: the sandbox runs one statement per request (multi_statement_count 1).');
		const database = typeof body.database === 'string' ? body.database : SNOWFLAKE_SANDBOX_DATABASE;
		const schema = typeof body.schema === 'string' ? body.schema : SNOWFLAKE_SANDBOX_SCHEMA;
		const timeout = typeof body.timeout === 'number' ? body.timeout : 172_800;
		const run = sandbox.startStatement(body.statement, bindings, database, schema, requestId, timeout);
		if (request.query.get('async') !== 'true') await settledWithin(run, sandbox.settings.syncWindowMs);
		return sandbox.answer(run);
	});

	sandbox.route('GET', '/api/v2/statements/:handle', async (request) => {
		const refused = guard(request);
		if (refused) return refused;
		const run = sandbox.runs.get(request.params.handle);
		if (!run) return failure(404, '333333', `Statement ${request.params.handle} not found.`, { statementHandle: request.params.handle });
		const partition = Number.parseInt(request.query.get('partition') ?? '0', 10);
		return sandbox.answer(run, Number.isNaN(partition) ? 0 : partition);
	});

	sandbox.route('POST', '/api/v2/statements/:handle/cancel', (request) => {
		const refused = guard(request);
		if (refused) return refused;
		const run = sandbox.runs.get(request.params.handle);
		if (!run) return failure(404, '333333', `Statement ${request.params.handle} not found.`, { statementHandle: request.params.handle });
		if (run.state === 'running') {
			run.cancel?.();
			run.state = 'cancelled';
			return { status: 200, body: { code: '000604', sqlState: '57014', message: 'successfully canceled', statementHandle: run.handle, statementStatusUrl: `/api/v2/statements/${run.handle}` } };
		}
		return { status: 422, body: { code: '000605', sqlState: '57014', message: `Statement ${run.handle} is no longer running (${run.state}); nothing to cancel.`, statementHandle: run.handle } };
	});

	return sandbox;
}
