/**
 * Certinia PSA ⇄ canonical mappings, for the Canonical Transform node and the Certinia node's "Output:
 * Canonical" option. Pure: no n8n imports, no I/O.
 */
import { vendorCanonical } from '../../../lib/canonical';

import { certiniaMappers } from './mappers';

const certiniaCanonical = vendorCanonical('Certinia PSA', certiniaMappers);

export const certiniaMapperFor = certiniaCanonical.mapperFor;
export const { toCanonical, fromCanonical } = certiniaCanonical;
export { certiniaMappers };
