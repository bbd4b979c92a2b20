import { searchExternalIdFields, searchRecords } from './listSearch';
import { getFields, getOpportunityStages, getWritableFields } from './loadOptions';
import { getMappingColumns } from './resourceMapping';

/** The node's methods by kind; only the methods themselves, so n8n finds nothing else under these names. */
export const listSearch = { searchExternalIdFields, searchRecords };
export const loadOptions = { getFields, getOpportunityStages, getWritableFields };
export const resourceMapping = { getMappingColumns };
