import { searchRecords } from './listSearch';
import { getRecordFields, getWritableFields } from './loadOptions';
import { getMappingColumns } from './resourceMapping';

/** The node's methods by kind; only the methods themselves, so n8n finds nothing else under these names. */
export const listSearch = { searchRecords };
export const loadOptions = { getRecordFields, getWritableFields };
export const resourceMapping = { getMappingColumns };
