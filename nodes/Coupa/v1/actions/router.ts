import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resourceOf } from '../../helpers/resources';
import type { CoupaOperation, CoupaResourceName } from '../../helpers/resources';
import { coupaConnection } from '../../transport';
import type { OperationContext } from './record/context';
import * as read from './record/read.operation';
import * as write from './record/write.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resourceName = this.getNodeParameter('resource', 0) as CoupaResourceName;
	const operation = this.getNodeParameter('operation', 0) as CoupaOperation;
	const resource = resourceOf(resourceName);
	if (!resource.operations.includes(operation)) throw new Error(`${resource.label} has no operation "${operation}"`);
	const op: OperationContext = { resourceName, resource, connection: await coupaConnection(this) };
	switch (operation) {
		case 'get':
			return [await read.get.call(this, op)];
		case 'getMany':
			return [await read.getMany.call(this, op)];
		case 'create':
			return [await write.create.call(this, op)];
		case 'update':
			return [await write.update.call(this, op)];
		case 'markExported':
			return [await write.markExported.call(this, op)];
	}
}
