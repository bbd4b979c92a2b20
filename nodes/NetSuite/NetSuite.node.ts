import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { listSearch, loadOptions, resourceMapping } from './methods';
import { router } from './v1/actions/router';
import { netSuiteCredentials, properties } from './v1/actions/versionDescription';
import { readableSubtitle } from '../shared/kit/descriptions';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class NetSuite implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetSuite (Planning to Cash)',
		name: 'netSuite',
		icon: { light: 'file:netSuite.svg', dark: 'file:netSuite.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Read and write NetSuite records (customers, projects, time, expenses, invoices, journals) and run SuiteQL',
		defaults: { name: 'NetSuite (Planning to Cash)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: netSuiteCredentials,
		properties,
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
