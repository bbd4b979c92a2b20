/**
 * The idempotency key's compiled writer quotes a string itself when it needs no escape (the third speed round);
 * any string JSON.stringify would escape - quotes, backslashes, control characters, lone and paired surrogates,
 * characters it leaves alone (DEL, U+2028) - must still give the key of the original formula: canonicalJson of
 * the posting content, display names left out. Enterprise ids are remembered per entity and system; an id given
 * as a number must not be answered with the id of the same digits as text.
 */
import fc from 'fast-check';

import { canonicalJson, enterpriseIdFor, idempotencyKeyFor, sha256Hex } from '../../lib/canonical';
import type { EntityName } from '../../lib/canonical';

const SOURCE = { system: 'netsuite', object: 'timeBill', id: '42' };

/** The key as first written: canonicalJson of everything, references without their display name. */
function referenceKey(data: Record<string, unknown>): string {
	const posting: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(data)) {
		if (key === 'timesheet' || key === 'posted') continue;
		posting[key] = value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string' ? { id: (value as { id: string }).id } : value;
	}
	return sha256Hex(canonicalJson({ v: 1, entity: 'timeEntry', system: SOURCE.system, object: SOURCE.object, id: SOURCE.id, content: posting }));
}

const ODD = ['', 'plain', 'say "hi"', 'back\\slash', 'line\nbreak', 'tab\there', '\u0000nul', '\u001f', '\u007f del', 'sep\u2028', 'lone \ud800', 'lone \udfff end', 'pair \ud83d\ude00', 'é ü 日本'];

describe('idempotency key: strings the writer quotes itself or leaves to JSON.stringify', () => {
	it.each(ODD)('gives the original key for a description and a reference id of %j', (text) => {
		const data = { date: '2026-01-05', hours: '7.5', resource: { id: text, name: 'Name' }, approvalState: 'approved', billable: true, description: text };
		expect(idempotencyKeyFor('timeEntry', SOURCE, data)).toBe(referenceKey(data));
	});

	it('gives the original key for any text (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (first, second) => {
				const data = { date: '2026-01-05', hours: '8', resource: { id: first }, approvalState: 'open', billable: false, description: second, task: { id: second, name: first } };
				expect(idempotencyKeyFor('timeEntry', SOURCE, data)).toBe(referenceKey(data));
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('enterprise ids remembered per entity and system', () => {
	const formula = (entity: string, system: string, id: unknown) => `ent-${entity}-${sha256Hex(canonicalJson({ entity, system, id })).slice(0, 32)}`;

	it('answers each entity, system and id with its own id, remembered or not', () => {
		for (let round = 0; round < 2; round++) {
			for (const entity of ['timeEntry', 'project'] as EntityName[]) {
				for (const system of ['netsuite', 'salesforce']) for (const id of ['1', '2', 'x y']) expect(enterpriseIdFor(entity, system, id)).toBe(formula(entity, system, id));
			}
		}
	});

	it('does not answer a numeric id with the id of the same digits as text, in either order', () => {
		expect(enterpriseIdFor('customer', 'netsuite', '77')).toBe(formula('customer', 'netsuite', '77'));
		expect(enterpriseIdFor('customer', 'netsuite', 77 as unknown as string)).toBe(formula('customer', 'netsuite', 77));
		expect(enterpriseIdFor('customer', 'netsuite', 78 as unknown as string)).toBe(formula('customer', 'netsuite', 78));
		expect(enterpriseIdFor('customer', 'netsuite', '78')).toBe(formula('customer', 'netsuite', '78'));
	});
});
