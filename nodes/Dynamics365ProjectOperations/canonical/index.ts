/**
 * Dynamics 365 Project Operations (Dataverse) ⇄ canonical mappings, for the node's and the trigger's
 * "Output: Canonical" and the Canonical Transform node. Pure: no n8n imports, no I/O.
 */
import { vendorCanonical } from '../../../lib/canonical';

import { projectOperationsMappers } from './mappers';

const projectOperationsCanonical = vendorCanonical('Dynamics 365 Project Operations', projectOperationsMappers);

export const projectOperationsMapperFor = projectOperationsCanonical.mapperFor;

/** `toCanonical('msdyn_timeentry', record, { environment: 'sandbox', correlationId })`, and back. */
export const { toCanonical, fromCanonical } = projectOperationsCanonical;

export * from './mappers';
