/**
 * A record toCanonical made and found valid is remembered, so Validate and fromCanonical answer for it without
 * making its idempotency key and running the schema check again. The memo may only ever give the answer the full
 * check gives: any change after toCanonical must send the record to the full check.
 */
import * as json from '../../lib/canonical/json';
import type { CanonicalRecord, EntityName } from '../../lib/canonical';
import { fromCanonicalRecord, jsonShapeProblem, toCanonicalRecord, validateCanonical } from '../../lib/canonical';
import { MAPPERS } from '../../nodes/CanonicalTransform/mappers';
import { timeBillMapper } from '../../nodes/NetSuite/canonical';
import { salesforceMappers } from '../../nodes/Salesforce/canonical';
import { netSuite, salesforce } from './fixtures';
import { CONTEXT, expectOk } from './helpers';

type Mode = 'strict' | 'lenient';
type Json = Record<string, any>;

/**
 * A copy toCanonical never saw (so validation runs in full) that keeps what validation reads: key order, undefined
 * members, prototypes, functions and array holes.
 */
function unseenCopy<T>(value: T): T {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		const copy: unknown[] = new Array(value.length);
		Object.setPrototypeOf(copy, Object.getPrototypeOf(value));
		for (const key of Object.keys(value)) (copy as any)[key] = unseenCopy((value as any)[key]);
		return copy as T;
	}
	const copy = Object.create(Object.getPrototypeOf(value));
	for (const key of Object.keys(value)) copy[key] = unseenCopy((value as any)[key]);
	return copy;
}

/** Paths of every object and value in a record (arrays by index). */
function pathsOf(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
	const paths: Array<Array<string | number>> = [at];
	if (value !== null && typeof value === 'object') {
		for (const key of Object.keys(value)) paths.push(...pathsOf((value as any)[key], [...at, Array.isArray(value) ? Number(key) : key]));
	}
	return paths;
}

function parentOf(root: Json, path: Array<string | number>): any {
	let node: any = root;
	for (const segment of path.slice(0, -1)) node = node[segment];
	return node;
}

/** Every kind of change a user or a later node could make to one place of the record. */
const CHANGES: Array<[string, (parent: any, key: string | number, root: Json) => void]> = [
	['other text or number', (parent, key) => {
		const value = parent[key];
		parent[key] = typeof value === 'string' ? `${value}x` : typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : 'x';
	}],
	['set to undefined', (parent, key) => { parent[key] = undefined; }],
	['set to null', (parent, key) => { parent[key] = null; }],
	['deleted', (parent, key) => { delete parent[key]; }],
	['a number where text was', (parent, key) => { parent[key] = 7; }],
	['NaN', (parent, key) => { parent[key] = Number.NaN; }],
	['an equal copy', (parent, key) => { parent[key] = unseenCopy(parent[key]); }],
	['a member added beside it', (parent) => { if (!Array.isArray(parent)) parent.extraField = 'x'; }],
	['an undefined member added beside it', (parent) => { if (!Array.isArray(parent)) parent.extraField = undefined; }],
	['a member added to it', (parent, key) => { const value = parent[key]; if (value !== null && typeof value === 'object' && !Array.isArray(value)) value.extraField = '1'; }],
	['an element added to it', (parent, key) => { if (Array.isArray(parent[key])) parent[key].push(parent[key][0]); }],
	['its last element removed', (parent, key) => { if (Array.isArray(parent[key])) parent[key].pop(); }],
	['its prototype taken away', (parent, key) => { const value = parent[key]; if (value !== null && typeof value === 'object') Object.setPrototypeOf(value, null); }],
	['a then method', (parent, key) => { const value = parent[key]; if (value !== null && typeof value === 'object' && !Array.isArray(value)) value.then = () => undefined; }],
	['made not enumerable', (parent, key) => { Object.defineProperty(parent, key, { enumerable: false }); }],
	['an inherited enumerable member', (parent, key) => {
		const value = parent[key];
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.setPrototypeOf(value, Object.create(Object.prototype, { extraField: { value: 'x', enumerable: true } }));
	}],
	['members reordered', (parent, key) => {
		const value = parent[key];
		if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
		const entries = Object.entries(value).reverse();
		for (const [name] of entries) delete value[name];
		for (const [name, entry] of entries) value[name] = entry;
	}],
	['made to contain itself', (parent, key) => { const value = parent[key]; if (value !== null && typeof value === 'object' && !Array.isArray(value)) value.self = value; }],
];

/** validateCanonical's answer, or that it threw (a record that contains itself overflows the stack, memo or not). */
function answer(validate: () => { valid: boolean; problems: unknown[] }): { valid: boolean; problems?: unknown[]; threw?: string } {
	try {
		return validate();
	} catch (error) {
		return { valid: false, threw: (error as Error).name };
	}
}

const SOURCES: Array<[string, () => CanonicalRecord, EntityName]> = [
	['netsuite time bill', () => expectOk(toCanonicalRecord(timeBillMapper, netSuite.timeBill(), CONTEXT, { unknownFields: 'strict' })) as CanonicalRecord, 'timeEntry'],
	['salesforce opportunity (lenient)', () => {
		const mapper = salesforceMappers.find((candidate) => candidate.object === 'Opportunity')!;
		return expectOk(toCanonicalRecord(mapper, salesforce.opportunity(), CONTEXT, { unknownFields: 'lenient' })) as CanonicalRecord;
	}, 'contract'],
];

