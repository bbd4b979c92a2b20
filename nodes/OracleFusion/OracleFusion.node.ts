import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { readableSubtitle } from '../shared/kit/descriptions';
import { listSearch, loadOptions } from './methods';
import { router } from './v1/actions/router';
import { oracleCredentials, properties } from './v1/actions/versionDescription';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class OracleFusion implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Oracle Fusion (Planning to Cash)',
		name: 'oracleFusion',
		icon: { light: 'file:oracleFusion.svg', dark: 'file:oracleFusion.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Read and write Oracle Fusion Cloud projects, tasks, project costs, billing events, receivables invoices and customers; import journals; batch writes paired per item',
		defaults: { name: 'Oracle Fusion (Planning to Cash)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: oracleCredentials,
		properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
