/**
 * The Dataverse Web API transport every Dataverse node uses (Dynamics 365 Sales, Project Operations), on the
 * connector kit. Published API (the Project Operations node codes against these names):
 *
 *   dataverseCredentialType(authentication)                      → credential type name
 *   dataverseConnection(ctx, authentication?)                    → { credentialType, serviceRoot, concurrency, … }
 *   dataverseRequest(ctx, connection, options)                   → VendorResponse (OData headers, Prefer, If-Match …)
 *   dataverseGet(ctx, connection, entitySet, key, query, opts)   → one record (by GUID or alternate key)
 *   dataverseGetAll(ctx, connection, entitySet, query, opts)     → records (maxpagesize + @odata.nextLink, no $skip)
 *   dataverseGetPage(ctx, connection, entitySet, query, opts)    → one page and its nextLink (pickers)
 *   dataverseCreate(ctx, connection, entitySet, body, opts)      → { id, record? } (204 + OData-EntityId, or 201)
 *   dataverseUpdate(ctx, connection, entitySet, key, body, opts) → PATCH with If-Match (an ETag → 412 stale)
 *   dataverseUpsert(ctx, connection, entitySet, key, body, mode) → PATCH by key; mode upsert | createOnly | updateOnly
 *   dataverseDelete(ctx, connection, entitySet, key, opts)
 *   callAction(ctx, connection, name, body, opts)                → unbound or bound action (POST)
 *   callFunction(ctx, connection, name, opts)                    → unbound function (GET), e.g. WhoAmI
 *   dataverseBatch(ctx, connection, parts, opts)                 → per-part results paired with the parts
 *   odataBind(navProperty, entitySet, id)                        → { "nav@odata.bind": "/set(id)" }
 *   lookupValueField(attribute)                                  → `_attribute_value`
 *   formattedValue(record, field)                                → the field's formatted-value annotation
 *
 * Service protection: a 429 with Retry-After (and the codes 0x80072322 request count, 0x80072321 execution
 * time, 0x80072326 concurrency) was not processed, so it is resent after the wait Dataverse asked for, POST
 * included. Requests of one credential (one Dataverse user) share `maxConcurrentRequests` slots (default 52,
 * the per-user limit) across every node of the package in the n8n process.
 */
import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import {
	InvalidInputError,
	collectRecords,
	odataNextLink,
	vendorRequest,
	walkPages,
} from '../../shared/kit';
import type { HttpFailure, RetryPolicy, VendorError, VendorProfile, VendorResponse } from '../../shared/kit';
import {
	ODATA_BATCH_MAX_REQUESTS,
	ODATA_HEADERS,
	buildBatch,
	isGuid,
	odataKeyPredicate,
	odataLinkWithin,
	odataMaxPageSizePrefer,
	pairBatchResults,
	parseBatchResponse,
} from '../../shared/kit/odata';
import type { ODataBatchPairing, ODataBatchPart, ODataBatchPartResponse } from '../../shared/kit/odata';

export type DataverseAuthentication = 'clientCredentials' | 'oAuth2';

/** The credential type of an Authentication choice: Entra client credentials, or a delegated OAuth2 user. */
export function dataverseCredentialType(authentication: DataverseAuthentication | string = 'clientCredentials'): string {
	return authentication === 'oAuth2' ? 'p2cDataverseOAuth2Api' : 'p2cDataverseClientCredentialsApi';
}

/** Service protection codes (hex, as the Web API returns them). */
export const SERVICE_PROTECTION_CODES = {
	requestCount: '0x80072322',
	executionTime: '0x80072321',
	concurrency: '0x80072326',
} as const;

/** The per-user concurrent request limit of Dataverse's service protection. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 52;
/** Dataverse's largest page (and default for standard tables). */
export const MAX_PAGE_SIZE = 5000;
/** Requests in one `$batch`. */
export const MAX_BATCH_REQUESTS = ODATA_BATCH_MAX_REQUESTS;
export const DEFAULT_API_VERSION = '9.2';

/** `{"error":{"code":"0x80040217","message":"…"}}`; some messages name the column (`'accountnumber'`). */
export function parseDataverseError(body: unknown): VendorError | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const error = (body as IDataObject).error as IDataObject | undefined;
	if (!error || typeof error !== 'object' || typeof error.message !== 'string') return undefined;
	const code = typeof error.code === 'string' && error.code !== '' ? error.code : 'error';
	return { code, message: error.message, fields: fieldsNamedIn(error.message) };
}

