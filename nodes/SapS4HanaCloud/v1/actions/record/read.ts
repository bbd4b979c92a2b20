import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { toCanonical } from '../../../canonical';
import { resourceOf } from '../../../helpers/resources';
import { listAll, plainRecord, sapRequest, unwrap } from '../../../transport';
import type { OperationContext } from '../context';
import { odataAnd, odataPropertyName } from '../../../../shared/kit/odata';
import { condition, keyPredicate, recordIdOf } from '../context';

export async function readRecords(this: IExecuteFunctions, op: OperationContext, many: boolean): Promise<INodeExecutionData[]> {
	const resource = resourceOf(op.resourceName);
	return await runReadPerItem(this, { system: 'sap', object: resource.entitySet, toCanonical }, async ({ itemIndex, correlationId }) => {
		if (!many) {
			const key = resource.key.length === 1 ? { [resource.key[0]]: recordIdOf(this, itemIndex) } : { [resource.key[0]]: recordIdOf(this, itemIndex), FiscalYear: String(this.getNodeParameter('fiscalYear', itemIndex, '')) };
			const qs: IDataObject = { $format: 'json', ...(resource.expand ? { $expand: resource.expand } : {}) };
			const response = await sapRequest<IDataObject>(this, op.connection, { method: 'GET', service: resource.service, path: `/${resource.entitySet}${keyPredicate(resource, key)}`, qs, correlationId, itemIndex });
			return plainRecord(unwrap(response.body));
		}
		const rows = ((this.getNodeParameter('conditions', itemIndex, {}) as IDataObject).condition ?? []) as IDataObject[];
		const filter = odataAnd(...rows.map((row) => condition(odataPropertyName(row.field, 'conditions'), String(row.operator ?? 'eq'), String(row.value ?? ''), String(row.valueType ?? 'text'))));
		const select = String(this.getNodeParameter('select', itemIndex, '') ?? '').split(',').map((name) => name.trim()).filter(Boolean).map((name) => odataPropertyName(name, 'select'));
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const qs: IDataObject = {};
		if (filter) qs.$filter = filter;
		if (select.length) qs.$select = select.join(',');
		if (resource.expand && !select.length) qs.$expand = resource.expand;
		return await listAll(this, op.connection, resource.service, `/${resource.entitySet}`, qs, { limit, correlationId, itemIndex });
	});
}
