import fc from 'fast-check';
import { mock } from 'jest-mock-extended';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Problem } from '../../lib/canonical';
import { ENTITY_NAMES, fromCanonicalRecord, toCanonicalRecord, validateCanonical } from '../../lib/canonical';
import { CanonicalTransform } from '../../nodes/CanonicalTransform/CanonicalTransform.node';
import { MAPPERS } from '../../nodes/CanonicalTransform/mappers';
import { netSuite, salesforce } from './fixtures';
import { CONTEXT, canonicalRecord } from './helpers';

const FIXTURES: Record<string, () => Record<string, unknown>> = {
	'salesforce:Account': salesforce.account,
	'salesforce:Opportunity': salesforce.opportunity,
	'salesforce:Contract': salesforce.contract,
	'netsuite:customer': netSuite.customer,
	'netsuite:job': netSuite.job,
	'netsuite:employee': netSuite.employee,
	'netsuite:timeBill': netSuite.timeBill,
	'netsuite:expenseReport': netSuite.expenseReport,
	'netsuite:invoice': netSuite.invoice,
	'netsuite:journalEntry': netSuite.journalEntry,
	'netsuite:resourceAllocation': netSuite.resourceAllocation,
};

function expectWellFormed(problems: Problem[]): void {
	for (const problem of problems) {
		expect(typeof problem.path).toBe('string');
		expect(problem.path.length).toBeGreaterThan(0);
		expect(typeof problem.reason).toBe('string');
		expect(problem.reason.length).toBeGreaterThan(5);
	}
}

/** A realistic record with one field (possibly nested) replaced, added or removed at random. */
const mutatedRecord = fc
	.tuple(
		fc.constantFrom(...Object.keys(FIXTURES)),
		fc.array(fc.tuple(fc.nat(), fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.string(), fc.double(), fc.constant(null))), { minLength: 1, maxLength: 4 }),
		fc.boolean(),
	)
	.map(([key, edits, nest]) => {
		const record = FIXTURES[key]() as Record<string, any>;
		for (const [index, value] of edits) {
			const fields = Object.keys(record);
			const field = fields[index % fields.length];
			const target = nest && record[field] !== null && typeof record[field] === 'object' && !Array.isArray(record[field]) ? record[field] : record;
			const targetFields = Object.keys(target);
			const targetField = targetFields.length > 0 ? targetFields[index % targetFields.length] : field;
			if (value === undefined) delete target[targetField];
			else target[targetField] = value;
		}
		return { key, record };
	});

describe('property: toCanonical never throws and always decides', () => {
	it('random JSON values, for every mapping', () => {
		fc.assert(
			fc.property(fc.constantFrom(...MAPPERS), fc.jsonValue(), fc.constantFrom('strict', 'lenient') as fc.Arbitrary<'strict' | 'lenient'>, (mapper, value, unknownFields) => {
				const result = toCanonicalRecord(mapper, value, CONTEXT, { unknownFields });
				if (result.ok) {
					expect(result.problems).toEqual([]);
					expect(validateCanonical(mapper.entity, result.value, { unknownFields }).valid).toBe(true);
				} else {
					expect(result.problems.length).toBeGreaterThan(0);
					expectWellFormed(result.problems);
				}
			}),
			{ numRuns: 300 },
		);
	});

	it('realistic records with random fields broken, for every mapping', () => {
		fc.assert(
			fc.property(mutatedRecord, fc.constantFrom('strict', 'lenient') as fc.Arbitrary<'strict' | 'lenient'>, ({ key, record }, unknownFields) => {
				const mapper = MAPPERS.find((candidate) => `${candidate.system}:${candidate.object}` === key)!;
				const result = toCanonicalRecord(mapper, record, CONTEXT, { unknownFields });
				if (result.ok) {
					expect(validateCanonical(mapper.entity, result.value, { unknownFields }).problems).toEqual([]);
					const rendered = fromCanonicalRecord(mapper, result.value, { unknownFields });
					if (!rendered.ok) expectWellFormed(rendered.problems);
				} else {
					expect(result.problems.length).toBeGreaterThan(0);
					expectWellFormed(result.problems);
				}
			}),
			{ numRuns: 500 },
		);
	});
});

describe('property: validate never throws and names every field', () => {
	it('random values and broken canonical records, for every entity', () => {
		const brokenRecord = fc.tuple(fc.constantFrom(...ENTITY_NAMES), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()), fc.jsonValue()).map(
			([entity, data, envelopeEdit]) => {
				const record = canonicalRecord(entity, data);
				if (envelopeEdit !== null && typeof envelopeEdit === 'object' && !Array.isArray(envelopeEdit)) Object.assign(record.envelope, envelopeEdit);
				return { entity, record };
			},
		);
		fc.assert(
			fc.property(fc.oneof(brokenRecord, fc.tuple(fc.constantFrom(...ENTITY_NAMES), fc.jsonValue()).map(([entity, record]) => ({ entity, record }))), ({ entity, record }) => {
				const result = validateCanonical(entity, record, { unknownFields: 'strict' });
				expect(result.valid).toBe(result.problems.length === 0);
				expectWellFormed(result.problems);
			}),
			{ numRuns: 400 },
		);
	});
});

describe('property: the node routes every item to exactly one output, paired', () => {
	function run(parameters: Record<string, unknown>, items: INodeExecutionData[]) {
		const context = mock<IExecuteFunctions>();
		context.getInputData.mockReturnValue(items);
		context.getNodeParameter.mockImplementation(((name: string, _index: number, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback) as never);
		return new CanonicalTransform().execute.call(context);
	}

	/** Canonical time entries made from (possibly broken) time bills, some then edited at random. */
	const canonicalItem = fc.tuple(mutatedRecord, fc.option(fc.tuple(fc.constantFrom('timeEntry', 'envelope'), fc.string({ maxLength: 8 }), fc.jsonValue()))).map(([{ record }, edit]) => {
		const result = toCanonicalRecord(MAPPERS.find((mapper) => mapper.object === 'timeBill')!, { ...netSuite.timeBill(), ...record }, CONTEXT);
		const canonical = (result.value ?? {}) as Record<string, any>;
		if (edit && canonical[edit[0]]) canonical[edit[0]][edit[1]] = edit[2];
		return canonical;
	});

	const itemJson = fc.oneof(
		canonicalItem,
		mutatedRecord.map(({ record }) => record),
		fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()),
		fc.constantFrom(...Object.values(FIXTURES)).map((fixture) => fixture()),
	);

	it.each([
		['toCanonical', { operation: 'toCanonical', source: 'auto', environment: 'sandbox', defaultCurrency: 'USD', options: { unknownFields: 'strict' } }],
		['fromCanonical', { operation: 'fromCanonical', target: 'netsuite:timeBill', options: {} }],
		['validate', { operation: 'validate', entity: 'timeEntry', options: {} }],
	])('%s', async (_operation, parameters) => {
		await fc.assert(
			fc.asyncProperty(fc.array(itemJson, { maxLength: 12 }), async (jsons) => {
				const items = jsons.map((json) => ({ json: json as never }));
				const [valid, exceptions] = await run(parameters, items);
				const paired = [...valid, ...exceptions].map((item) => (item.pairedItem as { item: number }).item).sort((a, b) => a - b);
				expect(paired).toEqual(items.map((_item, index) => index));
				for (const exception of exceptions) {
					expect(typeof exception.json.correlationId).toBe('string');
					expect(exception.json.problems).toBeInstanceOf(Array);
					expectWellFormed(exception.json.problems as unknown as Problem[]);
				}
			}),
			{ numRuns: 60 },
		);
	});
});
