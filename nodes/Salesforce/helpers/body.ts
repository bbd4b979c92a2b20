/** Record bodies from "Define Below" field/value pairs or a JSON object. */
import { jsonParse } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { assertIdentifier } from '../../shared/kit';

export type BodyMode = 'define' | 'json';

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
