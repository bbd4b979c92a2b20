/**
 * Issue 16, flow 13: close readiness for a period. One of each blocker is seeded through the ledger's own flows
 * (postings, a refusal, a reconciliation difference, a journal that failed, an old worker sync); each must be
 * reported exactly once (an entry that is both unposted and parked is one blocker), the summary must sum hours and
 * cost exactly, and once everything is fixed the period is ready.
 */
import type { IDataObject } from 'n8n-workflow';

import { closeReadiness } from '../../lib/governance';
import type { CloseTimeEntry } from '../../lib/governance';
import { connect, ledgerSuite, node, runAs, startWith } from './fixtures';

const { n8nApi, credentials } = ledgerSuite();

const NOW = new Date('2026-02-03T09:00:00.000Z');
const options = { period: '2026-01', now: NOW, staleWorkerDays: 7, workerSyncPrefix: 'worker-sync:', reconciliationPrefix: 'reconcile:', journalPattern: ':journal:' };
const rate = (amount: string, currency = 'USD') => ({ amount, currency, unit: 'hour' });

const time: CloseTimeEntry[] = [
	{ key: 'erp:time:psa:T1', reference: 'T1', date: '2026-01-12', hours: '7.5', costRate: rate('70.00') },
	{ key: 'erp:time:psa:T2', reference: 'T2', date: '2026-01-13', hours: '0.25', costRate: rate('75.50') },
	{ key: 'erp:time:psa:T3', reference: 'T3', date: '2026-01-14', hours: '8', costRate: rate('70.00') },
	{ key: 'erp:time:psa:T4', reference: 'T4', date: '2026-02-02', hours: '8', costRate: rate('70.00') },
];
const posted = (key: string, postedAt = '2026-02-01T10:00:00.000Z') => ({ key, status: 'posted' as const, postedAt, targetSystem: 'erp', error: null });
const exception = (id: number, key: string, owner: string, raisedAt: string, reason = 'x') => ({ id, key, status: 'open' as const, owner, raisedAt, reason });

