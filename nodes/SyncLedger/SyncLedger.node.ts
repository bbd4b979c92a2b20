import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './v1/actions/router';
import { outputs, properties, syncLedgerCredentials } from './v1/actions/versionDescription';
import { readableSubtitle } from '../shared/kit/descriptions';

/** A plain version-1 node; its operations live under v1/ so a v2 can be added beside them as a VersionedNodeType. */
export class SyncLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Ledger',
		name: 'syncLedger',
		icon: { light: 'file:syncLedger.svg', dark: 'file:syncLedger.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(properties, ['operation', 'resource']),
		description: 'Idempotency ledger, order guard, exception queue, audit trail and health KPIs for posting flows',
		defaults: { name: 'Sync Ledger' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs,
		credentials: syncLedgerCredentials,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
