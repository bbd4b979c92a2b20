/**
 * The REST API under /services/data/vNN.N: sObject CRUD, describe, upsert by external id, SOQL query and
 * queryAll with nextRecordsUrl paging, getUpdated / getDeleted, sObject Collections (create, retrieve, update,
 * upsert, delete), Composite, Composite Batch, sObject Tree, limits, and the identity URL (/id/org/user).
 * Field, object and relationship names match case-insensitively, as in Salesforce; answers use each name's
 * canonical casing. Every call is authenticated (401
 * INVALID_SESSION_ID), charged against the daily allocation (403 REQUEST_LIMIT_EXCEEDED when spent) and
 * answered with Sforce-Limit-Info. Errors are Salesforce's JSON array `[{message, errorCode, fields}]`.
 */
import type { SandboxRequest, SandboxResponse, SandboxServer } from '../core/server';
import { bearerToken } from './auth';
import { canonicalId, isValidId } from './ids';
import { datetimeMsOf, formatDatetime, RecordError } from './org';
import type { SalesforceOrg, SfError } from './org';
import { childRelationship, describe, fieldDef, objectByPrefix, objectDef, OBJECTS } from './schema';
import type { ObjectDef } from './schema';
import { runSoql, SoqlError } from './soql';
import type { Rec } from './soql';

const MIN_VERSION = 20;
const MAX_VERSION = 66;
const COLLECTION_LIMIT = 200;
/** sObject Collections retrieve takes up to 2,000 ids. */
const RETRIEVE_LIMIT = 2000;
const COMPOSITE_LIMIT = 25;
const TREE_RECORD_LIMIT = 200;
const TREE_DEPTH_LIMIT = 5;
const DEFAULT_BATCH = 2000;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** getUpdated looks back 30 days, getDeleted 15 (the delete log). */
const UPDATED_WINDOW_DAYS = 30;
const DELETED_WINDOW_DAYS = 15;

/**
 * The org limits a client commonly reads, as a Developer Edition reports them; DailyApiRequests is live.
 * Fixed values, since the sandbox meters nothing else.
 */
const STATIC_LIMITS: Record<string, number> = {
	ConcurrentAsyncGetReportInstances: 200,
	ConcurrentSyncReportRuns: 20,
	DailyAsyncApexExecutions: 250000,
	DailyBulkApiBatches: 15000,
	DailyBulkV2QueryFileStorageMB: 976562,
	DailyBulkV2QueryJobs: 10000,
	DailyDurableGenericStreamingApiEvents: 10000,
	DailyDurableStreamingApiEvents: 10000,
	DailyGenericStreamingApiEvents: 10000,
	DailyStandardVolumePlatformEvents: 10000,
	DailyStreamingApiEvents: 10000,
	DailyWorkflowEmails: 390,
	DataStorageMB: 5,
	FileStorageMB: 20,
	HourlyAsyncReportRuns: 1200,
	HourlyDashboardRefreshes: 200,
	HourlyDashboardResults: 5000,
	HourlyDashboardStatuses: 999999999,
	HourlyODataCallout: 20000,
	HourlyPublishedPlatformEvents: 50000,
	HourlySyncReportRuns: 500,
	HourlyTimeBasedWorkflow: 50,
	MassEmail: 10,
	SingleEmail: 15,
	StreamingApiConcurrentClients: 20,
};

interface Call {
	method: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: Record<string, string>;
	body: unknown;
	/** JSON that did not parse: Salesforce answers JSON_PARSER_ERROR. */
	badJson: boolean;
	userId: string;
	version: string;
}

type Api = (call: Call) => SandboxResponse;

interface ApiRoute {
	method: string;
	path: string;
	pattern: RegExp;
	names: string[];
	api: Api;
}

function errors(status: number, list: Array<{ errorCode: string; message: string; fields?: string[] }>): SandboxResponse {
	return { status, body: list.map((e) => ({ message: e.message, errorCode: e.errorCode, ...(e.fields ? { fields: e.fields } : {}) })) };
}

const notFound = (): SandboxResponse => errors(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
const entityIsDeleted = (): SandboxResponse => errors(404, [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }]);

/** A record's `Id` under whatever casing the client used (jsforce sends `id`), and the record without it. */
function splitId(record: Rec): { id: unknown; fields: Rec } {
	const fields: Rec = {};
	let id: unknown;
	for (const [key, value] of Object.entries(record)) {
		if (key.toLowerCase() === 'id') id = value;
		else fields[key] = value;
	}
	return { id, fields };
}

function fromRecordError(error: RecordError): SandboxResponse {
	return errors(
		error.httpStatus,
		// Top-level errors name fields when there are some; Salesforce leaves the key out otherwise.
		error.errors.map((e) => ({ errorCode: e.statusCode, message: e.message, ...(e.fields.length ? { fields: e.fields } : {}) })),
	);
}

function compile(path: string): { pattern: RegExp; names: string[] } {
	const names: string[] = [];
	const source = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, name: string) => {
		names.push(name);
		return '([^/]+)';
	});
	return { pattern: new RegExp(`^${source}/?$`), names };
}

export class SalesforceRestApi {
	private readonly routes: ApiRoute[] = [];

