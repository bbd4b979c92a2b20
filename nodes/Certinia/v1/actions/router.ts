import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { salesforceConnection } from '../../../Salesforce/transport';
import type { SalesforceAuthentication } from '../../../Salesforce/transport';
import { resourceInfo } from '../../helpers/objects';
import type { CertiniaResource } from '../../helpers/objects';
import * as approval from './approval/approval.operation';
import type { CertiniaOperationContext } from './record/context';
import * as create from './record/create.operation';
import * as get from './record/get.operation';
import * as getMany from './record/getMany.operation';
import * as update from './record/update.operation';
import * as upsert from './record/upsert.operation';

const DOMAIN = new Set(['submit', 'approve', 'reject', 'complete', 'recordInvoice']);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as CertiniaResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const connection = await salesforceConnection(this, this.getNodeParameter('authentication', 0, 'jwt') as SalesforceAuthentication);
	const op: CertiniaOperationContext = { resource, sObject: resourceInfo(resource).sObject, connection };
	if (operation === 'get') return [await get.execute.call(this, op)];
	if (operation === 'getMany') return [await getMany.execute.call(this, op)];
	if (resource === 'timecardSplit') throw new Error('Timecard splits are written by PSA from their timecard: save the timecard instead');
	if (operation === 'create') return [await create.execute.call(this, op)];
	if (operation === 'update') return [await update.execute.call(this, op)];
	if (operation === 'upsert') return [await upsert.upsert.call(this, op)];
	if (operation === 'batchUpsert') return [await upsert.batchUpsert.call(this, op)];
	if (DOMAIN.has(operation)) return [await approval.execute.call(this, op, operation)];
	throw new Error(`Unknown operation "${operation}"`);
}
