import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import type { OperationContext } from '../context';
import { companyOf, jsonObjectOf, pickedKey } from '../context';
import { patch } from './write';

/** PATCH by key (company and key in the URL); the record as it is afterwards. */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const key = pickedKey(this, itemIndex, op.entity);
		const changes = jsonObjectOf(this, itemIndex, 'jsonBody');
		for (const field of ['dataAreaId', ...op.entity.key]) delete changes[field];
		const scope = { context: this, connection: op.connection, entity: op.entity, company: companyOf(this, itemIndex, op.entity), itemIndex, correlationId };
		return await patch(scope, key, changes);
	});
}
