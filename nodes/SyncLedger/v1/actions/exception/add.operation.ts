import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ExceptionRecord } from '../../../../../lib/governance';
import { isDomain } from '../../../../../lib/governance';
import type { NewException } from '../../../store/ledgerStore';
import { routeItemsInBatch } from '../batchItems';
import { openLedger, requiredString } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '={{ $json.ledger?.key ?? $json.idempotencyKey }}',
		required: true,
		description: 'Key of the record, so a replay goes through Check & Claim under the same key',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '={{ $json.reason ?? $json.error }}',
		required: true,
		description: 'What went wrong, naming the field when there is one',
	},
	{
		displayName: 'Business Owner',
		name: 'domain',
		type: 'options',
		default: 'finance',
		options: [
			{ name: 'Finance', value: 'finance' },
			{ name: 'HR Operations', value: 'hrOperations' },
			{ name: 'PMO', value: 'pmo' },
		],
		description: 'The team that fixes exceptions of this kind',
	},
	{
		displayName: 'Owner Name',
		name: 'owner',
		type: 'string',
		default: '',
		description: 'A person or queue instead of the team name (optional)',
	},
	{
		displayName: 'Payload',
		name: 'payload',
		type: 'json',
		default: '={{ $json }}',
		description: 'The record to replay later; credentials and tokens are removed before it is stored',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['exception'], operation: ['add'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const ledgerStore = await openLedger(this);
	// Parameters item by item, then every exception parked with one insert.
	const outputs = await routeItemsInBatch<NewException, ExceptionRecord>(
		this,
		1,
		({ itemIndex, correlationId }) => {
			const key = requiredString(this, 'idempotencyKey', itemIndex, 'Idempotency Key');
			const reason = requiredString(this, 'reason', itemIndex, 'Reason');
			const domain = this.getNodeParameter('domain', itemIndex) as string;
			if (!isDomain(domain)) throw new NodeOperationError(this.getNode(), `Unknown business owner "${domain}"`, { itemIndex });
			let payload = this.getNodeParameter('payload', itemIndex, {}) as unknown;
			if (typeof payload === 'string') {
				try {
					payload = JSON.parse(payload);
				} catch {
					throw new NodeOperationError(this.getNode(), 'Payload is not valid JSON (parameter "payload")', { itemIndex });
				}
			}
			const owner = String(this.getNodeParameter('owner', itemIndex, '') ?? '');
			return { key, reason, domain, owner, correlationId, payload };
		},
		async (list) => (await ledgerStore.addExceptions(list)).map((value) => ({ status: 'fulfilled', value })),
		({ key, reason, domain }, record) => ({
			output: 0,
			json: { exception: { id: record.id, key, owner: record.owner, domain, status: record.status }, reason: `parked for ${record.owner}: ${reason}` },
		}),
	);
	await ledgerStore.flushAudit();
	return outputs;
}
