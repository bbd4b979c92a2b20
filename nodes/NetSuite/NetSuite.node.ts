import { VersionedNodeType } from 'n8n-workflow';
import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';

import { NetSuiteV1 } from './v1/NetSuiteV1.node';

export class NetSuite extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'NetSuite (Planning to Cash)',
			name: 'netSuite',
			icon: 'file:netSuite.svg',
			group: ['transform'],
			subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
			description: 'Read and write NetSuite records and run SuiteQL',
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new NetSuiteV1(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
