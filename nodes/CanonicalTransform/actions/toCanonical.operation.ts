import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Environment, VendorMapper } from '../../../lib/canonical';
import { toCanonicalRecord } from '../../../lib/canonical';
import { correlationIdOf } from '../../shared/kit/correlation';
import { MAPPERS, detectMapper, mapperByKey, mapperKey, systemLabel } from '../mappers';
import type { Outputs } from './common';
import { exceptionItem, fieldOverridesProperty, optionsReader, overridesReader, parameterReader, recordFieldOption, recordOf, routeItems, unknownFieldsOption } from './common';

const show = { show: { operation: ['toCanonical'] } };

export const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Detect From Record Shape', value: 'auto', description: 'Salesforce attributes.type or the NetSuite record link' },
			...MAPPERS.map((mapper) => ({
				name: `${systemLabel(mapper.system)} ${mapper.object}`,
				value: mapperKey(mapper),
				description: `Becomes a canonical ${mapper.entity}`,
			})),
		],
		default: 'auto',
		description: 'The system and object the input records come from',
		displayOptions: show,
	},
	{
		displayName: 'Environment',
		name: 'environment',
		type: 'options',
		options: [
			{ name: 'Sandbox', value: 'sandbox' },
			{ name: 'Production', value: 'production' },
		],
		default: 'sandbox',
		description: 'Which environment the records come from; recorded in the envelope so sandbox data is never mistaken for production',
		displayOptions: show,
	},
	{
		displayName: 'Default Currency',
		name: 'defaultCurrency',
		type: 'string',
		default: '',
		placeholder: 'USD',
		description:
			'ISO 4217 code for records that carry money without a currency (NetSuite time bills, single-currency Salesforce orgs)',
		displayOptions: show,
	},
	{ ...fieldOverridesProperty, displayOptions: show },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [recordFieldOption, unknownFieldsOption],
	},
];

export function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Outputs {
	const at = new Date().toISOString();
	const readOptions = optionsReader(this);
	const readSource = parameterReader<string>(this, 'source');
	const readEnvironment = parameterReader<Environment>(this, 'environment');
	const readDefaultCurrency = parameterReader<string>(this, 'defaultCurrency', '');
	const readOverrides = overridesReader(this);
	// The source and currency are usually the same for every item: looked up and tidied once per value.
	let named: { source: string; mapper?: VendorMapper } | undefined;
	let currency: { raw: string; tidy: string } | undefined;
	return routeItems(items, correlationIdOf, (item, itemIndex, correlationId) => {
		const options = readOptions(itemIndex);
		const source = readSource(itemIndex);
		const environment = readEnvironment(itemIndex);
		const rawCurrency = readDefaultCurrency(itemIndex);
		if (currency?.raw !== rawCurrency) currency = { raw: rawCurrency, tidy: rawCurrency.trim().toUpperCase() };
		const defaultCurrency = currency.tidy;
		const overrides = readOverrides(itemIndex);
		const record = recordOf(item.json, options.recordField);

		let detected: { mapper?: VendorMapper; reason?: string };
		if (source === 'auto') detected = detectMapper(record);
		else {
			if (named?.source !== source) named = { source, mapper: mapperByKey(source) };
			detected = named;
		}
		const mapper = detected.mapper;
		if (!mapper) {
			const reason = source === 'auto' ? detected.reason : `has no mapping "${source}"`;
			return { valid: false, item: exceptionItem(itemIndex, record, correlationId, [{ path: 'payload', reason: reason ?? 'has no mapping' }]) };
		}
		const result = toCanonicalRecord(
			mapper,
			record,
			{ environment, correlationId, defaultCurrency: defaultCurrency || undefined },
			{ unknownFields: options.unknownFields, overrides, at },
		);
		if (result.ok) return { valid: true, item: { json: result.value as never, pairedItem: { item: itemIndex } } };
		return {
			valid: false,
			item: exceptionItem(itemIndex, record, correlationId, result.problems, {
				operation: 'toCanonical',
				mapping: mapperKey(mapper),
				entity: mapper.entity,
				...(result.value ? { attempted: result.value as never } : {}),
			}),
		};
	});
}
