/**
 * The two directions of a vendor mapping, wrapped with everything every mapping needs: the envelope, per-run
 * field overrides, unknown-field policy and validation. Never throws; each call ends valid or with problems.
 */
import type { LineageStep } from './envelope';
import { SCHEMA_VERSION } from './envelope';
import { enterpriseIdFor, idempotencyKeyFor, isEnterpriseId } from './identity';
import { isPlainObject, jsonShapeProblem } from './json';
import type { CanonicalData, FromCanonicalContext, ToCanonicalContext, VendorMapper, VendorRecord } from './mapping';
import { exactDecimalText, getPath, mapperName, setPath, splitPath } from './mapping';
import type { Problem } from './problems';
import type { CanonicalRecord } from './schemas';
import { isEntityName } from './schemas';
import type { UnknownFields } from './validate';
import { validateCanonical } from './validate';
import { rememberValidRecord } from './validRecords';

/** One per-run mapping override: a vendor field path and the canonical field path it fills. */
export interface FieldOverride {
	/** Path in the vendor record, e.g. `Practice__c` or `custentity_practice.refName`. */
	source: string;
	/** Path in the canonical record, starting with the entity name, e.g. `project.practice`. */
	target: string;
}

export interface TransformOptions {
	unknownFields?: UnknownFields;
	overrides?: FieldOverride[];
	verifyIdempotencyKey?: boolean;
	/** When the transformation ran (lineage only; never part of a key). */
	at?: string;
}

export type TransformResult<T> = { ok: true; value: T; problems: [] } | { ok: false; value?: T; problems: Problem[] };

/** Metadata vendors (and this package's nodes: correlationId) put on records that never maps to business content. */
const ALWAYS_KNOWN = new Set(['attributes', 'links', 'refName', 'correlationId']);

/**
 * Problems with the overrides themselves: each target must be a field path under a canonical entity. Overrides
 * for other entities than `entity` are not problems; they apply to the other records of a mixed run.
 */
export function overrideProblems(overrides: FieldOverride[]): Problem[] {
	const problems: Problem[] = [];
	overrides.forEach((override, index) => {
		const target = splitPath(override.target ?? '');
		if (splitPath(override.source ?? '').length === 0) {
			problems.push({ path: `overrides[${index}].source`, reason: 'must name a field of the vendor record' });
		}
		if (target.length < 2 || !isEntityName(target[0])) {
			problems.push({
				path: `overrides[${index}].target`,
				reason: `must be a canonical field path starting with an entity name, such as project.practice (got "${override.target ?? ''}")`,
			});
		} else if (target.some((segment) => ['__proto__', 'prototype', 'constructor'].includes(segment))) {
			problems.push({ path: `overrides[${index}].target`, reason: 'must not use __proto__, prototype or constructor' });
		}
	});
	return problems;
}

/** A mapper's known fields as a set (mappers are constants: made once per mapper). */
function knownFieldsOf(mapper: VendorMapper): Set<string> {
	let known = knownFieldSets.get(mapper);
	if (!known) {
		known = new Set(mapper.knownFields);
		knownFieldSets.set(mapper, known);
	}
	return known;
}

const knownFieldSets = new WeakMap<VendorMapper, Set<string>>();

/** The overrides that apply to records of `entity`. */
function overridesFor(entity: string, overrides: FieldOverride[]): FieldOverride[] {
	return overrides.filter((override) => splitPath(override.target)[0] === entity);
}

