/**
 * Batch: each item becomes one part of an Oracle batch request (`application/vnd.oracle.adf.batch+json`), each
 * result paired back with its item by part id. Oracle runs a batch all or none, so a refused part is reported
 * on its own item and the other parts are sent again (see transport/batch.ts): one bad record never fails the
 * others.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { correlationIdOf, tagWithItem } from '../../../../shared/kit';
import { outcomesToItems } from '../../../../shared/kit/outcomes';
import { sendBatch } from '../../../transport/batch';
import type { BatchOperation, BatchPart } from '../../../transport/batch';
import type { OperationContext } from './context';
import { collectionPathOf, jsonBodyOf, keySegment } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('batchOperation', 0, 'create') as BatchOperation;
	const size = Math.min(500, Math.max(1, Number(this.getNodeParameter('partsPerRequest', 0, 100))));
	const parts: BatchPart[] = [];
	const failed = new Map<number, Error>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const collection = collectionPathOf(this, itemIndex, op.resource);
			if (operation === 'update' || operation === 'delete') {
				const key = keySegment(this.getNodeParameter('batchRecordId', itemIndex, ''), op.resource, 'batchRecordId');
				parts.push({ itemIndex, path: `${collection}/${key}`, operation, ...(operation === 'update' ? { payload: jsonBodyOf(this, itemIndex) } : {}) });
			} else {
				parts.push({ itemIndex, path: collection, operation, payload: jsonBodyOf(this, itemIndex) });
			}
		} catch (error) {
			failed.set(itemIndex, error as Error);
		}
	}
	// Without Continue On Fail an item refused before sending stops the node before any part is sent.
	const firstRefused = [...failed.entries()][0];
	if (firstRefused && !this.continueOnFail()) throw tagWithItem(this, firstRefused[1], firstRefused[0]);
	const outcomes = parts.length ? await sendBatch(this, op.connection, parts, { size, service: op.resource.service, correlationId: correlationIdOf(items[0]) }) : [];
	const byItem = new Map<number, { payload?: IDataObject; error?: Error }>(outcomes.map((o) => [o.itemIndex, o]));
	for (const [itemIndex, error] of failed) byItem.set(itemIndex, { error });
	return outcomesToItems(this, items, (itemIndex) => {
		const outcome = byItem.get(itemIndex)!;
		return outcome.error ? { error: outcome.error } : { json: outcome.payload ?? {} };
	});
}
