/**
 * The REST API under /services/data/vNN.N: sObject CRUD, describe, upsert by external id, SOQL query with
 * nextRecordsUrl paging, sObject Collections, Composite and limits. Every call is authenticated (401
 * INVALID_SESSION_ID), charged against the daily allocation (403 REQUEST_LIMIT_EXCEEDED when spent) and
 * answered with Sforce-Limit-Info. Errors are Salesforce's JSON array `[{message, errorCode, fields}]`.
 */
import type { SandboxRequest, SandboxResponse, SandboxServer } from '../core/server';
import { bearerToken } from './auth';
import { canonicalId, isValidId } from './ids';
import { RecordError } from './org';
import type { SalesforceOrg, SfError } from './org';
import { describe, fieldDef, objectDef, OBJECTS } from './schema';
import type { ObjectDef } from './schema';
import { runSoql, SoqlError } from './soql';
import type { Rec } from './soql';

const MIN_VERSION = 20;
const MAX_VERSION = 66;
const COLLECTION_LIMIT = 200;
const COMPOSITE_LIMIT = 25;
const DEFAULT_BATCH = 2000;

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

	constructor(private readonly org: SalesforceOrg) {
		this.define('GET', '/services/data/:version', () => ({
			status: 200,
			body: Object.fromEntries(['sobjects', 'query', 'composite', 'limits'].map((r) => [r, `/services/data/${this.version}/${r}`])),
		}));
		this.define('GET', '/services/data/:version/limits', () => ({
			status: 200,
			body: { DailyApiRequests: { Max: this.org.apiDailyLimit, Remaining: this.org.apiDailyLimit - this.org.apiUsage } },
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
		this.define('GET', '/services/data/:version/sobjects/:object/:id', (c) => this.withObject(c, (o) => this.read(o, c)));
		this.define('PATCH', '/services/data/:version/sobjects/:object/:id', (c) => this.withObject(c, (o) => this.patch(o, c)));
		this.define('DELETE', '/services/data/:version/sobjects/:object/:id', (c) => this.withObject(c, (o) => this.remove(o, c)));
		this.define('GET', '/services/data/:version/sobjects/:object/:field/:value', (c) => this.withObject(c, (o) => this.readByExternalId(o, c)));
		this.define('PATCH', '/services/data/:version/sobjects/:object/:field/:value', (c) => this.withObject(c, (o) => this.upsert(o, c)));
		this.define('GET', '/services/data/:version/query', (c) => this.query(c));
		this.define('GET', '/services/data/:version/query/:locator', (c) => this.queryMore(c));
		this.define('POST', '/services/data/:version/composite', (c) => this.composite(c));
		this.define('POST', '/services/data/:version/composite/sobjects', (c) => this.collectionCreate(c));
		this.define('PATCH', '/services/data/:version/composite/sobjects', (c) => this.collectionUpdate(c));
		this.define('PATCH', '/services/data/:version/composite/sobjects/:object/:field', (c) => this.withObject(c, (o) => this.collectionUpsert(o, c)));
	}

	/** Set while a call runs: the API version of its URL. */
	private version = 'v62.0';

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
		if (!record || !String(record.Id).startsWith(object.keyPrefix)) return notFound();
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
		const record = isValidId(call.params.id) ? this.org.byId(call.params.id) : undefined;
		if (!record || !String(record.Id).startsWith(object.keyPrefix)) return notFound();
		const table = this.org.table(object);
		table.delete(String(record.Id));
		if (object.name === 'Opportunity') {
			const items = this.org.table(objectDef('OpportunityLineItem')!);
			for (const [id, li] of items) if (li.OpportunityId === record.Id) items.delete(id);
		}
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

	private query(call: Call): SandboxResponse {
		const soql = call.query.get('q');
		if (!soql) return errors(400, [{ errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' }]);
		const result = runSoql(soql, this.org, call.version);
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
			if (record.Id) throw new RecordError([{ statusCode: 'INVALID_FIELD', message: 'cannot specify Id in an insert call', fields: ['Id'] }]);
			return { id: this.org.insert(this.recordType(record).name, record, call.userId) };
		});
	}

	private collectionUpdate(call: Call): SandboxResponse {
		const { allOrNone, records } = this.collectionBody(call);
		records.forEach((r) => this.recordType(r));
		return this.perRecord(allOrNone, records, (record) => {
			const id = typeof record.Id === 'string' && isValidId(record.Id) ? canonicalId(record.Id)! : undefined;
			if (!id) throw new RecordError([{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }]);
			const { Id: _id, ...fields } = record;
			this.org.update(this.recordType(record).name, id, fields, call.userId);
			return { id };
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
