/** Workday ⇄ canonical mappings, for Output: Canonical on the Workday node and trigger. Pure: no n8n, no I/O. */
import { vendorCanonical } from '../../../lib/canonical';

import { workerMapper, workerProfileMapper } from './worker';

export const workdayMappers = [workerMapper, workerProfileMapper];

const workdayCanonical = vendorCanonical('Workday', workdayMappers);

export const { toCanonical, fromCanonical } = workdayCanonical;
export const workdayMapperFor = workdayCanonical.mapperFor;
export * from './worker';
