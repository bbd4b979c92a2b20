import type { INodeProperties } from 'n8n-workflow';

import * as closeReadiness from './closeReadiness.operation';
import * as digest from './digest.operation';
import * as get from './get.operation';

export { closeReadiness, digest, get };

const closeReadinessOption = {
	name: 'Close Readiness',
	value: 'closeReadiness',
	description:
		"What blocks a period's close: approved time not posted, revenue journals not posted, reconciliation differences, open exceptions by owner and age, stale worker data; one item per blocker and a summary",
	action: 'Check close readiness',
};
const digestOption = {
	name: 'Digest',
	value: 'digest',
	description: 'Billing latency, approved time not posted by age, posting success per target, open exceptions by owner, targets down: one row per KPI to a Data Table and a readable message',
	action: 'Digest health kp is',
};
const getOption = {
	name: 'Get KPIs',
	value: 'get',
	description: 'Latency, unposted time by age, stale records, open exceptions, posting success rate',
	action: 'Get health kp is',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['health'], '@tool': [false] } },
		options: [closeReadinessOption, digestOption, getOption],
		default: 'get',
	},
	// As an agent's tool Close Readiness is left out: it routes to Blockers / Summary, a tool has one output.
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['health'], '@tool': [true] } },
		options: [digestOption, getOption],
		default: 'get',
	},
	...closeReadiness.description,
	...digest.description,
	...get.description,
];
