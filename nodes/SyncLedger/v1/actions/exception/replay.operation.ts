import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { replayPayload } from '../../../../../lib/governance';
import { openLedger, routeItems } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Exception ID',
		name: 'exceptionId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description: 'Row ID of the exception (from List); its stored payload, as edited in the Data Table, is emitted',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['exception'], operation: ['replay'] } }, properties);

/**
 * Emits the stored payload with `replay` set, to run through Check & Claim again (which then may take a key
 * whose last attempt failed permanently). Exceptions that are not open go to the second output with the reason.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const ledgerStore = await openLedger(this);
	const outputs = await routeItems(this, 2, async ({ itemIndex, correlationId }) => {
		const id = Number(this.getNodeParameter('exceptionId', itemIndex));
		if (!Number.isInteger(id)) throw new Error('Exception ID is not a row number (parameter "exceptionId")');
		const [record] = await ledgerStore.listExceptions({ id });
		if (!record) return { output: 1, json: { replay: { exceptionId: id }, reason: `exception ${id} not found` } };
		if (record.status !== 'open') return { output: 1, json: { replay: { exceptionId: id, key: record.key }, reason: `exception ${id} is ${record.status}, not open` } };
		const payload = replayPayload(record);
		const moved = await ledgerStore.transitionException(id, 'replayed', { correlationId });
		if (moved.record?.status !== 'replayed') return { output: 1, json: { replay: { exceptionId: id, key: record.key }, reason: moved.reason } };
		return {
			output: 0,
			// The stored payload replaces the input (an exception row), so the flow sees the record itself.
			replace: true,
			json: { ...payload, idempotencyKey: payload.idempotencyKey ?? record.key, replay: { exceptionId: id, key: record.key, owner: record.owner, parkedByWorkflowId: record.workflowId, replayCount: moved.record.replayCount }, reason: `replaying exception ${id}` },
		};
	});
	await ledgerStore.flushAudit();
	return outputs;
}