	/**
	 * @param instanceUrl the org's base URL (for identity URLs, which are absolute).
	 */
	constructor(
		private readonly org: SalesforceOrg,
		private readonly instanceUrl: () => string = () => '',
	) {
		this.define('GET', '/services/data/:version', (c) => ({
			status: 200,
			body: {
				...Object.fromEntries(['sobjects', 'query', 'queryAll', 'composite', 'limits'].map((r) => [r, `/services/data/${this.version}/${r}`])),
				identity: this.identityUrl(c.userId),
			},
		}));
		this.define('GET', '/services/data/:version/limits', () => ({
			status: 200,
			body: {
				...Object.fromEntries(Object.entries(STATIC_LIMITS).map(([name, max]) => [name, { Max: max, Remaining: max }])),
				DailyApiRequests: { Max: this.org.apiDailyLimit, Remaining: this.org.apiDailyLimit - this.org.apiUsage },
			},
		}));
		this.define('GET', '/services/data/:version/sobjects', (c) => ({
			status: 200,
			body: {
				encoding: 'UTF-8',
				maxBatchSize: COLLECTION_LIMIT,
				sobjects: OBJECTS.map((o) => ({
					name: o.name,
					label: o.label,
					labelPlural: o.labelPlural,
					keyPrefix: o.keyPrefix,
					custom: false,
					createable: true,
					updateable: true,
					queryable: true,
					urls: { sobject: `/services/data/${c.version}/sobjects/${o.name}`, describe: `/services/data/${c.version}/sobjects/${o.name}/describe` },
				})),
			},
		}));
		this.define('GET', '/services/data/:version/sobjects/:object/describe', (c) => this.withObject(c, (o) => ({ status: 200, body: describe(o, c.version) })));
		this.define('POST', '/services/data/:version/sobjects/:object', (c) => this.withObject(c, (o) => this.create(o, c)));
		// Before `:id`, which would otherwise take "updated" / "deleted" for a record id.
		this.define('GET', '/services/data/:version/sobjects/:object/updated', (c) => this.withObject(c, (o) => this.updated(o, c)));
		this.define('GET', '/services/data/:version/sobjects/:object/deleted', (c) => this.withObject(c, (o) => this.deleted(o, c)));
		this.define('GET', '/services/data/:version/sobjects/:object/:id', (c) => this.withObject(c, (o) => this.read(o, c)));
		this.define('PATCH', '/services/data/:version/sobjects/:object/:id', (c) => this.withObject(c, (o) => this.patch(o, c)));
		this.define('DELETE', '/services/data/:version/sobjects/:object/:id', (c) => this.withObject(c, (o) => this.remove(o, c)));
		this.define('GET', '/services/data/:version/sobjects/:object/:field/:value', (c) => this.withObject(c, (o) => this.readByExternalId(o, c)));
		this.define('PATCH', '/services/data/:version/sobjects/:object/:field/:value', (c) => this.withObject(c, (o) => this.upsert(o, c)));
		this.define('GET', '/services/data/:version/query', (c) => this.query(c, false));
		this.define('GET', '/services/data/:version/query/:locator', (c) => this.queryMore(c));
		this.define('GET', '/services/data/:version/queryAll', (c) => this.query(c, true));
		this.define('GET', '/services/data/:version/queryAll/:locator', (c) => this.queryMore(c));
		this.define('POST', '/services/data/:version/composite', (c) => this.composite(c));
		this.define('POST', '/services/data/:version/composite/batch', (c) => this.batch(c));
		this.define('POST', '/services/data/:version/composite/tree/:object', (c) => this.withObject(c, (o) => this.tree(o, c)));
		this.define('POST', '/services/data/:version/composite/sobjects', (c) => this.collectionCreate(c));
		this.define('PATCH', '/services/data/:version/composite/sobjects', (c) => this.collectionUpdate(c));
		this.define('DELETE', '/services/data/:version/composite/sobjects', (c) => this.collectionDelete(c));
		this.define('GET', '/services/data/:version/composite/sobjects/:object', (c) => this.withObject(c, (o) => this.collectionRetrieve(o, c)));
		this.define('POST', '/services/data/:version/composite/sobjects/:object', (c) => this.withObject(c, (o) => this.collectionRetrieve(o, c)));
		this.define('PATCH', '/services/data/:version/composite/sobjects/:object/:field', (c) => this.withObject(c, (o) => this.collectionUpsert(o, c)));
	}

	/** Set while a call runs: the API version of its URL. */
	private version = 'v62.0';

	private identityUrl(userId: string): string {
		return `${this.instanceUrl()}/id/${this.org.orgId}/${userId}`;
	}