export function toCanonicalRecord(
	mapper: VendorMapper,
	record: unknown,
	context: ToCanonicalContext,
	options: TransformOptions = {},
): TransformResult<CanonicalRecord> {
	if (!isPlainObject(record)) {
		return { ok: false, problems: [{ path: 'payload', reason: `must be a ${mapper.system} ${mapper.object} record (a JSON object)` }] };
	}
	const problems: Problem[] = overrideProblems(options.overrides ?? []);
	if (problems.length > 0) return { ok: false, problems };
	const overrides = overridesFor(mapper.entity, options.overrides ?? []);
	const shape = shapeProblem(record, 'payload');
	if (shape) return { ok: false, problems: [shape] };

	let mapped;
	try {
		mapped = mapper.toCanonical(record, context);
	} catch (error) {
		// Mappers are written not to throw; if one does, the item still lands on the exceptions output.
		return { ok: false, problems: [{ path: 'payload', reason: `could not be mapped: ${(error as Error).message}` }] };
	}
	problems.push(...mapped.problems);

	const data: CanonicalData = { ...mapped.data };
	const applied: string[] = [];
	for (const override of overrides) {
		const value = getPath(record, override.source);
		if (value === undefined) continue;
		const converted = typeof value === 'number' ? exactDecimalText(value) : value;
		const target = splitPath(override.target).slice(1);
		if (!setPath(data, target, cloneJson(converted))) {
			problems.push({ path: override.target, reason: `cannot be set from payload.${override.source}: a field on the way is not an object` });
		} else {
			applied.push(`${override.source} → ${override.target}`);
		}
	}

	if (options.unknownFields === 'strict') {
		const overridden = overrides.length > 0 ? new Set(overrides.map((override) => splitPath(override.source)[0])) : undefined;
		const known = knownFieldsOf(mapper);
		for (const key of Object.keys(record)) {
			if (record[key] === undefined || ALWAYS_KNOWN.has(key) || known.has(key) || overridden?.has(key)) continue;
			problems.push({
				path: `payload.${key}`,
				reason: `is not mapped by ${mapperName(mapper)}; add a field-mapping override for it or use lenient unknown fields`,
			});
		}
	}

	// Members are set in the order the spread-built objects had them (the order records are written in).
	const source: CanonicalRecord['envelope']['source'] = { system: mapper.system, environment: context.environment, object: mapper.object, id: mapped.source.id };
	if (mapped.source.modifiedAt !== undefined) source.modifiedAt = mapped.source.modifiedAt;
	if (mapped.source.version !== undefined) source.version = mapped.source.version;
	if (mapped.source.externalId !== undefined) source.externalId = mapped.source.externalId;
	const extract: LineageStep = { step: 'extract', system: mapper.system, object: mapper.object, id: mapped.source.id };
	if (mapped.source.modifiedAt) extract.at = mapped.source.modifiedAt;
	const map: LineageStep = { step: 'map', system: 'canonical', mapper: mapperName(mapper) };
	if (options.at) map.at = options.at;
	const lineage: LineageStep[] = [extract, map];
	if (applied.length > 0) lineage.push({ step: 'override', system: 'canonical', detail: applied.join('; ') });

	const validId = typeof mapped.source.id === 'string' && mapped.source.id !== '';
	const canonical: CanonicalRecord = {
		envelope: {
			schemaVersion: SCHEMA_VERSION,
			entity: mapper.entity,
			source,
			enterpriseId:
				mapped.enterpriseId && isEnterpriseId(mapped.enterpriseId) && mapped.enterpriseId.startsWith(`ent-${mapper.entity}-`)
					? mapped.enterpriseId
					: enterpriseIdFor(mapper.entity, mapper.system, validId ? mapped.source.id : '', false),
			correlationId: context.correlationId,
			idempotencyKey: idempotencyKeyFor(mapper.entity, source, data),
			lineage,
		},
		[mapper.entity]: data,
	};

	const validation = validateCanonical(mapper.entity, canonical, {
		unknownFields: options.unknownFields,
		verifyIdempotencyKey: false,
	});
	problems.push(...validation.problems);
	if (problems.length > 0) return { ok: false, value: canonical, problems };
	// Valid, and its key was made just above from the same source and data: a later check of the unchanged record
	// (Validate, fromCanonical) can answer from memory.
	rememberValidRecord(mapper.entity, canonical, options.unknownFields === 'strict');
	return { ok: true, value: canonical, problems: [] };
}

export interface RenderedRecord {
	system: string;
	object: string;
	record: VendorRecord;
	enterpriseId: string;
	idempotencyKey: string;
	correlationId: string;
	lineage: LineageStep[];
}

