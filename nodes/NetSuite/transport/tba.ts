/**
 * NetSuite Token-Based Authentication: OAuth 1.0a (RFC 5849) with HMAC-SHA256 and a realm.
 * The signature covers the method, the base URL and every query parameter (so SuiteQL's `limit`/`offset`
 * are signed) plus form parameters; a JSON body is not signed and `realm` is only in the header.
 */
import { createHmac, randomBytes } from 'crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

export interface TbaKeys {
	consumerKey: string;
	consumerSecret: string;
	tokenId: string;
	tokenSecret: string;
	realm: string;
}

export interface TbaRequest {
	method: string;
	/** Absolute URL, query string included. */
	url: string;
	/** Query parameters given apart from the URL (n8n's `qs`). */
	qs?: IDataObject;
	/** Parameters of an application/x-www-form-urlencoded body. */
	form?: Array<[string, string]>;
}

export type ParameterPair = [string, string];

/** RFC 3986 unreserved characters stay, everything else is %XX (RFC 5849 3.6). */
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeComponent(value: string): string {
	// RFC 5849 3.4.1.3.1: form and query parameters are decoded as application/x-www-form-urlencoded.
	return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** RFC 5849 3.4.1.2: scheme and host lower case, default port dropped, no query or fragment. */
export function baseStringUri(url: string): string {
	const parsed = new URL(url);
	const scheme = parsed.protocol.toLowerCase();
	const defaultPort = (scheme === 'http:' && parsed.port === '80') || (scheme === 'https:' && parsed.port === '443');
	const port = parsed.port && !defaultPort ? `:${parsed.port}` : '';
	return `${scheme}//${parsed.hostname.toLowerCase()}${port}${parsed.pathname}`;
}

/** Query parameters of a URL as decoded name/value pairs, in order. */
export function queryPairs(url: string): ParameterPair[] {
	const index = url.indexOf('?');
	if (index < 0) return [];
	const query = url.slice(index + 1).split('#')[0];
	if (!query) return [];
	return query.split('&').filter(Boolean).map((part) => {
		const eq = part.indexOf('=');
		return eq < 0 ? [decodeComponent(part), ''] : [decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))];
	});
}

function qsPairs(qs: IDataObject | undefined): ParameterPair[] {
	const pairs: ParameterPair[] = [];
	for (const [name, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === null) continue;
		for (const one of Array.isArray(value) ? value : [value]) pairs.push([name, String(one)]);
	}
	return pairs;
}

/** RFC 5849 3.4.1.3.2: encode names and values, sort by name then value, join. */
export function normalizeParameters(pairs: ParameterPair[]): string {
	return pairs
		.map(([name, value]) => [percentEncode(name), percentEncode(value)] as ParameterPair)
		.sort(([an, av], [bn, bv]) => (an === bn ? (av < bv ? -1 : av > bv ? 1 : 0) : an < bn ? -1 : 1))
		.map(([name, value]) => `${name}=${value}`)
		.join('&');
}

/** RFC 5849 3.4.1: METHOD & enc(base URI) & enc(normalized parameters). */
export function signatureBaseString(method: string, url: string, parameters: ParameterPair[]): string {
	return [method.toUpperCase(), percentEncode(baseStringUri(url)), percentEncode(normalizeParameters(parameters))].join('&');
}

/** HMAC-SHA256 keyed with enc(consumer secret) & enc(token secret), base64. */
export function hmacSha256Signature(baseString: string, consumerSecret: string, tokenSecret: string): string {
	const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
	return createHmac('sha256', key).update(baseString).digest('base64');
}

export function newNonce(): string {
	return randomBytes(16).toString('hex');
}

/** The Authorization header for one request. Nonce and timestamp are fresh unless given (tests). */
export function tbaAuthorizationHeader(
	request: TbaRequest,
	keys: TbaKeys,
	fixed: { nonce?: string; timestamp?: number } = {},
): string {
	const oauth: ParameterPair[] = [
		['oauth_consumer_key', keys.consumerKey],
		['oauth_token', keys.tokenId],
		['oauth_signature_method', 'HMAC-SHA256'],
		['oauth_timestamp', String(fixed.timestamp ?? Math.floor(Date.now() / 1000))],
		['oauth_nonce', fixed.nonce ?? newNonce()],
		['oauth_version', '1.0'],
	];
	const parameters = [...oauth, ...queryPairs(request.url), ...qsPairs(request.qs), ...(request.form ?? [])];
	const signature = hmacSha256Signature(
		signatureBaseString(request.method, request.url, parameters),
		keys.consumerSecret,
		keys.tokenSecret,
	);
	const fields = [['realm', keys.realm], ...oauth, ['oauth_signature', signature]];
	return 'OAuth ' + fields.map(([name, value]) => `${name}="${percentEncode(value)}"`).join(',');
}

function absoluteUrl(options: IHttpRequestOptions): string {
	// n8n's HTTP Request node (predefined credential type) hands the credential request-library options: `uri`.
	const url = options.url ?? (options as IHttpRequestOptions & { uri?: string }).uri ?? '';
	if (/^https?:\/\//i.test(url)) return url;
	const base = (options.baseURL ?? '').replace(/\/+$/, '');
	return `${base}${url.startsWith('/') ? '' : '/'}${url}`;
}

function formPairs(options: IHttpRequestOptions): ParameterPair[] | undefined {
	const headers = (options.headers ?? {}) as IDataObject;
	const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
	if (!/application\/x-www-form-urlencoded/i.test(String(contentType ?? ''))) return undefined;
	if (typeof options.body === 'string') return queryPairs(`?${options.body}`);
	if (options.body && typeof options.body === 'object') return qsPairs(options.body as IDataObject);
	return undefined;
}

/** Signs n8n request options in place of a generic `authenticate`: each call gets its own nonce. */
export function signRequestOptions(options: IHttpRequestOptions, keys: TbaKeys): IHttpRequestOptions {
	const header = tbaAuthorizationHeader(
		{ method: options.method ?? 'GET', url: absoluteUrl(options), qs: options.qs, form: formPairs(options) },
		keys,
	);
	return { ...options, headers: { ...(options.headers ?? {}), Authorization: header } };
}
