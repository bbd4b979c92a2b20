import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { readableSubtitle } from '../shared/kit/descriptions';
import { listSearch } from './methods';
import { properties } from './v1/actions/descriptions';
import { router } from './v1/actions/router';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class SapS4HanaCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP S/4HANA Cloud (Planning to Cash)',
		name: 'sapS4HanaCloud',
		icon: { light: 'file:sapS4HanaCloud.svg', dark: 'file:sapS4HanaCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Read and write SAP S/4HANA Cloud enterprise projects and WBS elements, business partners, workforce timesheet entries, billing documents, supplier invoices, G/L line items, and post journal entries once',
		defaults: { name: 'SAP S/4HANA Cloud (Planning to Cash)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'p2cSapS4HanaCloudBasicApi', required: true, displayOptions: { show: { authentication: ['basic'] } } },
			{ name: 'p2cSapS4HanaCloudOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
		],
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
