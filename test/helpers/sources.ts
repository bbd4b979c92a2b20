/**
 * Test nodes that feed items into the node under test, standing in for whatever precedes it in a real workflow.
 * Registered with the harness as `<package>.<name>`.
 */
import type { IDataObject, IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

/** Emits the items given in its `items` parameter (JSON text or a list), so one workflow can feed several. */
export class ItemsSource implements INodeType {
	description = {
		displayName: 'Items Source',
		name: 'testItemsSource',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions) {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

/** A start node (type name `name`) that emits these items. */
export function startEmitting(name: string, items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Start',
			name,
			group: ['trigger'],
			version: 1,
			description: '',
			defaults: { name: 'Start' },
			inputs: [],
			outputs: ['main'],
			properties: [],
		} as unknown as INodeTypeDescription,
		async execute() {
			return [items.map((json) => ({ json }))];
		},
	};
}
