import { z } from 'zod';

import { currencyCode, customFields, decimal, isoDate, money, nonEmpty, ref } from '../primitives';

export const invoiceLine = z
	.object({
		lineId: nonEmpty,
		item: ref.optional(),
		description: z.string().optional(),
		quantity: decimal.optional(),
		rate: money.optional().describe('unit price'),
		amount: money.describe('line amount before tax'),
		taxAmount: money.optional(),
		project: ref.optional(),
		revenueStartDate: isoDate.optional(),
		revenueEndDate: isoDate.optional(),
	})
	.strict();

export const invoice = z
	.object({
		number: z.string().optional().describe('invoice number in the source system'),
		customer: ref,
		project: ref.optional(),
		contract: ref.optional(),
		issueDate: isoDate,
		dueDate: isoDate.optional(),
		status: z.enum(['draft', 'pendingApproval', 'open', 'partiallyPaid', 'paid', 'void', 'rejected']),
		currency: currencyCode,
		lines: z.array(invoiceLine).min(1, 'must have at least one line'),
		subtotal: money.describe('sum of the line amounts'),
		discountTotal: money.optional(),
		taxTotal: money.optional(),
		shippingTotal: money.optional().describe('shipping and handling'),
		total: money.describe('subtotal + discountTotal + taxTotal + shippingTotal'),
		amountPaid: money.optional(),
		amountDue: money.optional(),
		payments: z
			.array(
				z
					.object({
						paymentId: z.string().optional(),
						date: isoDate,
						amount: money,
						reference: z.string().optional(),
					})
					.strict(),
			)
			.optional(),
		paymentTerms: z.string().optional(),
		purchaseOrder: z.string().optional(),
		memo: z.string().optional(),
		legalEntity: ref.optional(),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('A customer invoice with its lines, totals and payments.');
