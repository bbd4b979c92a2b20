/**
 * Salesforce ⇄ canonical mappings, for the Canonical Transform node and for the Salesforce node's
 * "Output: Canonical" option. Pure: no n8n imports, no I/O.
 */
import type { CanonicalRecord, FieldOverride, RenderedRecord, ToCanonicalContext, TransformResult, UnknownFields, VendorMapper } from '../../../lib/canonical';
import { fromCanonicalRecord, toCanonicalRecord } from '../../../lib/canonical';

import { accountMapper } from './account';
import { contractMapper } from './contract';
import { opportunityMapper } from './opportunity';

export const salesforceMappers: readonly VendorMapper[] = [accountMapper, opportunityMapper, contractMapper];

export function salesforceMapperFor(object: string): VendorMapper | undefined {
	const wanted = object.toLowerCase();
	return salesforceMappers.find(
		(mapper) => mapper.object.toLowerCase() === wanted || (mapper.aliases ?? []).some((alias) => alias.toLowerCase() === wanted),
	);
}

export interface CanonicalOutputOptions extends ToCanonicalContext {
	unknownFields?: UnknownFields;
	overrides?: FieldOverride[];
	at?: string;
}

/**
 * A Salesforce record (REST API JSON) as a canonical record. For the Salesforce node's Output: Canonical option:
 * `toCanonical('Opportunity', record, { environment: 'sandbox', correlationId })`.
 */
export function toCanonical(object: string, record: unknown, options: CanonicalOutputOptions): TransformResult<CanonicalRecord> {
	const mapper = salesforceMapperFor(object);
	if (!mapper) return { ok: false, problems: [{ path: 'object', reason: `Salesforce ${object} has no canonical mapping` }] };
	return toCanonicalRecord(mapper, record, options, { unknownFields: options.unknownFields ?? 'lenient', overrides: options.overrides, at: options.at });
}

/** A canonical record as a Salesforce record body for `object`. */
export function fromCanonical(
	object: string,
	canonical: unknown,
	options: { unknownFields?: UnknownFields; overrides?: FieldOverride[]; at?: string } = {},
): TransformResult<RenderedRecord> {
	const mapper = salesforceMapperFor(object);
	if (!mapper) return { ok: false, problems: [{ path: 'object', reason: `Salesforce ${object} has no canonical mapping` }] };
	return fromCanonicalRecord(mapper, canonical, options);
}

export { accountMapper, contractMapper, opportunityMapper };
