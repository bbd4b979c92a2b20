/**
 * OData v4 building blocks shared by the Microsoft transports (Dataverse Web API, Finance & Operations data
 * entities): literals and key predicates, the `$batch` multipart request and response, and the pairing of
 * per-part results back to the parts (and so to items). Pure: no n8n runtime, no I/O.
 */
import { randomUUID } from 'crypto';

import { BatchResultMismatchError } from './batch';
import { linkWithin } from './links';
import { InvalidInputError } from './path';

/** Headers every OData v4 request carries. */
export const ODATA_HEADERS: Readonly<Record<string, string>> = Object.freeze({
	'OData-MaxVersion': '4.0',
	'OData-Version': '4.0',
	Accept: 'application/json',
});

/** The OData limit on requests in one `$batch` (Dataverse documents 1,000; F&O follows the same rule). */
export const ODATA_BATCH_MAX_REQUESTS = 1000;

/** `Prefer` value asking the service for pages of at most `pageSize` records (answered with `@odata.nextLink`). */
export function odataMaxPageSizePrefer(pageSize: number): string {
	if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`OData page size must be a positive integer, got ${pageSize}`);
	return `odata.maxpagesize=${pageSize}`;
}

/** An OData string literal, quotes included: a single quote is doubled (`O'Brien` → `'O''Brien'`). */
export function odataStringLiteral(value: string): string {
	return `'${String(value).replace(/'/g, "''")}'`;
}

/** OData simple identifiers (property names in key predicates): a letter or underscore, then word characters. */
const ODATA_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** A property name a user typed (a filter or sort field): refused unless it is an OData identifier, never escaped. */
export function odataPropertyName(value: unknown, field: string): string {
	const name = String(value ?? '').trim();
	if (!ODATA_IDENTIFIER.test(name)) throw new InvalidInputError(field, `${field}: "${name}" is not a field name (letters, digits, underscores) (field: ${field})`);
	return name;
}

/** A number or boolean a user typed for a `$filter` comparison, checked so it cannot carry more syntax. */
export function odataPlainLiteral(value: string, type: 'number' | 'boolean', property: string, field: string): string {
	const text = value.trim();
	if (type === 'number') {
		if (!/^-?\d+(\.\d+)?$/.test(text)) throw new InvalidInputError(field, `${field}: ${property} needs a number, got ${JSON.stringify(value)} (field: ${field})`);
		return text;
	}
	if (!/^(true|false)$/i.test(text)) throw new InvalidInputError(field, `${field}: ${property} needs true or false (field: ${field})`);
	return text.toLowerCase();
}

const ODATA_COMPARISON_OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

/**
 * One `$filter` comparison, the literal already formatted by the caller. String functions differ by version: v4's
 * `contains`/`startswith` are boolean expressions; v2's `substringof`/`startswith` are compared with `eq true`.
 */
export function odataComparison(
	property: string,
	operator: string,
	literal: string,
	options: { field: string; version: 'v2' | 'v4'; functions: readonly string[] },
): string {
	if (options.functions.includes(operator)) {
		const call = `${operator}(${property},${literal})`;
		return options.version === 'v2' ? `${call} eq true` : call;
	}
	if (!ODATA_COMPARISON_OPERATORS.includes(operator)) throw new InvalidInputError(options.field, `${options.field}: unknown operator ${operator} (field: ${options.field})`);
	return `${property} ${operator} ${literal}`;
}

/** The conditions present, joined with `and` (each parenthesised when there are several). */
export function odataAnd(...conditions: Array<string | undefined>): string | undefined {
	const present = conditions.filter((c): c is string => !!c);
	if (!present.length) return undefined;
	return present.length === 1 ? present[0] : present.map((c) => `(${c})`).join(' and ');
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
	return typeof value === 'string' && GUID.test(value);
}

function hasControlCharacter(value: string): boolean {
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
	}
	return false;
}

/** A key value that is an `Edm.Guid` (a Dataverse lookup in an alternate key, `_primarycontactid_value`): written unquoted. */
export interface ODataGuidValue {
	readonly edmType: 'Edm.Guid';
	readonly value: string;
}

/**
 * Marks a key value as a GUID, so the predicate writes it unquoted as OData requires for `Edm.Guid`
 * (`(_primarycontactid_value=00000000-…)`). A plain string is always a quoted `Edm.String`, even when it looks
 * like a GUID, since text keys (external ids) may hold GUIDs.
 */
