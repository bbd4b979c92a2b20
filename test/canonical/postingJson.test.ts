/**
 * The idempotency key's text is written by a writer compiled from each entity's schema (lib/canonical/postingJson.ts),
 * falling back to the generic ways for anything it does not know. Whatever the record holds — members of the schema
 * with odd values, unknown members, references with and without names, undefined, holes, objects that are not plain,
 * members that are not enumerable, non-posting fields — the key must be the one the original formula gives
 * (kept here literally: canonicalJson of the posting content without display names).
 */
import { createHash } from 'crypto';
import fc from 'fast-check';

import type { EntityName } from '../../lib/canonical';
import { NON_POSTING_FIELDS, idempotencyKeyFor, toCanonicalRecord } from '../../lib/canonical';
import { MAPPERS } from '../../nodes/CanonicalTransform/mappers';
import { netSuite, salesforce } from './fixtures';
import { CONTEXT } from './helpers';

function referenceKey(entity: EntityName, source: { system: string; object: string; id: string }, data: Record<string, unknown>): string {
	const isPlain = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
	const canonicalJson = (value: unknown): string => {
		if (typeof value === 'string') return JSON.stringify(value);
		if (value === undefined) return 'null';
		if (value === null || typeof value !== 'object') {
			if (typeof value === 'bigint') return JSON.stringify(value.toString());
			if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
			return JSON.stringify(value);
		}
		if (Array.isArray(value)) {
			let out = '[';
			for (let index = 0; index < value.length; index++) out += (index === 0 ? '' : ',') + canonicalJson(value[index]);
			return `${out}]`;
		}
		const keys = Object.keys(value).sort();
		return `{${keys
			.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
			.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
			.join(',')}}`;
	};
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
	const skip = new Set(NON_POSTING_FIELDS[entity] ?? []);
	const content: Record<string, unknown> = {};
	for (const key of Object.keys(data)) {
		if (!skip.has(key) && data[key] !== undefined) content[key] = data[key];
	}
	const text = canonicalJson({ v: 1, entity, system: source.system, object: source.object, id: source.id, content: withoutDisplayNames(content) });
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

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

const RECORDS = SOURCES.map(([name, fixture]) => {
	const mapper = MAPPERS.find((candidate) => `${candidate.system}:${candidate.object}` === name)!;
	const result = toCanonicalRecord(mapper, fixture(), CONTEXT);
	if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`);
	const envelope = result.value.envelope;
	return { entity: mapper.entity, source: envelope.source, data: result.value[mapper.entity] as Record<string, unknown> };
});

class Box {
	constructor(public id = 'x') {}
}

/**
 * Values that take the writer off its usual path somewhere, as makers: the property calls one per change, so no run
 * shares an instance with another run (or with itself) and changing inside one can never make a cycle no n8n item can hold.
 */
const odd: fc.Arbitrary<() => unknown> = fc.oneof(
	fc.jsonValue().map((value) => () => structuredClone(value)),
	fc.constantFrom<() => unknown>(
		() => undefined, () => null, () => Number.NaN, () => Infinity, () => -0, () => 10n, () => '', () => 'Approved', () => true, () => [], () => ({}), () => [undefined, 1],
		() => ({ id: 'r1' }), () => ({ id: 'r1', name: 'Shown' }), () => ({ id: 7, name: 'n' }), () => ({ id: 'r2', name: 'n', extra: 1 }), () => ({ id: 'r3', name: undefined }),
		() => ({ '10': 'a', '9': 'b' }), () => ({ amount: '1.00', currency: 'USD' }),
		() => new Box(),
		() => Object.assign(Object.create(null) as Record<string, unknown>, { id: 'n1', name: 'bare' }),
		() => Object.defineProperty({ id: 'h1' }, 'name', { value: 'hidden', enumerable: false }),
		() => Object.defineProperty({ id: 'h2', name: 'shown' }, 'enterpriseId', { value: 'ent-customer-0123', enumerable: false }),
		() => [1, , 3], // eslint-disable-line no-sparse-arrays
	),
);

function paths(value: unknown, prefix: string[] = []): string[][] {
	if (value === null || typeof value !== 'object') return [];
	return Object.keys(value).flatMap((key) => [[...prefix, key], ...paths((value as Record<string, unknown>)[key], [...prefix, key])]);
}

function structuredCopy(value: unknown): unknown {
	return JSON.parse(JSON.stringify(value));
}

describe('compiled posting writer', () => {
	it('keys of unchanged records are the original formula\'s', () => {
		for (const { entity, source, data } of RECORDS) expect(idempotencyKeyFor(entity, source, data)).toBe(referenceKey(entity, source, data));
	});

	it('is the original formula\'s key for records changed anywhere with odd values', () => {
		fc.assert(
			fc.property(fc.nat({ max: RECORDS.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('set', 'delete', 'add'), odd), { minLength: 1, maxLength: 4 }), (which, changes) => {
				const { entity, source } = RECORDS[which];
				const data = structuredCopy(RECORDS[which].data) as Record<string, unknown>;
				for (const [pick, action, make] of changes) {
					const value = make();
					const all = paths(data);
					const path = all.length ? all[pick % all.length] : ['added'];
					let parent: any = data;
					for (const key of path.slice(0, -1)) parent = parent[key];
					if (parent === null || typeof parent !== 'object') continue;
					const last = path[path.length - 1];
					if (action === 'set') parent[last] = value;
					else if (action === 'delete') delete parent[last];
					else parent[`${last}Extra`] = value;
				}
				expect(idempotencyKeyFor(entity, source, data)).toBe(referenceKey(entity, source, data));
			}),
			{ numRuns: 3000 },
		);
	});

	it('leaves non-posting fields out and a reference\'s name too, as the formula does', () => {
		const invoice = RECORDS.find((record) => record.entity === 'invoice')!;
		const data = { ...invoice.data, status: 'paid-in-full', customer: { id: 'c-1', name: 'Renamed customer' } };
		const renamed = { ...data, customer: { id: 'c-1', name: 'Another name' }, status: 'open' };
		expect(idempotencyKeyFor('invoice', invoice.source, data)).toBe(idempotencyKeyFor('invoice', invoice.source, renamed));
		expect(idempotencyKeyFor('invoice', invoice.source, data)).toBe(referenceKey('invoice', invoice.source, data));
		expect(idempotencyKeyFor('invoice', invoice.source, { ...data, customer: { id: 'c-2' } })).not.toBe(idempotencyKeyFor('invoice', invoice.source, data));
	});
});
