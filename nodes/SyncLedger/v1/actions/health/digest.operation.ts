import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getPath, healthDigest } from '../../../../../lib/governance';
import type { DigestTimeRecord } from '../../../../../lib/governance';
import { saveKpis } from '../../../store/kpiStore';
import { openStores } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '={{ $json.idempotencyKey ?? "" }}',
		description:
			"Each approved PSA time entry's key in the ledger, as the posting flow builds it (e.g. 'netsuite:time:' + the PSA system + ':' + its ID): posted is what the ledger says. Input items are the approved entries; none is fine.",
	},
	{
		displayName: 'Approved At Field',
		name: 'approvedAtField',
		type: 'string',
		default: 'envelope.source.modifiedAt',
		description: 'Field path of the approval time in the input items (a canonical record\'s last change, or your PSA\'s approval date)',
	},
	{ displayName: 'Invoiced At Field', name: 'invoicedAtField', type: 'string', default: 'invoicedAt', description: 'Field path of the invoice time, where the input items carry one' },
	{
		displayName: 'Save to Data Table',
		name: 'saveKpis',
		type: 'boolean',
		default: true,
		description: 'Whether to add one row per KPI to the Data Table &lt;prefix&gt;kpis (created on first use)',
	},
	{ displayName: 'Title', name: 'title', type: 'string', default: 'Planning-to-cash health', description: 'First line of the message' },
];

export const description = updateDisplayOptions({ show: { resource: ['health'], operation: ['digest'] } }, properties);

/**
 * One message item: the KPIs as text lines (`text`, `lines`) and as data (`kpis`), after saving one row per KPI to
 * the KPI Data Table.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { ledger, targets, rows, prefix } = await openStores(this);
	const items = this.getInputData();
	const approvedAt = this.getNodeParameter('approvedAtField', 0, 'envelope.source.modifiedAt') as string;
	const invoicedAt = this.getNodeParameter('invoicedAtField', 0, 'invoicedAt') as string;
	const records: DigestTimeRecord[] = [];
	items.forEach((item, itemIndex) => {
		const key = String(this.getNodeParameter('idempotencyKey', itemIndex, '') ?? '').trim();
		// An item without a key is not an approved entry (e.g. the empty item of a schedule with nothing approved).
		if (key) records.push({ key, approvedAt: getPath(item.json, approvedAt), invoicedAt: getPath(item.json, invoicedAt) });
	});
	const now = new Date();
	const snapshot = await ledger.snapshot();
	const kpis = healthDigest(records, snapshot.ledger, snapshot.exceptions, await targets.all(), now);
	const run = { at: now, workflowId: String(this.getWorkflow().id ?? ''), executionId: String(this.getExecutionId() ?? '') };
	const saved = (this.getNodeParameter('saveKpis', 0, true) as boolean) ? await saveKpis(rows, prefix, kpis, run) : [];
	const title = String(this.getNodeParameter('title', 0, 'Planning-to-cash health') ?? '');
	const lines = [`${title}, ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`, ...kpis.map((kpi) => kpi.line)];
	const json: IDataObject = {
		text: lines.join('\n'),
		lines,
		kpis: Object.fromEntries(kpis.map(({ kpi, value, unit, detail }) => [kpi, { value, unit, ...detail }])) as IDataObject,
		savedRows: saved.length,
		computedAt: now.toISOString(),
	};
	return [[{ json, pairedItem: items.map((_, item) => ({ item })) }]];
}
