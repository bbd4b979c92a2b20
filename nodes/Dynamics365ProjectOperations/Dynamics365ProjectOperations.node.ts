import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { dataverseCredentials } from '../Dataverse/descriptions';
import { readableSubtitle } from '../shared/kit/descriptions';
import { listSearch } from './methods';
import { router } from './v1/actions/router';
import { properties } from './v1/actions/versionDescription';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class Dynamics365ProjectOperations implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dynamics 365 Project Operations (Planning to Cash)',
		name: 'dynamics365ProjectOperations',
		icon: { light: 'file:dynamics365ProjectOperations.svg', dark: 'file:dynamics365ProjectOperations.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Project Operations on Dataverse: projects and their WBS through the schedule API, team members and assignments, resources and roles, requirements and bookings, time and expenses with submit and approve, project contracts, milestones, actuals and proforma invoices',
		defaults: { name: 'Dynamics 365 Project Operations (Planning to Cash)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: dataverseCredentials,
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
