import { z } from 'zod';

import { currencyCode, customFields, decimal, isoDate, money, nonEmpty, ref } from '../primitives';

export const supplierInvoiceLine = z
	.object({
		lineId: nonEmpty,
		description: z.string().optional(),
		quantity: decimal.optional(),
		unitPrice: money.optional(),
		amount: money.describe('line amount before tax'),
		purchaseOrder: z.string().optional().describe('the purchase order number the line is billed against'),
		purchaseOrderLine: z.string().optional().describe('the line number on that purchase order'),
		project: ref.optional(),
		task: ref.optional(),
		expenditureType: z.string().optional(),
	})
	.strict();

export const supplierInvoice = z
	.object({
		number: nonEmpty.describe('the invoice number the supplier gave'),
		supplier: ref,
		invoiceDate: isoDate,
		dueDate: isoDate.optional(),
		status: z.enum(['draft', 'pendingApproval', 'approved', 'disputed', 'rejected', 'voided', 'paid']),
		currency: currencyCode,
		lines: z.array(supplierInvoiceLine).min(1, 'must have at least one line'),
		subtotal: money.describe('sum of the line amounts'),
		taxTotal: money.optional(),
		total: money.describe('subtotal + taxTotal and any charges'),
		paymentTerms: z.string().optional(),
		exported: z.boolean().optional().describe('whether the source system marks it as sent to the ERP'),
		erpDocumentNumber: z.string().optional().describe('the ERP document (vendor bill) it was posted as'),
		memo: z.string().optional(),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('An invoice a supplier (subcontractor) sent, as payables and project cost: lines with their project, task and purchase order.');
