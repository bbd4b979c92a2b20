import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import { runReport } from '../../../transport';
import type { OperationContext } from '../context';

/** A custom report (RaaS) with its prompts as query parameters; one output item per Report_Entry row. */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const owner = String(this.getNodeParameter('reportOwner', itemIndex, '') ?? '').trim();
		const report = String(this.getNodeParameter('reportName', itemIndex, '') ?? '').trim();
		const prompts: IDataObject = {};
		for (const prompt of ((this.getNodeParameter('prompts', itemIndex, {}) as IDataObject).prompt ?? []) as IDataObject[]) {
			const name = String(prompt.name ?? '').trim();
			if (!name) throw new InvalidInputError('prompts', 'prompts: a prompt has no name (field: prompts)');
			if (name === 'format') throw new InvalidInputError('prompts', 'prompts: format is set by the node (JSON) (field: prompts)');
			prompts[name] = String(prompt.value ?? '');
		}
		return await runReport(this, op.connection, owner, report, prompts, { itemIndex, correlationId });
	});
}
