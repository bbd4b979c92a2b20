import type { CanonicalRecord, EntityName, RenderedRecord, ToCanonicalContext, TransformResult, VendorMapper } from '../../lib/canonical';
import { canonicalDecimal, enterpriseIdFor, fromCanonicalRecord, idempotencyKeyFor, isPlainObject, toCanonicalRecord } from '../../lib/canonical';

export const CONTEXT: ToCanonicalContext = { environment: 'sandbox', correlationId: 'test-correlation-1', defaultCurrency: 'USD' };

export function expectOk<T>(result: TransformResult<T>): T {
	if (!result.ok) throw new Error(`expected success, got problems: ${JSON.stringify(result.problems, null, 2)}`);
	return result.value;
}

/** vendor → canonical → vendor, both directions required to succeed. */
export function roundTrip(mapper: VendorMapper, record: Record<string, unknown>): { canonical: CanonicalRecord; rendered: RenderedRecord } {
	const canonical = expectOk(toCanonicalRecord(mapper, record, CONTEXT, { unknownFields: 'lenient' }));
	const rendered = expectOk(fromCanonicalRecord(mapper, canonical));
	return { canonical, rendered };
}

function sameScalar(rendered: unknown, original: unknown): boolean {
	if (rendered === original) return true;
	const numeric = (value: unknown) =>
		(typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));
	if (numeric(rendered) && numeric(original)) return canonicalDecimal(String(rendered)) === canonicalDecimal(String(original));
	return false;
}

/**
 * Every value the mapping wrote back equals the original's value at the same path. References are compared by
 * id (the display name is read-only in both vendors); sublists `{ items }` / `{ records }` element by element.
 * Fields the original lacks are not compared. Returns the paths compared, so a test can also require that the
 * mapped fields were written at all.
 */
export function expectWrittenFieldsKept(rendered: unknown, original: unknown, path = ''): string[] {
	const compared: string[] = [];
	// A field the original did not have (a default currency, an explicit false) adds information; it loses none.
	if (original === undefined) return compared;
	if (Array.isArray(rendered)) {
		const list = Array.isArray(original)
			? original
			: isPlainObject(original) && Array.isArray(original.items)
				? original.items
				: isPlainObject(original) && Array.isArray(original.records)
					? original.records
					: undefined;
		if (!list) throw new Error(`${path}: rendered a list where the original has ${JSON.stringify(original)}`);
		expect(rendered.length).toBe(list.length);
		rendered.forEach((entry, index) => compared.push(...expectWrittenFieldsKept(entry, list[index], `${path}[${index}]`)));
		return compared;
	}
	if (isPlainObject(rendered)) {
		if (!isPlainObject(original)) throw new Error(`${path}: rendered an object where the original has ${JSON.stringify(original)}`);
		for (const [key, value] of Object.entries(rendered)) {
			compared.push(...expectWrittenFieldsKept(value, original[key], path ? `${path}.${key}` : key));
		}
		return compared;
	}
	if (!sameScalar(rendered, original)) {
		throw new Error(`${path}: rendered ${JSON.stringify(rendered)} but the original has ${JSON.stringify(original)}`);
	}
	return [path];
}

/** A canonical record built by hand around `data`, with a correct envelope (what toCanonical would produce). */
export function canonicalRecord(entity: EntityName, data: Record<string, unknown>, id = 'rec-1'): Record<string, any> {
	const source = { system: 'testsystem', environment: 'sandbox' as const, object: 'TestObject', id };
	return {
		envelope: {
			schemaVersion: '1.0',
			entity,
			source,
			enterpriseId: enterpriseIdFor(entity, 'testsystem', id),
			correlationId: 'test-correlation-1',
			idempotencyKey: idempotencyKeyFor(entity, source, data),
			lineage: [{ step: 'extract', system: 'testsystem', object: 'TestObject', id }],
		},
		[entity]: data,
	};
}

/** Recomputes the idempotency key after a test edits the data. */
export function rekey(record: Record<string, any>): Record<string, any> {
	const entity = record.envelope.entity as EntityName;
	record.envelope.idempotencyKey = idempotencyKeyFor(entity, record.envelope.source, record[entity]);
	return record;
}
