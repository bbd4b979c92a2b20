import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { RECORD_RESOURCES } from '../../../helpers/recordTypes';
import { apiRequest, recordPath } from '../../../transport';
import { recordIdLocator } from '../common.descriptions';
import { recordIdParameter } from './context';
import type { RecordOperationContext } from './context';

const properties: INodeProperties[] = [recordIdLocator];

export const description = updateDisplayOptions({ show: { resource: RECORD_RESOURCES, operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, ctx: RecordOperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdParameter(this, itemIndex);
		await apiRequest(this, ctx.connection, {
			method: 'DELETE',
			path: recordPath(ctx.recordType.restType, id),
			itemIndex,
			correlationId,
		});
		return { id, recordType: ctx.recordType.restType, deleted: true };
	});
}
