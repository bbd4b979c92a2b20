/**
 * Batch Create / Batch Create or Update for every Dataverse node (Dynamics 365 Sales, Project Operations): every input item is one request of a `$batch` (at most 1,000 per
 * batch), each in its own changeset, sent with `Prefer: odata.continue-on-error`, so a record Dataverse refuses
 * fails alone and every other record is written. Each answer is paired back to its item by Content-ID; an
 * answer that cannot be paired fails every item of that batch rather than being guessed at. A batch whose
 * answer is lost is not resent (its creates may have been committed); use Batch Create or Update by an
 * alternate key where a flow may run twice.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chunk, correlationIdOf, errorItem, tagWithItem, vendorApiError } from '../shared/kit';
import { alternateKeyOf, upsertModeOf, writeBody } from './descriptions';
import { MAX_BATCH_REQUESTS, batchPartError, dataverseBatch, entityPath, idFromEntityIdHeader } from './transport';
import type { DataverseConnection, ODataBatchPart } from './transport';

/** What the batch needs of the node's operation: the connection, the table's entity set and its key column. */
export interface DataverseBatchTarget {
	connection: DataverseConnection;
	table: { entitySet: string; idColumn: string };
}

export type DataverseBatchOperation = 'batchCreate' | 'batchUpsert';

interface Prepared {
	itemIndex: number;
	part: ODataBatchPart;
}

type Outcome = { json: IDataObject } | { error: Error };

function prepare(context: IExecuteFunctions, op: DataverseBatchTarget, operation: DataverseBatchOperation, itemIndex: number): Prepared {
	const body = writeBody(context, itemIndex);
	const changeset = `item${itemIndex}`;
	if (operation === 'batchCreate') {
		return { itemIndex, part: { method: 'POST', url: `${op.connection.serviceRoot}/${op.table.entitySet}`, body, changeset, contentId: '1' } };
	}
	const key = alternateKeyOf(context, itemIndex);
	const mode = upsertModeOf(context, itemIndex);
	const headers: Record<string, string> = mode === 'createOnly' ? { 'If-None-Match': '*' } : mode === 'updateOnly' ? { 'If-Match': '*' } : {};
	return { itemIndex, part: { method: 'PATCH', url: `${op.connection.serviceRoot}/${entityPath(op.table.entitySet, key, Object.keys(key).join(', '))}`, body, headers, changeset, contentId: '1' } };
}

export async function executeDataverseBatch(this: IExecuteFunctions, op: DataverseBatchTarget, operation: DataverseBatchOperation): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const outcomes = new Map<number, Outcome>();
	const prepared: Prepared[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push(prepare(this, op, operation, itemIndex));
		} catch (error) {
			outcomes.set(itemIndex, { error: error as Error });
		}
	}
	for (const batch of chunk(prepared, MAX_BATCH_REQUESTS)) {
		if (batch.length === 0) continue;
		// Each changeset gets its own id; Content-IDs only need to be unique inside a changeset.
		const sent = await dataverseBatch(this, op.connection, batch.map((entry) => entry.part), { correlationId: correlationIdOf(items[batch[0].itemIndex]), itemIndex: batch[0].itemIndex }).then(
			(results) => ({ results }),
			(error: Error) => ({ error }),
		);
		if ('error' in sent) {
			// The batch as a whole was refused or its answer lost: each of its items fails with that error (none is resent).
			for (const entry of batch) outcomes.set(entry.itemIndex, { error: sent.error });
			continue;
		}
		sent.results.forEach((result, i) => {
			const { itemIndex } = batch[i];
			const response = result.response;
			if (result.outcome === 'ok' && response) {
				const record = response.body && typeof response.body === 'object' ? (response.body as IDataObject) : {};
				const id = idFromEntityIdHeader(response.headers['odata-entityid']) ?? (record[op.table.idColumn] as string | undefined);
				outcomes.set(itemIndex, { json: { ...record, [op.table.idColumn]: id, status: response.status, ...(operation === 'batchUpsert' ? { created: response.status === 201 } : {}) } });
				return;
			}
			const vendorError = batchPartError(response) ?? { code: 'BATCH_PART_FAILED', message: result.error ?? 'no answer', fields: [] };
			const message = result.outcome === 'ok' ? vendorError.message : (result.error ?? vendorError.message);
			const failure = { status: response?.status, headers: response?.headers ?? {}, body: response?.body, message };
			outcomes.set(itemIndex, { error: vendorApiError(this.getNode(), 'Dataverse', failure, { ...vendorError, message: result.outcome === 'failed' ? vendorError.message : message }, itemIndex) });
		});
	}
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes.get(itemIndex)!;
		const correlationId = correlationIdOf(items[itemIndex]);
		if ('json' in outcome) {
			out.push({ json: { ...outcome.json, correlationId }, pairedItem: { item: itemIndex } });
			continue;
		}
		if (this.continueOnFail()) {
			out.push(errorItem(outcome.error as Error & { context?: IDataObject }, { itemIndex, item: items[itemIndex], correlationId }));
			continue;
		}
		throw tagWithItem(this, outcome.error, itemIndex);
	}
	return out;
}
