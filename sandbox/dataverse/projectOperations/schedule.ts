/**
 * The Project schedule APIs as the sandbox serves them. Project tasks, buckets, dependencies, resource
 * assignments and team members are "scheduling entities": Dataverse refuses direct writes to them (a
 * Project Operations plug-in aborts the request) and they change only through an operation set:
 *
 *   msdyn_CreateOperationSetV1 {ProjectId, Description}            → {OperationSetId}           (≤ 10 open per user)
 *   msdyn_PssCreateV1 / msdyn_PssUpdateV1 {Entity, OperationSetId}  → {OperationSetResponse}     (≤ 200 per set)
 *   msdyn_PssDeleteV1 {RecordId, EntityLogicalName, OperationSetId} → {OperationSetResponse}
 *   msdyn_ExecuteOperationSetV1 {OperationSetId}                     → {OperationSetResponse}, then asynchronously
 *        Open → Pending → Completed, or → Failed with each failing operation's error on its
 *        msdyn_operationsetdetails row and in msdyn_psserrorlogs; a failed set applies nothing.
 *   msdyn_AbandonOperationSetV1 {OperationSetId}
 *
 * msdyn_CreateProjectV1 (the project and its default bucket "Bucket 1") and msdyn_CreateTeamMemberV1 act at
 * once, outside any operation set. Resource assignments and task dependencies are never updated: the caller
 * deletes and creates them.
 */
import { CODES, DataverseError, isGuidText, payloadToRow } from './payload';
import type { Row, RowStore } from './store';
import { MEMBERSHIP_STATUS, OPERATION_SET_STATUS, tableOf, tableOfLogicalName } from './tables';

export const MAX_OPERATIONS_PER_SET = 200;
export const MAX_OPEN_SETS_PER_USER = 10;
export const MAX_TASKS_PER_PROJECT = 1000;
export const DEFAULT_BUCKET_NAME = 'Bucket 1';

/** The scheduling entities and what the operation set may do with each. */
const SCHEDULING: Record<string, { create: boolean; update: boolean; delete: boolean; why?: string }> = {
	msdyn_projecttask: { create: true, update: true, delete: true },
	msdyn_projectbucket: { create: true, update: true, delete: true },
	msdyn_projecttaskdependency: { create: true, update: false, delete: true, why: 'Project task dependency records are not updated: delete the dependency and create a new one.' },
	msdyn_resourceassignment: { create: true, update: false, delete: true, why: 'Resource assignment records are not updated: delete the assignment and create a new one.' },
	msdyn_projectteam: { create: false, update: true, delete: true, why: 'Create project team members with msdyn_CreateTeamMemberV1.' },
	msdyn_project: { create: false, update: true, delete: false, why: 'Create projects with msdyn_CreateProjectV1; projects are not deleted through an operation set.' },
};

/** Entity sets whose rows only the schedule APIs write. */
export const SCHEDULE_ONLY_SETS = ['msdyn_projecttasks', 'msdyn_projectbuckets', 'msdyn_projecttaskdependencies', 'msdyn_resourceassignments'];

/** Project columns the schedule API does not accept (Microsoft's list). */
const PROJECT_REFUSED = ['statecode', 'msdyn_calendarid', 'msdyn_finish', 'msdyn_progress'];

interface QueuedOperation {
	detailId: string;
	type: 'Create' | 'Update' | 'Delete';
	logicalName: string;
	set: string;
	recordId: string;
	row: Row;
}

export interface ScheduleSettings {
	/** How long an executed set stays Pending before it is applied (ms). */
	executionDelayMs: number;
}

/** Schedules the deferred execution; the server passes setTimeout, tests may run it by hand. */
export type Scheduler = (run: () => Promise<void>, delayMs: number) => void;

function refused(message: string): DataverseError {
	return new DataverseError(400, CODES.pluginRefused, message);
}

function requireGuid(value: unknown, name: string): string {
	if (!isGuidText(value)) throw new DataverseError(400, CODES.invalidArgument, `${name} must be a GUID, got ${JSON.stringify(value)}.`);
	return value.toLowerCase();
}

