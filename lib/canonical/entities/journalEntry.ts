import { z } from 'zod';

import { currencyCode, customFields, isoDate, money, nonEmpty, ref } from '../primitives';

export const journalLine = z
	.object({
		lineId: nonEmpty,
		account: ref,
		debit: money.optional(),
		credit: money.optional(),
		memo: z.string().optional(),
		costCenter: ref.optional(),
		class: ref.optional(),
		location: ref.optional(),
		project: ref.optional(),
		entity: ref.optional().describe('customer, vendor or employee the line is about'),
	})
	.strict();

export const journalEntry = z
	.object({
		number: z.string().optional(),
		date: isoDate,
		period: z.string().optional().describe('posting period label in the source system'),
		currency: currencyCode,
		legalEntity: ref.optional(),
		approvalState: z.enum(['pendingApproval', 'approved', 'rejected']).optional(),
		reversalDate: isoDate.optional(),
		memo: z.string().optional(),
		lines: z.array(journalLine).min(2, 'must have at least two lines'),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('A balanced general-ledger journal: debits equal credits.');
