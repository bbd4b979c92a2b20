import { z } from 'zod';

import { currencyCode, customFields, hours, isoDate, money, nonEmpty, percent, ref } from '../primitives';

export const wbsTask = z
	.object({
		taskId: nonEmpty.describe('the task id in the source system'),
		name: nonEmpty,
		parentTaskId: z.string().optional().describe('the parent task in the work breakdown structure'),
		status: z.enum(['notStarted', 'inProgress', 'complete']).optional(),
		startDate: isoDate.optional(),
		endDate: isoDate.optional(),
		plannedHours: hours.optional(),
		estimatedHours: hours.optional(),
		billable: z.boolean().optional(),
		percentComplete: percent.optional(),
		isMilestone: z.boolean().optional(),
	})
	.strict();

export const project = z
	.object({
		name: nonEmpty,
		number: z.string().optional().describe('the project number / code in the source system'),
		customer: ref.optional(),
		contract: ref.optional(),
		status: z.enum(['planned', 'active', 'onHold', 'closed', 'cancelled']),
		billingType: z.enum(['fixedFee', 'timeAndMaterials', 'milestone', 'nonBillable', 'other']).optional(),
		currency: currencyCode.optional(),
		startDate: isoDate.optional(),
		endDate: isoDate.optional(),
		plannedEndDate: isoDate.optional(),
		manager: ref.optional(),
		legalEntity: ref.optional(),
		budget: z
			.object({
				hours: hours.optional(),
				cost: money.optional(),
				revenue: money.optional(),
			})
			.strict()
			.optional(),
		percentComplete: percent.optional(),
		practice: z.string().optional().describe('the practice or service line delivering the project'),
		tasks: z.array(wbsTask).describe('work breakdown structure (may be empty)'),
		description: z.string().optional(),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('A delivery project with its work breakdown structure.');
