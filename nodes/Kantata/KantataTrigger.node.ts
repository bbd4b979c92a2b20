import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { outputJson, outputProperties, readOutputSettings } from '../shared/canonicalOutput';
import type { OutputSettings } from '../shared/canonicalOutput';
import { correlationIdOf, readableSubtitle } from '../shared/kit';
import { toCanonical } from './canonical';
import { DEFAULT_OVERLAP_MINUTES, feedGap, takeNew, windowStart } from './helpers/poll';
import type { CursorState } from './helpers/poll';
import { RESOURCES, resourceOf } from './helpers/resources';
import type { KantataResource, KantataResourceName } from './helpers/resources';
import { listAll, kantataConnection } from './transport';
import type { KantataAuthentication } from './transport';
import { authenticationProperty, kantataCredentials } from './v1/actions/versionDescription';

const FEED_SUBJECTS: Array<[string, string]> = [
	['time_entry', 'Time Entry'],
	['expense', 'Expense'],
	['timesheet_submission', 'Timesheet Submission'],
	['expense_report_submission', 'Expense Report Submission'],
	['workspace', 'Workspace'],
	['workspace_group', 'Workspace Group'],
	['story', 'Story'],
	['workspace_allocation', 'Workspace Allocation'],
	['invoice', 'Invoice'],
];

const POLLABLE = (Object.keys(RESOURCES) as KantataResourceName[]).filter((name) => (RESOURCES[name] as KantataResource).filters.includes('updatedAfter'));

const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Account Event Feed', value: 'feed', description: 'Kantata\'s subscribed events: created, updated and deleted records of the whole account (kept about 9 days)' },
			{ name: 'Poll Changes (Updated After)', value: 'poll', description: 'Records of one resource changed since the last poll, for accounts without the event feed' },
		],
		default: 'feed',
	},
	{
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		options: FEED_SUBJECTS.flatMap(([key, label]) => ['created', 'updated', 'deleted'].map((action) => ({ name: `${label} ${action.charAt(0).toUpperCase()}${action.slice(1)}`, value: `${key}:${action}` }))),
		default: ['time_entry:updated'],
		required: true,
		displayOptions: { show: { source: ['feed'] } },
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: POLLABLE.map((name) => ({ name: (RESOURCES[name] as KantataResource).label, value: name })),
		default: 'timeEntry',
		displayOptions: { show: { source: ['poll'] } },
	},
	{
		displayName: 'Approved Time Only',
		name: 'approvedOnly',
		type: 'boolean',
		default: false,
		description: 'Whether only approved time entries start the workflow (adds approved=true to the poll)',
		displayOptions: { show: { source: ['poll'], resource: ['timeEntry'] } },
	},
	{
		displayName: 'Overlap (Minutes)',
		name: 'overlapMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_OVERLAP_MINUTES,
		description: 'How far each poll looks back before the last change it saw; changes seen already are not emitted again',
	},
	...outputProperties(
		{},
		'Feed: each event\'s record (payload) is mapped by its subject type, with the event under kantataEvent; events of types without a mapping, and deletions, come out raw.',
	),
];

/** The canonical mapping of each event subject type that has one. */
const MAPPED_SUBJECTS: Record<string, string> = {
	TimeEntry: 'time_entry',
	Expense: 'expense',
	Workspace: 'workspace',
	WorkspaceGroup: 'workspace_group',
	WorkspaceAllocation: 'workspace_allocation',
};

/**
 * What a poll emits. Raw: the events or records as Kantata sent them. Canonical: each mappable record (an
 * event's payload) as a canonical record with a fresh correlation id, an unmappable one as an exception record.
 */
