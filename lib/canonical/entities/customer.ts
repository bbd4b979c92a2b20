import { z } from 'zod';

import { address, currencyCode, customFields, nonEmpty, ref } from '../primitives';

export const customer = z
	.object({
		name: nonEmpty.describe('the customer’s trading name'),
		number: z.string().optional().describe('the customer number or account number in the source system'),
		legalName: z.string().optional(),
		status: z.enum(['prospect', 'active', 'inactive']).describe('commercial status'),
		kind: z.enum(['company', 'individual']).optional(),
		category: z.string().optional().describe('the source’s customer type or category label'),
		currency: currencyCode.optional().describe('the customer’s primary transaction currency'),
		email: z.string().optional(),
		phone: z.string().optional(),
		website: z.string().optional(),
		industry: z.string().optional(),
		taxId: z.string().optional().describe('VAT / tax registration number'),
		billingAddress: address.optional(),
		shippingAddress: address.optional(),
		parent: ref.optional().describe('the parent customer'),
		legalEntity: ref.optional().describe('the selling legal entity (subsidiary)'),
		paymentTerms: z.string().optional(),
		practice: z.string().optional().describe('the practice or service line that owns the relationship'),
		description: z.string().optional(),
		customFields: customFields.optional(),
	})
	.strict()
	.describe('A customer (client) the firm sells to.');
