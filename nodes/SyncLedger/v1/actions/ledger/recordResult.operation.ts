import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { applyOutcomes, drainOwner, isTargetUnavailable } from '../../../../../lib/governance';
import type { PostingResult, TargetOutcome } from '../../../../../lib/governance';
import { ItemParameters } from '../../../../shared/kit';
import { dedupeRecordPosted } from '../../../store/dedupe';
import type { RecordOutcome, RecordRequest } from '../../../store/ledgerStore';
import { routeItemsInBatch } from '../batchItems';
import { idempotencyKeyProperty, openStores, requiredString, routeItems } from '../common';
import { failureCodeProperty } from '../target/common';

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
		displayName: 'Trip Target Breaker After',
		name: 'tripBreakerAfter',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		displayOptions: { show: { store: ['dataTable'] } },
		description:
			"Failures in a row where the target did not answer (5xx, time-outs, refused connections, throttling beyond the retries) after which the target's breaker opens and Target Health → Guard parks further items for the drain. 0 leaves the breaker alone.",
	},
	{
		...failureCodeProperty,
		displayOptions: { show: { store: ['dataTable'] }, hide: { tripBreakerAfter: [0] } },
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

/** The parameters Record Result reads per item (plain field paths read without n8n's expression engine). */
function recordParameters(context: IExecuteFunctions) {
	const parameters = new ItemParameters(context);
	return {
		key: parameters.reader('idempotencyKey', ''),
		claimToken: parameters.reader('claimToken', ''),
		targetSystem: parameters.reader('targetSystem', ''),
		targetId: parameters.reader('targetId', ''),
		result: parameters.reader<string>('result', 'auto'),
		errorMessage: parameters.reader('errorMessage', ''),
		retryable: parameters.reader<boolean>('retryable', true),
		recordWithoutClaim: parameters.reader<boolean>('recordWithoutClaim', false),
	};
}

function resultOf(context: IExecuteFunctions, read: ReturnType<typeof recordParameters>, itemIndex: number, targetSystem: string): PostingResult & { targetSystem: string } {
	const mode = read.result(itemIndex);
	const at = new Date();
	const errorValue = mode === 'posted' ? '' : read.errorMessage(itemIndex);
	const error = typeof errorValue === 'string' ? errorValue.trim() : errorValue ? JSON.stringify(errorValue) : '';
	if (mode === 'failed' || (mode === 'auto' && error)) {
		const retryable = read.retryable(itemIndex);
		return { kind: 'failed', error: error || 'failed (no message given)', retryable, at, targetSystem };
	}
	const targetId = requiredString(context, 'targetId', itemIndex, 'Target ID', read.targetId);
	return { kind: 'posted', targetSystem, targetId, at };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const store = this.getNodeParameter('store', 0, 'dataTable') as string;
	const read = recordParameters(this);
	if (store === 'deduplication') {
		const posted: string[] = [];
		const outputs = await routeItems(this, 2, async ({ itemIndex }) => {
			const key = requiredString(this, 'idempotencyKey', itemIndex, 'Idempotency Key', read.key);
			const result = resultOf(this, read, itemIndex, requiredString(this, 'targetSystem', itemIndex, 'Target System', read.targetSystem));
			if (result.kind === 'posted') {
				posted.push(key);
				return { output: 0, json: { ledger: { key, status: 'posted', targetSystem: result.targetSystem, targetId: result.targetId }, reason: `posted as ${result.targetId}` } };
			}
			return { output: 1, json: { ledger: { key, status: result.retryable ? 'failed_retryable' : 'failed', error: result.error }, reason: `failed: ${result.error}` } };
		});
		await dedupeRecordPosted(this, posted, { maxEntries: this.getNodeParameter('options.maxEntries', 0, 10000) as number });
		return outputs;
	}

	const { ledger: ledgerStore, targets } = await openStores(this);
	const tripAfter = Number(this.getNodeParameter('tripBreakerAfter', 0, 0) ?? 0);
	// Parameters first, item by item; then every result written together (see LedgerStore.recordMany), then the
	// target's breaker updated with the recorded results in item order.
	type Request = RecordRequest & { result: PostingResult & { targetSystem: string }; outcome?: TargetOutcome };
	type Written = RecordOutcome & { breaker?: IDataObject };
	const outputs = await routeItemsInBatch<Request, Written>(
		this,
		2,
		({ itemIndex, correlationId }) => {
			const key = requiredString(this, 'idempotencyKey', itemIndex, 'Idempotency Key', read.key);
			const result = resultOf(this, read, itemIndex, requiredString(this, 'targetSystem', itemIndex, 'Target System', read.targetSystem));
			const override = read.recordWithoutClaim(itemIndex);
			const claimToken = override ? undefined : String(read.claimToken(itemIndex) ?? '').trim() || undefined;
			return { key, result, claimToken, correlationId, override, outcome: tripAfter > 0 ? targetOutcome(this, itemIndex, result) : undefined };
		},
		// A refused record (no token, or another claim's) fails naming the holder: an error item, never a success.
		async (requests) => {
			const written: Array<PromiseSettledResult<Written>> = await ledgerStore.recordMany(requests);
			if (tripAfter > 0) await updateBreakers(requests, written, tripAfter);
			return written;
		},
		({ key, result, outcome }, recorded) => {
			const ledger: IDataObject = {
				key,
				status: recorded.row?.status ?? (result.kind === 'posted' ? 'posted' : null),
				targetSystem: result.targetSystem,
				targetId: result.kind === 'posted' ? result.targetId : (recorded.row?.targetId ?? null),
				recorded: recorded.recorded,
				overridden: recorded.overridden,
			};
			if (result.kind === 'failed') ledger.error = result.error;
			if (outcome) {
				ledger.targetUnavailable = outcome.kind === 'unavailable';
				if (outcome.kind === 'unavailable') ledger.drainOwner = drainOwner(result.targetSystem);
				ledger.breaker = recorded.breaker ?? null;
			}
			const tripped = recorded.breaker?.tripped ? `; ${result.targetSystem} is not answering: its breaker is open, further items are parked for the drain` : '';
			return { output: result.kind === 'posted' ? 0 : 1, json: { ledger, reason: `${recorded.reason}${tripped}` } };
		},
	);
	await ledgerStore.flushAudit();
	return outputs;

	/** Each target's breaker updated once with its recorded results, in item order; each item learns the state. */
	async function updateBreakers(requests: Request[], written: Array<PromiseSettledResult<Written>>, threshold: number): Promise<void> {
		const byTarget = new Map<string, number[]>();
		requests.forEach((request, index) => {
			if (!request.outcome || written[index].status !== 'fulfilled') return;
			byTarget.set(request.result.targetSystem, [...(byTarget.get(request.result.targetSystem) ?? []), index]);
		});
		for (const [target, indexes] of byTarget) {
			const now = new Date();
			let trippedAt: number | undefined;
			const { before, after } = await targets.update(target, (state) => {
				const step = applyOutcomes(state, indexes.map((index) => requests[index].outcome!), threshold, now);
				trippedAt = step.trippedAt;
				return step.state;
			});
			if (before.state !== after.state) {
				await ledgerStore.appendAudit({
					correlationId: requests[indexes[0]].correlationId,
					action: `target.${after.state}`,
					target,
					before: { state: before.state, consecutiveFailures: before.consecutiveFailures },
					after: { state: after.state, consecutiveFailures: after.consecutiveFailures, lastError: after.lastError },
				});
			}
			indexes.forEach((index, position) => {
				const outcome = written[index] as PromiseFulfilledResult<Written>;
				outcome.value.breaker = { state: after.state, consecutiveFailures: after.consecutiveFailures, openedAt: after.openedAt, tripped: position === trippedAt };
			});
		}
	}
}

/**
 * What a result says about the target: a posting, or a failure with an error code the target gave, is an answer;
 * a failure code or message saying it did not answer is an outage; a failure with neither (never sent, e.g. not
 * renderable) says nothing about the target.
 */
function targetOutcome(context: IExecuteFunctions, itemIndex: number, result: PostingResult): TargetOutcome | undefined {
	if (result.kind === 'posted') return { kind: 'answered' };
	const code = String(context.getNodeParameter('failureCode', itemIndex, '') ?? '').trim();
	if (isTargetUnavailable(code, result.error)) return { kind: 'unavailable', error: result.error };
	return code ? { kind: 'answered' } : undefined;
}
