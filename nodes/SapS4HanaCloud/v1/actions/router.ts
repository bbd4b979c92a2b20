import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { SapOperation, SapResourceName } from '../../helpers/resources';
import { SAP_RESOURCES } from '../../helpers/resources';
import { SAP_BASIC_CREDENTIAL_NAME, SAP_CLIENT_GRANT_CREDENTIAL_NAME, sapConnection } from '../../transport';
import type { OperationContext } from './context';
import * as post from './journalEntry/post.operation';
import * as create from './record/create.operation';
import * as get from './record/get.operation';
import * as getMany from './record/getMany.operation';
import * as update from './record/update.operation';
import * as change from './timesheetEntry/change.operation';
import * as createEntries from './timesheetEntry/create.operation';
import * as remove from './timesheetEntry/delete.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resourceName = this.getNodeParameter('resource', 0) as SapResourceName;
	const operation = this.getNodeParameter('operation', 0) as SapOperation;
	const allowed = resourceName === 'journalEntry' ? ['post'] : SAP_RESOURCES[resourceName]?.operations ?? [];
	if (!allowed.includes(operation)) throw new Error(`${resourceName} has no operation "${operation}"`);
	const authentication = this.getNodeParameter('authentication', 0, 'basic') as string;
	// One connection per execution: its CSRF token and session cookies serve every item.
	const op: OperationContext = { resourceName, connection: await sapConnection(this, authentication === 'oAuth2' ? SAP_CLIENT_GRANT_CREDENTIAL_NAME : SAP_BASIC_CREDENTIAL_NAME) };
	switch (operation) {
		case 'get':
			return [await get.execute.call(this, op)];
		case 'getMany':
			return [await getMany.execute.call(this, op)];
		case 'create':
			return [resourceName === 'timesheetEntry' ? await createEntries.execute.call(this, op) : await create.execute.call(this, op)];
		case 'update':
			return [await update.execute.call(this, op)];
		case 'change':
			return [await change.execute.call(this, op)];
		case 'delete':
			return [await remove.execute.call(this, op)];
		case 'post':
			return [await post.execute.call(this, op)];
	}
}
