/**
 * The OData v4 sandbox core: one service root with entity sets, a store with ETags, key predicates (primary,
 * alternate, composite), query options with server paging, writes with preconditions and `@odata.bind`, unbound
 * and bound actions, and `$batch` with changesets. Vendor sandboxes (Dataverse, Finance & Operations) give it
 * their entity sets, a dialect (error shape and codes, paging and `$skip` rules) and hooks.
 */
import { randomUUID } from 'crypto';

import type { SandboxRequest, SandboxResponse, SandboxServer } from '../core/server';
import { evaluateFilter, filterProperties, parseFilter } from './filter';
import type { FilterNode } from './filter';
import { parseBatchRequest, writeBatchResponse } from './multipart';
import type { BatchAnswer, BatchSubRequest, BatchSubResponse } from './multipart';
import { ODataError } from './types';
import type { EdmType, ODataCollectionDefinition, ODataDialect, ODataEntitySetDefinition, ODataPropertyDefinition, ODataRecord } from './types';

export const ODATA_BATCH_LIMIT = 1000;

export interface ODataRequestContext {
	request: SandboxRequest;
	service: ODataService;
	/** The request is one part of a `$batch` (its auth was checked on the batch). */
	inBatch: boolean;
}

export type ODataActionHandler = (context: ODataRequestContext & { body: Record<string, unknown> }) => SandboxResponse | Promise<SandboxResponse>;
export type ODataBoundActionHandler = (
	context: ODataRequestContext & { body: Record<string, unknown>; set: ODataEntitySetDefinition; record: ODataRecord; key: Record<string, unknown> },
) => SandboxResponse | Promise<SandboxResponse>;

export type ODataWriteOperation = 'create' | 'update' | 'delete';

export interface ODataWriteContext {
	operation: ODataWriteOperation;
	set: ODataEntitySetDefinition;
	/** The record as it will be stored (create, update: merged); hooks may change it. Empty on delete. */
	record: ODataRecord;
	previous?: ODataRecord;
	/** The body as sent (after `@odata.bind` resolution), for create and update. */
	changes: ODataRecord;
	request?: SandboxRequest;
}

export interface ODataWriteEvent {
	operation: ODataWriteOperation;
	set: string;
	key: Record<string, unknown>;
	record?: ODataRecord;
	previous?: ODataRecord;
	/** The service's version counter after the write (Dataverse's versionnumber). */
	version: number;
}

export interface ODataServiceHooks {
	/** Checks the caller (once per request; `$batch` parts inherit it). Return a response to refuse. */
	authorize?(request: SandboxRequest): SandboxResponse | undefined | Promise<SandboxResponse | undefined>;
	/** Answers paths the core does not know (`$metadata`, `WhoAmI`, vendor routes); undefined to fall through. */
	route?(context: ODataRequestContext & { path: string }): SandboxResponse | undefined | Promise<SandboxResponse | undefined>;
	/** Unbound actions (`POST <root>/<Name>`) and functions (`GET <root>/<Name>()`), by name. */
	actions?: Record<string, ODataActionHandler>;
	functions?: Record<string, ODataActionHandler>;
	/** Bound actions by entity set, then qualified name (`Microsoft.Dynamics.CRM.msdyn_X`). */
	boundActions?: Record<string, Record<string, ODataBoundActionHandler>>;
	/** Before each write is stored: throw ODataError to refuse, or change `context.record`. */
	beforeWrite?(context: ODataWriteContext): void | Promise<void>;
	/** After a write is committed (changeset writes only once the changeset succeeds). */
	onWrite?(event: ODataWriteEvent): void;
	/** Limits what reads see (F&O company scoping); undefined to see everything. */
	readFilter?(context: { set: ODataEntitySetDefinition; request: SandboxRequest }): ((record: ODataRecord) => boolean) | undefined;
	/**
	 * The vendor's own state beside the store (number sequences, queues), captured when a changeset starts and
	 * restored when it fails, so a rolled-back changeset leaves no trace there either.
	 */
	captureState?(): unknown;
	restoreState?(state: unknown): void;
	/** Adds annotations to a record being answered (formatted values, lookup logical names). */
	annotate?(context: { set: ODataEntitySetDefinition; record: ODataRecord; output: ODataRecord; request: SandboxRequest }): void;
}

export interface ODataServiceOptions {
	/** The service root path, e.g. `/api/data/v9.2` or `/data`. */
	root: string;
	sets: ODataEntitySetDefinition[];
	dialect: ODataDialect;
	hooks?: ODataServiceHooks;
	/** Generates primary keys for single-GUID-key sets on create (deterministic by default). */
	newGuid?: () => string;
}

interface StoredRecord {
	data: ODataRecord;
	version: number;
}

interface StoreState {
	tables: Map<string, Map<string, StoredRecord>>;
	version: number;
	guidCounter: number;
}

interface Preferences {
	returnRepresentation?: boolean;
	maxPageSize?: number;
	includeAnnotations?: string;
	continueOnError: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const SUPPORTED_QUERY_OPTIONS = new Set(['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$expand', '$skiptoken', '$format']);

function parsePreferences(header: string | undefined): Preferences {
	const out: Preferences = { continueOnError: false };
	for (const raw of (header ?? '').split(',')) {
		const [name, ...rest] = raw.trim().split('=');
		const value = rest.join('=').trim().replace(/^"|"$/g, '');
		const key = name.trim().toLowerCase();
		if (key === 'return') out.returnRepresentation = value === 'representation';
		if (key === 'odata.maxpagesize' && /^\d+$/.test(value)) out.maxPageSize = Number(value);
		if (key === 'odata.include-annotations') out.includeAnnotations = value;
		if (key === 'odata.continue-on-error') out.continueOnError = value === '' || value === 'true';
	}
	return out;
}

function etagOf(version: number): string {
	return `W/"${version}"`;
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** Splits `a,b(c,d),e` at top-level commas. */
function splitTopLevel(text: string, separator = ','): string[] {
	const out: string[] = [];
	let depth = 0;
	let quoted = false;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === "'") quoted = !quoted;
		else if (!quoted && c === '(') depth++;
		else if (!quoted && c === ')') depth--;
		else if (!quoted && depth === 0 && c === separator) {
			out.push(text.slice(start, i));
			start = i + 1;
		}
	}
	out.push(text.slice(start));
	return out.map((part) => part.trim()).filter((part) => part !== '');
}

export class ODataService {
	readonly root: string;
	readonly dialect: ODataDialect;
	readonly hooks: ODataServiceHooks;
	private readonly sets: ODataEntitySetDefinition[];
	private state: StoreState;
	private readonly newGuid: () => string;
	/** Write events of an open changeset, emitted once it commits. */
	private pendingEvents: ODataWriteEvent[] | undefined;
	/** Undo steps of an open changeset, run in reverse when it fails (cheaper than copying the store per changeset). */
	private journal: Array<() => void> | undefined;

	constructor(options: ODataServiceOptions) {
		this.root = options.root.replace(/\/+$/, '');
		this.dialect = options.dialect;
		this.hooks = options.hooks ?? {};
		this.sets = options.sets.map((set) => this.withLookupColumns(set));
		this.state = this.emptyState();
		this.newGuid = options.newGuid ?? (() => this.sequentialGuid());
	}

