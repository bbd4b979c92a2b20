import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { EntityName } from '../../../lib/canonical';
import { ENTITY_NAMES, isEntityName, validateCanonical } from '../../../lib/canonical';
import { correlationIdOf } from '../../shared/kit/correlation';
import type { Outputs } from './common';
import { exceptionItem, isAgentTool, optionsReader, parameterReader, recordFieldOption, recordOf, routeItems, unknownFieldsOption, verifyKeyOption } from './common';

const show = { show: { operation: ['validate'] } };

const LABELS: Record<EntityName, string> = {
	customer: 'Customer',
	contract: 'Contract',
	project: 'Project',
	resource: 'Resource (Worker)',
	assignment: 'Assignment',
	resourceRequest: 'Resource Request',
	timeEntry: 'Time Entry',
	expense: 'Expense',
	milestone: 'Milestone',
	billingEvent: 'Billing Event',
	invoice: 'Invoice',
	revenueSchedule: 'Revenue Schedule',
	journalEntry: 'Journal Entry',
	costCommitment: 'Cost Commitment (Purchase Order Line)',
	supplierInvoice: 'Supplier Invoice',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'options',
		options: ENTITY_NAMES.map((entity) => ({ name: LABELS[entity], value: entity })),
		default: 'timeEntry',
		description: 'The canonical entity the items must be',
		displayOptions: show,
	},
	{
		displayName: 'Record',
		name: 'record',
		type: 'json',
		default: "={{ $fromAI('record', 'The canonical record to check, as a JSON object', 'json') }}",
		description: 'The canonical record to check, passed in by the agent',
		displayOptions: { show: { operation: ['validate'], '@tool': [true] } },
	},
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

/** The record an agent passed in (a JSON object, or its text). */
function toolRecord(context: IExecuteFunctions, itemIndex: number): unknown {
	const value = context.getNodeParameter('record', itemIndex, {}) as unknown;
	return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}

export function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Outputs {
	const asTool = isAgentTool(this);
	const readOptions = optionsReader(this);
	const readEntity = parameterReader<string>(this, 'entity');
	return routeItems(items, correlationIdOf, (item, itemIndex, correlationId) => {
		const options = readOptions(itemIndex);
		const entity = readEntity(itemIndex);
		const record = asTool ? toolRecord(this, itemIndex) : recordOf(item.json, options.recordField);
		if (!isEntityName(entity)) {
			return { valid: false, item: exceptionItem(itemIndex, record, correlationId, [{ path: 'entity', reason: `"${entity}" is not a canonical entity` }]) };
		}
		const result = validateCanonical(entity, record, {
			unknownFields: options.unknownFields,
			verifyIdempotencyKey: options.verifyIdempotencyKey,
		});
		if (result.valid) return { valid: true, item: { json: asTool ? { entity, record: record as IDataObject } : item.json, pairedItem: { item: itemIndex } } };
		return { valid: false, item: exceptionItem(itemIndex, record, correlationId, result.problems, { operation: 'validate', entity }) };
	});
}
