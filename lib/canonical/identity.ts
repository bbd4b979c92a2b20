/**
 * Stable identities. Both are pure functions of their inputs, computed with SHA-256 over canonical JSON, so
 * they come out the same on every run and machine.
 */
import { canonicalJson, isPlainObject, sha256Hex } from './json';
import type { EntityName } from './schemas';

const ENTERPRISE_ID = /^ent-[a-zA-Z]+-[0-9a-f]{32}$/;

export function isEnterpriseId(value: unknown): value is string {
	return typeof value === 'string' && ENTERPRISE_ID.test(value);
}

/**
 * The enterprise id of a record first seen as `system`/`id`. A record created in another system from a
 * canonical record carries this id as its external id (NetSuite `externalId`, a Salesforce external-id
 * field), and mappers reuse it from there, so the same customer has one enterprise id in every system.
 * Letters, digits and hyphens only, so it is a valid NetSuite external id.
 */
export function enterpriseIdFor(entity: EntityName, system: string, id: string): string {
	const cacheKey = `${entity}\u0000${system}\u0000${id}`;
	const cached = enterpriseIds.get(cacheKey);
	if (cached !== undefined) return cached;
	const computed = `ent-${entity}-${sha256Hex(canonicalJson({ entity, system, id })).slice(0, 32)}`;
	// References repeat (the same worker and project on thousands of time entries): remember recent ids.
	if (enterpriseIds.size >= 50_000) enterpriseIds.clear();
	enterpriseIds.set(cacheKey, computed);
	return computed;
}

const enterpriseIds = new Map<string, string>();

/**
 * Fields that do not change what gets posted. A payment applied to an invoice, or a time entry moving to
 * another timesheet, must not make the same posting look new.
 */
export const NON_POSTING_FIELDS: Partial<Record<EntityName, string[]>> = {
	customer: [],
	invoice: ['status', 'amountPaid', 'amountDue', 'payments'],
	timeEntry: ['timesheet', 'posted'],
	expense: ['status'],
	billingEvent: ['invoice'],
	// Export state and the write-back of the ERP's number follow the posting; they must not make it look new.
	supplierInvoice: ['status', 'exported', 'erpDocumentNumber'],
	costCommitment: ['status', 'invoicedAmount'],
};

/** Drops display names from references: renaming a project must not re-post its time. */
function withoutDisplayNames(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutDisplayNames);
	if (!isPlainObject(value)) return value;
	const keys = Object.keys(value);
	const isReference = isReferenceShape(value, keys);
	const out: Record<string, unknown> = {};
	for (const key of keys) {
		if (isReference && key === 'name') continue;
		out[key] = withoutDisplayNames(value[key]);
	}
	return out;
}

/** Whether withoutDisplayNames treats `value` as a reference (its display name is dropped). */
function isReferenceShape(value: Record<string, unknown>, keys: string[]): boolean {
	return typeof value.id === 'string' && keys.every((key) => key === 'id' || key === 'name' || key === 'enterpriseId');
}

/** sortedCopy's answer for a value that needs canonicalJson's own rules (JSON.stringify would differ). */
const NOT_PLAIN = Symbol('not plain JSON');
const INDEX_LIKE = /^(?:0|[1-9]\d*)$/;

/**
 * withoutDisplayNames with every object's members inserted in sorted order, so that JSON.stringify (native, and
 * much faster than building the text in JavaScript) gives canonicalJson's text. Only for plain JSON: a key that
 * objects order by number ("10" before "9" sorted as text), or a value that is not a string,
 * finite-or-not number, boolean, null, plain object or array gives NOT_PLAIN, and the caller serialises the
 * usual way.
 */
