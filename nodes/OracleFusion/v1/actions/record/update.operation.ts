import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import { apiRequest, etagOf } from '../../../transport';
import type { OperationContext } from './context';
import { collectionPathOf, jsonBodyOf, recordIdOf } from './context';

/**
 * `PATCH` of the attributes given. With a concurrency check the version read is sent as `If-Match`, and Oracle
 * refuses the update (412) when someone changed the record since.
 */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const path = `${collectionPathOf(this, itemIndex, op.resource)}/${recordIdOf(this, itemIndex, op.resource)}`;
		const body = jsonBodyOf(this, itemIndex);
		const concurrency = this.getNodeParameter('concurrency', itemIndex, 'none') as string;
		const headers: IDataObject = {};
		if (concurrency === 'given') {
			const etag = String(this.getNodeParameter('etag', itemIndex, '')).trim();
			if (!etag) throw new InvalidInputError('etag', 'etag: Concurrency Check "Given ETag" needs the ETag of the version you read (field: etag)');
			headers['If-Match'] = etag;
		} else if (concurrency === 'read') {
			const current = await apiRequest<IDataObject>(this, op.connection, { method: 'GET', service: op.resource.service, path, qs: { onlyData: 'true' }, correlationId, itemIndex });
			const etag = etagOf(current);
			if (!etag) throw new Error(`Oracle sent no ETag for ${path}, so the update cannot be checked against the version read`);
			headers['If-Match'] = etag;
		}
		const response = await apiRequest<IDataObject>(this, op.connection, { method: 'PATCH', service: op.resource.service, path, body, headers, idempotent: true, correlationId, itemIndex });
		return response.body ?? {};
	});
}
