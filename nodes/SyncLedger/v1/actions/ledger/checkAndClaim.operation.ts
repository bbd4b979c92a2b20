import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClaimOutcome } from '../../../../../lib/governance';
import { dedupeCheck } from '../../../store/dedupe';
import { idempotencyKeyProperty, openLedger, requiredString, routeItems } from '../common';

export const OUTPUT_INDEX: Record<ClaimOutcome, number> = { new: 0, alreadyDone: 1, inProgressElsewhere: 2 };

const properties: INodeProperties[] = [
	idempotencyKeyProperty,
	{
		displayName: 'Claim Expiry (Seconds)',
		name: 'claimExpirySeconds',
		type: 'number',
		default: 900,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { store: ['dataTable'] } },
		description:
			'How long a claim keeps other executions away. After it, the key may be claimed again (the posting may or may not have reached the target, so post with an upsert by external ID).',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['ledger'], operation: ['checkAndClaim'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const store = this.getNodeParameter('store', 0, 'dataTable') as string;
	if (store === 'deduplication') {
		const keys = this.getInputData().map((_, i) => String(this.getNodeParameter('idempotencyKey', i, '') ?? '').trim());
		const maxEntries = this.getNodeParameter('options.maxEntries', 0, 10000) as number;
		const processed = await dedupeCheck(this, keys.filter(Boolean), { maxEntries });
		const seen = new Map<string, number>();
		return await routeItems(this, 3, async ({ itemIndex }) => {
			const key = requiredString(this, 'idempotencyKey', itemIndex, 'Idempotency Key');
			const ledger: IDataObject = { key, store: 'deduplication' };
			if (processed.has(key)) return { output: 1, json: { ledger: { ...ledger, outcome: 'alreadyDone', status: 'posted' }, reason: `key "${key}" was posted before (deduplication store)` } };
			if (seen.has(key)) {
				return { output: 2, json: { ledger: { ...ledger, outcome: 'inProgressElsewhere' }, reason: `duplicate of item ${seen.get(key)} in this batch` } };
			}
			seen.set(key, itemIndex);
			return { output: 0, json: { ledger: { ...ledger, outcome: 'new' }, reason: 'not posted before (deduplication store; no claim across executions)' } };
		});
	}

	const ledgerStore = await openLedger(this);
	const claimedInThisRun = new Map<string, number>();
	const outputs = await routeItems(this, 3, async ({ itemIndex, item, correlationId }) => {
		const key = requiredString(this, 'idempotencyKey', itemIndex, 'Idempotency Key');
		const earlier = claimedInThisRun.get(key);
		if (earlier !== undefined) {
			return { output: 2, json: { ledger: { key, outcome: 'inProgressElsewhere' }, reason: `duplicate of item ${earlier} in this batch, which holds the claim` } };
		}
		const ttlSeconds = this.getNodeParameter('claimExpirySeconds', itemIndex, 900) as number;
		// A replay from the exception queue may take a key whose last attempt failed permanently.
		const allowFailed = Boolean((item.json.replay as IDataObject | undefined)?.exceptionId);
		const result = await ledgerStore.claim(key, { ttlSeconds, allowFailed, correlationId });
		if (result.outcome === 'new') claimedInThisRun.set(key, itemIndex);
		const row = result.row;
		return {
			output: OUTPUT_INDEX[result.outcome],
			json: {
				ledger: {
					key,
					outcome: result.outcome,
					status: row.status ?? null,
					claimToken: result.outcome === 'new' ? row.claimToken : undefined,
					claimOwner: row.claimOwner ?? null,
					expiresAt: row.expiresAt ?? null,
					attempts: row.attempts ?? null,
					targetSystem: row.targetSystem ?? null,
					targetId: row.targetId ?? null,
				},
				reason: result.reason,
			},
		};
	});
	await ledgerStore.flushAudit();
	return outputs;
}
