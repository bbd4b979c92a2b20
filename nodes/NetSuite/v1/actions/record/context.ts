import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RecordTypeInfo } from '../../../helpers/recordTypes';
import { apiRequest, idFromLocation, recordPath } from '../../../transport';
import type { NetSuiteConnection } from '../../../transport';

/** What every record operation runs with: the account connection and the record type of the resource. */
export interface RecordOperationContext {
	connection: NetSuiteConnection;
	recordType: RecordTypeInfo;
}

/** The record id parameter, whether it came as a resource locator or a plain string. */
export function recordIdParameter(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('recordId', itemIndex, '', { extractValue: true }) as unknown;
	const id = String(typeof value === 'object' && value !== null ? ((value as IDataObject).value ?? '') : (value ?? '')).trim();
	if (!id) throw new Error('Record is empty: give an internal ID (field: recordId)');
	return id;
}

/** The internal id NetSuite put in the Location header of a 204 answer. */
export function idFromResponse(headers: Record<string, string>): string | undefined {
	return idFromLocation(headers.location ?? headers.Location);
}

/** Reads a record back after a write, when the user asked for it. */
export async function fetchRecord(
	context: IExecuteFunctions,
	ctx: RecordOperationContext,
	id: string,
	itemIndex: number,
	correlationId: string,
): Promise<IDataObject> {
	const response = await apiRequest<IDataObject>(context, ctx.connection, {
		method: 'GET',
		path: recordPath(ctx.recordType.restType, id),
		itemIndex,
		correlationId,
	});
	return response.body;
}
