/**
 * Dynamics 365 Finance ⇄ canonical mappings, for the node's "Output: Canonical" option. Pure: no n8n imports,
 * no I/O.
 */
import { vendorCanonical } from '../../../lib/canonical';

import { financeMappers } from './mappers';

const financeCanonical = vendorCanonical('Dynamics 365 Finance', financeMappers);

export const financeMapperFor = financeCanonical.mapperFor;

/** `toCanonical('ProjectJournalLines', record, { environment: 'sandbox', correlationId })`, and back. */
export const { toCanonical, fromCanonical } = financeCanonical;

export * from './mappers';
