import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { restList } from '../../../transport';
import type { OperationContext } from '../context';
import { limitOf } from '../context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => await restList(this, op.connection, 'common', '/supervisoryOrganizations', {}, { limit: limitOf(this, itemIndex), itemIndex, correlationId }));
}
