import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { outputProperties, readOutputSettings } from '../shared/canonicalOutput';
import { correlationIdOf } from '../shared/kit';
import { CHANGE_TYPES, DEFAULT_OVERLAP_MINUTES, pollWindow, readChanges, takeNewChanges } from './helpers/changes';
import type { ChangeCursor, ChangeType } from './helpers/changes';
import { instant } from './helpers/soapRequests';
import { ISU_CREDENTIAL_NAME, workdayConnection } from './transport';
import { changeJson, today } from './v1/actions/context';

const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Change Types',
		name: 'changeTypes',
		type: 'multiOptions',
		options: CHANGE_TYPES.map(({ name, value, description }) => ({ name, value, description })),
		default: ['hire', 'termination', 'jobChange', 'compensation', 'location', 'manager', 'fte'],
		required: true,
		description: 'Which worker changes start the workflow; each comes with its effective date',
	},
	{
		displayName: 'Overlap (Minutes)',
		name: 'overlapMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_OVERLAP_MINUTES,
		description: 'How far each poll reads back before the end of the last window (business processes can complete with an earlier entry moment); changes emitted already are not emitted again',
	},
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'dateTime',
		default: '',
		description: 'Where the first poll starts reading the transaction log (to take over from an earlier sync); empty: the first poll reads back only the overlap',
	},
	...outputProperties({}, 'Each change maps the worker, as of its effective date, to a canonical resource, with the change under workdayChange.'),
];

export class WorkdayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Workday (Planning to Cash) Trigger',
		name: 'workdayTrigger',
		icon: { light: 'file:workday.svg', dark: 'file:workday.dark.svg' },
		group: ['trigger'],
		version: 1,
		// Change Types is a multi-select: the subtitle lists the picked labels.
		subtitle: `={{ "Worker changes: " + ($parameter["changeTypes"] || []).map((type) => (${JSON.stringify(Object.fromEntries(CHANGE_TYPES.map((t) => [t.value, t.name])))})[type] ?? type).join(", ") }}`,
		description: "Starts a workflow on worker changes read from Workday's transaction log: hires, terminations, job, cost-rate, location, manager and FTE changes, each with its effective date",
		defaults: { name: 'Workday (Planning to Cash) Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: ISU_CREDENTIAL_NAME, required: true }],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const types = this.getNodeParameter('changeTypes', []) as ChangeType[];
		const overlapMs = Math.max(0, Number(this.getNodeParameter('overlapMinutes', DEFAULT_OVERLAP_MINUTES))) * 60_000;
		const startText = this.getNodeParameter('startFrom', '') as string;
		const startFrom = startText ? instant(startText, 'startFrom') : undefined;
		const output = readOutputSettings((name, fallback) => this.getNodeParameter(name, fallback));
		const connection = await workdayConnection(this, ISU_CREDENTIAL_NAME);
		const state = this.getWorkflowStaticData('node') as ChangeCursor & IDataObject;
		const now = Date.now();
		const manual = this.getMode() === 'manual';
		// A manual run shows the latest change of the last 30 days as a sample and leaves the cursor alone.
		const window = manual ? { from: now - 30 * 86_400_000, through: now } : pollWindow(state, now, overlapMs, startFrom);
		const changes = (await readChanges(this, connection, { updatedFrom: new Date(window.from).toISOString(), updatedThrough: new Date(window.through).toISOString() }, { today: today() })).filter(
			(change) => !types.length || types.includes(change.changeType),
		);
		const at = new Date(now).toISOString();
		if (manual) {
			const sample = changes[changes.length - 1];
			return sample ? [this.helpers.returnJsonArray([changeJson(sample, output, correlationIdOf(undefined), at)])] : null;
		}
		const { fresh, state: next } = takeNewChanges(changes, state, window);
		state.cursor = next.cursor;
		state.seen = next.seen;
		if (!fresh.length) return null;
		return [this.helpers.returnJsonArray(fresh.map((change) => changeJson(change, output, correlationIdOf(undefined), at)))];
	}
}
