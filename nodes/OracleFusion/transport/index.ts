/**
 * Oracle Fusion Cloud REST transport on the connector kit: paths under the pod's `/fscmRestApi` (and
 * `/hcmRestApi`, `/crmRestApi`) at version 11.13.18.05, `REST-Framework-Version` pinned so `q` is always read
 * as an expression and errors come back as JSON, Oracle's error bodies (problem details with `o:errorDetails`,
 * or terse plain text) kept in the NodeApiError, 429 as the only throttle signal, and the collection envelope
 * (`items`, `count`, `hasMore`, `limit`, `offset`) walked with `offset += count` while `hasMore`.
 */
import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { collectRecords, hasMoreNextOffset, vendorRequest, walkPages } from '../../shared/kit';
import type { HttpFailure, RetryPolicy, VendorError, VendorProfile, VendorResponse } from '../../shared/kit';

export type OracleAuthentication = 'oAuth2' | 'basic';
export type OracleService = 'fscm' | 'hcm' | 'crm';

/** The REST resource version every path uses. */
export const RESOURCE_VERSION = '11.13.18.05';

/**
 * Framework version 4: `q` takes row-match expressions (version 2 and later; version 1 reads the same text as
 * query-by-example and answers 400) and errors are JSON problem details with `o:errorDetails`. Pinned so an
 * administrator changing the pod's default cannot change what a query means.
 */
export const REST_FRAMEWORK_VERSION = '4';

/** Oracle's ceiling for `limit` on one page. */
export const MAX_PAGE_SIZE = 500;

export const SERVICE_ROOTS: Record<OracleService, string> = {
	fscm: `/fscmRestApi/resources/${RESOURCE_VERSION}`,
	hcm: `/hcmRestApi/resources/${RESOURCE_VERSION}`,
	crm: `/crmRestApi/resources/${RESOURCE_VERSION}`,
};

export const BATCH_CONTENT_TYPE = 'application/vnd.oracle.adf.batch+json';

export function credentialTypeOf(authentication: OracleAuthentication): string {
	return authentication === 'basic' ? 'p2cOracleFusionBasicApi' : 'p2cOracleFusionOAuth2Api';
}

function attributeOfPath(path: unknown): string | undefined {
	if (typeof path !== 'string' || !path) return undefined;
	const last = path.split(/[/.]/).filter(Boolean).pop();
	return last && /^[A-Za-z][A-Za-z0-9_]*$/.test(last) ? last : undefined;
}

/**
 * Oracle's error body. JSON problem details: `{title, status, detail, o:errorCode, o:errorDetails:
 * [{detail, o:errorCode, o:errorPath}]}`, the attribute named by the last segment of `o:errorPath`. Plain
 * text (framework version 1, or a resource that ignores the version): the text is the message. An HTML page
 * (a proxy, the pod's sign-on page) is not Oracle's error.
 */
export function parseOracleError(body: unknown): VendorError | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (!text || text.startsWith('<')) return undefined;
		return { code: 'ORACLE_ERROR', message: text.slice(0, 2000), fields: [] };
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const problem = body as IDataObject;
	const details = Array.isArray(problem['o:errorDetails']) ? (problem['o:errorDetails'] as IDataObject[]) : [];
	if (typeof problem.title !== 'string' && typeof problem.detail !== 'string' && !details.length) return undefined;
	const messages = details.map((d) => String(d.detail ?? '')).filter(Boolean);
	const code = String(details.find((d) => d['o:errorCode'])?.['o:errorCode'] ?? problem['o:errorCode'] ?? problem.title ?? 'ORACLE_ERROR');
	const fields = [...new Set(details.map((d) => attributeOfPath(d['o:errorPath'])).filter((f): f is string => !!f))];
	return { code, message: messages.length ? messages.join(' | ') : String(problem.detail ?? problem.title), fields };
}

/** Oracle publishes no rate numbers; a 429 is the one signal that a request was refused unprocessed. */
export function isOracleThrottle(failure: HttpFailure): boolean {
	return failure.status === 429;
}

