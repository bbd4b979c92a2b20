import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resourceOf } from '../../helpers/resources';
import type { OracleOperation, OracleResourceName } from '../../helpers/resources';
import { oracleConnection } from '../../transport';
import type { OracleAuthentication } from '../../transport';
import * as getImportStatus from './journal/getImportStatus.operation';
import * as importJournals from './journal/importJournals.operation';
import * as batch from './record/batch.operation';
import type { OperationContext } from './record/context';
import * as create from './record/create.operation';
import * as del from './record/delete.operation';
import * as get from './record/get.operation';
import * as getMany from './record/getMany.operation';
import * as importCost from './record/importCost.operation';
import * as update from './record/update.operation';
import * as upsert from './record/upsert.operation';

const OPERATIONS: Record<OracleOperation, { execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> }> = {
	get,
	getMany,
	create,
	update,
	upsert,
	delete: del,
	batch,
	importCost,
	importJournals,
	getImportStatus,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resourceName = this.getNodeParameter('resource', 0) as OracleResourceName;
	const operation = this.getNodeParameter('operation', 0) as OracleOperation;
	const resource = resourceOf(resourceName);
	if (!resource.operations.includes(operation)) throw new Error(`${resource.label} has no operation "${operation}"`);
	const connection = await oracleConnection(this, this.getNodeParameter('authentication', 0, 'oAuth2') as OracleAuthentication);
	return [await OPERATIONS[operation].execute.call(this, { resourceName, resource, connection })];
}
