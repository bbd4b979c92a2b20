/**
 * Kantata OX sandbox: the API v1 our Kantata node speaks. Bearer tokens (a personal token, or one issued by
 * the OAuth 2.0 authorization-code endpoints; tokens never expire) and the 401 `oauth` error otherwise; the
 * `count` / `results` / keyed-hash / `meta` envelope; `page`/`per_page` (≤ 200) and `limit`/`offset`;
 * `include`, `only`, `order`, `search` and per-collection filters; 422 validation errors naming the `field`;
 * bulk create (all-or-nothing, per-collection limits) and bulk delete of time entries; submission approval,
 * invoices with cancel; external references; the account event feed (`subscribed_events`, about 9 days).
 * Throttling (429 without Retry-After) and lost responses come from the shared core's fault injection.
 *
 *   const sandbox = createKantataSandbox();
 *   const baseUrl = await sandbox.start(KANTATA_SANDBOX_PORT);
 *   const credentials = kantataSandboxCredentials(baseUrl); // data for a p2cKantataTokenApi credential
 */
import { randomBytes } from 'crypto';

import { DEFAULT_VENDOR_LATENCY_MS, SandboxServer } from '../core/server';
import type { Fault, SandboxRequest, SandboxResponse } from '../core/server';
import { KantataAccount, KantataError } from './account';
import type { KantataErrorEntry, KantataRecord } from './account';
import { collectionDef } from './schema';
import type { CollectionDef } from './schema';
import { seedAccount } from './seed';

export { KantataAccount, KantataError, EVENT_RETENTION_MS } from './account';
export type { KantataRecord } from './account';
export { COLLECTIONS, collectionDef } from './schema';
export { minutesOf } from './seed';

export const KANTATA_SANDBOX_PORT = 4030;
export const KANTATA_SANDBOX_PERSONAL_TOKEN = 'kantata-sandbox-personal-token-0001';
export const KANTATA_SANDBOX_CLIENT_ID = 'p2c-kantata-sandbox-client';
export const KANTATA_SANDBOX_CLIENT_SECRET = 'p2c-kantata-sandbox-secret';
export const MAX_PER_PAGE = 200;
const DEFAULT_PER_PAGE = 20;

/** Kantata's 401 for a missing, unknown or revoked token. */
export const OAUTH_ERROR = { errors: [{ type: 'oauth', message: 'Invalid OAuth 2 Request' }] };

/** A 429 as Kantata sends it: no Retry-After, no quota headers. For `sandbox.addFault(...)`. */
export function throttleFault(times = 1, path?: string): Fault {
	return { kind: 'status', status: 429, times, path, body: { errors: [{ type: 'system', message: 'Rate limit exceeded. Please retry after a small delay.' }] } };
}

export class KantataSandbox extends SandboxServer {
	/** Issued access tokens (the personal token included); removing one revokes it. */
	readonly tokens = new Set<string>([KANTATA_SANDBOX_PERSONAL_TOKEN]);
	private readonly codes = new Map<string, { redirectUri: string; expiresAt: number }>();

	constructor(
		readonly account: KantataAccount,
		reset: () => void,
		latencyMs = DEFAULT_VENDOR_LATENCY_MS,
	) {
		super({ name: 'kantata', reset, snapshot: () => account.snapshot(), latencyMs });
	}

	issueCode(redirectUri: string): string {
		const code = randomBytes(12).toString('hex');
		this.codes.set(code, { redirectUri, expiresAt: Date.now() + 5 * 60_000 });
		return code;
	}

	redeemCode(code: string, redirectUri: string): string | undefined {
		const entry = this.codes.get(code);
		this.codes.delete(code);
		if (!entry || entry.expiresAt < Date.now() || entry.redirectUri !== redirectUri) return undefined;
		const token = randomBytes(24).toString('hex');
		this.tokens.add(token);
		return token;
	}
}

function errorResponse(status: number, errors: KantataErrorEntry[]): SandboxResponse {
	return { status, body: { errors } };
}

function systemError(status: number, message: string): SandboxResponse {
	return errorResponse(status, [{ type: 'system', message }]);
}

/** The public view of a record: its attributes only, ids as strings. */
function present(def: CollectionDef, record: KantataRecord): KantataRecord {
	const out: KantataRecord = {};
	for (const attribute of def.attributes) if (attribute in record) out[attribute] = record[attribute];
	return out;
}

