import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { outputProperties, runReadPerItem } from '../../../../shared/canonicalOutput';
import { pathSegment } from '../../../../shared/kit';
import { toCanonical } from '../../../canonical';
import { readFieldsOf } from '../../../helpers/canonicalFields';
import { fieldsOf, LINE_ITEM_FIELDS, LINE_ITEM_RELATIONSHIP, withoutAttributes } from '../../../helpers/objects';
import type { RecordResource } from '../../../helpers/objects';
import { buildSoql, soqlLiteral } from '../../../helpers/soql';
import { apiRequest, queryAll } from '../../../transport';
import { fieldsProperty, recordIdProperty } from '../common.descriptions';
import { checkedRecordId } from './context';
import type { OperationContext } from './context';

export const includeLineItemsProperty: INodeProperties = {
	displayName: 'Include Line Items',
	name: 'includeLineItems',
	type: 'boolean',
	default: true,
	description: 'Whether to read the opportunity products (OpportunityLineItem) with each opportunity, in one SOQL query',
};

/** What Canonical output does differently on Salesforce reads. */
export const CANONICAL_NOTE =
	'With Fields empty, Canonical output also reads every standard field the mapping uses that the org has (CurrencyIsoCode only in multi-currency orgs).';

export function description(resource: RecordResource): INodeProperties[] {
	const properties = [
		recordIdProperty,
		fieldsProperty,
		...(resource === 'opportunity' ? [includeLineItemsProperty] : []),
		...outputProperties({}, CANONICAL_NOTE),
	];
	return updateDisplayOptions({ show: { resource: [resource], operation: ['get'] } }, properties);
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const target = { system: 'salesforce', object: op.sObject, toCanonical };
	return await runReadPerItem(this, target, async ({ itemIndex, correlationId }, output) => {
		const id = checkedRecordId(this.getNodeParameter('recordId', itemIndex, '', { extractValue: true }));
		const rawFields = this.getNodeParameter('fields', itemIndex, []) as string | string[];
		const withLines = op.resource === 'opportunity' && (this.getNodeParameter('includeLineItems', itemIndex, true) as boolean);
		if (withLines) {
			const soql = buildSoql({
				object: op.sObject,
				fields: await readFieldsOf(this, op.connection, op.resource, rawFields, output.mode === 'canonical'),
				children: [{ relationship: LINE_ITEM_RELATIONSHIP, fields: LINE_ITEM_FIELDS }],
				where: [`Id = ${soqlLiteral(id, 'id')}`],
			});
			const [record] = await queryAll(this, op.connection, soql, { correlationId, itemIndex, limit: 1 });
			if (!record) throw new Error(`No ${op.sObject} with Id ${id}`);
			return withoutAttributes(record) as IDataObject;
		}
		const fields = String(rawFields).replace(/[\s,]/g, '') ? fieldsOf(op.resource, rawFields).join(',') : undefined;
		const response = await apiRequest<IDataObject>(this, op.connection, {
			method: 'GET',
			path: `/sobjects/${pathSegment(op.sObject, 'resource')}/${pathSegment(id, 'recordId')}`,
			qs: fields ? { fields } : undefined,
			correlationId,
			itemIndex,
		});
		return withoutAttributes(response.body) as IDataObject;
	});
}
