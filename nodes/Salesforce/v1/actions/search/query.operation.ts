import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { withoutAttributes } from '../../../helpers/objects';
import { queryAll } from '../../../transport';
import type { SalesforceConnection } from '../../../transport';
import { batchSizeOf, queryOptionsProperty, returnAllProperties } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'SOQL',
		name: 'soql',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: "SELECT Id, Name FROM Opportunity WHERE StageName = 'Closed Won'",
		description:
			'Sent as written. Values you insert with expressions are not escaped here: quote and escape them yourself, or use a resource\'s Get Many, which does.',
	},
	...returnAllProperties,
	queryOptionsProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['search'], operation: ['query'] } }, properties);

export async function execute(this: IExecuteFunctions, connection: SalesforceConnection): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const soql = String(this.getNodeParameter('soql', itemIndex, '')).trim();
		if (!soql) throw new Error('soql: a query is required');
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const batchSize = batchSizeOf(this.getNodeParameter('queryOptions', itemIndex, {}) as { batchSize?: number });
		const records = await queryAll(this, connection, soql, { correlationId, itemIndex, limit, batchSize });
		return records.map((r) => withoutAttributes(r) as IDataObject);
	});
}