/** `{count, results, <key>: {id: record}, <included>: {...}, meta}` for the records in order. */
export function envelope(account: KantataAccount, def: CollectionDef, page: KantataRecord[], total: number, includes: string[], meta: { page: number; perPage: number }): KantataRecord {
	const body: KantataRecord = { count: total, results: page.map((r) => ({ key: def.name, id: String(r.id) })) };
	const hashes: Record<string, KantataRecord> = { [def.name]: {} };
	for (const record of page) hashes[def.name][String(record.id)] = present(def, record);
	for (const include of includes) {
		const [foreignKey, collection] = def.includes[include];
		const target = collectionDef(collection)!;
		hashes[collection] = hashes[collection] ?? {};
		for (const record of page) {
			const value = record[foreignKey];
			for (const id of Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]) {
				const included = account.find(collection, String(id));
				if (included) hashes[collection][String(id)] = present(target, included);
			}
		}
	}
	Object.assign(body, hashes);
	body.meta = { count: total, page_count: Math.max(1, Math.ceil(total / meta.perPage)), page_number: meta.page, page_size: meta.perPage };
	return body;
}

function positiveInteger(value: string | null, name: string): number | undefined {
	if (value === null || value === '') return undefined;
	if (!/^\d+$/.test(value)) throw new KantataError(400, [{ type: 'system', message: `${name} must be a positive integer` }]);
	return Number(value);
}

function boolParam(value: string | null): boolean | undefined {
	if (value === null) return undefined;
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	throw new KantataError(400, [{ type: 'system', message: `expected true or false, got ${value}` }]);
}

function matchesList(value: unknown, wanted: string[]): boolean {
	if (Array.isArray(value)) return value.some((v) => wanted.includes(String(v)));
	return wanted.includes(String(value));
}

function timestampParam(value: string, name: string): number {
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) throw new KantataError(400, [{ type: 'system', message: `${name} must be an ISO 8601 date or time, got ${value}` }]);
	return ms;
}

/** The records of a list request, filtered and ordered (before paging). */
function listRecords(account: KantataAccount, def: CollectionDef, query: URLSearchParams): KantataRecord[] {
	let records = def.name === 'subscribed_events' ? account.events() : account.records(def.name);
	const only = query.get('only');
	if (only) {
		const ids = only.split(',').map((s) => s.trim());
		records = records.filter((r) => ids.includes(String(r.id)));
	}
	for (const [parameter, attribute] of Object.entries(def.filters)) {
		const value = query.get(parameter) ?? query.get(`${parameter}s`);
		if (value !== null) records = records.filter((r) => matchesList(r[attribute], value.split(',')));
	}
	if (def.name === 'workspaces' && boolParam(query.get('include_archived')) !== true) records = records.filter((r) => r.archived !== true);
	const updatedAfter = query.get('updated_after');
	if (updatedAfter) {
		const after = timestampParam(updatedAfter, 'updated_after');
		records = records.filter((r) => Date.parse(String(r.updated_at)) > after);
	}
	const createdAfter = query.get('created_after');
	if (createdAfter) {
		const after = timestampParam(createdAfter, 'created_after');
		records = records.filter((r) => Date.parse(String(r.created_at)) > after);
	}
	const createdBefore = query.get('created_before');
	if (createdBefore) {
		const before = timestampParam(createdBefore, 'created_before');
		records = records.filter((r) => Date.parse(String(r.created_at)) < before);
	}
	if (def.name === 'time_entries') {
		const approved = boolParam(query.get('approved'));
		if (approved !== undefined) records = records.filter((r) => r.approved === approved);
		const billable = boolParam(query.get('billable'));
		if (billable !== undefined) records = records.filter((r) => r.billable === billable);
		if (boolParam(query.get('uninvoiced')) === true) records = records.filter((r) => !r.is_invoiced);
		const between = query.get('date_performed_between');
		if (between) {
			const match = /^(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})$/.exec(between);
			if (!match) throw new KantataError(400, [{ type: 'system', message: 'date_performed_between must be YYYY-MM-DD:YYYY-MM-DD' }]);
			records = records.filter((r) => String(r.date_performed) >= match[1] && String(r.date_performed) <= match[2]);
		}
	}
	if (def.name === 'expenses') {
		if (boolParam(query.get('uninvoiced')) === true) records = records.filter((r) => !r.is_invoiced);
		const approved = boolParam(query.get('approved'));
		if (approved !== undefined) {
			records = records.filter((r) => (account.find('expense_report_submissions', String(r.active_submission_id))?.status === 'approved') === approved);
		}
	}
	if (def.name === 'subscribed_events') {
		const types = query.get('event_types');
		if (types) records = records.filter((r) => types.split(',').includes(String(r.event_type)));
	}
	if (def.name === 'external_references') {
		const refs = query.get('service_model_refs') ?? query.get('service_model_ref');
		if (refs) {
			const list = refs.split(',');
			if (list.length > 200) throw new KantataError(400, [{ type: 'system', message: 'service_model_refs takes at most 200 values' }]);
			records = records.filter((r) => list.includes(String(r.service_model_ref)));
		}
	}
	const search = query.get('search');
	if (search !== null) {
		if (!def.searchField) throw new KantataError(400, [{ type: 'system', message: `search is not supported on ${def.name}` }]);
		const needle = search.toLowerCase();
		records = records.filter((r) => String(r[def.searchField!] ?? '').toLowerCase().includes(needle));
	}
	const order = query.get('order');
	const [field, direction] = order ? order.split(':') : ['id', 'asc'];
	if (!def.attributes.includes(field) || !['asc', 'desc', undefined].includes(direction)) {
		throw new KantataError(400, [{ type: 'system', message: `order ${order ?? ''} is not a valid ordering for ${def.name}` }]);
	}
	const numeric = field === 'id' || records.every((r) => typeof r[field] === 'number');
	records = [...records].sort((a, b) => {
		const x = a[field];
		const y = b[field];
		const cmp = numeric ? Number(x) - Number(y) : String(x ?? '').localeCompare(String(y ?? ''));
		return direction === 'desc' ? -cmp : cmp;
	});
	return records;
}

