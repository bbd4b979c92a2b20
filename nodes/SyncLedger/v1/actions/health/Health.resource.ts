import type { INodeProperties } from 'n8n-workflow';

import * as digest from './digest.operation';
import * as get from './get.operation';

export { digest, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['health'] } },
		options: [
			{
				name: 'Digest',
				value: 'digest',
				description: 'Billing latency, approved time not posted by age, posting success per target, open exceptions by owner, targets down: one row per KPI to a Data Table and a readable message',
				action: 'Digest health kp is',
			},
			{
				name: 'Get KPIs',
				value: 'get',
				description: 'Latency, unposted time by age, stale records, open exceptions, posting success rate',
				action: 'Get health kp is',
			},
		],
		default: 'get',
	},
	...digest.description,
	...get.description,
];