/**
 * Column names a Dataverse message names: "… property named 'accountnumber' …", "attribute 'name' …",
 * "… column 'x' …", "Resource not found for the segment 'x'".
 */
export function fieldsNamedIn(message: string): string[] {
	const fields = new Set<string>();
	const pattern = /(?:property(?: named)?|attribute|column|field|segment)\s+'([A-Za-z_][A-Za-z0-9_@.]*)'/gi;
	for (let match = pattern.exec(message); match; match = pattern.exec(message)) fields.add(match[1]);
	return [...fields];
}

/** A 429 is Dataverse refusing before processing (service protection); 503 with a code is the same. */
export function isDataverseThrottle(failure: HttpFailure, vendorError: VendorError | undefined): boolean {
	if (failure.status === 429) return true;
	const codes: string[] = Object.values(SERVICE_PROTECTION_CODES);
	return vendorError !== undefined && codes.includes(vendorError.code.toLowerCase());
}

export const DATAVERSE_PROFILE: VendorProfile = {
	name: 'Dataverse',
	parseError: parseDataverseError,
	isThrottle: isDataverseThrottle,
	// The request-count and execution-time windows are 5 minutes: Dataverse can ask for waits of minutes.
	retry: { maxRetryAfterMs: 300_000, maxTotalMs: 330_000 },
};

export interface DataverseConnection {
	credentialType: string;
	/** `https://org.crm.dynamics.com` */
	environmentUrl: string;
	/** `https://org.crm.dynamics.com/api/data/v9.2` */
	serviceRoot: string;
	/** One user's slots, shared by every node of the package in this process. */
	concurrency: { key: string; limit: number };
}

export function environmentUrlOf(value: unknown): string {
	const text = String(value ?? '').trim().replace(/\/+$/, '');
	if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
		throw new InvalidInputError('environmentUrl', `environmentUrl: "${text}" is not a URL such as https://contoso.crm.dynamics.com (field: environmentUrl)`);
	}
	return new URL(text).origin;
}

/** The connection of a credential's data (pure, for tests and triggers). */
export function connectionOf(credentialType: string, credentials: IDataObject): DataverseConnection {
	const environmentUrl = environmentUrlOf(credentials.environmentUrl);
	const version = String(credentials.apiVersion ?? DEFAULT_API_VERSION).trim().replace(/^v/i, '') || DEFAULT_API_VERSION;
	if (!/^\d+\.\d+$/.test(version)) throw new InvalidInputError('apiVersion', `apiVersion: "${version}" is not a Web API version such as 9.2 (field: apiVersion)`);
	const limit = Number(credentials.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS);
	// Service protection counts per user: the app (client id) or the signed-in user behind an OAuth2 credential.
	const user = String(credentials.clientId ?? credentials.username ?? 'user');
	return {
		credentialType,
		environmentUrl,
		serviceRoot: `${environmentUrl}/api/data/v${version}`,
		concurrency: {
			key: `dataverse:${environmentUrl}:${user}`,
			limit: Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_MAX_CONCURRENT_REQUESTS,
		},
	};
}

export async function dataverseConnection(context: IAllExecuteFunctions, authentication: DataverseAuthentication | string = 'clientCredentials'): Promise<DataverseConnection> {
	const credentialType = dataverseCredentialType(authentication);
	const credentials = await context.getCredentials(credentialType);
	return connectionOf(credentialType, credentials as IDataObject);
}

export interface DataverseRequestOptions {
	method: IHttpRequestMethods;
	/** Below the service root, e.g. `accounts(…)`; built with `entityPath` so every user value is escaped. */
	path?: string;
	/** An absolute URL Dataverse gave (`@odata.nextLink`, `@odata.deltaLink`); must be under the service root. */
	url?: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: Record<string, string>;
	/** Preferences, joined into one `Prefer` header: `return=representation`, `odata.maxpagesize=500` … */
	prefer?: string[];
	ifMatch?: string;
	ifNoneMatch?: string;
	correlationId?: string;
	itemIndex?: number;
	idempotent?: boolean;
	retry?: Partial<RetryPolicy>;
	/** Raw text body and response (for `$batch`). */
	text?: boolean;
}