export const ORACLE_PROFILE: VendorProfile = {
	name: 'Oracle Fusion',
	parseError: parseOracleError,
	isThrottle: isOracleThrottle,
	retry: { baseDelayMs: 1_000, maxDelayMs: 30_000 },
};

export interface OracleConnection {
	credentialType: string;
	/** The pod, e.g. https://abcd.fa.us2.oraclecloud.com (no trailing slash). */
	hostUrl: string;
}

export function trimmedHost(value: unknown): string {
	return String(value ?? '').trim().replace(/\/+$/, '');
}

export async function oracleConnection(context: IAllExecuteFunctions, authentication: OracleAuthentication): Promise<OracleConnection> {
	const credentialType = credentialTypeOf(authentication);
	const credentials = await context.getCredentials(credentialType);
	return { credentialType, hostUrl: trimmedHost(credentials.hostUrl) };
}

export interface RequestOptions {
	method: IHttpRequestMethods;
	service?: OracleService;
	/** Path below the service root, e.g. `/projects/100`; every user value in it through `pathSegment`. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
	correlationId?: string;
	itemIndex?: number;
	idempotent?: boolean;
	retry?: Partial<RetryPolicy>;
	/** Oracle's profile with another error reader (the batch keeps the failing parts' bodies). */
	profile?: VendorProfile;
}

export function urlOf(connection: OracleConnection, service: OracleService, path: string): string {
	return `${connection.hostUrl}${SERVICE_ROOTS[service]}${path}`;
}

export async function apiRequest<T = IDataObject>(context: IAllExecuteFunctions, connection: OracleConnection, options: RequestOptions): Promise<VendorResponse<T>> {
	const headers: IDataObject = { 'REST-Framework-Version': REST_FRAMEWORK_VERSION, ...(options.headers ?? {}) };
	if (options.body !== undefined && headers['Content-Type'] === undefined) headers['Content-Type'] = 'application/json';
	return await vendorRequest<T>(
		context,
		options.profile ?? ORACLE_PROFILE,
		{ method: options.method, url: urlOf(connection, options.service ?? 'fscm', options.path), qs: options.qs, body: options.body as IDataObject, headers },
		{
			credentialType: connection.credentialType,
			correlationId: options.correlationId,
			itemIndex: options.itemIndex,
			idempotent: options.idempotent,
			retry: options.retry,
			renewTokenOn401: connection.credentialType === 'p2cOracleFusionOAuth2Api',
		},
	);
}

export function itemsOf(page: IDataObject): IDataObject[] {
	return Array.isArray(page.items) ? (page.items as IDataObject[]) : [];
}

/**
 * Every item of a collection (or up to `limit`): pages of at most 500, `offset += count` while `hasMore`. A
 * page that says `hasMore` but brings no items ends the walk, so a vendor bug cannot loop forever.
 */
export async function listAll(
	context: IAllExecuteFunctions,
	connection: OracleConnection,
	path: string,
	qs: IDataObject,
	options: { service?: OracleService; limit?: number; correlationId?: string; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	const pageSize = Math.min(MAX_PAGE_SIZE, options.limit && options.limit < MAX_PAGE_SIZE ? Math.max(options.limit, 1) : MAX_PAGE_SIZE);
	const pages = walkPages<IDataObject, number>(
		async (offset) =>
			(await apiRequest<IDataObject>(context, connection, { method: 'GET', service: options.service, path, qs: { ...qs, limit: pageSize, offset: offset ?? 0 }, correlationId: options.correlationId, itemIndex: options.itemIndex })).body,
		(page) => (itemsOf(page).length === 0 ? undefined : hasMoreNextOffset(page)?.offset),
	);
	return await collectRecords(pages, itemsOf, options.limit);
}

/** The ETag Oracle sends with an item (header; some resources also echo it in the item's `@context`). */
export function etagOf(response: VendorResponse<IDataObject>): string | undefined {
	const header = response.headers.etag ?? response.headers.ETag;
	if (typeof header === 'string' && header) return header;
	const context = (response.body?.['@context'] ?? {}) as IDataObject;
	const fromBody = (context.headers as IDataObject | undefined)?.ETag;
	return typeof fromBody === 'string' ? fromBody : undefined;
}
