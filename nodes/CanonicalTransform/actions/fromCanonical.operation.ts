import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fromCanonicalRecord } from '../../../lib/canonical';
import { correlationIdOf } from '../../shared/kit/correlation';
import { MAPPERS, mapperByKey, mapperKey, systemLabel } from '../mappers';
import type { Outputs } from './common';
import {
	exceptionItem,
	fieldOverridesProperty,
	optionsReader,
	overridesReader,
	parameterReader,
	recordFieldOption,
	recordOf,
	routeItems,
	unknownFieldsOption,
	verifyKeyOption,
} from './common';

const show = { show: { operation: ['fromCanonical'] } };

export const properties: INodeProperties[] = [
	{
		displayName: 'Target',
		name: 'target',
		type: 'options',
		options: MAPPERS.map((mapper) => ({
			name: `${systemLabel(mapper.system)} ${mapper.object}`,
			value: mapperKey(mapper),
			description: `From a canonical ${mapper.entity}`,
		})),
		default: mapperKey(MAPPERS[0]),
		description: 'The system and object to render the canonical records as',
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
		options: [recordFieldOption, unknownFieldsOption, verifyKeyOption],
	},
];

export function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Outputs {
	const at = new Date().toISOString();
	const readOptions = optionsReader(this);
	const readTarget = parameterReader<string>(this, 'target');
	const readOverrides = overridesReader(this);
	return routeItems(items, correlationIdOf, (item, itemIndex, correlationId) => {
		const options = readOptions(itemIndex);
		const target = readTarget(itemIndex);
		const overrides = readOverrides(itemIndex);
		const record = recordOf(item.json, options.recordField);
		const mapper = mapperByKey(target);
		if (!mapper) {
			return { valid: false, item: exceptionItem(itemIndex, record, correlationId, [{ path: 'target', reason: `has no mapping "${target}"` }]) };
		}
		const result = fromCanonicalRecord(mapper, record, {
			unknownFields: options.unknownFields,
			overrides,
			verifyIdempotencyKey: options.verifyIdempotencyKey,
			at,
		});
		if (result.ok) return { valid: true, item: { json: result.value as never, pairedItem: { item: itemIndex } } };
		return {
			valid: false,
			item: exceptionItem(itemIndex, record, correlationId, result.problems, {
				operation: 'fromCanonical',
				mapping: mapperKey(mapper),
				entity: mapper.entity,
			}),
		};
	});
}
