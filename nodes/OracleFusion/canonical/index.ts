/**
 * Oracle Fusion ⇄ canonical mappings, for the node's "Output: Canonical" option. Pure: no n8n imports, no I/O.
 * A project cost is a time entry when its quantity is in hours and an expense otherwise, so the cost
 * collections pick their mapper per record.
 */
import { vendorCanonical } from '../../../lib/canonical';
import type { VendorRecord } from '../../../lib/canonical';

import { isLaborCost, oracleMappers } from './mappers';

const oracleCanonical = vendorCanonical('Oracle Fusion', oracleMappers);

export const oracleMapperFor = oracleCanonical.mapperFor;

/** The mapper object for a record of a collection: the cost collections split into labor and expense. */
export function objectFor(collection: string, record: unknown): string {
	const labor = record !== null && typeof record === 'object' && isLaborCost(record as VendorRecord);
	if (collection === 'unprocessedProjectCosts') return labor ? 'unprocessedLaborCost' : 'unprocessedExpenseCost';
	if (collection === 'projectCosts') return labor ? 'projectLaborCost' : 'projectExpenseCost';
	return collection;
}

export const toCanonical: typeof oracleCanonical.toCanonical = (object, record, options) => oracleCanonical.toCanonical(objectFor(object, record), record, options);

export const { fromCanonical } = oracleCanonical;

export { oracleMappers };
export * from './mappers';
