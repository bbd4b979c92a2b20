/**
 * Local NetSuite account speaking SuiteTalk REST: TBA and OAuth 2.0 M2M auth, the record service for the
 * eight record types the node uses (plus read-only lookups), external-id upsert, SuiteQL with NetSuite's
 * paging rules, and the account concurrency limit (429 when exceeded).
 */
import { DEFAULT_VENDOR_LATENCY_MS, SandboxServer } from '../core/server';
import type { SandboxRequest, SandboxResponse } from '../core/server';
import { NetSuiteAuth } from './auth';
import { invalidLogin, problem, RecordError } from './errors';
import { NETSUITE_SANDBOX_PRIVATE_KEY, NETSUITE_SANDBOX_PUBLIC_KEY } from './keys';
import { metadataCatalogResponse } from './metadata';
import { seedAccount } from './seed';
import { SCHEMAS, schemaFor } from './schema';
import { NetSuiteStore } from './store';
import type { Json, WriteOptions } from './store';
import { parseSuiteQl, runQuery, SuiteQlError, SuiteQlUnsupported } from './suiteql';

export const NETSUITE_SANDBOX_PORT = 4020;
export const NETSUITE_SANDBOX_ACCOUNT_ID = '1234567_SB1';

/** Test-only keys the sandbox accepts. They protect nothing. */
export const NETSUITE_SANDBOX_TBA = {
	consumerKey: 'sandbox-consumer-key-7f3c2a9b1e',
	consumerSecret: 'sandbox-consumer-secret-4d8e6f1a2b',
	tokenId: 'sandbox-token-id-9a1b2c3d4e',
	tokenSecret: 'sandbox-token-secret-5f6a7b8c9d',
} as const;

export const NETSUITE_SANDBOX_M2M = {
	clientId: 'sandbox-m2m-client-3e4f5a6b7c',
	certificateId: 'sandbox-cert-kid-8d9e0f1a2b',
} as const;

export { NETSUITE_SANDBOX_PRIVATE_KEY, NETSUITE_SANDBOX_PUBLIC_KEY, NETSUITE_SANDBOX_UNREGISTERED_PRIVATE_KEY } from './keys';

/** Credential data for `p2cNetSuiteTbaApi` pointing at a running sandbox. */
export function netSuiteSandboxCredentials(baseUrl: string, concurrencyLimit = 5) {
	return { accountId: NETSUITE_SANDBOX_ACCOUNT_ID, ...NETSUITE_SANDBOX_TBA, baseUrl, concurrencyLimit };
}

/** Alias of netSuiteSandboxCredentials, named after its credential type. */
export const netSuiteSandboxTbaCredentials = netSuiteSandboxCredentials;

/** Credential data for `p2cNetSuiteOAuth2Api`; the hidden token starts empty so n8n runs the token exchange. */
export function netSuiteSandboxOAuth2Credentials(baseUrl: string, concurrencyLimit = 5) {
	return {
		accountId: NETSUITE_SANDBOX_ACCOUNT_ID,
		...NETSUITE_SANDBOX_M2M,
		privateKey: NETSUITE_SANDBOX_PRIVATE_KEY,
		baseUrl,
		concurrencyLimit,
		accessToken: '',
	};
}

export interface NetSuiteSandboxOptions {
	/** Account concurrency limit: requests in flight beyond it get 429. Default 5 (shared tier). */
	concurrencyLimit?: number;
	/**
	 * Time each record and SuiteQL request holds its concurrency slot, so a client that fans out meets the
	 * account limit as it would in NetSuite. Default DEFAULT_VENDOR_LATENCY_MS (15 ms); 0 answers at once.
	 */
	latencyMs?: number;
	/** Lifetime of M2M access tokens. Default 3600. */
	tokenLifetimeSeconds?: number;
	/** Clock for timestamps, nonces and token expiry (tests move it). */
	nowMs?: () => number;
}

const RECORD_CONTENT_TYPE = 'application/vnd.oracle.resource+json; type=singular; charset=UTF-8';
const COLLECTION_CONTENT_TYPE = 'application/vnd.oracle.resource+json; type=collection; charset=UTF-8';

