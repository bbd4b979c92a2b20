/**
 * What the Coupa trigger watches, the query of a poll and its cursor step (pure: no n8n runtime, no I/O).
 */
import type { IDataObject } from 'n8n-workflow';

import { pollStampMs, takeUnseen } from '../../shared/kit/poll';
import type { PollCursorState } from '../../shared/kit/poll';
import { filterQuery } from '../transport';
import type { CoupaFilter } from '../transport';

/** What the trigger watches: a resource in the state that makes it ready for the ERP. */
export const TRIGGER_EVENTS = {
	invoiceApproved: { label: 'Invoice Approved', path: 'invoices', status: 'approved', object: 'invoice' },
	purchaseOrderIssued: { label: 'Purchase Order Issued', path: 'purchase_orders', status: 'issued', object: 'purchase_order_line' },
} as const;
export type TriggerEvent = keyof typeof TRIGGER_EVENTS;

/** The poll's query: the state, then either the change window or the export flag; oldest change first. */
export function triggerQuery(event: TriggerEvent, mode: 'updatedSince' | 'exportFlag', windowStartMs: number): IDataObject {
	const filters: CoupaFilter[] = [{ attribute: 'status', operator: 'eq', value: TRIGGER_EVENTS[event].status }];
	if (mode === 'exportFlag') filters.push({ attribute: 'exported', operator: 'eq', value: 'false' });
	else filters.push({ attribute: 'updated-at', operator: 'gt_or_eq', value: new Date(windowStartMs).toISOString() });
	return { ...filterQuery(filters), order_by: 'updated-at', dir: 'asc' };
}

/**
 * A poll's step in "Changed Since Last Poll": the records not emitted before. The key is the record id alone,
 * kept outside the window: an approved invoice is emitted once, and a later edit (marking it exported, writing
 * the ERP number back) is not a new approval. The cursor is the latest `updated-at` emitted, never moved back.
 */
export function takeNewRecords(records: IDataObject[], state: PollCursorState, startMs: number, nowMs: number): { fresh: IDataObject[]; state: PollCursorState } {
	const { fresh, seen } = takeUnseen(records, state.seen, (record) => ({ key: String(record.id), at: String(record['updated-at'] ?? '') }), { windowStartMs: startMs, keepOutsideWindow: true });
	let cursor = state.cursor ? pollStampMs(state.cursor) : nowMs;
	for (const record of records) {
		const ms = pollStampMs(String(record['updated-at'] ?? ''));
		if (!Number.isNaN(ms) && ms > cursor && ms <= nowMs) cursor = ms;
	}
	return { fresh, state: { cursor: new Date(cursor).toISOString(), seen } };
}

