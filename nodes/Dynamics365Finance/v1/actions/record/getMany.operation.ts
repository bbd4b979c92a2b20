import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { fixedConditions } from '../../../helpers/entities';
import { listAll, scopeQuery } from '../../../transport';
import type { OperationContext } from '../context';
import { odataAnd, odataPropertyName } from '../../../../shared/kit/odata';
import { companyCondition, companyOf, condition } from '../context';
import { canonicalTarget, shapeForOutput } from './read';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(op.entity), async ({ itemIndex, correlationId }, output) => {
		const options = this.getNodeParameter('readOptions', itemIndex, {}) as IDataObject;
		const filters = this.getNodeParameter('filters', itemIndex, {}) as { conditions?: IDataObject[] };
		const company = op.entity.companyScoped && options.allCompanies !== true ? companyOf(this, itemIndex, op.entity) : undefined;
		const conditions = (filters.conditions ?? []).map((c) => condition(odataPropertyName(c.field, 'filters'), String(c.operator ?? 'eq'), String(c.value ?? ''), String(c.valueType ?? 'string')));
		const qs: IDataObject = {};
		const filter = odataAnd(companyCondition(company), ...fixedConditions(op.entity), ...conditions);
		if (filter) qs.$filter = filter;
		if (options.select) qs.$select = String(options.select).split(',').map((f) => odataPropertyName(f, 'select')).join(',');
		if (options.orderBy) {
			const [field, direction = 'asc', ...rest] = String(options.orderBy).trim().split(/\s+/);
			if (rest.length || !/^(asc|desc)$/i.test(direction)) throw new Error('orderBy: write it as a field, optionally followed by asc or desc (field: orderBy)');
			qs.$orderby = `${odataPropertyName(field, 'orderBy')} ${direction.toLowerCase()}`;
		}
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const records = await listAll(this, op.connection, `/${op.entity.set}`, scopeQuery(op.entity, qs), { limit, correlationId, itemIndex });
		return await shapeForOutput(this, op.connection, op.entity, records, output.mode === 'canonical', itemIndex, correlationId, options.includeLines === true);
	});
}
