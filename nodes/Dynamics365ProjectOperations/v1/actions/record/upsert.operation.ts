import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { upsertRecord } from '../../../../Dataverse/recordOperations';
import type { OperationContext } from './context';
import { recordContext } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await upsertRecord.call(this, recordContext(op));
}
