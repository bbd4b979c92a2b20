/** Coupa ⇄ canonical mappings, for the Coupa node's "Output: Canonical" option and the trigger. Pure: no n8n imports, no I/O. */
import { vendorCanonical } from '../../../lib/canonical';

import { coupaMappers } from './mappers';

const coupaCanonical = vendorCanonical('Coupa', coupaMappers);

export const { toCanonical, fromCanonical } = coupaCanonical;
export { coupaMappers };
export * from './mappers';
export { PROJECT_SEGMENTS } from './common';