	/**
	 * GET /id/<org id>/<user id>: the identity URL of the token response's `id`. The token comes as a Bearer
	 * header or an `oauth_token` parameter; a bad token is a plain-text 403 as in Salesforce.
	 */
	identity(request: SandboxRequest): SandboxResponse {
		const token = bearerToken(request) ?? request.query.get('oauth_token') ?? undefined;
		const userId = token ? this.org.sessionUser(token) : undefined;
		if (!userId) return { status: 403, headers: { 'Content-Type': 'text/plain' }, body: 'Bad_OAuth_Token' };
		const { orgId, userId: pathUser } = request.params;
		if (canonicalId(orgId) !== this.org.orgId || canonicalId(pathUser) !== userId) {
			return { status: 403, headers: { 'Content-Type': 'text/plain' }, body: 'Bad_Id' };
		}
		if (!this.org.chargeApiCall()) {
			return errors(403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
		}
		const user = this.org.byId(userId)!;
		const base = this.instanceUrl();
		const name = String(user.Name ?? '');
		const [first, ...rest] = name.split(' ');
		const data = (path: string) => `${base}/services/data/v{version}/${path}`;
		return {
			status: 200,
			body: {
				id: this.identityUrl(userId),
				asserted_user: true,
				user_id: userId,
				organization_id: this.org.orgId,
				username: user.Username,
				nick_name: String(user.Username).split('@')[0],
				display_name: name,
				email: user.Email,
				email_verified: true,
				first_name: rest.length ? first : null,
				last_name: rest.length ? rest.join(' ') : name,
				timezone: 'GMT',
				photos: { picture: `${base}/profilephoto/005/F`, thumbnail: `${base}/profilephoto/005/T` },
				addr_street: null,
				addr_city: null,
				addr_state: null,
				addr_country: null,
				addr_zip: null,
				mobile_phone: null,
				mobile_phone_verified: false,
				is_lightning_login_user: false,
				status: { created_date: null, body: null },
				urls: {
					enterprise: `${base}/services/Soap/c/{version}/${this.org.orgId}`,
					metadata: `${base}/services/Soap/m/{version}/${this.org.orgId}`,
					partner: `${base}/services/Soap/u/{version}/${this.org.orgId}`,
					rest: data(''),
					sobjects: data('sobjects/'),
					search: data('search/'),
					query: data('query/'),
					recent: data('recent/'),
					tooling_soap: `${base}/services/Soap/T/{version}/${this.org.orgId}`,
					tooling_rest: data('tooling/'),
					profile: `${base}/${userId}`,
					feeds: data('chatter/feeds'),
					groups: data('chatter/groups'),
					users: data('chatter/users'),
					feed_items: data('chatter/feed-items'),
					feed_elements: data('chatter/feed-elements'),
					custom_domain: base,
				},
				active: user.IsActive !== false,
				user_type: 'STANDARD',
				language: 'en_US',
				locale: 'en_US',
				utcOffset: 0,
				last_modified_date: user.LastModifiedDate ?? null,
				is_app_installed: true,
			},
		};
	}

	private define(method: string, path: string, api: Api): void {
		this.routes.push({ method, path, api, ...compile(path) });
	}

	/** Registers every route on the server, with Salesforce's 405 for the methods a resource does not allow. */
	mount(server: SandboxServer): void {
		const paths = [...new Set(this.routes.map((r) => r.path))];
		for (const path of paths) {
			const allowed = this.routes.filter((r) => r.path === path).map((r) => r.method);
			for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
				server.route(method, path, (request) =>
					allowed.includes(method)
						? this.handle(request)
						: errors(405, [{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}` }]),
				);
			}
		}
		server.route('GET', '/id/:orgId/:userId', (request) => this.identity(request));
		server.notFound = () => notFound();
	}

	/** An authenticated, charged HTTP call. */
	handle(request: SandboxRequest): SandboxResponse {
		const token = bearerToken(request);
		const userId = token ? this.org.sessionUser(token) : undefined;
		if (!userId) {
			return {
				...errors(401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]),
				headers: { 'WWW-Authenticate': 'Token' },
			};
		}
		if (!this.org.chargeApiCall()) {
			return {
				...errors(403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]),
				headers: { 'Sforce-Limit-Info': this.org.limitInfo() },
			};
		}
		let body = request.body;
		let badJson = false;
		if (body === undefined && request.rawBody.trim()) {
			try {
				body = JSON.parse(request.rawBody);
			} catch {
				badJson = true;
			}
		}
		const response = this.invoke(request.method, request.path, request.query, request.headers, body, badJson, userId);
		return { ...response, headers: { ...response.headers, 'Sforce-Limit-Info': this.org.limitInfo() } };
	}

	/** Runs a call without authentication or charging (Composite subrequests are covered by their parent). */
	invoke(method: string, path: string, query: URLSearchParams, headers: Record<string, string>, body: unknown, badJson: boolean, userId: string): SandboxResponse {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const match = route.pattern.exec(path);
			if (!match) continue;
			const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
			const versionMatch = /^v(\d+)\.0$/.exec(params.version ?? '');
			if (!versionMatch || Number(versionMatch[1]) < MIN_VERSION || Number(versionMatch[1]) > MAX_VERSION) return notFound();
			if (badJson) return errors(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'Unexpected character in the request body: not valid JSON' }]);
			this.version = params.version;
			try {
				return route.api({ method, params, query, headers, body, badJson, userId, version: params.version });
			} catch (error) {
				if (error instanceof RecordError) return fromRecordError(error);
				if (error instanceof SoqlError) return errors(400, [{ errorCode: error.errorCode, message: error.message }]);
				throw error;
			}
		}
		return notFound();
	}

	private withObject(call: Call, work: (object: ObjectDef) => SandboxResponse): SandboxResponse {
		const object = objectDef(call.params.object);
		if (!object) return notFound();
		return work(object);
	}

	private requireRecordBody(call: Call): Rec {
		if (!call.body || typeof call.body !== 'object' || Array.isArray(call.body)) {
			throw new RecordError([{ statusCode: 'JSON_PARSER_ERROR', message: 'Cannot deserialize instance of sObject from the request body', fields: [] }]);
		}
		return call.body as Rec;
	}

	private url(object: ObjectDef, id: string, version = this.version): string {
		return `/services/data/${version}/sobjects/${object.name}/${id}`;
	}

	private shaped(object: ObjectDef, record: Rec, fields?: string[]): Rec {
		const out: Rec = { attributes: { type: object.name, url: this.url(object, String(record.Id)) } };
		const names = fields ?? object.fields.map((f) => f.name);
		for (const name of names) out[fieldDef(object, name)!.name] = record[fieldDef(object, name)!.name] ?? null;
		return out;
	}

	private create(object: ObjectDef, call: Call): SandboxResponse {
		const body = this.requireRecordBody(call);
		const id = this.org.insert(object.name, body, call.userId);
		return { status: 201, headers: { Location: this.url(object, id) }, body: { id, success: true, errors: [] } };
	}

	private fieldList(object: ObjectDef, call: Call): string[] | undefined {
		const raw = call.query.get('fields');
		if (!raw) return undefined;
		const names = raw.split(',').map((f) => f.trim()).filter(Boolean);
		const unknown = names.find((n) => !fieldDef(object, n));
		if (unknown) {
			throw new RecordError([
				{
					statusCode: 'INVALID_FIELD',
					message: `No such column '${unknown}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
					fields: [],
				},
			]);
		}
		return names;
	}

	private read(object: ObjectDef, call: Call): SandboxResponse {
		const id = call.params.id;
		if (!isValidId(id)) {
			return errors(404, [{ errorCode: 'NOT_FOUND', message: `Provided external ID field does not exist or is not accessible: ${id}` }]);
		}
		const record = this.org.byId(id);
		if (!record || !String(record.Id).startsWith(object.keyPrefix)) return this.org.isDeleted(id) ? entityIsDeleted() : notFound();
		return { status: 200, body: this.shaped(object, record, this.fieldList(object, call)) };
	}

	private patch(object: ObjectDef, call: Call): SandboxResponse {
		const id = call.params.id;
		if (!isValidId(id)) {
			return errors(404, [{ errorCode: 'NOT_FOUND', message: `Provided external ID field does not exist or is not accessible: ${id}` }]);
		}
		this.org.update(object.name, id, this.requireRecordBody(call), call.userId);
		return { status: 204 };
	}

	private remove(object: ObjectDef, call: Call): SandboxResponse {
		const id = call.params.id;
		if (!isValidId(id) || !this.org.delete(object.name, id, call.userId)) return isValidId(id) && this.org.isDeleted(id) ? entityIsDeleted() : notFound();
		return { status: 204 };
	}

	private externalField(object: ObjectDef, name: string) {
		const field = fieldDef(object, name);
		if (!field || !(field.externalId || field.name === 'Id')) {
			throw new RecordError([{ statusCode: 'NOT_FOUND', message: `Provided external ID field does not exist or is not accessible: ${name}`, fields: [] }], 404);
		}
		return field;
	}

	private readByExternalId(object: ObjectDef, call: Call): SandboxResponse {
		const field = this.externalField(object, call.params.field);
		const matches = this.org.findByField(object, field, call.params.value);
		if (matches.length === 0) return notFound();
		if (matches.length > 1) return { status: 300, body: matches.map((m) => this.url(object, String(m.Id))) };
		return { status: 200, body: this.shaped(object, matches[0], this.fieldList(object, call)) };
	}

	private upsert(object: ObjectDef, call: Call): SandboxResponse {
		const field = this.externalField(object, call.params.field);
		const body = this.requireRecordBody(call);
		const outcome = this.org.transaction(() =>
			this.org.upsert(object.name, field.name, call.params.value, body, call.userId, { updateOnly: call.query.get('updateOnly') === 'true' }),
		);
		if ('multiple' in outcome) return { status: 300, body: outcome.multiple.map((id) => this.url(object, id)) };
		const versionNumber = Number(/^v(\d+)/.exec(call.version)?.[1] ?? 0);
		if (outcome.created) {
			return { status: 201, headers: { Location: this.url(object, outcome.id) }, body: { id: outcome.id, success: true, errors: [], created: true } };
		}
		// Older API versions answered an update with 204 and no body.
		if (versionNumber < 46) return { status: 204 };
		return { status: 200, headers: { Location: this.url(object, outcome.id) }, body: { id: outcome.id, success: true, errors: [], created: false } };
	}

	// ------------------------------------------------------------ query

	private batchSize(call: Call): number {
		const header = call.headers['sforce-query-options'] ?? '';
		const match = /batchSize\s*=\s*(\d+)/i.exec(header);
		if (!match) return DEFAULT_BATCH;
		return Math.min(DEFAULT_BATCH, Math.max(200, Number(match[1])));
	}

	private page(records: Rec[], offset: number, size: number, cursorId: string | undefined, version: string, totalSize: number): SandboxResponse {
		const slice = records.slice(offset, offset + size);
		const done = offset + size >= records.length;
		const body: Rec = { totalSize, done, records: slice };
		if (!done) body.nextRecordsUrl = `/services/data/${version}/query/${cursorId}-${offset + size}`;
		return { status: 200, body };
	}

	/** query, or queryAll (`includeDeleted`): the same paging; queryAll also matches deleted records. */
	private query(call: Call, includeDeleted: boolean): SandboxResponse {
		const soql = call.query.get('q');
		if (!soql) return errors(400, [{ errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' }]);
		const result = runSoql(soql, this.org, call.version, { includeDeleted });
		if (result.countOnly) return { status: 200, body: { totalSize: result.totalSize, done: true, records: [] } };
		const size = this.batchSize(call);
		const cursorId = result.records.length > size ? this.org.saveCursor(result.records, call.version, size) : undefined;
		return this.page(result.records, 0, size, cursorId, call.version, result.totalSize);
	}

	private queryMore(call: Call): SandboxResponse {
		const match = /^(01g[A-Za-z0-9]{15})-(\d+)$/.exec(call.params.locator);
		const cursor = match ? this.org.cursor(match[1]) : undefined;
		if (!match || !cursor) return errors(400, [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]);
		const offset = Number(match[2]);
		if (offset >= cursor.records.length) return errors(400, [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]);
		return this.page(cursor.records, offset, cursor.batchSize, match[1], cursor.version, cursor.records.length);
	}

	// ------------------------------------------------------------ getUpdated / getDeleted

	/**
	 * The start/end window of a replication call: ISO date-times, seconds ignored (truncated to the minute),
	 * start before end, start within `windowDays` of now; end is capped at now.
	 */
	private replicationWindow(call: Call, windowDays: number): { fromMs: number; toMs: number } {
		const parse = (name: 'start' | 'end'): number => {
			const raw = call.query.get(name);
			const ms = raw ? datetimeMsOf(raw.trim()) : Number.NaN;
			if (Number.isNaN(ms)) {
				throw new RecordError([{ statusCode: 'INVALID_REPLICATION_DATE', message: `${name} must be a date-time such as 2026-01-05T09:00:00+00:00`, fields: [] }]);
			}
			return Math.floor(ms / MINUTE) * MINUTE;
		};
		const fromMs = parse('start');
		const nowMs = Math.floor(this.org.now() / MINUTE) * MINUTE;
		const toMs = Math.min(parse('end'), nowMs);
		if (fromMs >= toMs) throw new RecordError([{ statusCode: 'INVALID_REPLICATION_DATE', message: 'startDate must chronologically precede endDate', fields: [] }]);
		if (fromMs < nowMs - windowDays * DAY) {
			throw new RecordError([{ statusCode: 'INVALID_REPLICATION_DATE', message: `startDate cannot be more than ${windowDays} days ago`, fields: [] }]);
		}
		return { fromMs, toMs };
	}

	/** GET sobjects/<object>/updated: ids whose SystemModstamp falls in the window. */
	private updated(object: ObjectDef, call: Call): SandboxResponse {
		const { fromMs, toMs } = this.replicationWindow(call, UPDATED_WINDOW_DAYS);
		const ids = this.org
			.records(object)
			.filter((r) => {
				const ms = datetimeMsOf(String(r.SystemModstamp ?? r.LastModifiedDate ?? ''));
				return ms >= fromMs && ms < toMs;
			})
			.map((r) => String(r.Id));
		return { status: 200, body: { ids, latestDateCovered: formatDatetime(toMs) } };
	}

	/** GET sobjects/<object>/deleted: the delete log for the window. */
	private deleted(object: ObjectDef, call: Call): SandboxResponse {
		const { fromMs, toMs } = this.replicationWindow(call, DELETED_WINDOW_DAYS);
		const nowMs = Math.floor(this.org.now() / MINUTE) * MINUTE;
		const deletedRecords = this.org.deletedBetween(object, fromMs, toMs).map((d) => ({ id: d.id, deletedDate: formatDatetime(d.deletedMs) }));
		return {
			status: 200,
			body: { deletedRecords, earliestDateAvailable: formatDatetime(nowMs - DELETED_WINDOW_DAYS * DAY), latestDateCovered: formatDatetime(toMs) },
		};
	}

	// ------------------------------------------------------------ sObject Collections

	private collectionBody(call: Call): { allOrNone: boolean; records: Rec[] } {
		const body = call.body as { allOrNone?: unknown; records?: unknown } | undefined;
		if (!body || typeof body !== 'object' || !Array.isArray(body.records)) {
			throw new RecordError([{ statusCode: 'JSON_PARSER_ERROR', message: 'Missing required field: records', fields: [] }]);
		}
		if (body.records.length > COLLECTION_LIMIT) {
			throw new RecordError([{ statusCode: 'EXCEEDED_ID_LIMIT', message: 'record limit reached. cannot submit more than 200 records into this call', fields: [] }]);
		}
		return { allOrNone: body.allOrNone === true, records: body.records as Rec[] };
	}

	private recordType(record: Rec, expected?: ObjectDef): ObjectDef {
		const type = (record.attributes as Rec | undefined)?.type;
		const object = typeof type === 'string' ? objectDef(type) : undefined;
		if (!object || (expected && object.name !== expected.name)) {
			throw new RecordError([
				{
					statusCode: 'INVALID_TYPE',
					message: object ? `Record type ${object.name} does not match the ${expected?.name} collection` : 'Must send a concrete entity type.',
					fields: [],
				},
			]);
		}
		return object;
	}

	/**
	 * Runs one write per record and reports `{id, success, errors[], created?}` per record, in order. With
	 * allOrNone, one failure rolls everything back and the others report ALL_OR_NONE_OPERATION_ROLLED_BACK.
	 */
	private perRecord(allOrNone: boolean, records: Rec[], write: (record: Rec, index: number) => Rec): SandboxResponse {
		const attempt = (): Rec[] => {
			const results: Rec[] = [];
			records.forEach((record, index) => {
				try {
					results.push({ success: true, errors: [], ...write(record, index) });
				} catch (error) {
					if (!(error instanceof RecordError)) throw error;
					results.push({ success: false, errors: error.errors.map((e: SfError) => ({ statusCode: e.statusCode, message: e.message, fields: e.fields })) });
				}
			});
			if (allOrNone && results.some((r) => r.success === false)) throw new RolledBack(results);
			return results;
		};
		try {
			return { status: 200, body: this.org.transaction(attempt) };
		} catch (error) {
			if (!(error instanceof RolledBack)) throw error;
			return {
				status: 200,
				body: error.results.map((r) =>
					r.success === false
						? { id: null, ...r }
						: {
								id: null,
								success: false,
								errors: [
									{
										statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
										message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
										fields: [],
									},
								],
							},
				),
			};
		}
	}

	private collectionCreate(call: Call): SandboxResponse {
		const { allOrNone, records } = this.collectionBody(call);
		records.forEach((r) => this.recordType(r));
		return this.perRecord(allOrNone, records, (record) => {
			if (splitId(record).id) throw new RecordError([{ statusCode: 'INVALID_FIELD', message: 'cannot specify Id in an insert call', fields: ['Id'] }]);
			return { id: this.org.insert(this.recordType(record).name, record, call.userId) };
		});
	}

	private collectionUpdate(call: Call): SandboxResponse {
		const { allOrNone, records } = this.collectionBody(call);
		records.forEach((r) => this.recordType(r));
		return this.perRecord(allOrNone, records, (record) => {
			// Salesforce matches field names case-insensitively: jsforce's update([...]) sends `id`.
			const { id: given, fields } = splitId(record);
			const id = typeof given === 'string' && isValidId(given) ? canonicalId(given)! : undefined;
			if (!id) throw new RecordError([{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }]);
			this.org.update(this.recordType(record).name, id, fields, call.userId);
			return { id };
		});
	}

	/**
	 * Collections retrieve: GET ?ids=&fields= or POST {ids, fields}. One entry per id, in order: the record
	 * with the fields asked for, or null when there is no such record.
	 */
	private collectionRetrieve(object: ObjectDef, call: Call): SandboxResponse {
		let ids: unknown;
		let fields: unknown;
		if (call.method === 'POST') {
			const body = call.body as { ids?: unknown; fields?: unknown } | undefined;
			ids = body?.ids;
			fields = body?.fields;
		} else {
			ids = call.query.get('ids')?.split(',').map((v) => v.trim()).filter(Boolean);
			fields = call.query.get('fields')?.split(',').map((v) => v.trim()).filter(Boolean);
		}
		if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
			return errors(400, [{ errorCode: 'MISSING_ARGUMENT', message: 'ids parameter is required' }]);
		}
		if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f) => typeof f === 'string')) {
			return errors(400, [{ errorCode: 'MISSING_ARGUMENT', message: 'fields parameter is required' }]);
		}
		if (ids.length > RETRIEVE_LIMIT) {
			return errors(400, [{ errorCode: 'EXCEEDED_ID_LIMIT', message: `record limit reached. cannot submit more than ${RETRIEVE_LIMIT} records into this call` }]);
		}
		const malformed = (ids as string[]).find((id) => !isValidId(id));
		if (malformed !== undefined) return errors(400, [{ errorCode: 'MALFORMED_ID', message: `malformed id ${malformed}` }]);
		const names = this.fieldList(object, { ...call, query: new URLSearchParams({ fields: (fields as string[]).join(',') }) })!;
		const records = (ids as string[]).map((id) => {
			const record = this.org.byId(id);
			return record && String(record.Id).startsWith(object.keyPrefix) ? this.shaped(object, record, names) : null;
		});
		return { status: 200, body: records };
	}

