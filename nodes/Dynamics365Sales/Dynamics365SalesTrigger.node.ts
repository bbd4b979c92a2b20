import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { DEFAULT_OVERLAP_MINUTES, pollTableChanges } from '../Dataverse/changeTracking';
import type { ChangeTrackingState, TrackedChange } from '../Dataverse/changeTracking';
import { authenticationProperty, columnList, dataverseCredentials } from '../Dataverse/descriptions';
import { boundedEmitted, enteredState, replaceTriggerState } from '../Dataverse/stateEvents';
import type { EmittedInState, StateEvent } from '../Dataverse/stateEvents';
import { dataverseConnection, dataverseGet, dataverseGetAll } from '../Dataverse/transport';
import { outputJson, outputProperties, readOutputSettings } from '../shared/canonicalOutput';
import type { OutputSettings } from '../shared/canonicalOutput';
import { correlationIdOf, labelledOptions, readableSubtitle } from '../shared/kit';
import { toCanonical } from './canonical';
import { OPPORTUNITY_STATE } from './canonical/opportunity';
import { ACCOUNT_CANONICAL_EXPAND, OPPORTUNITY_CANONICAL_EXPAND, TABLES, tableOf } from './helpers/tables';
import type { SalesTable, SalesTableName } from './helpers/tables';

const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Opportunity Won', value: 'opportunityWon', description: 'An opportunity reaches Won (statecode Won); once per win, again only after a reopen and a new win' },
			{ name: 'Table Changes', value: 'tableChanges', description: 'Rows of a table created, changed or deleted, through Dataverse change tracking' },
		],
		default: 'opportunityWon',
	},
	{
		displayName: 'Table',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: labelledOptions<SalesTableName>(TABLES),
		default: 'account',
		displayOptions: { show: { event: ['tableChanges'] } },
	},
	{
		displayName: 'Columns',
		name: 'select',
		type: 'string',
		default: '',
		placeholder: 'name,accountnumber',
		description: 'Columns to read for each changed row, comma-separated; all when empty',
		displayOptions: { show: { event: ['tableChanges'] } },
	},
	{
		displayName: 'Overlap (Minutes)',
		name: 'overlapMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_OVERLAP_MINUTES,
		description: 'For tables without change tracking only: how far each modifiedon poll looks back before the last change it saw; changes seen already are not emitted again',
	},
	{
		displayName: 'Tables without change tracking are polled on modifiedon instead, which cannot report deletions. Enable Track changes on the table (Power Apps → Tables → Properties → Advanced options) to get deletes.',
		name: 'trackingNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { event: ['tableChanges'] } },
	},
	...outputProperties(
		{ show: { event: ['opportunityWon', 'tableChanges'] } },
		'Opportunity Won, and Table Changes on accounts and opportunities: each record is read in full and mapped (an opportunity with its products as contract lines); deletions and other tables come out raw.',
	),
];

/** State kept in static data: the change-tracking state and the wins already emitted. */
interface TriggerState extends ChangeTrackingState {
	/** opportunity id → the actual close date of the win emitted. */
	won?: EmittedInState;
}

const OPPORTUNITY_COLUMNS = ['name', 'statecode', 'statuscode', 'actualclosedate'];

/** A win: statecode Won, one per close date; reopened (or never won), a later win is a new win. */
const WIN: StateEvent = { inState: (record) => record.statecode === OPPORTUNITY_STATE.won, markerOf: (record) => String(record.actualclosedate ?? ''), again: 'newMarker' };

/** Ids that reached Won in `changes` and were not emitted for that win (none for the baseline); updates the remembered wins. */
function wonOpportunities(changes: TrackedChange[], state: TriggerState, baseline: boolean): string[] {
	const won = { ...(state.won ?? {}) };
	const fresh = enteredState(changes, WIN, won);
	state.won = boundedEmitted(won);
	return baseline ? [] : fresh;
}

function emitted(records: IDataObject[], output: OutputSettings, object: string | undefined, extra: (record: IDataObject) => IDataObject = () => ({})): IDataObject[] {
	const at = new Date().toISOString();
	return records.map((record) => {
		const correlationId = correlationIdOf(undefined);
		if (output.mode === 'raw' || !object) return { ...record, ...extra(record), correlationId };
		const [json] = outputJson([record], output, { system: 'dataverse', object, toCanonical }, correlationId, at);
		return json;
	});
}

