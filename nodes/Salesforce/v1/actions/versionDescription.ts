/* eslint-disable n8n-nodes-base/node-filename-against-convention */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeTypeDescription } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as contract from './contract/Contract.resource';
import * as opportunity from './opportunity/Opportunity.resource';
import * as org from './org/Org.resource';
import * as search from './search/Search.resource';

export const authenticationProperty = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options' as const,
	options: [
		{ name: 'OAuth 2.0 JWT Bearer', value: 'jwt' },
		{ name: 'OAuth 2.0 Client Credentials', value: 'clientCredentials' },
	],
	default: 'jwt',
};

export const salesforceCredentials = [
	{ name: 'p2cSalesforceJwtApi', required: true, displayOptions: { show: { authentication: ['jwt'] } } },
	{ name: 'p2cSalesforceClientCredentialsApi', required: true, displayOptions: { show: { authentication: ['clientCredentials'] } } },
];

export const versionDescription: INodeTypeDescription = {
	displayName: 'Salesforce (Planning to Cash)',
	name: 'salesforce',
	icon: { light: 'file:salesforce.svg', dark: 'file:salesforce.dark.svg' },
	group: ['transform'],
	version: 1,
	subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
	description: 'Read and write Salesforce accounts, opportunities with line items and contracts; upsert by external ID; run SOQL',
	defaults: { name: 'Salesforce (Planning to Cash)' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong -- n8n's community rules ask for the constant
	outputs: [NodeConnectionTypes.Main],
	credentials: salesforceCredentials,
	properties: [
		authenticationProperty,
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Account', value: 'account' },
				{ name: 'Contract', value: 'contract' },
				{ name: 'Opportunity', value: 'opportunity' },
				{ name: 'Org', value: 'org' },
				{ name: 'SOQL', value: 'search' },
			],
			default: 'opportunity',
		},
		...account.description,
		...contract.description,
		...opportunity.description,
		...org.description,
		...search.description,
	],
};
