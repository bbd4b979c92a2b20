import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { RECORD_RESOURCES } from '../../../helpers/recordTypes';
import { apiRequest, recordPath } from '../../../transport';
import { recordIdLocator } from '../common.descriptions';
import { recordIdParameter } from './context';
import type { RecordOperationContext } from './context';

const properties: INodeProperties[] = [
	recordIdLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Expand Sub-Resources',
				name: 'expandSubResources',
				type: 'boolean',
				default: false,
				description: 'Whether to return sublists (e.g. invoice lines) and subrecords inline instead of as links',
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'companyName,email',
				description: 'Comma-separated field and sublist names to return; empty for all',
			},
			{
				displayName: 'Simple Enum Format',
				name: 'simpleEnumFormat',
				type: 'boolean',
				default: false,
				description: 'Whether to return enumerations as their internal ID only',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: RECORD_RESOURCES, operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, ctx: RecordOperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdParameter(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const response = await apiRequest<IDataObject>(this, ctx.connection, {
			method: 'GET',
			path: recordPath(ctx.recordType.restType, id),
			query: {
				expandSubResources: options.expandSubResources ? true : undefined,
				simpleEnumFormat: options.simpleEnumFormat ? true : undefined,
				fields: typeof options.fields === 'string' && options.fields.trim() ? options.fields.replace(/\s+/g, '') : undefined,
			},
			itemIndex,
			correlationId,
		});
		return response.body;
	});
}
