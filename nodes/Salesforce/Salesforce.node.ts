import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { listSearch, loadOptions, resourceMapping } from './methods';
import { router } from './v1/actions/router';
import { properties, salesforceCredentials } from './v1/actions/versionDescription';
import { readableSubtitle } from '../shared/kit/descriptions';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class Salesforce implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Salesforce (Planning to Cash)',
		name: 'salesforce',
		icon: { light: 'file:salesforce.svg', dark: 'file:salesforce.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Read and write Salesforce accounts, opportunities with line items and contracts; upsert by external ID; run SOQL',
		defaults: { name: 'Salesforce (Planning to Cash)' },
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
