import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { BusinessDomain, ExceptionStatus } from '../../../../../lib/governance';
import { BUSINESS_OWNER_OPTIONS, openLedger } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'open',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Open', value: 'open' },
			{ name: 'Replayed', value: 'replayed' },
			{ name: 'Resolved', value: 'resolved' },
		],
	},
	{
		displayName: 'Business Owner',
		name: 'domain',
		type: 'options',
		default: 'all',
		options: [{ name: 'All', value: 'all' }, ...BUSINESS_OWNER_OPTIONS],
	},
	{
		displayName: 'Owner Name',
		name: 'ownerName',
		type: 'string',
		default: '',
		placeholder: 'Outage drain (netsuite)',
		description: 'Only exceptions of this owner (exact), e.g. the items parked for a target\'s drain; empty for every owner',
	},
	{
		displayName: 'Key Prefix',
		name: 'keyPrefix',
		type: 'string',
		default: '',
		placeholder: 'netsuite:project:, netsuite:time:',
		description: 'Only exceptions whose idempotency key starts with one of these (comma-separated), e.g. the flows a replay handles; the limit counts only these. Empty for every key.',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['exception'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const ledgerStore = await openLedger(this);
	const status = this.getNodeParameter('status', 0, 'open') as string;
	const domain = this.getNodeParameter('domain', 0, 'all') as string;
	const limit = this.getNodeParameter('limit', 0, 50) as number;
	const ownerName = String(this.getNodeParameter('ownerName', 0, '') ?? '').trim();
	const keyPrefixes = String(this.getNodeParameter('keyPrefix', 0, '') ?? '')
		.split(',')
		.map((prefix) => prefix.trim())
		.filter(Boolean);
	const filter = { status: status === 'all' ? undefined : (status as ExceptionStatus), domain: domain === 'all' ? undefined : (domain as BusinessDomain) };
	const wanted = (record: { owner: string; key: string }) =>
		(!ownerName || record.owner === ownerName) && (keyPrefixes.length === 0 || keyPrefixes.some((prefix) => String(record.key ?? '').startsWith(prefix)));
	// In the order raised (row id), so a drain replays parked items in their original order.
	const records = ownerName || keyPrefixes.length ? (await ledgerStore.listExceptions(filter)).filter(wanted).slice(0, limit) : await ledgerStore.listExceptions(filter, limit);
	return [records.map((record) => ({ json: record as unknown as IDataObject, pairedItem: { item: 0 } }))];
}