	// ---------------------------------------------------------------------------------------------------------
	// Definitions

	private withLookupColumns(set: ODataEntitySetDefinition): ODataEntitySetDefinition {
		const properties: Record<string, ODataPropertyDefinition> = { ...set.properties };
		for (const lookup of Object.values(set.lookups ?? {})) {
			if (!properties[lookup.column]) properties[lookup.column] = { type: 'Edm.Guid', readOnly: true };
		}
		return { ...set, properties };
	}

	private emptyState(): StoreState {
		return { tables: new Map(this.sets.map((set) => [set.name, new Map()])), version: 1000, guidCounter: 0 };
	}

	private sequentialGuid(): string {
		this.state.guidCounter++;
		return `00000000-0000-4000-8000-${this.state.guidCounter.toString(16).padStart(12, '0')}`;
	}

	entitySet(name: string): ODataEntitySetDefinition | undefined {
		return this.sets.find((set) => set.name === name) ?? this.sets.find((set) => set.caseInsensitiveNames && set.name.toLowerCase() === name.toLowerCase());
	}

	private requireSet(name: string): ODataEntitySetDefinition {
		const set = this.entitySet(name);
		if (!set) throw new Error(`unknown entity set ${name}`);
		return set;
	}

	/** The property's canonical name, honouring caseInsensitiveNames. */
	propertyName(set: ODataEntitySetDefinition, name: string): string | undefined {
		if (set.properties[name]) return name;
		if (!set.caseInsensitiveNames) return undefined;
		return Object.keys(set.properties).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	}

	private unknownProperty(set: ODataEntitySetDefinition, name: string): ODataError {
		return new ODataError(
			400,
			'unknownProperty',
			`Could not find a property named '${name}' on type '${this.qualifiedType(set)}'.`,
		);
	}

	qualifiedType(set: ODataEntitySetDefinition): string {
		return set.entityType.includes('.') ? set.entityType : `${this.dialect.namespace ?? 'Sandbox'}.${set.entityType}`;
	}

	// ---------------------------------------------------------------------------------------------------------
	// Store

	private table(set: ODataEntitySetDefinition): Map<string, StoredRecord> {
		let table = this.state.tables.get(set.name);
		if (!table) {
			table = new Map();
			this.state.tables.set(set.name, table);
		}
		return table;
	}

	private normaliseKeyValue(set: ODataEntitySetDefinition, property: string, value: unknown): string {
		const type = set.properties[property]?.type;
		if (type === 'Edm.Guid') return String(value).toLowerCase();
		if (typeof value === 'string' && this.dialect.caseInsensitiveStrings) return value.toLowerCase();
		return JSON.stringify(value);
	}

	private keyString(set: ODataEntitySetDefinition, record: ODataRecord, properties: string[] = set.key): string {
		return JSON.stringify(properties.map((property) => this.normaliseKeyValue(set, property, record[property])));
	}

	keyOf(set: ODataEntitySetDefinition, record: ODataRecord): Record<string, unknown> {
		return Object.fromEntries(set.key.map((property) => [property, record[property]]));
	}

	/** Every stored record of a set (copies), in key order. */
	records(setName: string): ODataRecord[] {
		const set = this.requireSet(setName);
		return [...this.table(set).values()].map((stored) => clone(stored.data));
	}

	/** A stored record by primary key values, or undefined. */
	get(setName: string, key: Record<string, unknown>): ODataRecord | undefined {
		const set = this.requireSet(setName);
		const stored = this.table(set).get(this.keyString(set, key));
		return stored ? clone(stored.data) : undefined;
	}

	etag(setName: string, key: Record<string, unknown>): string | undefined {
		const set = this.requireSet(setName);
		const stored = this.table(set).get(this.keyString(set, key));
		return stored ? etagOf(stored.version) : undefined;
	}

	/** The service's version counter (grows with every write). */
	get version(): number {
		return this.state.version;
	}

	private findStored(set: ODataEntitySetDefinition, key: Record<string, unknown>): StoredRecord | undefined {
		const names = Object.keys(key);
		const sameNames = (a: string[], b: string[]) => a.length === b.length && a.every((name) => b.includes(name));
		if (sameNames(names, set.key)) return this.table(set).get(this.keyString(set, key));
		const alternate = (set.alternateKeys ?? []).find((candidate) => sameNames(candidate, names));
		if (!alternate) return undefined;
		const wanted = this.keyString(set, key, alternate);
		return [...this.table(set).values()].find((stored) => this.keyString(set, stored.data, alternate) === wanted);
	}

	private emit(event: ODataWriteEvent): void {
		if (this.pendingEvents) this.pendingEvents.push(event);
		else this.hooks.onWrite?.(event);
	}

	/**
	 * Stores a new record as the service would (defaults, generated GUID key, validation, hooks, unique keys).
	 * For seeding and for actions; requests go through the same path.
	 */
	async insert(setName: string, body: ODataRecord, request?: SandboxRequest): Promise<ODataRecord> {
		const set = this.requireSet(setName);
		const changes = this.resolveBinds(set, body);
		const record: ODataRecord = {};
		for (const [name, definition] of Object.entries(set.properties)) {
			if (definition.default !== undefined) record[name] = clone(definition.default);
		}
		Object.assign(record, changes);
		if (set.key.length === 1 && set.properties[set.key[0]]?.type === 'Edm.Guid' && (record[set.key[0]] === undefined || record[set.key[0]] === null)) {
			record[set.key[0]] = this.newGuid();
		}
		const context: ODataWriteContext = { operation: 'create', set, record, changes, request };
		await this.hooks.beforeWrite?.(context);
		this.validate(set, context.record, 'create');
		const table = this.table(set);
		const keyString = this.keyString(set, context.record);
		if (table.has(keyString)) throw this.duplicate(set, set.key, context.record);
		this.checkAlternateKeys(set, context.record, undefined);
		const version = ++this.state.version;
		table.set(keyString, { data: clone(context.record), version });
		this.journal?.push(() => table.delete(keyString));
		this.emit({ operation: 'create', set: set.name, key: this.keyOf(set, context.record), record: clone(context.record), version });
		return clone(context.record);
	}

	/** Merges `body` into the record with primary key `key`; throws notFound when it does not exist. */
	async update(setName: string, key: Record<string, unknown>, body: ODataRecord, request?: SandboxRequest): Promise<ODataRecord> {
		const set = this.requireSet(setName);
		const stored = this.findStored(set, key);
		if (!stored) throw this.notFound(set, key);
		return await this.updateStored(set, stored, body, request);
	}

