import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { outputProperties, runReadPerItem } from '../../../../shared/canonicalOutput';
import { toCanonical } from '../../../canonical';
import { readFieldsOf } from '../../../helpers/canonicalFields';
import { describeFields, valueTypeOf } from '../../../helpers/describe';
import { LINE_ITEM_FIELDS, LINE_ITEM_RELATIONSHIP, withoutAttributes } from '../../../helpers/objects';
import type { RecordResource } from '../../../helpers/objects';
import { buildSoql } from '../../../helpers/soql';
import type { SoqlCondition, SoqlOperator, SoqlValueType } from '../../../helpers/soql';
import { queryAll } from '../../../transport';
import { batchSizeOf, conditionProperties, fieldsProperty, queryOptionsProperty, returnAllProperties } from '../common.descriptions';
import type { OperationContext } from './context';
import { CANONICAL_NOTE, includeLineItemsProperty } from './get.operation';

const sortProperties: INodeProperties[] = [
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Sort Field',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				values: [
					{ displayName: 'Field', name: 'field', type: 'string', default: 'CreatedDate', description: 'API name of the field to sort on' },
					{
						displayName: 'Direction',
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
		],
	},
];

export function description(resource: RecordResource): INodeProperties[] {
	const properties = [
		fieldsProperty,
		...conditionProperties,
		...sortProperties,
		...returnAllProperties,
		...(resource === 'opportunity' ? [includeLineItemsProperty] : []),
		queryOptionsProperty,
		...outputProperties({}, CANONICAL_NOTE),
	];
	return updateDisplayOptions({ show: { resource: [resource], operation: ['getMany'] } }, properties);
}

export interface ConditionParameter {
	field: string;
	operator: SoqlOperator;
	value?: string;
	valueType?: SoqlValueType | 'auto';
}

/** Conditions with each value's type taken from describe when the user left it to the field. */
export async function typedConditions(
	context: IExecuteFunctions,
	op: Pick<OperationContext, 'connection' | 'sObject'>,
	parameters: ConditionParameter[],
): Promise<SoqlCondition[]> {
	const needsDescribe = parameters.some((c) => (c.valueType ?? 'auto') === 'auto' && !c.field.includes('.'));
	const fields = needsDescribe ? await describeFields(context, op.connection, op.sObject) : [];
	return parameters.map((c) => {
		let type: SoqlValueType = 'string';
		if (c.valueType && c.valueType !== 'auto') type = c.valueType;
		else if (!c.field.includes('.')) {
			const info = fields.find((f) => f.name.toLowerCase() === c.field.trim().toLowerCase());
			if (!info) throw new Error(`Condition field "${c.field}" does not exist on ${op.sObject}`);
			type = valueTypeOf(info.type);
		}
		return { field: c.field.trim(), operator: c.operator, value: c.value, type };
	});
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const target = { system: 'salesforce', object: op.sObject, toCanonical };
	return await runReadPerItem(this, target, async ({ itemIndex, correlationId }, output) => {
		const conditions = await typedConditions(this, op, (this.getNodeParameter('conditions.condition', itemIndex, []) as ConditionParameter[]) ?? []);
		const sort = (this.getNodeParameter('sort.sortBy', itemIndex, []) as Array<{ field: string; direction: 'ASC' | 'DESC' }>) ?? [];
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const withLines = op.resource === 'opportunity' && (this.getNodeParameter('includeLineItems', itemIndex, true) as boolean);
		const soql = buildSoql({
			object: op.sObject,
			fields: await readFieldsOf(this, op.connection, op.resource, this.getNodeParameter('fields', itemIndex, ''), output.mode === 'canonical'),
			conditions,
			match: this.getNodeParameter('match', itemIndex, 'all') as 'all' | 'any',
			children: withLines ? [{ relationship: LINE_ITEM_RELATIONSHIP, fields: LINE_ITEM_FIELDS }] : undefined,
			orderBy: sort.map((s) => ({ field: s.field, direction: s.direction })),
			limit,
		});
		const batchSize = batchSizeOf(this.getNodeParameter('queryOptions', itemIndex, {}) as { batchSize?: number });
		const records = await queryAll(this, op.connection, soql, { correlationId, itemIndex, limit, batchSize });
		return records.map((r) => withoutAttributes(r) as IDataObject);
	});
}
