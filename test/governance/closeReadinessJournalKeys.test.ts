/**
 * Flow 13 must see the revenue journals of both revenue flows: revenue-schedule.json claims `<erp>:journal:…`,
 * revenue-schedule-to-erp.json (flow 9, any ERP) `<erp>:revenue:<contract>-<period>`. With only ":journal:" a refused
 * flow-9 journal was invisible and the period read ready.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { closeReadiness } from '../../lib/governance';
import { description } from '../../nodes/SyncLedger/v1/actions/health/closeReadiness.operation';

const template = (file: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows-templates', file), 'utf8')) as { nodes: Array<{ name: string; parameters: Record<string, any> }> };
const shippedPattern = String(template('month-end-close-readiness.json').nodes.find((n) => n.name === 'Close readiness')!.parameters.journalPattern);
const nodeDefault = String(description.find((p) => p.name === 'journalPattern')!.default);

const NOW = new Date('2026-02-03T09:00:00.000Z');
const base = { period: '2026-01', now: NOW, staleWorkerDays: 7, workerSyncPrefix: 'worker-sync:', reconciliationPrefix: 'reconcile:' };
const ledger = [
	{ key: 'netsuite:revenue:REV-dataverse-SF-006A000101-2026-01', status: 'failed' as const, postedAt: null, targetSystem: 'netsuite', error: 'INVALID_KEY_OR_REF: account 305' },
	{ key: 'netsuite:journal:REV-OPP1-2026-01:ab12', status: 'failed_retryable' as const, postedAt: null, targetSystem: 'netsuite', error: 'HTTP_503' },
	{ key: 'netsuite:revenue:REV-dataverse-SF-006A000101-2026-02', status: 'failed' as const, postedAt: null, targetSystem: 'netsuite', error: 'other period' },
	{ key: 'netsuite:revenue:REV-dataverse-SF-006A000102-2026-01', status: 'posted' as const, postedAt: '2026-02-01T00:00:00.000Z', targetSystem: 'netsuite', error: null },
	{ key: 'worker-sync:W1', status: 'posted' as const, postedAt: '2026-02-02T00:00:00.000Z', targetSystem: 'certinia', error: null },
];

describe('close readiness: revenue journal keys of both revenue flows', () => {
	it('the key revenue-schedule-to-erp.json claims is `<erp>:revenue:<contract>-<period>`', () => {
		const journal = template('revenue-schedule-to-erp.json').nodes.find((n) => n.name === 'Journal entry')!;
		const key = journal.parameters.assignments.assignments.find((a: { name: string }) => a.name === 'key');
		expect(key.value).toContain(':revenue:${$json.contractId}-${$json.journal.period}');
	});

	it.each([
		['the shipped template', shippedPattern],
		["the node's default", nodeDefault],
	])('with %s, each unposted journal of the period is one blocker, from either flow; other periods and posted ones are not', (_label, journalPattern) => {
		const { blockers, summary } = closeReadiness([], ledger, [], { ...base, journalPattern });
		expect(blockers.filter((b) => b.blocker === 'revenueJournalNotPosted').map((b) => b.key).sort()).toEqual([
			'netsuite:journal:REV-OPP1-2026-01:ab12',
			'netsuite:revenue:REV-dataverse-SF-006A000101-2026-01',
		]);
		expect(blockers.find((b) => b.key.includes(':revenue:'))!.reason).toBe('revenue journal netsuite:revenue:REV-dataverse-SF-006A000101-2026-01 is failed: INVALID_KEY_OR_REF: account 305');
		expect(summary.counts.revenueJournalNotPosted).toBe(2);
		expect(summary.ready).toBe('no');
	});

	it('a single pattern still works as before, and blanks between commas are ignored', () => {
		expect(closeReadiness([], ledger, [], { ...base, journalPattern: ':journal:' }).summary.counts.revenueJournalNotPosted).toBe(1);
		expect(closeReadiness([], ledger, [], { ...base, journalPattern: ' , :revenue: ,' }).summary.counts.revenueJournalNotPosted).toBe(1);
		expect(closeReadiness([], ledger.slice(3), [], { ...base, journalPattern: ':journal:, :revenue:' }).summary.ready).toBe('yes');
	});
});
