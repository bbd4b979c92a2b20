/**
 * Coupa Core API transport on the connector kit. Every request asks for JSON (`Accept: application/json`; Coupa
 * answers XML otherwise), is sent under the instance's rate limit (25 requests per second with a burst of 20,
 * a token bucket shared by every node of the package in the n8n process), and keeps Coupa's error body in the
 * NodeApiError. Lists are plain JSON arrays paged with `limit` (at most 50) and `offset`; filters are
 * `attribute[operator]=value` query parameters whose names are validated and whose values are only ever
 * values (encoded by the HTTP client, so a value can never add a filter).
 */
import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { InvalidInputError, collectRecords, vendorRequest, walkPages } from '../../shared/kit';
import type { HttpFailure, RetryPolicy, VendorError, VendorProfile, VendorResponse } from '../../shared/kit';
import { instanceUrlOf } from './auth';

export const CREDENTIAL_TYPE = 'p2cCoupaOAuth2Api';

/** Coupa's page size ceiling. */
export const MAX_LIMIT = 50;

/** "25 requests per second with a burst allowance of 20" (Compass, Exception Handling and Error Codes). */
export const COUPA_LIMIT = { perSecond: 25, burst: 20 };

/**
 * What the node's bucket holds to: Coupa's rate, and its burst less one request. Coupa counts a request when
 * it arrives, the node when it sends; a request that takes longer on the way (the first one also fetches the
 * token) makes the next ones arrive closer together than they were sent. The one request kept back absorbs
 * that, so the instance never answers 429 to this package; the sustained rate stays 25 per second.
 */
export const COUPA_RATE_LIMIT = { perSecond: COUPA_LIMIT.perSecond, burst: COUPA_LIMIT.burst - 1 };

export const FILTER_OPERATORS = ['contains', 'starts_with', 'ends_with', 'gt', 'lt', 'gt_or_eq', 'lt_or_eq', 'not_eq', 'in', 'not_in', 'blank'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number] | 'eq';

/** Query parameters Coupa reserves for paging and shaping; never usable as a filter attribute. */
const RESERVED_PARAMETERS = new Set(['limit', 'offset', 'fields', 'return_object', 'order_by', 'dir', 'filter', 'exported_after']);

/** An attribute as Coupa's filters name it: dashed or underscored, nested in brackets (`supplier[name]`). */
const ATTRIBUTE = /^[a-z][a-z0-9_-]*(\[[a-z][a-z0-9_-]*\])*$/i;

export interface CoupaFilter {
	attribute: string;
	operator: FilterOperator;
	value: string;
}

/** The query parameter of one filter: `updated_at[gt_or_eq]` → value. Attribute and operator are checked, the value is not touched. */
export function filterParameter(filter: CoupaFilter, field = 'filters'): [string, string] {
	const attribute = String(filter.attribute ?? '').trim();
	if (!ATTRIBUTE.test(attribute)) {
		throw new InvalidInputError(field, `${field}: "${attribute}" is not a Coupa attribute name (letters, digits, - and _, nested as parent[child]) (field: ${field})`);
	}
	if (RESERVED_PARAMETERS.has(attribute.toLowerCase().replace(/-/g, '_'))) {
		throw new InvalidInputError(field, `${field}: "${attribute}" is a paging or shaping parameter, not an attribute to filter on (field: ${field})`);
	}
	const operator = filter.operator ?? 'eq';
	if (operator !== 'eq' && !(FILTER_OPERATORS as readonly string[]).includes(operator)) {
		throw new InvalidInputError(field, `${field}: "${String(operator)}" is not a Coupa filter operator (${FILTER_OPERATORS.join(', ')}) (field: ${field})`);
	}
	const value = typeof filter.value === 'string' ? filter.value : String(filter.value ?? '');
	return [operator === 'eq' ? attribute : `${attribute}[${operator}]`, value];
}

/** Filters as query parameters; the same parameter twice is refused (one would silently win). */
export function filterQuery(filters: CoupaFilter[], field = 'filters'): IDataObject {
	const qs: IDataObject = {};
	for (const filter of filters) {
		const [name, value] = filterParameter(filter, field);
		if (name in qs) throw new InvalidInputError(field, `${field}: ${name} is given twice; Coupa takes one value per attribute and operator (use "in" for several) (field: ${field})`);
		qs[name] = value;
	}
	return qs;
}

export type ReturnObject = 'limited' | 'shallow' | 'none';

/** JSON text parsed, or undefined when it is not JSON (the caller names the field). */
function parsedJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** `fields=["id","invoice-number",{"invoice-lines":["id"]}]`: a JSON list of names or objects of nested lists. */
export function fieldsParameter(fields: unknown, field = 'fields'): string | undefined {
	if (fields === undefined || fields === null || fields === '') return undefined;
	let parsed: unknown = fields;
	if (typeof fields === 'string') {
		const text = fields.trim();
		if (!text) return undefined;
		parsed = text.startsWith('[') ? parsedJson(text) : text.split(',').map((name) => name.trim()).filter(Boolean);
	}
	const valid = (entry: unknown): boolean =>
		(typeof entry === 'string' && ATTRIBUTE.test(entry)) ||
		(entry !== null && typeof entry === 'object' && !Array.isArray(entry) && Object.entries(entry).every(([name, nested]) => ATTRIBUTE.test(name) && Array.isArray(nested) && nested.every(valid)));
	if (!Array.isArray(parsed) || !parsed.every(valid)) {
		throw new InvalidInputError(field, `${field}: list attribute names, e.g. ["id","invoice-number",{"invoice-lines":["id","total"]}] (field: ${field})`);
	}
	return JSON.stringify(parsed);
}

