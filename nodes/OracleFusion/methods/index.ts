import { searchRecords } from './listSearch';
import { getAttributes } from './loadOptions';

export const listSearch = { searchRecords };
export const loadOptions = { getAttributes };
