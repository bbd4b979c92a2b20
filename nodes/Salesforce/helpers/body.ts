/** Record bodies from "Define Below" field/value pairs or a JSON object. */
import { jsonParse } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, ResourceMapperValue } from 'n8n-workflow';

import { assertIdentifier } from '../../shared/kit';

export type BodyMode = 'define' | 'json' | 'mapper';

function parseJsonParameter(raw: unknown, what: string): unknown {
	if (typeof raw !== 'string') return raw;
	const text = raw.trim();
	if (!text) return {};
	return jsonParse(text, { errorMessage: `${what} is not valid JSON` });
}

/** The body of one item's write. Field names are checked; values pass as given (Salesforce types them). */
export function recordBodyOf(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const mode = context.getNodeParameter('bodyMode', itemIndex, 'define') as BodyMode;
	let body: IDataObject;
	if (mode === 'json') {
		const parsed = parseJsonParameter(context.getNodeParameter('bodyJson', itemIndex, '{}'), 'Fields (JSON)');
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Fields (JSON) must be a JSON object of field names to values');
		body = { ...(parsed as IDataObject) };
	} else if (mode === 'mapper') {
		body = mappedBodyOf(context, itemIndex);
	} else {
		const pairs = (context.getNodeParameter('fieldsUi.field', itemIndex, []) as Array<{ name: string; value: unknown }>) ?? [];
		body = {};
		for (const { name, value } of pairs) body[String(name).trim()] = value === '' ? null : (value as IDataObject[string]);
	}
	for (const key of Object.keys(body)) {
		if (key === 'attributes') delete body[key];
		else assertIdentifier(key, 'field name');
	}
	return body;
}

/** A mapped value as Salesforce takes it: n8n hands dateTime fields over as Luxon DateTimes. */
function mappedValue(value: unknown): IDataObject[string] {
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return (value as { toISO: () => string }).toISO();
	}
	return value as IDataObject[string];
}

/**
 * The body from the resource mapper ("Map Fields"). Fields left empty are not sent. Auto-map takes the input
 * item's keys that name a field of the object, so the item's other keys (correlationId …) stay out.
 */
function mappedBodyOf(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const columns = context.getNodeParameter('columns', itemIndex, {}) as Partial<ResourceMapperValue>;
	let values: IDataObject;
	if (columns.mappingMode === 'autoMapInputData') {
		const known = new Set((columns.schema ?? []).filter((field) => !field.removed).map((field) => field.id));
		const json = context.getInputData()[itemIndex]?.json ?? {};
		values = Object.fromEntries(Object.entries(json).filter(([key]) => known.has(key)));
	} else {
		values = (context.getNodeParameter('columns.value', itemIndex, {}) as IDataObject | null) ?? {};
	}
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		if (value === null || value === undefined || value === '') continue;
		body[name] = mappedValue(value);
	}
	return body;
}

/** Opportunity line items given with an opportunity create. */
export function lineItemsOf(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const mode = context.getNodeParameter('bodyMode', itemIndex, 'define') as BodyMode;
	let items: unknown;
	if (mode === 'json') {
		items = parseJsonParameter(context.getNodeParameter('lineItemsJson', itemIndex, '[]'), 'Line Items (JSON)');
		if (!Array.isArray(items)) throw new Error('Line Items (JSON) must be a JSON array of line item objects');
	} else {
		const rows = (context.getNodeParameter('lineItemsUi.lineItem', itemIndex, []) as IDataObject[]) ?? [];
		items = rows.map((row) => {
			const out: IDataObject = {};
			// UI keys are camelCase; Salesforce's are PascalCase (product2Id → Product2Id).
			for (const [key, value] of Object.entries(row)) if (value !== '' && value !== undefined) out[key.charAt(0).toUpperCase() + key.slice(1)] = value;
			return out;
		});
	}
	return (items as IDataObject[]).map((item, i) => {
		if (!item || typeof item !== 'object' || Array.isArray(item)) throw new Error(`Line item ${i + 1} must be an object`);
		for (const key of Object.keys(item)) assertIdentifier(key, `line item ${i + 1} field name`);
		return { ...item };
	});
}