/** The URL of a request; a link Dataverse gave must stay under the service root (no credential sent elsewhere). */
export function requestUrl(connection: DataverseConnection, options: Pick<DataverseRequestOptions, 'path' | 'url'>): string {
	if (options.url !== undefined) return odataLinkWithin(options.url, connection.serviceRoot, 'Dataverse');
	return `${connection.serviceRoot}/${(options.path ?? '').replace(/^\/+/, '')}`;
}

export async function dataverseRequest<T = IDataObject>(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	options: DataverseRequestOptions,
): Promise<VendorResponse<T>> {
	const headers: Record<string, string> = { ...ODATA_HEADERS, ...(options.headers ?? {}) };
	if (options.prefer?.length) headers.Prefer = options.prefer.join(',');
	if (options.ifMatch !== undefined) headers['If-Match'] = options.ifMatch;
	if (options.ifNoneMatch !== undefined) headers['If-None-Match'] = options.ifNoneMatch;
	if (options.body !== undefined && !options.text) headers['Content-Type'] = 'application/json; charset=utf-8';
	const request: IHttpRequestOptions = {
		method: options.method,
		url: requestUrl(connection, options),
		qs: options.qs,
		headers,
		body: options.body as IHttpRequestOptions['body'],
		...(options.text ? { json: false, encoding: 'text' as const } : {}),
	};
	return await vendorRequest<T>(context, DATAVERSE_PROFILE, request, {
		credentialType: connection.credentialType,
		concurrency: connection.concurrency,
		correlationId: options.correlationId,
		itemIndex: options.itemIndex,
		idempotent: options.idempotent,
		retry: options.retry,
		renewTokenOn401: true,
	});
}

// ---------------------------------------------------------------------------------------------------------
// Paths, keys, lookups

const ENTITY_SET = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An entity set or action name, validated (it goes into the path unquoted). */
export function assertEntitySet(name: string, field = 'entitySet'): string {
	if (!ENTITY_SET.test(name)) throw new InvalidInputError(field, `${field}: "${name}" is not a Dataverse entity set or action name (field: ${field})`);
	return name;
}

/** A record key: a GUID, or alternate key parts (`{accountnumber: 'A-1'}`). */
export type DataverseKey = string | Record<string, string | number | boolean>;

/** `accounts(00000000-…)` or `accounts(accountnumber='A''1')`; a bad key is an InvalidInputError naming `field`. */
export function entityPath(entitySet: string, key: DataverseKey, field = 'recordId'): string {
	assertEntitySet(entitySet);
	if (typeof key === 'string' && !isGuid(key.trim())) {
		throw new InvalidInputError(field, `${field}: "${key}" is not a Dataverse record id (a GUID such as 00000000-0000-0000-0000-000000000000) (field: ${field})`, 'INVALID_ID');
	}
	let problem: string;
	try {
		return `${entitySet}${odataKeyPredicate(typeof key === 'string' ? key.trim() : key)}`;
	} catch (error) {
		problem = (error as Error).message;
	}
	throw new InvalidInputError(field, `${field}: ${problem} (field: ${field})`, 'INVALID_ID');
}

/** Write a single-valued lookup: `{"parentcustomerid_account@odata.bind": "/accounts(…)"}` (nav names are case-sensitive). */
export function odataBind(navProperty: string, entitySet: string, id: string): IDataObject {
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(navProperty)) throw new InvalidInputError(navProperty, `"${navProperty}" is not a navigation property name`);
	return { [`${navProperty}@odata.bind`]: `/${entityPath(entitySet, id, navProperty)}` };
}

/** Read a lookup: the `_x_value` column that carries the related record's GUID. */
export function lookupValueField(attribute: string): string {
	return `_${attribute.toLowerCase()}_value`;
}

export const FORMATTED_VALUE = 'OData.Community.Display.V1.FormattedValue';
export const LOOKUP_LOGICAL_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';

/** The formatted value Dataverse adds with `Prefer: odata.include-annotations`. */
export function formattedValue(record: IDataObject, field: string): string | undefined {
	const value = record[`${field}@${FORMATTED_VALUE}`];
	return typeof value === 'string' ? value : undefined;
}

/** The preference asking for formatted values and lookup names. */
export const INCLUDE_ANNOTATIONS = 'odata.include-annotations="*"';

/** The GUID in `OData-EntityId: https://org…/api/data/v9.2/accounts(00000000-…)`. */
export function idFromEntityIdHeader(header: string | undefined): string | undefined {
	const match = /\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)\s*$/.exec(header ?? '');
	return match?.[1].toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------
// Queries and paging

