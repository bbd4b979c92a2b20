import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as list from './list.operation';
import * as replay from './replay.operation';
import * as resolve from './resolve.operation';

export { add, list, replay, resolve };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['exception'] } },
		options: [
			{ name: 'Add', value: 'add', description: 'Park a record with the reason and its business owner', action: 'Add an exception' },
			{ name: 'List', value: 'list', description: 'List exceptions by status and owner', action: 'List exceptions' },
			{ name: 'Replay', value: 'replay', description: 'Emit the stored (possibly edited) payload back into the flow', action: 'Replay an exception' },
			{ name: 'Resolve', value: 'resolve', description: 'Close an exception with a resolution', action: 'Resolve an exception' },
		],
		default: 'add',
	},
	...add.description,
	...list.description,
	...replay.description,
	...resolve.description,
];