/**
 * Coupa's error bodies: `{"errors": {"invoice-number": ["has already been taken"]}}` (attribute → messages),
 * `{"errors": ["…"]}`, an OAuth error `{"error": "insufficient_scope", "error_description": "…"}`, or, should
 * a proxy drop the Accept header, the XML `<errors><error>…</error></errors>`.
 */
export function parseCoupaError(body: unknown): VendorError | undefined {
	if (typeof body === 'string') {
		const messages = [...body.matchAll(/<error(?:\s[^>]*)?>([\s\S]*?)<\/error>/g)].map((m) => m[1].trim()).filter(Boolean);
		return messages.length ? { code: 'errors', message: messages.join(' | '), fields: [] } : undefined;
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const record = body as IDataObject;
	if (typeof record.error === 'string') {
		return { code: record.error, message: typeof record.error_description === 'string' ? record.error_description : record.error, fields: [] };
	}
	const errors = record.errors;
	if (Array.isArray(errors) && errors.length) {
		return { code: 'errors', message: errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join(' | '), fields: [] };
	}
	if (errors && typeof errors === 'object') {
		const entries = Object.entries(errors as IDataObject);
		if (!entries.length) return undefined;
		const messages = entries.flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((message) => `${name} ${String(message)}`));
		const fields = entries.map(([name]) => name).filter((name) => name !== 'base');
		return { code: fields.length ? 'invalid_record' : 'errors', message: messages.join(' | '), fields };
	}
	return undefined;
}

/** Coupa signals its rate limit with 429; such a request was not processed, so it is resent (POST included). */
export function isCoupaThrottle(failure: HttpFailure): boolean {
	return failure.status === 429;
}

export const COUPA_PROFILE: VendorProfile = {
	name: 'Coupa',
	parseError: parseCoupaError,
	isThrottle: isCoupaThrottle,
	// The bucket refills a request every 40 ms; a short backoff is enough once the limiter holds the pace.
	retry: { baseDelayMs: 250, maxDelayMs: 10_000 },
};

export interface CoupaConnection {
	credentialType: string;
	/** `https://<instance>/api`. */
	apiUrl: string;
	/** The rate-limit bucket of the instance. */
	rateKey: string;
}

export async function coupaConnection(context: IAllExecuteFunctions): Promise<CoupaConnection> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const instance = instanceUrlOf(credentials);
	return { credentialType: CREDENTIAL_TYPE, apiUrl: `${instance}/api`, rateKey: `coupa:${instance.toLowerCase()}` };
}

export interface RequestOptions {
	method: IHttpRequestMethods;
	/** Path below `/api`, e.g. `/invoices/42`; every user value in it through `pathSegment`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	correlationId?: string;
	itemIndex?: number;
	idempotent?: boolean;
	retry?: Partial<RetryPolicy>;
}

export async function apiRequest<T = unknown>(context: IAllExecuteFunctions, connection: CoupaConnection, options: RequestOptions): Promise<VendorResponse<T>> {
	return await vendorRequest<T>(
		context,
		COUPA_PROFILE,
		{
			method: options.method,
			url: `${connection.apiUrl}${options.path}`,
			qs: options.qs,
			body: options.body,
			headers: { Accept: 'application/json', ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
		},
		{
			credentialType: connection.credentialType,
			rateLimit: { key: connection.rateKey, limit: COUPA_RATE_LIMIT },
			renewTokenOn401: true,
			correlationId: options.correlationId,
			itemIndex: options.itemIndex,
			idempotent: options.idempotent,
			retry: options.retry,
		},
	);
}

/** A list answer: Coupa sends a JSON array (an object is one record, nothing is none). */
export function recordsOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object') return [body as IDataObject];
	return [];
}

/**
 * Every record of a list (or up to `limit`), `MAX_LIMIT` per page, `offset` moved by the page size; a page
 * shorter than asked is the last.
 */
export async function listAll(
	context: IAllExecuteFunctions,
	connection: CoupaConnection,
	path: string,
	qs: IDataObject,
	options: { limit?: number; correlationId?: string; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	const pageSize = Math.min(MAX_LIMIT, options.limit && options.limit < MAX_LIMIT ? Math.max(1, Math.floor(options.limit)) : MAX_LIMIT);
	const walk = walkPages<{ records: IDataObject[]; offset: number }, number>(
		async (next) => {
			const offset = next ?? 0;
			const body = (await apiRequest(context, connection, { method: 'GET', path, qs: { ...qs, limit: pageSize, offset }, correlationId: options.correlationId, itemIndex: options.itemIndex })).body;
			return { records: recordsOf(body), offset };
		},
		(page) => (page.records.length < pageSize ? undefined : page.offset + page.records.length),
	);
	return await collectRecords(walk, (page) => page.records, options.limit);
}
