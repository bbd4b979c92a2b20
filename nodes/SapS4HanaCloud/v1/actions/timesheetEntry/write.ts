import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import { TIMESHEET_SERVICE } from '../../../helpers/resources';
import { plainRecord, sapRequest, unwrap } from '../../../transport';
import type { OperationContext } from '../context';
import { entryBody } from './entry';

/** Change ('U') or delete ('D') an entry by its record number: both are POSTs with TimeSheetOperation, as the API has it. */
export async function writeExisting(this: IExecuteFunctions, op: OperationContext, operation: 'U' | 'D'): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const record = String(this.getNodeParameter('timeSheetRecord', itemIndex, '')).trim();
		if (!/^\d{1,12}$/.test(record)) throw new InvalidInputError('timeSheetRecord', `timeSheetRecord: "${record}" is not a time sheet record number (field: timeSheetRecord)`, 'INVALID_ID');
		const body: IDataObject =
			operation === 'U'
				? { ...entryBody(this, itemIndex, 'U'), TimeSheetRecord: record.padStart(12, '0') }
				: {
						PersonWorkAgreementExternalID: String(this.getNodeParameter('personWorkAgreementExternalId', itemIndex, '')).trim(),
						CompanyCode: String(this.getNodeParameter('companyCode', itemIndex, '')).trim(),
						TimeSheetRecord: record.padStart(12, '0'),
						TimeSheetOperation: 'D',
					};
		// Changing or cancelling the same record twice leaves it the same, so a lost answer may be resent.
		const response = await sapRequest<IDataObject>(this, op.connection, { method: 'POST', service: TIMESHEET_SERVICE, path: '/TimeSheetEntryCollection', body, correlationId, itemIndex, idempotent: true });
		return { ...plainRecord(unwrap(response.body)), ...(response.sapMessages.length ? { sapMessages: response.sapMessages } : {}) };
	});
}
