import type { INodeProperties } from 'n8n-workflow';

import * as getApiUsage from './getApiUsage.operation';

export { getApiUsage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['org'] } },
		options: [
			{
				name: 'Get API Usage',
				value: 'getApiUsage',
				description: "The org's daily API request allocation and what is left of it",
				action: 'Get API usage',
			},
		],
		default: 'getApiUsage',
	},
];
