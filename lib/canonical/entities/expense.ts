import { z } from 'zod';

import { currencyCode, customFields, decimal, isoDate, money, nonEmpty, ref } from '../primitives';

export const expenseLine = z
	.object({
		lineId: nonEmpty,
		date: isoDate,
		category: ref.optional(),
		amount: money.describe('amount in the report currency'),
		originalAmount: money.optional().describe('amount in the currency it was spent in, when different'),
		exchangeRate: decimal
			.optional()
			.describe('report-currency units per one unit of originalAmount’s currency, exact: amount = originalAmount × exchangeRate, rounded half up to the minor unit'),
		taxAmount: money.optional().describe('the tax included in amount (report currency), kept as its own amount'),
		project: ref.optional(),
		task: ref.optional(),
		billable: z.boolean(),
		reimbursable: z.boolean().optional(),
		receipt: z.boolean().optional(),
		memo: z.string().optional(),
	})
	.strict();

export const expense = z
	.object({
		number: z.string().optional().describe('expense report number in the source system'),
		resource: ref.describe('who incurred the expenses'),
		date: isoDate.describe('report date'),
		approvalState: z.enum(['open', 'submitted', 'approved', 'rejected', 'paid', 'void']),
		status: z.string().optional().describe('the source system’s own status label'),
		currency: currencyCode,
		total: money.describe('equals the sum of the lines'),
		lines: z.array(expenseLine).min(1, 'must have at least one expense line'),
		memo: z.string().optional(),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('An expense report: what one worker spent, line by line, with project and billable flags.');
