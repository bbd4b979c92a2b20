import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FieldOverride, Problem, UnknownFields } from '../../../lib/canonical';
import { getPath } from '../../../lib/canonical';
import { holdsExpression } from '../../shared/kit';

export type Outputs = [INodeExecutionData[], INodeExecutionData[]];

export const fieldOverridesProperty: INodeProperties = {
	displayName: 'Field Mapping Overrides',
	name: 'fieldOverrides',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Override',
	default: {},
	description:
		'Map extra vendor fields for this run, e.g. the Salesforce custom field Practice__c to project.practice. Read into the canonical record by toCanonical, written back by fromCanonical.',
	options: [
		{
			displayName: 'Override',
			name: 'override',
			values: [
				{
					displayName: 'Vendor Field',
					name: 'source',
					type: 'string',
					default: '',
					placeholder: 'Practice__c',
					description: 'Path of the field in the vendor record (dots for nested fields)',
				},
				{
					displayName: 'Canonical Field',
					name: 'target',
					type: 'string',
					default: '',
					placeholder: 'project.practice',
					description: 'Path in the canonical record, starting with the entity name (e.g. project.practice or timeEntry.customFields.region)',
				},
			],
		},
	],
};

export const unknownFieldsOption: INodeProperties = {
	displayName: 'Unknown Fields',
	name: 'unknownFields',
	type: 'options',
	options: [
		{
			name: 'Lenient',
			value: 'lenient',
			description: 'Ignore vendor fields no mapping reads, and keep fields the canonical schema does not define',
		},
		{
			name: 'Strict',
			value: 'strict',
			description:
				'Send the item to Exceptions when it has a vendor field no mapping reads (e.g. an unmapped custom field) or a field the canonical schema does not define',
		},
	],
	default: 'lenient',
};

export const recordFieldOption: INodeProperties = {
	displayName: 'Record Field',
	name: 'recordField',
	type: 'string',
	default: '',
	placeholder: 'record',
	description: 'Field of the input item that holds the record (dots for nested fields). Leave empty to use the whole item.',
};

export const verifyKeyOption: INodeProperties = {
	displayName: 'Check Idempotency Key',
	name: 'verifyIdempotencyKey',
	type: 'boolean',
	default: true,
	description: 'Whether a canonical record whose content no longer matches its idempotency key goes to Exceptions',
};

export interface RunOptions {
	unknownFields: UnknownFields;
	recordField: string;
	verifyIdempotencyKey: boolean;
}

/**
 * Reads a parameter for an item. A parameter without an expression has the same value for every item, and n8n
 * resolves and copies it on every read, so it is read once and the value shared (nothing here changes it); one
 * with an expression, or when the node's raw parameters are not known, is read per item.
 */
export function parameterReader<T>(context: IExecuteFunctions, name: string, fallback?: T): (itemIndex: number) => T {
	const raw = context.getNode()?.parameters as Record<string, unknown> | undefined;
	const read = (itemIndex: number) => (fallback === undefined ? context.getNodeParameter(name, itemIndex) : context.getNodeParameter(name, itemIndex, fallback)) as T;
	if (raw === undefined || holdsExpression(raw[name])) return read;
	let value: { read: T } | undefined;
	return (itemIndex) => {
		value ??= { read: read(itemIndex) };
		return value.read;
	};
}

/** The run options of each item (read once when they hold no expression; see parameterReader). */
export function optionsReader(context: IExecuteFunctions): (itemIndex: number) => RunOptions {
	const read = parameterReader<IDataObject>(context, 'options', {});
	let last: { raw: IDataObject; options: RunOptions } | undefined;
	return (itemIndex) => {
		const options = read(itemIndex);
		if (last?.raw !== options) {
			last = {
				raw: options,
				options: {
					unknownFields: options.unknownFields === 'strict' ? 'strict' : 'lenient',
					recordField: typeof options.recordField === 'string' ? options.recordField.trim() : '',
					verifyIdempotencyKey: options.verifyIdempotencyKey !== false,
				},
			};
		}
		return last.options;
	};
}

/** The field mapping overrides of each item (read once when they hold no expression; see parameterReader). */
export function overridesReader(context: IExecuteFunctions): (itemIndex: number) => FieldOverride[] {
	const read = parameterReader<{ override?: Array<{ source?: string; target?: string }> }>(context, 'fieldOverrides', {});
	let last: { raw: unknown; overrides: FieldOverride[] } | undefined;
	return (itemIndex) => {
		const collection = read(itemIndex);
		if (last?.raw !== collection) {
			last = { raw: collection, overrides: (collection.override ?? []).map((entry) => ({ source: String(entry.source ?? '').trim(), target: String(entry.target ?? '').trim() })) };
		}
		return last.overrides;
	};
}

/** Whether the node runs as an AI agent's tool (n8n gives the tool variant the type name plus "Tool"). */
export function isAgentTool(context: IExecuteFunctions): boolean {
	return context.getNode()?.type?.endsWith('Tool') === true;
}

/**
 * An agent's tool answers with its first output only, so as a tool every item goes there, each marked valid or
 * not (exceptions keep their problems).
 */
export function forAgentTool(outputs: Outputs): Outputs {
	const [valid, exceptions] = outputs;
	return [
		[...valid.map((item) => ({ ...item, json: { valid: true, ...item.json } })), ...exceptions.map((item) => ({ ...item, json: { valid: false, ...item.json } }))],
		[],
	];
}

export function recordOf(json: IDataObject, recordField: string): unknown {
	return recordField === '' ? json : getPath(json, recordField);
}

/** An item for the Exceptions output: the original payload, its correlation id and what is wrong with it. */
export function exceptionItem(
	itemIndex: number,
	payload: unknown,
	correlationId: string,
	problems: Problem[],
	extra: IDataObject = {},
): INodeExecutionData {
	return {
		json: { ...extra, payload: payload as IDataObject, correlationId, problems: problems as unknown as IDataObject[] },
		pairedItem: { item: itemIndex },
	};
}

export type Routed = { valid: true; item: INodeExecutionData } | { valid: false; item: INodeExecutionData };

/**
 * Routes every input item to exactly one output, paired with its input. A mapper that throws despite its
 * contract (mappers report problems, they do not throw) still lands the item on Exceptions.
 */
export function routeItems(
	items: INodeExecutionData[],
	correlationOf: (item: INodeExecutionData) => string,
	run: (item: INodeExecutionData, itemIndex: number, correlationId: string) => Routed,
): Outputs {
	const outputs: Outputs = [[], []];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const correlationId = correlationOf(items[itemIndex]);
		let routed: Routed;
		try {
			routed = run(items[itemIndex], itemIndex, correlationId);
		} catch (error) {
			routed = {
				valid: false,
				item: exceptionItem(itemIndex, items[itemIndex].json, correlationId, [
					{ path: 'payload', reason: `could not be processed: ${(error as Error).message}` },
				]),
			};
		}
		outputs[routed.valid ? 0 : 1].push(routed.item);
	}
	return outputs;
}
