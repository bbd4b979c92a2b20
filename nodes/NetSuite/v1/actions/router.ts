import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { isRecordResource, RECORD_TYPES } from '../../helpers/recordTypes';
import { netSuiteConnection } from '../../transport';
import type { NetSuiteAuthentication } from '../../transport';
import type { RecordOperation } from './node.type';
import * as projectMilestone from './projectMilestone/ProjectMilestone.resource';
import * as record from './record/Record.resource';
import * as suiteQl from './suiteQl/SuiteQl.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const authentication = this.getNodeParameter('authentication', 0, 'tba') as NetSuiteAuthentication;
	const connection = await netSuiteConnection(this, authentication);

	if (resource === 'projectMilestone' && operation === 'getMany') {
		return [await projectMilestone.getMany.execute.call(this, connection)];
	}
	if (resource === 'suiteQl' && operation === 'query') {
		return [await suiteQl.query.execute.call(this, connection)];
	}
	if (isRecordResource(resource) && operation in record) {
		const recordOperation = record[operation as RecordOperation];
		return [await recordOperation.execute.call(this, { connection, recordType: RECORD_TYPES[resource] })];
	}
	throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
}
