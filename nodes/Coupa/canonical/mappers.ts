/**
 * Coupa ⇄ canonical: invoice → supplier invoice, purchase-order line → cost commitment, expense report →
 * expense. Coupa's dashed attribute names, money as exact decimal text in the record's currency.
 */
import type { CanonicalData, Problem, VendorMapper, VendorRecord } from '../../../lib/canonical';
import { compact, isPlainObject, lookupLabel, textOf } from '../../../lib/canonical';
import { formatAmount, isCurrencyCode, parseAmount } from '../../../lib/money';

import { COUPA, attr, coupaMoney, coupaRef, currencyOf, dateOf, decimalOf, moneyOut, objectAttr, projectCoding, projectCodingOut, sourceOf } from './common';

const ENVELOPE_FIELDS = ['id', 'created-at', 'updated-at', 'created-by', 'updated-by', 'custom-fields', 'correlationId'];

const INVOICE_STATUS: Record<string, string> = {
	new: 'draft',
	draft: 'draft',
	pendingapproval: 'pendingApproval',
	pendingreceipt: 'pendingApproval',
	onhold: 'pendingApproval',
	aphold: 'pendingApproval',
	bookinghold: 'pendingApproval',
	pendingaction: 'pendingApproval',
	processing: 'pendingApproval',
	approved: 'approved',
	disputed: 'disputed',
	rejected: 'rejected',
	abandoned: 'rejected',
	invalid: 'rejected',
	voided: 'voided',
	payableadjustment: 'approved',
};

/** The ERP document number written back on export (an invoice custom field; see the Coupa node's Mark Exported). */
export const ERP_NUMBER_FIELD = 'erp-document-number';

