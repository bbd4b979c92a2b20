import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { readableSubtitle } from '../shared/kit/descriptions';
import { listSearch } from './methods';
import { router } from './v1/actions/router';
import { kantataCredentials, properties } from './v1/actions/versionDescription';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class Kantata implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kantata OX (Planning to Cash)',
		name: 'kantata',
		icon: { light: 'file:kantata.svg', dark: 'file:kantata.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Read and write Kantata OX projects, tasks, staffing, time, expenses and invoices; approve submissions; upsert through external references',
		defaults: { name: 'Kantata OX (Planning to Cash)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: kantataCredentials,
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
