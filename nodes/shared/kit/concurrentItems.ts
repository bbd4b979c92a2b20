import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { correlationIdOf } from './correlation';
import { errorItem, tagWithItem } from './items';
import type { ItemContext } from './items';

/**
 * `runPerItem` with up to `limit` items in flight: for vendors whose write is one record per request but which
 * allow several requests at once (NetSuite's account concurrency), so a run of many items takes its time in
 * waves instead of one request after another. Output is in item order, paired and with correlation ids, as
 * `runPerItem` gives it. With "Continue On Fail" a failed item becomes its error item; otherwise no further item
 * is started after a failure, the ones in flight finish, and the error of the lowest failed item stops the node
 * (items before it may have been written, as with `runPerItem`; items after it that were in flight may too).
 */
export async function runPerItemConcurrently(
	context: IExecuteFunctions,
	limit: number,
	operation: (ctx: ItemContext) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const width = Math.max(1, Math.floor(Number.isFinite(limit) ? limit : 1));
	const results: INodeExecutionData[][] = new Array(items.length);
	const failures = new Map<number, Error>();
	const continueOnFail = context.continueOnFail();
	let next = 0;
	const worker = async () => {
		while (next < items.length && (continueOnFail || failures.size === 0)) {
			const itemIndex = next++;
			const ctx: ItemContext = { itemIndex, item: items[itemIndex], correlationId: correlationIdOf(items[itemIndex]) };
			try {
				const result = await operation(ctx);
				results[itemIndex] = (Array.isArray(result) ? result : [result]).map((json) => ({ json: { ...json, correlationId: ctx.correlationId }, pairedItem: { item: itemIndex } }));
			} catch (error) {
				if (continueOnFail) results[itemIndex] = [errorItem(error as Error, ctx)];
				else failures.set(itemIndex, error as Error);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
	if (failures.size) {
		const first = Math.min(...failures.keys());
		throw tagWithItem(context, failures.get(first)!, first);
	}
	return results.flat();
}
