/**
 * The Coupa node in n8n-core against the Coupa sandbox: the token taken once and cached, offset paging at 50,
 * filters whose values stay values, exact canonical output (supplier invoices, a purchase order as cost
 * commitments, expense reports), Mark Exported with the ERP number, creates and Coupa's errors kept.
 */
import type { IDataObject } from 'n8n-workflow';

import { resetRateLimits } from '../../nodes/shared/kit/rateLimiter';
import { coupaNode, useCoupaSandbox, workflow } from './helpers';

const suite = useCoupaSandbox();

const invoiceId = (number: string) => suite.sandbox.store.all('invoices').find((invoice) => invoice['invoice-number'] === number)!.id as number;
const apiRequests = () => suite.sandbox.requests.filter((r) => r.path.startsWith('/api/'));

describe('Coupa node against the sandbox', () => {
	it('reads approved, not yet exported invoices with one token, JSON asked for, filters as attribute[operator]', async () => {
		const node = coupaNode({ resource: 'invoice', operation: 'getMany', returnAll: true, filters: { status: 'approved', exported: 'false' } });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(result.output('Coupa').map((r) => r['invoice-number'])).toEqual(['NWD-1001', 'NWD-1002', 'BCP-2001']);
		expect(suite.sandbox.tokenRequests).toBe(1);
		const [request] = apiRequests();
		expect(request.headers.accept).toContain('application/json');
		const query = new URLSearchParams(request.query);
		expect(query.get('status')).toBe('approved');
		expect(query.get('exported')).toBe('false');
		expect(query.get('limit')).toBe('50');
		expect(query.get('offset')).toBe('0');
	});

	it('walks offset pages of 50 until a short page (120 suppliers: 3 requests)', async () => {
		for (let i = 0; i < 118; i++) suite.sandbox.store.insert('suppliers', { name: `Supplier ${String(i).padStart(3, '0')}`, number: `SUP-9${i}`, status: 'active' });
		const node = coupaNode({ resource: 'supplier', operation: 'getMany', returnAll: true, readOptions: { fields: '["id","name"]' } });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(result.output('Coupa')).toHaveLength(120);
		expect(Object.keys(result.output('Coupa')[0]).sort()).toEqual(['correlationId', 'id', 'name']);
		const offsets = apiRequests().map((r) => new URLSearchParams(r.query).get('offset'));
		expect(offsets).toEqual(['0', '50', '100']);
	});

	it('a condition value carrying another filter stays one value (no record matches it)', async () => {
		const node = coupaNode({ resource: 'invoice', operation: 'getMany', returnAll: true, conditions: { condition: [{ attribute: 'invoice-number', operator: 'eq', value: 'NWD-1001&status=pending_approval' }] } });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(result.output('Coupa')).toEqual([]);
		const query = new URLSearchParams(apiRequests()[0].query);
		expect(query.get('invoice-number')).toBe('NWD-1001&status=pending_approval');
		expect(query.get('status')).toBeNull();
	});

	it('refuses an attribute name that is not one, naming the field, before any request', async () => {
		const node = coupaNode({ resource: 'invoice', operation: 'getMany', conditions: { condition: [{ attribute: 'status]&exported', operator: 'eq', value: 'x' }] } }, { continueOnFail: true });
		const result = await suite.run(workflow([{}], node));
		expect(result.output('Coupa')[0]).toMatchObject({ code: 'INVALID_INPUT', fields: ['conditions'] });
		expect(apiRequests()).toHaveLength(0);
	});

	it('reads an approved invoice as an exact canonical supplier invoice with its project coding', async () => {
		const node = coupaNode({ resource: 'invoice', operation: 'get', recordId: { __rl: true, mode: 'id', value: String(invoiceId('NWD-1002')) }, output: 'canonical' });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		const invoice = result.output('Coupa')[0].supplierInvoice as IDataObject;
		expect(invoice).toMatchObject({
			number: 'NWD-1002',
			status: 'approved',
			currency: 'USD',
			invoiceDate: '2026-04-30',
			subtotal: { amount: '5475.00', currency: 'USD' },
			total: { amount: '5475.00', currency: 'USD' },
			supplier: { name: 'Northwind Data Engineering LLC' },
			exported: false,
		});
		expect((invoice.lines as IDataObject[])[0]).toMatchObject({ quantity: '36.5', unitPrice: { amount: '150.00' }, amount: { amount: '5475.00' }, project: { id: 'SF-006A000101' }, task: { id: 'SF-006A000101-T2' }, expenditureType: 'Subcontractor Labor', purchaseOrder: 'PO-SUB-0001' });
	});

	it('reads a purchase order as one cost commitment per line', async () => {
		const order = suite.sandbox.store.all('purchase_orders').find((o) => o['po-number'] === 'PO-SUB-0002')!;
		const node = coupaNode({ resource: 'purchaseOrder', operation: 'get', recordId: { __rl: true, mode: 'url', value: `${suite.baseUrl}/purchase_orders/${order.id}` }, output: 'canonical' });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		const [commitment] = result.output('Coupa');
		expect(commitment.costCommitment).toMatchObject({ purchaseOrder: 'PO-SUB-0002', lineNumber: '1', status: 'issued', currency: 'GBP', amount: { amount: '7640.00', currency: 'GBP' }, invoicedAmount: { amount: '3820.00' }, project: { id: 'SF-006A000102' } });
	});

	it('reads expense reports as canonical expenses', async () => {
		const node = coupaNode({ resource: 'expenseReport', operation: 'getMany', returnAll: true, output: 'canonical' });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		const expense = result.output('Coupa')[0].expense as IDataObject;
		expect(expense).toMatchObject({ approvalState: 'approved', currency: 'USD', total: { amount: '470.55', currency: 'USD' } });
		expect((expense.lines as IDataObject[]).map((line) => (line.amount as IDataObject).amount)).toEqual(['412.35', '58.20']);
	});

	it('marks an invoice exported with the ERP number in its custom field', async () => {
		const id = invoiceId('BCP-2001');
		const node = coupaNode({ resource: 'invoice', operation: 'markExported', recordId: { __rl: true, mode: 'id', value: String(id) }, erpDocumentNumber: 'VB-000123' });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		const stored = suite.sandbox.store.find('invoices', id)!;
		expect(stored.exported).toBe(true);
		expect(stored['custom-fields']).toEqual({ 'erp-document-number': 'VB-000123' });
		expect(stored['last-exported-at']).toEqual(expect.any(String));
		const put = apiRequests().find((r) => r.method === 'PUT')!;
		expect(put.path).toBe(`/api/invoices/${id}`);
		expect(result.output('Coupa')[0]).toMatchObject({ id, exported: true });
	});

	it('marks an expense report exported with its own erp-document-id', async () => {
		const report = suite.sandbox.store.all('expense_reports')[0];
		const node = coupaNode({ resource: 'expenseReport', operation: 'markExported', recordId: { __rl: true, mode: 'id', value: String(report.id) }, erpDocumentNumber: 'EXP-77' });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(suite.sandbox.store.find('expense_reports', report.id)).toMatchObject({ exported: true, 'erp-document-id': 'EXP-77' });
	});

	it('creates a purchase order with exact line totals; a duplicate number keeps Coupa\'s error and field', async () => {
		const supplier = suite.sandbox.store.all('suppliers')[0];
		const body = { 'po-number': 'PO-SUB-0003', supplier: { id: supplier.id }, currency: { code: 'USD' }, 'order-lines': [{ description: 'QA engineering (hours)', quantity: '12.5', price: '150.10' }] };
		const first = await suite.run(workflow([{}], coupaNode({ resource: 'purchaseOrder', operation: 'create', jsonBody: JSON.stringify(body) }, { continueOnFail: true })));
		expect(first.output('Coupa')[0]).toMatchObject({ 'po-number': 'PO-SUB-0003', status: 'draft', 'order-lines': [expect.objectContaining({ total: '1876.25' })] });
		const second = await suite.run(workflow([{}], coupaNode({ resource: 'purchaseOrder', operation: 'create', jsonBody: JSON.stringify({ ...body, 'po-number': 'PO-SUB-0001' }) }, { continueOnFail: true })));
		expect(second.output('Coupa')[0]).toMatchObject({ code: 'invalid_record', fields: ['po-number'] });
		expect(String(second.output('Coupa')[0].error)).toContain('has already been taken');
	});

	it('reads the lines of an invoice', async () => {
		const id = invoiceId('NWD-1001');
		const node = coupaNode({ resource: 'invoiceLine', operation: 'getMany', invoiceId: String(id), returnAll: true });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(result.output('Coupa')).toEqual([expect.objectContaining({ 'invoice-id': id, 'invoice-number': 'NWD-1001', total: '9600.00', 'po-number': 'PO-SUB-0001' })]);
	});

	it('holds the instance to 25 requests per second with a burst of 20: 60 reads, none refused', async () => {
		resetRateLimits();
		const id = String(invoiceId('NWD-1001'));
		const node = coupaNode({ resource: 'invoice', operation: 'get', recordId: { __rl: true, mode: 'id', value: id }, readOptions: { returnObject: 'limited' } });
		const started = Date.now();
		const result = await suite.run(workflow(Array.from({ length: 60 }, () => ({})), node));
		expect(result.error).toBeUndefined();
		expect(result.output('Coupa')).toHaveLength(60);
		expect(suite.sandbox.throttled).toBe(0);
		// 19 at once (one of Coupa's 20 kept back), the rest one per 40 ms.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
	});

	it('resends a request Coupa refused with 429 (not processed), POST included', async () => {
		suite.sandbox.addFault({ kind: 'status', status: 429, path: '^/api/exchange_rates$', method: 'POST', body: { errors: { base: ['Rate limit exceeded'] } } });
		const node = coupaNode({ resource: 'exchangeRate', operation: 'create', jsonBody: JSON.stringify({ 'from-currency': { code: 'EUR' }, 'to-currency': { code: 'USD' }, rate: '1.080000', 'rate-date': '2026-04-30' }) });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(suite.sandbox.requests.filter((r) => r.path === '/api/exchange_rates').map((r) => r.status)).toEqual([429, 201]);
		expect(suite.sandbox.store.all('exchange_rates')).toHaveLength(3);
	});

	it('does not resend a create whose answer was lost', async () => {
		suite.sandbox.addFault({ kind: 'lostResponse', path: '^/api/exchange_rates$', method: 'POST' });
		const node = coupaNode({ resource: 'exchangeRate', operation: 'create', jsonBody: JSON.stringify({ 'from-currency': { code: 'EUR' }, 'to-currency': { code: 'USD' }, rate: '1.080000' }) }, { continueOnFail: true });
		const result = await suite.run(workflow([{}], node));
		expect(result.output('Coupa')[0].error).toEqual(expect.any(String));
		expect(suite.sandbox.requests.filter((r) => r.path === '/api/exchange_rates')).toHaveLength(1);
		expect(suite.sandbox.store.all('exchange_rates')).toHaveLength(3);
	});
});
