import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ClaimOutcome } from '../../../../../lib/governance';
import { correlationIdOf, ItemParameters } from '../../../../shared/kit';
import { dedupeCheck } from '../../../store/dedupe';
import type { ClaimResult } from '../../../store/ledgerStore';
import { idempotencyKeyProperty, openLedger, outItem, requiredString, routeItems } from '../common';
import type { ItemRun } from '../common';

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
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = [[], [], []];
	const fail = (run: ItemRun, error: Error) => {
		if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error, { itemIndex: run.itemIndex });
		outputs[2].push(outItem(run, { error: error.message, reason: `error: ${error.message}` }));
	};
	// First pass: keys, and repeats of a key within this batch (the first occurrence holds the claim).
	const firstIndex = new Map<string, number>();
	const readKey = new ItemParameters(this).reader('idempotencyKey', '');
	const claims: Array<{ run: ItemRun; key: string; allowFailed: boolean }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const run: ItemRun = { itemIndex, item: items[itemIndex], correlationId: correlationIdOf(items[itemIndex]) };
		let key: string;
		try {
			key = requiredString(this, 'idempotencyKey', itemIndex, 'Idempotency Key', readKey);
		} catch (error) {
			fail(run, error as Error);
			continue;
		}
		const earlier = firstIndex.get(key);
		if (earlier !== undefined) {
			outputs[2].push(outItem(run, { ledger: { key, outcome: 'inProgressElsewhere' }, reason: `duplicate of item ${earlier} in this batch, which holds the claim` }));
			continue;
		}
		firstIndex.set(key, itemIndex);
		// A replay from the exception queue may take a key whose last attempt failed permanently.
		claims.push({ run, key, allowFailed: Boolean((run.item.json.replay as IDataObject | undefined)?.exceptionId) });
	}
	const ttlSeconds = this.getNodeParameter('claimExpirySeconds', 0, 900) as number;
	let results: Map<string, ClaimResult>;
	try {
		results = await ledgerStore.claimMany(
			claims.map(({ key, allowFailed, run }) => ({ key, allowFailed, correlationId: run.correlationId })),
			ttlSeconds,
		);
	} catch (error) {
		// The ledger could not be reached: nothing was claimed for sure, so no item may proceed.
		for (const { run } of claims) fail(run, error as Error);
		await ledgerStore.flushAudit();
		return outputs;
	}
	for (const { run, key } of claims) {
		const result = results.get(key)!;
		const row = result.row;
		outputs[OUTPUT_INDEX[result.outcome]].push(
			outItem(run, {
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
			}),
		);
	}
	// Outputs keep the input order within each route.
	for (const output of outputs) output.sort((a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item);
	await ledgerStore.flushAudit();
	return outputs;
}
