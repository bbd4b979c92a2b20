/**
 * A claimer killed between its insert and its confirm (a worker SIGKILLed in queue mode) leaves a `settling` row.
 * Every reader ignores it once past the claim expiry; the next Check & Claim that reads the key deletes it, so the
 * ledger holds no row that looks like an open claim. A settling row still inside its expiry is a live claimer's
 * and is left alone.
 */
import type { IDataObject } from 'n8n-workflow';

import { LEDGER_COLUMNS, LedgerStore } from '../../nodes/SyncLedger/store/ledgerStore';
import { MemoryRowStore } from './memoryStore';

const T0 = new Date('2026-12-03T12:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000).toISOString();

/** A settling row as a first claim leaves it when its claimer dies before confirming, claimed `age` seconds ago. */
function settling(key: string, ageSeconds: number, ttlSeconds: number, mark: string): IDataObject {
	return { key, kind: 'claim', status: 'settling', claimToken: `dead-${key}`, claimOwner: 'exec-killed', claimedAt: at(-ageSeconds), expiresAt: at(ttlSeconds - ageSeconds), attempts: 1, lastVersion: mark };
}

async function ledgerWith(rows: IDataObject[]) {
	const store = new MemoryRowStore();
	const table = await store.ensureTable('p2c_ledger', LEDGER_COLUMNS);
	await store.insert(table, rows);
	const ledger = new LedgerStore(store, 'p2c_', { workflowId: 'wf', executionId: 'exec-next', now: () => T0, pause: async () => {} }, false);
	return { store, ledger };
}

describe('settling rows of claimers that died', () => {
	it('a key whose only row is an abandoned first claim is claimed afresh, and the abandoned row is deleted', async () => {
		const { store, ledger } = await ledgerWith([settling('K1', 130, 120, 'open:K1'), settling('K2', 130, 120, 'capture:someone')]);
		const results = await ledger.claimMany(['K1', 'K2'].map((key) => ({ key, allowFailed: false, correlationId: 'c' })), 120);
		expect([...results.values()].map((r) => r.outcome)).toEqual(['new', 'new']);
		expect(store.rowsOf('p2c_ledger').map((row) => [row.key, row.status, row.claimOwner])).toEqual([
			['K1', 'claimed', 'exec-next'],
			['K2', 'claimed', 'exec-next'],
		]);
	});

	it('a posted key with an abandoned settling row beside it answers already done and loses the abandoned row', async () => {
		const posted = { key: 'K3', kind: 'claim', status: 'posted', claimToken: 'tok-3', claimOwner: 'exec-a', claimedAt: at(-200), expiresAt: at(-80), attempts: 1, targetSystem: 'erp', targetId: 'R-3' };
		const { store, ledger } = await ledgerWith([posted, settling('K3', 200, 120, 'capture:exec-a')]);
		const results = await ledger.claimMany([{ key: 'K3', allowFailed: false, correlationId: 'c' }], 120);
		expect(results.get('K3')?.outcome).toBe('alreadyDone');
		expect(store.rowsOf('p2c_ledger').map((row) => [row.key, row.status])).toEqual([['K3', 'posted']]);
	});

	it('a settling row inside its claim expiry belongs to a live claimer and stays', async () => {
		const { store, ledger } = await ledgerWith([settling('K4', 10, 120, 'capture:live-claimer')]);
		const results = await ledger.claimMany([{ key: 'K4', allowFailed: false, correlationId: 'c' }], 120);
		expect(results.get('K4')?.outcome).toBe('inProgressElsewhere');
		expect(store.rowsOf('p2c_ledger').map((row) => [row.key, row.status, row.claimOwner])).toEqual([['K4', 'settling', 'exec-killed']]);
	});
});
