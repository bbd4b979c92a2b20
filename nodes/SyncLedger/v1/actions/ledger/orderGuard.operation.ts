import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OrderDecision } from '../../../../../lib/governance';
import { routeItemsInBatch } from '../batchItems';
import { openLedger, requiredString } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Entity Key',
		name: 'entityKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ "psa:timeEntry:" + $json.ID }}',
		description: 'Identifies the entity whose versions are compared (the same for every version of it)',
	},
	{
		displayName: 'Source Version',
		name: 'sourceVersion',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.lastModifiedAt }}',
		description:
			'A version number (integers above 2^53 as text) or an ISO 8601 modification time with its zone (Z or an offset); older than the last applied goes to Stale',
	},
	{
		displayName: 'Target System',
		name: 'targetSystem',
		type: 'string',
		default: '',
		placeholder: 'netsuite',
		description: 'Named in the audit trail and the stale-records KPI',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['ledger'], operation: ['orderGuard'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const ledgerStore = await openLedger(this);
	// Parameters first, item by item; then the entities' rows read together and each item decided in order.
	const outputs = await routeItemsInBatch<{ entity: string; version: string | number; correlationId: string; target: string }, OrderDecision>(
		this,
		2,
		({ itemIndex, correlationId }) => {
			const entity = requiredString(this, 'entityKey', itemIndex, 'Entity Key');
			const raw = this.getNodeParameter('sourceVersion', itemIndex, '') as unknown;
			// A JSON number is passed on as a number, so one beyond 2^53 (already rounded) is refused, not compared.
			const version = typeof raw === 'number' ? raw : requiredString(this, 'sourceVersion', itemIndex, 'Source Version');
			const target = String(this.getNodeParameter('targetSystem', itemIndex, '') ?? '');
			return { entity, version, correlationId, target };
		},
		async (requests) => await ledgerStore.orderGuardMany(requests),
		({ entity, version }, decision) => ({
			output: decision.outcome === 'applied' ? 0 : 1,
			json: { order: { entity, version, outcome: decision.outcome, lastApplied: decision.previous ?? null }, reason: decision.reason },
		}),
	);
	await ledgerStore.flushAudit();
	return outputs;
}
