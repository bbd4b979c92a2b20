import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { outputProperties, runReadPerItem } from '../../../../shared/canonicalOutput';
import { chunk, returnAllProperties } from '../../../../shared/kit';
import { RECORD_RESOURCES } from '../../../helpers/recordTypes';
import { buildSelect } from '../../../helpers/suiteql';
import type { Condition } from '../../../helpers/suiteql';
import { suiteQlQuery } from '../../../transport';
import { pageSizeOption } from '../common.descriptions';
import type { RecordOperationContext } from './context';
import { CANONICAL_RESOURCES, canonicalTarget, readRecord } from './get.operation';

const properties: INodeProperties[] = [
	...returnAllProperties,
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

export const description = [
	...updateDisplayOptions({ show: { resource: RECORD_RESOURCES, operation: ['getMany'] } }, properties),
	...updateDisplayOptions(
		{ show: { resource: CANONICAL_RESOURCES, operation: ['getMany'] } },
		outputProperties(
			{},
			'SuiteQL rows are not record JSON (lower-case columns, no sublists, IDs instead of references), so Canonical output uses SuiteQL only to find the matching IDs and then reads each full record through the record service (as Get does, within the account concurrency limit). Columns is ignored then; it costs one request per record.',
		),
	),
];

export async function execute(this: IExecuteFunctions, ctx: RecordOperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(ctx.recordType), async ({ itemIndex, correlationId }, output) => {
		const canonical = output.mode === 'canonical';
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const conditions = (this.getNodeParameter('conditions.condition', itemIndex, []) as Condition[]) ?? [];
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		let q: string;
		try {
			q = buildSelect({
				recordType: ctx.recordType,
				columns: canonical ? ['id'] : typeof options.columns === 'string' ? options.columns.split(',') : [],
				conditions,
				combineWith: options.combineWith === 'OR' ? 'OR' : 'AND',
				orderBy: typeof options.orderBy === 'string' ? options.orderBy : 'id',
				direction: options.direction === 'DESC' ? 'DESC' : 'ASC',
			});
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex, description: 'Field: conditions' });
		}
		const pageSize = typeof options.pageSize === 'number' ? options.pageSize : undefined;
		const rows = await suiteQlQuery(this, ctx.connection, q, { limit, pageSize, itemIndex, correlationId });
		if (!canonical) return rows;
		// One record request per row, at most as many in flight as the account's concurrency slots; the kit's
		// limiter holds the slots, the chunks keep the number of pending requests (and records in memory) small.
		const records: IDataObject[] = [];
		for (const ids of chunk(rows.map((row) => String(row.id)), ctx.connection.concurrency.limit)) {
			const read = ids.map(async (id) => await readRecord(this, ctx, id, { options: {}, output, itemIndex, correlationId }));
			records.push(...(await Promise.all(read)));
		}
		return records;
	});
}
