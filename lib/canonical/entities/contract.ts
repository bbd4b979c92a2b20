import { z } from 'zod';

import { currencyCode, customFields, decimal, isoDate, money, nonEmpty, percent, rate, ref } from '../primitives';

export const contractLine = z
	.object({
		lineId: nonEmpty.describe('the line id in the source system'),
		product: ref.optional().describe('the product or service item sold'),
		productCode: z.string().optional(),
		description: z.string().optional(),
		quantity: decimal.optional(),
		unitPrice: money.optional(),
		amount: money.describe('the line’s contract value'),
		startDate: isoDate.optional(),
		endDate: isoDate.optional(),
		performanceObligation: z
			.object({
				id: z.string().optional(),
				satisfied: z.enum(['pointInTime', 'overTime']).describe('how control transfers (ASC 606-10-25-23)'),
				standaloneSellingPrice: money.optional(),
			})
			.strict()
			.optional()
			.describe('the distinct promise this line represents, for revenue allocation'),
	})
	.strict();

export const contract = z
	.object({
		name: nonEmpty,
		number: z.string().optional().describe('the contract or deal number in the source system'),
		kind: z.enum(['opportunity', 'contract', 'order', 'statementOfWork']).describe('what kind of commercial agreement this is'),
		customer: ref,
		status: z
			.enum(['draft', 'negotiation', 'won', 'lost', 'active', 'expired', 'terminated'])
			.describe('lifecycle status; an opportunity is negotiation, won or lost'),
		stage: z.string().optional().describe('the source system’s own stage or status label'),
		currency: currencyCode,
		totalValue: money.optional().describe('total contract value; equals the sum of the lines when lines are present'),
		signedDate: isoDate.optional().describe('close date of an opportunity, signature date of a contract'),
		startDate: isoDate.optional(),
		endDate: isoDate.optional(),
		termMonths: z.number().int().nonnegative().optional(),
		probability: percent.optional(),
		billingTerms: z
			.object({
				method: z.enum(['fixedFee', 'timeAndMaterials', 'milestone', 'subscription', 'mixed']).optional(),
				paymentTerms: z.string().optional().describe('e.g. Net 30'),
				frequency: z.enum(['once', 'weekly', 'monthly', 'quarterly', 'annually', 'onMilestone']).optional(),
				specialTerms: z.string().optional(),
			})
			.strict()
			.optional(),
		rateCard: z
			.array(
				z
					.object({
						role: nonEmpty,
						rate,
						effectiveFrom: isoDate.optional(),
						effectiveTo: isoDate.optional(),
					})
					.strict(),
			)
			.optional()
			.describe('bill rates agreed per role'),
		lines: z.array(contractLine).describe('lines / performance obligations (may be empty)'),
		practice: z.string().optional(),
		description: z.string().optional(),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('A commercial agreement: an opportunity being won, a signed contract, an order or SOW.');
