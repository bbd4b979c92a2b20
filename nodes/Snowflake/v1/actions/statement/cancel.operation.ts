import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { cancelStatement } from '../../../transport';
import type { SnowflakeOperationContext } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Statement Handle',
		name: 'statementHandle',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e4ce975e-f7ff-4b5e-b15e-bf25f59371ae',
		description: 'The statementHandle Snowflake returned for the statement (Execute Statement outputs it)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['statement'], operation: ['cancel'] } }, properties);

export async function execute(this: IExecuteFunctions, op: SnowflakeOperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const handle = (this.getNodeParameter('statementHandle', itemIndex, '') as string).trim();
		return await cancelStatement(this, op.connection, handle, { correlationId, itemIndex });
	});
}
