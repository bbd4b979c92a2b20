/**
 * Control totals per stream (time, expense, invoice) and currency, as the PSA ↔ ERP reconciliation template uses
 * them: counts, exact amounts in minor units and exact hours on both sides and their difference, plus the outcome
 * counts per stream. Time carries hours and no money; costs and invoices carry money in several currencies.
 */
import type { IDataObject } from 'n8n-workflow';

import { groupedControlTotals, outcomeCountsByGroup, reconcile } from '../../lib/governance';
import { shutdownN8nCore } from '../helpers/harness';
import { connect, node, runAs, startWith } from './fixtures';

afterAll(async () => {
	await shutdownN8nCore();
});

const psa = [
	{ key: 'time:T1', stream: 'time', hours: '7.5', date: '2026-11-02' },
	{ key: 'time:T2', stream: 'time', hours: '8.25', date: '2026-11-03' },
	{ key: 'time:T3', stream: 'time', hours: '2', date: '2026-11-04' },
	{ key: 'expense:E1', stream: 'expense', amount: '120.10', currency: 'USD' },
	{ key: 'expense:E2', stream: 'expense', amount: '45.00', currency: 'GBP' },
	{ key: 'invoice:M1', stream: 'invoice', amount: '10000.00', currency: 'USD' },
	{ key: 'invoice:M2', stream: 'invoice', amount: '2500.00', currency: 'USD' },
];
const erp = [
	{ key: 'time:T1', stream: 'time', hours: 7.5, date: '2026-11-02' },
	{ key: 'time:T2', stream: 'time', hours: '8', date: '2026-11-03' },
	{ key: 'time:T9', stream: 'time', hours: '1.5', date: '2026-11-05' },
	{ key: 'expense:E1', stream: 'expense', amount: '120.11', currency: 'USD' },
	{ key: 'expense:E2', stream: 'expense', amount: 45, currency: 'gbp' },
	{ key: 'invoice:M1', stream: 'invoice', amount: '10000', currency: 'USD' },
];
const fields = { group: 'stream', amount: 'amount', currency: 'currency', quantities: ['hours'] };

describe('groupedControlTotals', () => {
	it('totals each stream and currency on both sides exactly, with the difference', () => {
		const { rows, rejected } = groupedControlTotals(psa, erp, fields);
		expect(rejected).toEqual([]);
		expect(rows).toEqual([
			{
				group: 'expense',
				currency: 'GBP',
				source: { count: 1, amount: '45.00', quantities: {} },
				target: { count: 1, amount: '45.00', quantities: {} },
				difference: { count: 0, amount: '0.00', quantities: {} },
			},
			{
				group: 'expense',
				currency: 'USD',
				source: { count: 1, amount: '120.10', quantities: {} },
				target: { count: 1, amount: '120.11', quantities: {} },
				difference: { count: 0, amount: '0.01', quantities: {} },
			},
			{
				group: 'invoice',
				currency: 'USD',
				source: { count: 2, amount: '12500.00', quantities: {} },
				target: { count: 1, amount: '10000.00', quantities: {} },
				difference: { count: -1, amount: '-2500.00', quantities: {} },
			},
			{
				group: 'time',
				currency: null,
				source: { count: 3, amount: null, quantities: { hours: '17.75' } },
				target: { count: 3, amount: null, quantities: { hours: '17.00' } },
				difference: { count: 0, amount: null, quantities: { hours: '-0.75' } },
			},
		]);
	});

	it('sums amounts in integer minor units: a thousand cents add up to exactly 10.00', () => {
		const cents = Array.from({ length: 1000 }, () => ({ stream: 'expense', amount: '0.01', currency: 'USD' }));
		const [row] = groupedControlTotals(cents, [{ stream: 'expense', amount: '10', currency: 'USD' }], fields).rows;
		expect(row.source).toEqual({ count: 1000, amount: '10.00', quantities: {} });
		expect(row.difference.amount).toBe('0.00');
	});

	it('rejects a record whose amount, currency or hours cannot be read exactly, naming the field, and does not count it', () => {
		const { rows, rejected } = groupedControlTotals(
			[
				{ stream: 'expense', amount: '1.005', currency: 'USD' },
				{ stream: 'expense', amount: '3.00' },
				{ stream: 'time', hours: 'eight' },
				{ stream: 'time', hours: '1' },
			],
			[],
			fields,
		);
		expect(rejected.map((r) => [r.side, r.index])).toEqual([
			['source', 0],
			['source', 1],
			['source', 2],
		]);
		expect(rejected[0].reason).toMatch(/amount/);
		expect(rejected[1].reason).toMatch(/currency/);
		expect(rejected[2].reason).toMatch(/hours/);
		expect(rows).toEqual([
			expect.objectContaining({ group: 'time', currency: null, source: { count: 1, amount: null, quantities: { hours: '1' } } }),
		]);
	});

	it('takes the default currency for an amount without one', () => {
		const { rows } = groupedControlTotals([{ stream: 'expense', amount: '3.00' }], [], { ...fields, defaultCurrency: 'eur' });
		expect(rows.map((r) => [r.currency, r.source.amount])).toEqual([['EUR', '3.00']]);
	});
});

