/**
 * The `$batch` wire format on the server side: reading a multipart/mixed request (with changesets) into
 * sub-requests, and writing the multipart answer with one `application/http` part per response. Written
 * independently of the kit's client-side code, so one cannot hide the other's mistakes.
 */
import { ODataError } from './types';

export interface BatchSubRequest {
	method: string;
	url: string;
	/** Lower-case names. */
	headers: Record<string, string>;
	body: string;
	contentId?: string;
}

export type BatchItem = { kind: 'request'; request: BatchSubRequest } | { kind: 'changeset'; requests: BatchSubRequest[] };

export interface BatchSubResponse {
	status: number;
	headers: Record<string, string>;
	body?: string;
	contentId?: string;
}

export type BatchAnswer = { kind: 'response'; response: BatchSubResponse } | { kind: 'changeset'; responses: BatchSubResponse[] };

function bad(message: string): ODataError {
	return new ODataError(400, 'badRequest', `The batch request is malformed: ${message}`);
}

export function boundaryParameter(contentType: string): string | undefined {
	const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? (match[1] ?? match[2]) : undefined;
}

/** Splits a multipart body on its boundary; throws when the closing delimiter is missing. */
function splitMultipart(body: string, boundary: string): string[] {
	const lines = body.split(/\r?\n/);
	const parts: string[][] = [];
	let current: string[] | undefined;
	for (const line of lines) {
		const trimmed = line.replace(/[ \t]+$/, '');
		if (trimmed === `--${boundary}--`) {
			if (current) parts.push(current);
			return parts.map((part) => part.join('\r\n'));
		}
		if (trimmed === `--${boundary}`) {
			if (current) parts.push(current);
			current = [];
			continue;
		}
		current?.push(line);
	}
	throw bad(`the closing delimiter --${boundary}-- is missing`);
}

function headerBlock(text: string): { headers: Record<string, string>; rest: string } {
	const lines = text.split('\r\n');
	let i = 0;
	while (i < lines.length && lines[i] === '') i++;
	const headers: Record<string, string> = {};
	for (; i < lines.length && lines[i] !== ''; i++) {
		const colon = lines[i].indexOf(':');
		if (colon <= 0) throw bad(`"${lines[i].slice(0, 80)}" is not a header line`);
		headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
	}
	return { headers, rest: lines.slice(i + 1).join('\r\n') };
}

function subRequest(partText: string): BatchSubRequest {
	const mime = headerBlock(partText);
	if (!/^application\/http\b/i.test(mime.headers['content-type'] ?? '')) throw bad(`a part has Content-Type ${mime.headers['content-type'] ?? '(none)'}, expected application/http`);
	const lines = mime.rest.split('\r\n');
	let i = 0;
	while (i < lines.length && lines[i] === '') i++;
	const requestLine = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S+)\s+HTTP\/1\.[01]$/.exec(lines[i] ?? '');
	if (!requestLine) throw bad(`"${(lines[i] ?? '').slice(0, 80)}" is not a request line`);
	const inner = headerBlock(lines.slice(i + 1).join('\r\n'));
	const contentId = mime.headers['content-id'] ?? inner.headers['content-id'];
	return { method: requestLine[1], url: requestLine[2], headers: inner.headers, body: inner.rest.replace(/\s+$/, ''), ...(contentId !== undefined ? { contentId } : {}) };
}

/** The batch's items in order: single requests and changesets of requests. */
export function parseBatchRequest(contentType: string, body: string): BatchItem[] {
	const boundary = boundaryParameter(contentType);
	if (!/^multipart\/mixed\b/i.test(contentType) || !boundary) throw bad('Content-Type must be multipart/mixed with a boundary');
	return splitMultipart(body, boundary).map((partText): BatchItem => {
		const mime = headerBlock(partText);
		const type = mime.headers['content-type'] ?? '';
		if (/^multipart\/mixed\b/i.test(type)) {
			const changesetBoundary = boundaryParameter(type);
			if (!changesetBoundary) throw bad('a changeset has no boundary');
			const requests = splitMultipart(mime.rest, changesetBoundary).map(subRequest);
			for (const request of requests) {
				if (request.method === 'GET') throw bad('a changeset may only contain data modification requests (no GET)');
				if (/multipart\/mixed/i.test(request.headers['content-type'] ?? '')) throw bad('changesets cannot be nested');
			}
			return { kind: 'changeset', requests };
		}
		return { kind: 'request', request: subRequest(partText) };
	});
}

const STATUS_TEXT: Record<number, string> = {
	200: 'OK',
	201: 'Created',
	204: 'No Content',
	304: 'Not Modified',
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	412: 'Precondition Failed',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	501: 'Not Implemented',
	503: 'Service Unavailable',
};

function responseLines(response: BatchSubResponse): string[] {
	const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
	if (response.contentId !== undefined) lines.push(`Content-ID: ${response.contentId}`);
	lines.push('', `HTTP/1.1 ${response.status} ${STATUS_TEXT[response.status] ?? 'Unknown'}`);
	for (const [name, value] of Object.entries(response.headers)) lines.push(`${name}: ${value}`);
	lines.push('');
	if (response.body !== undefined && response.body !== '') lines.push(response.body);
	return lines;
}

/** The multipart answer; `boundary` like `batchresponse_<uuid>`, changesets as `changesetresponse_<uuid>`. */
export function writeBatchResponse(answers: BatchAnswer[], boundary: string, changesetBoundary: (index: number) => string): string {
	const lines: string[] = [];
	answers.forEach((answer, index) => {
		lines.push(`--${boundary}`);
		if (answer.kind === 'response') {
			lines.push(...responseLines(answer.response));
			return;
		}
		const inner = changesetBoundary(index);
		lines.push(`Content-Type: multipart/mixed; boundary=${inner}`, '');
		for (const response of answer.responses) lines.push(`--${inner}`, ...responseLines(response));
		lines.push(`--${inner}--`);
	});
	lines.push(`--${boundary}--`, '');
	return lines.join('\r\n');
}
