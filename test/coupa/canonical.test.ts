/**
 * Coupa ⇄ canonical, pure: exact money from Coupa's decimal text (an amount finer than the currency is a problem
 * naming the field, never rounded), the project coding read from line custom fields before account segments, a
 * purchase-order line without a project flagged, and the written-back ERP number kept out of the idempotency key.
 */
import type { IDataObject } from 'n8n-workflow';

import { fromCanonical, toCanonical } from '../../nodes/Coupa/canonical';

const options = { environment: 'sandbox' as const, correlationId: 'c-1' };

const invoice = (overrides: IDataObject = {}, line: IDataObject = {}): IDataObject => ({
	id: 7,
	'invoice-number': 'NWD-9',
	'invoice-date': '2026-03-31T00:00:00-07:00',
	status: 'approved',
	currency: { id: 1, code: 'USD' },
	supplier: { id: 3, name: 'Northwind Data Engineering LLC', number: 'SUP-3001' },
	'gross-total': '150.10',
	'tax-amount': '0.00',
	exported: false,
	'updated-at': '2026-04-01T10:00:00Z',
	'custom-fields': {},
	'invoice-lines': [{ id: 70, 'line-num': 1, description: 'Hours', quantity: '1', price: '150.10', total: '150.10', account: { 'segment-2': 'P-1', 'segment-3': 'T-1', 'segment-4': 'Subcontractor Labor' }, 'custom-fields': {}, ...line }],
	...overrides,
});

describe('Coupa canonical mappings', () => {
	it('reads an invoice exactly, with its coding from account segments', () => {
		const result = toCanonical('invoice', invoice(), options);
		expect(result.ok).toBe(true);
		const data = (result.value as IDataObject).supplierInvoice as IDataObject;
		expect(data).toMatchObject({ number: 'NWD-9', invoiceDate: '2026-03-31', status: 'approved', subtotal: { amount: '150.10', currency: 'USD' }, total: { amount: '150.10', currency: 'USD' } });
		expect((data.lines as IDataObject[])[0]).toMatchObject({ project: { id: 'P-1' }, task: { id: 'T-1' }, expenditureType: 'Subcontractor Labor' });
	});

	it('prefers the line custom fields over the account segments', () => {
		const result = toCanonical('invoice', invoice({}, { 'custom-fields': { project: 'P-2', 'project-task': 'T-9' } }), options);
		expect(((result.value as IDataObject).supplierInvoice as IDataObject).lines).toEqual([expect.objectContaining({ project: { id: 'P-2' }, task: { id: 'T-9' }, expenditureType: 'Subcontractor Labor' })]);
	});

	it('an amount finer than the currency is a problem naming the field, never rounded', () => {
		const result = toCanonical('invoice', invoice({ 'gross-total': '150.105' }, { total: '150.105' }), options);
		expect(result.ok).toBe(false);
		expect(result.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['payload.invoice-lines[0].total', 'payload.gross-total']));
	});

	it('a JSON number is read as its decimal text, not through arithmetic', () => {
		const result = toCanonical('invoice', invoice({ 'gross-total': 0.3 }, { price: 0.3, total: 0.3 }), options);
		expect(((result.value as IDataObject).supplierInvoice as IDataObject).total).toEqual({ amount: '0.30', currency: 'USD' });
	});

	it('the ERP number written back does not change the idempotency key', () => {
		const before = toCanonical('invoice', invoice(), options);
		const after = toCanonical('invoice', invoice({ exported: true, 'custom-fields': { 'erp-document-number': 'VB-1' } }), options);
		expect(((after.value as IDataObject).supplierInvoice as IDataObject).erpDocumentNumber).toBe('VB-1');
		expect(((after.value as IDataObject).envelope as IDataObject).idempotencyKey).toBe(((before.value as IDataObject).envelope as IDataObject).idempotencyKey);
	});

	it('a purchase-order line without a project is flagged, not dropped', () => {
		const result = toCanonical('purchase_order_line', { id: 5, 'line-num': '1', 'order-header-id': 2, 'order-header-number': 'PO-1', status: 'issued', currency: { code: 'GBP' }, total: '10.00', supplier: { id: 3, name: 'S' }, account: {} }, options);
		expect(result.ok).toBe(false);
		expect(result.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'payload.account' })]));
	});

	it('writes a canonical supplier invoice back in Coupa\'s dashed shape with the coding in custom fields', () => {
		const canonical = toCanonical('invoice', invoice(), options).value;
		const rendered = fromCanonical('invoice', canonical);
		expect(rendered.ok).toBe(true);
		expect((rendered.value as unknown as IDataObject).record).toMatchObject({ 'invoice-number': 'NWD-9', currency: { code: 'USD' }, 'invoice-lines': [expect.objectContaining({ total: '150.10', 'custom-fields': { project: 'P-1', 'project-task': 'T-1', 'expenditure-type': 'Subcontractor Labor' } })] });
	});
});
