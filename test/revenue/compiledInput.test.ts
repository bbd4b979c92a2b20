/**
 * The engine reads a contract through a validator compiled from its zod schema (lib/canonical/compiled.ts), and
 * zod runs only when that says no. So the compiled check must say yes only when zod does, and a contract read as
 * given (defaults applied by the converter) must compute exactly what zod's parsed copy computes.
 */
import fc from 'fast-check';

import { compiledValidator } from '../../lib/canonical/compiled';
import { computeRevenueSchedule } from '../../lib/revenue';
import { contractSchema } from '../../lib/revenue/input';
import { corpusCase } from './corpus';

const accepted = compiledValidator(contractSchema, false);

/** Every path to a member (objects and arrays), so a change can land anywhere in the contract. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
	if (value === null || typeof value !== 'object') return [];
	const entries = Array.isArray(value) ? value.map((entry, index) => [index, entry] as const) : Object.entries(value);
	return entries.flatMap(([key, entry]) => [[...prefix, key], ...pathsOf(entry, [...prefix, key])]);
}

function changed(input: Record<string, unknown>, path: Array<string | number>, action: 'set' | 'delete' | 'addKey', replacement: unknown): Record<string, unknown> {
	const copy = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
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
	fc.constantFrom('', '2025-02-29', '2024-02-29', '100.5', '-1', 'USD', 'straightLine', 'milestones', 'asInvoiced', 'exactDays', 'relativeSsp', 'month', 'x'),
	fc.string(),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.array(fc.string(), { maxLength: 2 }),
	fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 2 }),
);

const changedContract = fc
	.tuple(fc.integer({ min: 0, max: 2999 }), fc.nat(), fc.constantFrom('set', 'delete', 'addKey', 'set', 'delete'), replacements)
	.map(([index, pick, action, replacement]) => {
		const { input } = corpusCase(index);
		const paths = pathsOf(input);
		return changed(input, paths[pick % paths.length], action as 'set' | 'delete' | 'addKey', replacement);
	});

describe('the compiled contract check', () => {
	it('says yes to every contract of the corpus (so the usual contract skips zod)', () => {
		for (let index = 0; index < 300; index++) expect(accepted(corpusCase(index).input)).toBe(true);
	});

	it('says yes only when zod does, on thousands of changed contracts', () => {
		let refused = 0;
		fc.assert(
			fc.property(changedContract, (input) => {
				const zodSays = contractSchema.safeParse(input).success;
				if (!zodSays) refused++;
				expect(accepted(input) && !zodSays).toBe(false);
				// Where zod accepts, the compiled check should too (otherwise it only costs time).
				if (zodSays) expect(accepted(input)).toBe(true);
			}),
			{ numRuns: 2000 },
		);
		// The changes must reach zod's refusals often enough for the property to mean something.
		expect(refused).toBeGreaterThan(300);
	});

	it('a contract read as given computes what its zod-parsed copy computes (defaults included)', () => {
		fc.assert(
			fc.property(changedContract, (input) => {
				const parsed = contractSchema.safeParse(input);
				if (!parsed.success) return;
				expect(JSON.stringify(computeRevenueSchedule(input))).toBe(JSON.stringify(computeRevenueSchedule(parsed.data)));
			}),
			{ numRuns: 500 },
		);
	});

	it('fills in the straight-line convention zod would default', () => {
		const { input } = corpusCase(0);
		const withoutConvention = { ...input, obligations: [{ id: 'A', ssp: '1', pattern: { type: 'straightLine', start: '2025-01-15', end: '2025-04-14' } }], allocation: { method: 'relativeSsp' }, modifications: [], variableConsideration: [] };
		const withDefault = { ...withoutConvention, obligations: [{ id: 'A', ssp: '1', pattern: { type: 'straightLine', start: '2025-01-15', end: '2025-04-14', convention: 'exactDays' } }] };
		expect(accepted(withoutConvention)).toBe(true);
		const result = computeRevenueSchedule(withoutConvention);
		expect(result.errors).toEqual([]);
		expect(JSON.stringify(result)).toBe(JSON.stringify(computeRevenueSchedule(withDefault)));
	});
});
