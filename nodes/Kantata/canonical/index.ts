/**
 * Kantata OX ⇄ canonical mappings, for the Kantata node's "Output: Canonical" option and the trigger. Pure:
 * no n8n imports, no I/O.
 */
import { vendorCanonical } from '../../../lib/canonical';

import { kantataMappers } from './mappers';

const kantataCanonical = vendorCanonical('Kantata', kantataMappers);

export const kantataMapperFor = kantataCanonical.mapperFor;

/** `toCanonical('time_entry', record, { environment: 'sandbox', correlationId })`, and back. */
export const { toCanonical, fromCanonical } = kantataCanonical;

export { kantataMappers };
export * from './mappers';
