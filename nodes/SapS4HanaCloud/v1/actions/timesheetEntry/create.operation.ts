import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { asNodeError, correlationIdOf, errorItem, tagWithItem } from '../../../../shared/kit';
import type { ItemContext } from '../../../../shared/kit';
import { odataStringLiteral } from '../../../../shared/kit/odata';
import type { ODataBatchPart } from '../../../../shared/kit/odata';
import { TIMESHEET_SERVICE } from '../../../helpers/resources';
import { fromV2Date, isLostAnswer, listAll, parseSapError, plainRecord, sendBatch, unwrap, v2DateLiteral } from '../../../transport';
import type { OperationContext } from '../context';
import { entryBody, referenceMarker } from './entry';

/**
 * Creates one timesheet entry per item. Idempotency: SAP has no key for a new entry, so an entry with an External
 * Reference is first looked for among the person's entries of that date (a live entry whose note starts with
 * `[reference]`): found → the item is skipped with that entry. The rest go in one `$batch` with one changeset per
 * item, so an entry SAP refuses fails alone on its item (with SAP's code and the field it names) and the others are
 * written. Two executions at the same moment are kept apart by the Sync Ledger's Check & Claim in front of the node.
 */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	const fail = (ctx: ItemContext, error: Error) => {
		if (!this.continueOnFail()) throw tagWithItem(this, error, ctx.itemIndex);
		results[ctx.itemIndex] = errorItem(error as Error & { context?: IDataObject }, ctx);
	};
	const pending: Array<{ ctx: ItemContext; body: IDataObject; reference: string }> = [];
	const seen = new Map<string, number>();
	// Before any write, the person's entries of a date are read once for all items of that person and date.
	const entriesBeforeWrites = new Map<string, Promise<IDataObject[]>>();
	const lookUp = async (body: IDataObject, reference: string, ctx: ItemContext, afterWrites = false): Promise<IDataObject | undefined> => {
		const date = fromV2Date(body.TimeSheetDate) as string;
		const read = () =>
			listAll(this, op.connection, TIMESHEET_SERVICE, '/TimeSheetEntryCollection', {
				$filter: `PersonWorkAgreementExternalID eq ${odataStringLiteral(String(body.PersonWorkAgreementExternalID))} and TimeSheetDate eq ${v2DateLiteral(date, 'date')}`,
			}, { correlationId: ctx.correlationId, itemIndex: ctx.itemIndex });
		const pair = JSON.stringify([body.PersonWorkAgreementExternalID, date]);
		if (!afterWrites && !entriesBeforeWrites.has(pair)) entriesBeforeWrites.set(pair, read());
		const existing = afterWrites ? await read() : await entriesBeforeWrites.get(pair)!;
		return existing.find((entry) => entry.TimeSheetStatus !== '60' && String((entry.TimeSheetDataFields as IDataObject | undefined)?.TimeSheetNote ?? '').startsWith(referenceMarker(reference)));
	};
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const ctx: ItemContext = { itemIndex, item: items[itemIndex], correlationId: correlationIdOf(items[itemIndex]) };
		try {
			const body = entryBody(this, itemIndex, 'C');
			const reference = String(this.getNodeParameter('externalReference', itemIndex, '')).trim();
			if (reference) {
				const earlier = seen.get(reference);
				if (earlier !== undefined) {
					results[itemIndex] = { json: { skipped: true, reason: `externalReference ${reference} is also on item ${earlier} of this run, which creates it`, externalReference: reference, correlationId: ctx.correlationId }, pairedItem: { item: itemIndex } };
					continue;
				}
				seen.set(reference, itemIndex);
				const found = await lookUp(body, reference, ctx);
				if (found) {
					results[itemIndex] = { json: { skipped: true, reason: `externalReference ${reference} is already on timesheet record ${String(found.TimeSheetRecord)}`, externalReference: reference, record: found, correlationId: ctx.correlationId }, pairedItem: { item: itemIndex } };
					continue;
				}
			}
			pending.push({ ctx, body, reference });
		} catch (error) {
			fail(ctx, error as Error);
		}
	}
	if (pending.length) {
		const send = async (batch: typeof pending) => {
			const parts: ODataBatchPart[] = batch.map(({ body }, index) => ({ method: 'POST', url: 'TimeSheetEntryCollection', body, changeset: `item${index}`, contentId: String(index + 1) }));
			return await sendBatch(this, op.connection, TIMESHEET_SERVICE, parts, { correlationId: batch[0].ctx.correlationId });
		};
		let pairings: Awaited<ReturnType<typeof send>>;
		try {
			pairings = await send(pending);
		} catch (error) {
			// The $batch's answer was lost: SAP may have written any of its entries. Entries with a reference are
			// looked up again and only the absent ones are sent once more; without a reference nothing is resent.
			if (!isLostAnswer(error) || pending.some(({ reference }) => !reference)) throw asNodeError(this.getNode(), error);
			const absent: typeof pending = [];
			for (const entry of pending) {
				const found = await lookUp(entry.body, entry.reference, entry.ctx, true);
				if (found) results[entry.ctx.itemIndex] = { json: { ...found, recoveredAfterLostAnswer: true, correlationId: entry.ctx.correlationId }, pairedItem: { item: entry.ctx.itemIndex } };
				else absent.push(entry);
			}
			pending.splice(0, pending.length, ...absent);
			pairings = pending.length ? await send(pending) : [];
		}
		for (const pairing of pairings) {
			const { ctx } = pending[pairing.index];
			if (pairing.outcome === 'ok') {
				const record = plainRecord(unwrap(pairing.response?.body));
				results[ctx.itemIndex] = { json: { ...record, ...(pairing.sapMessages.length ? { sapMessages: pairing.sapMessages } : {}), correlationId: ctx.correlationId }, pairedItem: { item: ctx.itemIndex } };
				continue;
			}
			const vendor = pairing.response ? parseSapError(pairing.response.body) : undefined;
			const error = new NodeApiError(
				this.getNode(),
				{ message: vendor?.message ?? pairing.error ?? 'failed', code: vendor?.code ?? pairing.outcome } as JsonObject,
				{
					message: `SAP S/4HANA Cloud: ${vendor?.code ?? pairing.outcome.toUpperCase()}: ${vendor?.message ?? pairing.error ?? 'failed'}${vendor?.fields.length ? ` (field: ${vendor.fields.join(', ')})` : ''}`,
					httpCode: pairing.response ? String(pairing.response.status) : undefined,
					itemIndex: ctx.itemIndex,
				},
			);
			error.context.vendorErrorCode = vendor?.code ?? (pairing.outcome === 'mismatch' ? 'BATCH_RESULT_MISMATCH' : pairing.outcome);
			error.context.vendorErrorFields = vendor?.fields ?? [];
			fail(ctx, error);
		}
	}
	return results.filter((result): result is INodeExecutionData => result !== undefined);
}
