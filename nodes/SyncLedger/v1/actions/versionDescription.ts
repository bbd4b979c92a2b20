import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import * as audit from './audit/Audit.resource';
import * as exception from './exception/Exception.resource';
import * as health from './health/Health.resource';
import * as ledger from './ledger/Ledger.resource';
import * as target from './target/Target.resource';
import { tablePrefixProperty } from './common';

/**
 * Output names per operation, evaluated by n8n from the parameters (as its Switch node does), so Check & Claim
 * shows New / Already Done / In Progress Elsewhere and the guards show their two routes.
 */
const configuredOutputs = `(function (parameters) {
	var names = { 'ledger:checkAndClaim': ['New', 'Already Done', 'In Progress Elsewhere'],
		'ledger:recordResult': ['Posted', 'Failed'], 'ledger:orderGuard': ['Applied', 'Stale'],
		'exception:replay': ['Replayed', 'Not Replayed'],
		'target:guard': ['Send', 'Target Down'], 'target:recordProbe': ['Up', 'Down'],
		'health:closeReadiness': ['Blockers', 'Summary'] };
	var list = names[(parameters.resource || 'ledger') + ':' + (parameters.operation || 'checkAndClaim')] || [''];
	return list.map(function (name) { return { type: 'main', displayName: name }; });
})`;

/** The outputs expression n8n evaluates against the node's parameters. */
export const outputs = `={{${configuredOutputs}($parameter)}}`;

/** The n8n API key for the Data Tables store; the deduplication store needs none. */
export const syncLedgerCredentials: INodeTypeDescription['credentials'] = [
	{
		name: 'p2cN8nApi',
		required: true,
		displayOptions: { hide: { store: ['deduplication'] } },
	},
];

/** Version 1's parameters, in the order the editor shows them. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@tool': [false] } },
		options: [
			{ name: 'Audit', value: 'audit' },
			{ name: 'Exception', value: 'exception' },
			{ name: 'Health', value: 'health' },
			{ name: 'Ledger', value: 'ledger' },
			{ name: 'Target Health', value: 'target' },
		],
		default: 'ledger',
	},
	// As an agent's tool the Ledger resource is left out: its operations route items to several outputs (a tool has
	// one), and Prune deletes what the ledger knows.
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@tool': [true] } },
		options: [
			{ name: 'Audit', value: 'audit' },
			{ name: 'Exception', value: 'exception' },
			{ name: 'Health', value: 'health' },
		],
		default: 'exception',
	},
	...ledger.description,
	...exception.description,
	...audit.description,
	...health.description,
	...target.description,
	{ ...tablePrefixProperty, displayOptions: { hide: { store: ['deduplication'] } } },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Audit Trail',
				name: 'auditTrail',
				type: 'boolean',
				default: true,
				description: 'Whether to write an audit entry for every ledger write (to &lt;prefix&gt;audit)',
			},
			{
				displayName: 'Max Keys Kept (Deduplication Store)',
				name: 'maxEntries',
				type: 'number',
				default: 10000,
				description: 'How many posted keys the deduplication store keeps for this workflow',
			},
		],
	},
];
