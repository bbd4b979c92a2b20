import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { outputProperties, runReadPerItem } from '../../../../shared/canonicalOutput';
import { withoutAttributes } from '../../../../Salesforce/helpers/objects';
import { buildSoql } from '../../../../Salesforce/helpers/soql';
import { queryAll } from '../../../../Salesforce/transport';
import { typedConditions } from '../../../../Salesforce/v1/actions/record/getMany.operation';
import type { ConditionParameter } from '../../../../Salesforce/v1/actions/record/getMany.operation';
import { batchSizeOf, conditionProperties, fieldsProperty, queryOptionsProperty, returnAllProperties } from '../../../../Salesforce/v1/actions/common.descriptions';
import { toCanonical } from '../../../canonical';
import { CANONICAL_RESOURCES, certiniaFieldsOf, resourceInfo } from '../../../helpers/objects';
import type { CertiniaResource } from '../../../helpers/objects';
import type { CertiniaOperationContext } from './context';

export function description(resources: CertiniaResource[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: resources, operation: ['getMany'] } }, [
		fieldsProperty,
		...conditionProperties,
		...returnAllProperties,
		queryOptionsProperty,
		...outputProperties({ show: { resource: CANONICAL_RESOURCES } }, CANONICAL_NOTE),
	]);
}

/** What Canonical output does differently on Certinia reads. */
export const CANONICAL_NOTE =
	"A project comes with its project tasks (the WBS) and a billing event with its items, read in the same SOQL query. A timecard maps to a time entry when it has one worked day.";

export async function execute(this: IExecuteFunctions, op: CertiniaOperationContext): Promise<INodeExecutionData[]> {
	const target = { system: 'certinia', object: op.sObject, toCanonical };
	return await runReadPerItem(this, target, async ({ itemIndex, correlationId }, output) => {
		const conditions = await typedConditions(this, op, (this.getNodeParameter('conditions.condition', itemIndex, []) as ConditionParameter[]) ?? []);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const soql = buildSoql({
			object: op.sObject,
			fields: certiniaFieldsOf(op.resource, this.getNodeParameter('fields', itemIndex, [])),
			conditions,
			match: this.getNodeParameter('match', itemIndex, 'all') as 'all' | 'any',
			where: resourceInfo(op.resource).baseConditions,
			children: output.mode === 'canonical' ? resourceInfo(op.resource).canonicalChildren : undefined,
			orderBy: [{ field: 'Id', direction: 'ASC' }],
			limit,
		});
		const batchSize = batchSizeOf(this.getNodeParameter('queryOptions', itemIndex, {}) as { batchSize?: number });
		const records = await queryAll(this, op.connection, soql, { correlationId, itemIndex, limit, batchSize });
		return records.map((r) => withoutAttributes(r) as IDataObject);
	});
}
