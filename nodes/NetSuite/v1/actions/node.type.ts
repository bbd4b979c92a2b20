import type { RecordResource } from '../../helpers/recordTypes';

export type RecordOperation = 'create' | 'delete' | 'get' | 'getMany' | 'update' | 'upsert';

export type NetSuiteType =
	| { resource: RecordResource; operation: RecordOperation }
	| { resource: 'projectMilestone'; operation: 'getMany' }
	| { resource: 'suiteQl'; operation: 'query' };
