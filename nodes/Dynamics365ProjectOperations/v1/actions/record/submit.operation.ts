/**
 * Submit a time entry (msdyn_TimeEntriesSubmit) or an expense (msdyn_ExpenseEntriesSubmit) for approval, one
 * entry per item so a refused entry fails alone; the entry comes back as it is after the submit.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { callAction, dataverseGet } from '../../../../Dataverse/transport';
import type { OperationContext } from './context';
import { recordIdOf } from './context';

export const SUBMIT_ACTIONS: Record<string, { action: string; parameter: string }> = {
	timeEntry: { action: 'msdyn_TimeEntriesSubmit', parameter: 'TimeEntryIds' },
	expense: { action: 'msdyn_ExpenseEntriesSubmit', parameter: 'ExpenseEntryIds' },
};

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const submit = SUBMIT_ACTIONS[op.resourceName];
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		// Submitting twice is refused by Project Operations, so a resent submit would fail rather than duplicate.
		await callAction(this, op.connection, submit.action, { [submit.parameter]: id }, { correlationId, itemIndex });
		return await dataverseGet(this, op.connection, op.table.entitySet, id, {}, { correlationId, itemIndex });
	});
}