	private async updateStored(set: ODataEntitySetDefinition, stored: StoredRecord, body: ODataRecord, request?: SandboxRequest): Promise<ODataRecord> {
		const changes = this.resolveBinds(set, body);
		for (const keyProperty of set.key) {
			if (keyProperty in changes && this.normaliseKeyValue(set, keyProperty, changes[keyProperty]) !== this.normaliseKeyValue(set, keyProperty, stored.data[keyProperty])) {
				throw new ODataError(400, 'badRequest', `The key property '${keyProperty}' cannot be changed.`);
			}
		}
		const previous = clone(stored.data);
		const record = { ...clone(stored.data), ...changes };
		const context: ODataWriteContext = { operation: 'update', set, record, previous, changes, request };
		await this.hooks.beforeWrite?.(context);
		this.validate(set, context.record, 'update', changes);
		this.checkAlternateKeys(set, context.record, this.keyString(set, previous));
		const before = { data: stored.data, version: stored.version };
		this.journal?.push(() => {
			stored.data = before.data;
			stored.version = before.version;
		});
		stored.data = clone(context.record);
		stored.version = ++this.state.version;
		this.emit({ operation: 'update', set: set.name, key: this.keyOf(set, context.record), record: clone(context.record), previous, version: stored.version });
		return clone(context.record);
	}

	async remove(setName: string, key: Record<string, unknown>, request?: SandboxRequest): Promise<void> {
		const set = this.requireSet(setName);
		const stored = this.findStored(set, key);
		if (!stored) throw this.notFound(set, key);
		const previous = clone(stored.data);
		await this.hooks.beforeWrite?.({ operation: 'delete', set, record: {}, previous, changes: {}, request });
		const table = this.table(set);
		const keyString = this.keyString(set, previous);
		table.delete(keyString);
		this.journal?.push(() => table.set(keyString, stored));
		const version = ++this.state.version;
		this.emit({ operation: 'delete', set: set.name, key: this.keyOf(set, previous), previous, version });
	}

	/** Clears every set (the vendor then re-seeds). */
	clear(): void {
		this.state = this.emptyState();
	}

	/**
	 * Starts a changeset: every write until `commit` or `rollback` is journalled, and `rollback` undoes them in
	 * reverse with the counters (an undo log, not a copy of the store: a `$batch` of 1,000 changesets stays linear).
	 */
	beginChangeset(): { commit(): void; rollback(): void } {
		const counters = { version: this.state.version, guidCounter: this.state.guidCounter };
		const journal: Array<() => void> = [];
		this.journal = journal;
		const end = () => {
			if (this.journal === journal) this.journal = undefined;
		};
		return {
			commit: end,
			rollback: () => {
				end();
				for (const undo of journal.reverse()) undo();
				this.state.version = counters.version;
				this.state.guidCounter = counters.guidCounter;
			},
		};
	}

	// ---------------------------------------------------------------------------------------------------------
	// Validation

	private notFound(set: ODataEntitySetDefinition, key: Record<string, unknown>): ODataError {
		const names = Object.keys(key);
		if (names.length === 1 && set.key.length === 1 && names[0] === set.key[0]) {
			return new ODataError(404, 'notFound', `${set.entityType} With Id = ${String(key[names[0]])} Does Not Exist`);
		}
		return new ODataError(404, 'notFound', `A record with the specified key values does not exist in ${set.entityType} entity`);
	}

	private duplicate(set: ODataEntitySetDefinition, properties: string[], record: ODataRecord): ODataError {
		const values = properties.map((property) => `${property} = ${String(record[property])}`).join(', ');
		return new ODataError(412, 'duplicateKey', `A record with matching key values already exists (${set.entityType}: ${values}).`);
	}

	private checkAlternateKeys(set: ODataEntitySetDefinition, record: ODataRecord, ownKey: string | undefined): void {
		for (const alternate of set.alternateKeys ?? []) {
			if (alternate.some((property) => record[property] === undefined || record[property] === null)) continue;
			const wanted = this.keyString(set, record, alternate);
			for (const [key, stored] of this.table(set)) {
				if (key !== ownKey && key !== this.keyString(set, record) && this.keyString(set, stored.data, alternate) === wanted) throw this.duplicate(set, alternate, record);
			}
		}
	}

	private validate(set: ODataEntitySetDefinition, record: ODataRecord, operation: 'create' | 'update', changes: ODataRecord = record): void {
		for (const [name, value] of Object.entries(changes)) {
			const definition = set.properties[name];
			if (!definition) throw this.unknownProperty(set, name);
			this.checkValue(set, name, definition, value);
		}
		if (operation === 'create') {
			for (const [name, definition] of Object.entries(set.properties)) {
				if (definition.required && (record[name] === undefined || record[name] === null || record[name] === '')) {
					throw new ODataError(400, 'requiredMissing', `The property '${name}' is required on ${set.entityType} and was not given a value.`);
				}
			}
			for (const keyProperty of set.key) {
				if (record[keyProperty] === undefined || record[keyProperty] === null || record[keyProperty] === '') {
					throw new ODataError(400, 'requiredMissing', `The key property '${keyProperty}' of ${set.entityType} has no value.`);
				}
			}
		}
	}

	private checkValue(set: ODataEntitySetDefinition, name: string, definition: ODataPropertyDefinition, value: unknown): void {
		if (value === null) return;
		const invalid = (expected: string) =>
			new ODataError(400, 'invalidValue', `Cannot convert the literal '${typeof value === 'string' ? value : JSON.stringify(value)}' to the expected type '${definition.type}' of property '${name}' (${expected}).`);
		switch (definition.type) {
			case 'Edm.String':
				if (typeof value !== 'string') throw invalid('a string');
				if (definition.maxLength !== undefined && value.length > definition.maxLength) {
					throw new ODataError(400, 'invalidValue', `A validation error occurred.  The length of the '${name}' attribute of the '${set.entityType}' entity exceeded the maximum allowed length of '${definition.maxLength}'.`);
				}
				break;
			case 'Edm.Guid':
				if (typeof value !== 'string' || !GUID.test(value)) throw invalid('a GUID');
				break;
			case 'Edm.Int32':
			case 'Edm.Int64':
				if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid('an integer');
				break;
			case 'Edm.Decimal':
			case 'Edm.Double':
				if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid('a number');
				break;
			case 'Edm.Boolean':
				if (typeof value !== 'boolean') throw invalid('true or false');
				break;
			case 'Edm.DateTimeOffset':
				if (typeof value !== 'string' || !DATETIME.test(value) || Number.isNaN(Date.parse(value))) throw invalid('an ISO 8601 date-time with an offset');
				break;
			case 'Edm.Date':
				if (typeof value !== 'string' || !DATE.test(value)) throw invalid('a date yyyy-mm-dd');
				break;
		}
		if (definition.enumValues && !definition.enumValues.includes(value as string | number)) {
			throw new ODataError(400, 'invalidValue', `The value ${JSON.stringify(value)} is not valid for '${name}'; allowed: ${definition.enumValues.map((v) => JSON.stringify(v)).join(', ')}.`);
		}
	}

