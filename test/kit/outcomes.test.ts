/** Kit outcomesToItems: one output per item in item order, failures by Continue On Fail. */
import { mockDeep } from 'jest-mock-extended';
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { outcomesToItems } from '../../nodes/shared/kit/outcomes';
import type { ItemOutcome } from '../../nodes/shared/kit/outcomes';

const items: INodeExecutionData[] = [{ json: { correlationId: 'c-0' } }, { json: { correlationId: 'c-1' } }, { json: { correlationId: 'c-2' } }];
const outcomes: ItemOutcome[] = [{ json: { id: 'a' } }, { error: new Error('amount: not a decimal') }, { json: { id: 'c' } }];

function context(continueOnFail: boolean) {
	const ctx = mockDeep<IExecuteFunctions>();
	ctx.continueOnFail.mockReturnValue(continueOnFail);
	ctx.getNode.mockReturnValue({ name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {}, id: 'n' } as INode);
	return ctx;
}

describe('outcomesToItems', () => {
	it('outputs every item in order, paired, with its correlation id; a failure becomes an error item under Continue On Fail', () => {
		const out = outcomesToItems(context(true), items, (i) => outcomes[i]);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toEqual({ id: 'a', correlationId: 'c-0' });
		expect(out[1].json).toMatchObject({ error: 'amount: not a decimal', correlationId: 'c-1' });
		expect(out[2].json).toEqual({ id: 'c', correlationId: 'c-2' });
	});

	it('without Continue On Fail, the first failure stops the node, naming its item', () => {
		let thrown: unknown;
		try {
			outcomesToItems(context(false), items, (i) => outcomes[i]);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(NodeOperationError);
		expect((thrown as NodeOperationError).message).toContain('amount: not a decimal');
		expect((thrown as NodeOperationError).context.itemIndex).toBe(1);
	});
});
