import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { dataverseUpdate } from '../../../../Dataverse/transport';
import { MILESTONE_READY_FOR_INVOICING } from '../../../helpers/tables';
import type { OperationContext } from './context';
import { recordIdOf } from './context';

/** A milestone set to Ready for Invoicing (If-Match: *, so a wrong id is an error, not a new record). */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		const result = await dataverseUpdate(this, op.connection, op.table.entitySet, id, { msdyn_invoicestatus: MILESTONE_READY_FOR_INVOICING }, { returnRecord: true, correlationId, itemIndex });
		return result.record ?? { [op.table.idColumn]: id, msdyn_invoicestatus: MILESTONE_READY_FOR_INVOICING };
	});
}
