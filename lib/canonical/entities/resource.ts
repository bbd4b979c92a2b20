import { z } from 'zod';

import { customFields, decimal, hours, isoDate, nonEmpty, percent, rate, ref } from '../primitives';

export const resource = z
	.object({
		number: z.string().optional().describe('employee / worker number in the source system'),
		name: z
			.object({
				display: nonEmpty,
				given: z.string().optional(),
				middle: z.string().optional(),
				family: z.string().optional(),
			})
			.strict(),
		email: z.string().optional(),
		title: z.string().optional(),
		workerType: z.enum(['employee', 'contractor', 'placeholder']).optional(),
		employmentStatus: z.enum(['active', 'leave', 'terminated', 'inactive']),
		legalEntity: ref.optional().describe('employing legal entity (subsidiary / company)'),
		costCenter: ref.optional().describe('cost center or department'),
		location: ref.optional(),
		manager: ref.optional(),
		hireDate: isoDate.optional(),
		terminationDate: isoDate.optional(),
		costRates: z
			.array(z.object({ rate, effectiveFrom: isoDate.optional(), effectiveTo: isoDate.optional() }).strict())
			.describe('cost rates with effective dates (may be empty)'),
		billRates: z
			.array(z.object({ rate, effectiveFrom: isoDate.optional(), effectiveTo: isoDate.optional() }).strict())
			.optional(),
		fte: decimal.optional().describe('full-time equivalent, 1.0 = full time'),
		weeklyCapacityHours: hours.optional(),
		targetUtilization: percent.optional(),
		bookable: z.boolean().optional().describe('whether the worker can be assigned to projects'),
		skills: z
			.array(z.object({ name: nonEmpty, level: z.string().optional() }).strict())
			.optional(),
		practice: z.string().optional(),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('A worker who can be planned and whose time and cost are tracked.');
