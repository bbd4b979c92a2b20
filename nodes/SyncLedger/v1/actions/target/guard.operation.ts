import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { isDomain, openReason } from '../../../../../lib/governance';
import type { BusinessDomain } from '../../../../../lib/governance';
import { routeItemsInBatch } from '../batchItems';
import { BUSINESS_OWNER_OPTIONS, openStores, requiredString } from '../common';
import { targetSystemProperty } from './common';

const properties: INodeProperties[] = [
	targetSystemProperty,
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '={{ $json.ledger?.key ?? $json.key ?? $json.idempotencyKey }}',
		required: true,
		description: 'Key of the posting, so the drain replays it through Check & Claim under the same key',
	},
	{
		displayName: 'Business Owner',
		name: 'domain',
		type: 'options',
		default: 'finance',
		options: BUSINESS_OWNER_OPTIONS,
		description: 'The team that sees the parked items in its queue should the drain not clear them',
	},
	{
		displayName: 'Payload',
		name: 'payload',
		type: 'json',
		default: '={{ $json }}',
		description: 'The record the drain replays; credentials and tokens are removed before it is stored',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['target'], operation: ['guard'] } }, properties);

interface Parked {
	key: string;
	domain: BusinessDomain;
	payload: unknown;
	correlationId: string;
}

/**
 * Reads the target's breaker once. Closed: every item goes to Send. Open: every item goes to Target Down, parked in
 * the exception queue for the target's drain (one open exception per key: a key parked by an earlier run is not
 * parked again), so each item ends in exactly one output and nothing is sent to a target that is not answering.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { ledger, targets } = await openStores(this);
	const target = requiredString(this, 'targetSystem', 0, 'Target System');
	const state = await targets.get(target);
	const summary: IDataObject = { system: target, state: state.state, consecutiveFailures: state.consecutiveFailures, openedAt: state.openedAt, lastError: state.lastError };
	if (state.state === 'closed') {
		const items = this.getInputData();
		return [items.map((item, index) => ({ json: { ...item.json, target: summary }, pairedItem: { item: index } })), []];
	}
	const reason = openReason(state);
	const outputs = await routeItemsInBatch<Parked, { id?: number; alreadyParked: boolean; owner: string; key: string }>(
		this,
		2,
		({ itemIndex, correlationId }) => {
			const key = requiredString(this, 'idempotencyKey', itemIndex, 'Idempotency Key');
			const domain = this.getNodeParameter('domain', itemIndex, 'finance') as string;
			if (!isDomain(domain)) throw new NodeOperationError(this.getNode(), `Unknown business owner "${domain}"`, { itemIndex });
			let payload = this.getNodeParameter('payload', itemIndex, {}) as unknown;
			if (typeof payload === 'string') {
				try {
					payload = JSON.parse(payload);
				} catch {
					throw new NodeOperationError(this.getNode(), 'Payload is not valid JSON (parameter "payload")', { itemIndex });
				}
			}
			return { key, domain, payload, correlationId };
		},
		async (list) =>
			(await targets.park(target, list.map(({ key, domain, payload, correlationId }) => ({ key, domain, payload, correlationId, reason })))).map(({ record, alreadyParked }) => ({
				status: 'fulfilled' as const,
				value: { id: record.id, alreadyParked, owner: record.owner, key: record.key },
			})),
		(_, parked) => ({
			output: 1,
			json: {
				target: summary,
				exception: { id: parked.id ?? null, key: parked.key, owner: parked.owner, status: 'open', alreadyParked: parked.alreadyParked },
				reason: parked.alreadyParked ? `${reason}; already parked as exception ${parked.id ?? ''}` : `${reason}; exception ${parked.id ?? ''}`,
			},
		}),
	);
	await ledger.flushAudit();
	return outputs;
}
