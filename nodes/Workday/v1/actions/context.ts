import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OutputSettings } from '../../../shared/canonicalOutput';
import { outputJson } from '../../../shared/canonicalOutput';
import { toCanonical } from '../../canonical';
import type { WorkerChange } from '../../helpers/changes';
import { workdayId } from '../../transport';
import type { WorkdayConnection } from '../../transport';

export interface OperationContext {
	connection: WorkdayConnection;
}

/** The picked record's WID or reference id, validated, ready for a path. */
export function recordIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return workdayId(context.getNodeParameter('recordId', itemIndex, '', { extractValue: true }), 'recordId');
}

export function limitOf(context: IExecuteFunctions, itemIndex: number): number | undefined {
	return (context.getNodeParameter('returnAll', itemIndex, false) as boolean) ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number);
}

export const WORKER_TARGET = { system: 'workday', object: 'Worker', toCanonical };
export const WORKER_PROFILE_TARGET = { system: 'workday', object: 'workerProfile', toCanonical };

export function today(): string {
	return new Date().toISOString().slice(0, 10);
}

/**
 * One change as output json. Raw: the change with the worker as Workday gave it (as of the effective date).
 * Canonical: the canonical resource (its status judged today, so a future-dated termination leaves it active
 * with its termination date) with the change under `workdayChange`.
 */
export function changeJson(change: WorkerChange & { worker: IDataObject }, output: OutputSettings, correlationId: string, at: string): IDataObject {
	const { worker, ...event } = change;
	if (output.mode === 'raw') return { ...event, worker, correlationId };
	const [json] = outputJson([{ ...worker, statusAsOf: today() }], output, WORKER_TARGET, correlationId, at);
	return { ...json, workdayChange: event as unknown as IDataObject };
}
