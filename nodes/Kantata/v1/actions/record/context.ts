import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError, pathSegment } from '../../../../shared/kit';
import { jsonObjectParameter } from '../../../../shared/kit/jsonParameter';
import type { KantataResource, KantataResourceName } from '../../../helpers/resources';
import type { KantataConnection } from '../../../transport';

export interface OperationContext {
	resourceName: KantataResourceName;
	resource: KantataResource;
	connection: KantataConnection;
}

/** The picked record's Kantata id (digits only), ready for a path. */
export function recordIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('recordId', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(value)) throw new InvalidInputError('recordId', `recordId: a Kantata ID is a number, got ${JSON.stringify(value)} (field: recordId)`, 'INVALID_ID');
	return pathSegment(value, 'recordId');
}

/** The Fields (JSON) parameter as an object (a JSON text or an object from an expression). */
export function jsonBodyOf(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return jsonObjectParameter(context, 'jsonBody', itemIndex, "the record's attributes");
}

/** The query of a read: filters and options, every value passed as a query parameter (encoded by the HTTP client). */
export function readQuery(context: IExecuteFunctions, itemIndex: number, operation: 'get' | 'getMany', canonicalIncludes: string[] = []): { qs: IDataObject; includes: string[] } {
	const options = context.getNodeParameter('readOptions', itemIndex, {}) as IDataObject;
	const picked = Array.isArray(options.include) ? (options.include as string[]) : typeof options.include === 'string' && options.include ? String(options.include).split(',') : [];
	const includes = [...new Set([...picked, ...canonicalIncludes])];
	const qs: IDataObject = {};
	if (includes.length) qs.include = includes.join(',');
	if (operation === 'get') return { qs, includes };
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const list = (value: unknown, field: string) => {
		const ids = String(value).split(',').map((s) => s.trim()).filter(Boolean);
		for (const id of ids) if (!/^\d+$/.test(id)) throw new InvalidInputError(field, `${field}: "${id}" is not a Kantata ID (field: ${field})`);
		return ids.join(',');
	};
	if (filters.workspaceId) qs.workspace_id = list(filters.workspaceId, 'workspaceId');
	if (filters.userId) qs.user_id = list(filters.userId, 'userId');
	if (filters.updatedAfter) qs.updated_after = new Date(String(filters.updatedAfter)).toISOString();
	if (filters.createdAfter) qs.created_after = new Date(String(filters.createdAfter)).toISOString();
	if (filters.approved === 'true' || filters.approved === 'false') qs.approved = filters.approved;
	if (filters.billable === 'true' || filters.billable === 'false') qs.billable = filters.billable;
	if (filters.uninvoiced === true) qs.uninvoiced = 'true';
	if (filters.datePerformedBetween) {
		const range = String(filters.datePerformedBetween).trim();
		if (!/^\d{4}-\d{2}-\d{2}:\d{4}-\d{2}-\d{2}$/.test(range)) throw new InvalidInputError('datePerformedBetween', 'datePerformedBetween: write the range as YYYY-MM-DD:YYYY-MM-DD (field: datePerformedBetween)');
		qs.date_performed_between = range;
	}
	if (filters.search) qs.search = String(filters.search);
	if (filters.subjectType) qs.subject_type = String(filters.subjectType);
	if (filters.eventTypes) qs.event_types = String(filters.eventTypes).split(',').map((s) => s.trim()).filter(Boolean).join(',');
	if (options.only) qs.only = list(options.only, 'only');
	if (options.order) {
		const order = String(options.order).trim();
		if (!/^[a-z_]+:(asc|desc)$/.test(order)) throw new InvalidInputError('order', 'order: write it as attribute:asc or attribute:desc (field: order)');
		qs.order = order;
	}
	return { qs, includes };
}
