import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { assertIdentifier } from '../../shared/kit';

export interface FieldPair {
	name: string;
	value: unknown;
}

/**
 * Field/value pairs to a record body. A dotted name sets a reference or subrecord field:
 * `subsidiary.id` = `1` gives `{ "subsidiary": { "id": "1" } }`.
 */
export function bodyFromFields(fields: FieldPair[]): IDataObject {
	const body: IDataObject = {};
	for (const { name, value } of fields) {
		const path = assertIdentifier(String(name ?? '').trim(), 'field name').split('.');
		let target = body;
		for (const segment of path.slice(0, -1)) {
			const next = target[segment];
			if (next === undefined) target[segment] = {};
			else if (typeof next !== 'object' || next === null || Array.isArray(next)) {
				throw new Error(`Field "${name}" conflicts with field "${segment}" set before it`);
			}
			target = target[segment] as IDataObject;
		}
		target[path[path.length - 1]] = value as IDataObject[string];
	}
	return body;
}

/** The record body an item asks for, from "Define Below" fields or the JSON parameter. */
export function recordBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const mode = context.getNodeParameter('specifyBody', itemIndex, 'defineBelow') as string;
	if (mode === 'json') {
		const raw = context.getNodeParameter('jsonBody', itemIndex, '{}') as unknown;
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = JSON.parse(raw || '{}');
			} catch (error) {
				throw new NodeOperationError(context.getNode(), `JSON Body is not valid JSON: ${(error as Error).message}`, {
					itemIndex,
					description: 'Field: jsonBody',
				});
			}
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw new NodeOperationError(context.getNode(), 'JSON Body must be an object of record fields', {
				itemIndex,
				description: 'Field: jsonBody',
			});
		}
		return parsed as IDataObject;
	}
	const fields = (context.getNodeParameter('fields.field', itemIndex, []) as FieldPair[]) ?? [];
	try {
		return bodyFromFields(fields);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex, description: 'Field: fields' });
	}
}

/** Sublists given as comma-separated names (the `replace` option). */
export function sublistNames(value: unknown): string[] {
	return typeof value === 'string' ? value.split(',').map((name) => name.trim()).filter(Boolean) : [];
}

/** Sublists the body sets (`{ "items": [...] }` values). */
export function sublistsIn(body: IDataObject): string[] {
	return Object.entries(body)
		.filter(([, value]) => typeof value === 'object' && value !== null && Array.isArray((value as IDataObject).items))
		.map(([name]) => name);
}

/**
 * Whether sending the body twice leaves the record as sending it once. Sublist lines without `replace` are
 * added to the record's lines, so a resent request would add them twice.
 */
export function isRepeatableWrite(body: IDataObject, replace: string[]): boolean {
	return sublistsIn(body).every((name) => replace.includes(name));
}
