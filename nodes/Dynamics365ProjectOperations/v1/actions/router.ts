import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { dataverseConnection } from '../../../Dataverse/transport';
import { tableOf } from '../../helpers/tables';
import type { ProjectOperationsOperation, ProjectOperationsTableName } from '../../helpers/tables';
import * as approve from './record/approve.operation';
import * as batchCreate from './record/batchCreate.operation';
import type { OperationContext } from './record/context';
import * as create from './record/create.operation';
import * as get from './record/get.operation';
import * as getMany from './record/getMany.operation';
import * as markReady from './record/markReady.operation';
import * as submit from './record/submit.operation';
import * as update from './record/update.operation';
import * as upsert from './record/upsert.operation';
import * as applyWbsChanges from './schedule/applyWbsChanges.operation';
import * as replace from './schedule/replace.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resourceName = this.getNodeParameter('resource', 0) as ProjectOperationsTableName;
	const operation = this.getNodeParameter('operation', 0) as ProjectOperationsOperation;
	const table = tableOf(resourceName);
	if (!table.operations.includes(operation)) throw new Error(`${table.label} has no operation "${operation}"`);
	const connection = await dataverseConnection(this, this.getNodeParameter('authentication', 0, 'clientCredentials') as string);
	const op: OperationContext = { resourceName, table, connection };
	switch (operation) {
		case 'get':
			return [await get.execute.call(this, op)];
		case 'getMany':
			return [await getMany.execute.call(this, op)];
		case 'create':
			return [await create.execute.call(this, op)];
		case 'update':
			return [await update.execute.call(this, op)];
		case 'upsert':
			return [await upsert.execute.call(this, op)];
		case 'batchCreate':
			return [await batchCreate.execute.call(this, op)];
		case 'submit':
			return [await submit.execute.call(this, op)];
		case 'approve':
			return [await approve.execute.call(this, op)];
		case 'markReady':
			return [await markReady.execute.call(this, op)];
		case 'applyWbsChanges':
			return [await applyWbsChanges.execute.call(this, op)];
		case 'replace':
			return [await replace.execute.call(this, op)];
	}
}
