import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readOutputSettings } from '../../../../shared/canonicalOutput';
import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import { readChanges } from '../../../helpers/changes';
import type { ChangeType } from '../../../helpers/changes';
import { instant } from '../../../helpers/soapRequests';
import type { OperationContext } from '../context';
import { changeJson, today } from '../context';

/** The transaction log of a window, one item per change (no state: the trigger is the stateful reader). */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const at = new Date().toISOString();
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const updatedFrom = instant(this.getNodeParameter('updatedFrom', itemIndex, ''), 'updatedFrom');
		const throughText = this.getNodeParameter('updatedThrough', itemIndex, '') as string;
		const updatedThrough = throughText ? instant(throughText, 'updatedThrough') : at;
		if (Date.parse(updatedFrom) > Date.parse(updatedThrough)) throw new InvalidInputError('updatedFrom', 'updatedFrom: must be on or before updatedThrough (field: updatedFrom)');
		const types = this.getNodeParameter('changeTypes', itemIndex, []) as ChangeType[];
		const output = readOutputSettings((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
		const changes = await readChanges(this, op.connection, { updatedFrom, updatedThrough }, { today: today(), itemIndex, correlationId });
		return changes.filter((change) => !types.length || types.includes(change.changeType)).map((change) => changeJson(change, output, correlationId, at));
	});
}