function sortedCopy(value: unknown): unknown {
	if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (Array.isArray(value)) {
		const out = new Array<unknown>(value.length);
		for (let index = 0; index < value.length; index++) {
			const entry = value[index] === undefined ? null : sortedCopy(value[index]);
			if (entry === NOT_PLAIN) return NOT_PLAIN;
			out[index] = entry;
		}
		return out;
	}
	if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record);
	let isReference = typeof record.id === 'string';
	for (let index = 0; isReference && index < keys.length; index++) {
		const key = keys[index];
		isReference = key === 'id' || key === 'name' || key === 'enterpriseId';
	}
	keys.sort();
	const out: Record<string, unknown> = {};
	for (const key of keys) {
		const entry = record[key];
		if (entry === undefined || (isReference && key === 'name')) continue;
		if (INDEX_LIKE.test(key)) return NOT_PLAIN;
		// As in withoutDisplayNames: assigning `__proto__` never makes a member, so it is never serialised.
		if (key === '__proto__') continue;
		const copy = sortedCopy(entry);
		if (copy === NOT_PLAIN) return NOT_PLAIN;
		out[key] = copy;
	}
	return out;
}

/** canonicalJson(withoutDisplayNames(value)): the idempotency key is made for every record, twice on a toCanonical-then-validate run. */
function postingJson(value: Record<string, unknown>): string {
	const copy = sortedCopy(value);
	return copy === NOT_PLAIN ? displayFreeJson(value) : JSON.stringify(copy);
}

/** canonicalJson(withoutDisplayNames(value)) in one pass, for any value (see postingJson). */
function displayFreeJson(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (value === null || typeof value !== 'object') return canonicalJson(value);
	if (Array.isArray(value)) {
		let out = '[';
		for (let index = 0; index < value.length; index++) out += (index === 0 ? '' : ',') + displayFreeJson(value[index]);
		return `${out}]`;
	}
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record);
	let isReference = typeof record.id === 'string';
	for (let index = 0; isReference && index < keys.length; index++) {
		const key = keys[index];
		isReference = key === 'id' || key === 'name' || key === 'enterpriseId';
	}
	keys.sort();
	let out = '{';
	for (const key of keys) {
		const entry = record[key];
		// `__proto__`: withoutDisplayNames's copy never has it as a member (see sortedCopy).
		if (entry === undefined || (isReference && key === 'name') || key === '__proto__') continue;
		out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${displayFreeJson(entry)}`;
	}
	return `${out}}`;
}

/** The part of an entity's data that matters for posting. */
export function postingContent(entity: EntityName, data: Record<string, unknown>): Record<string, unknown> {
	return withoutDisplayNames(postingFields(entity, data)) as Record<string, unknown>;
}

/** The posting fields of the data, as given (display names still in). */
function postingFields(entity: EntityName, data: Record<string, unknown>): Record<string, unknown> {
	const skip = NON_POSTING_FIELDS[entity];
	const content: Record<string, unknown> = {};
	for (const key of Object.keys(data)) {
		const value = data[key];
		if (value !== undefined && !skip?.includes(key)) content[key] = value;
	}
	return content;
}

/**
 * Idempotency key: SHA-256 (hex) of the canonical JSON of the source system, object and id, the entity and
 * its posting-relevant content. Same record, same content → same key on every run and machine; key order,
 * correlation ids, timestamps, lineage and display names do not affect it; any posted value does.
 */
export function idempotencyKeyFor(
	entity: EntityName,
	source: { system: string; object: string; id: string },
	data: Record<string, unknown>,
): string {
	const { system, object, id } = source;
	if (typeof system !== 'string' || typeof object !== 'string' || typeof id !== 'string') {
		return sha256Hex(canonicalJson({ v: 1, entity, system, object, id, content: postingContent(entity, data) }));
	}
	// The same text canonicalJson gives for { v, entity, system, object, id, content }: members in sorted order.
	return sha256Hex(
		`{"content":${postingJson(postingFields(entity, data))},"entity":${JSON.stringify(entity)},"id":${JSON.stringify(id)},` +
			`"object":${JSON.stringify(object)},"system":${JSON.stringify(system)},"v":1}`,
	);
}
