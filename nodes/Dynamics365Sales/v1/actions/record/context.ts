import type { IExecuteFunctions } from 'n8n-workflow';

import { guidParameter } from '../../../../Dataverse/recordOperations';
import type { TableRecordContext } from '../../../../Dataverse/recordOperations';
import type { DataverseConnection } from '../../../../Dataverse/transport';
import { ACCOUNT_CANONICAL_EXPAND, OPPORTUNITY_CANONICAL_EXPAND } from '../../../helpers/tables';
import type { SalesTable, SalesTableName } from '../../../helpers/tables';
import { toCanonical } from '../../../canonical';

export interface OperationContext {
	resourceName: SalesTableName;
	table: SalesTable;
	connection: DataverseConnection;
}

/** The picked record's GUID. */
export function recordIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return guidParameter(context, 'recordId', itemIndex);
}

export function canonicalTarget(op: OperationContext) {
	return { system: 'dataverse', object: op.table.canonicalObject ?? op.table.logicalName, toCanonical };
}

/** The table for the shared Dataverse record operations; a Canonical read expands the currency of money, and an opportunity's products. */
export function recordContext(op: OperationContext): TableRecordContext {
	const canonicalExpand = op.table.canonicalObject === 'opportunity' ? OPPORTUNITY_CANONICAL_EXPAND : op.table.canonicalObject === 'account' ? ACCOUNT_CANONICAL_EXPAND : undefined;
	return { table: op.table, connection: op.connection, canonical: canonicalTarget(op), canonicalExpand };
}
