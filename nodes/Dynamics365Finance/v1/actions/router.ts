import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { entityOf } from '../../helpers/entities';
import type { FinanceOperation, FinanceResourceName } from '../../helpers/entities';
import { financeConnection } from '../../transport';
import type { OperationContext } from './context';
import * as addLines from './document/addLines.operation';
import * as createDocument from './document/create.operation';
import * as post from './document/post.operation';
import * as create from './record/create.operation';
import * as get from './record/get.operation';
import * as getMany from './record/getMany.operation';
import * as update from './record/update.operation';
import * as upsert from './record/upsert.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resourceName = this.getNodeParameter('resource', 0) as FinanceResourceName;
	const operation = this.getNodeParameter('operation', 0) as FinanceOperation;
	const entity = entityOf(resourceName);
	if (!entity.operations.includes(operation)) throw new Error(`${entity.label} has no operation "${operation}"`);
	const op: OperationContext = { resourceName, entity, connection: await financeConnection(this) };
	switch (operation) {
		case 'get':
			return [await get.execute.call(this, op)];
		case 'getMany':
			return [await getMany.execute.call(this, op)];
		case 'create':
			return [entity.lines ? await createDocument.execute.call(this, op) : await create.execute.call(this, op)];
		case 'update':
			return [await update.execute.call(this, op)];
		case 'upsert':
			return [await upsert.execute.call(this, op)];
		case 'addLines':
			return [await addLines.execute.call(this, op)];
		case 'post':
			return [await post.execute.call(this, op)];
	}
}
