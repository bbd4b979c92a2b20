import { z } from 'zod';

import { customFields, dayHours, isoDate, rate, ref } from '../primitives';

export const timeEntry = z
	.object({
		date: isoDate.describe('the day the work was done'),
		hours: dayHours,
		resource: ref.describe('who did the work'),
		project: ref.optional().describe('the project (or customer) the time is recorded against'),
		task: ref.optional(),
		serviceItem: ref.optional().describe('the service item / role the time is billed as'),
		approvalState: z.enum(['open', 'submitted', 'approved', 'rejected']),
		billable: z.boolean(),
		billRate: rate.optional(),
		costRate: rate.optional(),
		description: z.string().optional(),
		costCenter: ref.optional(),
		location: ref.optional(),
		legalEntity: ref.optional(),
		timesheet: ref.optional(),
		posted: z.boolean().optional().describe('already posted / billed in the source system'),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('Hours one worker spent on one day on one project or task.');
