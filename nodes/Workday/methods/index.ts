import { searchSupervisoryOrganizations, searchWorkers } from './listSearch';

export const listSearch = { searchWorkers, searchSupervisoryOrganizations };
