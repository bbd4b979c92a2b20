/** SAP S/4HANA Cloud ⇄ canonical mappings, for the node's "Output: Canonical" option. Pure: no n8n imports, no I/O. */
import { vendorCanonical } from '../../../lib/canonical';

import { sapMappers } from './mappers';

const sapCanonical = vendorCanonical('SAP S/4HANA Cloud', sapMappers);

export const { toCanonical, fromCanonical, mapperFor } = sapCanonical;
export { sapMappers };
export * from './mappers';
