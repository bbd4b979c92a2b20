import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { RECORD_RESOURCES } from '../../../helpers/recordTypes';
import { buildSelect } from '../../../helpers/suiteql';
import type { Condition } from '../../../helpers/suiteql';
import { suiteQlQuery } from '../../../transport';
import { limitProperty, pageSizeOption, returnAllProperty } from '../common.descriptions';
import type { RecordOperationContext } from './context';

const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'SuiteQL conditions on the record table; values are always sent as escaped literals',
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Column',
						name: 'column',
						type: 'string',
						default: '',
						placeholder: 'externalid',
						description: 'SuiteQL column, e.g. externalid, companyname, parent, lastmodifieddate',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: [
							{ name: 'Contains', value: 'contains' },
							{ name: 'Equals', value: 'equals' },
							{ name: 'Greater Than', value: 'greaterThan' },
							{ name: 'Greater Than or Equal', value: 'greaterOrEqual' },
							{ name: 'In (Comma-Separated)', value: 'in' },
							{ name: 'Is Empty', value: 'isEmpty' },
							{ name: 'Is Not Empty', value: 'isNotEmpty' },
							{ name: 'Less Than', value: 'lessThan' },
							{ name: 'Less Than or Equal', value: 'lessOrEqual' },
							{ name: 'Not Equals', value: 'notEquals' },
							{ name: 'Starts With', value: 'startsWith' },
						],
						default: 'equals',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						displayOptions: { hide: { operator: ['isEmpty', 'isNotEmpty'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Columns',
				name: 'columns',
				type: 'string',
				default: '',
				placeholder: 'companyname, email, externalid',
				description: 'Comma-separated SuiteQL columns to return; empty for all',
			},
			{
				displayName: 'Combine Conditions',
				name: 'combineWith',
				type: 'options',
				options: [
					{ name: 'All (AND)', value: 'AND' },
					{ name: 'Any (OR)', value: 'OR' },
				],
				default: 'AND',
			},
			pageSizeOption,
			{
				displayName: 'Sort By',
				name: 'orderBy',
				type: 'string',
				default: 'id',
				description: 'SuiteQL column to sort by; ties are broken by ID so pages stay stable',
			},
			{
				displayName: 'Sort Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'ASC',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: RECORD_RESOURCES, operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, ctx: RecordOperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const conditions = (this.getNodeParameter('conditions.condition', itemIndex, []) as Condition[]) ?? [];
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		let q: string;
		try {
			q = buildSelect({
				recordType: ctx.recordType,
				columns: typeof options.columns === 'string' ? options.columns.split(',') : [],
				conditions,
				combineWith: options.combineWith === 'OR' ? 'OR' : 'AND',
				orderBy: typeof options.orderBy === 'string' ? options.orderBy : 'id',
				direction: options.direction === 'DESC' ? 'DESC' : 'ASC',
			});
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex, description: 'Field: conditions' });
		}
		const pageSize = typeof options.pageSize === 'number' ? options.pageSize : undefined;
		return await suiteQlQuery(this, ctx.connection, q, { limit, pageSize, itemIndex, correlationId });
	});
}
