/**
 * Project milestones as NetSuite bills them: the lines of a project's Fixed Bid, Milestone billing schedule
 * (the project task's milestone flag carries no amount; the schedule's lines bill a percentage of the project
 * price). Read only: schedules are set up on the project in NetSuite.
 */
import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['projectMilestone'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the billing milestones of projects with a billing schedule',
				action: 'Get many project milestones',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
