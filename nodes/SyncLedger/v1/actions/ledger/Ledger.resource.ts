import type { INodeProperties } from 'n8n-workflow';

import * as checkAndClaim from './checkAndClaim.operation';
import * as orderGuard from './orderGuard.operation';
import * as prune from './prune.operation';
import * as recordResult from './recordResult.operation';

export { checkAndClaim, orderGuard, prune, recordResult };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ledger'] } },
		options: [
			{
				name: 'Check & Claim',
				value: 'checkAndClaim',
				description: 'Claim each idempotency key for this execution: new, already done, or in progress elsewhere',
				action: 'Check and claim idempotency keys',
			},
			{
				name: 'Order Guard',
				value: 'orderGuard',
				description: 'Send records older than the last applied version of their entity to Stale',
				action: 'Guard the order of versions',
			},
			{
				name: 'Prune',
				value: 'prune',
				description: 'Delete posted keys, audit entries and resolved exceptions older than their retention',
				action: 'Prune the ledger',
			},
			{
				name: 'Record Result',
				value: 'recordResult',
				description: 'Record a posting as posted (target and ID) or failed (retryable or not)',
				action: 'Record a posting result',
			},
		],
		default: 'checkAndClaim',
	},
	{
		displayName: 'Store',
		name: 'store',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ledger'], operation: ['checkAndClaim', 'recordResult'] } },
		options: [
			{
				name: 'N8n Data Tables (via N8n API)',
				value: 'dataTable',
				description: 'Claims with expiry, visible and editable in n8n, shared by every worker',
			},
			{
				name: 'N8n Deduplication Store (No Setup)',
				value: 'deduplication',
				description: 'Skips keys already posted; no claims, so concurrent executions are not kept apart',
			},
		],
		default: 'dataTable',
	},
	...checkAndClaim.description,
	...recordResult.description,
	...orderGuard.description,
	...prune.description,
];
