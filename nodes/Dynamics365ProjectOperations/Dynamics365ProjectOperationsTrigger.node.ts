/**
 * Project Operations trigger on Dataverse change tracking (the Dataverse change-tracking helper, shared with
 * the Sales trigger): approved time entries, approved expenses, milestones ready for invoicing, and project
 * changes (deletes included). An entry or milestone is emitted once when it reaches the state; it is emitted
 * again only after it left the state and came back (a recalled and re-approved entry). The state lives in the
 * workflow's static data and is replaced only with the poll's result, so a restart or a delta read twice
 * emits nothing twice.
 */
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { pollTableChanges } from '../Dataverse/changeTracking';
import { authenticationProperty, dataverseCredentials } from '../Dataverse/descriptions';
import { boundedEmitted, replaceTriggerState } from '../Dataverse/stateEvents';
import { dataverseConnection, dataverseGet, dataverseGetAll } from '../Dataverse/transport';
import type { DataverseConnection } from '../Dataverse/transport';
import { outputJson, outputProperties, readOutputSettings } from '../shared/canonicalOutput';
import type { OutputSettings } from '../shared/canonicalOutput';
import { correlationIdOf, readableSubtitle } from '../shared/kit';
import { toCanonical } from './canonical';
import type { ProjectOperationsTable } from './helpers/tables';
import { EVENTS, newlyInState } from './helpers/trigger';
import type { TriggerEvent, TriggerState } from './helpers/trigger';

const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Expense Approved', value: 'expenseApproved', description: 'An expense reaches Approved; once per approval' },
			{ name: 'Milestone Ready for Invoicing', value: 'milestoneReady', description: 'A contract line milestone is set to Ready for Invoicing' },
			{ name: 'Project Changed', value: 'projectChanged', description: 'A project is created, changed or deleted' },
			{ name: 'Time Entry Approved', value: 'timeApproved', description: 'A time entry reaches Approved; once per approval' },
		],
		default: 'timeApproved',
	},
	{
		displayName: 'Emit Existing on First Poll',
		name: 'emitExisting',
		type: 'boolean',
		default: false,
		description: 'Whether the first poll emits the entries or milestones already in that state (otherwise only later ones are emitted)',
		displayOptions: { show: { event: ['timeApproved', 'expenseApproved', 'milestoneReady'] } },
	},
	{
		displayName: 'Needs Track changes on the table (Power Apps → Tables → Properties → Advanced options); a table without it is polled on modifiedon, which cannot report deletions.',
		name: 'trackingNotice',
		type: 'notice',
		default: '',
	},
	...outputProperties({}, 'A time entry\'s minutes come out as exact hours, money exactly in its currency; a deleted project comes out raw.'),
];

async function emittedRecords(context: IPollFunctions, connection: DataverseConnection, table: ProjectOperationsTable, ids: string[], output: OutputSettings): Promise<IDataObject[]> {
	const at = new Date().toISOString();
	const out: IDataObject[] = [];
	for (const id of ids) {
		const correlationId = correlationIdOf(undefined);
		const record = await dataverseGet(context, connection, table.entitySet, id, { expand: output.mode === 'canonical' ? table.canonicalExpand : undefined }, { formattedValues: output.mode === 'canonical', correlationId });
		if (output.mode === 'raw' || !table.canonicalObject) {
			out.push({ ...record, correlationId });
			continue;
		}
		out.push(...outputJson([record], output, { system: 'dataverse', object: table.canonicalObject, toCanonical }, correlationId, at));
	}
	return out;
}

export class Dynamics365ProjectOperationsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dynamics 365 Project Operations (Planning to Cash) Trigger',
		name: 'dynamics365ProjectOperationsTrigger',
		icon: { light: 'file:dynamics365ProjectOperations.svg', dark: 'file:dynamics365ProjectOperations.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: readableSubtitle(triggerProperties, ['event']),
		description: 'Starts a workflow when Project Operations time or an expense is approved, a milestone is ready for invoicing, or a project changes (Dataverse change tracking)',
		defaults: { name: 'Dynamics 365 Project Operations (Planning to Cash) Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: dataverseCredentials,
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'timeApproved') as TriggerEvent;
		const { table, column, value } = EVENTS[event];
		const connection = await dataverseConnection(this, this.getNodeParameter('authentication', 'clientCredentials') as string);
		const output = readOutputSettings((name, fallback) => this.getNodeParameter(name, fallback));

		if (this.getMode() === 'manual') {
			const filter = column ? `${column} eq ${String(value)}` : undefined;
			const [sample] = await dataverseGetAll(this, connection, table.entitySet, { select: [table.idColumn], filter, orderby: 'modifiedon desc' }, { limit: 1 });
			if (!sample) throw new NodeOperationError(this.getNode(), `Project Operations has no ${table.plural} matching this trigger yet, so there is no sample to show`);
			return [this.helpers.returnJsonArray(await emittedRecords(this, connection, table, [String(sample[table.idColumn])], output))];
		}

		const staticData = this.getWorkflowStaticData('node') as IDataObject;
		const previous = staticData as TriggerState;
		const { changes, state, baseline } = await pollTableChanges(
			this,
			connection,
			// No filter: a row leaving the state must be seen too, so that reaching it again is a new event.
			{ entitySet: table.entitySet, idColumn: table.idColumn, select: column ? [column] : undefined },
			previous,
		);
		const next: TriggerState = { ...state, emitted: previous.table === table.entitySet ? { ...(previous.emitted ?? {}) } : {} };

		let out: IDataObject[] = [];
		if (column && value !== undefined) {
			const emitted = next.emitted!;
			const existing = baseline ? newlyInState(baseline, column, value, emitted) : [];
			const ids = [...(this.getNodeParameter('emitExisting', false) ? existing : []), ...newlyInState(changes, column, value, emitted)];
			next.emitted = boundedEmitted(emitted);
			out = await emittedRecords(this, connection, table, ids, output);
		} else {
			const changed = changes.filter((change) => change.kind === 'changed').map((change) => change.id);
			const records = await emittedRecords(this, connection, table, changed, output);
			out = [
				...records.map((record) => ({ ...record, ...(output.mode === 'raw' ? { changeType: 'changed' } : {}) })),
				...changes.filter((change) => change.kind === 'deleted').map((change) => ({ [table.idColumn]: change.id, changeType: 'deleted', correlationId: correlationIdOf(undefined) })),
			];
		}
		replaceTriggerState(staticData, next);
		return out.length ? [this.helpers.returnJsonArray(out)] : null;
	}
}
