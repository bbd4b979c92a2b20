/**
 * Worker changes from Workday's transaction log, for the trigger and for Get Workers' change mode: Get_Workers over
 * an entry-moment window (Transaction_Log_Criteria_Data Updated_From / Updated_Through, every page under one
 * As_Of_Entry_DateTime) with the transaction log included; each log entry becomes one change with its type, its
 * effective date and the worker as of that date. The trigger keeps the transaction ids it emitted for as long as
 * its overlap window reaches back, so a change is emitted once across overlapping windows and restarts.
 */
import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { pollWindowStart, takeUnseen } from '../../shared/kit/poll';
import { xmlToJson } from '../../shared/kit/xml';
import type { XmlNode } from '../../shared/kit/xml';
import { descriptorOf, idOf, list, percentToFraction, text, workerIds } from '../canonical/worker';
import { DEFAULT_SOAP_COUNT, soapList } from '../transport';
import type { WorkdayConnection } from '../transport';
import { getWorkersRequest, RESOURCE_RESPONSE_GROUP } from './soapRequests';

export type ChangeType = 'hire' | 'termination' | 'jobChange' | 'compensation' | 'location' | 'manager' | 'fte' | 'other';

export const CHANGE_TYPES: Array<{ value: ChangeType; name: string; description: string }> = [
	{ value: 'hire', name: 'Hire', description: 'Hire and rehire' },
	{ value: 'termination', name: 'Termination', description: 'Termination, emitted with its effective date (a future-dated one is marked pending)' },
	{ value: 'jobChange', name: 'Job Change', description: 'Job change, transfer, promotion, organization assignments' },
	{ value: 'compensation', name: 'Compensation / Cost Rate', description: 'Compensation changes (the hourly cost rate)' },
	{ value: 'location', name: 'Location', description: 'Business site changes' },
	{ value: 'manager', name: 'Manager', description: 'Moves to another supervisory organization or manager' },
	{ value: 'fte', name: 'FTE / Working Time', description: 'Changes of FTE or scheduled weekly hours' },
	{ value: 'other', name: 'Other', description: 'Any other business process in the log (e.g. a name change)' },
];

/** Business process types (Workday's names) → change type; matched case- and space-insensitively. */
const BUSINESS_PROCESS_CHANGE: Record<string, ChangeType> = {
	hire: 'hire',
	rehire: 'hire',
	hireemployee: 'hire',
	contractcontingentworker: 'hire',
	termination: 'termination',
	terminateemployee: 'termination',
	endcontingentworkercontract: 'termination',
	changejob: 'jobChange',
	jobchange: 'jobChange',
	transfer: 'jobChange',
	promoteemployee: 'jobChange',
	changeorganizationassignmentsforworker: 'jobChange',
	requestcompensationchange: 'compensation',
	compensationchange: 'compensation',
	changecompensation: 'compensation',
	moveworkerssupervisory: 'manager',
	changemanager: 'manager',
	changelocation: 'location',
	changebusinesssite: 'location',
	changeworkingtime: 'fte',
	changefte: 'fte',
	changescheduledweeklyhours: 'fte',
};

export function changeTypeOf(businessProcess: string): ChangeType {
	return BUSINESS_PROCESS_CHANGE[businessProcess.toLowerCase().replace(/[^a-z]/g, '')] ?? 'other';
}

export interface WorkerChange {
	transactionId: string;
	changeType: ChangeType;
	businessProcess: string;
	/** YYYY-MM-DD */
	effectiveDate: string;
	enteredAt: string;
	/** Effective on or before today: false for a future-dated change (e.g. a termination next month). */
	effectiveNow: boolean;
	/** FTE changes: the FTE (exact fraction) the day before the change took effect. */
	previousFte?: string;
	employeeId?: string;
	workerWid?: string;
	description?: string;
}

