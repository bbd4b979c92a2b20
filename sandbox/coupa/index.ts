/**
 * Coupa sandbox: the Core API our Coupa node speaks. OAuth 2.0 client credentials at `/oauth2/token` with scopes
 * (a request outside the token's scopes answers 403 `insufficient_scope`; an unknown, expired or missing token
 * 401 `invalid_token`), tokens that expire (24 h, lowered by tests), JSON only when asked for
 * (`Accept: application/json`), lists as JSON arrays with `limit` (at most 50) and `offset`, Coupa's query
 * language (`attribute[operator]=value`, nested `parent[child]`), `fields`, `return_object`, `order_by`/`dir`,
 * writes with Coupa's validation errors, `exported` and custom fields, and the rate limit (25 requests per
 * second, burst 20) answered with 429. Lost answers and other faults come from the shared core.
 *
 *   const sandbox = createCoupaSandbox();
 *   const baseUrl = await sandbox.start(COUPA_SANDBOX_PORT);
 *   const credentials = coupaSandboxCredentials(baseUrl); // data for a p2cCoupaOAuth2Api credential
 */
import { randomBytes } from 'crypto';

import { DEFAULT_VENDOR_LATENCY_MS, SandboxServer } from '../core/server';
import type { SandboxRequest, SandboxResponse } from '../core/server';
import { COLLECTIONS, CoupaError, CoupaStore, dashed, matches, parseCondition, project, shallow, validationError, valuesAt } from './store';
import type { Json } from './store';
import { SEEDED_AT, seedStore } from './seed';

export { CoupaStore, COLLECTIONS } from './store';
export { SEEDED_AT } from './seed';

export const COUPA_SANDBOX_PORT = 4150;
export const COUPA_SANDBOX_CLIENT_ID = 'p2c-coupa-sandbox-client';
export const COUPA_SANDBOX_CLIENT_SECRET = 'p2c-coupa-sandbox-secret';
/** A second client granted read scopes only, to show Coupa's 403 for a write outside the token's scopes. */
export const COUPA_SANDBOX_READONLY_CLIENT_ID = 'p2c-coupa-sandbox-readonly';
export const MAX_LIMIT = 50;
export const TOKEN_LIFETIME_SECONDS = 86_399;

const RESERVED = new Set(['limit', 'offset', 'fields', 'return_object', 'order_by', 'dir']);

/** Every scope the sandbox knows: `core.<object>.read|write` for the collections it serves. */
export const ALL_SCOPES = [...new Set(Object.values(COLLECTIONS).flatMap((def) => [`${def.scope}.read`, `${def.scope}.write`]))].sort();

interface IssuedToken {
	clientId: string;
	scopes: Set<string>;
	expiresAt: number;
}

interface RateBucket {
	tokens: number;
	updatedMs: number;
}

export class CoupaSandbox extends SandboxServer {
	readonly tokens = new Map<string, IssuedToken>();
	readonly clients = new Map<string, { secret: string; scopes: string[] }>([
		[COUPA_SANDBOX_CLIENT_ID, { secret: COUPA_SANDBOX_CLIENT_SECRET, scopes: ALL_SCOPES }],
		[COUPA_SANDBOX_READONLY_CLIENT_ID, { secret: COUPA_SANDBOX_CLIENT_SECRET, scopes: ALL_SCOPES.filter((scope) => scope.endsWith('.read')) }],
	]);
	tokenLifetimeSeconds = TOKEN_LIFETIME_SECONDS;
	rate = { perSecond: 25, burst: 20 };
	private bucket: RateBucket = { tokens: 20, updatedMs: Date.now() };
	/** Requests refused by the rate limit since the last reset. */
	throttled = 0;
	tokenRequests = 0;

	constructor(
		readonly store: CoupaStore,
		reset: () => void,
		latencyMs = DEFAULT_VENDOR_LATENCY_MS,
	) {
		super({
			name: 'coupa',
			reset: () => {
				reset();
				this.tokens.clear();
				this.throttled = 0;
				this.tokenRequests = 0;
				this.bucket = { tokens: this.rate.burst, updatedMs: Date.now() };
			},
			snapshot: () => store.snapshot(),
			latencyMs,
			settings: {
				read: () => ({ ratePerSecond: this.rate.perSecond, rateBurst: this.rate.burst, tokenLifetimeSeconds: this.tokenLifetimeSeconds }),
				apply: (changes) => {
					if (changes.ratePerSecond !== undefined) this.rate.perSecond = Number(changes.ratePerSecond);
					if (changes.rateBurst !== undefined) this.rate.burst = Number(changes.rateBurst);
					if (changes.tokenLifetimeSeconds !== undefined) this.tokenLifetimeSeconds = Number(changes.tokenLifetimeSeconds);
					if (!(this.rate.perSecond > 0) || !(this.rate.burst >= 1) || !(this.tokenLifetimeSeconds > 0)) return 'ratePerSecond, rateBurst and tokenLifetimeSeconds must be positive';
					this.bucket = { tokens: this.rate.burst, updatedMs: Date.now() };
					return undefined;
				},
			},
		});
	}

