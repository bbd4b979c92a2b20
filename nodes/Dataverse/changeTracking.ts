/**
 * Change detection for Dataverse triggers (Sales, Project Operations), state kept in the workflow's static data.
 *
 * Change tracking: the first poll reads the table with `Prefer: odata.track-changes` to its last page, keeps
 * the `@odata.deltaLink` and emits nothing (the baseline). Each later poll reads the delta link: rows created
 * or changed since, and deleted rows as `$deletedEntity` entries; the new delta link replaces the old only once
 * the whole delta has been read, so an interrupted poll reads the same delta again. Emissions are deduped by
 * row version (`versionnumber`) and deletes by id, so a delta read twice (a crash before the static data was
 * saved, a restart) emits nothing twice. A delta link Dataverse no longer accepts (expired token) is replaced
 * by a new baseline whose rows are emitted as `resync` (changes may have been missed, none are hidden).
 *
 * Tables without change tracking answer the first request with an error; the trigger then polls `modifiedon`
 * from its cursor minus an overlap, ordered by `modifiedon`, deduped by id and row version. That fallback cannot
 * see deletes (Dataverse keeps no tombstones outside change tracking): it says so in its state.
 */
import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { DEFAULT_POLL_OVERLAP_MINUTES, MAX_SEEN_KEYS as KIT_MAX_SEEN_KEYS, pollWindowStart, pruneSeen, takeNewSinceCursor, takeUnseen } from '../shared/kit/poll';
import { dataverseGetPage } from './transport';
import type { DataverseConnection, DataverseQuery } from './transport';

export const MAX_SEEN_KEYS = KIT_MAX_SEEN_KEYS;
export const DEFAULT_OVERLAP_MINUTES = DEFAULT_POLL_OVERLAP_MINUTES;

export interface ChangeTrackingState {
	/** The entity set the state belongs to; a trigger pointed at another table starts over. */
	table?: string;
	mode?: 'delta' | 'modifiedon';
	deltaLink?: string;
	/** Fallback: the latest `modifiedon` emitted (or the first poll's time). */
	cursor?: string;
	/** Dedupe key → the time that places it (for pruning). */
	seen?: Record<string, string>;
	/** Why the trigger fell back to `modifiedon` polling. */
	fallbackReason?: string;
}

export interface TrackedChange {
	kind: 'changed' | 'deleted';
	id: string;
	/** The row (changed), or the `$deletedEntity` entry (deleted). */
	record: IDataObject;
	/** The baseline was read again after the delta link was refused: changes may have been missed before it. */
	resync?: boolean;
}

export interface TableChangesOptions {
	entitySet: string;
	/** The primary key column (`accountid`). */
	idColumn: string;
	select?: string[];
	/** Fallback polling only (change tracking takes no `$filter`). */
	filter?: string;
	overlapMs?: number;
	nowMs?: number;
	pageSize?: number;
	formattedValues?: boolean;
}

/** Whether a Dataverse error says the table is not enabled for change tracking. */
export function isNotTrackedError(error: unknown): boolean {
	const context = (error as { context?: IDataObject }).context ?? {};
	const message = `${String(context.vendorErrorMessage ?? '')} ${String((error as Error).message ?? '')}`;
	return /change tracking/i.test(message) && /not enabled|not supported|isn't enabled|is not/i.test(message);
}

function isDeleted(record: IDataObject): boolean {
	const context = record['@odata.context'];
	return (typeof context === 'string' && context.endsWith('$deletedEntity')) || record.reason === 'deleted';
}

function versionOf(record: IDataObject): string {
	return String(record.versionnumber ?? record.modifiedon ?? record['@odata.etag'] ?? '');
}

/** The emission key of a change: a row version is emitted once, a delete once. */
export function changeKey(change: Pick<TrackedChange, 'kind' | 'id' | 'record'>): string {
	return change.kind === 'deleted' ? `${change.id}@deleted` : `${change.id}@${versionOf(change.record)}`;
}


async function readAll(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	options: TableChangesOptions,
	first: { link?: string; query: DataverseQuery; trackChanges: boolean },
): Promise<{ records: IDataObject[]; deltaLink?: string }> {
	const records: IDataObject[] = [];
	let link = first.link;
	let deltaLink: string | undefined;
	const visited = new Set<string>();
	for (;;) {
		const page = await dataverseGetPage(context, connection, options.entitySet, first.query, {
			link,
			trackChanges: first.trackChanges,
			pageSize: options.pageSize,
			formattedValues: options.formattedValues,
		});
		records.push(...page.records);
		deltaLink = page.deltaLink ?? deltaLink;
		if (!page.nextLink || visited.has(page.nextLink)) break;
		visited.add(page.nextLink);
		link = page.nextLink;
	}
	return { records, deltaLink };
}