export interface DataverseQuery {
	select?: string[];
	filter?: string;
	orderby?: string;
	expand?: string;
	top?: number;
	count?: boolean;
}

export function queryString(query: DataverseQuery = {}): IDataObject {
	const qs: IDataObject = {};
	if (query.select?.length) qs.$select = query.select.join(',');
	if (query.filter) qs.$filter = query.filter;
	if (query.orderby) qs.$orderby = query.orderby;
	if (query.expand) qs.$expand = query.expand;
	if (query.top !== undefined) qs.$top = query.top;
	if (query.count) qs.$count = 'true';
	return qs;
}

export interface ReadOptions {
	/** Formatted values and lookup logical names as annotations. */
	formattedValues?: boolean;
	correlationId?: string;
	itemIndex?: number;
}

export interface PageOptions extends ReadOptions {
	pageSize?: number;
	/** `Prefer: odata.track-changes`: the last page carries `@odata.deltaLink`. */
	trackChanges?: boolean;
}

export interface DataversePage {
	records: IDataObject[];
	nextLink?: string;
	deltaLink?: string;
	count?: number;
}

function pagePreferences(options: PageOptions): string[] {
	const prefer = [odataMaxPageSizePrefer(Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_PAGE_SIZE)))];
	if (options.formattedValues) prefer.push(INCLUDE_ANNOTATIONS);
	if (options.trackChanges) prefer.push('odata.track-changes');
	return prefer;
}

function pageOf(body: IDataObject): DataversePage {
	return {
		records: Array.isArray(body.value) ? (body.value as IDataObject[]) : [],
		nextLink: odataNextLink(body),
		deltaLink: typeof body['@odata.deltaLink'] === 'string' ? body['@odata.deltaLink'] : undefined,
		count: typeof body['@odata.count'] === 'number' ? body['@odata.count'] : undefined,
	};
}

/** One page: the first of a query, or the page a nextLink (or deltaLink) names. */
export async function dataverseGetPage(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	entitySet: string,
	query: DataverseQuery,
	options: PageOptions & { link?: string } = {},
): Promise<DataversePage> {
	const response = await dataverseRequest<IDataObject>(context, connection, {
		method: 'GET',
		...(options.link ? { url: options.link } : { path: assertEntitySet(entitySet), qs: queryString(query) }),
		prefer: pagePreferences(options),
		correlationId: options.correlationId,
		itemIndex: options.itemIndex,
	});
	return pageOf(response.body ?? {});
}

/**
 * Every record of a query (or the first `limit`), following `@odata.nextLink` unchanged with the same
 * preferences. `$top` is never combined with paging (Dataverse then sends no nextLink): a limit under one page
 * becomes the page size instead.
 */
export async function dataverseGetAll(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	entitySet: string,
	query: DataverseQuery,
	options: PageOptions & { limit?: number } = {},
): Promise<IDataObject[]> {
	const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, options.limit !== undefined ? Math.max(1, options.limit) : MAX_PAGE_SIZE);
	const pages = walkPages<DataversePage, string>(
		async (link) => await dataverseGetPage(context, connection, entitySet, query, { ...options, pageSize, link }),
		(page) => page.nextLink,
	);
	return await collectRecords(pages, (page) => page.records, options.limit);
}

export async function dataverseGet(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	entitySet: string,
	key: DataverseKey,
	query: Pick<DataverseQuery, 'select' | 'expand'> = {},
	options: ReadOptions = {},
): Promise<IDataObject> {
	const response = await dataverseRequest<IDataObject>(context, connection, {
		method: 'GET',
		path: entityPath(entitySet, key),
		qs: queryString(query),
		prefer: options.formattedValues ? [INCLUDE_ANNOTATIONS] : undefined,
		correlationId: options.correlationId,
		itemIndex: options.itemIndex,
	});
	return response.body ?? {};
}

// ---------------------------------------------------------------------------------------------------------
// Writes

export interface WriteOptions {
	/** `Prefer: return=representation`: the written record comes back (201 / 200) instead of 204. */
	returnRecord?: boolean;
	select?: string[];
	correlationId?: string;
	itemIndex?: number;
}

export interface WriteResult {
	id?: string;
	record?: IDataObject;
	/** 201 created or 204/200 updated, for upserts. */
	created?: boolean;
}

