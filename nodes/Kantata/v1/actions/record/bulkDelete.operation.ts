/**
 * Bulk delete of time entries: `DELETE /time_entries.json?ids=…`, at most 100 per call. Kantata deletes all of
 * them or none (an entry that is submitted, approved or invoiced stops the whole call), so every item of a
 * refused batch fails with Kantata's reason; other batches go on.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { correlationIdOf, errorItem, sendInBatches, tagWithItem } from '../../../../shared/kit';
import type { BatchEntry } from '../../../../shared/kit';
import { apiRequest } from '../../../transport';
import type { OperationContext } from './context';
import { recordIdOf } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const entries: Array<BatchEntry<string>> = [];
	const errors = new Map<number, Error>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			entries.push({ itemIndex, value: recordIdOf(this, itemIndex) });
		} catch (error) {
			errors.set(itemIndex, error as Error);
		}
	}
	const limit = op.resource.bulkDeleteLimit ?? 1;
	const outcomes = await sendInBatches<string, Error | null>(entries, limit, async (ids, batchIndex) => {
		try {
			await apiRequest(this, op.connection, { method: 'DELETE', path: `/${op.resource.collection}.json`, qs: { ids: ids.join(',') }, correlationId: correlationIdOf(items[0]), itemIndex: entries[batchIndex * limit].itemIndex });
			return ids.map(() => null);
		} catch (error) {
			return ids.map(() => error as Error);
		}
	});
	for (const outcome of outcomes) if (outcome.error || outcome.result) errors.set(outcome.itemIndex, (outcome.error ?? outcome.result) as Error);
	const out: INodeExecutionData[] = [];
	for (const entry of entries) if (!errors.has(entry.itemIndex)) out[entry.itemIndex] = { json: { id: entry.value, deleted: true, correlationId: correlationIdOf(items[entry.itemIndex]) }, pairedItem: { item: entry.itemIndex } };
	for (const [itemIndex, error] of errors) {
		if (!this.continueOnFail()) throw tagWithItem(this, error, itemIndex);
		out[itemIndex] = errorItem(error as Error & { context?: IDataObject }, { itemIndex, item: items[itemIndex], correlationId: correlationIdOf(items[itemIndex]) });
	}
	return out.filter(Boolean);
}
