import { z } from 'zod';

import { customFields, isoDate, money, nonEmpty, percent, ref } from '../primitives';

export const milestone = z
	.object({
		name: nonEmpty,
		project: ref,
		contract: ref.optional(),
		task: ref.optional(),
		status: z.enum(['planned', 'achieved', 'approved', 'billed', 'cancelled']),
		dueDate: isoDate,
		achievedDate: isoDate.optional(),
		amount: money.optional().describe('the amount billable when the milestone is approved'),
		percentOfContract: percent.optional(),
		description: z.string().optional(),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('A project milestone, possibly with a billing amount.');
