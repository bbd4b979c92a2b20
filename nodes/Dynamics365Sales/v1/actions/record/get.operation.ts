import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { alternateKeyOf, readQuery } from '../../../../Dataverse/descriptions';
import { dataverseGet } from '../../../../Dataverse/transport';
import { ACCOUNT_CANONICAL_EXPAND, OPPORTUNITY_CANONICAL_EXPAND } from '../../../helpers/tables';
import type { OperationContext } from './context';
import { canonicalTarget, recordIdOf } from './context';

/** What a canonical read must expand: the currency of money, and an opportunity's products. */
export function canonicalExpand(op: OperationContext, expand: string | undefined): string | undefined {
	const needed = op.table.canonicalObject === 'opportunity' ? OPPORTUNITY_CANONICAL_EXPAND : op.table.canonicalObject === 'account' ? ACCOUNT_CANONICAL_EXPAND : '';
	const parts = [...(expand ? [expand] : []), ...needed.split(',').filter((part) => part && !(expand ?? '').includes(part.replace(/\(.*$/, '')))];
	return parts.length ? parts.join(',') : undefined;
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(op), async ({ itemIndex, correlationId }, output) => {
		const key = this.getNodeParameter('getBy', itemIndex, 'id') === 'alternateKey' ? alternateKeyOf(this, itemIndex) : recordIdOf(this, itemIndex);
		const { query, formattedValues } = readQuery(this, itemIndex, false);
		if (output.mode === 'canonical') query.expand = canonicalExpand(op, query.expand);
		return await dataverseGet(this, op.connection, op.table.entitySet, key, query, { formattedValues: formattedValues || output.mode === 'canonical', correlationId, itemIndex });
	});
}
