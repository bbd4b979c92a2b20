import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { outputJson, outputProperties, readOutputSettings } from '../shared/canonicalOutput';
import type { OutputSettings } from '../shared/canonicalOutput';
import { correlationIdOf, pollWindowStart, readableSubtitle } from '../shared/kit';
import { toCanonical } from './canonical';
import { readFieldsOf } from './helpers/canonicalFields';
import { loadOptions } from './methods';
import { LINE_ITEM_FIELDS, LINE_ITEM_RELATIONSHIP, sObjectOf, withoutAttributes } from './helpers/objects';
import type { RecordResource } from './helpers/objects';
import { DEFAULT_SAFETY_MARGIN_MINUTES, requiredFields, stageCondition, takeNew, windowConditions } from './helpers/poll';
import type { PollEvent, PollState } from './helpers/poll';
import { buildSoql } from './helpers/soql';
import { queryAll, salesforceConnection } from './transport';
import type { SalesforceAuthentication } from './transport';
import { authenticationProperty, salesforceCredentials } from './v1/actions/versionDescription';

const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		options: [
			{ name: 'Opportunity Reached Stage', value: 'opportunityStage', description: 'An opportunity moved into the given stage, e.g. Closed Won' },
			{ name: 'Record Created', value: 'recordCreated' },
			{ name: 'Record Updated', value: 'recordUpdated', description: 'Every change of a record (created records included)' },
		],
		default: 'opportunityStage',
	},
	{
		displayName: 'Object',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account' },
			{ name: 'Contract', value: 'contract' },
			{ name: 'Opportunity', value: 'opportunity' },
		],
		default: 'opportunity',
		displayOptions: { show: { event: ['recordCreated', 'recordUpdated'] } },
	},
	{
		displayName: 'Stage Name or ID',
		name: 'stageName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getOpportunityStages' },
		// Kept from the former text parameter: n8n does not save defaults, so saved triggers rely on it.
		default: 'Closed Won',
		required: true,
		description:
			'Opportunity stage that starts the workflow, from the org\'s active Stage picklist values. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { event: ['opportunityStage'] } },
	},
	{
		displayName: 'Field Names or IDs',
		name: 'fields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['event', 'resource'] },
		default: [],
		description:
			'Fields to return; none returns the standard fields. Relationship fields (Account.Name) can be given with an expression as a comma-separated list. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Line Items',
				name: 'includeLineItems',
				type: 'boolean',
				default: true,
				description: 'Whether opportunities come with their line items (OpportunityLineItem)',
			},
			{
				displayName: 'Safety Margin (Minutes)',
				name: 'safetyMarginMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_SAFETY_MARGIN_MINUTES,
				description: 'How far each poll looks back before the previous one; records seen already are not emitted again',
			},
		],
	},
	...outputProperties(
		{},
		'Each record gets its own correlation ID. With Fields empty, Canonical output also reads every standard field the mapping uses that the org has.',
	),
];

export class SalesforceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Salesforce (Planning to Cash) Trigger',
		name: 'salesforceTrigger',
		icon: { light: 'file:salesforce.svg', dark: 'file:salesforce.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: readableSubtitle(triggerProperties, ['event']),
		description: 'Starts a workflow when Salesforce accounts, opportunities or contracts are created or updated, or a deal reaches a stage',
		defaults: { name: 'Salesforce (Planning to Cash) Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: salesforceCredentials,
		properties: triggerProperties,
	};

	methods = { loadOptions: { getFields: loadOptions.getFields, getOpportunityStages: loadOptions.getOpportunityStages } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as PollEvent;
		const resource: RecordResource = event === 'opportunityStage' ? 'opportunity' : (this.getNodeParameter('resource') as RecordResource);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const marginMs = Number(options.safetyMarginMinutes ?? DEFAULT_SAFETY_MARGIN_MINUTES) * 60_000;
		const withLines = resource === 'opportunity' && options.includeLineItems !== false;
		const stageName = event === 'opportunityStage' ? String(this.getNodeParameter('stageName')) : undefined;
		const connection = await salesforceConnection(this, this.getNodeParameter('authentication', 'jwt') as SalesforceAuthentication);
		const output = readOutputSettings((name, fallback) => this.getNodeParameter(name, fallback));
		const fields = [
			...new Set([
				...(await readFieldsOf(this, connection, resource, this.getNodeParameter('fields', ''), output.mode === 'canonical')),
				...requiredFields(event),
			]),
		];
		const children = withLines ? [{ relationship: LINE_ITEM_RELATIONSHIP, fields: LINE_ITEM_FIELDS }] : undefined;
		const sObject = sObjectOf(resource);

		if (this.getMode() === 'manual') {
			// A sample to build the workflow with: the latest matching record, no window, no state change.
			const where = stageName ? [stageCondition(stageName)] : [];
			const soql = buildSoql({ object: sObject, fields, children, where, orderBy: [{ field: 'SystemModstamp', direction: 'DESC' }], limit: 1 });
			const sample = await queryAll(this, connection, soql, { limit: 1 });
			if (!sample.length) throw new NodeOperationError(this.getNode(), `No ${sObject} matches this trigger yet, so there is no sample to show`);
			return [this.helpers.returnJsonArray(emitted(sample, output, sObject))];
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		const now = Date.now();
		const windowStart = pollWindowStart({ cursor: state.lastTimeChecked }, now, marginMs);
		const soql = buildSoql({
			object: sObject,
			fields,
			children,
			where: windowConditions(event, windowStart, stageName),
			orderBy: [{ field: 'SystemModstamp', direction: 'ASC' }],
		});
		const records = await queryAll(this, connection, soql);
		const fresh = takeNew(event, records, state, windowStart);
		state.lastTimeChecked = new Date(now).toISOString();
		return fresh.length ? [this.helpers.returnJsonArray(emitted(fresh, output, sObject))] : null;
	}
}

/**
 * The records a poll emits. Raw: as before, without Salesforce's attributes. Canonical: each record mapped on
 * its own with a fresh correlation ID (each starts its own business flow), an unmappable one as an exception
 * record.
 */
function emitted(records: IDataObject[], output: OutputSettings, sObject: string): IDataObject[] {
	const plain = records.map((record) => withoutAttributes(record) as IDataObject);
	if (output.mode === 'raw') return plain;
	const at = new Date().toISOString();
	const target = { system: 'salesforce', object: sObject, toCanonical };
	return plain.flatMap((record) => outputJson([record], output, target, correlationIdOf(undefined), at));
}