function writeResult(response: VendorResponse<IDataObject>, fallbackId?: string): WriteResult {
	const record = response.body && typeof response.body === 'object' && Object.keys(response.body).length ? response.body : undefined;
	const id = idFromEntityIdHeader(response.headers['odata-entityid']) ?? fallbackId;
	return { id, record, created: response.statusCode === 201 ? true : response.statusCode === 200 ? false : undefined };
}

function writePreferences(options: WriteOptions): string[] | undefined {
	return options.returnRecord ? ['return=representation'] : undefined;
}

/** POST a record. Not idempotent: a create whose answer is lost is not resent (use an upsert by key for that). */
export async function dataverseCreate(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	entitySet: string,
	body: IDataObject,
	options: WriteOptions = {},
): Promise<WriteResult> {
	const response = await dataverseRequest<IDataObject>(context, connection, {
		method: 'POST',
		path: assertEntitySet(entitySet),
		qs: options.returnRecord && options.select?.length ? { $select: options.select.join(',') } : undefined,
		body,
		prefer: writePreferences(options),
		correlationId: options.correlationId,
		itemIndex: options.itemIndex,
		idempotent: false,
	});
	return writeResult(response);
}

/** The record changed since the ETag the caller read: Dataverse answered 412 to `If-Match: <etag>`. */
export class StaleRecordError extends Error {
	readonly context: { vendorErrorCode: string; vendorErrorFields: string[] };

	constructor(entitySet: string, etag: string) {
		super(`${entitySet}: the record changed since it was read (ETag ${etag} is no longer current); read it again and reapply the change (field: etag)`);
		this.name = 'StaleRecordError';
		this.context = { vendorErrorCode: 'STALE', vendorErrorFields: ['etag'] };
	}
}

function httpStatusOf(error: unknown): number | undefined {
	const code = (error as { httpCode?: string | null }).httpCode;
	return code ? Number(code) : undefined;
}

/**
 * PATCH an existing record. `If-Match: *` keeps a PATCH from creating the record when the id is wrong (404
 * instead); with an ETag (`W/"123"`), a record changed since it was read fails with StaleRecordError.
 */
export async function dataverseUpdate(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	entitySet: string,
	key: DataverseKey,
	body: IDataObject,
	options: WriteOptions & { etag?: string } = {},
): Promise<WriteResult> {
	const etag = options.etag?.trim();
	let failure: unknown;
	try {
		const response = await dataverseRequest<IDataObject>(context, connection, {
			method: 'PATCH',
			path: entityPath(entitySet, key),
			body,
			ifMatch: etag || '*',
			prefer: writePreferences(options),
			correlationId: options.correlationId,
			itemIndex: options.itemIndex,
			// A PATCH with If-Match sets the same values again: safe to resend after a lost answer.
			idempotent: true,
		});
		return writeResult(response, typeof key === 'string' ? key.toLowerCase() : undefined);
	} catch (error) {
		failure = error;
	}
	throw etag && httpStatusOf(failure) === 412 ? new StaleRecordError(entitySet, etag) : failure;
}

export type UpsertMode = 'upsert' | 'createOnly' | 'updateOnly';

/** A create-only upsert found the record (412 to `If-None-Match: *`). */
export class RecordExistsError extends Error {
	readonly context: { vendorErrorCode: string; vendorErrorFields: string[] };

	constructor(entitySet: string, keyText: string, field: string) {
		super(`${entitySet}${keyText} already exists, and the mode is Create Only (field: ${field})`);
		this.name = 'RecordExistsError';
		this.context = { vendorErrorCode: 'ALREADY_EXISTS', vendorErrorFields: [field] };
	}
}

/**
 * PATCH by primary or alternate key: `upsert` creates or updates; `createOnly` sends `If-None-Match: *` (an
 * existing record is an error, not overwritten); `updateOnly` sends `If-Match: *` (a missing record is 404,
 * never created). Idempotent, so a lost answer is resent: the second attempt updates what the first created.
 */
