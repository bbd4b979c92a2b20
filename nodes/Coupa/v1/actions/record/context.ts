import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError, pathSegment } from '../../../../shared/kit';
import { jsonObjectParameter } from '../../../../shared/kit/jsonParameter';
import type { CoupaResource, CoupaResourceName } from '../../../helpers/resources';
import { fieldsParameter, filterParameter, filterQuery } from '../../../transport';
import type { CoupaConnection, CoupaFilter, FilterOperator } from '../../../transport';

export interface OperationContext {
	resourceName: CoupaResourceName;
	resource: CoupaResource;
	connection: CoupaConnection;
}

/** A Coupa id (digits only), ready for a path; `field` names the parameter it came from. */
export function coupaId(value: unknown, field: string): string {
	const text = String(value ?? '').trim();
	if (!/^\d+$/.test(text)) throw new InvalidInputError(field, `${field}: a Coupa ID is a number, got ${JSON.stringify(text)} (field: ${field})`, 'INVALID_ID');
	return pathSegment(text, field);
}

export function recordIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return coupaId(context.getNodeParameter('recordId', itemIndex, '', { extractValue: true }), 'recordId');
}

export function jsonBodyOf(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return jsonObjectParameter(context, 'jsonBody', itemIndex, "the record's attributes");
}

/** `fields` and `return_object` of a read. */
export function shapeQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = context.getNodeParameter('readOptions', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const fields = fieldsParameter(options.fields, 'fields');
	if (fields) qs.fields = fields;
	if (options.returnObject === 'shallow' || options.returnObject === 'limited') qs.return_object = options.returnObject;
	return qs;
}

/** A Get Many's query: common filters, conditions, order; every value a value, every name checked. */
export function listQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const conditions = ((context.getNodeParameter('conditions', itemIndex, {}) as IDataObject).condition ?? []) as IDataObject[];
	const list: CoupaFilter[] = [];
	if (typeof filters.status === 'string' && filters.status.trim()) list.push({ attribute: 'status', operator: 'eq', value: filters.status.trim() });
	if (filters.exported === 'true' || filters.exported === 'false') list.push({ attribute: 'exported', operator: 'eq', value: filters.exported });
	if (filters.updatedSince) {
		const at = new Date(String(filters.updatedSince));
		if (Number.isNaN(at.getTime())) throw new InvalidInputError('updatedSince', 'updatedSince: not a date and time (field: updatedSince)');
		list.push({ attribute: 'updated-at', operator: 'gt_or_eq', value: at.toISOString() });
	}
	for (const condition of conditions) {
		list.push({ attribute: String(condition.attribute ?? ''), operator: (condition.operator ?? 'eq') as FilterOperator, value: String(condition.value ?? '') });
	}
	const qs = { ...filterQuery(list, 'conditions'), ...shapeQuery(context, itemIndex) };
	const options = context.getNodeParameter('readOptions', itemIndex, {}) as IDataObject;
	if (typeof options.orderBy === 'string' && options.orderBy.trim()) {
		// Checked as an attribute name, the same way as a filter's.
		const [orderBy] = filterParameter({ attribute: options.orderBy.trim(), operator: 'eq', value: '' }, 'orderBy');
		qs.order_by = orderBy;
		qs.dir = options.dir === 'desc' ? 'desc' : 'asc';
	}
	return qs;
}

/** `return_object` of a write, when not the full record. */
export function writeQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = context.getNodeParameter('writeOptions', itemIndex, {}) as IDataObject;
	return ['shallow', 'limited', 'none'].includes(String(options.returnObject)) ? { return_object: options.returnObject } : {};
}
