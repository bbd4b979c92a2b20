import { VersionedNodeType } from 'n8n-workflow';
import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';

import { SyncLedgerV1 } from './v1/SyncLedgerV1.node';

export class SyncLedger extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Sync Ledger',
			name: 'syncLedger',
			icon: { light: 'file:syncLedger.svg', dark: 'file:syncLedger.dark.svg' },
			group: ['transform'],
			subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
			description: 'Idempotency ledger, order guard, exception queue, audit trail and health KPIs for posting flows',
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new SyncLedgerV1(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
