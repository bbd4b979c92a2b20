/**
 * Salesforce ⇄ canonical mappings, for the Canonical Transform node and for the Salesforce node's
 * "Output: Canonical" option. Pure: no n8n imports, no I/O.
 */
import type { VendorMapper } from '../../../lib/canonical';
import { vendorCanonical } from '../../../lib/canonical';

import { accountMapper } from './account';
import { contractMapper } from './contract';
import { opportunityMapper } from './opportunity';

export const salesforceMappers: readonly VendorMapper[] = [accountMapper, opportunityMapper, contractMapper];

const salesforceCanonical = vendorCanonical('Salesforce', salesforceMappers);

export const salesforceMapperFor = salesforceCanonical.mapperFor;

/**
 * A Salesforce record (REST API JSON) as a canonical record, for the node's Output: Canonical option, e.g.
 * `toCanonical('Opportunity', record, { environment: 'sandbox', correlationId })`; and back.
 */
export const { toCanonical, fromCanonical } = salesforceCanonical;

export { accountMapper, contractMapper, opportunityMapper };
