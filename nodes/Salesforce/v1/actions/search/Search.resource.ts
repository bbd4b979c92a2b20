import type { INodeProperties } from 'n8n-workflow';

import * as query from './query.operation';

export { query };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['search'] } },
		options: [
			{
				name: 'SOQL Query',
				value: 'query',
				description: 'Run your own SOQL query (for power users; you escape your own values)',
				action: 'Run a SOQL query',
			},
		],
		default: 'query',
	},
	...query.description,
];
