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
};

/** Drops display names from references: renaming a project must not re-post its time. */
function withoutDisplayNames(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutDisplayNames);
	if (!isPlainObject(value)) return value;
	const keys = Object.keys(value);
	const isReference = typeof value.id === 'string' && keys.every((key) => key === 'id' || key === 'name' || key === 'enterpriseId');
	const out: Record<string, unknown> = {};
	for (const key of keys) {
		if (isReference && key === 'name') continue;
		out[key] = withoutDisplayNames(value[key]);
	}
	return out;
}

/** The part of an entity's data that matters for posting. */
export function postingContent(entity: EntityName, data: Record<string, unknown>): Record<string, unknown> {
	const skip = new Set(NON_POSTING_FIELDS[entity] ?? []);
	const content: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(data)) {
		if (!skip.has(key) && value !== undefined) content[key] = value;
	}
	return withoutDisplayNames(content) as Record<string, unknown>;
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
	return sha256Hex(
		canonicalJson({
			v: 1,
			entity,
			system: source.system,
			object: source.object,
			id: source.id,
			content: postingContent(entity, data),
		}),
	);
}
