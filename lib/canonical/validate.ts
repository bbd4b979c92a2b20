import { compiledValidator } from './compiled';
import { isPlainObject } from './json';
import { idempotencyKeyFor } from './identity';
import type { Problem } from './problems';
import { problemsFromIssues } from './problems';
import { crossFieldProblems, minorUnitProblems } from './rules';
import type { EntityName } from './schemas';
import { isEntityName, recordSchema } from './schemas';
import { isRememberedValid } from './validRecords';

export type UnknownFields = 'strict' | 'lenient';

export interface ValidateOptions {
	/** strict: fields the schema does not define are problems; lenient (default): they are kept and ignored. */
	unknownFields?: UnknownFields;
	/** Check that envelope.idempotencyKey still matches the record's content (default true). */
	verifyIdempotencyKey?: boolean;
}

export interface ValidationResult {
	valid: boolean;
	problems: Problem[];
}

/**
 * Checks a canonical record (`{ envelope, <entity>: data }`) against the entity's version 1 schema and the
 * cross-field rules. Never throws: anything wrong comes back as problems naming the field path.
 */
export function validateCanonical(entity: EntityName, record: unknown, options: ValidateOptions = {}): ValidationResult {
	if (!isEntityName(entity)) {
		return { valid: false, problems: [{ path: '$', reason: `"${String(entity)}" is not a canonical entity` }] };
	}
	if (!isPlainObject(record)) {
		return { valid: false, problems: [{ path: '$', reason: `must be a canonical ${entity} record: an object with envelope and ${entity}` }] };
	}
	const declared = isPlainObject(record.envelope) ? record.envelope.entity : undefined;
	if (isEntityName(declared) && declared !== entity) {
		return { valid: false, problems: [{ path: 'envelope.entity', reason: `is "${declared}", not "${entity}": this record is a canonical ${declared}` }] };
	}
	const lenient = options.unknownFields !== 'strict';
	// A record toCanonical made and found valid, unchanged since: the same answer without the key and schema check.
	if (isRememberedValid(entity, record, !lenient)) return { valid: true, problems: [] };
	const schema = recordSchema(entity);
	let problems: Problem[] = [];
	// The compiled check passes exactly what zod passes; zod runs only on a record that fails, for its problems.
	const parsed = compiledValidator(schema, lenient)(record) ? undefined : schema.safeParse(record);
	if (parsed && !parsed.success) {
		const issues = lenient ? parsed.error.issues.filter((issue) => issue.code !== 'unrecognized_keys') : parsed.error.issues;
		problems = problemsFromIssues(issues, record, entity);
	}
	const minorUnits = minorUnitProblems(record[entity], entity);
	if (minorUnits.length > 0) {
		const reported = new Set(problems.map((problem) => problem.path));
		for (const problem of minorUnits) if (!reported.has(problem.path)) problems.push(problem);
	}
	if (problems.length > 0) return { valid: false, problems };

	const data = record[entity] as Record<string, unknown>;
	problems.push(...crossFieldProblems(entity, data));

	const envelope = record.envelope as { enterpriseId: string; idempotencyKey: string; source: { system: string; object: string; id: string } };
	if (!envelope.enterpriseId.startsWith(`ent-${entity}-`)) {
		problems.push({ path: 'envelope.enterpriseId', reason: `must be an enterprise id of a ${entity} (ent-${entity}-…), got ${envelope.enterpriseId}` });
	}
	if (options.verifyIdempotencyKey !== false) {
		const expected = idempotencyKeyFor(entity, envelope.source, data);
		if (expected !== envelope.idempotencyKey) {
			problems.push({
				path: 'envelope.idempotencyKey',
				reason: `does not match the record's source and posting content (expected ${expected}); the content changed after the key was made, so run toCanonical again`,
			});
		}
	}
	return { valid: problems.length === 0, problems };
}
