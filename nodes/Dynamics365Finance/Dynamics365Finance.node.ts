import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { readableSubtitle } from '../shared/kit/descriptions';
import { listSearch, loadOptions } from './methods';
import { properties } from './v1/actions/common.descriptions';
import { router } from './v1/actions/router';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class Dynamics365Finance implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dynamics 365 Finance (Planning to Cash)',
		name: 'dynamics365Finance',
		icon: { light: 'file:dynamics365Finance.svg', dark: 'file:dynamics365Finance.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Read and write Dynamics 365 Finance & Operations customers, projects, contracts, hour / expense / fee journals, free-text invoices and general journals per company; post them once',
		defaults: { name: 'Dynamics 365 Finance (Planning to Cash)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'p2cDynamics365FinanceApi', required: true }],
		properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
