import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeDataverseBatch } from '../../../Dataverse/batchOperation';
import { dataverseConnection } from '../../../Dataverse/transport';
import { tableOf } from '../../helpers/tables';
import type { SalesOperation, SalesTableName } from '../../helpers/tables';
import type { OperationContext } from './record/context';
import * as create from './record/create.operation';
import * as del from './record/delete.operation';
import * as get from './record/get.operation';
import * as getMany from './record/getMany.operation';
import * as update from './record/update.operation';
import * as upsert from './record/upsert.operation';
import * as close from './record/close.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resourceName = this.getNodeParameter('resource', 0) as SalesTableName;
	const operation = this.getNodeParameter('operation', 0) as SalesOperation;
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
		case 'delete':
			return [await del.execute.call(this, op)];
		case 'batchCreate':
		case 'batchUpsert':
			return [await executeDataverseBatch.call(this, op, operation)];
		case 'win':
		case 'lose':
			return [await close.execute.call(this, op, operation)];
	}
}
