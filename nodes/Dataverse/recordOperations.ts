/**
 * The record operations every table-per-resource Dataverse node (Dynamics 365 Sales, Project Operations) runs
 * the same way: Get (by record or alternate key), Get Many, Update (ETag-guarded PATCH) and Create or Update
 * (PATCH by alternate key), with Output Raw or Canonical. Each node passes its table, connection and mapping.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../shared/canonicalOutput';
import type { CanonicalTarget } from '../shared/canonicalOutput';
import { InvalidInputError, runPerItem } from '../shared/kit';
import { isGuid } from '../shared/kit/odata';
import { alternateKeyOf, readQuery, upsertModeOf, writeBody } from './descriptions';
import { dataverseGet, dataverseGetAll, dataverseUpdate, dataverseUpsert } from './transport';
import type { DataverseConnection } from './transport';

export interface TableRecordContext {
	table: { entitySet: string; idColumn: string };
	connection: DataverseConnection;
	canonical: CanonicalTarget;
	/** What a Canonical read must $expand (the currency of money, lines, products), comma-separated. */
	canonicalExpand?: string;
}

/** A GUID parameter (a resource locator's value or a plain string), lower-cased, or an error naming it. */
export function guidParameter(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = String(context.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!isGuid(value)) throw new InvalidInputError(name, `${name}: a Dataverse record ID is a GUID, got ${JSON.stringify(value)} (field: ${name})`, 'INVALID_ID');
	return value.toLowerCase();
}

/** The query's $expand with the navigations in `needed` it does not expand yet added. */
export function withCanonicalExpand(expand: string | undefined, needed: string | undefined): string | undefined {
	const present = (expand ?? '').split(',').map((part) => part.replace(/\(.*$/, '').trim());
	const missing = (needed ?? '').split(',').filter((part) => part && !present.includes(part.replace(/\(.*$/, '')));
	const parts = [...(expand ? [expand] : []), ...missing];
	return parts.length ? parts.join(',') : undefined;
}

export async function getRecord(this: IExecuteFunctions, op: TableRecordContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, op.canonical, async ({ itemIndex, correlationId }, output) => {
		const key = this.getNodeParameter('getBy', itemIndex, 'id') === 'alternateKey' ? alternateKeyOf(this, itemIndex) : guidParameter(this, 'recordId', itemIndex);
		const { query, formattedValues } = readQuery(this, itemIndex, false);
		if (output.mode === 'canonical') query.expand = withCanonicalExpand(query.expand, op.canonicalExpand);
		return await dataverseGet(this, op.connection, op.table.entitySet, key, query, { formattedValues: formattedValues || output.mode === 'canonical', correlationId, itemIndex });
	});
}

export async function getManyRecords(this: IExecuteFunctions, op: TableRecordContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, op.canonical, async ({ itemIndex, correlationId }, output) => {
		const { query, formattedValues } = readQuery(this, itemIndex, true);
		if (output.mode === 'canonical') query.expand = withCanonicalExpand(query.expand, op.canonicalExpand);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		return await dataverseGetAll(this, op.connection, op.table.entitySet, query, { limit, formattedValues: formattedValues || output.mode === 'canonical', correlationId, itemIndex });
	});
}

/** PATCH with If-Match: `*` (never creates), or the ETag given (a record changed since is refused as stale). */
export async function updateRecord(this: IExecuteFunctions, op: TableRecordContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = guidParameter(this, 'recordId', itemIndex);
		const body = writeBody(this, itemIndex);
		const etag = String(this.getNodeParameter('etag', itemIndex, '') ?? '');
		const returnRecord = this.getNodeParameter('returnRecord', itemIndex, true) as boolean;
		const result = await dataverseUpdate(this, op.connection, op.table.entitySet, id, body, { etag, returnRecord, correlationId, itemIndex });
		return result.record ?? { [op.table.idColumn]: result.id ?? id };
	});
}

/** PATCH by alternate key: a rerun updates what the first run created; the mode adds If-None-Match: * (create only) or If-Match: * (update only). */
export async function upsertRecord(this: IExecuteFunctions, op: TableRecordContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const key = alternateKeyOf(this, itemIndex);
		const body = writeBody(this, itemIndex);
		const mode = upsertModeOf(this, itemIndex);
		const returnRecord = this.getNodeParameter('returnRecord', itemIndex, true) as boolean;
		const result = await dataverseUpsert(this, op.connection, op.table.entitySet, key, body, mode, { returnRecord, correlationId, itemIndex });
		return { ...(result.record ?? { [op.table.idColumn]: result.id }), ...(result.created !== undefined ? { created: result.created } : {}) };
	});
}
