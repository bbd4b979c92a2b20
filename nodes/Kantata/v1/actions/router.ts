import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resourceOf } from '../../helpers/resources';
import type { KantataOperation, KantataResourceName } from '../../helpers/resources';
import { kantataConnection } from '../../transport';
import type { KantataAuthentication } from '../../transport';
import type { OperationContext } from './record/context';
import * as bulkCreate from './record/bulkCreate.operation';
import * as bulkDelete from './record/bulkDelete.operation';
import * as create from './record/create.operation';
import * as del from './record/delete.operation';
import * as get from './record/get.operation';
import * as getMany from './record/getMany.operation';
import * as transition from './record/transition.operation';
import * as update from './record/update.operation';
import * as upsert from './record/upsert.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resourceName = this.getNodeParameter('resource', 0) as KantataResourceName;
	const operation = this.getNodeParameter('operation', 0) as KantataOperation;
	const resource = resourceOf(resourceName);
	if (!resource.operations.includes(operation)) throw new Error(`${resource.label} has no operation "${operation}"`);
	const connection = await kantataConnection(this, this.getNodeParameter('authentication', 0, 'token') as KantataAuthentication);
	const op: OperationContext = { resourceName, resource, connection };
	switch (operation) {
		case 'get':
			return [await get.execute.call(this, op)];
		case 'getMany':
			return [await getMany.execute.call(this, op)];
		case 'create':
			return [await create.execute.call(this, op)];
		case 'update':
			return [await update.execute.call(this, op)];
		case 'delete':
			return [await del.execute.call(this, op)];
		case 'upsert':
			return [await upsert.execute.call(this, op)];
		case 'bulkCreate':
			return [await bulkCreate.execute.call(this, op)];
		case 'bulkDelete':
			return [await bulkDelete.execute.call(this, op)];
		case 'approve':
		case 'reject':
		case 'cancel':
			return [await transition.execute.call(this, op, operation)];
	}
}
