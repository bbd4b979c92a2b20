import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ExceptionRecord } from '../../../../../lib/governance';
import { isDomain, replayedExceptionId } from '../../../../../lib/governance';
import type { NewException } from '../../../store/ledgerStore';
import { routeItemsInBatch } from '../batchItems';
import { BUSINESS_OWNER_OPTIONS, openStores, requiredString } from '../common';

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
		options: BUSINESS_OWNER_OPTIONS,
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
		displayName: 'Once Per Key',
		name: 'oncePerKey',
		type: 'boolean',
		default: false,
		description:
			'Whether to skip a key that already has an open exception of the same owner (a flow that runs again while the record is still parked, or a drain replaying it), passing that exception on instead of parking a second one',
	},
	{
		displayName: 'Reopen the Replayed Exception',
		name: 'reopenReplayed',
		type: 'boolean',
		default: false,
		description:
			'Whether a record that came from Exception → Replay (its payload carries replay.exceptionId) and failed again reopens that exception with the new reason and payload, instead of parking a second one',
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
	const { ledger: ledgerStore, targets } = await openStores(this);
	const oncePerKey = this.getNodeParameter('oncePerKey', 0, false) as boolean;
	const reopenReplayed = this.getNodeParameter('reopenReplayed', 0, false) as boolean;
	// Parameters item by item, then every exception parked with one insert.
	const outputs = await routeItemsInBatch<NewException & { replayOf?: number }, ExceptionRecord & { alreadyParked?: boolean; reopened?: boolean }>(
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
			return { key, reason, domain, owner, correlationId, payload, replayOf: reopenReplayed ? replayedExceptionId(payload) : undefined };
		},
		async (list) => {
			const written = new Array<PromiseSettledResult<ExceptionRecord & { alreadyParked?: boolean; reopened?: boolean }>>(list.length);
			const fresh: number[] = [];
			for (let index = 0; index < list.length; index++) {
				const { replayOf, reason, payload, correlationId } = list[index];
				// A replayed exception is open again; one not in `replayed` (resolved meanwhile, not found) is parked anew.
				const moved = replayOf === undefined ? undefined : await ledgerStore.reopenException(replayOf, { reason, payload, correlationId });
				if (moved?.reopened && moved.record) written[index] = { status: 'fulfilled', value: { ...moved.record, reopened: true } };
				else fresh.push(index);
			}
			const toPark = fresh.map((index) => list[index]);
			const parked = oncePerKey
				? (await targets.parkOnce(toPark)).map(({ record, alreadyParked }) => ({ ...record, alreadyParked }))
				: await ledgerStore.addExceptions(toPark);
			fresh.forEach((index, position) => (written[index] = { status: 'fulfilled', value: parked[position] }));
			return written;
		},
		({ key, reason, domain }, record) => ({
			output: 0,
			json: {
				exception: {
					id: record.id,
					key,
					owner: record.owner,
					domain,
					status: record.status,
					...(oncePerKey ? { alreadyParked: record.alreadyParked } : {}),
					...(reopenReplayed ? { reopened: Boolean(record.reopened) } : {}),
				},
				reason: record.reopened
					? `reopened for ${record.owner} as exception ${record.id} (its replay failed): ${reason}`
					: record.alreadyParked
						? `already parked for ${record.owner} as exception ${record.id}: ${reason}`
						: `parked for ${record.owner}: ${reason}`,
			},
		}),
	);
	await ledgerStore.flushAudit();
	return outputs;
}
