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
	{
		displayName: 'Skip Items Without Exception ID',
		name: 'skipWithoutId',
		type: 'boolean',
		default: false,
		description: 'Whether an item without an exception ID (a record that was never parked) passes through with nothing resolved, instead of failing',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['exception'], operation: ['resolve'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const ledgerStore = await openLedger(this);
	const outputs = await routeItems(this, 1, async ({ itemIndex, correlationId }) => {
		const raw = this.getNodeParameter('exceptionId', itemIndex, '') as unknown;
		if ((raw === '' || raw === null || raw === undefined) && (this.getNodeParameter('skipWithoutId', itemIndex, false) as boolean)) {
			return { output: 0, json: { exception: null, reason: 'no exception to resolve (never parked)' } };
		}
		const id = Number(raw);
		if (!Number.isInteger(id)) throw new Error('Exception ID is not a row number (parameter "exceptionId")');
		const resolution = String(this.getNodeParameter('resolution', itemIndex, '') ?? '');
		const moved = await ledgerStore.transitionException(id, 'resolved', { correlationId, resolution });
		return { output: 0, json: { exception: { id, status: moved.record?.status ?? null }, reason: moved.reason } };
	});
	await ledgerStore.flushAudit();
	return outputs;
}
