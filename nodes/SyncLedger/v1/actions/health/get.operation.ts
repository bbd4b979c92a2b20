import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	approvedButUnpostedByAge,
	approvedToInvoicedLatency,
	getPath,
	openExceptionsByOwnerAndAge,
	postingSuccessRate,
	staleRecords,
} from '../../../../../lib/governance';
import type { TimeRecord } from '../../../../../lib/governance';
import { openLedger } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Approved At Field',
		name: 'approvedAtField',
		type: 'string',
		default: 'approvedAt',
		description: 'Field path of the approval time in the input items (PSA time entries); empty input items are fine',
	},
	{ displayName: 'Posted At Field', name: 'postedAtField', type: 'string', default: 'postedAt' },
	{ displayName: 'Invoiced At Field', name: 'invoicedAtField', type: 'string', default: 'invoicedAt' },
];

export const description = updateDisplayOptions({ show: { resource: ['health'], operation: ['get'] } }, properties);

/** One item per KPI, computed from the input time records and the ledger, exception and audit tables. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const ledgerStore = await openLedger(this);
	const fields = {
		approvedAt: this.getNodeParameter('approvedAtField', 0, 'approvedAt') as string,
		postedAt: this.getNodeParameter('postedAtField', 0, 'postedAt') as string,
		invoicedAt: this.getNodeParameter('invoicedAtField', 0, 'invoicedAt') as string,
	};
	const items = this.getInputData();
	const records: TimeRecord[] = items.map((item) => ({
		approvedAt: getPath(item.json, fields.approvedAt),
		postedAt: getPath(item.json, fields.postedAt),
		invoicedAt: getPath(item.json, fields.invoicedAt),
	}));
	const now = new Date();
	const { ledger, exceptions, audit } = await ledgerStore.snapshot();
	const kpis: IDataObject[] = [
		approvedToInvoicedLatency(records) as unknown as IDataObject,
		approvedButUnpostedByAge(records, now) as unknown as IDataObject,
		staleRecords(audit) as unknown as IDataObject,
		openExceptionsByOwnerAndAge(exceptions, now) as unknown as IDataObject,
		postingSuccessRate(ledger) as unknown as IDataObject,
	];
	const pairedItem = items.map((_, item) => ({ item }));
	return [kpis.map((json) => ({ json: { ...json, computedAt: now.toISOString() }, pairedItem }))];
}
