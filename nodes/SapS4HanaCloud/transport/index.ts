/**
 * SAP S/4HANA Cloud transport on the connector kit: OData v2 services under `<api host>/sap/opu/odata/sap/<SERVICE>`
 * (`{"d": …}` envelope, `results`, `__next`, `__count`), SAP Gateway's CSRF protection (the token is fetched once
 * per execution with `X-CSRF-Token: Fetch` and replayed with the session cookies it came with; a
 * `403 X-CSRF-Token: Required` is answered by fetching a new token once and resending, safe because SAP refused
 * the request before processing it), `sap-message` warnings, SAP's error body (T100 code, message,
 * errordetails with propertyref) kept in NodeApiError, and `$batch` with one changeset per item.
 */
import { NodeApiError } from 'n8n-workflow';
import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { InvalidInputError, asNodeError, collectRecords, odataNextLink, vendorRequest, walkPages } from '../../shared/kit';
import type { HttpFailure, RetryPolicy, VendorError, VendorProfile, VendorResponse } from '../../shared/kit';
import { buildBatch, odataLinkWithin, pairBatchResults, parseBatchResponse, splitBatchParts } from '../../shared/kit/odata';
import type { ODataBatchPairing, ODataBatchPart } from '../../shared/kit/odata';

export const SAP_BASIC_CREDENTIAL_NAME = 'p2cSapS4HanaCloudBasicApi';
export const SAP_CLIENT_GRANT_CREDENTIAL_NAME = 'p2cSapS4HanaCloudOAuth2Api';
export const CSRF_REQUIRED_CODE = 'CSRF_TOKEN_REQUIRED';

