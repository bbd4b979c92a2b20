/**
 * The OData v2 flavour of the sandbox core (SAP Gateway services): the v4 core keeps the store, keys, query
 * options, paging and validation; this layer speaks v2 on the wire around it.
 *
 * - Envelope `{"d": {...}}` / `{"d": {"results": [...], "__count": "n", "__next": "…"}}`, `__metadata` (id, uri,
 *   type) on every record, expanded collections as `{"results": [...]}`.
 * - `Edm.DateTime` as `/Date(ms)/` (stored as an ISO date-time in UTC), `Edm.Decimal` as a decimal string whose
 *   precision and scale are checked (stored as that text, never as a float), complex types as nested objects
 *   checked member by member.
 * - `$inlinecount=allpages`, `datetime'…'` / `guid'…'` literals and `(guid'…')` keys, `MERGE` (and `PUT`, read as
 *   a merge) for updates, `X-HTTP-Method` tunnelling, 201 with the entity on create.
 * - `$batch` in the same multipart shape as v4; each changeset is one unit of work: a failing one is undone and
 *   answered by its single error response, and the batch goes on with the next (as SAP Gateway does).
 * - Creatable / updatable / deletable flags of each entity set (SAP's `sap:creatable` …) enforced.
 */
import { randomUUID } from 'crypto';

import type { SandboxRequest, SandboxResponse, SandboxServer } from '../core/server';
import { parseBatchRequest, writeBatchResponse } from './multipart';
import type { BatchAnswer, BatchSubRequest, BatchSubResponse } from './multipart';
import type { ODataService } from './service';
import { ODataError } from './types';
import type { EdmType, ODataEntitySetDefinition, ODataPropertyDefinition } from './types';

export type V2PrimitiveType = 'Edm.String' | 'Edm.Guid' | 'Edm.Boolean' | 'Edm.DateTime' | 'Edm.DateTimeOffset' | 'Edm.Decimal' | 'Edm.Int32' | 'Edm.Byte';

export interface V2PropertyDefinition {
	/** A primitive type, or the name of a complex type of the service. */
	type: V2PrimitiveType | string;
	maxLength?: number;
	/** Edm.Decimal: digits in all, and after the point. */
	precision?: number;
	scale?: number;
	required?: boolean;
	readOnly?: boolean;
	default?: unknown;
}

export interface V2EntitySetDefinition {
	name: string;
	/** The entity type's name without namespace (`A_EnterpriseProjectType`). */
	entityType: string;
	key: string[];
	properties: Record<string, V2PropertyDefinition>;
	/** Collection navigations (`to_EnterpriseProjectElement`): records of `source` whose `column` holds this record's first key. */
	navigations?: Record<string, { source: string; column: string }>;
	/** SAP's sap:creatable / sap:updatable / sap:deletable (default true). */
	creatable?: boolean;
	updatable?: boolean;
	deletable?: boolean;
}

export interface V2ServiceDefinition {
	/** `/sap/opu/odata/sap/API_BUSINESS_PARTNER`. */
	root: string;
	/** Schema namespace for `__metadata.type` (`API_BUSINESS_PARTNER`). */
	namespace: string;
	sets: V2EntitySetDefinition[];
	complexTypes?: Record<string, Record<string, V2PropertyDefinition>>;
}

/** The complex-type marker the core stores unchecked (this layer checks the members). */
const COMPLEX = 'Edm.ComplexType' as EdmType;

