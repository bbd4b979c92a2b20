/**
 * Replace a resource assignment: Project Operations never updates assignments, so the old one is deleted and
 * the new one (on the new task and team member) created in the same operation set, applied together or not
 * at all.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { dataverseGet } from '../../../../Dataverse/transport';
import { newRecordId } from '../../../helpers/operationSets';
import type { OperationContext } from '../record/context';
import { guidParameter, recordIdOf } from '../record/context';
import { runItems } from './applyWbsChanges.operation';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runItems.call(this, op, async (itemIndex) => {
		const oldId = recordIdOf(this, itemIndex);
		const taskId = guidParameter(this, 'taskId', itemIndex);
		const teamMemberId = guidParameter(this, 'teamMemberId', itemIndex);
		const old = await dataverseGet(this, op.connection, 'msdyn_resourceassignments', oldId, { select: ['_msdyn_projectid_value', 'msdyn_name'] }, { itemIndex });
		const projectId = String(old._msdyn_projectid_value);
		const newId = newRecordId();
		return {
			itemIndex,
			projectId,
			operations: [
				{ kind: 'delete', logicalName: 'msdyn_resourceassignment', recordId: oldId },
				{
					kind: 'create',
					logicalName: 'msdyn_resourceassignment',
					recordId: newId,
					entity: {
						'@odata.type': 'Microsoft.Dynamics.CRM.msdyn_resourceassignment',
						msdyn_resourceassignmentid: newId,
						...(typeof old.msdyn_name === 'string' ? { msdyn_name: old.msdyn_name } : {}),
						'msdyn_projectid@odata.bind': `/msdyn_projects(${projectId})`,
						'msdyn_taskid@odata.bind': `/msdyn_projecttasks(${taskId})`,
						'msdyn_projectteamid@odata.bind': `/msdyn_projectteams(${teamMemberId})`,
					},
				},
			],
		};
	});
}
