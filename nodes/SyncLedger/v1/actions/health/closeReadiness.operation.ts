import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { closeReadiness, getPath } from '../../../../../lib/governance';
import type { CloseTimeEntry } from '../../../../../lib/governance';
import { openStores } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Period',
		name: 'period',
		type: 'string',
		default: "={{ $now.minus({ months: 1 }).toFormat('yyyy-MM') }}",
		required: true,
		placeholder: '2026-01',
		description: 'The month to close, written YYYY-MM',
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '={{ $json.idempotencyKey ?? "" }}',
		description:
			"Each approved PSA time entry's key in the ledger, as the posting flow builds it (e.g. 'netsuite:time:' + the PSA system + ':' + its ID). Input items are the approved entries (canonical); an item without a key is not one.",
	},
	{ displayName: 'Date Field', name: 'dateField', type: 'string', default: 'timeEntry.date', description: 'Field path of the day the work was done' },
	{ displayName: 'Hours Field', name: 'hoursField', type: 'string', default: 'timeEntry.hours', description: 'Field path of the hours (an exact decimal)' },
	{ displayName: 'Cost Rate Field', name: 'costRateField', type: 'string', default: 'timeEntry.costRate', description: 'Field path of the cost rate (canonical rate: amount, currency, unit); empty to leave cost out' },
	{ displayName: 'Reference Field', name: 'referenceField', type: 'string', default: 'envelope.source.id', description: 'Field path of the entry\'s ID, named in its blocker' },
	{
		displayName: 'Worker Data Stale After (Days)',
		name: 'staleWorkerDays',
		type: 'number',
		default: 7,
		typeOptions: { minValue: 0 },
		description: 'A worker sync older than this (the newest posted ledger key with the worker-sync prefix) blocks the close',
	},
	{ displayName: 'Worker Sync Key Prefix', name: 'workerSyncPrefix', type: 'string', default: 'worker-sync:', description: 'Ledger keys the worker sync claims: its changes and, in the worker sync template, one key per run (so a run that changed nothing still counts)' },
	{
		displayName: 'Reconciliation Key Prefix',
		name: 'reconciliationPrefix',
		type: 'string',
		default: 'reconcile:',
		description: 'Open exceptions whose key starts with this are reconciliation differences (as the reconciliation templates park them)',
	},
	{
		displayName: 'Revenue Journal Key Contains',
		name: 'journalPattern',
		type: 'string',
		default: ':journal:, :revenue:',
		description:
			"Ledger keys of revenue journals contain one of these (comma-separated) and the period (e.g. 'netsuite:journal:REV-…-2026-01' from Revenue Schedule, 'netsuite:revenue:REV-…-2026-01' from revenue schedule → ERP); one not posted blocks the close",
	},
];

export const description = updateDisplayOptions({ show: { resource: ['health'], operation: ['closeReadiness'] } }, properties);

/** Blockers (one item each) to the first output, the summary for a finance lead to the second. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { ledger } = await openStores(this);
	const items = this.getInputData();
	const field = (name: string, fallback: string) => String(this.getNodeParameter(name, 0, fallback) ?? '').trim();
	const fields = { date: field('dateField', 'timeEntry.date'), hours: field('hoursField', 'timeEntry.hours'), costRate: field('costRateField', 'timeEntry.costRate'), reference: field('referenceField', 'envelope.source.id') };
	const time: CloseTimeEntry[] = [];
	items.forEach((item, itemIndex) => {
		const key = String(this.getNodeParameter('idempotencyKey', itemIndex, '') ?? '').trim();
		if (!key) return;
		const hours = getPath(item.json, fields.hours);
		const date = getPath(item.json, fields.date);
		if (typeof date !== 'string' || (typeof hours !== 'string' && typeof hours !== 'number')) {
			throw new NodeOperationError(this.getNode(), `Time entry ${key} has no ${typeof date !== 'string' ? `date (field ${fields.date})` : `hours (field ${fields.hours})`}`, { itemIndex });
		}
		const costRate = fields.costRate ? (getPath(item.json, fields.costRate) as CloseTimeEntry['costRate']) : undefined;
		time.push({ key, date, hours: String(hours), reference: String(getPath(item.json, fields.reference) ?? key), costRate: costRate && costRate.amount && costRate.currency ? costRate : undefined });
	});
	const snapshot = await ledger.snapshot();
	let result: ReturnType<typeof closeReadiness>;
	try {
		result = closeReadiness(time, snapshot.ledger, snapshot.exceptions, {
			period: field('period', ''),
			now: new Date(),
			staleWorkerDays: this.getNodeParameter('staleWorkerDays', 0, 7) as number,
			workerSyncPrefix: field('workerSyncPrefix', 'worker-sync:'),
			reconciliationPrefix: field('reconciliationPrefix', 'reconcile:'),
			journalPattern: field('journalPattern', ':journal:, :revenue:'),
		});
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error);
	}
	const pairedItem = items.map((_, item) => ({ item }));
	return [
		result.blockers.map((blocker) => ({ json: blocker as IDataObject, pairedItem })),
		[{ json: result.summary as unknown as IDataObject, pairedItem }],
	];
}
