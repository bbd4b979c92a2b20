import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { outputJson, outputProperties, readOutputSettings } from '../shared/canonicalOutput';
import { correlationIdOf, pollWindowStart, readableSubtitle } from '../shared/kit';
import { withoutAttributes } from '../Salesforce/helpers/objects';
import { DEFAULT_SAFETY_MARGIN_MINUTES, takeNewBy } from '../Salesforce/helpers/poll';
import type { PollState } from '../Salesforce/helpers/poll';
import { buildSoql } from '../Salesforce/helpers/soql';
import { queryAll, salesforceConnection } from '../Salesforce/transport';
import type { SalesforceAuthentication } from '../Salesforce/transport';
import { authenticationProperty, salesforceCredentials } from '../Salesforce/v1/actions/versionDescription';
import { toCanonical } from './canonical';
import { eventConditions, eventFields, eventKey, eventOf, TRIGGER_EVENTS } from './helpers/events';
import { certiniaFieldsOf, resourceInfo } from './helpers/objects';
import { loadOptions } from './methods';

const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		options: Object.entries(TRIGGER_EVENTS)
			.map(([value, event]) => ({ name: event.name, value, description: event.description }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'timecardApproved',
	},
	{
		displayName: 'Field Names or IDs',
		name: 'fields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['event'] },
		default: [],
		description:
			'Fields to return; none returns the standard fields of the object. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
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
	...outputProperties({}, 'Each record gets its own correlation ID.'),
];

export class CertiniaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Certinia PSA (Planning to Cash) Trigger',
		name: 'certiniaTrigger',
		icon: { light: 'file:certinia.svg', dark: 'file:certinia.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: readableSubtitle(triggerProperties, ['event']),
		description: 'Starts a workflow when Certinia PSA time or expenses are approved, a milestone is completed, or a project or assignment changes',
		defaults: { name: 'Certinia PSA (Planning to Cash) Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: salesforceCredentials,
		properties: triggerProperties,
	};

	methods = { loadOptions: { getFields: loadOptions.getFields } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = eventOf(this.getNodeParameter('event') as string);
		const info = resourceInfo(event.resource);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const marginMs = Number(options.safetyMarginMinutes ?? DEFAULT_SAFETY_MARGIN_MINUTES) * 60_000;
		const connection = await salesforceConnection(this, this.getNodeParameter('authentication', 'jwt') as SalesforceAuthentication);
		const fields = [...new Set([...certiniaFieldsOf(event.resource, this.getNodeParameter('fields', [])), ...eventFields(event)])];

		if (this.getMode() === 'manual') {
			// A sample to build the workflow with: the latest matching record, no window, no state change.
			const where = [...(info.baseConditions ?? []), ...(event.condition ? [event.condition] : [])];
			const soql = buildSoql({ object: info.sObject, fields, where, orderBy: [{ field: 'SystemModstamp', direction: 'DESC' }], limit: 1 });
			const sample = await queryAll(this, connection, soql, { limit: 1 });
			if (!sample.length) throw new NodeOperationError(this.getNode(), `No ${info.sObject} matches this trigger yet, so there is no sample to show`);
			return [this.helpers.returnJsonArray(emitted(this, sample, info.sObject))];
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		const now = Date.now();
		const windowStart = pollWindowStart({ cursor: state.lastTimeChecked }, now, marginMs);
		const soql = buildSoql({
			object: info.sObject,
			fields,
			where: [...(info.baseConditions ?? []), ...eventConditions(event, windowStart)],
			orderBy: [{ field: 'SystemModstamp', direction: 'ASC' }],
		});
		const records = await queryAll(this, connection, soql);
		const fresh = takeNewBy(records, state, windowStart, (record) => eventKey(event, record), { keepOutsideWindow: event.kind === 'state' });
		state.lastTimeChecked = new Date(now).toISOString();
		return fresh.length ? [this.helpers.returnJsonArray(emitted(this, fresh, info.sObject))] : null;
	}
}

/** Raw: the records without Salesforce's attributes. Canonical: each mapped on its own with a fresh correlation ID (an unmappable one with its problems). */
function emitted(context: IPollFunctions, records: IDataObject[], sObject: string): IDataObject[] {
	const plain = records.map((record) => withoutAttributes(record) as IDataObject);
	const output = readOutputSettings((name, fallback) => context.getNodeParameter(name, fallback));
	if (output.mode === 'raw') return plain;
	const at = new Date().toISOString();
	return plain.flatMap((record) => outputJson([record], output, { system: 'certinia', object: sObject, toCanonical }, correlationIdOf(undefined), at));
}