async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
	try {
		return { value: await promise };
	} catch (error) {
		return { error };
	}
}

function toChanges(records: IDataObject[], idColumn: string, resync = false): TrackedChange[] {
	return records.map((record) => {
		const deleted = isDeleted(record);
		const id = String((deleted ? record.id : record[idColumn]) ?? '');
		return { kind: deleted ? 'deleted' : 'changed', id, record, ...(resync ? { resync } : {}) };
	});
}

export interface TableChanges {
	changes: TrackedChange[];
	state: ChangeTrackingState;
	/** The rows a first change-tracking read returned: the table as it was, not changes (never emitted). */
	baseline?: TrackedChange[];
}

/**
 * The changes of one table since the state's last poll, and the state to keep. The caller stores `state` in
 * the static data only after it has emitted `changes` (n8n saves static data with the poll's result).
 */
export async function pollTableChanges(
	context: IAllExecuteFunctions,
	connection: DataverseConnection,
	options: TableChangesOptions,
	previous: ChangeTrackingState,
): Promise<TableChanges> {
	const nowMs = options.nowMs ?? Date.now();
	const state: ChangeTrackingState = previous.table === options.entitySet ? { ...previous } : { table: options.entitySet };
	const select = options.select?.length ? [...new Set([options.idColumn, 'modifiedon', 'versionnumber', ...options.select])] : undefined;

	if (state.mode !== 'modifiedon') {
		const baseline = async (resync: boolean) => {
			const { records, deltaLink } = await readAll(context, connection, options, { query: { select }, trackChanges: true });
			if (!deltaLink) throw new Error(`Dataverse sent no @odata.deltaLink for ${options.entitySet}: change tracking cannot continue`);
			const seen: Record<string, string> = {};
			const at = new Date(nowMs).toISOString();
			const changes = resync ? toChanges(records, options.idColumn, true).filter((c) => !(changeKey(c) in (state.seen ?? {}))) : [];
			for (const change of toChanges(records, options.idColumn)) seen[changeKey(change)] = at;
			return {
				changes,
				baseline: resync ? undefined : toChanges(records, options.idColumn),
				state: { table: options.entitySet, mode: 'delta' as const, deltaLink, seen: pruneSeen({ ...(resync ? state.seen : {}), ...seen }) },
			};
		};
		if (!state.deltaLink) {
			const first = await settle(baseline(false));
			if ('value' in first) return first.value;
			const notTracked = first.error;
			if (!isNotTrackedError(notTracked)) throw notTracked;
			state.mode = 'modifiedon';
			state.cursor = new Date(nowMs).toISOString();
			state.seen = {};
			state.fallbackReason = `${options.entitySet} is not enabled for change tracking (${(notTracked as Error).message}); polling modifiedon, which cannot report deletes`;
		} else {
			const delta = await settle(readAll(context, connection, options, { link: state.deltaLink, query: {}, trackChanges: true }));
			if ('error' in delta) {
				const status = Number((delta.error as { httpCode?: string }).httpCode);
				// A delta token Dataverse no longer accepts is a 4xx (not a throttle, which the kit already waited out).
				if (!(status >= 400 && status < 500 && status !== 429 && status !== 401 && status !== 403)) throw delta.error;
				return await baseline(true);
			}
			const read = delta.value;
			const at = new Date(nowMs).toISOString();
			// Delta keys are not pruned by time (a delta has no window), only capped.
			const { fresh: changes, seen } = takeUnseen(toChanges(read.records, options.idColumn), state.seen, (change) => ({ key: changeKey(change), at }));
			return { changes, state: { ...state, deltaLink: read.deltaLink ?? state.deltaLink, seen } };
		}
	}

	// modifiedon polling
	const overlapMs = options.overlapMs ?? DEFAULT_OVERLAP_MINUTES * 60_000;
	const startMs = pollWindowStart(state, nowMs, overlapMs);
	const start = new Date(startMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const filter = [`modifiedon ge ${start}`, ...(options.filter ? [`(${options.filter})`] : [])].join(' and ');
	const { records } = await readAll(context, connection, options, { query: { select, filter, orderby: `modifiedon asc,${options.idColumn} asc` }, trackChanges: false });
	const stampOf = (change: TrackedChange) => String(change.record.modifiedon ?? new Date(nowMs).toISOString());
	const { fresh: changes, state: next } = takeNewSinceCursor(toChanges(records, options.idColumn), state, changeKey, stampOf, startMs, nowMs);
	return { changes, state: { ...state, mode: 'modifiedon', cursor: next.cursor, seen: next.seen } };
}
