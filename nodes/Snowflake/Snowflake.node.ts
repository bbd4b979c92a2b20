import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { readableSubtitle } from '../shared/kit/descriptions';
import { router } from './v1/actions/router';
import { properties, snowflakeCredentials } from './v1/actions/versionDescription';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class Snowflake implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Snowflake (Planning to Cash)',
		name: 'snowflake',
		icon: { light: 'file:snowflake.svg', dark: 'file:snowflake.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Replicate canonical planning-to-cash records into Snowflake idempotently, load sync KPIs, and run SQL with bindings through the SQL API',
		defaults: { name: 'Snowflake (Planning to Cash)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: snowflakeCredentials,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
