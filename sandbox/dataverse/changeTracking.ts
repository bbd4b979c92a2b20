/**
 * Dataverse change tracking in the sandbox. Every committed write is logged with the service version it made.
 * A read with `Prefer: odata.track-changes` is served by the core (paged as usual) and its last page carries
 * `@odata.deltaLink` with `$deltatoken=<version>!<time>` (the version when the first page was read, carried
 * through the nextLinks). Reading a delta link answers the rows created or changed since that version (current
 * values, selected columns) and `$deletedEntity` entries for rows deleted since, with a new delta link. A table
 * without "Track changes" answers the tracking read with an error; a token older than the retention (an admin
 * setting) is refused, so a client must start over.
 */
import type { SandboxRequest, SandboxResponse } from '../core/server';
import type { ODataService, ODataWriteEvent } from '../odata/service';
import { ODataError } from '../odata/types';
import type { ODataEntitySetDefinition, ODataRecord } from '../odata/types';
import { DATAVERSE_CODES } from './dialect';

/** A non-OData query parameter the sandbox adds to nextLinks of a tracking read: the version of its first page. */
export const DELTA_BASE_PARAMETER = 'p2cdeltabase';

interface LoggedChange {
	version: number;
	set: string;
	id: string;
	operation: 'create' | 'update' | 'delete';
}

export class ChangeLog {
	private entries: LoggedChange[] = [];
	readonly tracked = new Set<string>();
	/** Delta tokens from before this version are expired. */
	oldestValidVersion = 0;

	constructor(tracked: string[]) {
		for (const set of tracked) this.tracked.add(set);
	}

	reset(): void {
		this.entries = [];
		this.oldestValidVersion = 0;
	}

	record(event: ODataWriteEvent, keyColumn: string): void {
		const id = String(event.key[keyColumn] ?? '').toLowerCase();
		this.entries.push({ version: event.version, set: event.set, id, operation: event.operation });
	}

	/** Ids created/changed and deleted after `version`, by their last operation. */
	since(set: string, version: number): { changed: string[]; deleted: string[] } {
		const last = new Map<string, LoggedChange>();
		for (const entry of this.entries) if (entry.set === set && entry.version > version) last.set(entry.id, entry);
		const changed: string[] = [];
		const deleted: string[] = [];
		for (const [id, entry] of last) {
			if (entry.operation === 'delete') deleted.push(id);
			else changed.push(id);
		}
		return { changed, deleted };
	}
}

/** The core reads a tracking request asks for: answered as plain collection reads. */
const plainReads = new WeakSet<SandboxRequest>();

function preferenceOf(request: SandboxRequest): string[] {
	return (request.headers.prefer ?? '').split(',').map((part) => part.trim()).filter(Boolean);
}

