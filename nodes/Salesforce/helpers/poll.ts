/**
 * The trigger's polling window and dedupe. Each poll asks for records whose SystemModstamp is at or after the
 * last poll time minus a safety margin (Salesforce commits can land with a stamp slightly in the past), then
 * drops the ones already emitted. Dedupe keys are kept in workflow static data and pruned once they fall
 * before the window, so the store stays bounded.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_SEEN_KEYS, takeUnseen } from '../../shared/kit/poll';
import { soqlDateTime, soqlLiteral } from './soql';

export type PollEvent = 'recordCreated' | 'recordUpdated' | 'opportunityStage';

export interface PollState {
	lastTimeChecked?: string;
	/** Dedupe key → the timestamp that places it in time (for pruning). */
	seen?: Record<string, string>;
}

export const MAX_KEYS = MAX_SEEN_KEYS;
export const DEFAULT_SAFETY_MARGIN_MINUTES = 15;

/** Fields the trigger needs whatever the user asked for. */
export function requiredFields(event: PollEvent): string[] {
	const base = ['Id', 'CreatedDate', 'SystemModstamp'];
	return event === 'opportunityStage' ? [...base, 'StageName', 'LastStageChangeDate'] : base;
}

/** The opportunity is in the stage the trigger watches. */
export function stageCondition(stageName: string): string {
	return `StageName = ${soqlLiteral(stageName, 'string')}`;
}

/** The WHERE conditions of a poll (all values are literals built by the SOQL helpers). */
export function windowConditions(event: PollEvent, startMs: number, stageName?: string): string[] {
	const start = soqlDateTime(new Date(startMs));
	const conditions = [`SystemModstamp >= ${start}`];
	if (event === 'recordCreated') conditions.push(`CreatedDate >= ${start}`);
	if (event === 'opportunityStage') {
		conditions.push(stageCondition(stageName ?? ''));
		// Reached the stage inside the window: a later edit of a won deal is not a new win.
		conditions.push(`(LastStageChangeDate >= ${start} OR (LastStageChangeDate = null AND CreatedDate >= ${start}))`);
	}
	return conditions;
}

/** What makes an emission unique, and the time it belongs to. */
export function dedupeKey(event: PollEvent, record: IDataObject): { key: string; at: string } {
	const id = String(record.Id);
	if (event === 'recordCreated') return { key: id, at: String(record.CreatedDate) };
	if (event === 'opportunityStage') {
		const at = String(record.LastStageChangeDate ?? record.CreatedDate);
		return { key: `${id}:${String(record.StageName)}:${at}`, at };
	}
	return { key: `${id}:${String(record.SystemModstamp)}`, at: String(record.SystemModstamp) };
}

/** Records not emitted before; updates the seen keys (pruned to the window, at most MAX_KEYS). */
export function takeNew(event: PollEvent, records: IDataObject[], state: PollState, windowStartMs: number): IDataObject[] {
	return takeNewBy(records, state, windowStartMs, (record) => dedupeKey(event, record));
}

/**
 * The dedupe walk every SystemModstamp poller of the Salesforce platform shares (the Salesforce and Certinia
 * triggers), on the kit's takeUnseen: records whose key was not emitted before, in order; the seen keys updated.
 * Keys whose time falls before the window are dropped unless `keepOutsideWindow` (for keys that mean "reached a
 * state", which a later edit of the record must not emit again); either way at most MAX_KEYS are kept, the newest.
 */
export function takeNewBy(
	records: IDataObject[],
	state: PollState,
	windowStartMs: number,
	keyOf: (record: IDataObject) => { key: string; at: string },
	options: { keepOutsideWindow?: boolean } = {},
): IDataObject[] {
	const { fresh, seen } = takeUnseen(records, state.seen, keyOf, { windowStartMs, keepOutsideWindow: options.keepOutsideWindow, maxKeys: MAX_KEYS });
	state.seen = seen;
	return fresh;
}
