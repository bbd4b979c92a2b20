import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getManyRecords } from '../../../../Dataverse/recordOperations';
import type { OperationContext } from './context';
import { recordContext } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await getManyRecords.call(this, recordContext(op));
}
