import type { IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from '../../../../shared/kit';
import { isGuid } from '../../../../shared/kit/odata';
import type { DataverseConnection } from '../../../../Dataverse/transport';
import type { SalesTable, SalesTableName } from '../../../helpers/tables';
import { toCanonical } from '../../../canonical';

export interface OperationContext {
	resourceName: SalesTableName;
	table: SalesTable;
	connection: DataverseConnection;
}

/** The picked record's GUID. */
export function recordIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('recordId', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!isGuid(value)) throw new InvalidInputError('recordId', `recordId: a Dataverse record ID is a GUID, got ${JSON.stringify(value)} (field: recordId)`, 'INVALID_ID');
	return value.toLowerCase();
}

export function canonicalTarget(op: OperationContext) {
	return { system: 'dataverse', object: op.table.canonicalObject ?? op.table.logicalName, toCanonical };
}
