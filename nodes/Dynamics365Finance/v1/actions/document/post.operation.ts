/**
 * Post a document through its bound posting action (`…(<key>)/Microsoft.Dynamics.DataEntities.Post`, as the
 * sandbox models it; verify the action your environment exposes). The header is read first: one already posted
 * comes out as skipped, so posting is done once however often the flow runs. A posting whose answer was lost is
 * resolved by reading the header again.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, runPerItem } from '../../../../shared/kit';
import { yes } from '../../../canonical/common';
import { financeRequest, recordPath, scopeQuery } from '../../../transport';
import type { OperationContext } from '../context';
import { pickedKey } from '../context';
import { isLostAnswer } from '../record/write';

/** Posts one document by its key: read first (one already posted is skipped), a lost answer resolved by reading again. */
export async function postDocument(context: IExecuteFunctions, op: OperationContext, key: Record<string, string | number>, itemIndex: number, correlationId: string): Promise<IDataObject> {
	const path = recordPath(op.entity.set, key);
	const read = async () => (await financeRequest<IDataObject>(context, op.connection, { method: 'GET', path, qs: scopeQuery(op.entity), correlationId, itemIndex })).body;
	const postedField = op.entity.postedField ?? 'IsPosted';
	const before = await read();
	if (yes(before[postedField])) return { ...before, posted: true, skipped: true, reason: `${String(key[op.entity.key[0]])} is already posted` };
	let result: IDataObject | undefined;
	try {
		result = (await financeRequest<IDataObject>(context, op.connection, { method: 'POST', path: `${path}/${op.entity.postAction}`, qs: scopeQuery(op.entity), body: {}, correlationId, itemIndex })).body;
	} catch (error) {
		if (!isLostAnswer(error)) throw asNodeError(context.getNode(), error, itemIndex);
		const after = await read();
		if (!yes(after[postedField])) throw asNodeError(context.getNode(), error, itemIndex);
		return { ...after, posted: true, skipped: false, recoveredAfterLostAnswer: true };
	}
	const after = await read();
	return { ...after, posted: yes(after[postedField]), skipped: false, postResult: result ?? null };
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => await postDocument(this, op, pickedKey(this, itemIndex, op.entity), itemIndex, correlationId));
}
