/**
 * A generated corpus for the canonical engine's identical-output test (engineDigests.test.ts): NetSuite and
 * Salesforce records (the fixtures and generated time bills), as they are and changed anywhere (values replaced,
 * members removed, unknown members added), mapped with toCanonical (strict and lenient, with and without field
 * overrides), and canonical records, valid and changed, checked with validateCanonical (strict and lenient, key
 * checked or not). Deterministic: the same index always gives the same case.
 */
import { createHash } from 'crypto';

import type { EntityName, FieldOverride, UnknownFields, VendorMapper } from '../../lib/canonical';
import { toCanonicalRecord, validateCanonical } from '../../lib/canonical';
import { MAPPERS } from '../../nodes/CanonicalTransform/mappers';
import { netSuite, salesforce } from './fixtures';
import { CONTEXT } from './helpers';
import { timeBill } from '../../scripts/bench/lib/timeBills';

function generator(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SOURCES: Array<[string, (i: number) => Record<string, unknown>]> = [
	['salesforce:Account', salesforce.account],
	['salesforce:Opportunity', salesforce.opportunity],
	['salesforce:Contract', salesforce.contract],
	['netsuite:customer', netSuite.customer],
	['netsuite:job', netSuite.job],
	['netsuite:employee', netSuite.employee],
	['netsuite:timeBill', netSuite.timeBill],
	['netsuite:timeBill', timeBill],
	['netsuite:timeBill', timeBill],
	['netsuite:expenseReport', netSuite.expenseReport],
	['netsuite:invoice', netSuite.invoice],
	['netsuite:journalEntry', netSuite.journalEntry],
	['netsuite:resourceAllocation', netSuite.resourceAllocation],
];

const REPLACEMENTS: unknown[] = [
	'', ' ', '2025-02-29', '2024-02-29', '2026-01-13T18:02:11Z', '7.5', '24.5', '-1', '1250.005', 'USD', 'XXX', 'JPY', 'hour', 'Approved',
	'Pending Approval', 'ent-customer-0123', 'x', 0, 1, -3, 7.25, 1e21, 0.1, true, false, null, undefined, [], ['a'], {}, { id: '9' }, { id: '9', refName: 'Nine' },
	{ amount: '1.001', currency: 'USD' }, { amount: '5', currency: 'JPY' }, { x: { y: 1 } },
];

function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
	if (value === null || typeof value !== 'object') return [];
	const entries = Array.isArray(value) ? value.map((entry, index) => [index, entry] as const) : Object.entries(value);
	return entries.flatMap(([key, entry]) => [[...prefix, key], ...pathsOf(entry, [...prefix, key])]);
}

function changed(record: Record<string, unknown>, random: () => number): Record<string, unknown> {
	const copy = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
	const changes = 1 + Math.floor(random() * 3);
	for (let n = 0; n < changes; n++) {
		const paths = pathsOf(copy);
		if (paths.length === 0) break;
		const path = paths[Math.floor(random() * paths.length)];
		let parent: any = copy;
		for (const key of path.slice(0, -1)) parent = parent[key];
		const last = path[path.length - 1];
		const action = random();
		const replacement = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
		if (action < 0.55) parent[last] = replacement === undefined || typeof replacement !== 'object' || replacement === null ? replacement : JSON.parse(JSON.stringify(replacement));
		else if (action < 0.8) {
			if (Array.isArray(parent)) parent.splice(Number(last), 1);
			else delete parent[last];
		} else if (parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) parent[last].unexpectedField = replacement ?? 'extra';
		else copy[`custom_${n}`] = replacement ?? 'extra';
	}
	return copy;
}

const OVERRIDES: FieldOverride[][] = [
	[{ source: 'memo', target: 'timeEntry.customFields.memo' }],
	[{ source: 'custentity_practice.refName', target: 'project.practice' }],
	[{ source: 'Industry', target: 'customer.customFields.industry' }, { source: 'Name', target: 'customer.name' }],
	[{ source: 'rate', target: 'timeEntry.customFields.rate' }],
	[{ source: 'x', target: 'nope' }],
];

function mapperFor(name: string): VendorMapper {
	const mapper = MAPPERS.find((candidate) => `${candidate.system}:${candidate.object}` === name);
	if (!mapper) throw new Error(`no mapper ${name}`);
	return mapper;
}

/** One case's whole output as text: toCanonical's result, then validateCanonical on it and on a changed copy. */
export function caseText(index: number): string {
	const random = generator(0xca11ab1e + index);
	const [name, fixture] = SOURCES[index % SOURCES.length];
	const mapper = mapperFor(name);
	const original = fixture(index);
	const record = random() < 0.4 ? original : changed(original, random);
	const unknownFields: UnknownFields = random() < 0.5 ? 'strict' : 'lenient';
	const overrides = random() < 0.2 ? OVERRIDES[Math.floor(random() * OVERRIDES.length)] : undefined;
	const mapped = toCanonicalRecord(mapper, record, CONTEXT, { unknownFields, overrides });
	const outputs: unknown[] = [mapped];
	const canonical = mapped.value ?? toCanonicalRecord(mapper, original, CONTEXT, { unknownFields: 'lenient' }).value;
	if (canonical) {
		const entity: EntityName = mapper.entity;
		const mode: UnknownFields = random() < 0.5 ? 'strict' : 'lenient';
		outputs.push(validateCanonical(entity, canonical, { unknownFields: mode }));
		const changedCanonical = changed(canonical as Record<string, unknown>, random);
		outputs.push(validateCanonical(entity, changedCanonical, { unknownFields: mode, verifyIdempotencyKey: random() < 0.7 }));
		if (random() < 0.1) outputs.push(validateCanonical(random() < 0.5 ? 'invoice' : 'project', changedCanonical));
	}
	return JSON.stringify(outputs);
}

export function caseDigest(index: number): string {
	return createHash('sha256').update(caseText(index)).digest('hex').slice(0, 16);
}

export const CORPUS_SIZE = 4000;
