import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationContext } from '../context';
import { readRecords } from './read';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await readRecords.call(this, op, true);
}
