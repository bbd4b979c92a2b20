import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { outputJson, outputProperties, readOutputSettings } from '../shared/canonicalOutput';
import { correlationIdOf, labelledOptions, readableSubtitle } from '../shared/kit';
import { DEFAULT_POLL_OVERLAP_MINUTES, pollWindowStart, takeNewSinceCursor } from '../shared/kit/poll';
import type { PollCursorState } from '../shared/kit/poll';
import { toCanonical } from './canonical';
import { RESOURCES, resourceOf } from './helpers/resources';
import type { OracleResourceName } from './helpers/resources';
import { listAll, oracleConnection } from './transport';
import type { OracleAuthentication } from './transport';
import { qString } from './transport/query';
import { authenticationProperty, oracleCredentials } from './v1/actions/versionDescription';

/**
 * Oracle Fusion publishes business events only to Oracle Integration, so the trigger polls: records whose
 * LastUpdateDate is after the last change seen (minus an overlap, since a row can commit with a timestamp just
 * before one already read), oldest first, deduped by key and LastUpdateDate so nothing is emitted twice across
 * polls and restarts.
 */
const POLLABLE: OracleResourceName[] = ['project', 'unprocessedProjectCost', 'projectBillingEvent', 'receivablesInvoice', 'expenseReport', 'customer', 'worker'];

const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: labelledOptions<OracleResourceName>(RESOURCES, POLLABLE),
		default: 'project',
		description: 'Records of this resource created or changed since the last poll (by LastUpdateDate)',
	},
	{
		displayName: 'Approved Only',
		name: 'approvedOnly',
		type: 'boolean',
		default: true,
		description: 'Whether only expense reports in status APPROVED start the workflow',
		displayOptions: { show: { resource: ['expenseReport'] } },
	},
	{
		displayName: 'Overlap (Minutes)',
		name: 'overlapMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_POLL_OVERLAP_MINUTES,
		description: 'How far each poll looks back before the last change it saw; changes seen already are not emitted again',
	},
	...outputProperties({}, 'A project comes with its tasks, an invoice with its lines, an expense report with its expenses.'),
];

export class OracleFusionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Oracle Fusion (Planning to Cash) Trigger',
		name: 'oracleFusionTrigger',
		icon: { light: 'file:oracleFusion.svg', dark: 'file:oracleFusion.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: readableSubtitle(triggerProperties, ['resource']),
		description: 'Starts a workflow on Oracle Fusion records created or changed (polling LastUpdateDate)',
		defaults: { name: 'Oracle Fusion (Planning to Cash) Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: oracleCredentials,
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const resource = resourceOf(this.getNodeParameter('resource', 'project') as string);
		const overlapMs = Number(this.getNodeParameter('overlapMinutes', DEFAULT_POLL_OVERLAP_MINUTES)) * 60_000;
		const connection = await oracleConnection(this, this.getNodeParameter('authentication', 'oAuth2') as OracleAuthentication);
		const output = readOutputSettings((name, fallback) => this.getNodeParameter(name, fallback));
		const conditions: string[] = [];
		if (resource.collection === 'expenseReports' && this.getNodeParameter('approvedOnly', true)) conditions.push(`ExpenseStatusCode = ${qString('APPROVED')}`);
		const qs: IDataObject = { onlyData: 'true' };
		if (output.mode === 'canonical' && resource.canonicalExpand?.length) qs.expand = resource.canonicalExpand.join(',');
		const identity = resource.keyKind === 'hash' ? (resource.numberField ?? resource.key) : resource.key;
		const key = (r: IDataObject) => `${String(r[identity])}@${String(r.LastUpdateDate)}`;
		const at = (r: IDataObject) => String(r.LastUpdateDate);
		const path = `/${resource.collection}`;
		const emit = (records: IDataObject[]) => {
			const stamp = new Date().toISOString();
			return records.map((record) => {
				const correlationId = correlationIdOf(undefined);
				if (output.mode === 'raw' || !resource.canonicalObject) return { ...record, correlationId };
				return outputJson([record], output, { system: 'oracleFusion', object: resource.canonicalObject, toCanonical }, correlationId, stamp)[0];
			});
		};
		if (this.getMode() === 'manual') {
			const [sample] = await listAll(this, connection, path, { ...qs, orderBy: 'LastUpdateDate:desc', ...(conditions.length ? { q: conditions.join(' and ') } : {}) }, { service: resource.service, limit: 1 });
			if (!sample) throw new NodeOperationError(this.getNode(), `Oracle has no ${resource.plural} matching this trigger yet, so there is no sample to show`);
			return [this.helpers.returnJsonArray(emit([sample]))];
		}
		const state = this.getWorkflowStaticData('node') as PollCursorState;
		const now = Date.now();
		const start = pollWindowStart(state, now, overlapMs);
		conditions.push(`LastUpdateDate > ${qString(new Date(start).toISOString())}`);
		const records = (await listAll(this, connection, path, { ...qs, q: conditions.join(' and '), orderBy: 'LastUpdateDate:asc' }, { service: resource.service })).sort((a, b) => Date.parse(at(a)) - Date.parse(at(b)));
		const { fresh, state: next } = takeNewSinceCursor(records, state, key, at, start, now);
		state.cursor = next.cursor;
		state.seen = next.seen;
		if (!fresh.length) return null;
		return [this.helpers.returnJsonArray(emit(fresh))];
	}
}
