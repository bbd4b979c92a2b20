import { z } from 'zod';

import { currencyCode, customFields, isoDate, money, nonEmpty, ref } from '../primitives';

export const revenueSchedule = z
	.object({
		contract: ref.optional(),
		obligationId: z.string().optional().describe('the performance obligation this schedule recognises'),
		project: ref.optional(),
		method: z.enum(['pointInTime', 'straightLine', 'milestones', 'percentComplete', 'asInvoiced']),
		currency: currencyCode,
		total: money.describe('equals the sum of the lines'),
		lines: z
			.array(
				z
					.object({
						period: nonEmpty.describe('period label, e.g. 2025-01, 2025-Q1, FY2025-P01'),
						periodStart: isoDate,
						periodEnd: isoDate,
						amount: money,
						status: z.enum(['planned', 'recognized', 'posted']).optional(),
						kind: z.enum(['recognition', 'catchUp', 'reversal']).optional(),
					})
					.strict(),
			)
			.min(1, 'must have at least one line'),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('When revenue is recognised: one line per period.');
