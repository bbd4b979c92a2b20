/**
 * Runs schedule API changes for many input items: per project, the items' operations go into operation sets of
 * at most 200 operations (an item's operations always in one set), each queued with msdyn_Pss*V1, executed with
 * msdyn_ExecuteOperationSetV1 and polled (n8n's `sleep`) until Completed or Failed, or the timeout.
 *
 * Project Operations applies a set all or nothing. So that one bad item does not sink the others:
 * - an operation the API refuses when it is queued fails its item; the set is abandoned and the other items
 *   are queued again in a new set;
 * - when an executed set fails, each operation's error (msdyn_operationsetdetails) is reported on the item
 *   that queued it, and the items without an error are queued again in a new set, until a set completes or
 *   no item is left. Every item ends with exactly one outcome.
 */
import { randomUUID } from 'crypto';

import { sleep } from 'n8n-workflow';
import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { callAction, dataverseGet, dataverseGetAll } from '../../Dataverse/transport';
import type { DataverseConnection } from '../../Dataverse/transport';
import { InvalidInputError } from '../../shared/kit';
import { OPERATION_SET_STATUS } from './tables';

export const MAX_OPERATIONS_PER_SET = 200;

export interface ScheduleOperation {
	kind: 'create' | 'update' | 'delete';
	/** msdyn_projecttask, msdyn_projectbucket, msdyn_projecttaskdependency, msdyn_resourceassignment, msdyn_projectteam, msdyn_project */
	logicalName: string;
	recordId: string;
	/** The entity for create and update (`@odata.type`, its id, columns and binds). */
	entity?: IDataObject;
}

export interface ItemOperations {
	itemIndex: number;
	projectId: string;
	operations: ScheduleOperation[];
}

export type ItemOutcome =
	| { itemIndex: number; ok: true; operationSetId: string; operations: Array<{ operation: string; entity: string; recordId: string }> }
	| { itemIndex: number; ok: false; error: Error };

export interface RunOptions {
	description: string;
	timeoutMs: number;
	pollIntervalMs: number;
	correlationId?: string;
}

/** A failure Project Operations reported for one operation of an executed set, or a set that did not finish. */
export class OperationSetError extends Error {
	readonly context: { vendorErrorCode: string; vendorErrorFields: string[]; operationSetId: string };

	constructor(message: string, code: string, operationSetId: string, fields: string[] = []) {
		super(message);
		this.name = 'OperationSetError';
		this.context = { vendorErrorCode: code, vendorErrorFields: fields, operationSetId };
	}
}

/** A new record id for a create (the schedule API takes client-generated ids). */
export function newRecordId(): string {
	return randomUUID();
}

function actionName(kind: ScheduleOperation['kind']): string {
	return kind === 'create' ? 'msdyn_PssCreateV1' : kind === 'update' ? 'msdyn_PssUpdateV1' : 'msdyn_PssDeleteV1';
}

/** Packs items into sets of at most 200 operations, never splitting an item. */
export function packItems(items: ItemOperations[], max = MAX_OPERATIONS_PER_SET): ItemOperations[][] {
	const sets: ItemOperations[][] = [];
	let current: ItemOperations[] = [];
	let count = 0;
	for (const item of items) {
		if (count + item.operations.length > max && current.length) {
			sets.push(current);
			current = [];
			count = 0;
		}
		current.push(item);
		count += item.operations.length;
	}
	if (current.length) sets.push(current);
	return sets;
}

interface Queued {
	item: ItemOperations;
	detailIds: string[];
}

async function queueSet(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	projectId: string,
	items: ItemOperations[],
	options: RunOptions,
): Promise<{ operationSetId: string; queued: Queued[]; refused: Map<number, Error> }> {
	const created = await callAction<IDataObject>(context, connection, 'msdyn_CreateOperationSetV1', { ProjectId: projectId, Description: options.description }, { correlationId: options.correlationId, itemIndex: items[0].itemIndex });
	const operationSetId = String(created.OperationSetId ?? '');
	if (!operationSetId) throw new Error('msdyn_CreateOperationSetV1 answered without an OperationSetId');
	const queued: Queued[] = [];
	const refused = new Map<number, Error>();
	for (const item of items) {
		const detailIds: string[] = [];
		try {
			for (const operation of item.operations) {
				const body: IDataObject =
					operation.kind === 'delete'
						? { RecordId: operation.recordId, EntityLogicalName: operation.logicalName, OperationSetId: operationSetId }
						: { Entity: operation.entity ?? {}, OperationSetId: operationSetId };
				const answer = await callAction<IDataObject>(context, connection, actionName(operation.kind), body, { correlationId: options.correlationId, itemIndex: item.itemIndex });
				detailIds.push(detailIdOf(answer));
			}
			queued.push({ item, detailIds });
		} catch (error) {
			refused.set(item.itemIndex, error as Error);
		}
	}
	return { operationSetId, queued, refused };
}

function detailIdOf(answer: IDataObject): string {
	const raw = answer.OperationSetResponse;
	try {
		const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject | undefined;
		return String(parsed?.operationSetDetailId ?? '');
	} catch {
		return '';
	}
}

async function waitForSet(context: IAllExecuteFunctions, connection: DataverseConnection, operationSetId: string, options: RunOptions, itemIndex: number): Promise<number> {
	const started = Date.now();
	let waited = 0;
	for (;;) {
		const set = await dataverseGet(context, connection, 'msdyn_operationsets', operationSetId, { select: ['msdyn_status'] }, { correlationId: options.correlationId, itemIndex });
		const status = Number(set.msdyn_status);
		if (status === OPERATION_SET_STATUS.completed || status === OPERATION_SET_STATUS.failed || status === OPERATION_SET_STATUS.abandoned) return status;
		// Waits count in full, even when the clock says less.
		if (Math.max(Date.now() - started, waited) + options.pollIntervalMs > options.timeoutMs) return status;
		await sleep(options.pollIntervalMs);
		waited += options.pollIntervalMs;
	}
}

