/**
 * The Canonical Transform node reads a parameter once per run when it holds no expression (n8n resolves and copies
 * a parameter on every read, the same value for every item), and per item when it holds one, so values that
 * differ per item still apply to their own item.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { CanonicalTransform } from '../../nodes/CanonicalTransform/CanonicalTransform.node';
import { netSuite } from './fixtures';

/** A context whose raw parameters may hold expressions: an expression's value is resolved per item by `perItem`. */
function context(raw: Record<string, unknown>, perItem: Record<string, (itemIndex: number) => unknown>, items: INodeExecutionData[], withNode = true) {
	const reads: Record<string, number> = {};
	const resolve = (value: unknown, name: string, itemIndex: number): unknown => (typeof value === 'string' && value.startsWith('=') ? perItem[name](itemIndex) : value);
	const functions = {
		getInputData: () => items,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			reads[name] = (reads[name] ?? 0) + 1;
			if (!(name in raw)) return fallback;
			const value = raw[name];
			if (value !== null && typeof value === 'object') return JSON.parse(JSON.stringify(value, (key, entry) => (key !== '' ? resolve(entry, key, itemIndex) : entry)));
			return resolve(value, name, itemIndex);
		},
		getNode: () => (withNode ? { name: 'Canonical Transform', type: 'n8n-nodes-planning-to-cash.canonicalTransform', typeVersion: 1, parameters: raw } : undefined),
		continueOnFail: () => false,
	} as unknown as IExecuteFunctions;
	return { functions, reads };
}

const items = (count: number): INodeExecutionData[] => Array.from({ length: count }, (_, i) => ({ json: { ...netSuite.timeBill(), id: String(4100 + i), correlationId: `run-${i}` } as never }));

const TO_CANONICAL = { operation: 'toCanonical', source: 'netsuite:timeBill', environment: 'sandbox', defaultCurrency: 'USD', fieldOverrides: {}, options: { unknownFields: 'lenient' } };

describe('Canonical Transform node: parameter reads', () => {
	it('reads each parameter without an expression once for the whole run', async () => {
		const { functions, reads } = context(TO_CANONICAL, {}, items(25));
		const [valid, exceptions] = await new CanonicalTransform().execute.call(functions);
		expect(valid).toHaveLength(25);
		expect(exceptions).toHaveLength(0);
		expect(reads).toEqual({ operation: 1, options: 1, source: 1, environment: 1, defaultCurrency: 1, fieldOverrides: 1 });
	});

	it('reads a parameter with an expression per item, and each item gets its own value', async () => {
		const raw = { ...TO_CANONICAL, environment: '={{ $json.env }}', options: { unknownFields: '={{ $json.mode }}' } };
		const perItem = { environment: (i: number) => (i % 2 === 0 ? 'sandbox' : 'production'), unknownFields: (i: number) => (i === 3 ? 'strict' : 'lenient') };
		const input = items(6);
		(input[3].json as Record<string, unknown>).custcol_unmapped = 'x';
		const { functions, reads } = context(raw, perItem, input);
		const [valid, exceptions] = await new CanonicalTransform().execute.call(functions);
		expect(reads.environment).toBe(6);
		expect(reads.options).toBe(6);
		expect(reads.source).toBe(1);
		expect(valid.map((item) => (item.json.envelope as { source: { environment: string } }).source.environment)).toEqual(['sandbox', 'production', 'sandbox', 'sandbox', 'production']);
		expect(exceptions.map((item) => item.pairedItem)).toEqual([{ item: 3 }]);
		expect(exceptions[0].json.problems).toEqual([expect.objectContaining({ path: 'payload.custcol_unmapped' })]);
	});

	it('reads per item when the raw parameters are not known', async () => {
		const { functions, reads } = context(TO_CANONICAL, {}, items(4), false);
		const [valid] = await new CanonicalTransform().execute.call(functions);
		expect(valid).toHaveLength(4);
		expect(reads.source).toBe(4);
		expect(reads.options).toBe(4);
	});

	it('reads Validate’s entity and options once, and From Canonical’s target, options and overrides once', async () => {
		const [canonical] = await new CanonicalTransform().execute.call(context(TO_CANONICAL, {}, items(10)).functions);
		const validate = context({ operation: 'validate', entity: 'timeEntry', options: {} }, {}, canonical);
		const [checked] = await new CanonicalTransform().execute.call(validate.functions);
		expect(checked).toHaveLength(10);
		expect(validate.reads).toEqual({ operation: 1, entity: 1, options: 1 });
		const render = context({ operation: 'fromCanonical', target: 'netsuite:timeBill', fieldOverrides: {}, options: {} }, {}, canonical);
		const [rendered] = await new CanonicalTransform().execute.call(render.functions);
		expect(rendered).toHaveLength(10);
		expect(render.reads).toEqual({ operation: 1, target: 1, options: 1, fieldOverrides: 1 });
	});
});
