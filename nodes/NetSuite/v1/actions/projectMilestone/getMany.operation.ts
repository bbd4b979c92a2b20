import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { outputProperties, runReadPerItem } from '../../../../shared/canonicalOutput';
import type { CanonicalTarget } from '../../../../shared/canonicalOutput';
import { chunk, returnAllProperties } from '../../../../shared/kit';
import { toCanonical } from '../../../canonical';
import { RECORD_TYPES } from '../../../helpers/recordTypes';
import { buildSelect } from '../../../helpers/suiteql';
import type { Condition } from '../../../helpers/suiteql';
import { apiRequest, recordPath, suiteQlQuery } from '../../../transport';
import type { NetSuiteConnection } from '../../../transport';
import { pageSizeOption } from '../common.descriptions';

const properties: INodeProperties[] = [
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Project Internal ID',
				name: 'projectId',
				type: 'string',
				default: '',
				description: 'Only the milestones of this project (job); empty for every project with a billing schedule',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [pageSizeOption],
	},
];

export const description = [
	...updateDisplayOptions({ show: { resource: ['projectMilestone'], operation: ['getMany'] } }, properties),
	...updateDisplayOptions(
		{ show: { resource: ['projectMilestone'], operation: ['getMany'] } },
		outputProperties(
			{},
			'Each milestone becomes a canonical milestone: its amount is its percentage of the Project Price in the project\'s currency, exactly (a percentage that does not give whole cents is reported, not rounded); completed milestones are achieved on their actual completion date.',
		),
	),
];

export const CANONICAL_TARGET: CanonicalTarget = { system: 'netsuite', object: 'billingScheduleMilestone', toCanonical };

interface ReadContext {
	itemIndex: number;
	correlationId: string;
}

async function getRecord(context: IExecuteFunctions, connection: NetSuiteConnection, path: string, query: IDataObject, request: ReadContext): Promise<IDataObject> {
	return (await apiRequest<IDataObject>(context, connection, { method: 'GET', path, query: query as Record<string, string | boolean>, ...request })).body;
}

function selfHref(record: IDataObject): string | undefined {
	const links = Array.isArray(record.links) ? (record.links as IDataObject[]) : [];
	const href = links.find((link) => link.rel === 'self')?.href;
	return typeof href === 'string' ? href : undefined;
}

/** A reference as NetSuite writes one: `{ links, id, refName }` of the record read. */
function referenceTo(record: IDataObject): IDataObject {
	const href = selfHref(record);
	return { ...(href ? { links: [{ rel: 'self', href }] } : {}), id: record.id, refName: record.refName };
}

/**
 * The milestone lines of one project's billing schedule, each with its schedule, its project and its project
 * task's external id (see the billingScheduleMilestone mapping). A project without a schedule has none.
 */
async function projectMilestones(context: IExecuteFunctions, connection: NetSuiteConnection, jobId: string, request: ReadContext): Promise<IDataObject[]> {
	const job = await getRecord(context, connection, recordPath('job', jobId, 'projectId'), { fields: 'externalId,companyName,jobPrice,currency,billingSchedule' }, request);
	const scheduleRef = job.billingSchedule as IDataObject | undefined;
	if (!scheduleRef?.id) return [];
	const scheduleId = String(scheduleRef.id);
	const schedulePath = recordPath('billingSchedule', scheduleId, 'billingSchedule');
	const schedule = await getRecord(context, connection, schedulePath, { expandSubResources: true }, request);
	let sublist = (schedule.milestone ?? {}) as IDataObject;
	const lines = [...((sublist.items as IDataObject[] | undefined) ?? [])];
	// Long sublists come in pages like any collection: read the rest from the sublist itself.
	while (sublist.hasMore === true) {
		sublist = await getRecord(context, connection, `${schedulePath}/milestone`, { offset: lines.length }, request);
		const more = (sublist.items as IDataObject[] | undefined) ?? [];
		if (more.length === 0) break;
		lines.push(...more);
	}
	const scheduleHref = selfHref(schedule) ?? `${connection.baseUrl}${schedulePath}`;
	const jobContext: IDataObject = { ...referenceTo(job), externalId: job.externalId, jobPrice: job.jobPrice, currency: job.currency };
	return await Promise.all(
		lines.map(async (line) => {
			const task = line.projectTask as IDataObject | undefined;
			const taskRecord = task?.id
				? await getRecord(context, connection, recordPath('projectTask', String(task.id), 'projectTask'), { fields: 'externalId' }, request)
				: undefined;
			return {
				...line,
				links: selfHref(line) ? line.links : [{ rel: 'self', href: `${scheduleHref}/milestone/${String(line.milestoneId)}` }],
				id: `${scheduleId}.${String(line.milestoneId)}`,
				...(typeof taskRecord?.externalId === 'string' ? { externalId: taskRecord.externalId } : {}),
				billingSchedule: referenceTo(schedule),
				job: jobContext,
			};
		}),
	);
}

export async function execute(this: IExecuteFunctions, connection: NetSuiteConnection): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, CANONICAL_TARGET, async ({ itemIndex, correlationId }) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const projectId = typeof filters.projectId === 'string' ? filters.projectId.trim() : '';
		const conditions: Condition[] = [{ column: 'billingschedule', operator: 'isNotEmpty' }];
		if (projectId) conditions.push({ column: 'id', operator: 'equals', value: projectId });
		let q: string;
		try {
			q = buildSelect({ recordType: RECORD_TYPES.job, columns: ['id'], conditions });
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex, description: 'Field: filters.projectId' });
		}
		const pageSize = typeof options.pageSize === 'number' ? options.pageSize : undefined;
		const rows = await suiteQlQuery(this, connection, q, { limit: Number.POSITIVE_INFINITY, pageSize, itemIndex, correlationId });
		const milestones: IDataObject[] = [];
		// A few projects at a time, within the account's concurrency slots (the kit's limiter holds them).
		for (const ids of chunk(rows.map((row) => String(row.id)), connection.concurrency.limit)) {
			if (milestones.length >= limit) break;
			const read = await Promise.all(ids.map(async (id) => await projectMilestones(this, connection, id, { itemIndex, correlationId })));
			for (const lines of read) milestones.push(...lines);
		}
		return milestones.slice(0, limit);
	});
}
