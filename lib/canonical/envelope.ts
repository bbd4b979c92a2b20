import { z } from 'zod';

import { enterpriseId, timestamp } from './primitives';

export const SCHEMA_VERSION = '1.0';

export const ENVIRONMENTS = ['sandbox', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Correlation ids travel in HTTP headers, so they are limited to header-safe characters (as in the kit). */
export const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const source = z
	.object({
		system: z
			.string()
			.regex(/^[a-z][a-zA-Z0-9]*$/, 'must be a system name in camelCase, such as netsuite or salesforce')
			.describe('the system the record came from: salesforce, netsuite, …'),
		environment: z.enum(ENVIRONMENTS).describe('sandbox or production'),
		object: z.string().min(1, 'must not be empty').describe('the source object or record type, e.g. Account, timeBill'),
		id: z.string().min(1, 'must not be empty').describe('the record id in the source system'),
		modifiedAt: timestamp.optional().describe('when the source last changed the record'),
		version: z.string().optional().describe('the source’s record version or modstamp, when it has one'),
		externalId: z.string().optional().describe('the source record’s own external id, when it has one'),
	})
	.strict();

export const lineageStep = z
	.object({
		step: z.enum(['extract', 'map', 'override', 'validate', 'render']).describe('what happened to the record'),
		system: z.string().min(1),
		object: z.string().optional(),
		id: z.string().optional(),
		mapper: z.string().optional().describe('mapper name and version, e.g. netsuite.timeBill@1'),
		detail: z.string().optional(),
		at: timestamp.optional(),
	})
	.strict();

export const envelope = z
	.object({
		schemaVersion: z
			.string()
			.regex(/^1\.\d+$/, `must be a version 1 schema version such as ${SCHEMA_VERSION}`)
			.describe('canonical model version; 1.x versions only add optional fields'),
		entity: z.string().describe('the canonical entity name'),
		source,
		enterpriseId,
		correlationId: z
			.string()
			.regex(CORRELATION_ID, 'must be 1–128 letters, digits or . _ : - (it travels in HTTP headers)'),
		idempotencyKey: z
			.string()
			.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest (64 lower-case hex digits)')
			.describe('SHA-256 of the canonical JSON of source system, object, id and the posting-relevant content'),
		lineage: z.array(lineageStep).min(1, 'must record at least where the record came from'),
	})
	.strict()
	.describe('Who, where and what: the envelope every canonical record carries.');

export type Envelope = z.infer<typeof envelope>;
export type LineageStep = z.infer<typeof lineageStep>;
