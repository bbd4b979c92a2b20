import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

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

export const salesforceCredentials: INodeTypeDescription['credentials'] = [
	{ name: 'p2cSalesforceJwtApi', required: true, displayOptions: { show: { authentication: ['jwt'] } } },
	{ name: 'p2cSalesforceClientCredentialsApi', required: true, displayOptions: { show: { authentication: ['clientCredentials'] } } },
];

/** Version 1's parameters, in the order the editor shows them. */
export const properties: INodeProperties[] = [
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
];
