import { z } from 'zod';

import { currencyCode, customFields, decimal, isoDate, money, nonEmpty, ref } from '../primitives';

/**
 * A committed cost: one purchase-order line bought from a supplier (a subcontractor's statement of work or
 * hours) against a project, before it is invoiced. PSAs count it in the project's committed cost; ERPs in
 * encumbrances.
 */
export const costCommitment = z
	.object({
		purchaseOrder: nonEmpty.describe('purchase order number in the source system'),
		lineNumber: nonEmpty.describe('line number on the purchase order'),
		supplier: ref.describe('the supplier (subcontractor) the cost is committed to'),
		project: ref.describe('the project the cost is for'),
		task: ref.optional().describe('the project task (WBS element) the cost is for'),
		expenditureType: z.string().optional().describe('the kind of cost, e.g. Subcontractor Labor'),
		description: z.string().optional(),
		status: z.enum(['draft', 'pendingApproval', 'issued', 'closed', 'cancelled']),
		orderDate: isoDate.optional(),
		needByDate: isoDate.optional(),
		currency: currencyCode,
		quantity: decimal.optional(),
		unitPrice: money.optional(),
		amount: money.describe('the committed amount of the line'),
		invoicedAmount: money.optional().describe('how much of it suppliers have invoiced so far'),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('A purchase-order line committing cost to a supplier against a project (subcontractor spend).');
