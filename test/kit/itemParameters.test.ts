/**
 * ItemParameters reads plain field paths without n8n's expression engine (issue 14: in n8n 2.x each expression is
 * evaluated in an isolated VM). Whatever it cannot read as a plain value goes to getNodeParameter, so n8n's value
 * and n8n's error stand. The context here is a stand-in that counts what reaches n8n.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ItemParameters } from '../../nodes/shared/kit';

function context(parameters: Record<string, unknown>, items: IDataObject[], claimed: Record<number, IDataObject | Error>) {
	const calls = { getNodeParameter: [] as string[], proxy: 0 };
	const ctx = {
		getNode: () => ({ parameters }),
		getInputData: () => items.map((json) => ({ json })),
		getNodeParameter: (name: string, itemIndex: number) => {
			calls.getNodeParameter.push(`${name}#${itemIndex}`);
			return `n8n:${name}#${itemIndex}`;
		},
		getWorkflowDataProxy: (itemIndex: number) => {
			calls.proxy++;
			return {
				$: (node: string) => {
					const json = claimed[itemIndex];
					if (node !== 'Check & Claim' || json instanceof Error) throw json instanceof Error ? json : new Error(`no node ${node}`);
					return { item: { json } };
				},
			};
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

describe('ItemParameters', () => {
	it("reads $json paths and another node's paired item without n8n; one paired-item look-up per item for all readers", () => {
		const { ctx, calls } = context(
			{
				idempotencyKey: "={{ $('Check & Claim').item.json.ledger.key }}",
				claimToken: "={{ $('Check & Claim').item.json.ledger.claimToken }}",
				targetId: '={{ $json.id }}',
				attempts: '={{ $json.meta.attempts }}',
			},
			[{ id: 'R-1', meta: { attempts: 2 } }, { id: 7, meta: { attempts: 0 } }],
			{ 0: { ledger: { key: 'k0', claimToken: 't0' } }, 1: { ledger: { key: 'k1', claimToken: 't1' } } },
		);
		const parameters = new ItemParameters(ctx);
		const key = parameters.reader('idempotencyKey', '');
		const token = parameters.reader('claimToken', '');
		const targetId = parameters.reader('targetId', '');
		const attempts = parameters.reader('attempts', 0);
		expect([0, 1].map((i) => [key(i), token(i), targetId(i), attempts(i)])).toEqual([
			['k0', 't0', 'R-1', 2],
			['k1', 't1', 7, 0],
		]);
		expect(calls.getNodeParameter).toEqual([]);
		expect(calls.proxy).toBe(2);
	});

	it('reads a parameter without an expression once, and every other expression through n8n per item', () => {
		const { ctx, calls } = context({ targetSystem: 'netsuite', errorMessage: "={{ $json.error ? String($json.error) : '' }}" }, [{}, {}], {});
		const parameters = new ItemParameters(ctx);
		const target = parameters.reader('targetSystem', '');
		const error = parameters.reader('errorMessage', '');
		expect([target(0), target(1), error(0), error(1)]).toEqual(['n8n:targetSystem#0', 'n8n:targetSystem#0', 'n8n:errorMessage#0', 'n8n:errorMessage#1']);
		expect(calls.getNodeParameter).toEqual(['targetSystem#0', 'errorMessage#0', 'errorMessage#1']);
	});

	it("leaves to n8n a path through a missing object, one ending in an object or array, and a paired item n8n cannot find", () => {
		const { ctx, calls } = context(
			{ a: '={{ $json.missing.key }}', b: '={{ $json.ledger }}', c: '={{ $json.list }}', d: "={{ $('Check & Claim').item.json.ledger.key }}", e: "={{ $('Other').item.json.id }}" },
			[{ ledger: { key: 'k' }, list: [1] }],
			{ 0: new Error('paired item data unavailable') },
		);
		const parameters = new ItemParameters(ctx);
		for (const name of ['a', 'b', 'c', 'd', 'e']) expect(parameters.reader(name, '')(0)).toBe(`n8n:${name}#0`);
		expect(calls.getNodeParameter).toEqual(['a#0', 'b#0', 'c#0', 'd#0', 'e#0']);
	});

	it('with objects, reads a path ending in an object as a copy (a JSON body), and without it leaves that to n8n', () => {
		const body = { employee: { id: '7' }, hours: '1.5' };
		const { ctx, calls } = context({ jsonBody: "={{ $('Check & Claim').item.json.body }}" }, [{}], { 0: { body } });
		const read = new ItemParameters(ctx).reader<{ employee: { id: string } } | string>('jsonBody', '{}', { objects: true });
		const copy = read(0) as typeof body;
		expect(copy).toEqual(body);
		copy.employee.id = 'changed';
		expect(body.employee.id).toBe('7');
		expect(calls.getNodeParameter).toEqual([]);
		expect(new ItemParameters(ctx).reader('jsonBody', '{}')(0)).toBe('n8n:jsonBody#0');
	});

	it("reads a missing last field as undefined, as n8n's own expression engine does, without asking n8n", () => {
		const { ctx, calls } = context({ targetId: '={{ $json.id }}', errorMessage: '={{ $json.error }}' }, [{ other: 1 }, { error: null, id: 'X' }], {});
		const parameters = new ItemParameters(ctx);
		const [targetId, error] = [parameters.reader('targetId', ''), parameters.reader('errorMessage', '')];
		expect([targetId(0), error(0), targetId(1), error(1)]).toEqual([undefined, undefined, 'X', null]);
		expect(calls.getNodeParameter).toEqual([]);
		const nodeTypes = { getByName: () => ({ description: { properties: [] } }), getByNameAndVersion: () => ({ description: { properties: [] } }), getKnownTypes: () => ({}) };
		const workflow = new Workflow({ nodes: [{ id: '1', name: 'Record Result', type: 'probe', typeVersion: 1, position: [0, 0], parameters: {} }], connections: {}, active: false, nodeTypes: nodeTypes as never });
		const n8n = (expression: string, json: IDataObject) => workflow.expression.getParameterValue(expression, null, 0, 0, 'Record Result', [{ json }], 'manual', {});
		expect([n8n('={{ $json.id }}', { other: 1 }), n8n('={{ $json.error }}', { other: 1 }), n8n('={{ $json.error }}', { error: null, id: 'X' })]).toEqual([targetId(0), error(0), error(1)]);
	});
});