describe('outcomeCountsByGroup', () => {
	it('counts each key once per stream and outcome', () => {
		const result = reconcile(psa, erp, { matchKey: 'key', compareFields: ['hours', 'date', 'amount', 'currency'], tolerance: '0' });
		expect(outcomeCountsByGroup(result, 'stream')).toEqual({
			expense: { matched: 0, mismatched: 2, missingInTarget: 0, missingInSource: 0, duplicateKeys: 0 },
			invoice: { matched: 1, mismatched: 0, missingInTarget: 1, missingInSource: 0, duplicateKeys: 0 },
			time: { matched: 1, mismatched: 1, missingInTarget: 1, missingInSource: 1, duplicateKeys: 0 },
		});
		// The GBP expense differs only in how the ERP spells its currency (gbp): named as a currency difference.
		expect(result.mismatched.find((m) => m.key === 'expense:E2')?.differences.map((d) => d.field)).toEqual(['currency']);
	});
});

describe('Reconcile node with control totals by stream', () => {
	it('adds one summary item with the totals per stream and currency and the outcome counts per stream', async () => {
		const run = await runAs(
			'exec-recon-streams',
			{
				nodes: [
					node('Start', 'startItems', {}),
					node('PSA', 'emitItems', { items: JSON.stringify(psa) }),
					node('ERP', 'emitItems', { items: JSON.stringify(erp) }),
					node('Reconcile', 'reconcile', {
						matchKey: 'key',
						compareFields: 'hours, date, amount, currency',
						tolerance: '0',
						options: { controlTotals: true, groupField: 'stream', quantityFields: 'hours' } as IDataObject,
					}),
				],
				connections: connect([
					['Start', 0, 'PSA'],
					['Start', 0, 'ERP'],
					['PSA', 0, 'Reconcile', 0],
					['ERP', 0, 'Reconcile', 1],
				]),
			},
			startWith([{}]),
			{},
		);
		expect(run.error).toBeUndefined();
		const summaries = run.output('Reconcile', 0).filter((m) => m.outcome === 'controlTotals');
		expect(summaries).toHaveLength(1);
		const [summary] = summaries;
		expect(summary.countsByGroup).toEqual(outcomeCountsByGroup(reconcile(psa, erp, { matchKey: 'key', compareFields: ['hours', 'date', 'amount', 'currency'], tolerance: '0' }), 'stream'));
		const totals = summary.totals as Array<Record<string, any>>;
		expect(totals.map((t) => `${t.group} ${t.currency} ${t.source.count}/${t.target.count} ${t.difference.amount ?? t.difference.quantities.hours}`)).toEqual([
			'expense GBP 1/1 0.00',
			'expense USD 1/1 0.01',
			'invoice USD 2/1 -2500.00',
			'time null 3/3 -0.75',
		]);
		expect(summary.rejected).toEqual([]);
		const mismatched = run.output('Reconcile', 1);
		expect(mismatched.find((m) => m.key === 'expense:E1')?.differences).toEqual([{ field: 'amount', source: '120.10', target: '120.11', difference: '0.01' }]);
	});
});