function includesOf(def: CollectionDef, query: URLSearchParams): string[] {
	const include = query.get('include');
	if (!include) return [];
	const names = include.split(',').map((s) => s.trim()).filter(Boolean);
	for (const name of names) {
		if (!def.includes[name]) throw new KantataError(400, [{ type: 'system', message: `${name} is not a valid include for ${def.name}` }]);
	}
	return names;
}

/** `external_reference` of a time entry, story, … travels as `external_reference`; refused elsewhere. */
function bodyOf(def: CollectionDef, request: SandboxRequest): { single?: unknown; many?: unknown[] } {
	const body = request.body as KantataRecord | undefined;
	if (!body || typeof body !== 'object') throw new KantataError(400, [{ type: 'system', message: `Expected a JSON body with ${def.singular} or ${def.name}` }]);
	if (Array.isArray(body[def.name])) return { many: body[def.name] as unknown[] };
	if (def.singular in body) return { single: body[def.singular] };
	throw new KantataError(400, [{ type: 'system', message: `Expected a JSON body with ${def.singular} or ${def.name}` }]);
}

export function createKantataSandbox(options: { latencyMs?: number; empty?: boolean } = {}): KantataSandbox {
	const account = new KantataAccount();
	const reset = () => {
		account.clear();
		if (!options.empty) seedAccount(account);
	};
	const sandbox = new KantataSandbox(account, () => {
		reset();
		sandbox.tokens.clear();
		sandbox.tokens.add(KANTATA_SANDBOX_PERSONAL_TOKEN);
	}, options.latencyMs);
	reset();

	const authorized = (request: SandboxRequest): boolean => {
		const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
		return Boolean(match && sandbox.tokens.has(match[1]));
	};
	const api = (handler: (request: SandboxRequest, def: CollectionDef) => SandboxResponse) => (request: SandboxRequest): SandboxResponse => {
		if (!authorized(request)) return { status: 401, body: OAUTH_ERROR };
		const def = collectionDef(request.params.collection);
		if (!def) return systemError(404, `The sandbox does not support the collection ${request.params.collection} (${request.method} ${request.path})`);
		if (request.query.has('optional_fields')) return systemError(400, 'The sandbox does not support optional_fields');
		try {
			return handler(request, def);
		} catch (error) {
			if (error instanceof KantataError) return errorResponse(error.status, error.errors);
			throw error;
		}
	};
	const pageOf = (def: CollectionDef, records: KantataRecord[], query: URLSearchParams, includes: string[]): SandboxResponse => {
		const limit = positiveInteger(query.get('limit'), 'limit');
		const offset = positiveInteger(query.get('offset'), 'offset');
		if (limit !== undefined || offset !== undefined) {
			const size = Math.min(limit ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
			const slice = records.slice(offset ?? 0, (offset ?? 0) + size);
			return { status: 200, body: envelope(account, def, slice, records.length, includes, { page: Math.floor((offset ?? 0) / size) + 1, perPage: size }) };
		}
		const perPage = Math.min(positiveInteger(query.get('per_page'), 'per_page') ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
		const page = Math.max(1, positiveInteger(query.get('page'), 'page') ?? 1);
		const slice = records.slice((page - 1) * perPage, page * perPage);
		return { status: 200, body: envelope(account, def, slice, records.length, includes, { page, perPage }) };
	};
	const one = (def: CollectionDef, records: KantataRecord[]): SandboxResponse => ({ status: 200, body: envelope(account, def, records, records.length, [], { page: 1, perPage: Math.max(records.length, 1) }) });

	// OAuth 2.0 authorization code: the app's page redirects back with a code, redeemed for a bearer token.
	sandbox.route('GET', '/oauth/authorize', (request) => {
		const redirectUri = request.query.get('redirect_uri') ?? '';
		if (request.query.get('client_id') !== KANTATA_SANDBOX_CLIENT_ID || request.query.get('response_type') !== 'code' || !redirectUri) {
			return { status: 400, body: { error: 'invalid_request', error_description: 'client_id, response_type=code and redirect_uri are required' } };
		}
		const location = new URL(redirectUri);
		location.searchParams.set('code', sandbox.issueCode(redirectUri));
		const state = request.query.get('state');
		if (state) location.searchParams.set('state', state);
		return { status: 302, headers: { Location: location.toString() } };
	});
	sandbox.route('POST', '/oauth/token', (request) => {
		const form = request.body && typeof request.body === 'object' ? (request.body as Record<string, string>) : Object.fromEntries(new URLSearchParams(request.rawBody));
		const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
		const [basicId, basicSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [];
		const clientId = form.client_id ?? basicId;
		const clientSecret = form.client_secret ?? basicSecret;
		if (clientId !== KANTATA_SANDBOX_CLIENT_ID || clientSecret !== KANTATA_SANDBOX_CLIENT_SECRET) {
			return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
		}
		if (form.grant_type !== 'authorization_code') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Kantata issues tokens for the authorization code grant only' } };
		const token = sandbox.redeemCode(String(form.code ?? ''), String(form.redirect_uri ?? ''));
		if (!token) return { status: 400, body: { error: 'invalid_grant', error_description: 'The code is invalid, expired, used, or was issued for another redirect URI' } };
		return { status: 200, body: { access_token: token, token_type: 'bearer' } };
	});

	sandbox.route('GET', '/api/v1/:collection.json', api((request, def) => {
		const includes = includesOf(def, request.query);
		return pageOf(def, listRecords(account, def, request.query), request.query, includes);
	}));
	sandbox.route('GET', '/api/v1/:collection/:id.json', api((request, def) => {
		const includes = includesOf(def, request.query);
		// `users/me.json`: the user the token belongs to (the integration user, the account's first user).
		const id = def.name === 'users' && request.params.id === 'me' ? String(account.records('users')[0]?.id) : request.params.id;
		const record = account.find(def.name, id);
		// Default filters still apply to a show: an archived workspace is not found without include_archived.
		if (!record || (def.name === 'workspaces' && record.archived === true && boolParam(request.query.get('include_archived')) !== true)) {
			return systemError(404, `${def.model} ${request.params.id} was not found`);
		}
		return { status: 200, body: envelope(account, def, [record], 1, includes, { page: 1, perPage: 1 }) };
	}));
	sandbox.route('POST', '/api/v1/:collection.json', api((request, def) => {
		const { single, many } = bodyOf(def, request);
		if (many) return one(def, account.bulkCreate(def.name, many));
		return one(def, [account.create(def.name, single)]);
	}));
	sandbox.route('PUT', '/api/v1/:collection/:id.json', api((request, def) => {
		const { single } = bodyOf(def, request);
		return one(def, [account.update(def.name, request.params.id, single)]);
	}));
	sandbox.route('DELETE', '/api/v1/:collection/:id.json', api((request, def) => {
		account.delete(def.name, request.params.id);
		return { status: 204 };
	}));
	sandbox.route('DELETE', '/api/v1/:collection.json', api((request, def) => {
		const ids = (request.query.get('ids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
		account.bulkDelete(def.name, ids);
		return { status: 204 };
	}));
	sandbox.route('PUT', '/api/v1/:collection/:id/:action', api((request, def) => {
		const action = request.params.action.replace(/\.json$/, '');
		const description = ((request.body as KantataRecord | undefined)?.resolution as KantataRecord | undefined)?.description;
		if ((def.name === 'timesheet_submissions' || def.name === 'expense_report_submissions') && ['approve', 'reject', 'cancel'].includes(action)) {
			return one(def, [account.resolveSubmission(def.name, request.params.id, action as 'approve' | 'reject' | 'cancel', description === undefined ? undefined : String(description))]);
		}
		if (def.name === 'invoices' && action === 'cancel') return one(def, [account.cancelInvoice(request.params.id)]);
		return systemError(404, `The sandbox does not support PUT ${request.path}`);
	}));

	sandbox.notFound = (request) => (authorized(request) ? systemError(404, `The sandbox does not support ${request.method} ${request.path}`) : { status: 401, body: OAUTH_ERROR });
	return sandbox;
}

/** Data for a `p2cKantataTokenApi` credential that points at the sandbox. */
export function kantataSandboxCredentials(baseUrl: string): { accessToken: string; baseUrl: string } {
	return { accessToken: KANTATA_SANDBOX_PERSONAL_TOKEN, baseUrl: `${baseUrl}/api/v1` };
}
