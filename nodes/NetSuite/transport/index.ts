/**
 * NetSuite transport on top of the connector kit: the vendor profile (problem+json errors, throttle signals),
 * the account's base URL and concurrency slots from the credential, record and SuiteQL requests.
 */
import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { collectRecords, pathSegment, vendorRequest, walkPages } from '../../shared/kit';
import type { HttpFailure, VendorError, VendorProfile, VendorResponse } from '../../shared/kit';
import { baseUrlOf, concurrencyKeyOf, RECORD_PATH, SUITEQL_PATH } from './account';

export type NetSuiteAuthentication = 'tba' | 'oAuth2';

/** Credential type of each `authentication` option. */
export function credentialTypeOf(authentication: NetSuiteAuthentication): string {
	return authentication === 'oAuth2' ? 'p2cNetSuiteOAuth2Api' : 'p2cNetSuiteTbaApi';
}

/** SuiteQL and record collections return at most 1,000 rows per page. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Codes NetSuite uses when it refuses work because of account governance rather than the request itself:
 * RESTlets answer 400 SSS_REQUEST_LIMIT_EXCEEDED, SOAP WS_REQUEST_BLOCKED, REST 429 (code commonly seen as
 * CONCURRENCY_LIMIT_EXCEEDED). A refused request was not processed, so it is safe to send again.
 */
export const THROTTLE_CODES = new Set([
	'SSS_REQUEST_LIMIT_EXCEEDED',
	'CONCURRENCY_LIMIT_EXCEEDED',
	'WS_REQUEST_BLOCKED',
	'EXCEEDED_CONCURRENCY_LIMIT',
	'REQUEST_LIMIT_EXCEEDED',
]);

interface ProblemDetail {
	detail?: string;
	'o:errorCode'?: string;
	'o:errorPath'?: string;
	'o:errorQueryParam'?: string;
	'o:errorHeader'?: string;
}

/**
 * NetSuite errors are problem+json: `{type, title, status, "o:errorDetails": [{detail, "o:errorCode",
 * "o:errorPath"}]}`. The token endpoint answers OAuth's `{error, error_description}` instead.
 */
export function parseNetSuiteError(body: unknown): VendorError | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const problem = body as IDataObject;
	const details = Array.isArray(problem['o:errorDetails']) ? (problem['o:errorDetails'] as ProblemDetail[]) : [];
	if (details.length) {
		const code = details.find((d) => d['o:errorCode'])?.['o:errorCode'] ?? String(problem.title ?? 'ERROR');
		const message = details.map((d) => d.detail).filter(Boolean).join(' | ') || String(problem.title ?? code);
		const paths = details.map((d) => d['o:errorPath']).filter((p): p is string => Boolean(p));
		const others = details
			.map((d) => d['o:errorQueryParam'] ?? d['o:errorHeader'])
			.filter((p): p is string => Boolean(p));
		return { code, message, fields: [...new Set(paths.length ? paths : others)] };
	}
	if (typeof problem.error === 'string') {
		return {
			code: problem.error,
			message: typeof problem.error_description === 'string' ? problem.error_description : problem.error,
			fields: [],
		};
	}
	if (typeof problem.title === 'string' && typeof problem.status === 'number') {
		return { code: `HTTP_${problem.status}`, message: problem.title, fields: [] };
	}
	return undefined;
}

export function isNetSuiteThrottle(failure: HttpFailure, error: VendorError | undefined): boolean {
	if (failure.status === 429) return true;
	return (failure.status === 400 || failure.status === 403) && !!error && THROTTLE_CODES.has(error.code);
}

export const NETSUITE_PROFILE: VendorProfile = {
	name: 'NetSuite',
	parseError: parseNetSuiteError,
	isThrottle: isNetSuiteThrottle,
};

export interface NetSuiteConnection {
	credentialType: string;
	baseUrl: string;
	concurrency: { key: string; limit: number };
	/** OAuth 2.0 access tokens expire: a 401 lets n8n fetch a new one and resend. */
	renewTokenOn401: boolean;
}

export async function netSuiteConnection(
	context: IAllExecuteFunctions,
	authentication: NetSuiteAuthentication,
): Promise<NetSuiteConnection> {
	const credentialType = credentialTypeOf(authentication);
	const credentials = await context.getCredentials(credentialType);
	const accountId = String(credentials.accountId ?? '');
	const limit = Number(credentials.concurrencyLimit ?? 5);
	return {
		credentialType,
		baseUrl: baseUrlOf(accountId, String(credentials.baseUrl ?? '')),
		concurrency: { key: concurrencyKeyOf(accountId), limit: Number.isFinite(limit) && limit > 0 ? limit : 5 },
		renewTokenOn401: authentication === 'oAuth2',
	};
}

export type QueryValue = string | number | boolean | undefined;