	issueToken(clientId: string, scopes: string[]): { token: string; expiresIn: number } {
		const token = randomBytes(24).toString('hex');
		this.tokens.set(token, { clientId, scopes: new Set(scopes), expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000 });
		return { token, expiresIn: this.tokenLifetimeSeconds };
	}

	/** Takes a token from the instance's bucket; false when the rate limit is reached. */
	takeRateToken(nowMs = Date.now()): boolean {
		const elapsed = Math.max(0, nowMs - this.bucket.updatedMs);
		this.bucket.tokens = Math.min(this.rate.burst, this.bucket.tokens + (elapsed * this.rate.perSecond) / 1000);
		this.bucket.updatedMs = nowMs;
		if (this.bucket.tokens < 1) return false;
		this.bucket.tokens -= 1;
		return true;
	}
}

function oauthError(status: number, error: string, description: string): SandboxResponse {
	return { status, headers: { 'WWW-Authenticate': `Bearer realm="Coupa", error="${error}", error_description="${description}"` }, body: { error, error_description: description } };
}

function coupaErrorResponse(error: CoupaError): SandboxResponse {
	return { status: error.status, body: error.body };
}

function parseForm(raw: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(raw).entries());
}

/** The token's scopes allow `right` on the collection, or the 403 Coupa answers. */
function authorize(sandbox: CoupaSandbox, request: SandboxRequest, collection: string, right: 'read' | 'write'): SandboxResponse | undefined {
	const header = request.headers.authorization ?? '';
	const match = /^Bearer\s+(\S+)$/i.exec(header);
	if (!match) return oauthError(401, 'invalid_token', 'The access token is missing');
	const token = sandbox.tokens.get(match[1]);
	if (!token) return oauthError(401, 'invalid_token', 'The access token is invalid');
	if (token.expiresAt <= Date.now()) return oauthError(401, 'invalid_token', 'The access token expired');
	const needed = `${COLLECTIONS[collection].scope}.${right}`;
	if (!token.scopes.has(needed)) return oauthError(403, 'insufficient_scope', `The request requires higher privileges than provided by the access token (${needed})`);
	return undefined;
}

function integer(value: string | null, name: string, fallback: number): number {
	if (value === null || value === '') return fallback;
	if (!/^\d+$/.test(value)) throw new CoupaError(400, { errors: { base: [`${name} must be a non-negative integer`] } });
	return Number(value);
}

/** A record as the query asked for it: `fields`, else `return_object`. */
function shaped(record: Json, query: URLSearchParams): unknown {
	const fields = query.get('fields');
	if (fields) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(fields);
		} catch {
			throw new CoupaError(400, { errors: { base: ['fields must be a JSON array'] } });
		}
		if (!Array.isArray(parsed)) throw new CoupaError(400, { errors: { base: ['fields must be a JSON array'] } });
		return project(record, parsed);
	}
	const returnObject = query.get('return_object');
	if (returnObject === 'limited') return { id: record.id };
	if (returnObject === 'shallow') return shallow(record);
	if (returnObject && returnObject !== 'none') throw new CoupaError(400, { errors: { base: [`return_object must be limited, shallow or none, got ${returnObject}`] } });
	return record;
}

function list(store: CoupaStore, collection: string, query: URLSearchParams): SandboxResponse {
	const limit = Math.min(MAX_LIMIT, Math.max(1, integer(query.get('limit'), 'limit', MAX_LIMIT)));
	const offset = integer(query.get('offset'), 'offset', 0);
	let records = store.all(collection);
	for (const [name, value] of query.entries()) {
		if (RESERVED.has(name)) continue;
		const condition = parseCondition(name, value);
		records = records.filter((record) => matches(record, condition));
	}
	const orderBy = query.get('order_by');
	const direction = query.get('dir') === 'desc' ? -1 : 1;
	records.sort((a, b) => {
		const x = orderBy ? valuesAt(a, [...orderBy.matchAll(/([^[\]]+)/g)].map((m) => m[1]))[0] : a.id;
		const y = orderBy ? valuesAt(b, [...orderBy.matchAll(/([^[\]]+)/g)].map((m) => m[1]))[0] : b.id;
		const cmp = String(x ?? '') < String(y ?? '') ? -1 : String(x ?? '') > String(y ?? '') ? 1 : 0;
		return (typeof x === 'number' && typeof y === 'number' ? x - y : cmp) * direction || (a.id - b.id) * direction;
	});
	return { status: 200, body: records.slice(offset, offset + limit).map((record) => shaped(record, query)) };
}

