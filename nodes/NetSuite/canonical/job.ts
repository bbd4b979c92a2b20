import type { CanonicalData, Problem, VendorMapper, VendorRecord } from '../../../lib/canonical';
import { dateText, decimalToNumber, exactDecimalText, isPlainObject, lookupLabel } from '../../../lib/canonical';

import {
	NETSUITE,
	amountOut,
	compact,
	currencyOf,
	currencyOut,
	hoursOf,
	identityOut,
	money,
	nsRef,
	nsRefOut,
	recordTypeOf,
	sourceOf,
	sublist,
	textOf,
	xrefOf,
} from './common';
import { jobFields } from './standardFields';

type ProjectStatus = 'planned' | 'active' | 'onHold' | 'closed' | 'cancelled';

const STATUS_BY_LABEL: Record<string, ProjectStatus> = {
	closed: 'closed',
	inprogress: 'active',
	awarded: 'active',
	notawarded: 'cancelled',
	pending: 'planned',
	notstarted: 'planned',
	onhold: 'onHold',
};
/** NetSuite's default project statuses (1 Closed, 2 In Progress, 3 Not Awarded, 4 Pending, 5 Awarded). */
const STATUS_BY_ID: Record<string, ProjectStatus> = { '1': 'closed', '2': 'active', '3': 'cancelled', '4': 'planned', '5': 'active' };
const STATUS_OUT: Partial<Record<ProjectStatus, { id: string; refName: string }>> = {
	closed: { id: '1', refName: 'Closed' },
	active: { id: '2', refName: 'In Progress' },
	cancelled: { id: '3', refName: 'Not Awarded' },
	planned: { id: '4', refName: 'Pending' },
};

function billingTypeOf(value: unknown): string | undefined {
	const label = isPlainObject(value) ? textOf(value.refName) : undefined;
	if (!label) return undefined;
	if (/time\s*(and|&)\s*material/i.test(label)) return 'timeAndMaterials';
	if (/milestone/i.test(label)) return 'milestone';
	if (/fixed/i.test(label)) return 'fixedFee';
	return 'other';
}

const TASK_STATUS: Record<string, string> = { NOTSTART: 'notStarted', PROGRESS: 'inProgress', COMPLETE: 'complete' };
const TASK_STATUS_OUT: Record<string, string> = { notStarted: 'NOTSTART', inProgress: 'PROGRESS', complete: 'COMPLETE' };

/** A NetSuite projectTask record as a canonical WBS task. */
function taskOf(task: unknown, index: number, problems: Problem[]): unknown {
	if (!isPlainObject(task)) return task;
	const status = isPlainObject(task.status) ? TASK_STATUS[String(task.status.id)] ?? task.status.refName : task.status;
	const parent = isPlainObject(task.parent) ? textOf(task.parent.id) : undefined;
	return compact({
		taskId: textOf(task.id),
		name: task.title,
		parentTaskId: parent,
		status,
		startDate: dateText(task.startDateTime),
		endDate: dateText(task.endDate),
		plannedHours: hoursOf(task.plannedWork, `payload.projectTasks[${index}].plannedWork`, problems),
		estimatedHours: hoursOf(task.estimatedWork, `payload.projectTasks[${index}].estimatedWork`, problems),
		billable: typeof task.nonBillableTask === 'boolean' ? !task.nonBillableTask : undefined,
		percentComplete: exactDecimalText(task.percentTimeComplete ?? undefined),
	});
}

export const jobMapper: VendorMapper = {
	system: NETSUITE,
	object: 'job',
	aliases: ['project'],
	entity: 'project',
	version: 1,
	// projectTasks is not a NetSuite field: callers attach the job's projectTask records under it.
	knownFields: [...jobFields, 'projectTasks'],
	matches: (record) => recordTypeOf(record) === 'job',

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		const currency = record.currency === undefined ? context.defaultCurrency : currencyOf(record.currency, context, 'payload.currency', problems);
		const status = isPlainObject(record.entityStatus)
			? lookupLabel(STATUS_BY_LABEL, record.entityStatus.refName) ?? STATUS_BY_ID[String(record.entityStatus.id)] ?? record.entityStatus.refName
			: record.isInactive === true
				? 'closed'
				: 'active';
		const data: CanonicalData = compact({
			name: record.companyName ?? record.altName,
			number: record.entityId,
			customer: nsRef(record.parent),
			status,
			billingType: billingTypeOf(record.jobBillingType),
			currency,
			startDate: dateText(record.startDate),
			endDate: dateText(record.endDate),
			plannedEndDate: dateText(record.projectedEndDate),
			manager: nsRef(record.projectManager),
			legalEntity: nsRef(record.subsidiary),
			budget: compact({
				hours: hoursOf(record.estimatedTimeOverride, 'payload.estimatedTimeOverride', problems),
				cost: money(record.estimatedCost, currency),
				revenue: money(record.estimatedRevenue, currency),
			}),
			percentComplete: exactDecimalText(record.percentTimeComplete ?? undefined),
			tasks: sublist(record.projectTasks).map((task, index) => taskOf(task, index, problems)),
			description: record.comments,
		});
		return { data, source, enterpriseId: xrefOf(record, 'project'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const budget = (data.budget ?? {}) as Record<string, unknown>;
		const identity = identityOut('project', context);
		// Tasks of a project from another system get external ids under the project's: <project external id>-<task id>.
		const taskRef = (taskId: unknown) =>
			context.sourceSystem === NETSUITE ? { id: taskId } : { externalId: `${String(identity.externalId)}-${String(taskId)}` };
		const tasks = ((data.tasks ?? []) as Array<Record<string, unknown>>).map((task, index) =>
			compact({
				...taskRef(task.taskId),
				title: task.name,
				parent: task.parentTaskId ? taskRef(task.parentTaskId) : undefined,
				status: task.status ? { id: TASK_STATUS_OUT[task.status as string] } : undefined,
				startDateTime: task.startDate ? `${String(task.startDate)}T00:00:00Z` : undefined,
				endDate: task.endDate ? `${String(task.endDate)}T00:00:00Z` : undefined,
				plannedWork: task.plannedHours,
				estimatedWork: decimalToNumber(task.estimatedHours, `project.tasks[${index}].estimatedHours`, problems),
				nonBillableTask: typeof task.billable === 'boolean' ? !task.billable : undefined,
			}),
		);
		const record: VendorRecord = compact({
			...identity,
			companyName: data.name,
			entityId: data.number,
			parent: nsRefOut(data.customer, context, 'project.customer', problems),
			entityStatus: STATUS_OUT[data.status as ProjectStatus],
			currency: currencyOut(data.currency),
			startDate: data.startDate,
			endDate: data.endDate,
			projectedEndDate: data.plannedEndDate,
			projectManager: nsRefOut(data.manager, context, 'project.manager', problems),
			subsidiary: nsRefOut(data.legalEntity, context, 'project.legalEntity', problems),
			estimatedTimeOverride: budget.hours,
			estimatedCost: amountOut(budget.cost, 'project.budget.cost.amount', problems),
			estimatedRevenue: amountOut(budget.revenue, 'project.budget.revenue.amount', problems),
			comments: data.description,
			projectTasks: tasks.length > 0 ? tasks : undefined,
		});
		return { record, problems };
	},
};