/** The log entries a Worker element carries, as changes. */
export function changesOf(worker: XmlNode, today: string): WorkerChange[] {
	const json = xmlToJson(worker) as IDataObject;
	const { employeeId, wid } = workerIds(json);
	const data = json.Worker_Data as IDataObject | undefined;
	const log = data?.Transaction_Log_Entry_Data as IDataObject | undefined;
	return list(log?.Transaction_Log_Entry).flatMap((entry): WorkerChange[] => {
		const record = entry as IDataObject;
		const transactionId = idOf(record.Transaction_Log_Reference, 'WID');
		const logData = list(record.Transaction_Log_Data)[0] as IDataObject | undefined;
		const typeRef = list(logData?.Transaction_Log_Type_Reference)[0];
		const businessProcess = idOf(typeRef, 'Business_Process_Type') ?? descriptorOf(typeRef) ?? '';
		const effective = text(logData?.Transaction_Effective_Moment);
		const enteredAt = text(logData?.Transaction_Entry_Moment);
		if (!transactionId || !effective || !enteredAt) return [];
		const effectiveDate = effective.slice(0, 10);
		return [{ transactionId, changeType: changeTypeOf(businessProcess), businessProcess, effectiveDate, enteredAt, effectiveNow: effectiveDate <= today, employeeId, workerWid: wid, description: text(logData?.Transaction_Log_Description) }];
	});
}

export interface ChangeWindow {
	updatedFrom: string;
	updatedThrough: string;
	effectiveFrom?: string;
	effectiveThrough?: string;
	transactionTypes?: string[];
}

/**
 * Every change entered in the window, oldest entry first (then by transaction id), each with the worker's data
 * as of the change's effective date (one Get_Workers by reference per distinct date that is not today).
 */
export async function readChanges(
	context: IAllExecuteFunctions,
	connection: WorkdayConnection,
	window: ChangeWindow,
	options: { today: string; itemIndex?: number; correlationId?: string },
): Promise<Array<WorkerChange & { worker: IDataObject }>> {
	const settings = { itemIndex: options.itemIndex, correlationId: options.correlationId };
	const workers = await soapList(
		context,
		connection,
		'Human_Resources',
		(page) => getWorkersRequest({ ...window, version: connection.version, page, count: DEFAULT_SOAP_COUNT, asOfEntryDateTime: window.updatedThrough, asOfEffectiveDate: options.today, responseGroup: { ...RESOURCE_RESPONSE_GROUP, transactionLog: true } }),
		'Worker',
		settings,
	);
	const from = Date.parse(window.updatedFrom);
	const through = Date.parse(window.updatedThrough);
	const changes: WorkerChange[] = [];
	const asToday = new Map<string, IDataObject>();
	for (const worker of workers) {
		const json = xmlToJson(worker) as IDataObject;
		const { employeeId } = workerIds(json);
		// The log entries of the window only (a worker can carry others).
		for (const change of changesOf(worker, options.today)) {
			const entered = Date.parse(change.enteredAt);
			if (entered < from || entered > through) continue;
			changes.push(change);
		}
		if (employeeId) {
			const data = { ...(json.Worker_Data as IDataObject) };
			delete data.Transaction_Log_Entry_Data;
			asToday.set(employeeId, { ...json, Worker_Data: data, asOfEffectiveDate: options.today });
		}
	}
	// The worker as of each change's effective date: one request per date, for the workers changing then; for an
	// FTE change also the day before, so the change says what the FTE was.
	const byDate = new Map<string, Set<string>>();
	const need = (date: string, employeeId: string) => byDate.set(date, (byDate.get(date) ?? new Set()).add(employeeId));
	for (const change of changes) {
		if (!change.employeeId) continue;
		if (change.effectiveDate !== options.today) need(change.effectiveDate, change.employeeId);
		if (change.changeType === 'fte') need(dayBefore(change.effectiveDate), change.employeeId);
	}
	const asOf = new Map<string, IDataObject>();
	for (const [date, ids] of byDate) {
		const dated = await soapList(
			context,
			connection,
			'Human_Resources',
			(page) => getWorkersRequest({ references: [...ids].map((id) => ['Employee_ID', id]), version: connection.version, page, count: DEFAULT_SOAP_COUNT, asOfEntryDateTime: window.updatedThrough, asOfEffectiveDate: date, responseGroup: RESOURCE_RESPONSE_GROUP }),
			'Worker',
			settings,
		);
		for (const worker of dated) {
			const json = xmlToJson(worker) as IDataObject;
			const { employeeId } = workerIds(json);
			if (employeeId) asOf.set(`${employeeId}@${date}`, { ...json, asOfEffectiveDate: date });
		}
	}
	const workerAt = (employeeId: string | undefined, date: string) => (date === options.today ? asToday.get(employeeId ?? '') : asOf.get(`${employeeId}@${date}`));
	return changes
		.sort((a, b) => Date.parse(a.enteredAt) - Date.parse(b.enteredAt) || a.transactionId.localeCompare(b.transactionId))
		.map((change) => {
			const worker = workerAt(change.employeeId, change.effectiveDate) ?? asToday.get(change.employeeId ?? '') ?? {};
			if (change.changeType !== 'fte') return { ...change, worker };
			return { ...change, previousFte: fteOf(workerAt(change.employeeId, dayBefore(change.effectiveDate))), worker };
		});
}

