import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import * as projectMilestone from './projectMilestone/ProjectMilestone.resource';
import * as record from './record/Record.resource';
import * as suiteQl from './suiteQl/SuiteQl.resource';

/** Token-Based Authentication or OAuth 2.0 M2M, chosen by the Authentication parameter. */
export const netSuiteCredentials: INodeTypeDescription['credentials'] = [
	{
		name: 'p2cNetSuiteTbaApi',
		required: true,
		displayOptions: { show: { authentication: ['tba'] } },
	},
	{
		name: 'p2cNetSuiteOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];

/** Version 1's parameters, in the order the editor shows them. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Token-Based Authentication (OAuth 1.0a)', value: 'tba' },
			{ name: 'OAuth 2.0 Client Credentials (M2M)', value: 'oAuth2' },
		],
		default: 'tba',
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Customer', value: 'customer' },
			{ name: 'Employee', value: 'employee' },
			{ name: 'Expense Report', value: 'expenseReport' },
			{ name: 'Invoice', value: 'invoice' },
			{ name: 'Journal Entry', value: 'journalEntry' },
			{ name: 'Project (Job)', value: 'job' },
			{ name: 'Project Milestone (Billing Schedule)', value: 'projectMilestone' },
			{ name: 'Project Task', value: 'projectTask' },
			{ name: 'SuiteQL', value: 'suiteQl' },
			{ name: 'Time Entry (Time Bill)', value: 'timeBill' },
			{ name: 'Vendor Bill', value: 'vendorBill' },
		],
		default: 'customer',
	},
	...record.description,
	...projectMilestone.description,
	...suiteQl.description,
];
