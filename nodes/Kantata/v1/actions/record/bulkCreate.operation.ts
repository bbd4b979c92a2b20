/**
 * Bulk create: the items' records in one request per batch (`{"<collection>": [...]}`, up to the collection's
 * limit: 100 time entries or expenses, 200 allocations, 300 stories), each created record paired back with
 * its item in request order. Kantata validates a batch as a whole and writes none of it when one record is
 * invalid (422), so such a batch is sent again one record at a time: the invalid record fails alone, with the
 * field Kantata named, and the others are created. A batch whose answer is lost is not resent.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { correlationIdOf, sendInBatches } from '../../../../shared/kit';
import { outcomesToItems } from '../../../../shared/kit/outcomes';
import type { BatchEntry } from '../../../../shared/kit';
import { apiRequest, recordsOf } from '../../../transport';
import type { OperationContext } from './context';
import { jsonBodyOf } from './context';

type Outcome = { record: IDataObject } | { error: Error };

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const limit = op.resource.bulkCreateLimit ?? 1;
	const entries: Array<BatchEntry<IDataObject>> = [];
	const failed = new Map<number, Error>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			entries.push({ itemIndex, value: jsonBodyOf(this, itemIndex) });
		} catch (error) {
			failed.set(itemIndex, error as Error);
		}
	}
	const correlationId = correlationIdOf(items[0]);
	const sendOne = async (value: IDataObject, itemIndex: number): Promise<Outcome> => {
		try {
			const response = await apiRequest<IDataObject>(this, op.connection, { method: 'POST', path: `/${op.resource.collection}.json`, body: { [op.resource.singular]: value }, correlationId: correlationIdOf(items[itemIndex]), itemIndex });
			return { record: recordsOf(response.body)[0] ?? {} };
		} catch (error) {
			return { error: error as Error };
		}
	};
	let batchStart = 0;
	const outcomes = await sendInBatches<IDataObject, Outcome>(entries, limit, async (values, batchIndex) => {
		const batch = entries.slice(batchIndex * limit, batchIndex * limit + values.length);
		batchStart = batch[0]?.itemIndex ?? batchStart;
		try {
			const response = await apiRequest<IDataObject>(this, op.connection, { method: 'POST', path: `/${op.resource.collection}.json`, body: { [op.resource.collection]: values }, correlationId, itemIndex: batchStart });
			return recordsOf(response.body).map((record) => ({ record }));
		} catch (error) {
			const status = (error as { httpCode?: string }).httpCode;
			if (status !== '422') return values.map(() => ({ error: error as Error }));
			const singles: Outcome[] = [];
			for (let i = 0; i < values.length; i++) singles.push(await sendOne(values[i], batch[i].itemIndex));
			return singles;
		}
	});
	const byItem = new Map<number, Outcome>();
	for (const outcome of outcomes) byItem.set(outcome.itemIndex, outcome.error ? { error: outcome.error } : outcome.result!);
	for (const [itemIndex, error] of failed) byItem.set(itemIndex, { error });
	return outcomesToItems(this, items, (itemIndex) => {
		const outcome = byItem.get(itemIndex)!;
		return 'record' in outcome ? { json: outcome.record } : { error: outcome.error };
	});
}