export function odataGuid(value: string): ODataGuidValue {
	const trimmed = String(value ?? '').trim();
	if (!isGuid(trimmed)) throw new Error(`"${String(value)}" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
	return { edmType: 'Edm.Guid', value: trimmed.toLowerCase() };
}

export type ODataKeyValue = string | number | boolean | ODataGuidValue;

/** One key value inside a predicate: strings quoted (quotes doubled) and percent-encoded for the URL path. */
function keyValueLiteral(name: string, value: ODataKeyValue): string {
	if (value && typeof value === 'object' && (value as ODataGuidValue).edmType === 'Edm.Guid') {
		const guid = (value as ODataGuidValue).value;
		if (!isGuid(guid)) throw new Error(`Key part "${name}": "${guid}" is not a GUID`);
		return guid.toLowerCase();
	}
	if (typeof value === 'boolean') return String(value);
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`Key part "${name}": ${value} is not a finite number`);
		return String(value);
	}
	if (typeof value !== 'string') throw new Error(`Key part "${name}": expected text, a number or true/false, got ${value === null ? 'null' : typeof value}`);
	if (value === '') throw new Error(`Key part "${name}" is empty`);
	if (hasControlCharacter(value)) throw new Error(`Key part "${name}" contains a control character`);
	// encodeURIComponent leaves ' ( ) unencoded, so the doubled quotes stay readable to the service.
	return encodeURIComponent(odataStringLiteral(value));
}

/**
 * The `(…)` key segment of an entity URL. A bare string must be a GUID (Dataverse primary keys); an object is a
 * named key, alternate or composite: `{accountnumber: "A'1"}` → `(accountnumber='A''1')`,
 * `{dataAreaId: 'usmf', CustomerAccount: 'C1'}` → `(dataAreaId='usmf',CustomerAccount='C1')`,
 * `{_primarycontactid_value: odataGuid(id)}` → `(_primarycontactid_value=<guid>)`. Names must be OData identifiers,
 * strings are quoted and escaped, numbers, booleans and `odataGuid` values unquoted. Throws naming the bad key part.
 */
export function odataKeyPredicate(key: string | Record<string, ODataKeyValue>): string {
	if (typeof key === 'string') {
		const trimmed = key.trim();
		if (!isGuid(trimmed)) throw new Error(`Key "${key}" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx); give an alternate key by name instead`);
		return `(${trimmed.toLowerCase()})`;
	}
	if (!key || typeof key !== 'object' || Array.isArray(key)) throw new Error('Key must be a GUID or an object of key names and values');
	const entries = Object.entries(key);
	if (entries.length === 0) throw new Error('Key has no parts');
	const parts = entries.map(([name, value]) => {
		if (!ODATA_IDENTIFIER.test(name)) throw new Error(`Key part name "${name}" is not an OData identifier (letters, digits, underscores)`);
		return `${name}=${keyValueLiteral(name, value)}`;
	});
	return `(${parts.join(',')})`;
}

/**
 * A link the service gave (`@odata.nextLink`, `@odata.deltaLink`) if it stays under the service root, so the
 * bearer token is never sent anywhere else; throws otherwise (kit linkWithin: origin and path prefix compared
 * after URL parsing).
 */
export function odataLinkWithin(link: string, serviceRoot: string, vendor?: string): string {
	return linkWithin(link, serviceRoot, vendor);
}

// ---------------------------------------------------------------------------------------------------------------
// $batch

export type ODataBatchMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ODataBatchPart {
	method: ODataBatchMethod;
	/**
	 * The request URL as the service should read it: absolute, absolute path, relative to the service root, or a
	 * Content-ID reference (`$1`, `$1/…`) to an earlier part of the same changeset.
	 */
	url: string;
	headers?: Record<string, string>;
	/** Sent as JSON. */
	body?: unknown;
	/** Defaults inside a changeset to the part's 1-based position in the batch (OData requires one there). */
	contentId?: string;
	/** Parts with the same changeset id run as one all-or-none changeset, in their order, placed where the first is. */
	changeset?: string;
}

export interface ODataBatchPartResponse {
	status: number;
	/** Lower-case header names. */
	headers: Record<string, string>;
	/** Parsed JSON when the part is JSON, the text otherwise, undefined when empty. */
	body: unknown;
	contentId?: string;
	/** The boundary of the changeset response this part came in, when it came in one. */
	changeset?: string;
}

export type ODataBatchOutcomeKind = 'ok' | 'failed' | 'rolledBack' | 'notExecuted' | 'mismatch';

export interface ODataBatchPairing {
	part: ODataBatchPart;
	/** The part's position in the `parts` given (so in the items). */
	index: number;
	response?: ODataBatchPartResponse;
	/** Set unless the part succeeded (2xx). */
	error?: string;
	outcome: ODataBatchOutcomeKind;
}

const SAFE_TOKEN = /^[A-Za-z0-9'()+_,\-./:=?]{1,70}$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

interface BatchGroup {
	changeset?: string;
	members: Array<{ part: ODataBatchPart; index: number; contentId?: string }>;
}

/**
 * Groups parts as they go on the wire: a part outside a changeset alone, a changeset's parts together at the
 * position of its first part. Content-IDs in changesets default to the part's 1-based position; buildBatch and
 * pairBatchResults both use this, so their view of the batch is the same.
 */
function groupParts(parts: ODataBatchPart[]): BatchGroup[] {
	const groups: BatchGroup[] = [];
	const byChangeset = new Map<string, BatchGroup>();
	parts.forEach((part, index) => {
		if (part.changeset === undefined || part.changeset === '') {
			groups.push({ members: [{ part, index, contentId: part.contentId }] });
			return;
		}
		let group = byChangeset.get(part.changeset);
		if (!group) {
			group = { changeset: part.changeset, members: [] };
			byChangeset.set(part.changeset, group);
			groups.push(group);
		}
		group.members.push({ part, index, contentId: part.contentId ?? String(index + 1) });
	});
	return groups;
}

/**
 * Splits parts into `$batch` requests of at most `max` requests each without ever splitting a changeset (one
 * larger than `max` is refused). `indices` maps each batch's parts back to their positions in `parts`.
 */
export function splitBatchParts(parts: ODataBatchPart[], max = ODATA_BATCH_MAX_REQUESTS): Array<{ parts: ODataBatchPart[]; indices: number[] }> {
	if (!Number.isInteger(max) || max < 1 || max > ODATA_BATCH_MAX_REQUESTS) throw new Error(`batch size must be 1 to ${ODATA_BATCH_MAX_REQUESTS}, got ${max}`);
	const batches: Array<{ parts: ODataBatchPart[]; indices: number[] }> = [];
	let current: { parts: ODataBatchPart[]; indices: number[] } = { parts: [], indices: [] };
	for (const group of groupParts(parts)) {
		if (group.members.length > max) throw new Error(`changeset ${String(group.changeset)} has ${group.members.length} requests; a $batch holds at most ${max}`);
		if (current.parts.length + group.members.length > max) {
			batches.push(current);
			current = { parts: [], indices: [] };
		}
		for (const member of group.members) {
			current.parts.push(member.part);
			current.indices.push(member.index);
		}
	}
	if (current.parts.length > 0) batches.push(current);
	return batches;
}

function checkedHeaderLines(headers: Record<string, string> | undefined, where: string): string[] {
	return Object.entries(headers ?? {}).map(([name, value]) => {
		if (!HEADER_NAME.test(name)) throw new Error(`${where}: header name "${name}" is not a valid HTTP header name`);
		const text = String(value);
		if (/[\r\n]/.test(text)) throw new Error(`${where}: header ${name} contains a line break`);
		return `${name}: ${text}`;
	});
}

function hasHeader(headers: Record<string, string> | undefined, name: string): boolean {
	return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name.toLowerCase());
}

/**
 * The URL as written in the part: with a service root, a URL relative to it becomes absolute (the form Microsoft's
 * examples and clients use); absolute URLs, absolute paths and `$n` references are written as given.
 */
function partUrl(url: string, serviceRoot: string | undefined): string {
	if (!serviceRoot || /^(\$|\/|https?:\/\/)/i.test(url)) return url;
	return `${serviceRoot.replace(/\/+$/, '')}/${url}`;
}

function partLines(part: ODataBatchPart, index: number, contentId: string | undefined, serviceRoot: string | undefined): string[] {
	const where = `batch part ${index + 1}`;
	if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(part.method)) throw new Error(`${where}: method ${String(part.method)} is not allowed in a batch`);
	if (typeof part.url !== 'string' || part.url === '' || /[\s]/.test(part.url)) throw new Error(`${where}: the URL must be non-empty and contain no spaces or line breaks`);
	const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
	if (contentId !== undefined) lines.push(`Content-ID: ${contentId}`);
	lines.push('', `${part.method} ${partUrl(part.url, serviceRoot)} HTTP/1.1`);
	const hasBody = part.body !== undefined;
	if (!hasHeader(part.headers, 'Accept')) lines.push('Accept: application/json');
	if (hasBody && !hasHeader(part.headers, 'Content-Type')) lines.push('Content-Type: application/json; type=entry');
	lines.push(...checkedHeaderLines(part.headers, where));
	lines.push('');
	if (hasBody) lines.push(typeof part.body === 'string' ? part.body : JSON.stringify(part.body));
	return lines;
}

/**
 * A `multipart/mixed` `$batch` request body (CRLF line endings, one `application/http` part per request,
 * changesets as nested multiparts). Refuses more than 1,000 requests, a GET inside a changeset, a Content-ID
 * used twice in one changeset and `$n` references to a part that is not earlier in the same changeset.
 */
export function buildBatch(parts: ODataBatchPart[], options: { boundary?: string; serviceRoot?: string } = {}): { contentType: string; body: string } {
	if (options.serviceRoot !== undefined && !/^(https?:\/\/[^/\s]+)?\/[^\s?#]*$/i.test(options.serviceRoot)) {
		throw new Error(`serviceRoot "${options.serviceRoot}" must be an absolute URL or path without query, e.g. https://contoso.crm.dynamics.com/api/data/v9.2`);
	}
	if (parts.length === 0) throw new Error('A batch needs at least one request');
	if (parts.length > ODATA_BATCH_MAX_REQUESTS) throw new Error(`A batch holds at most ${ODATA_BATCH_MAX_REQUESTS} requests, got ${parts.length}`);
	const boundary = options.boundary ?? `batch_${randomUUID()}`;
	if (!SAFE_TOKEN.test(boundary)) throw new Error(`Batch boundary "${boundary}" is not a valid multipart boundary`);
	const lines: string[] = [];
	groupParts(parts).forEach((group, groupIndex) => {
		lines.push(`--${boundary}`);
		if (group.changeset === undefined) {
			const { part, index, contentId } = group.members[0];
			if (/^\$/.test(part.url)) throw new Error(`batch part ${index + 1}: a Content-ID reference (${part.url}) only works inside a changeset`);
			lines.push(...partLines(part, index, contentId, options.serviceRoot));
			return;
		}
		const changesetBoundary = `changeset_${groupIndex + 1}_${boundary.replace(/^batch_/, '')}`.slice(0, 70);
		lines.push(`Content-Type: multipart/mixed; boundary=${changesetBoundary}`, '');
		const idsInChangeset = new Set<string>();
		for (const { part, index, contentId } of group.members) {
			const where = `batch part ${index + 1}`;
			if (part.method === 'GET') throw new Error(`${where}: a GET cannot be part of a changeset`);
			const id = contentId as string;
			if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) throw new Error(`${where}: Content-ID "${id}" must be letters, digits, _ . or -`);
			// Unique inside the changeset is what references and pairing need (Dataverse and its clients reuse ids across changesets).
			if (idsInChangeset.has(id)) throw new Error(`${where}: Content-ID ${id} is used twice in changeset ${String(group.changeset)}`);
			const reference = /^\$([^/?]+)/.exec(part.url);
			if (reference && !idsInChangeset.has(reference[1])) {
				throw new Error(`${where}: ${part.url} refers to Content-ID ${reference[1]}, which is not an earlier part of the same changeset`);
			}
			idsInChangeset.add(id);
			lines.push(`--${changesetBoundary}`, ...partLines(part, index, id, options.serviceRoot));
		}
		lines.push(`--${changesetBoundary}--`);
	});
	lines.push(`--${boundary}--`, '');
	return { contentType: `multipart/mixed; boundary=${boundary}`, body: lines.join('\r\n') };
}

