import type { INodeProperties } from 'n8n-workflow';

import * as query from './query.operation';

export { query };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['suiteQl'] } },
		options: [
			{
				name: 'Query',
				value: 'query',
				description: 'Run a SuiteQL query and return its rows, page by page',
				action: 'Run a query',
			},
		],
		default: 'query',
	},
	...query.description,
];