	/** Body as stored: `nav@odata.bind` resolved to the lookup column, names canonical, read-only refused. */
	private resolveBinds(set: ODataEntitySetDefinition, body: ODataRecord): ODataRecord {
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ODataError(400, 'badRequest', 'The request body must be a JSON object.');
		const out: ODataRecord = {};
		for (const [rawName, value] of Object.entries(body)) {
			if (rawName.startsWith('@odata.') || rawName === '@odata.type') continue;
			const bind = /^(.+)@odata\.bind$/.exec(rawName);
			if (bind) {
				const lookup = set.lookups?.[bind[1]];
				if (!lookup) {
					throw new ODataError(400, 'unknownProperty', `An undeclared property '${bind[1]}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`);
				}
				out[lookup.column] = value === null ? null : this.bindTarget(lookup.target, value);
				continue;
			}
			if (rawName.includes('@')) continue;
			const name = this.propertyName(set, rawName);
			if (!name) {
				if (set.lookups?.[rawName] || set.collections?.[rawName]) throw new ODataError(501, 'notSupportedBySandbox', `Deep insert through '${rawName}' is not supported by the sandbox; bind with ${rawName}@odata.bind`);
				throw new ODataError(400, 'unknownProperty', `The property '${rawName}' does not exist on type '${this.qualifiedType(set)}'. Make sure to only use property names that are defined by the type.`);
			}
			if (set.properties[name].readOnly && !(set.key.includes(name))) {
				throw new ODataError(400, 'readOnlyProperty', `The property '${name}' of ${set.entityType} is read-only and cannot be set.`);
			}
			out[name] = value;
		}
		return out;
	}

	/** `/accounts(<id>)`, `accounts(<id>)` or an absolute URL of the record; the target must exist. */
	private bindTarget(targetSet: string, value: unknown): string {
		if (typeof value !== 'string') throw new ODataError(400, 'invalidValue', `An @odata.bind value must be a URL of the record, got ${JSON.stringify(value)}.`);
		let path = value;
		try {
			path = new URL(value).pathname;
		} catch {
			// relative: kept as it is
		}
		path = path.replace(/^\/+/, '');
		if (path.startsWith(this.root.replace(/^\/+/, '') + '/')) path = path.slice(this.root.replace(/^\/+/, '').length + 1);
		const match = /^([A-Za-z_][\w]*)\((.*)\)$/.exec(path);
		const set = match ? this.entitySet(match[1]) : undefined;
		if (!match || !set) throw new ODataError(400, 'invalidValue', `The @odata.bind value '${value}' does not address a record of an entity set.`);
		if (set.name !== targetSet) throw new ODataError(400, 'invalidValue', `The @odata.bind value '${value}' addresses ${set.name}, but this navigation property points to ${targetSet}.`);
		const key = this.parseKeyPredicate(set, match[2]);
		const stored = this.findStored(set, key);
		if (!stored) throw this.notFound(set, key);
		const primary = stored.data[set.key[0]];
		return String(primary);
	}

	// ---------------------------------------------------------------------------------------------------------
	// URLs and keys

	/** A key whose names are not the primary key or a defined alternate key, in the words ODataLib (Dataverse) uses. */
	private invalidKey(set: ODataEntitySetDefinition): ODataError {
		return new ODataError(
			400,
			'invalidKey',
			`The key in the request URI is not valid for resource '${this.qualifiedType(set)}'. Ensure that the names and number of key properties are correct.`,
		);
	}

	/** Parses the inside of `(…)` into key values (unknown key names answer 400). */
	parseKeyPredicate(set: ODataEntitySetDefinition, text: string): Record<string, unknown> {
		const decoded = (raw: string): unknown => {
			const value = raw.trim();
			if (/^'.*'$/s.test(value)) return ODataService.decodedSegment(value.slice(1, -1).replace(/''/g, "'"));
			if (GUID.test(value)) return value.toLowerCase();
			if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
			if (value === 'true' || value === 'false') return value === 'true';
			throw new ODataError(400, 'invalidKey', `Bad Request - Error in query syntax: the key value ${value} is not a valid literal.`);
		};
		const unescaped = text.replace(/%27/gi, "'").replace(/%28/gi, '(').replace(/%29/gi, ')').replace(/%2C/gi, ',').replace(/%3D/gi, '=');
		const parts = splitTopLevel(unescaped);
		if (parts.length === 0) throw new ODataError(400, 'invalidKey', 'Bad Request - Error in query syntax: the key predicate is empty.');
		if (parts.length === 1 && !/^[A-Za-z_]\w*\s*=/.test(parts[0])) {
			if (set.key.length !== 1) throw new ODataError(400, 'invalidKey', `The key of ${set.entityType} has ${set.key.length} parts (${set.key.join(', ')}); name each of them.`);
			return { [set.key[0]]: decoded(parts[0]) };
		}
		const key: Record<string, unknown> = {};
		for (const part of parts) {
			const eq = part.indexOf('=');
			if (eq < 0) throw new ODataError(400, 'invalidKey', `Bad Request - Error in query syntax: '${part}' is not name=value.`);
			const rawName = part.slice(0, eq).trim();
			const name = this.propertyName(set, rawName);
			if (!name) throw this.invalidKey(set);
			key[name] = decoded(part.slice(eq + 1));
		}
		const names = Object.keys(key);
		const matches = (candidate: string[]) => candidate.length === names.length && candidate.every((name) => names.includes(name));
		if (!matches(set.key) && !(set.alternateKeys ?? []).some(matches)) throw this.invalidKey(set);
		return key;
	}

	private entityUrl(origin: string, set: ODataEntitySetDefinition, record: ODataRecord): string {
		const parts = set.key.map((property) => {
			const value = record[property];
			const literal = typeof value === 'string' && !(set.properties[property]?.type === 'Edm.Guid') ? `'${encodeURIComponent(value.replace(/'/g, "''"))}'` : String(value);
			return set.key.length === 1 ? literal : `${property}=${literal}`;
		});
		return `${origin}${this.root}/${set.name}(${parts.join(',')})`;
	}

	// ---------------------------------------------------------------------------------------------------------
	// Requests