/** The v4 core's definition of a v2 set: DateTime as DateTimeOffset, Decimal as its exact text, complex unchecked. */
export function coreSetDefinition(set: V2EntitySetDefinition): ODataEntitySetDefinition {
	const properties: Record<string, ODataPropertyDefinition> = {};
	for (const [name, property] of Object.entries(set.properties)) {
		const type: EdmType =
			property.type === 'Edm.DateTime' ? 'Edm.DateTimeOffset'
			: property.type === 'Edm.Decimal' ? 'Edm.String'
			: property.type === 'Edm.Byte' ? 'Edm.Int32'
			: property.type.startsWith('Edm.') ? (property.type as EdmType)
			: COMPLEX;
		properties[name] = {
			type,
			...(property.maxLength !== undefined && type === 'Edm.String' && property.type === 'Edm.String' ? { maxLength: property.maxLength } : {}),
			...(property.required ? { required: true } : {}),
			...(property.readOnly ? { readOnly: true } : {}),
			...(property.default !== undefined ? { default: property.default } : {}),
		};
	}
	const collections = Object.fromEntries(Object.entries(set.navigations ?? {}).map(([name, nav]) => [name, { source: nav.source, column: nav.column }]));
	return { name: set.name, entityType: set.entityType, key: set.key, properties, ...(set.navigations ? { collections } : {}) };
}

const V2_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** `/Date(ms)/` → ISO date-time in UTC; undefined when the text is not a v2 date. */
export function v2DateToIso(value: string): string | undefined {
	const match = V2_DATE.exec(value);
	if (!match) return undefined;
	const date = new Date(Number(match[1]));
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace('.000Z', 'Z');
}

export function isoToV2Date(value: string): string {
	return `/Date(${Date.parse(value)})/`;
}

/** A refusal naming the property, as SAP's errordetails carry it (propertyref). */
export function propertyError(status: number, message: string, property: string, code = '/IWBEP/CM_MGW_RT/022'): ODataError {
	return new ODataError(status, 'invalidValue', message, code, undefined, { propertyref: property });
}

export class ODataV2Flavour {
	readonly root: string;

	constructor(
		readonly service: ODataService,
		readonly definition: V2ServiceDefinition,
	) {
		this.root = definition.root.replace(/\/+$/, '');
	}

	private set(name: string): V2EntitySetDefinition | undefined {
		return this.definition.sets.find((set) => set.name === name);
	}