/** Query string with RFC 3986 encoding, built here (not by axios) so what is signed is what is sent. */
export function queryString(query: Record<string, QueryValue> = {}): string {
	const parts = Object.entries(query)
		.filter(([, value]) => value !== undefined && value !== '')
		.map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(String(value))}`);
	return parts.length ? `?${parts.join('&')}` : '';
}

function encodeRfc3986(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `/services/rest/record/v1/<type>[/<id>]`; the id is one path segment, checked by the kit (no `.`/`..`, no
 * slashes, no encoded characters) and encoded. An external id keeps its `eid:` prefix readable, as NetSuite
 * documents it. `field` names the parameter the id came from, for the error.
 */
export function recordPath(recordType: string, id?: string, field = 'recordId'): string {
	const type = pathSegment(recordType, 'resource');
	if (id === undefined) return `${RECORD_PATH}/${type}`;
	const segment = id.startsWith('eid:') ? `eid:${pathSegment(id.slice(4), field)}` : pathSegment(id, field);
	return `${RECORD_PATH}/${type}/${segment}`;
}

/** Path of an upsert by external id: `PUT …/<type>/eid:<externalId>`. */
export function externalIdPath(recordType: string, externalId: string): string {
	return recordPath(recordType, `eid:${externalId}`, 'externalId');
}

/** NetSuite answers create and upsert with 204 and a Location header ending in the internal id. */
export function idFromLocation(location: string | undefined): string | undefined {
	if (!location) return undefined;
	const path = location.split('?')[0].replace(/\/+$/, '');
	const last = path.slice(path.lastIndexOf('/') + 1);
	return last ? decodeURIComponent(last) : undefined;
}

export interface NetSuiteRequest {
	method: IHttpRequestMethods;
	/** Path on the account host, starting with /services/rest/. */
	path: string;
	query?: Record<string, QueryValue>;
	body?: IDataObject;
	headers?: IDataObject;
	itemIndex?: number;
	correlationId?: string;
	idempotent?: boolean;
}

export async function apiRequest<T = IDataObject>(
	context: IAllExecuteFunctions,
	connection: NetSuiteConnection,
	request: NetSuiteRequest,
): Promise<VendorResponse<T>> {
	const headers: IDataObject = { ...(request.headers ?? {}) };
	if (request.body !== undefined) headers['Content-Type'] = 'application/json';
	return await vendorRequest<T>(
		context,
		NETSUITE_PROFILE,
		{
			method: request.method,
			url: `${connection.baseUrl}${request.path}${queryString(request.query)}`,
			headers,
			body: request.body,
		},
		{
			credentialType: connection.credentialType,
			concurrency: connection.concurrency,
			correlationId: request.correlationId,
			itemIndex: request.itemIndex,
			idempotent: request.idempotent,
			renewTokenOn401: connection.renewTokenOn401,
		},
	);
}

export interface SuiteQlPage extends IDataObject {
	items: IDataObject[];
	hasMore: boolean;
	offset: number;
	count: number;
	totalResults?: number;
	links?: IDataObject[];
}

/** Where the next page starts: the `next` link's offset when NetSuite gives one, else offset + count. */
export function nextSuiteQlOffset(page: SuiteQlPage): number | undefined {
	if (page.hasMore !== true) return undefined;
	const links = Array.isArray(page.links) ? page.links : [];
	const href = links.find((link) => link.rel === 'next')?.href;
	if (typeof href === 'string') {
		const fromLink = Number(new URL(href, 'http://x').searchParams.get('offset'));
		if (Number.isInteger(fromLink) && fromLink > Number(page.offset ?? 0)) return fromLink;
	}
	return Number(page.offset ?? 0) + Number(page.count ?? page.items?.length ?? 0);
}

export interface SuiteQlOptions {
	/** Rows wanted; Infinity for all. */
	limit: number;
	/** Rows per request (1–1000); defaults to the limit, at most 1,000. */
	pageSize?: number;
	/** Row to start at (a multiple of the page size, as NetSuite requires); default 0. */
	offset?: number;
	itemIndex?: number;
	correlationId?: string;
}

/**
 * Runs a SuiteQL query page by page (`POST …/suiteql?limit&offset`, `Prefer: transient`). NetSuite wants
 * the offset to be a multiple of the limit, so the page size stays fixed for the whole walk.
 */
export async function suiteQlQuery(
	context: IAllExecuteFunctions,
	connection: NetSuiteConnection,
	q: string,
	options: SuiteQlOptions,
): Promise<IDataObject[]> {
	const wanted = options.pageSize ?? (Number.isFinite(options.limit) ? options.limit : MAX_PAGE_SIZE);
	const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(wanted)));
	const pages = walkPages<SuiteQlPage, number>(
		async (offset) =>
			(
				await apiRequest<SuiteQlPage>(context, connection, {
					method: 'POST',
					path: SUITEQL_PATH,
					query: { limit: pageSize, offset: offset ?? options.offset ?? 0 },
					body: { q },
					headers: { Prefer: 'transient' },
					// A query changes nothing: safe to send again after a lost answer.
					idempotent: true,
					itemIndex: options.itemIndex,
					correlationId: options.correlationId,
				})
			).body,
		nextSuiteQlOffset,
	);
	const rows = await collectRecords(pages, (page) => page.items ?? [], options.limit);
	// SuiteQL rows carry an empty `links` array; it says nothing about the row.
	return rows.map((row) => {
		const columns = { ...row };
		delete columns.links;
		return columns;
	});
}
