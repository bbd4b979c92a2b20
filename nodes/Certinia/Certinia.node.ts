import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { readableSubtitle } from '../shared/kit/descriptions';
import { salesforceCredentials } from '../Salesforce/v1/actions/versionDescription';
import { listSearch, loadOptions, resourceMapping } from './methods';
import { router } from './v1/actions/router';
import { properties } from './v1/actions/versionDescription';

/**
 * Certinia PSA (the pse__ managed package on Salesforce), over the Salesforce credentials and transport the
 * package already has. A plain version-1 node; its operations live under v1/.
 */
export class Certinia implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Certinia PSA (Planning to Cash)',
		name: 'certinia',
		icon: { light: 'file:certinia.svg', dark: 'file:certinia.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Read and write Certinia PSA projects with their WBS, resources, staffing, timecards, expenses, milestones and billing events; approve time; write ERP invoice numbers back',
		defaults: { name: 'Certinia PSA (Planning to Cash)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: salesforceCredentials,
		properties,
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
