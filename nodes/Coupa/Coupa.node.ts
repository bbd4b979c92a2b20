import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { readableSubtitle } from '../shared/kit/descriptions';
import { listSearch } from './methods';
import { router } from './v1/actions/router';
import { coupaCredentials, properties } from './v1/actions/versionDescription';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class Coupa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coupa (Planning to Cash)',
		name: 'coupa',
		icon: { light: 'file:coupa.svg', dark: 'file:coupa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Read and write Coupa purchase orders, receipts, supplier invoices, suppliers, projects, expense reports, exchange rates and account segments; mark invoices exported with the ERP number',
		defaults: { name: 'Coupa (Planning to Cash)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: coupaCredentials,
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
