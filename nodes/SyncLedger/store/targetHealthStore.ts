/**
 * Target health (the breaker per target system, lib/governance/breaker.ts) in its own Data Table,
 * `<prefix>targets`: one row per target, changed by compare-and-set on a revision token so two executions
 * recording at once never lose each other's failures. Items parked while a target is down go to the exception
 * queue through the ledger store, owned by the target's drain (`drainOwner`), once per key.
 */
import { randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { closedBreaker, DOMAIN_OWNERS, drainOwner } from '../../../lib/governance';
import type { BreakerState, ExceptionRecord } from '../../../lib/governance';
import type { ColumnSpec, Row, RowStore } from './dataTables';
import type { LedgerStore, NewException } from './ledgerStore';

export const TARGET_COLUMNS: ColumnSpec[] = [
	{ name: 'target', type: 'string' },
	{ name: 'state', type: 'string' },
	{ name: 'consecutiveFailures', type: 'number' },
	{ name: 'openedAt', type: 'date' },
	{ name: 'lastError', type: 'string' },
	{ name: 'lastFailureAt', type: 'date' },
	{ name: 'lastSuccessAt', type: 'date' },
	{ name: 'lastProbeAt', type: 'date' },
	{ name: 'revision', type: 'string' },
];

const MAX_ROUNDS = 6;

const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : value instanceof Date ? value.toISOString() : String(value));

function stateOf(target: string, row: Row | undefined): BreakerState {
	if (!row) return closedBreaker(target);
	return {
		target,
		state: row.state === 'open' ? 'open' : 'closed',
		consecutiveFailures: Number(row.consecutiveFailures ?? 0) || 0,
		openedAt: text(row.openedAt),
		lastError: text(row.lastError),
		lastFailureAt: text(row.lastFailureAt),
		lastSuccessAt: text(row.lastSuccessAt),
		lastProbeAt: text(row.lastProbeAt),
	};
}

export class TargetHealthStore {
	private tableId?: string;

	constructor(
		private readonly rows: RowStore,
		private readonly prefix: string,
		private readonly ledger: LedgerStore,
	) {}

	private async table(): Promise<string> {
		this.tableId ??= await this.rows.ensureTable(`${this.prefix}targets`, TARGET_COLUMNS);
		return this.tableId;
	}

	/** The target's row (the lowest id, should two first writes have raced) and its state. */
	private async read(target: string): Promise<{ row?: Row; state: BreakerState }> {
		const rows = await this.rows.list(await this.table(), [{ columnName: 'target', condition: 'eq', value: target }]);
		const row = rows.reduce<Row | undefined>((best, r) => (!best || r.id < best.id ? r : best), undefined);
		return { row, state: stateOf(target, row) };
	}

	async get(target: string): Promise<BreakerState> {
		return (await this.read(target)).state;
	}

	async all(): Promise<BreakerState[]> {
		const rows = await this.rows.list(await this.table(), []);
		const first = new Map<string, Row>();
		for (const row of rows) {
			const target = String(row.target ?? '');
			const seen = first.get(target);
			if (target && (!seen || row.id < seen.id)) first.set(target, row);
		}
		return [...first.entries()].map(([target, row]) => stateOf(target, row));
	}

	/**
	 * Changes the target's state with `change` (given the state as read) by compare-and-set on the revision; a
	 * lost race reads again and re-applies, so concurrent results all count. Returns the state before and after.
	 */
	async update(target: string, change: (state: BreakerState) => BreakerState): Promise<{ before: BreakerState; after: BreakerState }> {
		const tableId = await this.table();
		for (let round = 1; round <= MAX_ROUNDS; round++) {
			const { row, state } = await this.read(target);
			const after = change(state);
			const revision = randomUUID();
			const columns = { ...after, revision } as unknown as IDataObject;
			if (!row) {
				const [mine] = await this.rows.insert(tableId, [columns]);
				const winner = (await this.read(target)).row;
				if (winner?.id === mine.id) return { before: state, after };
				await this.rows.remove(tableId, [{ columnName: 'id', condition: 'eq', value: mine.id }]);
				continue;
			}
			const [updated] = await this.rows.update(
				tableId,
				[
					{ columnName: 'id', condition: 'eq', value: row.id },
					{ columnName: 'revision', condition: 'eq', value: row.revision ?? null },
				],
				columns,
			);
			if (updated) return { before: state, after };
		}
		throw new Error(`target health of ${target}: other executions kept changing it (${MAX_ROUNDS} rounds)`);
	}

	/** Parks items for the target's drain (owner `drainOwner(target)`), one open exception per key. */
	async park(target: string, items: Array<Omit<NewException, 'owner'>>): Promise<Array<{ record: ExceptionRecord; alreadyParked: boolean }>> {
		return await this.parkOnce(items.map((item) => ({ ...item, owner: drainOwner(target) })));
	}

	/**
	 * Parks items in the exception queue, one open exception per key and owner: a key that already has an open
	 * exception of the same owner (parked by an earlier run, or earlier in this batch) is not parked again; that
	 * exception is returned instead, marked alreadyParked.
	 */
	async parkOnce(items: NewException[]): Promise<Array<{ record: ExceptionRecord; alreadyParked: boolean }>> {
		const slot = (key: string, owner: string) => `${owner}\u0000${key}`;
		const ownerOf = (item: NewException) => item.owner?.trim() || DOMAIN_OWNERS[item.domain];
		const open = new Map<string, ExceptionRecord>();
		for (const record of await this.ledger.listExceptions({ status: 'open' })) {
			const at = slot(record.key, record.owner);
			if (!open.has(at)) open.set(at, record);
		}
		const fresh: NewException[] = [];
		const freshSlots = new Set<string>();
		for (const item of items) {
			const at = slot(item.key, ownerOf(item));
			if (open.has(at) || freshSlots.has(at)) continue;
			freshSlots.add(at);
			fresh.push(item);
		}
		const added = await this.ledger.addExceptions(fresh);
		fresh.forEach((item, index) => open.set(slot(item.key, ownerOf(item)), added[index]));
		const reported = new Set<string>();
		return items.map((item) => {
			const at = slot(item.key, ownerOf(item));
			const alreadyParked = !freshSlots.has(at) || reported.has(at);
			reported.add(at);
			return { record: open.get(at)!, alreadyParked };
		});
	}
}
