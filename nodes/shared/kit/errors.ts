import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/** A vendor error reduced to what every vendor has: a code, a message and the fields it names. */
export interface VendorError {
	code: string;
	message: string;
	fields: string[];
}

/** The parts of a failed HTTP exchange that retry and error mapping need, whatever threw it. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body: unknown;
	/** Node.js network error code (ECONNRESET, ECONNREFUSED, ETIMEDOUT …) when no response arrived. */
	networkCode?: string;
	message: string;
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return out;
	for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

function parseMaybeJson(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
	try {
		return JSON.parse(trimmed);
	} catch {
		return body;
	}
}

/** A vendor's non-2xx answer, received in full (the kit asks n8n not to throw on HTTP status). */
export function responseFailure(statusCode: number, headers: unknown, body: unknown): HttpFailure {
	return {
		status: statusCode,
		headers: lowerCaseHeaders(headers),
		body: parseMaybeJson(body),
		message: `Request failed with status code ${statusCode}`,
	};
}

/**
 * Normalises what n8n's HTTP helpers throw. n8n versions differ: some rethrow axios errors
 * (`error.response.{status,headers,data}`), some wrap them (`error.cause`, `error.httpCode`, `error.context`).
 */
export function toHttpFailure(error: unknown): HttpFailure {
	const e = (error ?? {}) as Record<string, any>;
	const candidates = [e, e.cause, e.cause?.cause].filter(Boolean) as Array<Record<string, any>>;
	let status: number | undefined;
	let headers: Record<string, string> = {};
	let body: unknown;
	let networkCode: string | undefined;
	for (const c of candidates) {
		const response = c.response;
		// n8n wraps network failures in a NodeApiError whose httpCode is the Node.js error code.
		if (!networkCode && typeof c.httpCode === 'string' && NETWORK_CODES.has(c.httpCode)) networkCode = c.httpCode;
		if (status === undefined) {
			const s = response?.status ?? response?.statusCode ?? c.httpCode ?? c.statusCode ?? c.status;
			const n = typeof s === 'string' ? Number.parseInt(s, 10) : s;
			if (typeof n === 'number' && Number.isFinite(n) && n >= 100) status = n;
		}
		if (Object.keys(headers).length === 0 && response?.headers) headers = lowerCaseHeaders(response.headers);
		if (body === undefined && response && ('data' in response || 'body' in response)) {
			body = parseMaybeJson(response.data ?? response.body);
		}
		if (!networkCode && typeof c.code === 'string' && NETWORK_CODES.has(c.code)) networkCode = c.code;
	}
	if (body === undefined && e.description) body = parseMaybeJson(e.description);
	return { status, headers, body, networkCode, message: String(e.message ?? 'Request failed') };
}

/** A NodeApiError that keeps the vendor's own error code, message and fields, so users can act on them. */
export function vendorApiError(
	node: INode,
	vendorName: string,
	failure: HttpFailure,
	vendorError: VendorError | undefined,
	itemIndex?: number,
	/** Said after the vendor's error, e.g. why the kit stopped retrying. */
	note?: string,
): NodeApiError {
	const code = vendorError?.code ?? failure.networkCode ?? (failure.status ? `HTTP_${failure.status}` : 'UNKNOWN');
	const message = vendorError?.message ?? failure.message;
	const fields = vendorError?.fields ?? [];
	const fieldText = fields.length ? ` (field: ${fields.join(', ')})` : '';
	const error = new NodeApiError(
		node,
		{ message, code, fields, status: failure.status ?? null } as unknown as JsonObject,
		{
			message: `${vendorName}: ${code}: ${message}${fieldText}${note ? `; ${note}` : ''}`,
			description: fields.length ? `Fields named by ${vendorName}: ${fields.join(', ')}` : undefined,
			httpCode: failure.status ? String(failure.status) : undefined,
			itemIndex,
		},
	);
	error.context.vendorErrorCode = code;
	error.context.vendorErrorMessage = message;
	error.context.vendorErrorFields = fields;
	return error;
}

/**
 * What a node throws for a failure it caught and does not handle: a NodeApiError (the kit's, with the vendor's code
 * and fields) or NodeOperationError passes unchanged; anything else becomes a NodeOperationError, so n8n always
 * shows a node error.
 */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const wrapped = new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
	// Keep the code and fields an input error names (e.g. the kit's InvalidInputError), for the item's error output.
	const context = (error as { context?: unknown } | undefined)?.context;
	if (context && typeof context === 'object') Object.assign(wrapped.context, context);
	if (itemIndex !== undefined) wrapped.context.itemIndex = itemIndex;
	return wrapped;
}
