/**
 * Apply WBS Changes: each input item is one change to a scheduling entity of a project (a task, bucket,
 * dependency, resource assignment, team member or the project), run through the schedule API in operation
 * sets (helpers/operationSets). Items succeed or fail one by one: an operation Project Operations refuses is
 * reported on the item that asked for it, and the other items are applied.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { correlationIdOf, InvalidInputError } from '../../../../shared/kit';
import { outcomesToItems } from '../../../../shared/kit/outcomes';
import { isGuid } from '../../../../shared/kit/odata';
import { writeBody } from '../../../../Dataverse/descriptions';
import { dataverseGetAll } from '../../../../Dataverse/transport';
import type { DataverseConnection } from '../../../../Dataverse/transport';
import { newRecordId, runOperationSets } from '../../../helpers/operationSets';
import type { ItemOperations, RunOptions, ScheduleOperation } from '../../../helpers/operationSets';
import type { OperationContext } from '../record/context';
import { guidParameter } from '../record/context';

/** The navigation property that binds each scheduling entity to its project. */
export const PROJECT_BIND: Record<string, string> = {
	msdyn_projecttask: 'msdyn_project',
	msdyn_projectbucket: 'msdyn_project',
	msdyn_projecttaskdependency: 'msdyn_project',
	msdyn_resourceassignment: 'msdyn_projectid',
	msdyn_projectteam: 'msdyn_project',
};

export function runOptionsOf(context: IExecuteFunctions, itemIndex: number): RunOptions {
	const options = context.getNodeParameter('scheduleOptions', itemIndex, {}) as IDataObject;
	const seconds = (value: unknown, fallback: number) => (typeof value === 'number' && value > 0 ? value : fallback);
	return {
		description: typeof options.description === 'string' && options.description ? options.description : 'n8n',
		timeoutMs: seconds(options.timeoutSeconds, 120) * 1000,
		pollIntervalMs: seconds(options.pollIntervalSeconds, 2) * 1000,
		correlationId: correlationIdOf(context.getInputData()[itemIndex]),
	};
}

/** The project's first bucket (a new task must be in one; msdyn_CreateProjectV1 makes "Bucket 1"). */
async function defaultBucket(context: IExecuteFunctions, connection: DataverseConnection, projectId: string, cache: Map<string, string | undefined>, itemIndex: number): Promise<string | undefined> {
	if (!cache.has(projectId)) {
		const [bucket] = await dataverseGetAll(context, connection, 'msdyn_projectbuckets', { select: ['msdyn_projectbucketid'], filter: `_msdyn_project_value eq ${projectId}`, orderby: 'createdon asc' }, { limit: 1, itemIndex });
		cache.set(projectId, bucket ? String(bucket.msdyn_projectbucketid) : undefined);
	}
	return cache.get(projectId);
}

async function operationOf(context: IExecuteFunctions, op: OperationContext, itemIndex: number, buckets: Map<string, string | undefined>): Promise<ItemOperations> {
	const projectId = guidParameter(context, 'projectId', itemIndex);
	const change = context.getNodeParameter('change', itemIndex, 'create') as ScheduleOperation['kind'];
	const logicalName = context.getNodeParameter('scheduleEntity', itemIndex, 'msdyn_projecttask') as string;
	const givenId = String(context.getNodeParameter('scheduleRecordId', itemIndex, '') ?? '').trim();
	if (givenId && !isGuid(givenId)) throw new InvalidInputError('scheduleRecordId', `scheduleRecordId: "${givenId}" is not a GUID (field: scheduleRecordId)`, 'INVALID_ID');
	if (change !== 'create' && !givenId) throw new InvalidInputError('scheduleRecordId', `scheduleRecordId: the ${logicalName} to ${change} is required (field: scheduleRecordId)`, 'INVALID_ID');
	const recordId = (givenId || newRecordId()).toLowerCase();
	if (logicalName === 'msdyn_project' && recordId !== projectId) throw new InvalidInputError('scheduleRecordId', 'scheduleRecordId: to change the project, give the project\'s own ID (field: scheduleRecordId)');
	if (change === 'delete') return { itemIndex, projectId, operations: [{ kind: 'delete', logicalName, recordId }] };
	const entity: IDataObject = { '@odata.type': `Microsoft.Dynamics.CRM.${logicalName}`, ...writeBody(context, itemIndex), [`${logicalName}id`]: recordId };
	const projectNav = PROJECT_BIND[logicalName];
	if (change === 'create' && projectNav && entity[`${projectNav}@odata.bind`] === undefined) entity[`${projectNav}@odata.bind`] = `/msdyn_projects(${projectId})`;
	if (change === 'create' && logicalName === 'msdyn_projecttask' && entity['msdyn_projectbucket@odata.bind'] === undefined) {
		const bucket = await defaultBucket(context, op.connection, projectId, buckets, itemIndex);
		if (bucket) entity['msdyn_projectbucket@odata.bind'] = `/msdyn_projectbuckets(${bucket})`;
	}
	return { itemIndex, projectId, operations: [{ kind: change, logicalName, recordId, entity }] };
}

/** Runs prepared items and turns every outcome into exactly one output item. */
export async function runItems(this: IExecuteFunctions, op: OperationContext, prepare: (itemIndex: number) => Promise<ItemOperations>): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const failed = new Map<number, Error>();
	const prepared: ItemOperations[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push(await prepare(itemIndex));
		} catch (error) {
			failed.set(itemIndex, error as Error);
		}
	}
	const outcomes = prepared.length ? await runOperationSets(this, op.connection, prepared, runOptionsOf(this, prepared[0].itemIndex)) : new Map();
	return outcomesToItems(this, items, (itemIndex) => {
		const outcome = outcomes.get(itemIndex);
		if (outcome?.ok) {
			const [first] = outcome.operations;
			return { json: { ...first, projectId: prepared.find((p) => p.itemIndex === itemIndex)?.projectId, operationSetId: outcome.operationSetId, operations: outcome.operations } };
		}
		const error = failed.get(itemIndex) ?? (outcome && !outcome.ok ? outcome.error : undefined);
		return { error: error ?? new Error('the item got no outcome from the schedule API') };
	});
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const buckets = new Map<string, string | undefined>();
	return await runItems.call(this, op, async (itemIndex) => await operationOf(this, op, itemIndex, buckets));
}