	/** Registers the service's routes on a sandbox server (paths up to four segments below the root). */
	mount(server: SandboxServer, wrap?: (request: SandboxRequest, next: () => Promise<SandboxResponse>) => Promise<SandboxResponse>): void {
		const handler = (request: SandboxRequest) => (wrap ? wrap(request, () => this.handle(request)) : this.handle(request));
		for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
			for (const depth of [1, 2, 3, 4]) {
				const segments = Array.from({ length: depth }, (_, i) => `:s${i}`).join('/');
				server.route(method, `${this.root}/${segments}`, handler);
			}
		}
	}

	/** Answers one HTTP request to the service (the batch request included). */
	async handle(request: SandboxRequest): Promise<SandboxResponse> {
		try {
			const refusal = await this.hooks.authorize?.(request);
			if (refusal) return refusal;
			return await this.execute(request, false);
		} catch (error) {
			return this.errorResponse(error);
		}
	}

	/** An error as the dialect answers it. */
	errorResponse(error: unknown): SandboxResponse {
		const odataError = error instanceof ODataError ? error : new ODataError(500, 'badRequest', (error as Error).message ?? String(error));
		const code = odataError.code ?? this.dialect.errorCode(odataError.kind);
		return {
			status: odataError.status,
			headers: { 'OData-Version': '4.0', 'Content-Type': 'application/json; odata.metadata=minimal', ...(odataError.headers ?? {}) },
			body: this.dialect.errorBody(odataError, code),
		};
	}

	private async execute(request: SandboxRequest, inBatch: boolean): Promise<SandboxResponse> {
		const context: ODataRequestContext = { request, service: this, inBatch };
		if (!request.path.startsWith(`${this.root}/`)) throw new ODataError(404, 'segmentNotFound', `No HTTP resource was found that matches the request URI '${request.url.toString()}'.`);
		const path = request.path.slice(this.root.length + 1);
		const custom = await this.hooks.route?.({ ...context, path });
		if (custom) return custom;
		if (path === '$batch') {
			if (request.method !== 'POST') throw new ODataError(405, 'methodNotAllowed', 'The $batch endpoint only accepts POST.');
			if (inBatch) throw new ODataError(400, 'badRequest', 'A batch cannot contain another batch.');
			return await this.batch(request);
		}
		const segments = path.split('/');
		const first = /^([^()]+)(?:\((.*)\))?$/.exec(segments[0]);
		if (!first) throw new ODataError(400, 'badRequest', `Bad Request - Error in query syntax: '${segments[0]}'.`);
		const name = ODataService.decodedSegment(first[1]);
		const set = this.entitySet(name);
		if (!set) {
			if (segments.length === 1 && request.method === 'POST' && this.hooks.actions?.[name] && first[2] === undefined) {
				return await this.hooks.actions[name]({ ...context, body: this.jsonBody(request) });
			}
			if (segments.length === 1 && request.method === 'GET' && this.hooks.functions?.[name]) {
				return await this.hooks.functions[name]({ ...context, body: {} });
			}
			throw new ODataError(404, 'segmentNotFound', `Resource not found for the segment '${name}'.`);
		}
		if (first[2] === undefined) {
			if (segments.length === 2 && segments[1] === '$count' && request.method === 'GET') return this.countCollection(set, request);
			if (segments.length > 1) throw new ODataError(501, 'notSupportedBySandbox', `The path ${path} is not supported by the sandbox`);
			if (request.method === 'GET') return this.readCollection(set, request);
			if (request.method === 'POST') return await this.create(set, request);
			throw new ODataError(405, 'methodNotAllowed', `The HTTP method '${request.method}' is not allowed on the collection ${set.name}.`);
		}
		const key = this.parseKeyPredicate(set, first[2]);
		if (segments.length === 2) {
			const bound = this.hooks.boundActions?.[set.name]?.[ODataService.decodedSegment(segments[1])];
			if (bound && request.method === 'POST') {
				const stored = this.findStored(set, key);
				if (!stored) throw this.notFound(set, key);
				return await bound({ ...context, body: this.jsonBody(request), set, record: clone(stored.data), key: this.keyOf(set, stored.data) });
			}
			const navigation = ODataService.decodedSegment(segments[1]);
			if (set.collections?.[navigation] || set.lookups?.[navigation]) return await this.navigate(set, key, navigation, request);
			throw new ODataError(501, 'notSupportedBySandbox', `The path ${path} is not supported by the sandbox`);
		}
		if (segments.length > 2) throw new ODataError(501, 'notSupportedBySandbox', `The path ${path} is not supported by the sandbox`);
		if (request.method === 'GET') return this.readEntity(set, key, request);
		if (request.method === 'PATCH') return await this.patch(set, key, request);
		if (request.method === 'DELETE') return await this.delete(set, key, request);
		if (request.method === 'PUT') throw new ODataError(501, 'notSupportedBySandbox', 'PUT on an entity is not supported by the sandbox; use PATCH');
		throw new ODataError(405, 'methodNotAllowed', `The HTTP method '${request.method}' is not allowed on an entity of ${set.name}.`);
	}

	/**
	 * `set(key)/nav`: GET reads the related records (a collection with the query options, or the single record a
	 * lookup points to, 204 when empty); POST to a collection creates a record already bound to this one.
	 */
	private async navigate(set: ODataEntitySetDefinition, key: Record<string, unknown>, navigation: string, request: SandboxRequest): Promise<SandboxResponse> {
		const stored = this.findStored(set, key);
		// The read filter limits reads; a create through the navigation is a write, which it does not limit (as PATCH).
		if (!stored || (request.method === 'GET' && !this.visible(set, request)(stored.data))) throw this.notFound(set, key);
		const collection = set.collections?.[navigation];
		if (collection) {
			const target = this.requireSet(collection.source);
			const related = this.relatedTo(set, collection, stored.data);
			if (request.method === 'GET') return this.readCollection(target, request, related);
			if (request.method === 'POST') {
				// Bound the way a client would bind it: through the child's lookup when the parent has a one-part key and
				// the child a lookup to it; else every key part into the child's columns that hold it.
				const lookup = set.key.length === 1 ? Object.entries(target.lookups ?? {}).find(([, candidate]) => candidate.column === collection.column && candidate.target === set.name) : undefined;
				const link = lookup
					? { [`${lookup[0]}@odata.bind`]: `/${set.name}(${String(stored.data[set.key[0]])})` }
					: Object.fromEntries(this.collectionBinding(set, collection).map(({ key, column }) => [column, stored.data[key]]));
				const record = await this.insert(target.name, { ...this.jsonBody(request), ...link }, request);
				return this.writeAnswer(target, record, request, true);
			}
			throw new ODataError(405, 'methodNotAllowed', `The HTTP method '${request.method}' is not allowed on the navigation ${navigation}.`);
		}
		if (request.method !== 'GET') throw new ODataError(501, 'notSupportedBySandbox', `${request.method} on the single-valued navigation ${navigation} is not supported by the sandbox; bind with ${navigation}@odata.bind`);
		const lookup = set.lookups![navigation];
		const id = stored.data[lookup.column];
		if (id === null || id === undefined) return { status: 204, headers: { 'OData-Version': '4.0' } };
		const target = this.requireSet(lookup.target);
		return this.readEntity(target, { [target.key[0]]: id }, request);
	}

	/** Each key property of the parent and the child column that holds it (see ODataCollectionDefinition). */
	private collectionBinding(set: ODataEntitySetDefinition, collection: ODataCollectionDefinition): Array<{ key: string; column: string }> {
		if (collection.parentKey) {
			const missing = set.key.filter((key) => !collection.parentKey![key]);
			if (missing.length) throw new Error(`collection ${collection.source} of ${set.name}: parentKey names no column for ${missing.join(', ')}`);
			return set.key.map((key) => ({ key, column: collection.parentKey![key] }));
		}
		const last = set.key[set.key.length - 1];
		return set.key.map((key) => ({ key, column: key === last ? collection.column : key }));
	}

	/** Whether a child record holds the parent's whole key (every part, compared as keys are). */
	private relatedTo(set: ODataEntitySetDefinition, collection: ODataCollectionDefinition, parent: ODataRecord): (record: ODataRecord) => boolean {
		const binding = this.collectionBinding(set, collection).map(({ key, column }) => ({ key, column, value: this.normaliseKeyValue(set, key, parent[key]) }));
		return (record) => binding.every(({ key, column, value }) => record[column] !== null && record[column] !== undefined && this.normaliseKeyValue(set, key, record[column]) === value);
	}

	/** A path segment percent-decoded; a malformed escape is the client's error (400), not the service's. */
	private static decodedSegment(segment: string): string {
		try {
			return decodeURIComponent(segment);
		} catch {
			return ODataService.refuseSegment(segment);
		}
	}

	private static refuseSegment(segment: string): never {
		throw new ODataError(400, 'badRequest', `Bad Request - Error in query syntax: the segment '${segment}' is not validly percent-encoded.`);
	}

	/** `GET set/$count`: the number of records the filter matches, as plain text. */
	private countCollection(set: ODataEntitySetDefinition, request: SandboxRequest): SandboxResponse {
		const response = this.readCollection(set, request, () => true, true);
		return { status: 200, headers: { 'OData-Version': '4.0', 'Content-Type': 'text/plain' }, body: String((response.body as ODataRecord)['@odata.count']) };
	}

	private jsonBody(request: SandboxRequest): Record<string, unknown> {
		if (!request.rawBody) return {};
		if (request.body === undefined || typeof request.body !== 'object' || Array.isArray(request.body)) {
			throw new ODataError(400, 'badRequest', 'The request body is not a valid JSON object.');
		}
		return request.body as Record<string, unknown>;
	}

	private origin(request: SandboxRequest): string {
		return request.url.origin;
	}

	private metadataContext(request: SandboxRequest, fragment: string): string {
		return `${this.origin(request)}${this.root}/$metadata#${fragment}`;
	}

	// ---------------------------------------------------------------------------------------------------------
	// Reads

	private visible(set: ODataEntitySetDefinition, request: SandboxRequest): ((record: ODataRecord) => boolean) {
		return this.hooks.readFilter?.({ set, request }) ?? (() => true);
	}

	private parseSelect(set: ODataEntitySetDefinition, text: string | null): string[] | undefined {
		if (text === null || text.trim() === '' || text.trim() === '*') return undefined;
		return splitTopLevel(text).map((raw) => {
			const name = this.propertyName(set, raw);
			if (!name) throw this.unknownProperty(set, raw);
			return name;
		});
	}

	private parseExpand(set: ODataEntitySetDefinition, text: string | null): Array<{ name: string; select?: string[]; target: ODataEntitySetDefinition; kind: 'single' | 'collection' }> {
		if (text === null || text.trim() === '') return [];
		return splitTopLevel(text).map((item) => {
			const match = /^([A-Za-z_]\w*)(?:\((.*)\))?$/.exec(item);
			if (!match) throw new ODataError(400, 'queryInvalid', `The $expand item '${item}' is not valid.`);
			const lookup = set.lookups?.[match[1]];
			const collection = set.collections?.[match[1]];
			if (!lookup && !collection) throw new ODataError(400, 'queryInvalid', `Could not find a property named '${match[1]}' on type '${this.qualifiedType(set)}'.`);
			const target = this.requireSet(lookup ? lookup.target : collection!.source);
			let select: string[] | undefined;
			for (const option of splitTopLevel(match[2] ?? '', ';')) {
				const [optionName, ...value] = option.split('=');
				if (optionName.trim() === '$select') select = this.parseSelect(target, value.join('='));
				else throw new ODataError(501, 'notSupportedBySandbox', `The nested option ${optionName.trim()} in $expand is not supported by the sandbox`);
			}
			return { name: match[1], select, target, kind: lookup ? ('single' as const) : ('collection' as const) };
		});
	}

	/** A record as answered: etag, keys, selected properties, expansions, vendor annotations. */
	private shape(set: ODataEntitySetDefinition, stored: StoredRecord, request: SandboxRequest, select?: string[], expand: ReturnType<ODataService['parseExpand']> = []): ODataRecord {
		const output: ODataRecord = { '@odata.etag': etagOf(stored.version) };
		const names = select ? [...new Set([...select, ...set.key])] : Object.keys(set.properties);
		for (const name of names) output[name] = stored.data[name] ?? null;
		for (const item of expand) {
			if (item.kind === 'single') {
				const lookup = set.lookups![item.name];
				const id = stored.data[lookup.column];
				const target = id === null || id === undefined ? undefined : this.table(item.target).get(this.keyString(item.target, { [item.target.key[0]]: id }));
				output[item.name] = target ? this.shape(item.target, target, request, item.select) : null;
			} else {
				const related = this.relatedTo(set, set.collections![item.name], stored.data);
				output[item.name] = [...this.table(item.target).values()]
					.filter((candidate) => related(candidate.data))
					.map((candidate) => this.shape(item.target, candidate, request, item.select));
			}
		}
		this.hooks.annotate?.({ set, record: clone(stored.data), output, request });
		return output;
	}

	private readEntity(set: ODataEntitySetDefinition, key: Record<string, unknown>, request: SandboxRequest): SandboxResponse {
		this.checkQueryOptions(request, ['$select', '$expand']);
		const stored = this.findStored(set, key);
		if (!stored || !this.visible(set, request)(stored.data)) throw this.notFound(set, key);
		const etag = etagOf(stored.version);
		const ifNoneMatch = request.headers['if-none-match'];
		if (ifNoneMatch && (ifNoneMatch === '*' || ifNoneMatch.split(',').map((s) => s.trim()).includes(etag))) {
			return { status: 304, headers: { ETag: etag, 'OData-Version': '4.0' } };
		}
		const select = this.parseSelect(set, request.query.get('$select'));
		const expand = this.parseExpand(set, request.query.get('$expand'));
		const body = { '@odata.context': this.metadataContext(request, `${set.name}${select ? `(${select.join(',')})` : ''}/$entity`), ...this.shape(set, stored, request, select, expand) };
		return { status: 200, headers: { ETag: etag, 'OData-Version': '4.0' }, body };
	}

	private checkQueryOptions(request: SandboxRequest, allowed?: string[]): void {
		for (const name of request.query.keys()) {
			if (!name.startsWith('$')) continue;
			if (!SUPPORTED_QUERY_OPTIONS.has(name)) throw new ODataError(501, 'notSupportedBySandbox', `The query option ${name} is not supported by the sandbox`);
			if (allowed && !allowed.includes(name)) throw new ODataError(400, 'queryInvalid', `The query option ${name} is not allowed on a single entity.`);
		}
	}

	private parseOrderBy(set: ODataEntitySetDefinition, text: string | null): Array<{ name: string; descending: boolean }> {
		if (text === null || text.trim() === '') return [];
		return splitTopLevel(text).map((item) => {
			const [rawName, direction, extra] = item.split(/\s+/);
			if (extra !== undefined || (direction !== undefined && !['asc', 'desc'].includes(direction))) throw new ODataError(400, 'queryInvalid', `The $orderby item '${item}' is not valid.`);
			const name = this.propertyName(set, rawName);
			if (!name) throw this.unknownProperty(set, rawName);
			return { name, descending: direction === 'desc' };
		});
	}

	private sortValue(set: ODataEntitySetDefinition, name: string, value: unknown): string | number | boolean | null {
		if (value === null || value === undefined) return null;
		const type = set.properties[name]?.type;
		if (type === 'Edm.DateTimeOffset') return Date.parse(String(value));
		if (typeof value === 'string') return this.dialect.caseInsensitiveStrings || type === 'Edm.Guid' ? value.toLowerCase() : value;
		return value as number | boolean;
	}

	private static compareValues(a: unknown, b: unknown): number {
		if (a === b) return 0;
		if (a === null) return -1;
		if (b === null) return 1;
		return (a as number) < (b as number) ? -1 : 1;
	}

	private readCollection(set: ODataEntitySetDefinition, request: SandboxRequest, scope: (record: ODataRecord) => boolean = () => true, countOnly = false): SandboxResponse {
		this.checkQueryOptions(request);
		const query = request.query;
		if (query.has('$skip') && !this.dialect.allowSkip) throw new ODataError(400, 'skipNotSupported', 'The query parameter $skip is not supported');
		const select = this.parseSelect(set, query.get('$select'));
		const expand = this.parseExpand(set, query.get('$expand'));
		const orderBy = this.parseOrderBy(set, query.get('$orderby'));
		let filter: FilterNode | undefined;
		const filterText = query.get('$filter');
		if (filterText !== null && filterText.trim() !== '') {
			filter = parseFilter(filterText);
			for (const property of filterProperties(filter)) {
				const name = this.propertyName(set, property.name);
				if (!name) throw this.unknownProperty(set, property.name);
				property.name = name;
			}
		}
		const top = this.nonNegativeInteger(query.get('$top'), '$top');
		const skip = this.nonNegativeInteger(query.get('$skip'), '$skip') ?? 0;
		const preferences = parsePreferences(request.headers.prefer);
		const visible = this.visible(set, request);
		const filterContext = {
			valueOf: (record: ODataRecord, name: string) => record[name],
			typeOf: (name: string) => set.properties[name]?.type as EdmType | undefined,
			caseInsensitive: this.dialect.caseInsensitiveStrings,
		};
		const sortKey = (stored: StoredRecord) => [...orderBy.map((item) => this.sortValue(set, item.name, stored.data[item.name])), this.keyString(set, stored.data)];
		const compareKeys = (a: unknown[], b: unknown[]) => {
			for (let i = 0; i < a.length; i++) {
				const order = ODataService.compareValues(a[i], b[i]);
				if (order !== 0) return i < orderBy.length && orderBy[i].descending ? -order : order;
			}
			return 0;
		};
		let matched = [...this.table(set).values()].filter((stored) => scope(stored.data) && visible(stored.data) && (!filter || evaluateFilter(filter, stored.data, filterContext)));
		matched.sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
		const count = matched.length;
		matched = matched.slice(skip);
		const headers: Record<string, string> = { 'OData-Version': '4.0' };
		if (preferences.includeAnnotations !== undefined) headers['Preference-Applied'] = `odata.include-annotations="${preferences.includeAnnotations}"`;
		let page: StoredRecord[];
		let nextLink: string | undefined;
		if (top !== undefined) {
			page = matched.slice(0, top);
		} else {
			const requested = preferences.maxPageSize;
			const pageSize = Math.min(requested ?? this.dialect.defaultPageSize, this.dialect.maxPageSize);
			if (requested !== undefined) headers['Preference-Applied'] = [headers['Preference-Applied'], `odata.maxpagesize=${pageSize}`].filter(Boolean).join(',');
			const token = query.get('$skiptoken');
			if (token !== null) {
				const after = this.decodeSkipToken(token);
				matched = matched.filter((stored) => compareKeys(sortKey(stored), after) > 0);
			}
			page = matched.slice(0, pageSize);
			if (matched.length > pageSize) {
				const next = new URLSearchParams();
				for (const [name, value] of query) if (name !== '$skiptoken') next.append(name, value);
				next.append('$skiptoken', Buffer.from(JSON.stringify(sortKey(page[page.length - 1]))).toString('base64url'));
				nextLink = `${this.origin(request)}${request.path}?${next.toString().replace(/%24/g, '$')}`;
			}
		}
		const body: ODataRecord = { '@odata.context': this.metadataContext(request, `${set.name}${select ? `(${select.join(',')})` : ''}`) };
		if (query.get('$count') === 'true' || countOnly) body['@odata.count'] = count;
		body.value = page.map((stored) => this.shape(set, stored, request, select, expand));
		if (nextLink) body['@odata.nextLink'] = nextLink;
		return { status: 200, headers, body };
	}

	private decodeSkipToken(token: string): unknown[] {
		try {
			const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
			if (Array.isArray(parsed)) return parsed;
		} catch {
			// falls through to the error
		}
		throw new ODataError(400, 'queryInvalid', 'The $skiptoken is not valid; follow @odata.nextLink as it was given.');
	}

	private nonNegativeInteger(text: string | null, option: string): number | undefined {
		if (text === null) return undefined;
		if (!/^\d+$/.test(text.trim())) throw new ODataError(400, 'queryInvalid', `Invalid value '${text}' for ${option} query option found. The ${option} query option requires a non-negative integer value.`);
		return Number(text.trim());
	}

	// ---------------------------------------------------------------------------------------------------------
	// Writes

	private checkPreconditions(stored: StoredRecord | undefined, request: SandboxRequest, set: ODataEntitySetDefinition, key: Record<string, unknown>): void {
		const ifMatch = request.headers['if-match'];
		const ifNoneMatch = request.headers['if-none-match'];
		if (ifMatch !== undefined) {
			if (!stored) throw this.notFound(set, key);
			const accepted = ifMatch.split(',').map((s) => s.trim());
			if (!accepted.includes('*') && !accepted.includes(etagOf(stored.version))) {
				throw new ODataError(412, 'preconditionFailed', "The version of the existing record doesn't match the RowVersion property provided.");
			}
		}
		if (ifNoneMatch !== undefined && stored) {
			const refused = ifNoneMatch.split(',').map((s) => s.trim());
			if (refused.includes('*') || refused.includes(etagOf(stored.version))) {
				throw new ODataError(412, 'duplicateKey', 'A record with matching key values already exists.');
			}
		}
	}

	private writeAnswer(set: ODataEntitySetDefinition, record: ODataRecord, request: SandboxRequest, created: boolean): SandboxResponse {
		const stored = this.table(set).get(this.keyString(set, record))!;
		const url = this.entityUrl(this.origin(request), set, record);
		const preferences = parsePreferences(request.headers.prefer);
		const representation = preferences.returnRepresentation ?? (created && this.dialect.createReturnsRepresentation);
		const headers: Record<string, string> = { 'OData-Version': '4.0', 'OData-EntityId': url, ETag: etagOf(stored.version) };
		if (created) headers.Location = url;
		if (!representation) return { status: 204, headers };
		if (preferences.returnRepresentation) headers['Preference-Applied'] = 'return=representation';
		const select = this.parseSelect(set, request.query.get('$select'));
		return {
			status: created ? 201 : 200,
			headers,
			body: { '@odata.context': this.metadataContext(request, `${set.name}/$entity`), ...this.shape(set, stored, request, select) },
		};
	}

	private async create(set: ODataEntitySetDefinition, request: SandboxRequest): Promise<SandboxResponse> {
		const record = await this.insert(set.name, this.jsonBody(request), request);
		return this.writeAnswer(set, record, request, true);
	}

	private async patch(set: ODataEntitySetDefinition, key: Record<string, unknown>, request: SandboxRequest): Promise<SandboxResponse> {
		const stored = this.findStored(set, key);
		this.checkPreconditions(stored, request, set, key);
		const body = this.jsonBody(request);
		if (stored) {
			const record = await this.updateStored(set, stored, body, request);
			return this.writeAnswer(set, record, request, false);
		}
		if (!this.dialect.patchUpserts) throw this.notFound(set, key);
		for (const [name, value] of Object.entries(key)) {
			const given = body[name];
			if (given !== undefined && this.normaliseKeyValue(set, name, given) !== this.normaliseKeyValue(set, name, value)) {
				throw new ODataError(400, 'badRequest', `The key value of '${name}' in the body does not match the key in the URL.`);
			}
		}
		const record = await this.insert(set.name, { ...body, ...key }, request);
		return this.writeAnswer(set, record, request, true);
	}

	private async delete(set: ODataEntitySetDefinition, key: Record<string, unknown>, request: SandboxRequest): Promise<SandboxResponse> {
		const stored = this.findStored(set, key);
		this.checkPreconditions(stored, request, set, key);
		if (!stored) throw this.notFound(set, key);
		await this.remove(set.name, this.keyOf(set, stored.data), request);
		return { status: 204, headers: { 'OData-Version': '4.0' } };
	}

	// ---------------------------------------------------------------------------------------------------------
	// $batch

	private subRequest(outer: SandboxRequest, part: BatchSubRequest, contentIdUrls: Map<string, string>): SandboxRequest {
		let target = part.url;
		const reference = /^\$([^/?]+)(.*)$/.exec(target);
		if (reference) {
			const url = contentIdUrls.get(reference[1]);
			if (!url) throw new ODataError(400, 'badRequest', `Content-ID Reference: '$${reference[1]}' does not exist in the batch context.`);
			target = `${url}${reference[2]}`;
		}
		let url: URL;
		if (/^https?:\/\//i.test(target)) url = new URL(target);
		else if (target.startsWith('/')) url = new URL(target, outer.url.origin);
		else url = new URL(`${this.root}/${target}`, outer.url.origin);
		let body: unknown;
		let rawBody = part.body;
		if (part.body) {
			try {
				body = JSON.parse(part.body);
			} catch {
				body = undefined;
			}
			// `nav@odata.bind: "$1"` names the record an earlier request of the changeset created.
			if (body && typeof body === 'object' && !Array.isArray(body)) {
				let referenced = false;
				for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
					if (typeof value !== 'string' || !name.endsWith('@odata.bind') || !value.startsWith('$')) continue;
					const resolved = contentIdUrls.get(value.slice(1));
					if (!resolved) throw new ODataError(400, 'badRequest', `Content-ID Reference: '${value}' does not exist in the batch context.`);
					(body as Record<string, unknown>)[name] = resolved;
					referenced = true;
				}
				if (referenced) rawBody = JSON.stringify(body);
			}
		}
		const headers = { ...part.headers };
		return { method: part.method, path: url.pathname, url, query: url.searchParams, headers, rawBody, body, params: {} };
	}

	private partResponse(response: SandboxResponse, contentId: string | undefined): BatchSubResponse {
		const headers: Record<string, string> = { ...(response.headers ?? {}) };
		let body: string | undefined;
		if (response.body !== undefined && response.body !== '') {
			if (typeof response.body === 'string') body = response.body;
			else {
				body = JSON.stringify(response.body);
				if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json; odata.metadata=minimal';
			}
		}
		return { status: response.status, headers, body, ...(contentId !== undefined ? { contentId } : {}) };
	}

	private async runPart(outer: SandboxRequest, part: BatchSubRequest, contentIdUrls: Map<string, string>): Promise<SandboxResponse> {
		try {
			return await this.execute(this.subRequest(outer, part, contentIdUrls), true);
		} catch (error) {
			return this.errorResponse(error);
		}
	}

	private async batch(request: SandboxRequest): Promise<SandboxResponse> {
		const items = parseBatchRequest(request.headers['content-type'] ?? '', request.rawBody);
		const total = items.reduce((sum, item) => sum + (item.kind === 'changeset' ? item.requests.length : 1), 0);
		if (total > ODATA_BATCH_LIMIT) {
			throw new ODataError(400, 'batchTooLarge', `The number of requests in the batch (${total}) exceeds the limit of ${ODATA_BATCH_LIMIT}.`);
		}
		const preferences = parsePreferences(request.headers.prefer);
		const answers: BatchAnswer[] = [];
		/** The status of the failure the batch stopped at, when it stopped. */
		let stoppedWith: number | undefined;
		for (const item of items) {
			if (item.kind === 'request') {
				const response = await this.runPart(request, item.request, new Map());
				answers.push({ kind: 'response', response: this.partResponse(response, item.request.contentId) });
				if (response.status >= 400 && !preferences.continueOnError) {
					stoppedWith = response.status;
					break;
				}
				continue;
			}
			const vendorState = this.hooks.captureState?.();
			this.pendingEvents = [];
			const changeset = this.beginChangeset();
			const contentIdUrls = new Map<string, string>();
			const responses: BatchSubResponse[] = [];
			let failure: BatchSubResponse | undefined;
			for (const part of item.requests) {
				const response = await this.runPart(request, part, contentIdUrls);
				if (response.status >= 400) {
					failure = this.partResponse(response, part.contentId);
					break;
				}
				const location = response.headers?.['OData-EntityId'] ?? response.headers?.Location;
				if (part.contentId !== undefined && location) contentIdUrls.set(part.contentId, location);
				responses.push(this.partResponse(response, part.contentId));
			}
			const events = this.pendingEvents;
			this.pendingEvents = undefined;
			if (failure) {
				// All or none: the changeset's writes are undone and it answers with the one error.
				changeset.rollback();
				if (this.hooks.restoreState) this.hooks.restoreState(vendorState);
				answers.push({ kind: 'response', response: failure });
				if (!preferences.continueOnError) {
					stoppedWith = failure.status;
					break;
				}
				continue;
			}
			changeset.commit();
			for (const event of events) this.hooks.onWrite?.(event);
			answers.push({ kind: 'changeset', responses });
		}
		const boundary = `batchresponse_${randomUUID()}`;
		const headers: Record<string, string> = { 'Content-Type': `multipart/mixed; boundary=${boundary}`, 'OData-Version': '4.0' };
		if (preferences.continueOnError) headers['Preference-Applied'] = 'odata.continue-on-error';
		const status = stoppedWith !== undefined && this.dialect.stoppedBatchStatus === 'failingRequest' ? stoppedWith : 200;
		return { status, headers, body: writeBatchResponse(answers, boundary, () => `changesetresponse_${randomUUID()}`) };
	}
}
