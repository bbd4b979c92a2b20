/**
 * Create: a project through msdyn_CreateProjectV1 (the project and its default bucket, at once), a team member
 * through msdyn_CreateTeamMemberV1, anything else with a POST. A create whose answer is lost is not resent;
 * time entries and expenses have Create or Update by `p2c_externalid` for flows that may run twice.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { writeBody } from '../../../../Dataverse/descriptions';
import { callAction, dataverseCreate, dataverseGet } from '../../../../Dataverse/transport';
import type { OperationContext } from './context';

/** The action that creates a scheduling entity at once, with the parameter that carries it and the id it answers. */
const IMMEDIATE: Record<string, { action: string; parameter: string; answer: string }> = {
	project: { action: 'msdyn_CreateProjectV1', parameter: 'Project', answer: 'ProjectId' },
	teamMember: { action: 'msdyn_CreateTeamMemberV1', parameter: 'TeamMember', answer: 'TeamMemberId' },
};

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const body = writeBody(this, itemIndex);
		const returnRecord = this.getNodeParameter('returnRecord', itemIndex, true) as boolean;
		const immediate = IMMEDIATE[op.resourceName];
		if (immediate) {
			const entity = { '@odata.type': `Microsoft.Dynamics.CRM.${op.table.logicalName}`, ...body };
			const answer = await callAction<IDataObject>(this, op.connection, immediate.action, { [immediate.parameter]: entity }, { correlationId, itemIndex });
			const id = String(answer[immediate.answer] ?? '');
			if (!returnRecord || !id) return { [op.table.idColumn]: id };
			return await dataverseGet(this, op.connection, op.table.entitySet, id, {}, { correlationId, itemIndex });
		}
		const result = await dataverseCreate(this, op.connection, op.table.entitySet, body, { returnRecord, correlationId, itemIndex });
		return result.record ?? { [op.table.idColumn]: result.id };
	});
}
