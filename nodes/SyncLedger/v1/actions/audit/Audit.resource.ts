import type { INodeProperties } from 'n8n-workflow';

import * as append from './append.operation';

export { append };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['audit'] } },
		options: [
			{
				name: 'Append',
				value: 'append',
				description: 'Write an audit entry (ledger writes are audited by themselves)',
				action: 'Append an audit entry',
			},
		],
		default: 'append',
	},
	...append.description,
];
