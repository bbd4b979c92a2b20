/** Kit runPerItemConcurrently: runPerItem's outputs with up to `limit` items in flight. */
import { mockDeep } from 'jest-mock-extended';
import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { runPerItemConcurrently } from '../../nodes/shared/kit/concurrentItems';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function context(count: number, continueOnFail: boolean) {
	const ctx = mockDeep<IExecuteFunctions>();
	const items: INodeExecutionData[] = Array.from({ length: count }, (_, i) => ({ json: { correlationId: `c-${i}` } }));
	ctx.getInputData.mockReturnValue(items);
	ctx.continueOnFail.mockReturnValue(continueOnFail);
	ctx.getNode.mockReturnValue({ name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {}, id: 'n' } as INode);
	return ctx;
}

describe('runPerItemConcurrently', () => {
	it('keeps at most `limit` items in flight and outputs them in item order, paired, with correlation ids', async () => {
		let inFlight = 0;
		let peak = 0;
		const out = await runPerItemConcurrently(context(12, false), 4, async ({ itemIndex }) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			// Later items finish first, so output order cannot come from completion order.
			await wait(40 - itemIndex * 3);
			inFlight--;
			return itemIndex === 5 ? [{ id: 'five-a' }, { id: 'five-b' }] : { id: `r-${itemIndex}` };
		});
		expect(peak).toBe(4);
		expect(out.map((o) => o.json.id)).toEqual(['r-0', 'r-1', 'r-2', 'r-3', 'r-4', 'five-a', 'five-b', 'r-6', 'r-7', 'r-8', 'r-9', 'r-10', 'r-11']);
		expect(out[6]).toEqual({ json: { id: 'five-b', correlationId: 'c-5' }, pairedItem: { item: 5 } });
	});

	it('with Continue On Fail, a failed item is its error item in its place and the others go on', async () => {
		const out = await runPerItemConcurrently(context(5, true), 2, async ({ itemIndex }) => {
			await wait(5);
			if (itemIndex === 2) throw new Error('hours: not a duration (field: hours)');
			return { id: `r-${itemIndex}` };
		});
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(out[2].json).toMatchObject({ error: 'hours: not a duration (field: hours)', correlationId: 'c-2' });
		expect(out[4].json).toEqual({ id: 'r-4', correlationId: 'c-4' });
	});

	it('without Continue On Fail, starts nothing after a failure and throws the lowest failed item', async () => {
		const started: number[] = [];
		let thrown: unknown;
		try {
			await runPerItemConcurrently(context(20, false), 3, async ({ itemIndex }) => {
				started.push(itemIndex);
				await wait(itemIndex === 1 ? 5 : 20);
				if (itemIndex === 1 || itemIndex === 2) throw new Error(`item ${itemIndex} refused`);
				return { id: itemIndex };
			});
		} catch (error) {
			thrown = error;
		}
		expect((thrown as Error).message).toContain('item 1 refused');
		expect((thrown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
		// Items 0-2 were in flight; item 1 failed first, so only item 3 (started before the failure was seen) may follow.
		expect(started.length).toBeLessThanOrEqual(4);
	});
});