function boundaryOf(contentType: string): string | undefined {
	const match = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? (match[1] ?? match[2]) : undefined;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The body parts of a multipart entity, between its delimiter lines (preamble and epilogue dropped). */
function multipartBodies(body: string, boundary: string): string[] {
	const delimiter = new RegExp(`(?:^|\\r?\\n)--${escapeRegExp(boundary)}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g');
	const out: string[] = [];
	let start: number | undefined;
	let match: RegExpExecArray | null;
	while ((match = delimiter.exec(body)) !== null) {
		if (start !== undefined) out.push(body.slice(start, match.index));
		if (match[1]) return out;
		start = match.index + match[0].length;
	}
	throw new Error(`the multipart body does not end with its closing delimiter --${boundary}--`);
}

/** Splits `head CRLF CRLF rest` and reads the head's header lines (names lower-cased). */
function splitHeaders(text: string): { headers: Record<string, string>; rest: string; firstLine?: string } {
	const trimmed = text.replace(/^\r?\n/, '');
	const separator = /\r?\n\r?\n/.exec(trimmed);
	const head = separator ? trimmed.slice(0, separator.index) : trimmed;
	const rest = separator ? trimmed.slice(separator.index + separator[0].length) : '';
	const headers: Record<string, string> = {};
	for (const line of head.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers, rest };
}

function parseHttpResponse(text: string, contentId: string | undefined, changeset: string | undefined): ODataBatchPartResponse {
	const trimmed = text.replace(/^(\r?\n)+/, '');
	const lineEnd = /\r?\n/.exec(trimmed);
	const statusLine = lineEnd ? trimmed.slice(0, lineEnd.index) : trimmed;
	const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/.exec(statusLine);
	if (!status) throw new Error(`a batch response part does not start with an HTTP status line: "${statusLine.slice(0, 60)}"`);
	const { headers, rest } = splitHeaders(lineEnd ? trimmed.slice(lineEnd.index + lineEnd[0].length) : '');
	const raw = rest.replace(/\s+$/, '');
	let body: unknown = raw === '' ? undefined : raw;
	if (raw !== '' && /json/i.test(headers['content-type'] ?? '')) {
		try {
			body = JSON.parse(raw);
		} catch {
			body = raw;
		}
	}
	const response: ODataBatchPartResponse = { status: Number(status[1]), headers, body };
	if (contentId !== undefined) response.contentId = contentId;
	if (changeset !== undefined) response.changeset = changeset;
	return response;
}

/**
 * The per-request responses of a `$batch` answer, in answer order, changesets flattened (each such response
 * names its changeset). A Content-ID is read from the MIME part's headers (or the inner response's).
 */
export function parseBatchResponse(contentType: string, body: string): ODataBatchPartResponse[] {
	const boundary = boundaryOf(contentType);
	if (!boundary || !/multipart\/mixed/i.test(contentType)) throw new Error(`the batch answer is not multipart/mixed with a boundary (Content-Type: ${contentType})`);
	const out: ODataBatchPartResponse[] = [];
	for (const entity of multipartBodies(body, boundary)) {
		const { headers, rest } = splitHeaders(entity);
		const type = headers['content-type'] ?? '';
		if (/multipart\/mixed/i.test(type)) {
			const changeset = boundaryOf(type);
			if (!changeset) throw new Error('a changeset in the batch answer has no boundary');
			for (const inner of multipartBodies(rest, changeset)) {
				const part = splitHeaders(inner);
				const response = parseHttpResponse(part.rest, part.headers['content-id'], changeset);
				out.push(withInnerContentId(response));
			}
			continue;
		}
		out.push(withInnerContentId(parseHttpResponse(rest, headers['content-id'], undefined)));
	}
	return out;
}

function withInnerContentId(response: ODataBatchPartResponse): ODataBatchPartResponse {
	if (response.contentId === undefined && response.headers['content-id'] !== undefined) response.contentId = response.headers['content-id'];
	return response;
}

/**
 * `HTTP 404 0x80040217: message` from an OData error body (`{"error":{"code","message"}}`). F&O often puts a
 * generic message on top and the reason in `innererror.message`: that is kept too (the stack trace never is).
 */
export function odataErrorText(response: ODataBatchPartResponse): string {
	const error = (response.body as { error?: { code?: unknown; message?: unknown; innererror?: { message?: unknown } } } | undefined)?.error;
	const code = typeof error?.code === 'string' && error.code !== '' ? error.code : undefined;
	const message = typeof error?.message === 'string' ? error.message : typeof response.body === 'string' ? response.body.slice(0, 300) : '';
	const inner = typeof error?.innererror?.message === 'string' ? error.innererror.message.trim().slice(0, 500) : '';
	const head = code ? `HTTP ${response.status} ${code}` : `HTTP ${response.status}`;
	const detail = inner && inner !== message.trim() ? (message ? `${message} (${inner})` : inner) : message;
	return detail ? `${head}: ${detail}` : head;
}

function isSuccess(status: number): boolean {
	return status >= 200 && status < 300;
}

/**
 * Pairs each part with its response: by Content-ID inside a changeset, by position outside. A changeset that
 * failed answers with one error response: its failing part (by Content-ID when the answer names it) gets it as
 * `failed`, every other part of the changeset as `rolledBack`. Parts after a failure the service stopped at
 * (no `odata.continue-on-error`) are `notExecuted`. An answer that cannot be paired (extra or missing
 * responses, unknown Content-IDs) is never guessed at: every part gets a `mismatch` error.
 */
export function pairBatchResults(parts: ODataBatchPart[], responses: ODataBatchPartResponse[]): ODataBatchPairing[] {
	const mismatch = (reason: string): ODataBatchPairing[] => {
		const error = new BatchResultMismatchError(1, parts.length, responses.length);
		return parts.map((part, index) => ({ part, index, outcome: 'mismatch' as const, error: `${error.message} (${reason})` }));
	};
	const out: ODataBatchPairing[] = [];
	let cursor = 0;
	let stoppedAt: string | undefined;
	for (const group of groupParts(parts)) {
		if (stoppedAt !== undefined) {
			for (const { part, index } of group.members) {
				out.push({ part, index, outcome: 'notExecuted', error: `not executed: the service stopped the batch at ${stoppedAt} (send with Prefer: odata.continue-on-error to run the rest)` });
			}
			continue;
		}
		if (cursor >= responses.length) {
			const previous = out[out.length - 1];
			if (!previous || previous.outcome === 'ok') return mismatch(`no answer for part ${group.members[0].index + 1}`);
			stoppedAt = `part ${previous.index + 1}, which failed`;
			for (const { part, index } of group.members) {
				out.push({ part, index, outcome: 'notExecuted', error: `not executed: the service stopped the batch at ${stoppedAt} (send with Prefer: odata.continue-on-error to run the rest)` });
			}
			continue;
		}
		const next = responses[cursor];
		if (group.changeset === undefined) {
			if (next.changeset !== undefined) return mismatch(`part ${group.members[0].index + 1} is outside a changeset but was answered inside one`);
			const { part, index } = group.members[0];
			cursor++;
			out.push(isSuccess(next.status) ? { part, index, response: next, outcome: 'ok' } : { part, index, response: next, outcome: 'failed', error: odataErrorText(next) });
			continue;
		}
		// A changeset: either a changeset answer with one response per part, or one error response for all.
		const answers: ODataBatchPartResponse[] = [];
		if (next.changeset !== undefined) {
			while (cursor < responses.length && responses[cursor].changeset === next.changeset) answers.push(responses[cursor++]);
		} else {
			answers.push(next);
			cursor++;
		}
		if (answers.length === 1 && !isSuccess(answers[0].status)) {
			const failure = answers[0];
			const named = group.members.find((member) => failure.contentId !== undefined && member.contentId === failure.contentId);
			const failing = named ?? (group.members.length === 1 ? group.members[0] : undefined);
			const reason = odataErrorText(failure);
			for (const member of group.members) {
				const { part, index } = member;
				if (member === failing) {
					out.push({ part, index, response: failure, outcome: 'failed', error: reason });
				} else {
					const which = failing ? `part ${failing.index + 1} (Content-ID ${failing.contentId})` : 'one of its parts';
					out.push({ part, index, response: failure, outcome: 'rolledBack', error: `rolled back: the changeset failed at ${which}: ${reason}` });
				}
			}
			continue;
		}
		if (answers.length !== group.members.length) return mismatch(`changeset ${group.changeset}: ${group.members.length} parts, ${answers.length} answers`);
		const byId = new Map(answers.map((answer) => [answer.contentId, answer]));
		const allNamed = answers.every((answer) => answer.contentId !== undefined) && byId.size === answers.length;
		for (let i = 0; i < group.members.length; i++) {
			const { part, index, contentId } = group.members[i];
			const answer = allNamed ? byId.get(contentId) : answers[i];
			if (!answer) return mismatch(`changeset ${group.changeset}: no answer with Content-ID ${contentId}`);
			out.push(isSuccess(answer.status) ? { part, index, response: answer, outcome: 'ok' } : { part, index, response: answer, outcome: 'failed', error: odataErrorText(answer) });
		}
	}
	if (cursor < responses.length) return mismatch(`${responses.length - cursor} answers left over`);
	return out.sort((a, b) => a.index - b.index);
}
