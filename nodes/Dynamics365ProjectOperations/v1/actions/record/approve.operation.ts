/**
 * Approve a submitted time entry or expense: its open project approval (msdyn_projectapprovals, stage
 * Submitted) is found and the approval action bound to it is called (msdyn_TimeEntriesApprove /
 * msdyn_ExpenseEntriesApprove); Project Operations then sets the entry to Approved and creates its actuals.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import { callAction, dataverseGet, dataverseGetAll } from '../../../../Dataverse/transport';
import { APPROVAL_STAGE_SUBMITTED } from '../../../helpers/tables';
import type { OperationContext } from './context';
import { recordIdOf } from './context';

const APPROVALS: Record<string, { column: string; action: string; parameter: string }> = {
	timeEntry: { column: '_msdyn_timeentry_value', action: 'msdyn_TimeEntriesApprove', parameter: 'TimeEntryIds' },
	expense: { column: '_msdyn_expenseentry_value', action: 'msdyn_ExpenseEntriesApprove', parameter: 'ExpenseEntryIds' },
};

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const approval = APPROVALS[op.resourceName];
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		const [open] = await dataverseGetAll(
			this,
			op.connection,
			'msdyn_projectapprovals',
			{ select: ['msdyn_projectapprovalid'], filter: `${approval.column} eq ${id} and msdyn_recordstage eq ${APPROVAL_STAGE_SUBMITTED}` },
			{ limit: 1, correlationId, itemIndex },
		);
		if (!open) throw new InvalidInputError('recordId', `recordId: ${op.table.label.toLowerCase()} ${id} has no approval waiting (submit it first, or it is approved already) (field: recordId)`, 'NOT_SUBMITTED');
		await callAction(this, op.connection, approval.action, { [approval.parameter]: id }, { bound: { entitySet: 'msdyn_projectapprovals', key: String(open.msdyn_projectapprovalid) }, correlationId, itemIndex });
		return await dataverseGet(this, op.connection, op.table.entitySet, id, {}, { correlationId, itemIndex });
	});
}
