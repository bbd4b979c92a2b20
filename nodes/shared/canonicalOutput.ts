/**
 * The "Output: Raw | Canonical" option of the vendor nodes' read operations, written once for every vendor:
 * the parameters, reading them, and turning the records one input item produced into output items.
 *
 * Raw output is exactly what the operation returned before this option existed (the kit's runPerItem).
 * Canonical output maps every record through the vendor's mapping (`<Vendor>/canonical`). A record that
 * cannot be mapped is not dropped and does not fail the item (the other records of a Get Many would go down
 * with it): it comes out as an exception record — the raw record under `payload`, the correlation id and
 * `problems` naming each field path — the same shape as the Canonical Transform node's Exceptions output.
 */
import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { CanonicalRecord, Environment, TransformResult, UnknownFields } from '../../lib/canonical';
import { correlationIdOf, errorItem, runPerItem, tagWithItem } from './kit';
import type { ItemContext } from './kit';

export type OutputMode = 'raw' | 'canonical';

export interface CanonicalOutputSettings {
	environment: Environment;
	defaultCurrency?: string;
	unknownFields: UnknownFields;
}

export interface OutputSettings {
	mode: OutputMode;
	canonical: CanonicalOutputSettings;
}

/** A vendor's `toCanonical` (nodes/<Vendor>/canonical/index.ts). */
export type CanonicalMapping = (
	object: string,
	record: unknown,
	options: { environment: Environment; correlationId: string; defaultCurrency?: string; unknownFields?: UnknownFields; at?: string },
) => TransformResult<CanonicalRecord>;

/** Which mapping the records of a read go through. */
export interface CanonicalTarget {
	/** `salesforce`, `netsuite`: named in exception records. */
	system: string;
	/** The vendor object as its mapping knows it: `Opportunity`, `timeBill`. */
	object: string;
	toCanonical: CanonicalMapping;
}

export const OUTPUT_PARAMETER = 'output';
export const ENVIRONMENT_PARAMETER = 'canonicalEnvironment';
export const CANONICAL_OPTIONS_PARAMETER = 'canonicalOptions';

/**
 * The Output parameter and the options Canonical output needs, shown with `displayOptions` (the resources and
 * operations that have a mapping). `canonicalNote` adds what this vendor's Canonical read does differently.
 */
export function outputProperties(displayOptions: IDisplayOptions = {}, canonicalNote = ''): INodeProperties[] {
	const show = (extra: Record<string, string[]>): IDisplayOptions => ({
		...displayOptions,
		show: { ...(displayOptions.show ?? {}), ...extra },
	});
	const outputDisplay = Object.keys(displayOptions).length > 0 ? { displayOptions } : {};
	return [
		{
			displayName: 'Output',
			name: OUTPUT_PARAMETER,
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Raw', value: 'raw', description: 'The records as the vendor returns them' },
				{
					name: 'Canonical',
					value: 'canonical',
					description:
						'Each record as a canonical record (envelope with source, enterprise ID, correlation ID, idempotency key). A record that cannot be mapped comes out with its raw record under payload and problems naming each field path.',
				},
			],
			default: 'raw',
			description: `Whether to return the vendor records or canonical planning-to-cash records.${canonicalNote ? ` ${canonicalNote}` : ''} In Canonical output a record that cannot be mapped is not dropped and does not fail the item. It comes out as { payload, correlationId, problems }, like the Canonical Transform node's Exceptions output, so route on problems with an If node.`,
			...outputDisplay,
		},
		{
			displayName: 'Environment',
			name: ENVIRONMENT_PARAMETER,
			type: 'options',
			options: [
				{ name: 'Sandbox', value: 'sandbox' },
				{ name: 'Production', value: 'production' },
			],
			default: 'sandbox',
			description: 'Which environment the credential reads from; recorded in each envelope so sandbox data is never taken for production',
			displayOptions: show({ [OUTPUT_PARAMETER]: ['canonical'] }),
		},
		{
			displayName: 'Canonical Options',
			name: CANONICAL_OPTIONS_PARAMETER,
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show({ [OUTPUT_PARAMETER]: ['canonical'] }),
			options: [
				{
					displayName: 'Default Currency',
					name: 'defaultCurrency',
					type: 'string',
					default: '',
					placeholder: 'USD',
					description:
						'ISO 4217 code for records that carry money without a currency: NetSuite time bills always, Salesforce records in single-currency orgs (no CurrencyIsoCode)',
				},
				{
					displayName: 'Unknown Fields',
					name: 'unknownFields',
					type: 'options',
					options: [
						{ name: 'Lenient', value: 'lenient', description: 'Ignore vendor fields the mapping does not read' },
						{
							name: 'Strict',
							value: 'strict',
							description: 'A record with a vendor field the mapping does not read (e.g. a custom field) comes out with a problem naming it',
						},
					],
					default: 'lenient',
				},
			],
		},
	];
}

