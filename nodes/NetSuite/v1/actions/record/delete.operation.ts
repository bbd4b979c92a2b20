import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asNodeError, runPerItem } from '../../../../shared/kit';
import { RECORD_RESOURCES } from '../../../helpers/recordTypes';
import { apiRequest, recordPath } from '../../../transport';
import { recordIdLocator } from '../common.descriptions';
import { recordIdParameter } from './context';
import type { RecordOperationContext } from './context';

const properties: INodeProperties[] = [
	{
		displayName:
			'An agent using this tool can delete NetSuite records for good. Give the credential a role that may delete only what the agent should, and have the agent confirm before it deletes.',
		name: 'deleteAsToolNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@tool': [true] } },
	},
	recordIdLocator,
];

export const description = updateDisplayOptions({ show: { resource: RECORD_RESOURCES, operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, ctx: RecordOperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdParameter(this, itemIndex);
		try {
			await apiRequest(this, ctx.connection, {
				method: 'DELETE',
				path: recordPath(ctx.recordType.restType, id),
				itemIndex,
				correlationId,
			});
		} catch (error) {
			// The kit resends a DELETE whose answer was lost; if the resend finds nothing, the first one deleted it.
			const context = (error as { context?: IDataObject }).context ?? {};
			const resentAndGone = context.vendorErrorCode === 'NONEXISTENT_ID' && Number(context.attempts ?? 1) > 1;
			if (!resentAndGone) throw asNodeError(this.getNode(), error, itemIndex);
		}
		return { id, recordType: ctx.recordType.restType, deleted: true };
	});
}
