import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PostingResult } from '../../../../../lib/governance';
import { dedupeRecordPosted } from '../../../store/dedupe';
import type { RecordOutcome, RecordRequest } from '../../../store/ledgerStore';
import { routeItemsInBatch } from '../batchItems';
import { idempotencyKeyProperty, openLedger, requiredString, routeItems } from '../common';

const properties: INodeProperties[] = [
	idempotencyKeyProperty,
	{
		displayName: 'Result',
		name: 'result',
		type: 'options',
		default: 'auto',
		options: [
			{ name: 'Auto (Failed When Error Message Is Set)', value: 'auto' },
			{ name: 'Posted', value: 'posted' },
			{ name: 'Failed', value: 'failed' },
		],
	},
	{
		displayName: 'Target System',
		name: 'targetSystem',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'netsuite',
		description: 'Where the record was posted; success rates in Health are per target system',
	},
	{
		displayName: 'Target ID',
		name: 'targetId',
		type: 'string',
		default: '={{ $json.id }}',
		description: 'ID the target system gave the record',
		displayOptions: { hide: { result: ['failed'] } },
	},
	{
		displayName: 'Error Message',
		name: 'errorMessage',
		type: 'string',
		default: '={{ $json.error }}',
		description: 'With Auto, a non-empty message means the posting failed (use "Continue On Fail" on the posting node)',
		displayOptions: { hide: { result: ['posted'] } },
	},
	{
		displayName: 'Retryable',
		name: 'retryable',
		type: 'boolean',
		default: true,
		description: 'Whether a later run may post the key again; otherwise it is parked until replayed from the exception queue',
		displayOptions: { hide: { result: ['posted'] } },
	},
	{
		displayName: 'Claim Token',
		name: 'claimToken',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.ledger?.claimToken }}',
		placeholder: "={{ $('Check & Claim').item.json.ledger.claimToken }}",
		description:
			"Token of the claim, output by Check & Claim as ledger.claimToken; only the claim's holder may record. The default reads it from the incoming item; when the posting node replaced the item, read it from the Check & Claim node (as in the placeholder).",
		displayOptions: { show: { store: ['dataTable'], recordWithoutClaim: [false] } },
	},
	{
		displayName: 'Record Without Claim',
		name: 'recordWithoutClaim',
		type: 'boolean',
		default: false,
		description:
			"Whether to record the result whatever the key's claim, even another execution's live claim or no claim at all. For admin repair only; every such write is audited as an override.",
		displayOptions: { show: { store: ['dataTable'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['ledger'], operation: ['recordResult'] } }, properties);

function resultOf(context: IExecuteFunctions, itemIndex: number, targetSystem: string): PostingResult & { targetSystem: string } {
	const mode = context.getNodeParameter('result', itemIndex, 'auto') as string;
	const at = new Date();
	const errorValue = mode === 'posted' ? '' : context.getNodeParameter('errorMessage', itemIndex, '');
	const error = typeof errorValue === 'string' ? errorValue.trim() : errorValue ? JSON.stringify(errorValue) : '';
	if (mode === 'failed' || (mode === 'auto' && error)) {
		const retryable = context.getNodeParameter('retryable', itemIndex, true) as boolean;
		return { kind: 'failed', error: error || 'failed (no message given)', retryable, at, targetSystem };
	}
	const targetId = requiredString(context, 'targetId', itemIndex, 'Target ID');
	return { kind: 'posted', targetSystem, targetId, at };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const store = this.getNodeParameter('store', 0, 'dataTable') as string;
	if (store === 'deduplication') {
		const posted: string[] = [];
		const outputs = await routeItems(this, 2, async ({ itemIndex }) => {
			const key = requiredString(this, 'idempotencyKey', itemIndex, 'Idempotency Key');
			const result = resultOf(this, itemIndex, requiredString(this, 'targetSystem', itemIndex, 'Target System'));
			if (result.kind === 'posted') {
				posted.push(key);
				return { output: 0, json: { ledger: { key, status: 'posted', targetSystem: result.targetSystem, targetId: result.targetId }, reason: `posted as ${result.targetId}` } };
			}
			return { output: 1, json: { ledger: { key, status: result.retryable ? 'failed_retryable' : 'failed', error: result.error }, reason: `failed: ${result.error}` } };
		});
		await dedupeRecordPosted(this, posted, { maxEntries: this.getNodeParameter('options.maxEntries', 0, 10000) as number });
		return outputs;
	}

	const ledgerStore = await openLedger(this);
	// Parameters first, item by item; then every result written together (see LedgerStore.recordMany).
	const outputs = await routeItemsInBatch<RecordRequest & { result: PostingResult & { targetSystem: string } }, RecordOutcome>(
		this,
		2,
		({ itemIndex, correlationId }) => {
			const key = requiredString(this, 'idempotencyKey', itemIndex, 'Idempotency Key');
			const result = resultOf(this, itemIndex, requiredString(this, 'targetSystem', itemIndex, 'Target System'));
			const override = this.getNodeParameter('recordWithoutClaim', itemIndex, false) as boolean;
			const claimToken = override ? undefined : String(this.getNodeParameter('claimToken', itemIndex, '') ?? '').trim() || undefined;
			return { key, result, claimToken, correlationId, override };
		},
		// A refused record (no token, or another claim's) fails naming the holder: an error item, never a success.
		async (requests) => await ledgerStore.recordMany(requests),
		({ key, result }, recorded) => {
			const ledger: IDataObject = {
				key,
				status: recorded.row?.status ?? (result.kind === 'posted' ? 'posted' : null),
				targetSystem: result.targetSystem,
				targetId: result.kind === 'posted' ? result.targetId : (recorded.row?.targetId ?? null),
				recorded: recorded.recorded,
				overridden: recorded.overridden,
			};
			if (result.kind === 'failed') ledger.error = result.error;
			return { output: result.kind === 'posted' ? 0 : 1, json: { ledger, reason: recorded.reason } };
		},
	);
	await ledgerStore.flushAudit();
	return outputs;
}
