import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { returnAllProperties, runPerItem } from '../../../../shared/kit';
import { suiteQlQuery } from '../../../transport';
import type { NetSuiteConnection } from '../../../transport';
import { pageSizeOption } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'SELECT id, companyname FROM customer WHERE isinactive = \'F\' ORDER BY id',
		description:
			'A SuiteQL SELECT, sent as written: escape any value you put into it yourself (double single quotes). Add a unique ORDER BY so pages stay stable.',
	},
	...returnAllProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [pageSizeOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['suiteQl'], operation: ['query'] } }, properties);

export async function execute(this: IExecuteFunctions, connection: NetSuiteConnection): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const q = String(this.getNodeParameter('query', itemIndex, '') ?? '').trim();
		if (!/^select\s/i.test(q)) throw new Error('Query must be a SuiteQL SELECT statement (field: query)');
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const pageSize = typeof options.pageSize === 'number' ? options.pageSize : undefined;
		return await suiteQlQuery(this, connection, q, { limit, pageSize, itemIndex, correlationId });
	});
}