/** Reads a node parameter: `(name, fallback)`, whatever the context (execute: per item; poll: node-wide). */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

export function readOutputSettings(read: ParameterReader): OutputSettings {
	const options = (read(CANONICAL_OPTIONS_PARAMETER, {}) ?? {}) as IDataObject;
	const currency = typeof options.defaultCurrency === 'string' ? options.defaultCurrency.trim().toUpperCase() : '';
	return {
		mode: read(OUTPUT_PARAMETER, 'raw') === 'canonical' ? 'canonical' : 'raw',
		canonical: {
			environment: read(ENVIRONMENT_PARAMETER, 'sandbox') === 'production' ? 'production' : 'sandbox',
			defaultCurrency: currency || undefined,
			unknownFields: options.unknownFields === 'strict' ? 'strict' : 'lenient',
		},
	};
}

/** Whether an output json is an exception record of Canonical output (rather than a canonical record). */
export function isCanonicalException(json: IDataObject): boolean {
	return Array.isArray(json.problems) && json.envelope === undefined;
}

/**
 * The records of one input item as output json for the chosen mode. Raw: the records with the item's
 * correlation id (as runPerItem writes it). Canonical: one canonical record per record, or an exception record
 * `{ payload, correlationId, problems, mapping }` for a record that cannot be mapped — never fewer outputs than
 * records.
 */
export function outputJson(
	records: IDataObject[],
	settings: OutputSettings,
	target: CanonicalTarget,
	correlationId: string,
	at?: string,
): IDataObject[] {
	if (settings.mode === 'raw') return records.map((record) => ({ ...record, correlationId }));
	return records.map((record) => {
		let result: TransformResult<CanonicalRecord>;
		try {
			result = target.toCanonical(target.object, record, { ...settings.canonical, correlationId, at });
		} catch (error) {
			// Mappings report problems rather than throw; should one throw, the record still comes out.
			result = { ok: false, problems: [{ path: 'payload', reason: `could not be mapped: ${(error as Error).message}` }] };
		}
		if (result.ok) return result.value as unknown as IDataObject;
		return {
			payload: record,
			correlationId,
			mapping: `${target.system}:${target.object}`,
			problems: result.problems as unknown as IDataObject[],
			...(result.value ? { attempted: result.value as unknown as IDataObject } : {}),
		};
	});
}

/**
 * Runs a read operation once per input item with the Output option applied. Raw output goes through the kit's
 * runPerItem unchanged. Canonical output keeps runPerItem's contract (outputs paired with their item, Continue
 * On Fail turns a failed read into an error item) but adds nothing beside the canonical record: its correlation
 * id is in the envelope, and a top-level field would make the record fail a strict schema check downstream.
 */
export async function runReadPerItem(
	context: IExecuteFunctions,
	target: CanonicalTarget,
	read: (ctx: ItemContext, settings: OutputSettings) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const mode = readOutputSettings((name, fallback) => context.getNodeParameter(name, 0, fallback)).mode;
	if (mode === 'raw') {
		const raw = readOutputSettings((_name, fallback) => fallback);
		return await runPerItem(context, async (ctx) => await read(ctx, raw));
	}
	const at = new Date().toISOString();
	const items = context.getInputData();
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const ctx: ItemContext = { itemIndex, item: items[itemIndex], correlationId: correlationIdOf(items[itemIndex]) };
		try {
			const settings = readOutputSettings((name, fallback) => context.getNodeParameter(name, itemIndex, fallback));
			const result = await read(ctx, settings);
			for (const json of outputJson(Array.isArray(result) ? result : [result], settings, target, ctx.correlationId, at)) {
				out.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (context.continueOnFail()) {
				out.push(errorItem(error as Error, ctx));
				continue;
			}
			throw tagWithItem(context, error as Error, itemIndex);
		}
	}
	return out;
}
