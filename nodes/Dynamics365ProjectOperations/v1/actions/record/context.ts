import type { IExecuteFunctions } from 'n8n-workflow';

import { guidParameter } from '../../../../Dataverse/recordOperations';
import type { TableRecordContext } from '../../../../Dataverse/recordOperations';
import type { DataverseConnection } from '../../../../Dataverse/transport';
import { toCanonical } from '../../../canonical';
import type { ProjectOperationsTable, ProjectOperationsTableName } from '../../../helpers/tables';

export interface OperationContext {
	resourceName: ProjectOperationsTableName;
	table: ProjectOperationsTable;
	connection: DataverseConnection;
}

export { guidParameter };

/** The picked record's GUID. */
export function recordIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return guidParameter(context, 'recordId', itemIndex);
}

export function canonicalTarget(op: OperationContext) {
	return { system: 'dataverse', object: op.table.canonicalObject ?? op.table.logicalName, toCanonical };
}

/** The table for the shared Dataverse record operations; a Canonical read expands what its mapping needs (currency, tasks, lines). */
export function recordContext(op: OperationContext): TableRecordContext {
	return { table: op.table, connection: op.connection, canonical: canonicalTarget(op), canonicalExpand: op.table.canonicalExpand };
}