	/** Collections delete: DELETE ?ids=a,b[&allOrNone=true], one `{id, success, errors}` per id. */
	private collectionDelete(call: Call): SandboxResponse {
		const ids = (call.query.get('ids') ?? '').split(',').map((v) => v.trim()).filter(Boolean);
		if (ids.length === 0) return errors(400, [{ errorCode: 'MISSING_ARGUMENT', message: 'ids parameter is required' }]);
		if (ids.length > COLLECTION_LIMIT) {
			return errors(400, [{ errorCode: 'EXCEEDED_ID_LIMIT', message: 'record limit reached. cannot submit more than 200 records into this call' }]);
		}
		return this.perRecord(call.query.get('allOrNone') === 'true', ids.map((id) => ({ Id: id })), (record) => {
			const id = String(record.Id);
			if (!isValidId(id)) throw new RecordError([{ statusCode: 'MALFORMED_ID', message: `malformed id ${id}`, fields: [] }]);
			const live = this.org.byId(id);
			const object = live ? objectByPrefix(String(live.Id).slice(0, 3)) : undefined;
			if (!object || !this.org.delete(object.name, id, call.userId)) {
				throw new RecordError([
					this.org.isDeleted(id)
						? { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }
						: { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] },
				]);
			}
			return { id: canonicalId(id)! };
		});
	}

	private collectionUpsert(object: ObjectDef, call: Call): SandboxResponse {
		const field = this.externalField(object, call.params.field);
		const { allOrNone, records } = this.collectionBody(call);
		records.forEach((r) => this.recordType(r, object));
		const valueOf = (record: Rec) => Object.entries(record).find(([k]) => k.toLowerCase() === field.name.toLowerCase())?.[1];
		const counts = new Map<string, number>();
		for (const record of records) {
			const v = valueOf(record);
			if (v !== undefined && v !== null && v !== '') counts.set(String(v).toLowerCase(), (counts.get(String(v).toLowerCase()) ?? 0) + 1);
		}
		return this.perRecord(allOrNone, records, (record) => {
			const value = valueOf(record);
			if (value === undefined || value === null || value === '') {
				throw new RecordError([{ statusCode: 'MISSING_ARGUMENT', message: `${field.name} not specified`, fields: [] }]);
			}
			if ((counts.get(String(value).toLowerCase()) ?? 0) > 1) {
				throw new RecordError([{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: `Duplicate external id specified: ${String(value)}`, fields: [field.name] }]);
			}
			const outcome = this.org.upsert(object.name, field.name, String(value), record, call.userId);
			if ('multiple' in outcome) {
				throw new RecordError([
					{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: `${field.name}: more than one record found for external id field: [${outcome.multiple.join(', ')}]`, fields: [field.name] },
				]);
			}
			return { id: outcome.id, created: outcome.created };
		});
	}

	// ------------------------------------------------------------ Composite

	private composite(call: Call): SandboxResponse {
		const body = call.body as { allOrNone?: unknown; compositeRequest?: unknown } | undefined;
		if (!body || !Array.isArray(body.compositeRequest) || body.compositeRequest.length === 0) {
			return errors(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'compositeRequest is required and must contain at least one subrequest' }]);
		}
		const subrequests = body.compositeRequest as Rec[];
		if (subrequests.length > COMPOSITE_LIMIT) {
			return {
				status: 200,
				body: {
					compositeResponse: [
						{ body: [{ errorCode: 'LIMIT_EXCEEDED', message: 'The request can’t contain more than 25 operations.' }], httpHeaders: {}, httpStatusCode: 400, referenceId: null },
					],
				},
			};
		}
		const ids = subrequests.map((s) => s.referenceId);
		const badRef = ids.find((id, i) => typeof id !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(id) || ids.indexOf(id) !== i);
		if (badRef !== undefined) {
			return errors(400, [{ errorCode: 'INVALID_INPUT', message: `Invalid or duplicate referenceId: ${String(badRef)}` }]);
		}
		const allOrNone = body.allOrNone === true;
		const run = () => {
			const results = new Map<string, SandboxResponse>();
			const responses: Rec[] = [];
			let failed = false;
			for (const sub of subrequests) {
				const referenceId = String(sub.referenceId);
				if (failed && allOrNone) {
					responses.push({
						body: [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }],
						httpHeaders: {},
						httpStatusCode: 400,
						referenceId,
					});
					continue;
				}
				let response: SandboxResponse;
				try {
					const url = resolveReferences(String(sub.url ?? ''), results) as string;
					const subBody = sub.body === undefined ? undefined : resolveReferences(sub.body, results);
					const parsed = new URL(url, 'http://composite.invalid');
					response = this.invoke(String(sub.method ?? 'GET').toUpperCase(), parsed.pathname, parsed.searchParams, (sub.httpHeaders as Record<string, string>) ?? {}, subBody, false, call.userId);
				} catch (error) {
					if (!(error instanceof ReferenceError_)) throw error;
					response = errors(400, [{ errorCode: 'INVALID_REFERENCE', message: error.message }]);
				}
				results.set(referenceId, response);
				if (response.status >= 400) failed = true;
				responses.push({ body: response.body ?? null, httpHeaders: response.headers ?? {}, httpStatusCode: response.status, referenceId });
			}
			if (failed && allOrNone) {
				// Earlier successes are rolled back and reported as halted.
				for (const r of responses) {
					if ((r.httpStatusCode as number) < 400) {
						r.body = [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }];
						r.httpStatusCode = 400;
						r.httpHeaders = {};
					}
				}
				throw new RolledBack(responses);
			}
			return responses;
		};
		try {
			return { status: 200, body: { compositeResponse: this.org.transaction(run) } };
		} catch (error) {
			if (!(error instanceof RolledBack)) throw error;
			return { status: 200, body: { compositeResponse: error.results } };
		}
	}

	// ------------------------------------------------------------ Composite Batch, sObject Tree

	/**
	 * Composite Batch: up to 25 independent subrequests run in order, each committed on its own; each one
	 * beyond the first counts against the API allocation. With haltOnError, the ones after a failure answer
	 * 412 BATCH_PROCESSING_HALTED. The top-level answer is 200 with hasErrors.
	 */
	private batch(call: Call): SandboxResponse {
		const body = call.body as { batchRequests?: unknown; haltOnError?: unknown } | undefined;
		if (!body || !Array.isArray(body.batchRequests) || body.batchRequests.length === 0) {
			return errors(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'batchRequests is required and must contain at least one subrequest' }]);
		}
		const subrequests = body.batchRequests as Rec[];
		if (subrequests.length > COMPOSITE_LIMIT) {
			return errors(400, [{ errorCode: 'LIMIT_EXCEEDED', message: `The number of batch subrequests exceeded the limit of ${COMPOSITE_LIMIT}` }]);
		}
		// Malformed subrequests fail the whole batch before any runs, whatever haltOnError says.
		const methods = subrequests.map((sub) => (typeof sub.method === 'string' ? sub.method.toUpperCase() : ''));
		const bad = subrequests.findIndex((sub, i) => !['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(methods[i]) || typeof sub.url !== 'string' || !sub.url);
		if (bad >= 0) return errors(400, [{ errorCode: 'INVALID_BATCH_REQUEST', message: `Subrequest ${bad} needs a method (GET, POST, PATCH, PUT, DELETE) and a url` }]);
		const results: Rec[] = [];
		let halted = false;
		let hasErrors = false;
		subrequests.forEach((sub, i) => {
			if (halted) {
				results.push({ statusCode: 412, result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }] });
				return;
			}
			let response: SandboxResponse;
			if (i > 0 && !this.org.chargeApiCall()) {
				response = errors(403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
			} else {
				// Subrequest URLs are relative to /services/data ("v62.0/sobjects/Account/…"); a full path works too.
				const url = new URL(String(sub.url).replace(/^\/?(?:services\/data\/)?/, '/services/data/'), 'http://batch.invalid');
				response = this.invoke(methods[i], url.pathname, url.searchParams, {}, sub.richInput, false, call.userId);
			}
			if (response.status >= 400) {
				hasErrors = true;
				if (body.haltOnError === true) halted = true;
			}
			results.push({ statusCode: response.status, result: response.body ?? null });
		});
		return { status: 200, body: { hasErrors, results } };
	}

	/**
	 * sObject Tree: creates record trees (root records of the URL's type, children nested under their child
	 * relationship name as `{records: [...]}`), up to 200 records and 5 levels, all or nothing. Success is
	 * 201 with `{referenceId, id}` per record, roots first, then each level; a failure is 400 naming the
	 * record that failed, and nothing is kept.
	 */
	private tree(object: ObjectDef, call: Call): SandboxResponse {
		const body = call.body as { records?: unknown } | undefined;
		if (!body || !Array.isArray(body.records) || body.records.length === 0) {
			return errors(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'records is required and must contain at least one record' }]);
		}
		interface TreeNode {
			referenceId: string;
			object: ObjectDef;
			fields: Rec;
			level: number;
			parent?: { node: TreeNode; field: string };
			id?: string;
		}
		const nodes: TreeNode[] = [];
		const problems: Rec[] = [];
		const walk = (records: unknown[], expected: ObjectDef, level: number, parent?: TreeNode['parent']) => {
			for (const raw of records) {
				if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new TreeInputError('Each record must be a JSON object');
				const attributes = (raw as Rec).attributes as Rec | undefined;
				const referenceId = attributes?.referenceId;
				if (typeof referenceId !== 'string' || !referenceId) throw new TreeInputError('Each record needs attributes.referenceId');
				const type = typeof attributes?.type === 'string' ? objectDef(attributes.type) : undefined;
				if (!type || type.name !== expected.name) {
					problems.push({ referenceId, errors: [{ statusCode: 'INVALID_TYPE', message: `Record type must be ${expected.name}`, fields: [] }] });
					continue;
				}
				if (level > TREE_DEPTH_LIMIT) throw new TreeInputError(`sObject trees can be at most ${TREE_DEPTH_LIMIT} levels deep`);
				const fields: Rec = {};
				const children: Array<[string, string, unknown[]]> = [];
				for (const [key, value] of Object.entries(raw as Rec)) {
					if (key === 'attributes') continue;
					const rel = childRelationship(type, key);
					const nested = value !== null && typeof value === 'object' && Array.isArray((value as Rec).records) ? ((value as Rec).records as unknown[]) : undefined;
					if (rel && nested) children.push([rel.childSObject, rel.field, nested]);
					else fields[key] = value;
				}
				const node: TreeNode = { referenceId, object: type, fields, level, parent };
				nodes.push(node);
				for (const [child, field, nested] of children) walk(nested, objectDef(child)!, level + 1, { node, field });
			}
		};
		try {
			walk(body.records, object, 1);
		} catch (error) {
			if (error instanceof TreeInputError) return errors(400, [{ errorCode: 'INVALID_INPUT', message: error.message }]);
			throw error;
		}
		if (nodes.length + problems.length > TREE_RECORD_LIMIT) {
			return errors(400, [{ errorCode: 'LIMIT_EXCEEDED', message: `An sObject Tree request can create at most ${TREE_RECORD_LIMIT} records` }]);
		}
		const counts = new Map<string, number>();
		for (const node of nodes) counts.set(node.referenceId, (counts.get(node.referenceId) ?? 0) + 1);
		for (const node of nodes) {
			if ((counts.get(node.referenceId) ?? 0) > 1) {
				problems.push({ referenceId: node.referenceId, errors: [{ statusCode: 'INVALID_INPUT', message: `Duplicate ReferenceId provided in the request: ${node.referenceId}`, fields: [] }] });
			}
		}
		if (problems.length) return { status: 400, body: { hasErrors: true, results: problems } };
		const ordered = [...nodes].sort((a, b) => a.level - b.level);
		try {
			this.org.transaction(() => {
				for (const node of ordered) {
					const fields = node.parent ? { ...node.fields, [node.parent.field]: node.parent.node.id } : node.fields;
					try {
						node.id = this.org.insert(node.object.name, fields, call.userId);
					} catch (error) {
						if (error instanceof RecordError) throw new TreeRecordError(node.referenceId, error);
						throw error;
					}
				}
			});
		} catch (error) {
			if (!(error instanceof TreeRecordError)) throw error;
			const failure = error.cause as RecordError;
			return {
				status: 400,
				body: { hasErrors: true, results: [{ referenceId: error.referenceId, errors: failure.errors.map((e) => ({ statusCode: e.statusCode, message: e.message, fields: e.fields })) }] },
			};
		}
		return { status: 201, body: { hasErrors: false, results: ordered.map((node) => ({ referenceId: node.referenceId, id: node.id })) } };
	}
}

class TreeInputError extends Error {}

class TreeRecordError extends Error {
	constructor(
		readonly referenceId: string,
		cause: RecordError,
	) {
		super(cause.message, { cause });
	}
}

class RolledBack extends Error {
	constructor(readonly results: Rec[]) {
		super('rolled back');
	}
}

class ReferenceError_ extends Error {}

/** Replaces `@{ref.path}` in strings (recursively in bodies) with values from earlier subrequest results. */
function resolveReferences(value: unknown, results: Map<string, SandboxResponse>): unknown {
	if (typeof value === 'string') {
		return value.replace(/@\{([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g, (_m, ref: string, path: string) => {
			const result = results.get(ref);
			if (!result) throw new ReferenceError_(`Invalid reference specified. No value for ${ref} found in ${ref}. Provided referenceId ${ref} does not exist.`);
			let current: unknown = result.body;
			for (const step of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
				const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
				current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key as any] : undefined;
			}
			if (current === undefined || current === null) throw new ReferenceError_(`Invalid reference specified. No value for ${ref}${path} found in ${ref}.`);
			return String(current);
		});
	}
	if (Array.isArray(value)) return value.map((v) => resolveReferences(v, results));
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, results)]));
	}
	return value;
}
