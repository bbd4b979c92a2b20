import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { openLedger, requiredString, routeItems } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'action',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'invoice.approved',
		description: 'What happened, e.g. a business step this workflow performed outside the ledger',
	},
	{ displayName: 'Target', name: 'target', type: 'string', default: '', placeholder: 'netsuite' },
	{ displayName: 'Key', name: 'auditKey', type: 'string', default: '={{ $json.ledger?.key ?? "" }}' },
	{ displayName: 'Before', name: 'before', type: 'json', default: '{}', description: 'Summary of the state before (secrets are removed)' },
	{ displayName: 'After', name: 'after', type: 'json', default: '={{ $json }}', description: 'Summary of the state after (secrets are removed)' },
];

export const description = updateDisplayOptions({ show: { resource: ['audit'], operation: ['append'] } }, properties);

const parsed = (value: unknown) => {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const ledgerStore = await openLedger(this);
	const outputs = await routeItems(this, 1, async ({ itemIndex, correlationId }) => {
		const action = requiredString(this, 'action', itemIndex, 'Action');
		await ledgerStore.appendAudit({
			correlationId,
			action,
			target: String(this.getNodeParameter('target', itemIndex, '') ?? ''),
			key: String(this.getNodeParameter('auditKey', itemIndex, '') ?? ''),
			before: parsed(this.getNodeParameter('before', itemIndex, {})),
			after: parsed(this.getNodeParameter('after', itemIndex, {})),
		});
		return { output: 0, json: { audit: { action }, reason: `audit entry "${action}" written` } };
	});
	await ledgerStore.flushAudit();
	return outputs;
}