/**
 * A view of the store with an operation set's changes staged on top: each operation is checked against the
 * state the operations before it leave, and nothing reaches the store unless every operation passes.
 */
class StagedView {
	private readonly staged = new Map<string, Map<string, Row | null>>();

	constructor(private readonly store: RowStore) {}

	get(set: string, id: string): Row | undefined {
		const overlay = this.staged.get(set)?.get(id);
		if (overlay === null) return undefined;
		return overlay ?? this.store.get(set, id);
	}

	list(set: string): Row[] {
		const overlay = this.staged.get(set) ?? new Map<string, Row | null>();
		const key = tableOf(set).key[0];
		const base = this.store.list(set).filter((row) => !overlay.has(String(row[key])));
		return [...base, ...[...overlay.values()].filter((row): row is Row => row !== null)];
	}

	put(set: string, id: string, row: Row | null): void {
		let overlay = this.staged.get(set);
		if (!overlay) {
			overlay = new Map();
			this.staged.set(set, overlay);
		}
		overlay.set(id, row);
	}

	/** Writes the staged changes to the store (the set succeeded). */
	async commit(): Promise<void> {
		for (const [set, overlay] of this.staged) {
			for (const [id, row] of overlay) {
				const exists = this.store.get(set, id) !== undefined;
				if (row === null) {
					if (exists) await this.store.remove(set, id);
				} else if (exists) {
					await this.store.update(set, id, row);
				} else {
					await this.store.insert(set, row);
				}
			}
		}
	}
}

export class ScheduleApi {
	constructor(
		private readonly store: RowStore,
		readonly settings: ScheduleSettings,
		private readonly scheduler: Scheduler,
	) {}

	// ---------------------------------------------------------------------------------------------- immediate

	/** msdyn_CreateProjectV1: the project and its default bucket, at once. */
	async createProject(body: Record<string, unknown>): Promise<{ ProjectId: string }> {
		const payload = body.Project;
		if (!payload || typeof payload !== 'object') throw new DataverseError(400, CODES.invalidArgument, 'The parameter Project is required: {"Project": {"@odata.type": "Microsoft.Dynamics.CRM.msdyn_project", ...}}.');
		const row = payloadToRow(tableOf('msdyn_projects'), payload as Row, { allowKey: true, refused: PROJECT_REFUSED });
		if (typeof row.msdyn_subject !== 'string' || !row.msdyn_subject.trim()) throw refused('msdyn_subject is required to create a project.');
		const id = (row.msdyn_projectid as string | undefined) ?? this.store.newId();
		if (this.store.get('msdyn_projects', id)) throw new DataverseError(412, '0x80040237', `A record with matching key values already exists: msdyn_project ${id}.`);
		await this.store.insert('msdyn_projects', { statecode: 0, statuscode: 1, ...row, msdyn_projectid: id });
		await this.store.insert('msdyn_projectbuckets', { msdyn_projectbucketid: this.store.newId(), msdyn_name: DEFAULT_BUCKET_NAME, _msdyn_project_value: id, statecode: 0, statuscode: 1 });
		return { ProjectId: id };
	}

