import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['health'] } },
		options: [
			{
				name: 'Get KPIs',
				value: 'get',
				description: 'Latency, unposted time by age, stale records, open exceptions, posting success rate',
				action: 'Get health kp is',
			},
		],
		default: 'get',
	},
	...get.description,
];
