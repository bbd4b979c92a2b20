import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { resourceOf } from '../../../helpers/resources';
import { sapRequest } from '../../../transport';
import type { OperationContext } from '../context';
import { keyPredicate, recordIdOf, writeFields } from '../context';

/** MERGE of the given fields (the others stay); SAP answers 204. Sending the same fields twice leaves the same record. */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const resource = resourceOf(op.resourceName);
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		const fields = writeFields(this, itemIndex);
		const response = await sapRequest(this, op.connection, { method: 'MERGE', service: resource.service, path: `/${resource.entitySet}${keyPredicate(resource, { [resource.key[0]]: id })}`, body: fields, correlationId, itemIndex, idempotent: true });
		return { [resource.key[0]]: id, updated: true, ...fields, ...(response.sapMessages.length ? { sapMessages: response.sapMessages } : {}) };
	});
}
