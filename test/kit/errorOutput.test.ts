/**
 * "On Error: Continue (using error output)": n8n sends an item down a node's error output only when its json is
 * a bare `{error}` (or it carries an n8n error, which makes n8n drop the json). In that mode the kit's error items
 * are bare, so a failed item never continues down the success branch; n8n adds the input item's fields to it.
 * With "Continue (regular output)" they keep the vendor's code and fields and the correlation id.
 */
import type { INode } from 'n8n-workflow';

import { netSuiteNode, run, useNetSuiteSandbox, workflow } from '../netsuite/helpers';

const suite = useNetSuiteSandbox();

const withErrorOutput = (node: INode): INode => ({ ...node, onError: 'continueErrorOutput' });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('kit error items and n8n error outputs', () => {
	it('a failed item goes down the error output, merged with its input item; good items stay on the success output', async () => {
		const customerId = String(suite.sandbox.store.all('customer')[0].id);
		const node = withErrorOutput(netSuiteNode({ resource: 'customer', operation: 'get', recordId: byId('={{ $json.id }}') }));
		const result = await run(workflow([{ id: customerId }, { id: '..' }, { id: '999999' }], node), suite.tba());

		const success = result.output('NetSuite', 0);
		const failed = result.output('NetSuite', 1);
		expect(success.map((r) => String(r.id))).toEqual([customerId]);
		expect(failed).toHaveLength(2);
		// n8n merged each input item into its error item: the id that failed is there beside the reason.
		expect(failed.map((r) => r.id)).toEqual(['..', '999999']);
		expect(String(failed[0].error)).toMatch(/recordId/);
		expect(String(failed[1].error)).toMatch(/999999|not found|NONEXISTENT/i);
	});

	it('with "Continue (regular output)" the same failed items stay on the one output, in input order', async () => {
		const node = { ...netSuiteNode({ resource: 'customer', operation: 'get', recordId: byId('={{ $json.id }}') }), onError: 'continueRegularOutput' as const };
		const result = await run(workflow([{ id: '..' }, { id: '.' }], node), suite.tba());
		expect(result.output('NetSuite', 0).map((r) => [r.code, r.fields])).toEqual([
			['INVALID_ID', ['recordId']],
			['INVALID_ID', ['recordId']],
		]);
		expect(result.output('NetSuite', 0).every((r) => typeof r.correlationId === 'string')).toBe(true);
	});
});
