/**
 * The output of an operation that works on all its items at once (a batch, a bulk request, an import): one
 * output per input item, in item order, whatever happened to the others.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { correlationIdOf } from './correlation';
import { errorItem, tagWithItem } from './items';

/** What one input item came to: the json to output, or the error that failed it. */
export type ItemOutcome = { json: IDataObject; error?: undefined } | { error: Error; json?: undefined };

/**
 * Each item's outcome as its output, paired with it: the json with the item's correlation id, or a failure as an
 * error item under Continue On Fail; without it, the first failure (in item order) stops the node, tagged with
 * its item.
 */
export function outcomesToItems(context: IExecuteFunctions, items: INodeExecutionData[], outcomeOf: (itemIndex: number) => ItemOutcome): INodeExecutionData[] {
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomeOf(itemIndex);
		const correlationId = correlationIdOf(items[itemIndex]);
		if (outcome.error === undefined) {
			out.push({ json: { ...outcome.json, correlationId }, pairedItem: { item: itemIndex } });
			continue;
		}
		if (context.continueOnFail()) {
			out.push(errorItem(outcome.error as Error & { context?: IDataObject }, { itemIndex, item: items[itemIndex], correlationId }));
			continue;
		}
		throw tagWithItem(context, outcome.error, itemIndex);
	}
	return out;
}
