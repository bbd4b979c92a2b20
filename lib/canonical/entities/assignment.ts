import { z } from 'zod';

import { customFields, hours, isoDate, nonEmpty, percent, rate, ref } from '../primitives';

export const assignment = z
	.object({
		resource: ref,
		project: ref,
		task: ref.optional(),
		role: z.string().optional(),
		status: z.enum(['proposed', 'softBooked', 'confirmed', 'cancelled']),
		startDate: isoDate,
		endDate: isoDate,
		hours: hours.optional().describe('total hours allocated over the period'),
		percentOfTime: percent.optional(),
		billRate: rate.optional(),
		costRate: rate.optional(),
		notes: z.string().optional(),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('A worker allocated to a project (or task) for a period.');

export const resourceRequest = z
	.object({
		project: ref,
		role: nonEmpty,
		skills: z.array(z.string()).optional(),
		status: z.enum(['draft', 'open', 'held', 'assigned', 'cancelled']),
		startDate: isoDate,
		endDate: isoDate,
		hours: hours.optional(),
		percentOfTime: percent.optional(),
		assignedResource: ref.optional(),
		requestedBy: ref.optional(),
		notes: z.string().optional(),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('A request for a worker with a role and skills, before anyone is assigned.');
