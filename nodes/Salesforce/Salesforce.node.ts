import { VersionedNodeType } from 'n8n-workflow';
import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';

import { SalesforceV1 } from './v1/SalesforceV1.node';

export class Salesforce extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Salesforce (Planning to Cash)',
			name: 'salesforce',
			icon: { light: 'file:salesforce.svg', dark: 'file:salesforce.dark.svg' },
			group: ['transform'],
			subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
			description: 'Read and write Salesforce accounts, opportunities with line items and contracts; upsert by external ID; run SOQL',
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = { 1: new SalesforceV1(baseDescription) };
		super(nodeVersions, baseDescription);
	}
}
