/**
 * The speed-ups of issue 14 must not change a single answer: the compiled validators accept exactly what zod
 * accepts (strict and lenient), and the one-pass idempotency key is the same text, hashed, as the original
 * canonicalJson(postingContent(…)) formula.
 */
import { createHash } from 'crypto';
import fc from 'fast-check';

import type { EntityName } from '../../lib/canonical';
import { ENTITY_NAMES, idempotencyKeyFor, recordSchema, toCanonicalRecord, validateCanonical } from '../../lib/canonical';
import { compiledValidator } from '../../lib/canonical/compiled';
import { MAPPERS } from '../../nodes/CanonicalTransform/mappers';
import { netSuite, salesforce } from './fixtures';
import { CONTEXT } from './helpers';

const SOURCES: Array<[string, () => Record<string, unknown>]> = [
	['salesforce:Account', salesforce.account],
	['salesforce:Opportunity', salesforce.opportunity],
	['salesforce:Contract', salesforce.contract],
	['netsuite:customer', netSuite.customer],
	['netsuite:job', netSuite.job],
	['netsuite:employee', netSuite.employee],
	['netsuite:timeBill', netSuite.timeBill],
	['netsuite:expenseReport', netSuite.expenseReport],
	['netsuite:invoice', netSuite.invoice],
	['netsuite:journalEntry', netSuite.journalEntry],
	['netsuite:resourceAllocation', netSuite.resourceAllocation],
];

