import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationContext } from '../context';
import { writeExisting } from './write';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await writeExisting.call(this, op, 'U');
}
