import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { dataverseCredentials } from '../Dataverse/descriptions';
import { readableSubtitle } from '../shared/kit/descriptions';
import { listSearch, loadOptions } from './methods';
import { router } from './v1/actions/router';
import { properties } from './v1/actions/versionDescription';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class Dynamics365Sales implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dynamics 365 Sales (Planning to Cash)',
		name: 'dynamics365Sales',
		icon: { light: 'file:dynamics365Sales.svg', dark: 'file:dynamics365Sales.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Read and write Dynamics 365 Sales accounts, contacts, opportunities with products, quotes, orders and invoices on Dataverse; upsert by alternate key; $batch; win or lose opportunities',
		defaults: { name: 'Dynamics 365 Sales (Planning to Cash)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: dataverseCredentials,
		properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
