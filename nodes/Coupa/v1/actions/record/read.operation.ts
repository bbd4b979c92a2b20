/** Get, Get Many (and the lines of an invoice), with Output Raw or Canonical. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { toCanonical } from '../../../canonical';
import { apiRequest, listAll, recordsOf } from '../../../transport';
import type { OperationContext } from './context';
import { coupaId, listQuery, recordIdOf, shapeQuery } from './context';

/** A purchase order in Canonical output is its lines, each carrying the order's number, supplier, currency and status. */
export function purchaseOrderLines(order: IDataObject): IDataObject[] {
	const lines = Array.isArray(order['order-lines']) ? (order['order-lines'] as IDataObject[]) : [];
	const header: IDataObject = { id: order.id, 'po-number': order['po-number'], status: order.status, 'created-at': order['created-at'], supplier: order.supplier };
	return lines.map((line) => ({
		...line,
		'order-header-id': line['order-header-id'] ?? order.id,
		'order-header-number': line['order-header-number'] ?? order['po-number'],
		supplier: line.supplier ?? order.supplier,
		currency: line.currency ?? order.currency,
		'order-header': header,
	}));
}

function canonicalTarget(op: OperationContext) {
	return { system: 'coupa', object: op.resource.canonicalObject ?? op.resource.singular, toCanonical };
}

export async function get(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(op), async ({ itemIndex, correlationId }, output) => {
		const id = recordIdOf(this, itemIndex);
		const response = await apiRequest(this, op.connection, { method: 'GET', path: `/${op.resource.path}/${id}`, qs: shapeQuery(this, itemIndex), correlationId, itemIndex });
		const [record] = recordsOf(response.body);
		if (!record) throw new Error(`Coupa returned no ${op.resource.singular} ${id}`);
		if (output.mode === 'canonical' && op.resourceName === 'purchaseOrder') return purchaseOrderLines(record);
		return record;
	});
}

export async function getMany(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(op), async ({ itemIndex, correlationId }, output) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		if (op.resourceName === 'invoiceLine') {
			const invoiceId = coupaId(this.getNodeParameter('invoiceId', itemIndex, ''), 'invoiceId');
			const response = await apiRequest(this, op.connection, { method: 'GET', path: `/invoices/${invoiceId}`, qs: { fields: JSON.stringify(['id', 'invoice-number', { 'invoice-lines': [] }]) }, correlationId, itemIndex });
			const [invoice] = recordsOf(response.body);
			const lines = Array.isArray(invoice?.['invoice-lines']) ? (invoice['invoice-lines'] as IDataObject[]) : [];
			return lines.slice(0, limit).map((line) => ({ ...line, 'invoice-id': invoice.id, 'invoice-number': invoice['invoice-number'] }));
		}
		const records = await listAll(this, op.connection, `/${op.resource.path}`, listQuery(this, itemIndex), { limit, correlationId, itemIndex });
		if (output.mode === 'canonical' && op.resourceName === 'purchaseOrder') return records.flatMap(purchaseOrderLines);
		return records;
	});
}