function emitted(records: IDataObject[], source: 'feed' | 'poll', output: OutputSettings, pollObject: string | undefined, extra: IDataObject): IDataObject[] {
	const at = new Date().toISOString();
	return records.map((record): IDataObject => {
		const correlationId = correlationIdOf(undefined);
		const object = source === 'feed' ? MAPPED_SUBJECTS[String(record.subject_type)] : pollObject;
		const payload = source === 'feed' ? (record.payload as IDataObject | undefined) : record;
		const deleted = source === 'feed' && String(record.event_type).endsWith(':deleted');
		if (output.mode === 'raw' || !object || !payload || deleted) return { ...record, ...extra, correlationId };
		const [json] = outputJson([payload], output, { system: 'kantata', object, toCanonical }, correlationId, at);
		return { ...json, ...(source === 'feed' ? { kantataEvent: { id: record.id, event_type: record.event_type, created_at: record.created_at } } : {}), ...extra };
	});
}

export class KantataTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kantata OX (Planning to Cash) Trigger',
		name: 'kantataTrigger',
		icon: { light: 'file:kantata.svg', dark: 'file:kantata.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: readableSubtitle(triggerProperties, ['source']),
		description: 'Starts a workflow on Kantata OX changes: the account event feed, or polling a resource for changes',
		defaults: { name: 'Kantata OX (Planning to Cash) Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: kantataCredentials,
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const source = this.getNodeParameter('source', 'feed') as 'feed' | 'poll';
		const overlapMs = Number(this.getNodeParameter('overlapMinutes', DEFAULT_OVERLAP_MINUTES)) * 60_000;
		const connection = await kantataConnection(this, this.getNodeParameter('authentication', 'token') as KantataAuthentication);
		const manual = this.getMode() === 'manual';
		const output = readOutputSettings((name, fallback) => this.getNodeParameter(name, fallback));
		let pollObject: string | undefined;
		const state = this.getWorkflowStaticData('node') as CursorState;
		const now = Date.now();
		const start = windowStart(state, now, overlapMs);

		let path: string;
		let qs: IDataObject;
		let key: (r: IDataObject) => string;
		let at: (r: IDataObject) => string;
		if (source === 'feed') {
			const types = this.getNodeParameter('eventTypes', []) as string[];
			if (!types.length) throw new NodeOperationError(this.getNode(), 'Pick at least one event type');
			path = '/subscribed_events.json';
			// No `order`: the feed's own order is used and the events are sorted here, oldest first.
			qs = { event_types: types.join(',') };
			key = (r) => String(r.id);
			at = (r) => String(r.created_at);
		} else {
			const resource = resourceOf(this.getNodeParameter('resource', 'timeEntry') as string);
			pollObject = resource.canonicalObject;
			path = `/${resource.collection}.json`;
			qs = { order: 'updated_at:asc' };
			if (resource.collection === 'time_entries' && this.getNodeParameter('approvedOnly', false)) qs.approved = 'true';
			key = (r) => `${String(r.id)}@${String(r.updated_at)}`;
			at = (r) => String(r.updated_at);
		}
		if (manual) {
			const [sample] = await listAll(this, connection, path, { ...qs, order: source === 'feed' ? 'created_at:desc' : 'updated_at:desc' }, { limit: 1 });
			if (!sample) throw new NodeOperationError(this.getNode(), 'Kantata has nothing matching this trigger yet, so there is no sample to show');
			return [this.helpers.returnJsonArray(emitted([sample], source, output, pollObject, {}))];
		}
		const gap = source === 'feed' && feedGap(state, now);
		const records = (await listAll(this, connection, path, { ...qs, [source === 'feed' ? 'created_after' : 'updated_after']: new Date(start).toISOString() })).sort(
			(a, b) => Date.parse(at(a)) - Date.parse(at(b)) || Number(a.id) - Number(b.id),
		);
		const { fresh, state: next } = takeNew(records, state, key, at, start, now);
		state.cursor = next.cursor;
		state.seen = next.seen;
		if (!fresh.length) return null;
		// The feed keeps ~9 days: after a longer pause changes may be missing; say so on what comes out.
		const extra = gap ? { feedGap: 'The trigger was paused longer than the event feed keeps events (about 9 days); run a reconciliation over that period.' } : {};
		return [this.helpers.returnJsonArray(emitted(fresh, source, output, pollObject, extra))];
	}
}
