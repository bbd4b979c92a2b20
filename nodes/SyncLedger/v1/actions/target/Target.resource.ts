import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as guard from './guard.operation';
import * as recordProbe from './recordProbe.operation';

export { get, guard, recordProbe };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['target'] } },
		options: [
			{
				name: 'Get State',
				value: 'get',
				description: "Each target system's breaker: closed or open, failures in a row, last error",
				action: 'Get target health',
			},
			{
				name: 'Guard',
				value: 'guard',
				description: "Send items on while the target answers; park them for the drain while its breaker is open",
				action: 'Guard a target',
			},
			{
				name: 'Record Probe',
				value: 'recordProbe',
				description: "Close the target's breaker when a cheap probe got an answer; route to Up or Down",
				action: 'Record a probe of a target',
			},
		],
		default: 'guard',
	},
	...get.description,
	...guard.description,
	...recordProbe.description,
];
