/**
 * Salesforce transport on the connector kit: the vendor profile (error arrays, throttle signals), versioned
 * REST paths relative to the instance URL the credential caches, SOQL queries that follow nextRecordsUrl,
 * and the API usage Salesforce reports in Sforce-Limit-Info.
 */
import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { collectRecords, linkWithin, salesforceNextRecordsUrl, vendorRequest, walkPages } from '../../shared/kit';
import type { HttpFailure, RetryPolicy, VendorError, VendorProfile, VendorResponse } from '../../shared/kit';
import { apiVersionOf } from './auth';

export type SalesforceAuthentication = 'jwt' | 'clientCredentials';

export function credentialTypeOf(authentication: SalesforceAuthentication): string {
	return authentication === 'clientCredentials' ? 'p2cSalesforceClientCredentialsApi' : 'p2cSalesforceJwtApi';
}

/** Salesforce's per-call record limit for sObject Collections. */
export const COLLECTION_LIMIT = 200;
/** Composite: at most 25 subrequests per call. */
export const COMPOSITE_LIMIT = 25;

/**
 * Salesforce REST errors are an array `[{message, errorCode, fields}]`; collection results carry
 * `{statusCode, message, fields}`; the token endpoint answers `{error, error_description}`.
 */
export function parseSalesforceError(body: unknown): VendorError | undefined {
	const list = Array.isArray(body) ? body : body && typeof body === 'object' && !Array.isArray(body) ? [body] : [];
	const entries = (list as IDataObject[]).filter((e) => e && typeof e === 'object');
	const first = entries.find((e) => typeof e.errorCode === 'string' || typeof e.statusCode === 'string');
	if (first) {
		const fields = entries.flatMap((e) => (Array.isArray(e.fields) ? (e.fields as string[]) : []));
		return {
			code: String(first.errorCode ?? first.statusCode),
			message: entries.map((e) => String(e.message ?? '')).filter(Boolean).join(' | '),
			fields: [...new Set(fields)],
		};
	}
	const oauth = entries[0];
	if (oauth && typeof oauth.error === 'string') {
		return { code: oauth.error, message: String(oauth.error_description ?? oauth.error), fields: [] };
	}
	return undefined;
}

/**
 * Salesforce never answers 429: a spent daily allocation or too many concurrent long requests is
 * `403 REQUEST_LIMIT_EXCEEDED`, and a busy instance `503 SERVER_UNAVAILABLE`. Neither processed the request.
 * Only Salesforce's own error body says so: a bare 503 or a proxy's HTML page may follow a processed request,
 * so it is a lost answer (resent only when the request is idempotent).
 */
export function isSalesforceThrottle(failure: HttpFailure, error: VendorError | undefined): boolean {
	if (failure.status === 403 && error?.code === 'REQUEST_LIMIT_EXCEEDED') return true;
	if (failure.status === 503 && error?.code === 'SERVER_UNAVAILABLE') return true;
	return failure.status === 429;
}

export const SALESFORCE_PROFILE: VendorProfile = {
	name: 'Salesforce',
	parseError: parseSalesforceError,
	isThrottle: isSalesforceThrottle,
};

/** `Sforce-Limit-Info: api-usage=18/15000` → { used: 18, limit: 15000 }. */
export function parseLimitInfo(header: string | undefined): { used: number; limit: number } | undefined {
	const match = /api-usage=(\d+)\/(\d+)/.exec(header ?? '');
	return match ? { used: Number(match[1]), limit: Number(match[2]) } : undefined;
}

export interface SalesforceConnection {
	credentialType: string;
	apiVersion: string;
	/** The last API usage Salesforce reported on this connection. */
	apiUsage?: { used: number; limit: number };
}

export async function salesforceConnection(
	context: IAllExecuteFunctions,
	authentication: SalesforceAuthentication,
): Promise<SalesforceConnection> {
	const credentialType = credentialTypeOf(authentication);
	const credentials = await context.getCredentials(credentialType);
	return { credentialType, apiVersion: apiVersionOf(credentials) };
}

export interface RequestOptions {
	method: IHttpRequestMethods;
	/** Path below /services/data/vNN.N (e.g. `/sobjects/Account`), or a full `/services/data/...` path. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: IDataObject;
	correlationId?: string;
	itemIndex?: number;
	idempotent?: boolean;
	retry?: Partial<RetryPolicy>;
}

/** One request to the org's REST API (relative to the instance URL the credential holds). */
export async function apiRequest<T = IDataObject>(
	context: IAllExecuteFunctions,
	connection: SalesforceConnection,
	options: RequestOptions,
): Promise<VendorResponse<T>> {
	const url = options.path.startsWith('/services/') ? options.path : `/services/data/${connection.apiVersion}${options.path}`;
	const response = await vendorRequest<T>(
		context,
		SALESFORCE_PROFILE,
		{
			method: options.method,
			url,
			qs: options.qs,
			body: options.body,
			headers: { ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(options.headers ?? {}) },
		},
		{
			credentialType: connection.credentialType,
			correlationId: options.correlationId,
			itemIndex: options.itemIndex,
			idempotent: options.idempotent,
			retry: options.retry,
			renewTokenOn401: true,
		},
	);
	connection.apiUsage = parseLimitInfo(response.headers['sforce-limit-info']) ?? connection.apiUsage;
	return response;
}

export interface QueryOptions {
	correlationId?: string;
	itemIndex?: number;
	/** Stop after this many records (the rest of the result set is not fetched). */
	limit?: number;
	/** Sforce-Query-Options batchSize hint, 200..2000. */
	batchSize?: number;
}

/** Runs a SOQL query and follows nextRecordsUrl until `done` or `limit` records are in hand. */
export async function queryAll(
	context: IAllExecuteFunctions,
	connection: SalesforceConnection,
	soql: string,
	options: QueryOptions = {},
): Promise<IDataObject[]> {
	const headers = options.batchSize ? { 'Sforce-Query-Options': `batchSize=${options.batchSize}` } : undefined;
	const pages = walkPages<IDataObject, string>(
		async (nextRecordsUrl) =>
			(
				await apiRequest<IDataObject>(context, connection, {
					method: 'GET',
					// The instance's own query locator path only: a link elsewhere is refused, never sent the session.
					path: nextRecordsUrl ? linkWithin(nextRecordsUrl, '/services/data', 'Salesforce') : '/query',
					qs: nextRecordsUrl ? undefined : { q: soql },
					headers,
					correlationId: options.correlationId,
					itemIndex: options.itemIndex,
				})
			).body,
		salesforceNextRecordsUrl,
	);
	return await collectRecords(pages, (page) => (Array.isArray(page.records) ? (page.records as IDataObject[]) : []), options.limit);
}