/** `{"error":{"code","message":{"value"},"innererror":{"errordetails":[{"code","message","propertyref","target"}]}}}`. */
export function parseSapError(body: unknown, failure?: HttpFailure): VendorError | undefined {
	if (failure?.status === 403 && (failure.headers['x-csrf-token'] ?? '').toLowerCase() === 'required') {
		return { code: CSRF_REQUIRED_CODE, message: typeof body === 'string' && body.trim() ? body.trim().slice(0, 200) : 'CSRF token validation failed', fields: [] };
	}
	if (typeof body === 'string' && /<faultstring[\s>]/.test(body)) {
		const message = /<faultstring[^>]*>([\s\S]*?)<\/faultstring>/.exec(body)?.[1] ?? 'SOAP fault';
		const code = /<faultcode[^>]*>([\s\S]*?)<\/faultcode>/.exec(body)?.[1] ?? 'SOAP_FAULT';
		return { code, message: message.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'), fields: [] };
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const error = (body as IDataObject).error as IDataObject | undefined;
	if (!error || typeof error !== 'object') return undefined;
	const messageValue = typeof error.message === 'string' ? error.message : typeof (error.message as IDataObject | undefined)?.value === 'string' ? String((error.message as IDataObject).value) : undefined;
	if (messageValue === undefined) return undefined;
	const details = (((error.innererror ?? {}) as IDataObject).errordetails ?? []) as IDataObject[];
	const fields = [...new Set((Array.isArray(details) ? details : []).map((detail) => String(detail.propertyref || detail.target || '')).filter((field) => field !== '' && field !== '/'))];
	const extra = (Array.isArray(details) ? details : []).map((detail) => String(detail.message ?? '')).filter((text) => text && text !== messageValue);
	const code = typeof error.code === 'string' && error.code ? error.code : 'error';
	return { code, message: extra.length ? `${messageValue} (${[...new Set(extra)].join('; ')})` : messageValue, fields };
}

export const SAP_PROFILE: VendorProfile = {
	name: 'SAP S/4HANA Cloud',
	parseError: parseSapError,
	// SAP publishes no rate limits for these APIs; 429 (and 503 with SAP's own error body) mean "not processed".
	isThrottle: (failure, vendorError) => failure.status === 429 || (failure.status === 503 && vendorError !== undefined),
	// SOAP sends its faults with HTTP 500: SAP's refusal, never a lost answer.
	isRefusal: (failure, vendorError) => failure.status === 500 && vendorError !== undefined && typeof failure.body === 'string' && failure.body.includes('Fault'),
	retry: { baseDelayMs: 1_000 },
};

/** One execution's session with the tenant: the CSRF token and the cookies of the session it belongs to. */
export interface SapSession {
	token?: string;
	cookies: Map<string, string>;
	/** How many tokens this execution fetched (the first and any after a refusal). */
	fetches: number;
}

export interface SapConnection {
	credentialType: string;
	/** `https://my123456-api.s4hana.cloud.sap`. */
	host: string;
	session: SapSession;
}

export async function sapConnection(context: IAllExecuteFunctions, credentialType: string): Promise<SapConnection> {
	const credentials = await context.getCredentials(credentialType);
	const raw = String(credentials.hostUrl ?? '').trim();
	const origin = URL.canParse(raw) ? new URL(raw).origin : undefined;
	if (!origin) throw new InvalidInputError('hostUrl', `hostUrl: "${raw}" is not a URL (field: hostUrl)`);
	return { credentialType, host: origin, session: { cookies: new Map(), fetches: 0 } };
}

export interface SapRequest {
	method: IHttpRequestMethods | 'MERGE';
	/** The service root, e.g. `/sap/opu/odata/sap/API_BUSINESS_PARTNER`. */
	service: string;
	/** Below the service root (`/A_BusinessPartner('1')`), or an absolute `__next` link. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: Record<string, string>;
	correlationId?: string;
	itemIndex?: number;
	idempotent?: boolean;
	retry?: Partial<RetryPolicy>;
	/** Send the body as it is (multipart, XML) rather than as JSON. */
	raw?: boolean;
	/** SOAP services are not CSRF-protected: no token is fetched or sent. */
	noCsrf?: boolean;
}

export interface SapResponse<T> extends VendorResponse<T> {
	/** The `sap-message` header's messages (warnings and infos of a successful request). */
	sapMessages: IDataObject[];
}

function header(headers: Record<string, unknown>, name: string): unknown {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

/** Keeps the cookies a response sets (name=value only; attributes are the browser's business). */
export function rememberCookies(session: SapSession, headers: Record<string, unknown>): void {
	const setCookie = header(headers, 'set-cookie');
	const lines = Array.isArray(setCookie) ? setCookie.map(String) : typeof setCookie === 'string' ? [setCookie] : [];
	for (const line of lines) {
		const pair = line.split(';')[0];
		const eq = pair.indexOf('=');
		if (eq > 0) session.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
	}
}

function cookieHeader(session: SapSession): Record<string, string> {
	return session.cookies.size ? { Cookie: [...session.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {};
}

/** The messages of a `sap-message` header: one JSON object with its `details`, flattened. */
export function sapMessages(headers: Record<string, unknown>): IDataObject[] {
	const raw = header(headers, 'sap-message');
	if (typeof raw !== 'string' || raw.trim() === '') return [];
	try {
		const parsed = JSON.parse(raw) as IDataObject;
		const details = Array.isArray(parsed.details) ? (parsed.details as IDataObject[]) : [];
		const own = { code: parsed.code, message: parsed.message, severity: parsed.severity, target: parsed.target ?? '' };
		return [own, ...details.map((detail) => ({ code: detail.code, message: detail.message, severity: detail.severity, target: detail.target ?? '' }))];
	} catch {
		return [{ message: raw, severity: 'info' }];
	}
}

const MODIFYING = new Set(['POST', 'PUT', 'PATCH', 'MERGE', 'DELETE']);

/** Fetches a CSRF token for the session (and the session cookie with it). */
export async function fetchCsrfToken(context: IAllExecuteFunctions, connection: SapConnection, service: string, options: { correlationId?: string; itemIndex?: number } = {}): Promise<string> {
	const response = await vendorRequest<unknown>(
		context,
		SAP_PROFILE,
		{ method: 'GET', url: `${connection.host}${service}/`, headers: { 'X-CSRF-Token': 'Fetch', ...cookieHeader(connection.session) } },
		{ credentialType: connection.credentialType, correlationId: options.correlationId, itemIndex: options.itemIndex, renewTokenOn401: connection.credentialType === SAP_CLIENT_GRANT_CREDENTIAL_NAME },
	);
	rememberCookies(connection.session, response.headers);
	const token = header(response.headers, 'x-csrf-token');
	if (typeof token !== 'string' || token === '' || token.toLowerCase() === 'required') {
		throw new Error(`SAP S/4HANA Cloud: ${service} gave no CSRF token; check that the communication arrangement covers this service`);
	}
	connection.session.token = token;
	connection.session.fetches++;
	return token;
}

/** The write's answer was lost (connection reset, timeout, a 5xx without SAP's body): SAP may have committed it. */
export function isLostAnswer(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.retryVerdict === 'not idempotent: the write may have been committed';
}

function isCsrfRefusal(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.vendorErrorCode === CSRF_REQUIRED_CODE;
}

export async function sapRequest<T = IDataObject>(context: IAllExecuteFunctions, connection: SapConnection, request: SapRequest): Promise<SapResponse<T>> {
	// An absolute path is a link SAP gave (`__next`): followed with the credential only under the service's root.
	const url = /^https?:\/\//.test(request.path)
		? odataLinkWithin(request.path, `${connection.host}${request.service}`, 'SAP S/4HANA Cloud')
		: `${connection.host}${request.service}${request.path}`;
	const modifying = MODIFYING.has(request.method) && !request.noCsrf;
	const send = async (): Promise<VendorResponse<T>> => {
		if (modifying && !connection.session.token) await fetchCsrfToken(context, connection, request.service, request);
		const headers: Record<string, string> = {
			Accept: 'application/json',
			...(request.body !== undefined && !request.raw ? { 'Content-Type': 'application/json' } : {}),
			...cookieHeader(connection.session),
			...(modifying ? { 'X-CSRF-Token': connection.session.token as string } : {}),
			...(request.headers ?? {}),
		};
		// MERGE is tunnelled through POST (X-HTTP-Method), as SAP's own clients do where a proxy refuses MERGE.
		const method = request.method === 'MERGE' ? 'POST' : request.method;
		if (request.method === 'MERGE') headers['X-HTTP-Method'] = 'MERGE';
		return await vendorRequest<T>(
			context,
			SAP_PROFILE,
			{ method, url, qs: request.qs, body: request.body as IDataObject | undefined, headers, ...(request.raw ? { json: false } : {}) },
			{
				credentialType: connection.credentialType,
				correlationId: request.correlationId,
				itemIndex: request.itemIndex,
				idempotent: request.idempotent,
				retry: request.retry,
				renewTokenOn401: connection.credentialType === SAP_CLIENT_GRANT_CREDENTIAL_NAME,
			},
		);
	};
	let response: VendorResponse<T>;
	try {
		response = await send();
	} catch (error) {
		if (!modifying || !isCsrfRefusal(error)) throw asNodeError(context.getNode(), error, request.itemIndex);
		// The token expired or the session was lost: fetch once and resend (SAP refused the request unprocessed).
		connection.session.token = undefined;
		response = await send();
	}
	rememberCookies(connection.session, response.headers);
	return { ...response, sapMessages: sapMessages(response.headers) };
}

/** The `d` of a v2 answer: a record, or `{results, __count, __next}`. */
export function unwrap(body: unknown): IDataObject {
	const d = (body as IDataObject | undefined)?.d;
	if (!d || typeof d !== 'object') throw new Error('SAP S/4HANA Cloud answered without the OData v2 "d" envelope');
	return d as IDataObject;
}

/** A v2 record without its `__metadata`, and expanded collections as arrays. */
export function plainRecord(record: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(record)) {
		if (name === '__metadata' || name === '__deferred') continue;
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			const inner = value as IDataObject;
			if (Array.isArray(inner.results)) {
				out[name] = (inner.results as IDataObject[]).map(plainRecord);
				continue;
			}
			if (inner.__deferred) continue;
			out[name] = '__metadata' in inner ? plainRecord(inner) : value;
			continue;
		}
		out[name] = value;
	}
	return out;
}

/** Every record of a query (or up to `limit`), following `__next` (an absolute URL with a `$skiptoken`). */
export async function listAll(
	context: IAllExecuteFunctions,
	connection: SapConnection,
	service: string,
	path: string,
	qs: IDataObject,
	options: { limit?: number; correlationId?: string; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	const query: IDataObject = { ...qs, $format: 'json' };
	if (options.limit !== undefined && qs.$top === undefined) query.$top = options.limit;
	const pages = walkPages<IDataObject, string>(
		async (next) => (await sapRequest<IDataObject>(context, connection, next ? { method: 'GET', service, path: next, correlationId: options.correlationId, itemIndex: options.itemIndex } : { method: 'GET', service, path, qs: query, correlationId: options.correlationId, itemIndex: options.itemIndex })).body,
		(page) => odataNextLink(page),
	);
	return await collectRecords(pages, (page) => {
		const results = unwrap(page).results;
		return Array.isArray(results) ? (results as IDataObject[]).map(plainRecord) : [];
	}, options.limit);
}

/**
 * Sends parts as `$batch` requests (changesets kept whole, at most 1,000 parts each) with the CSRF token, and
 * pairs every part's answer back to it (kit pairBatchResults). SAP answers a failed changeset with its one error
 * and goes on with the next, so with one changeset per item a refused item fails alone. A batch whose answer is
 * lost is not resent here (its writes may have been committed); a CSRF refusal of the whole batch is.
 */
export async function sendBatch(
	context: IAllExecuteFunctions,
	connection: SapConnection,
	service: string,
	parts: ODataBatchPart[],
	options: { correlationId?: string } = {},
): Promise<Array<ODataBatchPairing & { sapMessages: IDataObject[] }>> {
	const out: Array<ODataBatchPairing & { sapMessages: IDataObject[] }> = [];
	for (const slice of splitBatchParts(parts)) {
		const batch = buildBatch(slice.parts);
		const response = await sapRequest<string>(context, connection, {
			method: 'POST',
			service,
			path: '/$batch',
			body: batch.body,
			raw: true,
			headers: { 'Content-Type': batch.contentType, Accept: 'multipart/mixed' },
			correlationId: options.correlationId,
			idempotent: false,
		});
		const contentType = String(header(response.headers, 'content-type') ?? '');
		for (const pairing of pairBatchResults(slice.parts, parseBatchResponse(contentType, String(response.body)))) {
			out.push({ ...pairing, index: slice.indices[pairing.index], sapMessages: pairing.response && pairing.outcome === 'ok' ? sapMessages(pairing.response.headers) : [] });
		}
	}
	return out.sort((a, b) => a.index - b.index);
}

/** `/Date(1768262400000)/` → `2026-01-13` (an Edm.DateTime is a UTC date at midnight). */
export function fromV2Date(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
	if (!match) return undefined;
	return new Date(Number(match[1])).toISOString().slice(0, 10);
}

/** `/Date(ms)/` → the full ISO date-time in UTC. */
export function fromV2DateTime(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
	return match ? new Date(Number(match[1])).toISOString() : undefined;
}

/** `2026-01-13` → `/Date(1768262400000)/`; refuses anything that is not a calendar date, naming the field. */
export function toV2Date(value: string, field: string): string {
	const text = value.trim().slice(0, 10);
	const ms = Date.parse(`${text}T00:00:00Z`);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
		throw new InvalidInputError(field, `${field}: ${JSON.stringify(value)} is not a date (YYYY-MM-DD) (field: ${field})`);
	}
	return `/Date(${ms})/`;
}

/** `datetime'2026-01-13T00:00:00'`: a v2 filter literal for a date. */
export function v2DateLiteral(date: string, field: string): string {
	toV2Date(date, field);
	return `datetime'${date.trim().slice(0, 10)}T00:00:00'`;
}
