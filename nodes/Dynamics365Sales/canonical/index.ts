/**
 * Dynamics 365 Sales (Dataverse) ⇄ canonical mappings, for the Canonical Transform node and the Sales node's
 * and trigger's "Output: Canonical". Pure: no n8n imports, no I/O.
 */
import type { VendorMapper } from '../../../lib/canonical';
import { vendorCanonical } from '../../../lib/canonical';

import { accountMapper } from './account';
import { opportunityMapper } from './opportunity';

export const dynamics365SalesMappers: readonly VendorMapper[] = [accountMapper, opportunityMapper];

const salesCanonical = vendorCanonical('Dynamics 365 Sales', dynamics365SalesMappers);

export const salesMapperFor = salesCanonical.mapperFor;

/** `toCanonical('opportunity', record, { environment: 'sandbox', correlationId })`; and back. */
export const { toCanonical, fromCanonical } = salesCanonical;

export { accountMapper, opportunityMapper };