export type NetSuiteSandbox = SandboxServer & {
	store: NetSuiteStore;
	auth: NetSuiteAuth;
	/** Highest number of API requests in flight at once since the last reset. */
	readonly maxInFlight: number;
	/** Requests refused with 429 for the concurrency limit since the last reset. */
	readonly concurrencyRejections: number;
	setConcurrencyLimit(limit: number): void;
};

export function createNetSuiteSandbox(options: NetSuiteSandboxOptions = {}): NetSuiteSandbox {
	const nowMs = options.nowMs ?? (() => Date.now());
	let store = new NetSuiteStore();
	seedAccount(store);
	const auth = new NetSuiteAuth({
		realm: NETSUITE_SANDBOX_ACCOUNT_ID,
		tba: {
			consumerKey: NETSUITE_SANDBOX_TBA.consumerKey,
			consumerSecret: NETSUITE_SANDBOX_TBA.consumerSecret,
			tokens: { [NETSUITE_SANDBOX_TBA.tokenId]: NETSUITE_SANDBOX_TBA.tokenSecret },
		},
		m2m: { ...NETSUITE_SANDBOX_M2M, publicKeyPem: NETSUITE_SANDBOX_PUBLIC_KEY },
		tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
		timestampToleranceSeconds: 300,
		nowMs,
	});
	let concurrencyLimit = options.concurrencyLimit ?? 5;
	let inFlight = 0;
	let maxInFlight = 0;
	let concurrencyRejections = 0;

	const isoNow = () => new Date(nowMs()).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const baseOf = (request: SandboxRequest) => `${request.url.protocol}//${request.headers.host ?? request.url.host}`;

	const server = new SandboxServer({
		name: 'netsuite',
		latencyMs: options.latencyMs ?? DEFAULT_VENDOR_LATENCY_MS,
		// The delay is taken inside `guarded`, while the request holds one of the account's concurrency slots.
		latencyInRoutes: true,
		reset() {
			store = new NetSuiteStore();
			seedAccount(store);
			auth.reset();
			inFlight = 0;
			maxInFlight = 0;
			concurrencyRejections = 0;
			sandbox.store = store;
		},
		snapshot() {
			const records: Record<string, Json[]> = {};
			for (const type of Object.keys(SCHEMAS)) records[type] = store.all(type).map((r) => store.render(r, server.baseUrl || 'http://127.0.0.1', { expandSubResources: true }));
			return {
				accountId: NETSUITE_SANDBOX_ACCOUNT_ID,
				records,
				counts: Object.fromEntries(Object.keys(SCHEMAS).map((type) => [type, store.all(type).length])),
				concurrency: { limit: concurrencyLimit, maxInFlight, rejections: concurrencyRejections },
				auth: { tokensIssued: auth.tokensIssued, failures: auth.failures },
				idempotencyKeys: store.idempotency.size,
			};
		},
	});

	/** Authentication, then the account's concurrency slot, then the handler; NetSuite errors as problem+json. */
	const guarded =
		(handler: (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>) =>
		async (request: SandboxRequest): Promise<SandboxResponse> => {
			if (auth.check(request)) return invalidLogin();
			if (inFlight >= concurrencyLimit) {
				concurrencyRejections++;
				return problem(
					429,
					{
						detail: `Concurrent request limit exceeded. This account allows ${concurrencyLimit} concurrent requests. Request blocked.`,
						'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED',
					},
					{ 'Retry-After': '1' },
				);
			}
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			try {
				await server.processingDelay();
				return await handler(request);
			} catch (error) {
				if (error instanceof RecordError) return error.toResponse();
				throw error;
			} finally {
				inFlight--;
			}
		};

	const writeOptions = (request: SandboxRequest): WriteOptions => {
		const validation = request.headers['x-netsuite-propertynamevalidation'];
		return {
			nameValidation: validation === 'Error' || validation === 'Ignore' ? validation : 'Warning',
			replace: (request.query.get('replace') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
			now: isoNow(),
		};
	};

	const bodyObject = (request: SandboxRequest): Json => {
		if (request.rawBody && request.body === undefined) {
			throw new RecordError(400, 'INVALID_CONTENT', 'Error while accessing a resource. The request body is not valid JSON.');
		}
		const body = request.body ?? {};
		if (typeof body !== 'object' || Array.isArray(body)) {
			throw new RecordError(400, 'INVALID_CONTENT', 'Error while accessing a resource. The request body must be a JSON object.');
		}
		return body as Json;
	};

	const recordSchema = (type: string) => {
		const schema = schemaFor(type);
		if (!schema) throw new RecordError(404, 'NONEXISTENT_ID', `Record type '${type}' does not exist.`);
		return schema;
	};

	const notFound = () =>
		new RecordError(404, 'NONEXISTENT_ID', 'The record instance does not exist. Provide a valid record instance ID.');

	const location = (request: SandboxRequest, type: string, id: string) => ({
		Location: `${baseOf(request)}/services/rest/record/v1/${type}/${id}`,
	});

	const readIntParam = (request: SandboxRequest, name: string, fallback: number): number => {
		const raw = request.query.get(name);
		if (raw === null) return fallback;
		const value = Number(raw);
		if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) {
			throw new RecordError(400, 'INVALID_PARAMETER', `Invalid query parameter value: ${name}=${raw}.`, undefined, { 'o:errorQueryParam': name });
		}
		return value;
	};

	/** limit 1–1000 (default 1000), offset a multiple of limit: NetSuite's paging rules. */
	const paging = (request: SandboxRequest) => {
		const limit = readIntParam(request, 'limit', 1000);
		const offset = readIntParam(request, 'offset', 0);
		if (limit < 1 || limit > 1000) {
			throw new RecordError(400, 'INVALID_PARAMETER', `Invalid query parameter value: limit=${limit}. The value must be between 1 and 1000.`, undefined, {
				'o:errorQueryParam': 'limit',
			});
		}
		if (offset % limit !== 0) {
			throw new RecordError(400, 'INVALID_PARAMETER', `Invalid query parameter value: offset=${offset}. The offset must be a multiple of the limit (${limit}).`, undefined, {
				'o:errorQueryParam': 'offset',
			});
		}
		return { limit, offset };
	};

	const page = (request: SandboxRequest, all: Json[], limit: number, offset: number, href: (limit: number, offset: number) => string) => {
		const items = all.slice(offset, offset + limit);
		const hasMore = offset + items.length < all.length;
		const lastOffset = all.length === 0 ? 0 : Math.floor((all.length - 1) / limit) * limit;
		const links: Json[] = [];
		if (offset > 0) links.push({ rel: 'previous', href: href(limit, Math.max(0, offset - limit)) });
		links.push({ rel: 'first', href: href(limit, 0) });
		if (hasMore) links.push({ rel: 'next', href: href(limit, offset + limit) });
		links.push({ rel: 'last', href: href(limit, lastOffset) });
		links.push({ rel: 'self', href: href(limit, offset) });
		return { status: 200, headers: { 'Content-Type': COLLECTION_CONTENT_TYPE }, body: { links, count: items.length, hasMore, items, offset, totalResults: all.length } };
	};

	const sandbox = server as NetSuiteSandbox;
	sandbox.store = store;
	sandbox.auth = auth;
	Object.defineProperty(sandbox, 'maxInFlight', { get: () => maxInFlight });
	Object.defineProperty(sandbox, 'concurrencyRejections', { get: () => concurrencyRejections });
	sandbox.setConcurrencyLimit = (limit: number) => {
		concurrencyLimit = limit;
	};

	server.notFound = (request) =>
		problem(404, { detail: `Invalid path: ${request.path}. No resource is mapped to this URL.`, 'o:errorCode': 'NONEXISTENT_ID' });

	// Before the record routes, which would take `metadata-catalog` for a record type.
	server.route('GET', '/services/rest/record/v1/metadata-catalog/:type', guarded(metadataCatalogResponse));

	server.route('POST', '/services/rest/auth/oauth2/v1/token', async (request) => {
		await server.processingDelay();
		return auth.tokenEndpoint(request);
	});

	server.route(
		'POST',
		'/services/rest/query/v1/suiteql',
		guarded((request) => {
			if (!/(^|[,\s])transient($|[,\s])/i.test(request.headers.prefer ?? '')) {
				throw new RecordError(400, 'INVALID_HEADER', 'Invalid header value. The SuiteQL query service needs the header Prefer: transient.', undefined, {
					'o:errorHeader': 'Prefer',
				});
			}
			const { limit, offset } = paging(request);
			const body = bodyObject(request);
			if (typeof body.q !== 'string' || !body.q.trim()) {
				throw new RecordError(400, 'INVALID_PARAMETER', 'Invalid search query. Provide a SuiteQL query in the q property of the body.', 'q');
			}
			const searchError = (message: string) =>
				new RecordError(400, 'INVALID_PARAMETER', `Invalid search query. Detailed unprocessed description follows. Search error occurred: ${message}`, undefined, {
					'o:errorQueryParam': 'q',
				});
			let rows: Json[];
			try {
				const query = parseSuiteQl(body.q);
				const table = query.table.toLowerCase();
				const tableRows = store.tableRows(table);
				const columns = store.tableColumns(table);
				if (!tableRows || !columns) throw new SuiteQlError(`Record '${query.table}' was not found.`);
				const qualifiers = new Set([table, query.alias?.toLowerCase()].filter(Boolean) as string[]);
				const columnName = (ref: string): string => {
					const parts = ref.toLowerCase().split('.');
					if (parts.length === 2 && !qualifiers.has(parts[0])) throw new SuiteQlError(`Unknown identifier '${ref}'.`);
					const column = parts[parts.length - 1];
					if (!columns.has(column)) throw new SuiteQlError(`Field '${column}' for record '${table}' was not found. Reason: NOT_EXPOSED - Not available for channel SEARCH`);
					return column;
				};
				rows = runQuery(query, tableRows, columnName);
			} catch (error) {
				if (error instanceof SuiteQlError) throw searchError(error.message);
				// Plain words, not NetSuite's search-error text: the query may well run in NetSuite.
				if (error instanceof SuiteQlUnsupported) {
					throw new RecordError(400, 'INVALID_PARAMETER', error.message, undefined, { 'o:errorQueryParam': 'q' });
				}
				throw error;
			}
			const base = `${baseOf(request)}/services/rest/query/v1/suiteql`;
			return page(request, rows.map((row) => ({ links: [], ...row })), limit, offset, (l, o) => `${base}?limit=${l}&offset=${o}`);
		}),
	);

	server.route(
		'GET',
		'/services/rest/record/v1/:type',
		guarded((request) => {
			const schema = recordSchema(request.params.type);
			if (request.query.get('q')) {
				throw new RecordError(400, 'INVALID_PARAMETER', 'This sandbox does not evaluate record collection filters (q); use SuiteQL.', undefined, {
					'o:errorQueryParam': 'q',
				});
			}
			const { limit, offset } = paging(request);
			const base = `${baseOf(request)}/services/rest/record/v1/${schema.type}`;
			const all = store.all(schema.type).map((r) => ({ links: [{ rel: 'self', href: `${base}/${r.id}` }], id: r.id }));
			return page(request, all, limit, offset, (l, o) => `${base}?limit=${l}&offset=${o}`);
		}),
	);

	server.route(
		'POST',
		'/services/rest/record/v1/:type',
		guarded((request) => {
			const schema = recordSchema(request.params.type);
			if (!schema.writable) throw new RecordError(405, 'INVALID_REQUEST', `The ${schema.type} record cannot be created through this service.`);
			const body = bodyObject(request);
			const key = request.headers['x-netsuite-idempotency-key'];
			if (key) {
				const earlier = store.idempotency.get(key);
				if (earlier) {
					return {
						...problem(400, {
							detail: 'A request with the same idempotency key is already submitted. See the "Location" header for the record it created.',
							'o:errorCode': 'IDEMPOTENCY_ERROR',
						}),
						headers: { 'Content-Type': 'application/vnd.oracle.resource+json; type=error; charset=UTF-8', ...location(request, earlier.type, earlier.id) },
					};
				}
			}
			const record = store.create(schema, body, writeOptions(request));
			if (key) store.idempotency.set(key, { id: record.id, type: record.type });
			return { status: 204, headers: location(request, schema.type, record.id) };
		}),
	);

	server.route(
		'GET',
		'/services/rest/record/v1/:type/:id',
		guarded((request) => {
			const { type, id } = request.params;
			const lookupType = store.lookupTypeFor(type);
			if (lookupType) {
				const lookup = store.renderLookup(lookupType, id, baseOf(request));
				if (!lookup) throw notFound();
				return { status: 200, headers: { 'Content-Type': RECORD_CONTENT_TYPE }, body: lookup };
			}
			const schema = recordSchema(type);
			const internalId = store.resolveId(schema.type, id);
			const record = internalId ? store.get(schema.type, internalId) : undefined;
			if (!record) throw notFound();
			const fields = (request.query.get('fields') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
			return {
				status: 200,
				headers: { 'Content-Type': RECORD_CONTENT_TYPE },
				body: store.render(record, baseOf(request), { expandSubResources: request.query.get('expandSubResources') === 'true', fields }),
			};
		}),
	);

	server.route(
		'GET',
		'/services/rest/record/v1/:type/:id/:sublist',
		guarded((request) => {
			const schema = recordSchema(request.params.type);
			const internalId = store.resolveId(schema.type, request.params.id);
			const record = internalId ? store.get(schema.type, internalId) : undefined;
			const kind = schema.fields[request.params.sublist];
			if (!record || !kind || kind.kind !== 'sublist') throw notFound();
			const self = `${baseOf(request)}/services/rest/record/v1/${schema.type}/${record.id}`;
			return {
				status: 200,
				headers: { 'Content-Type': COLLECTION_CONTENT_TYPE },
				body: store.renderSublist(kind, (record.fields[request.params.sublist] as Json[]) ?? [], self, baseOf(request), request.params.sublist),
			};
		}),
	);

	server.route(
		'PATCH',
		'/services/rest/record/v1/:type/:id',
		guarded((request) => {
			const schema = recordSchema(request.params.type);
			const internalId = store.resolveId(schema.type, request.params.id);
			const record = internalId ? store.get(schema.type, internalId) : undefined;
			if (!record) throw notFound();
			store.update(schema, record, bodyObject(request), writeOptions(request));
			return { status: 204, headers: location(request, schema.type, record.id) };
		}),
	);

	server.route(
		'PUT',
		'/services/rest/record/v1/:type/:id',
		guarded((request) => {
			const schema = recordSchema(request.params.type);
			const { id } = request.params;
			if (!id.startsWith('eid:') || id.length <= 4) {
				throw new RecordError(400, 'INVALID_ID', 'Insert or update is only possible by external ID: use eid:<external ID> in the URL.');
			}
			const externalId = id.slice(4);
			const body = bodyObject(request);
			if (typeof body.externalId === 'string' && body.externalId !== externalId) {
				throw new RecordError(400, 'INVALID_CONTENT', 'Error while accessing a resource. The externalId in the body differs from the one in the URL.', 'externalId');
			}
			const existingId = store.resolveId(schema.type, id);
			if (existingId) {
				store.update(schema, store.get(schema.type, existingId)!, body, writeOptions(request));
				return { status: 204, headers: location(request, schema.type, existingId) };
			}
			const record = store.create(schema, body, writeOptions(request), externalId);
			return { status: 204, headers: location(request, schema.type, record.id) };
		}),
	);

	server.route(
		'DELETE',
		'/services/rest/record/v1/:type/:id',
		guarded((request) => {
			const schema = recordSchema(request.params.type);
			const internalId = store.resolveId(schema.type, request.params.id);
			if (!internalId) throw notFound();
			store.delete(schema.type, internalId);
			return { status: 204 };
		}),
	);

	return sandbox;
}
