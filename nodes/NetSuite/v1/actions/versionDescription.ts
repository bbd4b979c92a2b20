/* eslint-disable n8n-nodes-base/node-filename-against-convention */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeTypeDescription } from 'n8n-workflow';

import * as record from './record/Record.resource';
import * as suiteQl from './suiteQl/SuiteQl.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'NetSuite (Planning to Cash)',
	name: 'netSuite',
	icon: 'file:netSuite.svg',
	group: ['transform'],
	version: 1,
	subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
	description: 'Read and write NetSuite records (customers, projects, time, expenses, invoices, journals) and run SuiteQL',
	defaults: { name: 'NetSuite (Planning to Cash)' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong -- n8n's community rules ask for the constant
	outputs: [NodeConnectionTypes.Main],
	credentials: [
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
	],
	properties: [
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
				{ name: 'Project Task', value: 'projectTask' },
				{ name: 'SuiteQL', value: 'suiteQl' },
				{ name: 'Time Entry (Time Bill)', value: 'timeBill' },
			],
			default: 'customer',
		},
		...record.description,
		...suiteQl.description,
	],
};