export class Dynamics365SalesTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dynamics 365 Sales (Planning to Cash) Trigger',
		name: 'dynamics365SalesTrigger',
		icon: { light: 'file:dynamics365Sales.svg', dark: 'file:dynamics365Sales.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: readableSubtitle(triggerProperties, ['event']),
		description: 'Starts a workflow when a Dynamics 365 Sales opportunity is won, or when rows of a table change (Dataverse change tracking, deletes included)',
		defaults: { name: 'Dynamics 365 Sales (Planning to Cash) Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: dataverseCredentials,
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'opportunityWon') as 'opportunityWon' | 'tableChanges';
		const connection = await dataverseConnection(this, this.getNodeParameter('authentication', 'clientCredentials') as string);
		const output = readOutputSettings((name, fallback) => this.getNodeParameter(name, fallback));
		const table: SalesTable = event === 'opportunityWon' ? TABLES.opportunity : tableOf(this.getNodeParameter('resource', 'account') as string);
		const select = event === 'opportunityWon' ? OPPORTUNITY_COLUMNS : columnList(this.getNodeParameter('select', ''), 'select');
		const overlapMs = Number(this.getNodeParameter('overlapMinutes', DEFAULT_OVERLAP_MINUTES)) * 60_000;

		if (this.getMode() === 'manual') {
			const filter = event === 'opportunityWon' ? `statecode eq ${OPPORTUNITY_STATE.won}` : undefined;
			const [sample] = await dataverseGetAll(this, connection, table.entitySet, { select: select.length ? [table.idColumn, ...select] : undefined, filter, orderby: 'modifiedon desc' }, { limit: 1 });
			if (!sample) throw new NodeOperationError(this.getNode(), `Dynamics 365 Sales has no ${table.plural} matching this trigger yet, so there is no sample to show`);
			if (event === 'opportunityWon') {
				const record = await dataverseGet(this, connection, 'opportunities', String(sample.opportunityid), { expand: OPPORTUNITY_CANONICAL_EXPAND }, { formattedValues: true });
				return [this.helpers.returnJsonArray(emitted([record], output, 'opportunity'))];
			}
			return [this.helpers.returnJsonArray(emitted([sample], output, undefined, () => ({ changeType: 'changed' })))];
		}

		const staticData = this.getWorkflowStaticData('node') as IDataObject;
		const previous = staticData as TriggerState;
		const { changes, state, baseline } = await pollTableChanges(
			this,
			connection,
			{ entitySet: table.entitySet, idColumn: table.idColumn, select, overlapMs, filter: event === 'opportunityWon' ? `statecode eq ${OPPORTUNITY_STATE.won}` : undefined },
			previous,
		);
		const next: TriggerState = { ...state, won: previous.table === table.entitySet ? previous.won : undefined };

		let out: IDataObject[] = [];
		if (event === 'opportunityWon') {
			// Wins in the first change-tracking read (the baseline) already happened: they are only remembered.
			if (baseline) wonOpportunities(baseline, next, true);
			const ids = wonOpportunities(changes, next, false);
			const records: IDataObject[] = [];
			for (const id of ids) records.push(await dataverseGet(this, connection, 'opportunities', id, { expand: OPPORTUNITY_CANONICAL_EXPAND }, { formattedValues: true }));
			out = emitted(records, output, 'opportunity');
		} else {
			const canonical = output.mode === 'canonical' && table.canonicalObject !== undefined;
			for (const change of changes) {
				const resync = change.resync ? { resync: 'The delta link had expired; this row comes from a new baseline, so changes before it may have been missed' } : {};
				if (canonical && change.kind === 'changed') {
					// The delta carries the selected columns only: the mapping reads the whole record, its money's currency included.
					const expand = table.canonicalObject === 'opportunity' ? OPPORTUNITY_CANONICAL_EXPAND : ACCOUNT_CANONICAL_EXPAND;
					const record = await dataverseGet(this, connection, table.entitySet, change.id, { expand }, { formattedValues: true }).catch((error: { httpCode?: string }) => {
						if (error.httpCode === '404') return undefined;
						throw error;
					});
					// A row deleted since the delta was read comes out as the delta had it; its delete follows next poll.
					if (record) {
						out.push(...emitted([record], output, table.canonicalObject).map((json) => ({ ...json, ...resync })));
						continue;
					}
				}
				out.push({
					...(change.kind === 'deleted' ? { [table.idColumn]: change.id } : change.record),
					changeType: change.kind,
					table: table.logicalName,
					...resync,
					correlationId: correlationIdOf(undefined),
				});
			}
		}
		replaceTriggerState(staticData, next);
		return out.length ? [this.helpers.returnJsonArray(out)] : null;
	}
}
