/**
 * Batch Create (time entries, expenses): every input item is one request of a `$batch`, each in its own
 * changeset with `Prefer: odata.continue-on-error`, so a record Dataverse refuses fails alone. The Dataverse
 * batch operation Dynamics 365 Sales uses too (nodes/Dataverse, one implementation).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeDataverseBatch } from '../../../../Dataverse/batchOperation';
import type { OperationContext } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await executeDataverseBatch.call(this, { connection: op.connection, table: op.table }, 'batchCreate');
}