	/** Registers the service root (service document, CSRF fetch), `$metadata`, `$batch` and the entity paths. */
	mount(server: SandboxServer, wrap: (request: SandboxRequest, next: () => Promise<SandboxResponse>) => Promise<SandboxResponse>): void {
		const handler = (request: SandboxRequest) => wrap(request, () => this.handle(request));
		for (const method of ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'MERGE', 'DELETE']) {
			server.route(method, this.root, handler);
			for (const depth of [1, 2]) {
				server.route(method, `${this.root}/${Array.from({ length: depth }, (_, i) => `:s${i}`).join('/')}`, handler);
			}
		}
	}

	/** One v2 request (a `$batch` included). */
	async handle(request: SandboxRequest): Promise<SandboxResponse> {
		try {
			const path = request.path.replace(/\/+$/, '');
			if (path === this.root) {
				return { status: 200, headers: { 'Content-Type': 'application/json', dataserviceversion: '1.0' }, body: { d: { EntitySets: this.definition.sets.map((set) => set.name) } } };
			}
			if (path === `${this.root}/$batch`) {
				if (request.method !== 'POST') throw new ODataError(405, 'methodNotAllowed', 'The $batch endpoint only accepts POST.');
				return await this.batch(request);
			}
			if (path === `${this.root}/$metadata`) {
				throw new ODataError(501, 'notSupportedBySandbox', '$metadata is not served by the sandbox; the published EDMX files describe the services');
			}
			return await this.single(request);
		} catch (error) {
			return this.errorResponse(error);
		}
	}

	errorResponse(error: unknown): SandboxResponse {
		const response = this.service.errorResponse(error);
		return { ...response, headers: { 'Content-Type': 'application/json', dataserviceversion: '1.0' } };
	}

	private method(request: SandboxRequest): string {
		const tunnelled = request.headers['x-http-method'];
		const method = request.method === 'POST' && tunnelled ? tunnelled.toUpperCase() : request.method;
		return method === 'MERGE' || method === 'PUT' ? 'PATCH' : method;
	}

	/** v2 literals in a path or filter as the v4 core reads them. */
	private static literals(text: string): string {
		return text
			.replace(/guid'([0-9a-fA-F-]{36})'/g, '$1')
			.replace(/datetime'(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)'/g, '$1Z')
			.replace(/datetimeoffset'([^']+)'/g, '$1')
			// Decimal (12.5m) and double (1d) suffixes, outside quoted strings only.
			.split(/('(?:[^']|'')*')/)
			.map((part, index) => (index % 2 === 1 ? part : part.replace(/\b(\d+(?:\.\d+)?)[mMdD]\b/g, '$1')))
			.join('');
	}

	/**
	 * A v2 `$filter` as the core reads it: v2 literals, `substringof(x, Field)` as `contains(Field, x)`, and the
	 * boolean functions' `eq true` / `eq false` (the form v2 clients write) as the function / its negation.
	 */
	static filter(text: string): string {
		const STRING = "'(?:[^']|'')*'";
		const ARG = `(?:${STRING}|[\\w/.]+)`;
		let out = ODataV2Flavour.literals(text);
		out = out.replace(new RegExp(`substringof\\(\\s*(${ARG})\\s*,\\s*(${ARG})\\s*\\)`, 'g'), 'contains($2,$1)');
		const call = `((?:startswith|endswith|contains)\\(\\s*${ARG}\\s*,\\s*${ARG}\\s*\\))`;
		out = out.replace(new RegExp(`${call}\\s+eq\\s+true\\b`, 'g'), '$1');
		out = out.replace(new RegExp(`${call}\\s+eq\\s+false\\b`, 'g'), 'not $1');
		return out;
	}

	private async single(request: SandboxRequest): Promise<SandboxResponse> {
		const relative = request.path.slice(this.root.length + 1);
		const segments = relative.split('/');
		const setName = /^([^(]+)/.exec(segments[0])?.[1] ?? '';
		const set = this.set(decodeURIComponent(setName));
		if (!set) throw new ODataError(404, 'segmentNotFound', `Resource not found for segment '${setName}'`, '/IWFND/CM_MGW/020');
		const method = this.method(request);
		const addressesEntity = segments[0].includes('(') && segments.length === 1;
		if (method === 'POST' && !addressesEntity && segments.length === 1 && set.creatable === false) {
			throw new ODataError(405, 'methodNotAllowed', `Entity set '${set.name}' is not creatable`, '/IWBEP/CM_MGW_RT/021');
		}
		if (method === 'PATCH' && set.updatable === false) throw new ODataError(405, 'methodNotAllowed', `Entity set '${set.name}' is not updatable`, '/IWBEP/CM_MGW_RT/021');
		if (method === 'DELETE' && set.deletable === false) throw new ODataError(405, 'methodNotAllowed', `Entity set '${set.name}' is not deletable`, '/IWBEP/CM_MGW_RT/021');

		const query = new URLSearchParams();
		for (const [name, value] of request.query) {
			if (name === '$format' || name === 'sap-client' || name === 'sap-language') continue;
			if (name === '$inlinecount') {
				if (value === 'allpages') query.set('$count', 'true');
				else if (value !== 'none') throw new ODataError(400, 'queryInvalid', `Invalid value '${value}' for $inlinecount`);
				continue;
			}
			query.set(name, name === '$filter' ? ODataV2Flavour.filter(value) : value);
		}
		const corePath = `${this.service.root}/${ODataV2Flavour.literals(relative)}`;
		let body: unknown;
		if (request.rawBody && method !== 'GET' && method !== 'DELETE') {
			if (request.body === undefined || typeof request.body !== 'object' || Array.isArray(request.body)) throw new ODataError(400, 'badRequest', 'The request body is not a valid JSON object.', '/IWBEP/CM_MGW_RT/004');
			const navigation = segments.length === 2 ? set.navigations?.[segments[1]] : undefined;
			const target = navigation ? this.set(navigation.source)! : set;
			body = this.toCore(target, request.body as Record<string, unknown>);
		}
		const coreUrl = new URL(`${request.url.origin}${corePath}${query.toString() ? `?${query.toString().replace(/%24/g, '$')}` : ''}`);
		const coreRequest: SandboxRequest = {
			...request,
			method,
			path: corePath,
			url: coreUrl,
			query: coreUrl.searchParams,
			headers: { ...request.headers, prefer: '' },
			rawBody: body === undefined ? '' : JSON.stringify(body),
			body,
		};
		if (method === 'POST') coreRequest.headers.prefer = 'return=representation';
		const response = await this.service.handle(coreRequest);
		return this.toV2(request, response, set, segments);
	}

	/** A v2 request body as the core stores it: `__metadata` dropped, dates and decimals checked and converted. */
	toCore(set: V2EntitySetDefinition, body: Record<string, unknown>): Record<string, unknown> {
		const out: Record<string, unknown> = {};
		for (const [name, value] of Object.entries(body)) {
			if (name === '__metadata') continue;
			const property = set.properties[name];
			if (!property) {
				if (set.navigations?.[name]) throw new ODataError(501, 'notSupportedBySandbox', `Deep insert through '${name}' is not supported by the sandbox; create the records one by one`);
				throw propertyError(400, `Property '${name}' is invalid`, name, '/IWBEP/CM_MGW_RT/020');
			}
			out[name] = this.valueToCore(name, property, value);
		}
		return out;
	}

	private valueToCore(name: string, property: V2PropertyDefinition, value: unknown): unknown {
		if (value === null || value === undefined) return value;
		switch (property.type) {
			case 'Edm.DateTime': {
				const iso = typeof value === 'string' ? v2DateToIso(value) : undefined;
				if (!iso) throw propertyError(400, `Invalid value ${JSON.stringify(value)} for property '${name}': an Edm.DateTime is written /Date(milliseconds)/`, name);
				return iso;
			}
			case 'Edm.Decimal': {
				if (typeof value !== 'string' || !DECIMAL.test(value)) throw propertyError(400, `Invalid value ${JSON.stringify(value)} for property '${name}': an Edm.Decimal is written as a decimal string`, name);
				const [whole, fraction = ''] = value.replace('-', '').split('.');
				const scale = property.scale ?? 0;
				if (fraction.replace(/0+$/, '').length > scale) throw propertyError(400, `Value ${value} of property '${name}' has more than ${scale} decimals`, name);
				if (property.precision !== undefined && whole.replace(/^0+(?=\d)/, '').length > property.precision - scale) throw propertyError(400, `Value ${value} of property '${name}' is too large for precision ${property.precision}`, name);
				return value;
			}
			case 'Edm.String':
				if (typeof value !== 'string') throw propertyError(400, `Invalid value ${JSON.stringify(value)} for property '${name}': expected a string`, name);
				if (property.maxLength !== undefined && value.length > property.maxLength) throw propertyError(400, `Value of property '${name}' is longer than ${property.maxLength} characters`, name);
				return value;
			case 'Edm.DateTimeOffset': {
				const iso = typeof value === 'string' ? v2DateToIso(value) : undefined;
				if (!iso) throw propertyError(400, `Invalid value ${JSON.stringify(value)} for property '${name}': an Edm.DateTimeOffset is written /Date(milliseconds+0000)/`, name);
				return iso;
			}
			case 'Edm.Int32':
			case 'Edm.Byte':
			case 'Edm.Boolean':
			case 'Edm.Guid':
				return value;
			default: {
				const complex = this.definition.complexTypes?.[property.type];
				if (!complex) return value;
				if (typeof value !== 'object' || Array.isArray(value)) throw propertyError(400, `Property '${name}' must be an object (${property.type})`, name);
				const out: Record<string, unknown> = {};
				for (const [member, memberValue] of Object.entries(value as Record<string, unknown>)) {
					if (member === '__metadata') continue;
					const memberProperty = complex[member];
					if (!memberProperty) throw propertyError(400, `Property '${member}' is invalid in ${property.type}`, `${name}/${member}`, '/IWBEP/CM_MGW_RT/020');
					out[member] = this.valueToCore(`${name}/${member}`, memberProperty, memberValue);
				}
				return out;
			}
		}
	}

	/** A stored record as v2 JSON: dates as /Date(ms)/, annotations dropped, __metadata added. */
	recordToV2(origin: string, set: V2EntitySetDefinition, record: Record<string, unknown>): Record<string, unknown> {
		const uri = `${origin}${this.root}/${set.name}(${set.key
			.map((name) => {
				const value = record[name];
				const type = set.properties[name]?.type;
				const literal = type === 'Edm.Guid' ? `guid'${String(value)}'` : typeof value === 'string' ? `'${encodeURIComponent(value.replace(/'/g, "''"))}'` : String(value);
				return set.key.length === 1 ? literal : `${name}=${literal}`;
			})
			.join(',')})`;
		const out: Record<string, unknown> = { __metadata: { id: uri, uri, type: `${this.definition.namespace}.${set.entityType}` } };
		for (const [name, value] of Object.entries(record)) {
			if (name.startsWith('@odata.') || name.includes('@')) continue;
			const navigation = set.navigations?.[name];
			if (navigation) {
				const target = this.set(navigation.source)!;
				out[name] = { results: (Array.isArray(value) ? value : []).map((child) => this.recordToV2(origin, target, child as Record<string, unknown>)) };
				continue;
			}
			out[name] = this.valueToV2(set.properties[name], value);
		}
		return out;
	}

	private valueToV2(property: V2PropertyDefinition | undefined, value: unknown): unknown {
		if (value === null || value === undefined || !property) return value ?? null;
		if (property.type === 'Edm.DateTime' && typeof value === 'string') return isoToV2Date(value);
		if (property.type === 'Edm.DateTimeOffset' && typeof value === 'string') return `/Date(${Date.parse(value)}+0000)/`;
		const complex = this.definition.complexTypes?.[property.type];
		if (complex && typeof value === 'object') {
			return Object.fromEntries(Object.entries(complex).map(([member, memberProperty]) => [member, this.valueToV2(memberProperty, (value as Record<string, unknown>)[member]) ?? (memberProperty.type === 'Edm.String' ? '' : null)]));
		}
		return value;
	}

	private toV2(request: SandboxRequest, response: SandboxResponse, set: V2EntitySetDefinition, segments: string[]): SandboxResponse {
		const headers: Record<string, string> = { dataserviceversion: '2.0' };
		for (const [name, value] of Object.entries(response.headers ?? {})) {
			if (/^(odata-|preference-applied|etag)/i.test(name)) continue;
			if (/^location$/i.test(name)) headers.location = this.v2Url(value);
			else headers[name] = value;
		}
		if (response.status >= 400) return { ...this.errorShape(response), headers: { ...headers, 'Content-Type': 'application/json' } };
		if (response.body === undefined || response.body === '') return { status: response.status, headers };
		const origin = request.url.origin;
		const body = response.body as Record<string, unknown>;
		const navigation = segments.length === 2 ? set.navigations?.[segments[1]] : undefined;
		const recordSet = navigation ? this.set(navigation.source)! : set;
		headers['Content-Type'] = 'application/json; charset=utf-8';
		if (Array.isArray(body.value)) {
			const d: Record<string, unknown> = { results: (body.value as Array<Record<string, unknown>>).map((record) => this.recordToV2(origin, recordSet, record)) };
			if (body['@odata.count'] !== undefined) d.__count = String(body['@odata.count']);
			if (typeof body['@odata.nextLink'] === 'string') d.__next = this.v2Url(body['@odata.nextLink']);
			return { status: response.status, headers, body: { d } };
		}
		return { status: response.status, headers, body: { d: this.recordToV2(origin, recordSet, body) } };
	}

	/** A core URL (next link, location) under this service's v2 root, with v2 query names and key literals. */
	private v2Url(url: string): string {
		const parsed = new URL(url);
		if (parsed.pathname.startsWith(`${this.service.root}/`)) {
			const rest = parsed.pathname.slice(this.service.root.length + 1);
			const set = this.set(decodeURIComponent(/^([^(]+)/.exec(rest)?.[1] ?? ''));
			const guidKey = set && set.key.length === 1 && set.properties[set.key[0]]?.type === 'Edm.Guid';
			parsed.pathname = `${this.root}/${guidKey ? rest.replace(/\(([0-9a-f-]{36})\)/i, "(guid'$1')") : rest}`;
		}
		if (parsed.searchParams.get('$count') === 'true') {
			parsed.searchParams.delete('$count');
			parsed.searchParams.set('$inlinecount', 'allpages');
		}
		return parsed.toString().replace(/%24/g, '$').replace(/%27/g, "'");
	}

	private errorShape(response: SandboxResponse): SandboxResponse {
		return { status: response.status, body: response.body };
	}

	// -----------------------------------------------------------------------------------------------------------
	// $batch

	private subRequest(outer: SandboxRequest, part: BatchSubRequest): SandboxRequest {
		const url = /^https?:\/\//i.test(part.url) ? new URL(part.url) : part.url.startsWith('/') ? new URL(part.url, outer.url.origin) : new URL(`${this.root}/${part.url}`, outer.url.origin);
		let body: unknown;
		try {
			body = part.body ? JSON.parse(part.body) : undefined;
		} catch {
			body = undefined;
		}
		return { method: part.method.toUpperCase(), path: decodeURIComponent(url.pathname), url, query: url.searchParams, headers: { ...outer.headers, ...part.headers }, rawBody: part.body, body, params: {} };
	}

	private static partResponse(response: SandboxResponse, contentId: string | undefined): BatchSubResponse {
		const headers: Record<string, string> = { ...(response.headers ?? {}) };
		let body: string | undefined;
		if (response.body !== undefined && response.body !== '') {
			body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
			if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
		}
		return { status: response.status, headers, body, ...(contentId !== undefined ? { contentId } : {}) };
	}

	private async batch(request: SandboxRequest): Promise<SandboxResponse> {
		if (!/multipart\/mixed/i.test(request.headers['content-type'] ?? '')) {
			throw new ODataError(415, 'badRequest', 'The $batch request must be multipart/mixed', '/IWFND/CM_MGW/005');
		}
		const items = parseBatchRequest(request.headers['content-type'] ?? '', request.rawBody);
		const answers: BatchAnswer[] = [];
		for (const item of items) {
			if (item.kind === 'request') {
				if (item.request.method.toUpperCase() !== 'GET') throw new ODataError(400, 'badRequest', 'Only GET requests may stand outside a changeset', '/IWFND/CM_MGW/004');
				answers.push({ kind: 'response', response: ODataV2Flavour.partResponse(await this.handle(this.subRequest(request, item.request)), item.request.contentId) });
				continue;
			}
			const changeset = this.service.beginChangeset();
			const responses: BatchSubResponse[] = [];
			let failure: BatchSubResponse | undefined;
			for (const part of item.requests) {
				if (part.method.toUpperCase() === 'GET') {
					failure = ODataV2Flavour.partResponse(this.errorResponse(new ODataError(400, 'badRequest', 'A changeset cannot contain a GET', '/IWFND/CM_MGW/004')), part.contentId);
					break;
				}
				const response = await this.handle(this.subRequest(request, part));
				if (response.status >= 400) {
					failure = ODataV2Flavour.partResponse(response, part.contentId);
					break;
				}
				responses.push(ODataV2Flavour.partResponse(response, part.contentId));
			}
			if (failure) {
				// One logical unit of work: undone, answered by its one error, and the batch goes on.
				changeset.rollback();
				answers.push({ kind: 'response', response: failure });
				continue;
			}
			changeset.commit();
			answers.push({ kind: 'changeset', responses });
		}
		const boundary = `batch_${randomUUID()}`;
		return {
			status: 202,
			headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}`, dataserviceversion: '2.0' },
			body: writeBatchResponse(answers, boundary, () => `changeset_${randomUUID()}`),
		};
	}
}