/** Valid canonical records of several entities, made by the real mappers. */
const VALID: Array<{ entity: EntityName; record: Record<string, unknown> }> = SOURCES.map(([name, fixture]) => {
	const mapper = MAPPERS.find((candidate) => `${candidate.system}:${candidate.object}` === name)!;
	const result = toCanonicalRecord(mapper, fixture(), CONTEXT);
	if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`);
	return { entity: mapper.entity, record: result.value as Record<string, unknown> };
});

function zodAccepts(entity: EntityName, value: unknown, lenient: boolean): boolean {
	const parsed = recordSchema(entity).safeParse(value);
	return parsed.success || (lenient && parsed.error.issues.every((issue) => issue.code === 'unrecognized_keys'));
}

/** Every path to a member (objects and arrays), so a mutation can land anywhere in the record. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
	if (value === null || typeof value !== 'object') return [];
	const entries = Array.isArray(value) ? value.map((entry, index) => [index, entry] as const) : Object.entries(value);
	return entries.flatMap(([key, entry]) => [[...prefix, key], ...pathsOf(entry, [...prefix, key])]);
}

function mutate(record: Record<string, unknown>, path: Array<string | number>, action: 'set' | 'delete' | 'addKey', replacement: unknown): unknown {
	const copy = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
	let parent: any = copy;
	for (const key of path.slice(0, -1)) parent = parent[key];
	const last = path[path.length - 1];
	if (action === 'set') parent[last] = replacement;
	else if (action === 'delete') {
		if (Array.isArray(parent)) parent.splice(Number(last), 1);
		else delete parent[last];
	} else if (parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
		parent[last].unexpectedField = replacement;
	}
	return copy;
}

const replacements = fc.oneof(
	fc.constantFrom('', ' ', '2025-02-29', '2024-02-29', '7.5', '24.5', '-1', 'USD', 'XXX', 'hour', 'approved', 'ent-customer-0123', 'x'),
	fc.string(),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.array(fc.string(), { maxLength: 2 }),
	fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 2 }),
);

describe('compiled validators', () => {
	it('accept every valid canonical record (so validation skips zod on the usual record)', () => {
		expect(VALID.length).toBeGreaterThanOrEqual(8);
		for (const { entity, record } of VALID) {
			expect(compiledValidator(recordSchema(entity), false)(record)).toBe(true);
			expect(compiledValidator(recordSchema(entity), true)(record)).toBe(true);
		}
	});

	it('answer exactly as zod does for records changed anywhere, strict and lenient', () => {
		const cases = VALID.flatMap(({ entity, record }) => pathsOf(record).map((path) => ({ entity, record, path })));
		fc.assert(
			fc.property(fc.constantFrom(...cases), fc.constantFrom<'set' | 'delete' | 'addKey'>('set', 'delete', 'addKey'), replacements, ({ entity, record, path }, action, replacement) => {
				const changed = mutate(record, path, action, replacement);
				for (const lenient of [false, true]) {
					expect(compiledValidator(recordSchema(entity), lenient)(changed)).toBe(zodAccepts(entity, changed, lenient));
				}
			}),
			{ numRuns: 3000 },
		);
	});

	it('answer as zod does for values that are not records at all', () => {
		fc.assert(
			fc.property(fc.constantFrom(...ENTITY_NAMES), fc.anything(), (entity, value) => {
				for (const lenient of [false, true]) expect(compiledValidator(recordSchema(entity), lenient)(value)).toBe(zodAccepts(entity, value, lenient));
			}),
			{ numRuns: 500 },
		);
	});

	it('leave the problems people read unchanged (zod still reports them)', () => {
		const { entity, record } = VALID.find((candidate) => candidate.entity === 'timeEntry')!;
		const broken = mutate(record, ['timeEntry', 'hours'], 'set', '25');
		expect(validateCanonical(entity, broken).problems).toEqual([expect.objectContaining({ path: 'timeEntry.hours', reason: expect.stringContaining('from 0 to 24') })]);
	});
});

/** The idempotency key as first written: canonicalJson over a copy without display names. */
function referenceKey(entity: EntityName, source: { system: string; object: string; id: string }, data: Record<string, unknown>): string {
	const isPlain = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
	const canonicalJson = (value: unknown): string => {
		if (value === undefined) return 'null';
		if (value === null || typeof value !== 'object') {
			if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
			return JSON.stringify(value);
		}
		if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
		const keys = Object.keys(value).sort();
		return `{${keys
			.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
			.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
			.join(',')}}`;
	};
	// The original code, assignments and all (assigning `__proto__` never makes a member).
	const withoutDisplayNames = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(withoutDisplayNames);
		if (!isPlain(value)) return value;
		const keys = Object.keys(value);
		const isReference = typeof value.id === 'string' && keys.every((key) => key === 'id' || key === 'name' || key === 'enterpriseId');
		const out: Record<string, unknown> = {};
		for (const key of keys) {
			if (isReference && key === 'name') continue;
			out[key] = withoutDisplayNames(value[key]);
		}
		return out;
	};
	const skip = new Set(({ invoice: ['status', 'amountPaid', 'amountDue', 'payments'], timeEntry: ['timesheet', 'posted'], expense: ['status'], billingEvent: ['invoice'], supplierInvoice: ['status', 'exported', 'erpDocumentNumber'], costCommitment: ['status', 'invoicedAmount'] } as Record<string, string[]>)[entity] ?? []);
	const content: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(data)) {
		if (!skip.has(key) && value !== undefined) content[key] = value;
	}
	const text = canonicalJson({ v: 1, entity, system: source.system, object: source.object, id: source.id, content: withoutDisplayNames(content) });
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('one-pass idempotency key', () => {
	const reference = fc.record({ id: fc.string(), name: fc.option(fc.string(), { nil: undefined }), enterpriseId: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: ['id'] });
	const member = fc.oneof(fc.jsonValue(), reference, fc.array(reference, { maxLength: 3 }), fc.constant(undefined), fc.double(), fc.dictionary(fc.constantFrom('__proto__', '10', '9', 'a', 'name', 'id'), fc.jsonValue(), { maxKeys: 4 }));
	it('is the same key as the original formula for any data, including references, undefined members and odd keys', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...ENTITY_NAMES),
				fc.record({ system: fc.string(), object: fc.string(), id: fc.string() }),
				fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('status', 'posted', 'timesheet', 'name', 'id', '10', '9', '01', '__x', '__proto__', 'toJSON')), member),
				(entity, source, data) => {
					expect(idempotencyKeyFor(entity, source, data)).toBe(referenceKey(entity, source, data));
				},
			),
			{ numRuns: 2000 },
		);
	});

	it('keys of the real mappers are unchanged', () => {
		for (const { entity, record } of VALID) {
			const envelope = record.envelope as { source: { system: string; object: string; id: string }; idempotencyKey: string };
			expect(envelope.idempotencyKey).toBe(referenceKey(entity, envelope.source, record[entity] as Record<string, unknown>));
		}
	});
});
