/**
 * NetSuite ⇄ canonical mappings, for the Canonical Transform node and for the NetSuite node's
 * "Output: Canonical" option. Pure: no n8n imports, no I/O.
 */
import type { FieldOverride, ToCanonicalContext, TransformResult, UnknownFields, VendorMapper } from '../../../lib/canonical';
import type { CanonicalRecord, RenderedRecord } from '../../../lib/canonical';
import { fromCanonicalRecord, toCanonicalRecord } from '../../../lib/canonical';

import { customerMapper } from './customer';
import { employeeMapper } from './employee';
import { expenseReportMapper } from './expenseReport';
import { invoiceMapper } from './invoice';
import { jobMapper } from './job';
import { journalEntryMapper } from './journalEntry';
import { resourceAllocationMapper } from './resourceAllocation';
import { timeBillMapper } from './timeBill';

export const netSuiteMappers: readonly VendorMapper[] = [
	customerMapper,
	jobMapper,
	employeeMapper,
	timeBillMapper,
	expenseReportMapper,
	invoiceMapper,
	journalEntryMapper,
	resourceAllocationMapper,
];

export function netSuiteMapperFor(object: string): VendorMapper | undefined {
	const wanted = object.toLowerCase();
	return netSuiteMappers.find(
		(mapper) => mapper.object.toLowerCase() === wanted || (mapper.aliases ?? []).some((alias) => alias.toLowerCase() === wanted),
	);
}

export interface CanonicalOutputOptions extends ToCanonicalContext {
	unknownFields?: UnknownFields;
	overrides?: FieldOverride[];
	at?: string;
}

/**
 * A NetSuite record (REST record JSON) as a canonical record. For the NetSuite node's Output: Canonical option:
 * `toCanonical('timeBill', record, { environment: 'sandbox', correlationId })`.
 */
export function toCanonical(object: string, record: unknown, options: CanonicalOutputOptions): TransformResult<CanonicalRecord> {
	const mapper = netSuiteMapperFor(object);
	if (!mapper) return { ok: false, problems: [{ path: 'object', reason: `NetSuite ${object} has no canonical mapping` }] };
	return toCanonicalRecord(mapper, record, options, { unknownFields: options.unknownFields ?? 'lenient', overrides: options.overrides, at: options.at });
}

/** A canonical record as a NetSuite record body for `object`. */
export function fromCanonical(
	object: string,
	canonical: unknown,
	options: { unknownFields?: UnknownFields; overrides?: FieldOverride[]; at?: string } = {},
): TransformResult<RenderedRecord> {
	const mapper = netSuiteMapperFor(object);
	if (!mapper) return { ok: false, problems: [{ path: 'object', reason: `NetSuite ${object} has no canonical mapping` }] };
	return fromCanonicalRecord(mapper, canonical, options);
}

export {
	customerMapper,
	employeeMapper,
	expenseReportMapper,
	invoiceMapper,
	jobMapper,
	journalEntryMapper,
	resourceAllocationMapper,
	timeBillMapper,
};