	/** msdyn_CreateTeamMemberV1: a project team member, at once. */
	async createTeamMember(body: Record<string, unknown>): Promise<{ TeamMemberId: string }> {
		const payload = body.TeamMember;
		if (!payload || typeof payload !== 'object') throw new DataverseError(400, CODES.invalidArgument, 'The parameter TeamMember is required: {"TeamMember": {"@odata.type": "Microsoft.Dynamics.CRM.msdyn_projectteam", ...}}.');
		const row = payloadToRow(tableOf('msdyn_projectteams'), payload as Row, { allowKey: true });
		const projectId = row._msdyn_project_value as string | undefined;
		if (!projectId || !this.store.get('msdyn_projects', projectId)) throw refused(`msdyn_project is required and must be an existing project (got ${projectId ?? 'none'}).`);
		const resourceId = row._msdyn_bookableresourceid_value as string | undefined;
		if (resourceId && !this.store.get('bookableresources', resourceId)) throw new DataverseError(404, CODES.notFound, `bookableresource With Id = ${resourceId} Does Not Exist`);
		const id = (row.msdyn_projectteamid as string | undefined) ?? this.store.newId();
		if (this.store.get('msdyn_projectteams', id)) throw new DataverseError(412, '0x80040237', `A record with matching key values already exists: msdyn_projectteam ${id}.`);
		const resource = resourceId ? this.store.get('bookableresources', resourceId) : undefined;
		await this.store.insert('msdyn_projectteams', {
			statecode: 0,
			statuscode: 1,
			msdyn_name: resource?.name ?? 'Team member',
			msdyn_membershipstatus: MEMBERSHIP_STATUS.assigned,
			...row,
			msdyn_projectteamid: id,
		});
		return { TeamMemberId: id };
	}

	// ---------------------------------------------------------------------------------------------- operation sets

	private openSetsOf(callerId: string): Row[] {
		const open: number[] = [OPERATION_SET_STATUS.open, OPERATION_SET_STATUS.pending, OPERATION_SET_STATUS.processing];
		return this.store.list('msdyn_operationsets').filter((set) => set._ownerid_value === callerId && open.includes(set.msdyn_status as number));
	}

	async createOperationSet(body: Record<string, unknown>, callerId: string): Promise<{ OperationSetId: string }> {
		const projectId = requireGuid(body.ProjectId, 'ProjectId');
		if (!this.store.get('msdyn_projects', projectId)) throw new DataverseError(404, CODES.notFound, `msdyn_project With Id = ${projectId} Does Not Exist`);
		if (this.openSetsOf(callerId).length >= MAX_OPEN_SETS_PER_USER) {
			throw refused(`This user already has ${MAX_OPEN_SETS_PER_USER} open operation sets, the most a user may have. Execute or abandon one first.`);
		}
		const id = this.store.newId();
		await this.store.insert('msdyn_operationsets', {
			msdyn_operationsetid: id,
			msdyn_description: typeof body.Description === 'string' ? body.Description : null,
			msdyn_status: OPERATION_SET_STATUS.open,
			msdyn_projectid: projectId,
			_msdyn_project_value: projectId,
			_ownerid_value: callerId,
			msdyn_operationcount: 0,
			statecode: 0,
			statuscode: 1,
		});
		return { OperationSetId: id };
	}

	private openSet(operationSetId: unknown, callerId: string): Row {
		const id = requireGuid(operationSetId, 'OperationSetId');
		const set = this.store.get('msdyn_operationsets', id);
		if (!set) throw new DataverseError(404, CODES.notFound, `msdyn_operationset With Id = ${id} Does Not Exist`);
		if (set._ownerid_value !== callerId) throw refused(`Operation set ${id} belongs to another user.`);
		if (set.msdyn_status !== OPERATION_SET_STATUS.open) throw refused(`Operation set ${id} is not open (status ${String(set.msdyn_status)}): operations can be added only before it is executed.`);
		return set;
	}

	private details(operationSetId: string): Row[] {
		return this.store
			.list('msdyn_operationsetdetails')
			.filter((d) => d._msdyn_operationsetid_value === operationSetId)
			.sort((a, b) => (a.msdyn_sequence as number) - (b.msdyn_sequence as number));
	}

	private async queue(set: Row, operation: Omit<QueuedOperation, 'detailId'>): Promise<{ OperationSetResponse: string }> {
		const setId = set.msdyn_operationsetid as string;
		const count = this.details(setId).length;
		if (count >= MAX_OPERATIONS_PER_SET) throw refused(`Operation set ${setId} already has ${MAX_OPERATIONS_PER_SET} operations, the most a set may have.`);
		const detailId = this.store.newId();
		await this.store.insert('msdyn_operationsetdetails', {
			msdyn_operationsetdetailid: detailId,
			_msdyn_operationsetid_value: setId,
			msdyn_operationtype: operation.type,
			msdyn_entity: operation.logicalName,
			msdyn_recordid: operation.recordId,
			msdyn_sequence: count + 1,
			msdyn_entityinfo: JSON.stringify(operation.row),
			msdyn_errormessage: null,
			statecode: 0,
			statuscode: 1,
		});
		await this.store.update('msdyn_operationsets', setId, { msdyn_operationcount: count + 1 });
		return this.response(setId, detailId, operation.type, operation.recordId);
	}