function bodyOf(request: SandboxRequest): Json {
	if (!request.body || typeof request.body !== 'object' || Array.isArray(request.body)) throw new CoupaError(400, { errors: { base: ['The request body must be a JSON object'] } });
	// Coupa accepts dashed and underscored names alike; the sandbox stores Coupa's dashed spelling.
	const out: Json = {};
	for (const [key, value] of Object.entries(request.body as Json)) out[dashed(key)] = value;
	return out;
}

function refTo(store: CoupaStore, collection: string, value: unknown, attribute: string, naturalKey: string): Json {
	if (!value || typeof value !== 'object') throw validationError(attribute, 'must reference a record ({"id": …})');
	const ref = value as Json;
	const found = store.all(collection).find((record) => (ref.id !== undefined && record.id === Number(ref.id)) || (ref[naturalKey] !== undefined && record[naturalKey] === ref[naturalKey]));
	if (!found) throw validationError(attribute, `refers to no ${collection.replace(/_/g, ' ')} (${JSON.stringify(value)})`);
	return found;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** quantity × price as exact decimal text with the currency's two decimals (cents), no floats. */
function lineTotal(quantity: unknown, price: unknown, attribute: string): string {
	const q = String(quantity ?? '1');
	const p = String(price ?? '');
	if (!DECIMAL.test(q)) throw validationError(`${attribute}.quantity`, 'is not a number');
	if (!DECIMAL.test(p)) throw validationError(`${attribute}.price`, 'is not a number');
	const scale = (text: string) => {
		const [whole, fraction = ''] = text.replace('-', '').split('.');
		return { digits: BigInt(whole + fraction) * (text.startsWith('-') ? -1n : 1n), places: fraction.length };
	};
	const a = scale(q);
	const b = scale(p);
	const product = a.digits * b.digits;
	const places = a.places + b.places;
	// To cents, half away from zero: Coupa keeps money at the currency's precision.
	const divisor = 10n ** BigInt(Math.max(0, places - 2));
	let cents = places >= 2 ? product / divisor : product * 10n ** BigInt(2 - places);
	const remainder = places >= 2 ? product % divisor : 0n;
	if (remainder * 2n >= divisor && divisor > 1n) cents += product < 0n ? -1n : 1n;
	const sign = cents < 0n ? '-' : '';
	const abs = cents < 0n ? -cents : cents;
	return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

function create(store: CoupaStore, collection: string, body: Json): Json {
	const def = COLLECTIONS[collection];
	if (!def.creatable) throw new CoupaError(405, { errors: { base: [`This sandbox does not create ${collection.replace(/_/g, ' ')}`] } });
	for (const attribute of def.required) {
		if (body[attribute] === undefined || body[attribute] === null || body[attribute] === '') throw validationError(attribute, "can't be blank");
	}
	for (const attribute of def.readOnly) delete body[attribute];
	if (collection === 'purchase_orders') {
		const supplier = refTo(store, 'suppliers', body.supplier, 'supplier', 'number');
		if (store.all('purchase_orders').some((order) => order['po-number'] === body['po-number'])) throw validationError('po-number', 'has already been taken');
		const lines = (Array.isArray(body['order-lines']) ? body['order-lines'] : []).map((line: Json, index: number) => ({ ...line, 'line-num': line['line-num'] ?? String(index + 1), total: lineTotal(line.quantity, line.price, `order-lines[${index}]`) }));
		return store.insert('purchase_orders', { ...body, status: 'draft', version: 1, exported: false, supplier: { id: supplier.id, name: supplier.name, number: supplier.number }, 'order-lines': lines });
	}
	if (collection === 'exchange_rates' && !DECIMAL.test(String(body.rate))) throw validationError('rate', 'is not a number');
	return store.insert(collection, body);
}

function update(store: CoupaStore, collection: string, id: number, body: Json): Json {
	const def = COLLECTIONS[collection];
	if (!def.updatable) throw new CoupaError(405, { errors: { base: [`This sandbox does not update ${collection.replace(/_/g, ' ')}`] } });
	const owner = store.lineOwner(collection, id);
	const record = owner ? owner.line : store.collections.get(collection)?.get(id);
	if (!record) throw new CoupaError(404, { errors: { base: [`Couldn't find ${collection.replace(/_/g, ' ')} with id ${id}`] } });
	for (const attribute of def.readOnly) delete body[attribute];
	if (def.lines) delete body[def.lines.attribute];
	const custom = body['custom-fields'];
	delete body['custom-fields'];
	Object.assign(record, body);
	if (custom && typeof custom === 'object') record['custom-fields'] = { ...(record['custom-fields'] ?? {}), ...(custom as Json) };
	if (body.exported === true && !body['last-exported-at']) record['last-exported-at'] = store.now();
	record['updated-at'] = store.now();
	if (owner) owner.parent['updated-at'] = record['updated-at'];
	if (collection === 'purchase_orders') record.version = Number(record.version ?? 1) + 1;
	return owner ? store.find(collection, id)! : record;
}

export function createCoupaSandbox(options: { latencyMs?: number; empty?: boolean } = {}): CoupaSandbox {
	const store = new CoupaStore();
	const reset = () => {
		store.clear();
		if (!options.empty) {
			const now = store.now;
			store.now = () => SEEDED_AT;
			seedStore(store);
			store.now = now;
		}
	};
	reset();
	const sandbox = new CoupaSandbox(store, reset, options.latencyMs);

	sandbox.route('POST', '/oauth2/token', (request) => {
		sandbox.tokenRequests++;
		const form = parseForm(request.rawBody);
		if (form.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported by the authorization server.' } };
		const client = sandbox.clients.get(form.client_id ?? '');
		if (!client || client.secret !== form.client_secret) {
			return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' } };
		}
		const asked = (form.scope ?? '').split(/\s+/).filter(Boolean);
		if (asked.some((scope) => !client.scopes.includes(scope))) {
			return { status: 400, body: { error: 'invalid_scope', error_description: 'The requested scope is invalid, unknown, or malformed.' } };
		}
		const scopes = asked.length ? asked : client.scopes;
		const { token, expiresIn } = sandbox.issueToken(form.client_id, scopes);
		return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: expiresIn, scope: scopes.join(' ') } };
	});

	const api = async (request: SandboxRequest, handle: (collection: string) => SandboxResponse): Promise<SandboxResponse> => {
		const collection = request.params.collection;
		if (!COLLECTIONS[collection]) return { status: 404, body: { errors: { base: [`This sandbox has no /api/${collection}`] } } };
		// Coupa answers XML unless asked for JSON; the sandbox speaks JSON only and says so.
		if (!/application\/json/i.test(request.headers.accept ?? '')) {
			return { status: 406, headers: { 'Content-Type': 'text/plain' }, body: 'This sandbox answers JSON only: send Accept: application/json (Coupa itself would answer XML).' };
		}
		if (!sandbox.takeRateToken()) {
			sandbox.throttled++;
			return { status: 429, body: { errors: { base: [`Rate limit exceeded: ${sandbox.rate.perSecond} requests per second with a burst of ${sandbox.rate.burst}`] } } };
		}
		const refused = authorize(sandbox, request, collection, request.method === 'GET' ? 'read' : 'write');
		if (refused) return refused;
		try {
			return handle(collection);
		} catch (error) {
			if (error instanceof CoupaError) return coupaErrorResponse(error);
			throw error;
		}
	};

	const idOf = (request: SandboxRequest): number => {
		if (!/^\d+$/.test(request.params.id)) throw new CoupaError(404, { errors: { base: [`Couldn't find a record with id ${request.params.id}`] } });
		return Number(request.params.id);
	};

	sandbox.route('GET', '/api/:collection', (request) => api(request, (collection) => list(store, collection, request.query)));
	sandbox.route('GET', '/api/:collection/:id', (request) =>
		api(request, (collection) => {
			const record = store.find(collection, idOf(request));
			if (!record) return { status: 404, body: { errors: { base: [`Couldn't find ${collection.replace(/_/g, ' ')} with id ${request.params.id}`] } } };
			return { status: 200, body: shaped(record, request.query) };
		}),
	);
	sandbox.route('POST', '/api/:collection', (request) =>
		api(request, (collection) => {
			const record = create(store, collection, bodyOf(request));
			return request.query.get('return_object') === 'none' ? { status: 201, body: '' } : { status: 201, body: shaped(record, request.query) };
		}),
	);
	sandbox.route('PUT', '/api/:collection/:id', (request) =>
		api(request, (collection) => {
			const record = update(store, collection, idOf(request), bodyOf(request));
			return request.query.get('return_object') === 'none' ? { status: 200, body: '' } : { status: 200, body: shaped(record, request.query) };
		}),
	);
	return sandbox;
}

/** Data for a p2cCoupaOAuth2Api credential against a started sandbox. */
export function coupaSandboxCredentials(baseUrl: string, clientId = COUPA_SANDBOX_CLIENT_ID): { instanceUrl: string; clientId: string; clientSecret: string; scopes: string; accessToken: string; renewAfter: string } {
	return { instanceUrl: baseUrl, clientId, clientSecret: COUPA_SANDBOX_CLIENT_SECRET, scopes: '', accessToken: '', renewAfter: '' };
}