export function fromCanonicalRecord(mapper: VendorMapper, canonical: unknown, options: TransformOptions = {}): TransformResult<RenderedRecord> {
	const problems: Problem[] = overrideProblems(options.overrides ?? []);
	if (problems.length > 0) return { ok: false, problems };
	const overrides = overridesFor(mapper.entity, options.overrides ?? []);
	const shape = shapeProblem(canonical);
	if (shape) return { ok: false, problems: [shape] };
	const validation = validateCanonical(mapper.entity, canonical, {
		unknownFields: options.unknownFields,
		verifyIdempotencyKey: options.verifyIdempotencyKey,
	});
	if (!validation.valid) return { ok: false, problems: validation.problems };

	const record = canonical as CanonicalRecord;
	const data = record[mapper.entity] as CanonicalData;
	const context: FromCanonicalContext = {
		sourceSystem: record.envelope.source.system,
		sourceId: record.envelope.source.id,
		sourceExternalId: record.envelope.source.externalId,
		enterpriseId: record.envelope.enterpriseId,
	};
	let rendered;
	try {
		rendered = mapper.fromCanonical(data, context);
	} catch (error) {
		return { ok: false, problems: [{ path: mapper.entity, reason: `could not be rendered for ${mapper.system}: ${(error as Error).message}` }] };
	}
	problems.push(...rendered.problems);
	const vendorRecord = rendered.record;
	for (const override of overrides) {
		const value = getPath(record, override.target);
		if (value === undefined) continue;
		if (!setPath(vendorRecord, override.source, cloneJson(value))) {
			problems.push({ path: override.target, reason: `cannot be written to ${override.source}: a field on the way is not an object` });
		}
	}
	const value: RenderedRecord = {
		system: mapper.system,
		object: mapper.object,
		record: vendorRecord,
		enterpriseId: record.envelope.enterpriseId,
		idempotencyKey: record.envelope.idempotencyKey,
		correlationId: record.envelope.correlationId,
		lineage: [
			...record.envelope.lineage,
			{ step: 'render', system: mapper.system, object: mapper.object, mapper: mapperName(mapper), ...(options.at ? { at: options.at } : {}) },
		],
	};
	if (problems.length > 0) return { ok: false, value, problems };
	return { ok: true, value, problems: [] };
}

/**
 * A circular or absurdly deep value (a field override can copy any of them) would overflow the stack in the
 * mapping, the idempotency key and validation; it becomes a problem naming the field instead.
 */
function shapeProblem(value: unknown, root?: string): Problem | undefined {
	const problem = jsonShapeProblem(value);
	if (!problem) return undefined;
	const path = [...(root ? [root] : []), ...problem.path].join('.');
	return { path: path || 'payload', reason: problem.reason };
}

function cloneJson<T>(value: T): T {
	return value === null || typeof value !== 'object' ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export interface VendorCanonicalOptions extends ToCanonicalContext {
	unknownFields?: UnknownFields;
	overrides?: FieldOverride[];
	at?: string;
}

/**
 * One vendor's mappings as an API: find the mapping of an object (by name or alias, any case) and map a record
 * either way. Each vendor folder builds its own from its mapper list, for its node's Output: Canonical option.
 */
export function vendorCanonical(vendorName: string, mappers: readonly VendorMapper[]) {
	const mapperFor = (object: string): VendorMapper | undefined => {
		const wanted = object.toLowerCase();
		return mappers.find(
			(mapper) => mapper.object.toLowerCase() === wanted || (mapper.aliases ?? []).some((alias) => alias.toLowerCase() === wanted),
		);
	};
	const noMapping = (object: string): { ok: false; problems: Problem[] } => ({
		ok: false,
		problems: [{ path: 'object', reason: `${vendorName} ${object} has no canonical mapping` }],
	});
	return {
		mappers,
		mapperFor,
		toCanonical(object: string, record: unknown, options: VendorCanonicalOptions): TransformResult<CanonicalRecord> {
			const mapper = mapperFor(object);
			if (!mapper) return noMapping(object);
			return toCanonicalRecord(mapper, record, options, { unknownFields: options.unknownFields ?? 'lenient', overrides: options.overrides, at: options.at });
		},
		fromCanonical(object: string, canonical: unknown, options: TransformOptions = {}): TransformResult<RenderedRecord> {
			const mapper = mapperFor(object);
			if (!mapper) return noMapping(object);
			return fromCanonicalRecord(mapper, canonical, options);
		},
	};
}