export async function dataverseUpsert(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	entitySet: string,
	key: DataverseKey,
	body: IDataObject,
	mode: UpsertMode = 'upsert',
	options: WriteOptions = {},
): Promise<WriteResult> {
	const path = entityPath(entitySet, key, typeof key === 'string' ? 'recordId' : Object.keys(key).join(','));
	let failure: unknown;
	try {
		const response = await dataverseRequest<IDataObject>(context, connection, {
			method: 'PATCH',
			path,
			body,
			...(mode === 'createOnly' ? { ifNoneMatch: '*' } : mode === 'updateOnly' ? { ifMatch: '*' } : {}),
			prefer: writePreferences(options),
			correlationId: options.correlationId,
			itemIndex: options.itemIndex,
			// A create-only upsert resent after a lost answer would find its own record: not resent.
			idempotent: mode !== 'createOnly',
		});
		return writeResult(response, typeof key === 'string' ? key.toLowerCase() : undefined);
	} catch (error) {
		failure = error;
	}
	throw mode === 'createOnly' && httpStatusOf(failure) === 412
		? new RecordExistsError(entitySet, path.slice(entitySet.length), typeof key === 'string' ? 'recordId' : Object.keys(key).join(', '))
		: failure;
}

export async function dataverseDelete(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	entitySet: string,
	key: DataverseKey,
	options: { etag?: string; correlationId?: string; itemIndex?: number } = {},
): Promise<void> {
	const etag = options.etag?.trim();
	let failure: unknown;
	try {
		await dataverseRequest(context, connection, {
			method: 'DELETE',
			path: entityPath(entitySet, key),
			ifMatch: etag || undefined,
			correlationId: options.correlationId,
			itemIndex: options.itemIndex,
		});
		return;
	} catch (error) {
		failure = error;
	}
	throw etag && httpStatusOf(failure) === 412 ? new StaleRecordError(entitySet, etag) : failure;
}

/**
 * An action: unbound `POST <root>/<name>` or bound `POST <root>/<set>(<id>)/Microsoft.Dynamics.CRM.<name>`.
 * Actions change data and are not resent after a lost answer unless the caller says they are idempotent.
 */
export async function callAction<T = IDataObject>(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	name: string,
	body: IDataObject,
	options: { bound?: { entitySet: string; key: DataverseKey }; idempotent?: boolean; correlationId?: string; itemIndex?: number } = {},
): Promise<T> {
	assertEntitySet(name, 'action');
	const path = options.bound ? `${entityPath(options.bound.entitySet, options.bound.key)}/Microsoft.Dynamics.CRM.${name}` : name;
	const response = await dataverseRequest<T>(context, connection, {
		method: 'POST',
		path,
		body,
		correlationId: options.correlationId,
		itemIndex: options.itemIndex,
		idempotent: options.idempotent ?? false,
	});
	return (response.body ?? {}) as T;
}

/** An unbound function without parameters, `GET <root>/<name>` (WhoAmI). */
export async function callFunction<T = IDataObject>(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	name: string,
	options: { correlationId?: string; itemIndex?: number } = {},
): Promise<T> {
	const response = await dataverseRequest<T>(context, connection, { method: 'GET', path: assertEntitySet(name, 'function'), ...options });
	return response.body;
}

// ---------------------------------------------------------------------------------------------------------
// $batch

/** Each part with its response, or why it has none (failed, rolled back with its changeset, not executed, unpairable). */
export type BatchPartResult = ODataBatchPairing;

/** `Prefer: odata.continue-on-error` keeps Dataverse going after a failed part outside a changeset. */
export async function dataverseBatch(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	parts: ODataBatchPart[],
	options: { continueOnError?: boolean; correlationId?: string; itemIndex?: number } = {},
): Promise<BatchPartResult[]> {
	if (parts.length === 0) return [];
	const { contentType, body } = buildBatch(parts);
	const response = await dataverseRequest<string>(context, connection, {
		method: 'POST',
		path: '$batch',
		body,
		headers: { 'Content-Type': contentType },
		prefer: options.continueOnError === false ? undefined : ['odata.continue-on-error'],
		correlationId: options.correlationId,
		itemIndex: options.itemIndex,
		// Parts may be creates: a batch whose answer is lost is not resent.
		idempotent: false,
		text: true,
	});
	const responseType = response.headers['content-type'] ?? '';
	const answers = parseBatchResponse(responseType, typeof response.body === 'string' ? response.body : String(response.body ?? ''));
	return pairBatchResults(parts, answers);
}

/** The Dataverse error of one batch part's response, as text naming the code. */
export function batchPartError(response: ODataBatchPartResponse | undefined): VendorError | undefined {
	if (!response || response.status < 400) return undefined;
	return parseDataverseError(response.body) ?? { code: `HTTP_${response.status}`, message: typeof response.body === 'string' ? response.body : `status ${response.status}`, fields: [] };
}

export type { ODataBatchPairing, ODataBatchPart, ODataBatchPartResponse };
