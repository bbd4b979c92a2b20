import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import * as replicate from './record/replicate.operation';
import * as loadKpis from './kpi/load.operation';
import * as cancel from './statement/cancel.operation';
import * as executeStatement from './statement/execute.operation';
import { statementContextProperties } from './common';

export const snowflakeCredentials: INodeTypeDescription['credentials'] = [
	{ name: 'p2cSnowflakeKeyPairApi', required: true, displayOptions: { show: { authentication: ['keyPair'] } } },
	{ name: 'p2cSnowflakeTokenApi', required: true, displayOptions: { show: { authentication: ['token'] } } },
];

const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Key Pair (JWT)', value: 'keyPair' },
		{ name: 'Programmatic Access Token or OAuth Token', value: 'token' },
	],
	default: 'keyPair',
};

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Canonical Record', value: 'canonicalRecord' },
		{ name: 'KPI', value: 'kpi' },
		{ name: 'Statement', value: 'statement' },
	],
	default: 'canonicalRecord',
};

const operationProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['canonicalRecord'] } },
		options: [
			{
				name: 'Replicate',
				value: 'replicate',
				description: "Create the entity's table if missing and MERGE the records by enterprise ID; an older version never replaces a newer one",
				action: 'Replicate canonical records',
			},
		],
		default: 'replicate',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['kpi'] } },
		options: [{ name: 'Load', value: 'load', description: "Load the Sync Ledger Health KPIs into a table, one row per KPI and day", action: 'Load key performance indicators' }],
		default: 'load',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['statement'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', description: 'Cancel a statement still running, by its handle', action: 'Cancel a statement' },
			{ name: 'Execute', value: 'execute', description: 'Run one SQL statement with its values as bindings; each result row becomes an item', action: 'Execute a statement' },
		],
		default: 'execute',
	},
];

/** Shown where the node runs as an agent's tool: a statement can change or drop data. */
export const statementToolNotice: INodeProperties = {
	displayName: 'An agent using this tool can run any SQL the credential\'s role may run, including statements that change or drop data. Give the credential a role limited to what the agent should do.',
	name: 'statementToolNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { operation: ['execute'], '@tool': [true] } },
};

export const properties: INodeProperties[] = [
	authenticationProperty,
	resourceProperty,
	...operationProperties,
	...statementContextProperties,
	...executeStatement.description,
	...cancel.description,
	...replicate.description,
	...loadKpis.description,
	statementToolNotice,
];