export const invoiceMapper: VendorMapper = {
	system: COUPA,
	object: 'invoice',
	aliases: ['invoices', 'invoice_header', 'InvoiceHeader'],
	entity: 'supplierInvoice',
	version: 1,
	knownFields: [
		...ENVELOPE_FIELDS,
		'invoice-number', 'invoice-date', 'status', 'currency', 'supplier', 'invoice-lines', 'gross-total', 'net-total-less-discount', 'total-with-taxes', 'tax-amount',
		'shipping-amount', 'handling-amount', 'misc-amount', 'payment-term', 'net-due-date', 'exported', 'last-exported-at', 'paid', 'comments', 'supplier-note',
		'line-count', 'amount-due', 'document-type', 'is-credit-note',
	],
	matches: (record) => attr(record, 'invoice-number') !== undefined && Array.isArray(attr(record, 'invoice-lines')),
	toCanonical(record) {
		const problems: Problem[] = [];
		const currency = currencyOf(attr(record, 'currency'));
		const lines = (Array.isArray(attr(record, 'invoice-lines')) ? attr(record, 'invoice-lines') : []) as VendorRecord[];
		const mappedLines = lines.map((line, index) => {
			const lineCurrency = currencyOf(attr(line, 'currency')) ?? currency;
			return compact({
				lineId: textOf(attr(line, 'line-num')) ?? textOf(line.id),
				description: attr(line, 'description') ?? undefined,
				quantity: decimalOf(attr(line, 'quantity')),
				unitPrice: coupaMoney(attr(line, 'price'), lineCurrency, `payload.invoice-lines[${index}].price`, problems),
				amount: coupaMoney(attr(line, 'total'), lineCurrency, `payload.invoice-lines[${index}].total`, problems),
				purchaseOrder: textOf(attr(line, 'po-number')),
				purchaseOrderLine: textOf(attr(line, 'order-line-num')),
				...projectCoding(line),
			});
		});
		const custom = objectAttr(record, 'custom-fields');
		const tax = coupaMoney(attr(record, 'tax-amount'), currency, 'payload.tax-amount', problems);
		const status = attr(record, 'paid') === true ? 'paid' : lookupLabel(INVOICE_STATUS as Record<string, string>, attr(record, 'status'));
		if (!status) problems.push({ path: 'payload.status', reason: `is not a Coupa invoice status this mapping knows (got ${JSON.stringify(attr(record, 'status'))})` });
		const data = compact({
			number: textOf(attr(record, 'invoice-number')),
			supplier: coupaRef(attr(record, 'supplier')),
			invoiceDate: dateOf(attr(record, 'invoice-date')),
			dueDate: dateOf(attr(record, 'net-due-date')),
			status,
			currency,
			lines: mappedLines,
			subtotal: subtotalOf(mappedLines, currency),
			taxTotal: tax && tax.amount !== '0' && !/^0(\.0+)?$/.test(tax.amount) ? tax : undefined,
			total: coupaMoney(attr(record, 'gross-total') ?? attr(record, 'total-with-taxes'), currency, 'payload.gross-total', problems),
			paymentTerms: textOf(attr(objectAttr(record, 'payment-term'), 'code')),
			exported: typeof attr(record, 'exported') === 'boolean' ? attr(record, 'exported') : undefined,
			erpDocumentNumber: textOf(attr(custom, ERP_NUMBER_FIELD)),
			memo: textOf(attr(record, 'comments')),
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data) {
		const problems: Problem[] = [];
		const supplierId = isPlainObject(data.supplier) ? textOf(data.supplier.id) : undefined;
		const lines = (Array.isArray(data.lines) ? data.lines : []) as CanonicalData[];
		const record = compact({
			'invoice-number': data.number,
			'invoice-date': data.invoiceDate,
			currency: typeof data.currency === 'string' ? { code: data.currency } : undefined,
			supplier: supplierId ? { id: Number.isNaN(Number(supplierId)) ? supplierId : Number(supplierId) } : undefined,
			'invoice-lines': lines.map((line, index) =>
				compact({
					'line-num': index + 1,
					description: line.description,
					quantity: line.quantity,
					price: moneyOut(line.unitPrice),
					total: moneyOut(line.amount),
					'po-number': line.purchaseOrder,
					'order-line-num': line.purchaseOrderLine,
					'custom-fields': projectCodingOut(line),
				}),
			),
			'tax-amount': moneyOut(data.taxTotal),
			comments: data.memo,
		});
		return { record, problems };
	},
};

/** Coupa's invoice has no net total: the subtotal is the lines' amounts summed in integer minor units. */
function subtotalOf(lines: Array<Record<string, unknown>>, currency: string | undefined): { amount: string; currency: string } | undefined {
	if (!currency || !isCurrencyCode(currency)) return undefined;
	let sum = 0n;
	for (const line of lines) {
		const amount = line.amount as { amount: string; currency: string } | undefined;
		if (!amount || amount.currency !== currency) return undefined;
		sum += parseAmount(amount.amount, currency);
	}
	return { amount: formatAmount(sum, currency), currency };
}

const LINE_STATUS: Record<string, string> = {
	draft: 'draft',
	created: 'draft',
	pendingapproval: 'pendingApproval',
	buyerhold: 'pendingApproval',
	supplierhold: 'pendingApproval',
	currencyhold: 'pendingApproval',
	issued: 'issued',
	received: 'issued',
	partiallyreceived: 'issued',
	softclosedforreceiving: 'issued',
	softclosedforinvoicing: 'closed',
	closed: 'closed',
	expensed: 'closed',
	cancelled: 'cancelled',
};

export const purchaseOrderLineMapper: VendorMapper = {
	system: COUPA,
	object: 'purchase_order_line',
	aliases: ['purchase_order_lines', 'order_line', 'OrderLine'],
	entity: 'costCommitment',
	version: 1,
	knownFields: [
		...ENVELOPE_FIELDS,
		'line-num', 'description', 'quantity', 'price', 'total', 'currency', 'status', 'order-header-id', 'order-header-number', 'need-by-date', 'supplier', 'account',
		'invoiced', 'total-invoiced', 'received', 'uom', 'commodity', 'order-header', 'source-part-num', 'type', 'version', 'match-type', 'receipt-required',
	],
	matches: (record) => attr(record, 'line-num') !== undefined && (attr(record, 'order-header-id') !== undefined || attr(record, 'order-header-number') !== undefined),
	toCanonical(record) {
		const problems: Problem[] = [];
		const currency = currencyOf(attr(record, 'currency'));
		const header = objectAttr(record, 'order-header');
		const coding = projectCoding(record);
		if (!coding.project) problems.push({ path: 'payload.account', reason: 'names no project: set the line custom field "project" or the account\'s segment-2' });
		const status = lookupLabel(LINE_STATUS as Record<string, string>, attr(header, 'status') ?? attr(record, 'status'));
		if (!status) problems.push({ path: 'payload.status', reason: `is not a Coupa order status this mapping knows (got ${JSON.stringify(attr(header, 'status') ?? attr(record, 'status'))})` });
		const data = compact({
			purchaseOrder: textOf(attr(record, 'order-header-number')) ?? textOf(attr(header, 'po-number')),
			lineNumber: textOf(attr(record, 'line-num')),
			supplier: coupaRef(attr(record, 'supplier') ?? attr(header, 'supplier')),
			...coding,
			description: textOf(attr(record, 'description')),
			status,
			orderDate: dateOf(attr(header, 'created-at')),
			needByDate: dateOf(attr(record, 'need-by-date')),
			currency,
			quantity: decimalOf(attr(record, 'quantity')),
			unitPrice: coupaMoney(attr(record, 'price'), currency, 'payload.price', problems),
			amount: coupaMoney(attr(record, 'total'), currency, 'payload.total', problems),
			invoicedAmount: coupaMoney(attr(record, 'total-invoiced') ?? attr(record, 'invoiced'), currency, 'payload.invoiced', problems),
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data) {
		const record = compact({
			'line-num': data.lineNumber,
			description: data.description,
			quantity: data.quantity,
			price: moneyOut(data.unitPrice),
			total: moneyOut(data.amount),
			currency: typeof data.currency === 'string' ? { code: data.currency } : undefined,
			'need-by-date': data.needByDate,
			'custom-fields': projectCodingOut(data),
		});
		return { record, problems: [] };
	},
};

const REPORT_STATUS: Record<string, string> = {
	draft: 'open',
	pendingapproval: 'submitted',
	pendingaudit: 'submitted',
	pendingreceipts: 'submitted',
	approvedforpayment: 'approved',
	approved: 'approved',
	processed: 'approved',
	paid: 'paid',
	rejected: 'rejected',
	sentback: 'rejected',
	void: 'void',
	voided: 'void',
};

export const expenseReportMapper: VendorMapper = {
	system: COUPA,
	object: 'expense_report',
	aliases: ['expense_reports', 'ExpenseReport'],
	entity: 'expense',
	version: 1,
	knownFields: [
		...ENVELOPE_FIELDS,
		'title', 'status', 'currency', 'total', 'expensed-by', 'expense-lines', 'submitted-at', 'start-date', 'end-date', 'exported', 'last-exported-at', 'paid',
		'erp-document-id', 'erp-document-status', 'reimbursable-total-amount', 'reimbursable-total-currency', 'external-src-name', 'external-src-ref',
	],
	matches: (record) => Array.isArray(attr(record, 'expense-lines')) && attr(record, 'expensed-by') !== undefined,
	toCanonical(record) {
		const problems: Problem[] = [];
		const currency = currencyOf(attr(record, 'currency'));
		const lines = (Array.isArray(attr(record, 'expense-lines')) ? attr(record, 'expense-lines') : []) as VendorRecord[];
		const approvalState = lookupLabel(REPORT_STATUS as Record<string, string>, attr(record, 'status'));
		if (!approvalState) problems.push({ path: 'payload.status', reason: `is not a Coupa expense report status this mapping knows (got ${JSON.stringify(attr(record, 'status'))})` });
		const data = compact({
			number: textOf(record.id),
			resource: coupaRef(attr(record, 'expensed-by'), ['fullname', 'login', 'email']),
			date: dateOf(attr(record, 'submitted-at')) ?? dateOf(attr(record, 'start-date')) ?? dateOf(attr(record, 'created-at')),
			approvalState,
			status: textOf(attr(record, 'status')),
			currency,
			total: coupaMoney(attr(record, 'total'), currency, 'payload.total', problems),
			lines: lines.map((line, index) => {
				const coding = projectCoding(line);
				const spentIn = currencyOf(attr(line, 'foreign-currency'));
				return compact({
					lineId: textOf(attr(line, 'line-number')) ?? textOf(line.id),
					date: dateOf(attr(line, 'expense-date')) ?? dateOf(attr(line, 'start-date')),
					category: coupaRef(attr(line, 'expense-category')),
					amount: coupaMoney(attr(line, 'amount'), currencyOf(attr(line, 'currency')) ?? currency, `payload.expense-lines[${index}].amount`, problems),
					originalAmount:
						spentIn && spentIn !== (currencyOf(attr(line, 'currency')) ?? currency)
							? coupaMoney(attr(line, 'foreign-currency-amount'), spentIn, `payload.expense-lines[${index}].foreign-currency-amount`, problems)
							: undefined,
					project: coding.project,
					task: coding.task,
					// A line charged to a project is project cost the PSA bills on; Coupa itself has no billable flag.
					billable: coding.project !== undefined,
					reimbursable: typeof attr(line, 'employee-reimbursable') === 'boolean' ? attr(line, 'employee-reimbursable') : undefined,
					memo: textOf(attr(line, 'description')) ?? textOf(attr(line, 'reason')),
				});
			}),
			memo: textOf(attr(record, 'title')),
		});
		return { data, source: sourceOf(record, problems), problems };
	},
	fromCanonical(data) {
		const lines = (Array.isArray(data.lines) ? data.lines : []) as CanonicalData[];
		const record = compact({
			title: data.memo ?? data.number,
			'expense-lines': lines.map((line) =>
				compact({
					'expense-date': line.date,
					amount: moneyOut(line.amount),
					currency: isPlainObject(line.amount) ? { code: line.amount.currency } : undefined,
					description: line.memo,
					'custom-fields': projectCodingOut(line),
				}),
			),
		});
		return { record, problems: [] };
	},
};

export const coupaMappers: VendorMapper[] = [invoiceMapper, purchaseOrderLineMapper, expenseReportMapper];
