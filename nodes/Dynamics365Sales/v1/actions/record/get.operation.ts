import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getRecord } from '../../../../Dataverse/recordOperations';
import type { OperationContext } from './context';
import { recordContext } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await getRecord.call(this, recordContext(op));
}
