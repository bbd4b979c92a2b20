import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { applyProbe, isTargetUnavailable } from '../../../../../lib/governance';
import { correlationIdOf } from '../../../../shared/kit';
import { openStores, requiredString } from '../common';
import { failureCodeProperty, targetSystemProperty } from './common';

const properties: INodeProperties[] = [
	targetSystemProperty,
	{
		displayName: 'Error Message',
		name: 'errorMessage',
		type: 'string',
		default: '={{ $json.error ?? "" }}',
		description: 'Empty when the probe succeeded (set "On Error" of the probe node to continue, so a failed probe arrives here as an item)',
	},
	failureCodeProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['target'], operation: ['recordProbe'] } }, properties);

/**
 * The probe's items (usually one) decide: any answer from the target (success, or an error the target itself gave,
 * such as a 404) closes its breaker and sends every item to Up; no answer keeps the breaker as it was and sends them
 * to Down. Each change is audited.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { ledger, targets } = await openStores(this);
	const target = requiredString(this, 'targetSystem', 0, 'Target System');
	const items = this.getInputData();
	let answered = false;
	let lastError = '';
	items.forEach((_, itemIndex) => {
		const error = String(this.getNodeParameter('errorMessage', itemIndex, '') ?? '').trim();
		const code = this.getNodeParameter('failureCode', itemIndex, '') as unknown;
		if (!error || !isTargetUnavailable(code, error)) answered = true;
		else lastError = error;
	});
	const now = new Date();
	const { before, after } = await targets.update(target, (state) => applyProbe(state, answered, lastError, now));
	if (before.state !== after.state) {
		await ledger.appendAudit({ correlationId: correlationIdOf(items[0]), action: `target.${after.state}`, target, before: { state: before.state, consecutiveFailures: before.consecutiveFailures }, after: { state: after.state, by: 'probe' } });
	}
	await ledger.flushAudit();
	const summary: IDataObject = { system: target, state: after.state, consecutiveFailures: after.consecutiveFailures, openedAt: after.openedAt, lastError: after.lastError, wasOpen: before.state === 'open' };
	const reason = answered ? `${target} answered the probe: breaker closed` : `${target} did not answer the probe (${lastError}): breaker ${after.state}`;
	const out = items.map((item, index) => ({ json: { ...item.json, target: summary, reason }, pairedItem: { item: index } }));
	return answered ? [out, []] : [[], out];
}