async function operationErrors(context: IAllExecuteFunctions, connection: DataverseConnection, operationSetId: string, options: RunOptions, itemIndex: number): Promise<Map<string, string>> {
	const details = await dataverseGetAll(
		context,
		connection,
		'msdyn_operationsetdetails',
		{ select: ['msdyn_operationsetdetailid', 'msdyn_errormessage', 'msdyn_entity', 'msdyn_recordid'], filter: `_msdyn_operationsetid_value eq ${operationSetId} and msdyn_errormessage ne null` },
		{ correlationId: options.correlationId, itemIndex },
	);
	return new Map(details.map((detail) => [String(detail.msdyn_operationsetdetailid).toLowerCase(), String(detail.msdyn_errormessage)]));
}

function statusName(status: number): string {
	const entry = Object.entries(OPERATION_SET_STATUS).find(([, value]) => value === status);
	return entry ? entry[0] : String(status);
}

/** Runs the items' operations; every item gets exactly one outcome. */
export async function runOperationSets(context: IAllExecuteFunctions, connection: DataverseConnection, items: ItemOperations[], options: RunOptions): Promise<Map<number, ItemOutcome>> {
	const outcomes = new Map<number, ItemOutcome>();
	const fail = (itemIndex: number, error: Error) => outcomes.set(itemIndex, { itemIndex, ok: false, error });
	const byProject = new Map<string, ItemOperations[]>();
	for (const item of items) {
		if (item.operations.length > MAX_OPERATIONS_PER_SET) {
			fail(item.itemIndex, new InvalidInputError('operations', `an item may queue at most ${MAX_OPERATIONS_PER_SET} operations, the most one operation set holds; this one has ${item.operations.length} (field: operations)`));
			continue;
		}
		byProject.set(item.projectId, [...(byProject.get(item.projectId) ?? []), item]);
	}
	for (const [projectId, projectItems] of byProject) {
		for (const pack of packItems(projectItems)) {
			let remaining = pack;
			while (remaining.length) {
				let attempt: Awaited<ReturnType<typeof queueSet>>;
				try {
					attempt = await queueSet(context, connection, projectId, remaining, options);
				} catch (error) {
					for (const item of remaining) fail(item.itemIndex, error as Error);
					break;
				}
				const { operationSetId, queued, refused } = attempt;
				if (refused.size) {
					// Part of a refused item may be queued already: this set is dropped and the others go again.
					for (const [itemIndex, error] of refused) fail(itemIndex, error);
					await callAction(context, connection, 'msdyn_AbandonOperationSetV1', { OperationSetId: operationSetId }, { correlationId: options.correlationId, itemIndex: remaining[0].itemIndex }).catch(() => undefined);
					remaining = remaining.filter((item) => !refused.has(item.itemIndex));
					continue;
				}
				await callAction(context, connection, 'msdyn_ExecuteOperationSetV1', { OperationSetId: operationSetId }, { correlationId: options.correlationId, itemIndex: remaining[0].itemIndex });
				const status = await waitForSet(context, connection, operationSetId, options, remaining[0].itemIndex);
				if (status === OPERATION_SET_STATUS.completed) {
					for (const { item } of queued) {
						outcomes.set(item.itemIndex, {
							itemIndex: item.itemIndex,
							ok: true,
							operationSetId,
							operations: item.operations.map((op) => ({ operation: op.kind, entity: op.logicalName, recordId: op.recordId })),
						});
					}
					break;
				}
				if (status !== OPERATION_SET_STATUS.failed) {
					const seconds = Math.round(options.timeoutMs / 1000);
					for (const { item } of queued) {
						fail(item.itemIndex, new OperationSetError(`operation set ${operationSetId} is still ${statusName(status)} after ${seconds} s: it may yet be applied, so check msdyn_operationsets(${operationSetId}) before running this item again`, 'OPERATION_SET_TIMEOUT', operationSetId));
					}
					break;
				}
				const errors = await operationErrors(context, connection, operationSetId, options, remaining[0].itemIndex);
				const failedItems = queued.filter(({ detailIds }) => detailIds.some((id) => errors.has(id.toLowerCase())));
				if (!failedItems.length) {
					// Failed without an error on any operation: nothing to single out, so every item fails with the set.
					for (const { item } of queued) fail(item.itemIndex, new OperationSetError(`operation set ${operationSetId} failed and named no operation; Project Operations applied none of it`, 'OPERATION_SET_FAILED', operationSetId));
					break;
				}
				for (const { item, detailIds } of failedItems) {
					const messages = detailIds.filter((id) => errors.has(id.toLowerCase())).map((id) => {
						const index = detailIds.indexOf(id);
						const op = item.operations[index];
						return `${op.kind} ${op.logicalName} ${op.recordId}: ${errors.get(id.toLowerCase())}`;
					});
					fail(item.itemIndex, new OperationSetError(`Project Operations refused ${messages.join('; ')} (operation set ${operationSetId})`, 'OPERATION_FAILED', operationSetId, item.operations.map((op) => op.logicalName)));
				}
				const failedIndexes = new Set(failedItems.map(({ item }) => item.itemIndex));
				remaining = remaining.filter((item) => !failedIndexes.has(item.itemIndex));
			}
		}
	}
	return outcomes;
}
