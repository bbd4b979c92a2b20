import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { apiRequest, parseLimitInfo } from '../../../transport';
import type { SalesforceConnection } from '../../../transport';

/**
 * Daily API requests from /limits, plus the Sforce-Limit-Info header of the same response. A workflow can
 * check the headroom before a large sync (Salesforce refuses with 403 REQUEST_LIMIT_EXCEEDED once it is spent).
 */
export async function execute(this: IExecuteFunctions, connection: SalesforceConnection): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const response = await apiRequest<IDataObject>(this, connection, { method: 'GET', path: '/limits', correlationId, itemIndex });
		const daily = (response.body.DailyApiRequests ?? {}) as IDataObject;
		const max = Number(daily.Max);
		const remaining = Number(daily.Remaining);
		return {
			dailyApiRequests: { max, remaining, used: max - remaining },
			limitInfoHeader: parseLimitInfo(response.headers['sforce-limit-info']) ?? null,
		};
	});
}