/** The day before a YYYY-MM-DD date. */
export function dayBefore(date: string): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** A worker's FTE (primary job) as an exact fraction ("0.8"), from its Get_Workers JSON. */
export function fteOf(worker: IDataObject | undefined): string | undefined {
	const jobs = list(((worker?.Worker_Data as IDataObject | undefined)?.Employment_Data as IDataObject | undefined)?.Worker_Job_Data);
	const primary = (jobs.find((job) => (job as IDataObject)['@Primary_Job'] === '1' || (job as IDataObject)['@Primary_Job'] === 'true') ?? jobs[0]) as IDataObject | undefined;
	const percent = text((list(primary?.Position_Data)[0] as IDataObject | undefined)?.Full_Time_Equivalent_Percentage);
	return percent === undefined ? undefined : percentToFraction(percent);
}

// ---------------------------------------------------------------------------------------------------------
// The trigger's cursor and dedupe

export interface ChangeCursor {
	/** Updated_Through of the last poll that completed. */
	cursor?: string;
	/** Transaction WID → its entry moment, kept while the overlap window reaches back over it. */
	seen?: Record<string, string>;
}

export const DEFAULT_OVERLAP_MINUTES = 60;
export const MAX_SEEN = 20_000;

/** The window a poll reads: from the cursor (or the start given for the first poll, or now) minus the overlap, to now. */
export function pollWindow(state: ChangeCursor, nowMs: number, overlapMs: number, startFrom?: string): { from: number; through: number } {
	return { from: pollWindowStart(state, nowMs, overlapMs, startFrom), through: nowMs };
}

/**
 * The changes not emitted before (kit takeUnseen, by transaction WID), and the state moved on: seen ids pruned to
 * the window, the cursor to the window's end (the transaction log is read through a moment, not up to a record).
 */
export function takeNewChanges<T extends { transactionId: string; enteredAt: string }>(changes: T[], state: ChangeCursor, window: { from: number; through: number }): { fresh: T[]; state: ChangeCursor } {
	const { fresh, seen } = takeUnseen(changes, state.seen, (change) => ({ key: change.transactionId, at: change.enteredAt }), { windowStartMs: window.from, maxKeys: MAX_SEEN });
	const previous = state.cursor ? Date.parse(state.cursor) : Number.NEGATIVE_INFINITY;
	return { fresh, state: { cursor: new Date(Math.max(previous, window.through)).toISOString(), seen } };
}
