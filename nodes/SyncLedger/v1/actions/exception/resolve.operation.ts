import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { openLedger, routeItems } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Exception ID',
		name: 'exceptionId',
		type: 'string',
		default: '={{ $json.replay?.exceptionId ?? $json.id }}',
		required: true,
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'string',
		default: '',
		placeholder: 'Posted after correcting the project code',
		description: 'How it was resolved, kept with the exception',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['exception'], operation: ['resolve'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const ledgerStore = await openLedger(this);
	const outputs = await routeItems(this, 1, async ({ itemIndex, correlationId }) => {
		const id = Number(this.getNodeParameter('exceptionId', itemIndex));
		if (!Number.isInteger(id)) throw new Error('Exception ID is not a row number (parameter "exceptionId")');
		const resolution = String(this.getNodeParameter('resolution', itemIndex, '') ?? '');
		const moved = await ledgerStore.transitionException(id, 'resolved', { correlationId, resolution });
		return { output: 0, json: { exception: { id, status: moved.record?.status ?? null }, reason: moved.reason } };
	});
	await ledgerStore.flushAudit();
	return outputs;
}
