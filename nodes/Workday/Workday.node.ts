import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { readableSubtitle } from '../shared/kit/descriptions';
import { listSearch } from './methods';
import { properties, workdayCredentials } from './v1/actions/descriptions';
import { router } from './v1/actions/router';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class Workday implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Workday (Planning to Cash)',
		name: 'workday',
		icon: { light: 'file:workday.svg', dark: 'file:workday.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Read Workday HCM workers, cost rates, organizations, managers, time off and custom reports (REST, SOAP Get_Workers with the transaction log, RaaS)',
		defaults: { name: 'Workday (Planning to Cash)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: workdayCredentials,
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