describe('close readiness rules', () => {
	it('reports each blocker once, in its own category, and sums hours and cost exactly', () => {
		const { blockers, summary } = closeReadiness(
			time,
			[
				posted('erp:time:psa:T3'),
				{ key: 'erp:time:psa:T2', status: 'failed', postedAt: null, targetSystem: 'erp', error: 'project closed' },
				{ key: 'erp:journal:REV-OPP1-2026-01', status: 'failed_retryable', postedAt: null, targetSystem: 'erp', error: 'HTTP_503' },
				posted('erp:journal:REV-OPP1-2025-12'),
				{ key: 'erp:journal:REV-OPP2-2026-02', status: 'failed', postedAt: null, targetSystem: 'erp', error: 'period closed' },
				posted('worker-sync:W1', '2026-01-20T00:00:00.000Z'),
			],
			[
				exception(1, 'erp:time:psa:T2', 'Finance', '2026-01-30T09:00:00.000Z', 'project closed (field timeEntry.project)'),
				exception(2, 'reconcile:time:psa:T9', 'Finance', '2026-02-01T09:00:00.000Z', 'hours differ'),
				exception(3, 'erp:project:SF-1', 'PMO', '2026-01-04T09:00:00.000Z', 'companyName too long'),
				{ ...exception(4, 'erp:project:SF-2', 'PMO', '2026-01-04T09:00:00.000Z'), status: 'resolved' as const },
			],
			options,
		);
		expect(blockers.map((b) => [b.blocker, b.key])).toEqual([
			['approvedTimeNotPosted', 'erp:time:psa:T1'],
			['approvedTimeNotPosted', 'erp:time:psa:T2'],
			['revenueJournalNotPosted', 'erp:journal:REV-OPP1-2026-01'],
			['reconciliationDifference', 'reconcile:time:psa:T9'],
			['openException', 'erp:project:SF-1'],
			['staleWorkerData', 'worker-sync:'],
		]);
		expect(blockers[1]).toMatchObject({ owner: 'Finance', ledgerStatus: 'failed', exceptions: [{ id: 1 }], cost: { amount: '18.88', currency: 'USD' } });
		expect(blockers[1].reason).toBe('approved time T2 of 2026-01-13 (0.25 h) is not posted (ledger: failed: project closed); parked as exception 1');
		expect(blockers[4]).toMatchObject({ owner: 'PMO', ageDays: 30, ageBucket: '>30d' });
		expect(blockers[5]).toMatchObject({ owner: 'HR Operations', ageDays: 14.38 });
		// 7.5 × 70.00 = 525.00; 0.25 × 75.50 = 18.875 → 18.88 (half up once per entry).
		expect(summary).toMatchObject({
			ready: 'no',
			counts: { approvedTimeNotPosted: 2, revenueJournalNotPosted: 1, reconciliationDifference: 1, openException: 1, staleWorkerData: 1 },
			approvedTimeNotPosted: { entries: 2, hours: '7.75', cost: { USD: '543.88' } },
			openExceptionsByOwner: { Finance: { open: 2 }, PMO: { open: 1, oldestDays: 30 } },
		});
		expect(summary.lines[0]).toBe('Close readiness for 2026-01: ready no (6 blockers)');
		expect(summary.lines[1]).toBe('Approved time not posted: 2 entries, 7.75 h, cost 543.88 USD');
	});

	it('is ready when every entry and journal of the period is posted, nothing is open and workers synced lately', () => {
		const { blockers, summary } = closeReadiness(
			time.slice(0, 3),
			[...time.slice(0, 3).map((t) => posted(t.key)), posted('erp:journal:REV-OPP1-2026-01'), posted('worker-sync:W1', '2026-02-01T00:00:00.000Z')],
			[{ ...exception(1, 'erp:time:psa:T2', 'Finance', '2026-01-30T09:00:00.000Z'), status: 'resolved' }],
			options,
		);
		expect(blockers).toEqual([]);
		expect(summary).toMatchObject({ ready: 'yes', approvedTimeNotPosted: { entries: 0, hours: '0', cost: {} } });
		expect(summary.lines[0]).toBe('Close readiness for 2026-01: ready yes');
		expect(summary.lines[5]).toBe('Worker data: synced 2.38 days ago');
	});

	it('no worker sync at all is stale; a period not written YYYY-MM is refused naming the parameter', () => {
		expect(closeReadiness([], [], [], options).blockers.map((b) => b.blocker)).toEqual(['staleWorkerData']);
		expect(() => closeReadiness([], [], [], { ...options, period: '2026-1' })).toThrow(/parameter "period"/);
	});
});

describe('Health → Close Readiness in a workflow', () => {
	it('reads the ledger and the exception queue the posting flows wrote: blockers to the first output, the summary to the second', async () => {
		const park = {
			nodes: [
				node('Start', 'startItems', {}),
				node('Park', 'syncLedger', { tablePrefix: 'p2c_', resource: 'exception', operation: 'add', idempotencyKey: '={{ $json.key }}', reason: 'hours differ', domain: 'finance' }),
			],
			connections: connect([['Start', 0, 'Park']]),
		};
		await runAs('exec-1', park, startWith([{ key: 'reconcile:time:psa:T9' }]), credentials);
		const workflow = {
			nodes: [
				node('Start', 'startItems', {}),
				node('Close', 'syncLedger', { tablePrefix: 'p2c_', resource: 'health', operation: 'closeReadiness', period: '2026-01', idempotencyKey: '={{ $json.key ?? "" }}', referenceField: 'ref' }),
			],
			connections: connect([['Start', 0, 'Close']]),
		};
		const run = await runAs('exec-2', workflow, startWith([{ key: 'erp:time:psa:T1', ref: 'T1', timeEntry: { date: '2026-01-12', hours: '7.5', costRate: rate('70.00') } }, {}]), credentials);
		expect(run.error).toBeUndefined();
		expect(run.output('Close', 0).map((b) => b.blocker)).toEqual(['approvedTimeNotPosted', 'reconciliationDifference', 'staleWorkerData']);
		const [summary] = run.output('Close', 1);
		expect(summary).toMatchObject({ ready: 'no', approvedTimeNotPosted: { entries: 1, hours: '7.5', cost: { USD: '525.00' } } });
		expect((summary.counts as IDataObject).reconciliationDifference).toBe(1);
		expect(n8nApi.rowsOf('p2c_exceptions')).toHaveLength(1);
	});
});
