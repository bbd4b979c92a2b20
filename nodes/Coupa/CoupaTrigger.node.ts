import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { outputJson, outputProperties, readOutputSettings } from '../shared/canonicalOutput';
import { correlationIdOf, readableSubtitle } from '../shared/kit';
import { DEFAULT_POLL_OVERLAP_MINUTES, pollWindowStart } from '../shared/kit/poll';
import type { PollCursorState } from '../shared/kit/poll';
import { toCanonical } from './canonical';
import { TRIGGER_EVENTS, takeNewRecords, triggerQuery } from './helpers/trigger';
import type { TriggerEvent } from './helpers/trigger';
import { coupaConnection, listAll } from './transport';
import { purchaseOrderLines } from './v1/actions/record/read.operation';
import { coupaCredentials } from './v1/actions/versionDescription';

const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: [
			{ name: 'Invoice Approved', value: 'invoiceApproved', description: 'Supplier invoices that reached approved' },
			{ name: 'Purchase Order Issued', value: 'purchaseOrderIssued', description: 'Purchase orders issued to the supplier' },
		],
		default: 'invoiceApproved',
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{
				name: 'Changed Since Last Poll',
				value: 'updatedSince',
				description: 'Records in the state changed since the last poll (updated-at[gt_or_eq] with an overlap); each record is emitted once',
			},
			{
				name: 'Not Yet Exported',
				value: 'exportFlag',
				description: 'Every record in the state with exported=false, each poll, until the workflow marks it exported (Coupa\'s export pattern)',
			},
		],
		default: 'updatedSince',
	},
	{
		displayName: 'Overlap (Minutes)',
		name: 'overlapMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_POLL_OVERLAP_MINUTES,
		description: 'How far each poll looks back before the last change it saw; records emitted already are not emitted again',
		displayOptions: { show: { mode: ['updatedSince'] } },
	},
	{
		displayName: 'Not Yet Exported: the workflow must mark each record exported (Coupa node → Mark Exported), or it is emitted again on the next poll.',
		name: 'exportNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['exportFlag'] } },
	},
	...outputProperties({}, 'A purchase order comes out as one cost commitment per line.'),
];

export class CoupaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coupa (Planning to Cash) Trigger',
		name: 'coupaTrigger',
		icon: { light: 'file:coupa.svg', dark: 'file:coupa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: readableSubtitle(triggerProperties, ['event']),
		description: 'Starts a workflow on approved Coupa invoices or issued purchase orders, by polling changes or the export flag',
		defaults: { name: 'Coupa (Planning to Cash) Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: coupaCredentials,
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'invoiceApproved') as TriggerEvent;
		const mode = this.getNodeParameter('mode', 'updatedSince') as 'updatedSince' | 'exportFlag';
		const overlapMs = Number(this.getNodeParameter('overlapMinutes', DEFAULT_POLL_OVERLAP_MINUTES)) * 60_000;
		const connection = await coupaConnection(this);
		const output = readOutputSettings((name, fallback) => this.getNodeParameter(name, fallback));
		const manual = this.getMode() === 'manual';
		const state = this.getWorkflowStaticData('node') as PollCursorState;
		const now = Date.now();
		const start = pollWindowStart(state, now, overlapMs);
		const records = await listAll(this, connection, `/${TRIGGER_EVENTS[event].path}`, triggerQuery(event, mode, start), manual ? { limit: 10 } : {});

		let fresh = records;
		if (mode === 'updatedSince' && !manual) {
			const step = takeNewRecords(records, state, start, now);
			fresh = step.fresh;
			state.cursor = step.state.cursor;
			state.seen = step.state.seen;
		}
		if (!fresh.length) return null;
		const at = new Date().toISOString();
		const object = TRIGGER_EVENTS[event].object;
		const expanded = event === 'purchaseOrderIssued' && output.mode === 'canonical' ? fresh.flatMap(purchaseOrderLines) : fresh;
		const json = expanded.map((record) => {
			const correlationId = correlationIdOf(undefined);
			return output.mode === 'raw' ? { ...record, correlationId } : outputJson([record], output, { system: 'coupa', object, toCanonical }, correlationId, at)[0];
		});
		return [this.helpers.returnJsonArray(json)];
	}
}
