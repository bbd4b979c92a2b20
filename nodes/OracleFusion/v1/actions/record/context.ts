import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError, pathSegment } from '../../../../shared/kit';
import { jsonObjectParameter } from '../../../../shared/kit/jsonParameter';
import type { OracleResource, OracleResourceName } from '../../../helpers/resources';
import type { OracleConnection } from '../../../transport';
import { finderParam, nameList, oracleName, orderByParam, qExpression } from '../../../transport/query';
import type { QCondition, QOperator } from '../../../transport/query';

export interface OperationContext {
	resourceName: OracleResourceName;
	resource: OracleResource;
	connection: OracleConnection;
}

const KEY_PATTERNS: Record<OracleResource['keyKind'], { pattern: RegExp; text: string }> = {
	number: { pattern: /^\d+$/, text: 'a number' },
	// Oracle's hash keys are long hexadecimal strings (e.g. 00020000000EACED0005...).
	hash: { pattern: /^[A-Za-z0-9]+$/, text: 'the hash key Oracle gives in the record\'s self link (letters and digits)' },
	text: { pattern: /^[^\s/\\?#%]+$/, text: 'the key without spaces or slashes' },
};

/** A key for a path: checked against the resource's key kind, then encoded as one segment. */
export function keySegment(value: unknown, resource: Pick<OracleResource, 'keyKind' | 'key'>, field: string): string {
	const text = String(value ?? '').trim();
	const { pattern, text: expected } = KEY_PATTERNS[resource.keyKind];
	if (!pattern.test(text)) throw new InvalidInputError(field, `${field}: ${resource.key} must be ${expected}, got ${JSON.stringify(text)} (field: ${field})`, 'INVALID_ID');
	return pathSegment(text, field);
}

export function recordIdOf(context: IExecuteFunctions, itemIndex: number, resource: OracleResource): string {
	return keySegment(context.getNodeParameter('recordId', itemIndex, '', { extractValue: true }), resource, 'recordId');
}

/** The collection path, below the service root; a child collection under its parent item. */
export function collectionPathOf(context: IExecuteFunctions, itemIndex: number, resource: OracleResource): string {
	if (!resource.parent) return `/${resource.collection}`;
	const parentId = keySegment(context.getNodeParameter('parentId', itemIndex, ''), { keyKind: 'number', key: 'ProjectId' }, 'parentId');
	return `/projects/${parentId}/child/${resource.parent.child}`;
}

/** The Fields (JSON) parameter as an object (a JSON text or an object from an expression). */
export function jsonBodyOf(context: IExecuteFunctions, itemIndex: number, parameter = 'jsonBody'): IDataObject {
	return jsonObjectParameter(context, parameter, itemIndex, "the record's attributes");
}

/** `fields`, `expand` and `onlyData` of a read; `fields` and `expand` together are refused, as Oracle refuses them. */
export function shapeQuery(options: IDataObject, forcedExpand: string[] = []): IDataObject {
	const qs: IDataObject = {};
	const fields = nameList(options.fields, 'fields', { allowChild: true });
	const expandNames = [...new Set([...(nameList(options.expand, 'expand', { allowDotted: true })?.split(',') ?? []), ...forcedExpand])];
	if (fields && expandNames.length) {
		throw new InvalidInputError('fields', 'fields: Oracle does not take fields together with expand; name the children\'s attributes in fields instead (Child:Attr) or leave fields empty (field: fields)');
	}
	if (fields) qs.fields = fields;
	if (expandNames.length) qs.expand = expandNames.join(',');
	qs.onlyData = options.onlyData === false ? 'false' : 'true';
	return qs;
}

const OPERATOR_SYMBOLS: Record<string, QOperator> = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', like: 'LIKE', isNull: 'is null', isNotNull: 'is not null' };

/** The query of a Get Many: conditions as a `q` expression (every value escaped), a finder, the sort. */
export function listQuery(context: IExecuteFunctions, itemIndex: number, forcedExpand: string[] = []): IDataObject {
	const options = context.getNodeParameter('readOptions', itemIndex, {}) as IDataObject;
	const qs = shapeQuery(options, forcedExpand);
	const conditionRows = ((context.getNodeParameter('conditions', itemIndex, {}) as IDataObject).condition ?? []) as IDataObject[];
	const conditions: QCondition[] = conditionRows.map((row) => ({ attribute: String(row.attribute ?? ''), operator: OPERATOR_SYMBOLS[String(row.operator ?? 'eq')] ?? (String(row.operator) as QOperator), value: row.value }));
	const parts = [qExpression(conditions)].filter(Boolean) as string[];
	const rawQuery = String(options.query ?? '').trim();
	if (rawQuery) parts.push(conditions.length ? `(${rawQuery})` : rawQuery);
	if (parts.length) qs.q = parts.join(' and ');
	const finder = (context.getNodeParameter('finder', itemIndex, {}) as IDataObject).finder as IDataObject | undefined;
	if (finder?.name) {
		const variables: Record<string, unknown> = {};
		for (const row of ((finder.variables as IDataObject | undefined)?.variable ?? []) as IDataObject[]) variables[oracleName(String(row.name ?? ''), 'finder.variables')] = row.value;
		qs.finder = finderParam(String(finder.name), variables);
	}
	const orderBy = orderByParam(options.orderBy);
	if (orderBy) qs.orderBy = orderBy;
	return qs;
}
