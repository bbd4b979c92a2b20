/**
 * Issue 14, Order Guard per batch: the entities' rows are read together (50 per request) and only an applied newer
 * version writes. Counted on the ledger's memory row store; decisions as the one-by-one guard makes them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FilterCondition, Row } from '../../nodes/SyncLedger/store/dataTables';
import { LedgerStore } from '../../nodes/SyncLedger/store/ledgerStore';
import { MemoryRowStore } from './memoryStore';

class CountingStore extends MemoryRowStore {
	counts = { list: 0, insert: 0, update: 0, remove: 0 };
	override async list(tableId: string, filters: FilterCondition[]): Promise<Row[]> {
		this.counts.list++;
		return await super.list(tableId, filters);
	}
	override async listAny(tableId: string, column: string, values: unknown[]): Promise<Row[]> {
		this.counts.list++;
		return await super.listAny(tableId, column, values);
	}
	override async insert(tableId: string, rows: IDataObject[]): Promise<Row[]> {
		this.counts.insert++;
		return await super.insert(tableId, rows);
	}
	override async update(tableId: string, filters: FilterCondition[], data: IDataObject, match?: 'and' | 'or'): Promise<Row[]> {
		this.counts.update++;
		return await super.update(tableId, filters, data, match);
	}
	reset(): void {
		this.counts = { list: 0, insert: 0, update: 0, remove: 0 };
	}
}

const entities = Array.from({ length: 100 }, (_, i) => `SO-${i}`);
const guard = (ledger: LedgerStore, version: (i: number) => unknown) =>
	ledger.orderGuardMany(entities.map((entity, i) => ({ entity, version: version(i), correlationId: 'c', target: 'erp' })));

describe('Order Guard per batch', () => {
	it('reads 100 entities in two requests; unchanged and stale versions write nothing, newer ones one compare-and-set each', async () => {
		const rows = new CountingStore();
		const ledger = new LedgerStore(rows, 'p2c_', { workflowId: 'wf', executionId: 'exec', now: () => new Date('2026-11-23T12:00:00Z') });
		await ledger.open();
		rows.reset();
		const first = await guard(ledger, () => '5');
		expect(first.map((o) => o.status === 'fulfilled' && o.value.outcome)).toEqual(entities.map(() => 'applied'));
		// First versions: the batch read, then per entity its insert and the lowest-id check (was three requests each).
		expect(rows.counts).toEqual({ list: 2 + 100, insert: 100, update: 0, remove: 0 });
		rows.reset();
		const same = await guard(ledger, () => '5');
		expect(same.every((o) => o.status === 'fulfilled' && o.value.outcome === 'applied')).toBe(true);
		expect(rows.counts).toEqual({ list: 2, insert: 0, update: 0, remove: 0 });
		rows.reset();
		const mixed = await guard(ledger, (i) => (i % 2 === 0 ? '4' : '6'));
		expect(mixed.map((o) => o.status === 'fulfilled' && o.value.outcome)).toEqual(entities.map((_, i) => (i % 2 === 0 ? 'stale' : 'applied')));
		expect(rows.counts).toEqual({ list: 2, insert: 0, update: 50, remove: 0 });
		expect(rows.rowsOf('p2c_ledger').filter((r) => r.kind === 'order')).toHaveLength(100);
	});

	it('a repeated entity is decided after its earlier item; a bad version fails only its own item', async () => {
		const rows = new CountingStore();
		const ledger = new LedgerStore(rows, 'p2c_', { workflowId: 'wf', executionId: 'exec', now: () => new Date('2026-11-23T12:00:00Z') });
		const outcomes = await ledger.orderGuardMany([
			{ entity: 'SO-1', version: '7', correlationId: 'c', target: 'erp' },
			{ entity: 'SO-1', version: '6', correlationId: 'c', target: 'erp' },
			{ entity: 'SO-2', version: '2026-03-01T10:00:00', correlationId: 'c', target: 'erp' },
			{ entity: 'SO-1', version: '8', correlationId: 'c', target: 'erp' },
		]);
		expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.outcome : String((o.reason as Error).message).slice(0, 40)))).toEqual([
			'applied',
			'stale',
			expect.stringContaining('2026-03-01T10:00:00'),
			'applied',
		]);
		expect(rows.rowsOf('p2c_ledger').filter((r) => r.kind === 'order').map((r) => [r.key, r.lastVersion])).toEqual([['order:SO-1', '8']]);
	});
});
