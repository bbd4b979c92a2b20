/**
 * Win / Lose an opportunity: the WinOpportunity / LoseOpportunity actions create the opportunityclose activity
 * and set the opportunity's state (Won, or Lost with Canceled / Out-Sold). Dataverse refuses to close an
 * opportunity that is already closed, so a retried close answers with that error rather than closing twice.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { decimalToNumber } from '../../../../../lib/canonical';
import type { Problem } from '../../../../../lib/canonical';
import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import { callAction, odataBind } from '../../../../Dataverse/transport';
import { LOSE_STATUSES, WIN_STATUS } from '../../../helpers/tables';
import type { OperationContext } from './context';
import { recordIdOf } from './context';

export function opportunityClose(id: string, details: IDataObject, won: boolean): IDataObject {
	const close: IDataObject = { subject: String(details.subject || (won ? 'Won' : 'Lost')), ...odataBind('opportunityid', 'opportunities', id) };
	if (details.actualend) {
		const date = String(details.actualend).trim();
		if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new InvalidInputError('actualend', `actualend: write the close date as YYYY-MM-DD, got "${date}" (field: actualend)`);
		close.actualend = date;
	}
	if (details.actualrevenue !== undefined && details.actualrevenue !== '') {
		const problems: Problem[] = [];
		const revenue = decimalToNumber(String(details.actualrevenue).trim(), 'actualrevenue', problems);
		if (problems.length) throw new InvalidInputError('actualrevenue', `actualrevenue: ${problems[0].reason} (field: actualrevenue)`);
		close.actualrevenue = revenue;
	}
	if (details.description) close.description = String(details.description);
	return close;
}

export async function execute(this: IExecuteFunctions, op: OperationContext, operation: 'win' | 'lose'): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		const details = this.getNodeParameter('closeDetails', itemIndex, {}) as IDataObject;
		const won = operation === 'win';
		const status = won ? WIN_STATUS : LOSE_STATUSES[(this.getNodeParameter('loseStatus', itemIndex, 'outSold') as keyof typeof LOSE_STATUSES) ?? 'outSold'];
		await callAction(this, op.connection, won ? 'WinOpportunity' : 'LoseOpportunity', { OpportunityClose: opportunityClose(id, details, won), Status: status }, { correlationId, itemIndex });
		return { opportunityid: id, statecode: won ? 1 : 2, statuscode: status, closed: won ? 'won' : 'lost' };
	});
}
