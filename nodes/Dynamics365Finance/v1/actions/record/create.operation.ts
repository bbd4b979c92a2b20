import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import type { OperationContext } from '../context';
import { companyOf, jsonObjectOf } from '../context';
import { bodyFor, createOnce } from './write';

/** One record; after a lost answer it is looked up by key (or external reference) before any resend. */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const scope = { context: this, connection: op.connection, entity: op.entity, company: companyOf(this, itemIndex, op.entity), itemIndex, correlationId };
		const externalReference = op.entity.externalReferenceField ? String(this.getNodeParameter('externalReference', itemIndex, '') ?? '').trim() || undefined : undefined;
		return await createOnce(scope, bodyFor(scope, jsonObjectOf(this, itemIndex, 'jsonBody'), externalReference), externalReference);
	});
}
