/**
 * Stable identities. Both are pure functions of their inputs, computed with SHA-256 over canonical JSON, so
 * they come out the same on every run and machine.
 */
import { canonicalJson, isPlainObject, sha256Hex } from './json';
import { compiledPostingJson, postingJson } from './postingJson';
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
export function enterpriseIdFor(entity: EntityName, system: string, id: string, remember = true): string {
	// `remember: false` for an id met once per run (a record's own id): keeping it would cost more than the hash.
	if (!remember || typeof entity !== 'string' || typeof system !== 'string' || typeof id !== 'string') return computeEnterpriseId(entity, system, id);
	// References repeat (the same worker and project on thousands of time entries): recent ids are remembered, per
	// entity and system, so a lookup hashes only the id (no key text is built).
	if (rememberedIds >= 50_000) {
		enterpriseIds.clear();
		rememberedIds = 0;
	}
	let bySystem = enterpriseIds.get(entity);
	if (bySystem === undefined) {
		bySystem = new Map();
		enterpriseIds.set(entity, bySystem);
	}
	let byId = bySystem.get(system);
	if (byId === undefined) {
		byId = new Map();
		bySystem.set(system, byId);
	}
	const cached = byId.get(id);
	if (cached !== undefined) return cached;
	const computed = computeEnterpriseId(entity, system, id);
	byId.set(id, computed);
	rememberedIds++;
	return computed;
}

function computeEnterpriseId(entity: EntityName, system: string, id: string): string {
	// canonicalJson({ entity, system, id }) written directly when all three are text (members in sorted order).
	const text = typeof entity === 'string' && typeof system === 'string' && typeof id === 'string'
		? `{"entity":${JSON.stringify(entity)},"id":${JSON.stringify(id)},"system":${JSON.stringify(system)}}`
		: canonicalJson({ entity, system, id });
	return `ent-${entity}-${sha256Hex(text).slice(0, 32)}`;
}

/** entity → system → id → enterprise id, at most 50,000 ids in all (then it starts again). */
const enterpriseIds = new Map<string, Map<string, Map<string, string>>>();
let rememberedIds = 0;

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
		`{"content":${compiledPostingJson(entity, data, NON_POSTING_FIELDS[entity]) ?? postingJson(postingFields(entity, data))},"entity":${JSON.stringify(entity)},"id":${JSON.stringify(id)},` +
			`"object":${JSON.stringify(object)},"system":${JSON.stringify(system)},"v":1}`,
	);
}
