import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { openStores } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Target System',
		name: 'targetSystem',
		type: 'string',
		default: '',
		placeholder: 'netsuite',
		description: 'One target system, or empty for every target with a breaker row',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['target'], operation: ['get'] } }, properties);

/** One item per target: its breaker as stored (a target never recorded reads as closed). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { targets } = await openStores(this);
	const target = String(this.getNodeParameter('targetSystem', 0, '') ?? '').trim();
	const states = target ? [await targets.get(target)] : await targets.all();
	const pairedItem = this.getInputData().map((_, item) => ({ item }));
	return [states.map((state) => ({ json: { target: state as unknown as IDataObject }, pairedItem }))];
}
