import { z } from 'zod';

import { envelope } from './envelope';
import { assignment, resourceRequest } from './entities/assignment';
import { billingEvent } from './entities/billingEvent';
import { contract } from './entities/contract';
import { costCommitment } from './entities/costCommitment';
import { customer } from './entities/customer';
import { expense } from './entities/expense';
import { invoice } from './entities/invoice';
import { journalEntry } from './entities/journalEntry';
import { milestone } from './entities/milestone';
import { project } from './entities/project';
import { resource } from './entities/resource';
import { revenueSchedule } from './entities/revenueSchedule';
import { supplierInvoice } from './entities/supplierInvoice';
import { timeEntry } from './entities/timeEntry';

/** The data schema of each canonical entity (without the envelope). */
export const ENTITY_SCHEMAS = {
	customer,
	contract,
	project,
	resource,
	assignment,
	resourceRequest,
	timeEntry,
	expense,
	milestone,
	billingEvent,
	invoice,
	revenueSchedule,
	journalEntry,
	costCommitment,
	supplierInvoice,
} as const;

export type EntityName = keyof typeof ENTITY_SCHEMAS;
export const ENTITY_NAMES = Object.keys(ENTITY_SCHEMAS) as EntityName[];

export type EntityData<E extends EntityName> = z.infer<(typeof ENTITY_SCHEMAS)[E]>;

export function isEntityName(value: unknown): value is EntityName {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENTITY_SCHEMAS, value);
}

const recordSchemas = new Map<EntityName, z.ZodTypeAny>();

/**
 * The full canonical record of an entity: `{ envelope, <entity>: data }`. Keying the data by the entity name
 * makes paths read naturally in problems and overrides (`timeEntry.hours`, `project.practice`).
 */
export function recordSchema(entity: EntityName): z.ZodTypeAny {
	let schema = recordSchemas.get(entity);
	if (!schema) {
		schema = z
			.object({
				envelope: envelope.extend({ entity: z.literal(entity) }),
				[entity]: ENTITY_SCHEMAS[entity],
			})
			.strict()
			.describe(`Canonical ${entity}, schema version 1`);
		recordSchemas.set(entity, schema);
	}
	return schema;
}

/** A canonical record of any entity. */
export type CanonicalRecord = { envelope: z.infer<typeof envelope> } & { [entity: string]: unknown };
