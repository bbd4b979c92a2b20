import type { IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from '../../../../shared/kit';
import { isGuid } from '../../../../shared/kit/odata';
import type { DataverseConnection } from '../../../../Dataverse/transport';
import { toCanonical } from '../../../canonical';
import type { ProjectOperationsTable, ProjectOperationsTableName } from '../../../helpers/tables';

export interface OperationContext {
	resourceName: ProjectOperationsTableName;
	table: ProjectOperationsTable;
	connection: DataverseConnection;
}

/** A GUID parameter (a resource locator's value or a plain string), lower-cased, or an error naming it. */
export function guidParameter(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = String(context.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!isGuid(value)) throw new InvalidInputError(name, `${name}: a Dataverse record ID is a GUID, got ${JSON.stringify(value)} (field: ${name})`, 'INVALID_ID');
	return value.toLowerCase();
}

/** The picked record's GUID. */
export function recordIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return guidParameter(context, 'recordId', itemIndex);
}

export function canonicalTarget(op: OperationContext) {
	return { system: 'dataverse', object: op.table.canonicalObject ?? op.table.logicalName, toCanonical };
}

/** The query's $expand with what a Canonical read of the table needs added (currency, tasks, lines). */
export function canonicalExpand(op: OperationContext, expand: string | undefined): string | undefined {
	const present = (expand ?? '').split(',').map((part) => part.replace(/\(.*$/, '').trim());
	const needed = (op.table.canonicalExpand ?? '').split(',').filter((part) => part && !present.includes(part.replace(/\(.*$/, '')));
	const parts = [...(expand ? [expand] : []), ...needed];
	return parts.length ? parts.join(',') : undefined;
}
