import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as list from './list.operation';
import * as replay from './replay.operation';
import * as resolve from './resolve.operation';

export { add, list, replay, resolve };

const addOption = { name: 'Add', value: 'add', description: 'Park a record with the reason and its business owner', action: 'Add an exception' };
const listOption = { name: 'List', value: 'list', description: 'List exceptions by status and owner', action: 'List exceptions' };
const replayOption = {
	name: 'Replay',
	value: 'replay',
	description: 'Emit the stored (possibly edited) payload back into the flow',
	action: 'Replay an exception',
};
const resolveOption = { name: 'Resolve', value: 'resolve', description: 'Close an exception with a resolution', action: 'Resolve an exception' };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['exception'], '@tool': [false] } },
		options: [addOption, listOption, replayOption, resolveOption],
		default: 'add',
	},
	// As an agent's tool Replay is left out: it routes to Replayed / Not Replayed, a tool has one output.
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['exception'], '@tool': [true] } },
		options: [addOption, listOption, resolveOption],
		default: 'list',
	},
	...add.description,
	...list.description,
	...replay.description,
	...resolve.description,
];