function token(version: number, nowMs: number): string {
	const d = new Date(nowMs);
	const pad = (n: number) => String(n).padStart(2, '0');
	// Dataverse writes `919042!08/22/2017 08:10:44`.
	return `${version}!${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function parseToken(text: string): number {
	const match = /^(\d+)!/.exec(text);
	if (!match) throw new ODataError(400, 'validation', `The delta token '${text}' is not valid.`, DATAVERSE_CODES.invalidArgument);
	return Number(match[1]);
}

/**
 * Answers a change-tracking read, or undefined when the request is not one. `serve` runs a plain collection read
 * through the core (same URL without the tracking preference).
 */
export async function changeTrackingResponse(
	service: ODataService,
	log: ChangeLog,
	request: SandboxRequest,
	path: string,
	serve: (request: SandboxRequest) => Promise<SandboxResponse>,
	nowMs: number,
): Promise<SandboxResponse | undefined> {
	if (request.method !== 'GET' || path.includes('(') || path.includes('/') || plainReads.has(request)) return undefined;
	const preferences = preferenceOf(request);
	const tracking = preferences.some((p) => p.toLowerCase() === 'odata.track-changes');
	const deltaToken = request.query.get('$deltatoken');
	const base = request.query.get(DELTA_BASE_PARAMETER);
	if (!tracking && deltaToken === null && base === null) return undefined;
	const set = service.entitySet(decodeURIComponent(path));
	if (!set) return undefined;
	if (!log.tracked.has(set.name)) {
		throw new ODataError(400, 'validation', `Entity '${set.entityType}' is not enabled for change tracking.`, DATAVERSE_CODES.invalidArgument);
	}
	for (const name of request.query.keys()) {
		if (['$filter', '$orderby', '$top', '$expand', '$count', '$skip'].includes(name)) {
			throw new ODataError(501, 'notSupportedBySandbox', `The query option ${name} with change tracking is not supported by the sandbox; use $select only`);
		}
	}
	const origin = request.url.origin;
	const select = request.query.get('$select');
	const deltaLink = (version: number) => {
		const query = new URLSearchParams();
		if (select) query.set('$select', select);
		query.set('$deltatoken', token(version, nowMs));
		return `${origin}${service.root}/${set.name}?${query.toString().replace(/%24/g, '$').replace(/%2C/gi, ',')}`;
	};
	const context = `${origin}${service.root}/$metadata#${set.name}${select ? `(${select})` : ''}/$delta`;

	if (deltaToken !== null) {
		const version = parseToken(deltaToken);
		if (version < log.oldestValidVersion) {
			throw new ODataError(400, 'validation', `The delta token '${deltaToken}' has expired; read the table again with Prefer: odata.track-changes.`, DATAVERSE_CODES.invalidArgument);
		}
		const { changed, deleted } = log.since(set.name, version);
		const columns = select ? select.split(',').map((c) => c.trim()).filter(Boolean) : undefined;
		const value: ODataRecord[] = [];
		for (const id of changed) {
			const key = { [set.key[0]]: id };
			const record = service.get(set.name, key);
			if (!record) continue;
			value.push(shapeRow(set, record, service.etag(set.name, key), columns));
		}
		for (const id of deleted) value.push({ '@odata.context': `${origin}${service.root}/$metadata#${set.name}/$deletedEntity`, id, reason: 'deleted' });
		return {
			status: 200,
			headers: { 'OData-Version': '4.0', 'Preference-Applied': 'odata.track-changes' },
			body: { '@odata.context': context, value, '@odata.deltaLink': deltaLink(service.version) },
		};
	}

	// The first read: the core pages it; the version of the first page rides along in the nextLinks.
	const startVersion = base !== null && /^\d+$/.test(base) ? Number(base) : service.version;
	const url = new URL(request.url.toString());
	url.searchParams.set(DELTA_BASE_PARAMETER, String(startVersion));
	const plain: SandboxRequest = {
		...request,
		url,
		query: url.searchParams,
		headers: { ...request.headers, prefer: preferences.filter((p) => p.toLowerCase() !== 'odata.track-changes').join(',') },
	};
	plainReads.add(plain);
	const response = await serve(plain);
	if (response.status !== 200 || !response.body || typeof response.body !== 'object') return response;
	const body = response.body as ODataRecord;
	body['@odata.context'] = context;
	if (body['@odata.nextLink'] === undefined) body['@odata.deltaLink'] = deltaLink(startVersion);
	return { ...response, headers: { ...(response.headers ?? {}), 'Preference-Applied': [response.headers?.['Preference-Applied'], 'odata.track-changes'].filter(Boolean).join(',') } };
}

function shapeRow(set: ODataEntitySetDefinition, record: ODataRecord, etag: string | undefined, columns: string[] | undefined): ODataRecord {
	const out: ODataRecord = { '@odata.etag': etag };
	const names = columns ? [...new Set([...columns, ...set.key])] : Object.keys(set.properties);
	for (const name of names) out[name] = record[name] ?? null;
	return out;
}