	private response(operationSetId: string, detailId: string | null, type: string, recordId: string | null): { OperationSetResponse: string } {
		return { OperationSetResponse: JSON.stringify({ operationSetId, operationSetDetailId: detailId, operationType: type, recordId, correlationId: this.store.newId() }) };
	}

	private entityOf(body: Record<string, unknown>): { logicalName: string; set: string; payload: Row } {
		const entity = body.Entity as Row | undefined;
		if (!entity || typeof entity !== 'object') throw new DataverseError(400, CODES.invalidArgument, 'The parameter Entity is required.');
		const type = typeof entity['@odata.type'] === 'string' ? (entity['@odata.type'] as string).replace(/^#?Microsoft\.Dynamics\.CRM\./, '') : '';
		if (!type) throw new DataverseError(400, CODES.invalidArgument, 'Entity needs "@odata.type": "Microsoft.Dynamics.CRM.<logical name>" so the schedule API knows its table.');
		const table = tableOfLogicalName(type);
		if (!table || !SCHEDULING[type]) throw refused(`${type} is not a scheduling entity; the schedule APIs take ${Object.keys(SCHEDULING).join(', ')}.`);
		return { logicalName: type, set: table.name, payload: entity };
	}

	async pssCreate(body: Record<string, unknown>, callerId: string): Promise<{ OperationSetResponse: string }> {
		const set = this.openSet(body.OperationSetId, callerId);
		const { logicalName, set: entitySet, payload } = this.entityOf(body);
		if (!SCHEDULING[logicalName].create) throw refused(SCHEDULING[logicalName].why ?? `${logicalName} cannot be created through an operation set.`);
		const table = tableOf(entitySet);
		const row = payloadToRow(table, payload, { allowKey: true });
		const key = table.key[0];
		const recordId = (row[key] as string | undefined) ?? this.store.newId();
		return await this.queue(set, { type: 'Create', logicalName, set: entitySet, recordId, row: { ...row, [key]: recordId } });
	}

	async pssUpdate(body: Record<string, unknown>, callerId: string): Promise<{ OperationSetResponse: string }> {
		const set = this.openSet(body.OperationSetId, callerId);
		const { logicalName, set: entitySet, payload } = this.entityOf(body);
		if (!SCHEDULING[logicalName].update) throw refused(SCHEDULING[logicalName].why ?? `${logicalName} cannot be updated.`);
		const table = tableOf(entitySet);
		const row = payloadToRow(table, payload, { allowKey: true, refused: logicalName === 'msdyn_project' ? PROJECT_REFUSED : undefined });
		const key = table.key[0];
		const recordId = row[key] as string | undefined;
		if (!recordId) throw new DataverseError(400, CODES.invalidArgument, `Entity needs its ${key} to be updated.`);
		return await this.queue(set, { type: 'Update', logicalName, set: entitySet, recordId, row });
	}

	async pssDelete(body: Record<string, unknown>, callerId: string): Promise<{ OperationSetResponse: string }> {
		const set = this.openSet(body.OperationSetId, callerId);
		const recordId = requireGuid(body.RecordId, 'RecordId');
		const logicalName = typeof body.EntityLogicalName === 'string' ? body.EntityLogicalName.toLowerCase() : '';
		const table = tableOfLogicalName(logicalName);
		if (!table || !SCHEDULING[logicalName]) throw refused(`${logicalName || 'EntityLogicalName'} is not a scheduling entity.`);
		if (!SCHEDULING[logicalName].delete) throw refused(SCHEDULING[logicalName].why ?? `${logicalName} cannot be deleted.`);
		return await this.queue(set, { type: 'Delete', logicalName, set: table.name, recordId, row: {} });
	}

	async abandon(body: Record<string, unknown>, callerId: string): Promise<{ OperationSetResponse: string }> {
		const set = this.openSet(body.OperationSetId, callerId);
		const id = set.msdyn_operationsetid as string;
		await this.store.update('msdyn_operationsets', id, { msdyn_status: OPERATION_SET_STATUS.abandoned, statecode: 1 });
		return this.response(id, null, 'Abandon', null);
	}

	/** msdyn_ExecuteOperationSetV1: the set goes Pending now and is applied after the execution delay. */
	async execute(body: Record<string, unknown>, callerId: string): Promise<{ OperationSetResponse: string }> {
		const set = this.openSet(body.OperationSetId, callerId);
		const id = set.msdyn_operationsetid as string;
		await this.store.update('msdyn_operationsets', id, { msdyn_status: OPERATION_SET_STATUS.pending, msdyn_executedon: this.store.now() });
		this.scheduler(() => this.apply(id), this.settings.executionDelayMs);
		return this.response(id, null, 'Execute', null);
	}

	/** Applies a pending set: every operation checked in order on the staged state; all or nothing. */
	async apply(operationSetId: string): Promise<void> {
		const set = this.store.get('msdyn_operationsets', operationSetId);
		if (!set || set.msdyn_status !== OPERATION_SET_STATUS.pending) return;
		await this.store.update('msdyn_operationsets', operationSetId, { msdyn_status: OPERATION_SET_STATUS.processing });
		const projectId = set._msdyn_project_value as string;
		const view = new StagedView(this.store);
		const failures: Array<{ detail: Row; message: string }> = [];
		for (const detail of this.details(operationSetId)) {
			const operation: QueuedOperation = {
				detailId: detail.msdyn_operationsetdetailid as string,
				type: detail.msdyn_operationtype as QueuedOperation['type'],
				logicalName: detail.msdyn_entity as string,
				set: tableOfLogicalName(detail.msdyn_entity as string)!.name,
				recordId: detail.msdyn_recordid as string,
				row: JSON.parse(detail.msdyn_entityinfo as string) as Row,
			};
			try {
				applyOperation(view, projectId, operation);
			} catch (error) {
				failures.push({ detail, message: (error as Error).message });
			}
		}
		if (failures.length) {
			for (const { detail, message } of failures) {
				const detailId = detail.msdyn_operationsetdetailid as string;
				await this.store.update('msdyn_operationsetdetails', detailId, { msdyn_errormessage: message });
				await this.store.insert('msdyn_psserrorlogs', {
					msdyn_psserrorlogid: this.store.newId(),
					_msdyn_operationsetid_value: operationSetId,
					_msdyn_operationsetdetail_value: detailId,
					msdyn_errorcode: CODES.pluginRefused,
					msdyn_log: `${detail.msdyn_operationtype as string} ${detail.msdyn_entity as string} ${detail.msdyn_recordid as string}: ${message}`,
					msdyn_correlationid: this.store.newId(),
					statecode: 0,
					statuscode: 1,
				});
			}
			await this.store.update('msdyn_operationsets', operationSetId, { msdyn_status: OPERATION_SET_STATUS.failed, msdyn_completedon: this.store.now(), statecode: 1 });
			return;
		}
		await view.commit();
		await renumberWbs(this.store, projectId);
		await this.store.update('msdyn_operationsets', operationSetId, { msdyn_status: OPERATION_SET_STATUS.completed, msdyn_completedon: this.store.now(), statecode: 1 });
	}
}

// ---------------------------------------------------------------------------------------------- checks per operation

function sameProject(row: Row | undefined, column: string, projectId: string): boolean {
	return !!row && row[column] === projectId;
}

function applyOperation(view: StagedView, projectId: string, op: QueuedOperation): void {
	const key = tableOf(op.set).key[0];
	const existing = view.get(op.set, op.recordId);
	if (op.type === 'Delete') {
		if (!existing) throw new Error(`${op.logicalName} With Id = ${op.recordId} Does Not Exist`);
		deleteRecord(view, projectId, op, existing);
		return;
	}
	if (op.type === 'Create' && existing) throw new Error(`A record with matching key values already exists: ${op.logicalName} ${op.recordId}.`);
	if (op.type === 'Update' && !existing) throw new Error(`${op.logicalName} With Id = ${op.recordId} Does Not Exist`);
	const merged: Row = { ...(existing ?? { statecode: 0, statuscode: 1 }), ...op.row, [key]: op.recordId };
	switch (op.logicalName) {
		case 'msdyn_project':
			if (op.recordId !== projectId) throw new Error(`Project ${op.recordId} is not the project of this operation set (${projectId}).`);
			break;
		case 'msdyn_projectbucket':
			checkProjectColumn(merged, '_msdyn_project_value', projectId, op, existing);
			if (typeof merged.msdyn_name !== 'string' || !merged.msdyn_name.trim()) throw new Error('A project bucket needs msdyn_name.');
			break;
		case 'msdyn_projecttask':
			checkTask(view, projectId, op, merged, existing);
			break;
		case 'msdyn_projecttaskdependency':
			checkDependency(view, projectId, merged);
			break;
		case 'msdyn_resourceassignment':
			checkAssignment(view, projectId, merged);
			break;
		case 'msdyn_projectteam':
			checkProjectColumn(merged, '_msdyn_project_value', projectId, op, existing);
			break;
	}
	view.put(op.set, op.recordId, merged);
}

function checkProjectColumn(merged: Row, column: string, projectId: string, op: QueuedOperation, existing: Row | undefined): void {
	if (existing && op.row[column] !== undefined && op.row[column] !== existing[column]) throw new Error(`The project of ${op.logicalName} ${op.recordId} cannot be changed.`);
	if (merged[column] === undefined || merged[column] === null) throw new Error(`${op.logicalName} needs its project (msdyn_project${column === '_msdyn_projectid_value' ? 'id' : ''}@odata.bind).`);
	if (merged[column] !== projectId) throw new Error(`${op.logicalName} ${op.recordId} belongs to project ${String(merged[column])}, not to the project of this operation set (${projectId}).`);
}

function checkTask(view: StagedView, projectId: string, op: QueuedOperation, task: Row, existing: Row | undefined): void {
	checkProjectColumn(task, '_msdyn_project_value', projectId, op, existing);
	if (typeof task.msdyn_subject !== 'string' || !task.msdyn_subject.trim()) throw new Error('A project task needs msdyn_subject.');
	const bucketId = task._msdyn_projectbucket_value as string | undefined;
	if (!bucketId) throw new Error(`Project task ${op.recordId} has no bucket: msdyn_projectbucket@odata.bind is required.`);
	const bucket = view.get('msdyn_projectbuckets', bucketId);
	if (!bucket) throw new Error(`Project bucket ${bucketId} of task ${op.recordId} does not exist.`);
	if (!sameProject(bucket, '_msdyn_project_value', projectId)) throw new Error(`Project bucket ${bucketId} belongs to another project.`);
	const parentId = task._msdyn_parenttask_value as string | undefined | null;
	if (parentId) {
		if (parentId === op.recordId) throw new Error(`Project task ${op.recordId} cannot be its own parent.`);
		const parent = view.get('msdyn_projecttasks', parentId);
		if (!parent) throw new Error(`Parent task ${parentId} of task ${op.recordId} does not exist.`);
		if (!sameProject(parent, '_msdyn_project_value', projectId)) throw new Error(`Parent task ${parentId} of task ${op.recordId} belongs to another project (${String(parent._msdyn_project_value)}).`);
		// The parent may not be a descendant of the task (a loop in the WBS).
		for (let ancestor: Row | undefined = parent; ancestor; ancestor = ancestor._msdyn_parenttask_value ? view.get('msdyn_projecttasks', ancestor._msdyn_parenttask_value as string) : undefined) {
			if (ancestor.msdyn_projecttaskid === op.recordId) throw new Error(`Parent task ${parentId} is below task ${op.recordId} in the WBS: the hierarchy would loop.`);
		}
		task.msdyn_outlinelevel = ((parent.msdyn_outlinelevel as number | undefined) ?? 1) + 1;
	} else {
		task.msdyn_outlinelevel = 1;
	}
	if (typeof task.msdyn_scheduledstart === 'string' && typeof task.msdyn_scheduledend === 'string' && Date.parse(task.msdyn_scheduledend) < Date.parse(task.msdyn_scheduledstart)) {
		throw new Error(`Project task ${op.recordId} ends (${task.msdyn_scheduledend}) before it starts (${task.msdyn_scheduledstart}).`);
	}
	if (op.type === 'Create') {
		const count = view.list('msdyn_projecttasks').filter((t) => t._msdyn_project_value === projectId).length;
		if (count >= MAX_TASKS_PER_PROJECT) throw new Error(`Project ${projectId} already has ${MAX_TASKS_PER_PROJECT} tasks, the most a project may have.`);
	}
}

function checkDependency(view: StagedView, projectId: string, dependency: Row): void {
	const predecessorId = dependency._msdyn_predecessortask_value as string | undefined;
	const successorId = dependency._msdyn_successortask_value as string | undefined;
	if (!predecessorId || !successorId) throw new Error('A task dependency needs msdyn_predecessortask and msdyn_successortask.');
	if (dependency._msdyn_project_value !== projectId) throw new Error(`The task dependency belongs to project ${String(dependency._msdyn_project_value)}, not to the project of this operation set (${projectId}).`);
	if (predecessorId === successorId) throw new Error(`Task ${predecessorId} cannot depend on itself.`);
	for (const id of [predecessorId, successorId]) {
		const task = view.get('msdyn_projecttasks', id);
		if (!task) throw new Error(`Task ${id} of the dependency does not exist.`);
		if (!sameProject(task, '_msdyn_project_value', projectId)) throw new Error(`Task ${id} of the dependency belongs to another project.`);
	}
	const links = view.list('msdyn_projecttaskdependencies').filter((d) => d._msdyn_project_value === projectId);
	if (links.some((d) => d._msdyn_predecessortask_value === predecessorId && d._msdyn_successortask_value === successorId)) {
		throw new Error(`Task ${successorId} already depends on task ${predecessorId}.`);
	}
	// A new link predecessor → successor closes a cycle when the successor already leads to the predecessor.
	const next = new Map<string, string[]>();
	for (const d of links) next.set(d._msdyn_predecessortask_value as string, [...(next.get(d._msdyn_predecessortask_value as string) ?? []), d._msdyn_successortask_value as string]);
	const seen = new Set<string>();
	const stack = [successorId];
	while (stack.length) {
		const id = stack.pop()!;
		if (id === predecessorId) throw new Error(`The dependency ${predecessorId} → ${successorId} would create a cycle in the schedule.`);
		if (seen.has(id)) continue;
		seen.add(id);
		stack.push(...(next.get(id) ?? []));
	}
}

function checkAssignment(view: StagedView, projectId: string, assignment: Row): void {
	if (assignment._msdyn_projectid_value !== projectId) throw new Error(`The resource assignment belongs to project ${String(assignment._msdyn_projectid_value)}, not to the project of this operation set (${projectId}).`);
	const taskId = assignment._msdyn_taskid_value as string | undefined;
	const teamId = assignment._msdyn_projectteamid_value as string | undefined;
	if (!taskId || !teamId) throw new Error('A resource assignment needs msdyn_taskid and msdyn_projectteamid.');
	const task = view.get('msdyn_projecttasks', taskId);
	if (!task || !sameProject(task, '_msdyn_project_value', projectId)) throw new Error(`Task ${taskId} of the assignment is not a task of project ${projectId}.`);
	const member = view.get('msdyn_projectteams', teamId);
	if (!member || !sameProject(member, '_msdyn_project_value', projectId)) throw new Error(`Team member ${teamId} of the assignment is not on project ${projectId}.`);
	assignment._msdyn_bookableresourceid_value = member._msdyn_bookableresourceid_value ?? null;
}

function deleteRecord(view: StagedView, projectId: string, op: QueuedOperation, existing: Row): void {
	const projectColumn = op.logicalName === 'msdyn_resourceassignment' ? '_msdyn_projectid_value' : '_msdyn_project_value';
	if (existing[projectColumn] !== projectId) throw new Error(`${op.logicalName} ${op.recordId} belongs to another project.`);
	if (op.logicalName === 'msdyn_projectbucket') {
		if (view.list('msdyn_projecttasks').some((t) => t._msdyn_projectbucket_value === op.recordId)) throw new Error(`Project bucket ${op.recordId} still has tasks: move or delete them first.`);
	}
	if (op.logicalName === 'msdyn_projecttask') {
		// A summary task goes with its subtasks, and every task with its assignments and links.
		const doomed = new Set([op.recordId]);
		let grew = true;
		while (grew) {
			grew = false;
			for (const t of view.list('msdyn_projecttasks')) {
				if (!doomed.has(t.msdyn_projecttaskid as string) && doomed.has(t._msdyn_parenttask_value as string)) {
					doomed.add(t.msdyn_projecttaskid as string);
					grew = true;
				}
			}
		}
		for (const id of doomed) view.put('msdyn_projecttasks', id, null);
		for (const a of view.list('msdyn_resourceassignments')) if (doomed.has(a._msdyn_taskid_value as string)) view.put('msdyn_resourceassignments', a.msdyn_resourceassignmentid as string, null);
		for (const d of view.list('msdyn_projecttaskdependencies')) {
			if (doomed.has(d._msdyn_predecessortask_value as string) || doomed.has(d._msdyn_successortask_value as string)) view.put('msdyn_projecttaskdependencies', d.msdyn_projecttaskdependencyid as string, null);
		}
		return;
	}
	view.put(op.set, op.recordId, null);
}

/** WBS ids (1, 1.1, 1.2, 2 …) in display order, as the scheduling engine numbers them after a change. */
export async function renumberWbs(store: RowStore, projectId: string): Promise<void> {
	const tasks = store.list('msdyn_projecttasks').filter((t) => t._msdyn_project_value === projectId);
	const children = (parent: string | null) =>
		tasks
			.filter((t) => ((t._msdyn_parenttask_value as string | null | undefined) ?? null) === parent)
			.sort((a, b) => ((a.msdyn_displaysequence as number | undefined) ?? 0) - ((b.msdyn_displaysequence as number | undefined) ?? 0) || String(a.createdon).localeCompare(String(b.createdon)));
	const walk = async (parent: string | null, prefix: string): Promise<void> => {
		const level = children(parent);
		for (let index = 0; index < level.length; index++) {
			const task = level[index];
			const wbs = prefix ? `${prefix}.${index + 1}` : String(index + 1);
			if (task.msdyn_wbsid !== wbs) await store.update('msdyn_projecttasks', task.msdyn_projecttaskid as string, { msdyn_wbsid: wbs });
			await walk(task.msdyn_projecttaskid as string, wbs);
		}
	};
	await walk(null, '');
}

/** The refusal of a direct write to a scheduling entity, as Project Operations' plug-in answers it. */
export function directWriteRefusal(set: string, method: string): DataverseError | undefined {
	if (!SCHEDULE_ONLY_SETS.includes(set)) return undefined;
	const logicalName = tableOf(set).entityType;
	const verb = method === 'POST' ? 'create' : method === 'DELETE' ? 'delete' : 'update';
	return refused(`Cannot ${verb} ${logicalName} directly: it is a scheduling entity. Use the Project schedule APIs (msdyn_CreateOperationSetV1, msdyn_Pss${verb === 'create' ? 'Create' : verb === 'delete' ? 'Delete' : 'Update'}V1, msdyn_ExecuteOperationSetV1).`);
}
