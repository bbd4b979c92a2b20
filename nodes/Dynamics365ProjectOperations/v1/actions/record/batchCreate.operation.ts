/**
 * Batch Create (time entries, expenses): every input item is one request of a `$batch`, each in its own
 * changeset with `Prefer: odata.continue-on-error`, so a record Dataverse refuses fails alone. The Dataverse
 * batch operation is the one Dynamics 365 Sales uses (one implementation); it needs only the table's entity
 * set and key column.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as dataverseBatch from '../../../../Dynamics365Sales/v1/actions/record/batch.operation';
import type { OperationContext } from './context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const { label, plural, entitySet, logicalName, idColumn, nameColumn, example } = op.table;
	const table = { label, plural, entitySet, logicalName, idColumn, nameColumn, example, operations: [], keyExample: 'p2c_externalid' };
	// The batch reads only the connection and the table's entity set and key column, never the Sales resource name.
	return await dataverseBatch.execute.call(this, { resourceName: op.resourceName as never, table, connection: op.connection }, 'batchCreate');
}