describe('remembered valid records', () => {
	afterEach(() => jest.restoreAllMocks());

	it('Validate and fromCanonical answer for an unchanged toCanonical record without hashing it again', () => {
		const record = expectOk(toCanonicalRecord(timeBillMapper, netSuite.timeBill(), CONTEXT, { unknownFields: 'strict' }));
		const hashes = jest.spyOn(json, 'sha256Hex');
		expect(validateCanonical('timeEntry', record, { unknownFields: 'strict' })).toEqual({ valid: true, problems: [] });
		expect(validateCanonical('timeEntry', record)).toEqual({ valid: true, problems: [] });
		expect(hashes).not.toHaveBeenCalled();
		const rendered = expectOk(fromCanonicalRecord(timeBillMapper, record));
		expect(rendered.idempotencyKey).toBe(record.envelope.idempotencyKey);
		// fromCanonical's own references may hash ids; the record's key is not made again.
		expect(hashes.mock.calls.filter(([text]) => text.includes('"content":'))).toEqual([]);
	});

	it('a copy, another entity or a stricter check than the one toCanonical ran is checked in full', () => {
		const mapper = salesforceMappers.find((candidate) => candidate.object === 'Opportunity')!;
		const lenient = expectOk(toCanonicalRecord(mapper, salesforce.opportunity(), CONTEXT, { unknownFields: 'lenient' }));
		const hashes = jest.spyOn(json, 'sha256Hex');
		validateCanonical('contract', lenient, { unknownFields: 'strict' });
		expect(hashes).toHaveBeenCalledTimes(1);
		validateCanonical('contract', unseenCopy(lenient));
		expect(hashes).toHaveBeenCalledTimes(2);
		expect(validateCanonical('timeEntry', lenient).problems[0]?.path).toBe('envelope.entity');
	});

	it.each(SOURCES)('%s: after any change the answer is the full check’s (%#)', (_name, make, entity) => {
		const places = pathsOf(make()).filter((path) => path.length > 0);
		let checked = 0;
		let refused = 0;
		for (const path of places) {
			for (const [change, apply] of CHANGES) {
				for (const mode of ['strict', 'lenient'] as Mode[]) {
					// The same change to the record toCanonical remembered and to a copy of it the memo never saw.
					const record = make() as unknown as Json;
					const copy = unseenCopy(record);
					apply(parentOf(record, path), path[path.length - 1], record);
					apply(parentOf(copy, path), path[path.length - 1], copy);
					const remembered = answer(() => validateCanonical(entity, record, { unknownFields: mode }));
					const full = answer(() => validateCanonical(entity, copy, { unknownFields: mode }));
					if (JSON.stringify(remembered) !== JSON.stringify(full)) {
						throw new Error(`${path.join('.')} ${change} (${mode}): memo ${JSON.stringify(remembered)} but full check ${JSON.stringify(full)}`);
					}
					checked++;
					if (!remembered.valid) refused++;
				}
			}
		}
		// The changes are real: most of them make the record invalid (the key or the schema), and all were compared.
		expect(checked).toBe(places.length * CHANGES.length * 2);
		expect(refused).toBeGreaterThan(checked / 3);
	});

	it('every mapping’s fixtures validate the same through the memo as in full', () => {
		const fixtures: Record<string, () => Json> = {
			'netsuite:timeBill': netSuite.timeBill,
			'netsuite:invoice': netSuite.invoice,
			'netsuite:journalEntry': netSuite.journalEntry,
			'netsuite:expenseReport': netSuite.expenseReport,
			'salesforce:Account': salesforce.account,
			'salesforce:Contract': salesforce.contract,
		};
		for (const [key, fixture] of Object.entries(fixtures)) {
			const mapper = MAPPERS.find((candidate) => `${candidate.system}:${candidate.object}` === key)!;
			for (const mode of ['strict', 'lenient'] as Mode[]) {
				const result = toCanonicalRecord(mapper, fixture(), CONTEXT, { unknownFields: mode });
				if (!result.value) continue;
				expect([key, mode, validateCanonical(mapper.entity, result.value, { unknownFields: mode })]).toEqual([
					key,
					mode,
					validateCanonical(mapper.entity, unseenCopy(result.value), { unknownFields: mode }),
				]);
			}
		}
	});
});

describe('the quick shape walk (members read with for…in)', () => {
	it('still finds a cycle through an array member that is not an element', () => {
		const list: any = [1, 2];
		list.again = list;
		expect(jsonShapeProblem({ lines: list })).toEqual({ path: ['lines', 'again'], reason: 'contains itself (a circular reference), which is not JSON' });
	});

	it('a polluted-looking inherited member does not change the answer for a tree', () => {
		const parent = Object.create({ inherited: { deep: true } });
		parent.own = { value: 1 };
		expect(jsonShapeProblem({ record: parent })).toBeUndefined();
	});
});
