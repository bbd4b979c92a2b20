import { z } from 'zod';

import { customFields, isoDate, money, ref } from '../primitives';

export const billingEvent = z
	.object({
		project: ref,
		customer: ref.optional(),
		contract: ref.optional(),
		date: isoDate,
		kind: z.enum(['time', 'expense', 'milestone', 'fixedFee', 'subscription', 'adjustment']),
		status: z.enum(['draft', 'approved', 'released', 'invoiced', 'cancelled']),
		amount: money,
		sources: z
			.array(
				z
					.object({
						entity: z.enum(['timeEntry', 'expense', 'milestone', 'contract']),
						ref,
					})
					.strict(),
			)
			.optional()
			.describe('the records this billing event bills'),
		invoice: ref.optional(),
		description: z.string().optional(),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('Something ready to bill: approved time, expenses, a milestone, a fee instalment.');
