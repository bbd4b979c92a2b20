/**
 * The rules the psa-erp-reconciliation template's Code nodes carry, run on canonical records as the read nodes give
 * them: which records are this PSA's and this period's, how ERP records are keyed (a receipt's tax part added back
 * to its cost, exactly), and who owns each difference under which key. The real-n8n scenario
 * (scripts/scenarios/psaErpReconciliation.ts) runs the whole template against the sandboxes.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { groupedControlTotals, reconcile } from '../../lib/governance';

type Json = Record<string, any>;

const template = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows-templates', 'psa-erp-reconciliation.json'), 'utf8')) as {
	nodes: Array<{ name: string; parameters: Json }>;
};
const codeOf = (name: string) => template.nodes.find((n) => n.name === name)!.parameters.jsCode as string;

/** Runs a Code node's code the way n8n does for "Run Once for All Items": `$('Node')` and `$input` over items. */
function runCode(code: string, nodes: Record<string, Json[]>, input: Json[] = []): Json[] {
	const $ = (name: string) => ({ all: () => (nodes[name] ?? []).map((json) => ({ json })) });
	const $input = { all: () => input.map((json) => ({ json })) };
	const run = new Function('$', '$input', code) as ($: unknown, $input: unknown) => Array<{ json: Json }>;
	return run($, $input).map((item) => item.json);
}

const envelope = (system: string, id: string, externalId?: string) => ({ source: { system, id, ...(externalId ? { externalId } : {}) }, entity: 'x', lineage: [] });
const usd = (amount: string) => ({ amount, currency: 'USD' });

const PSA = {
	'Approved time (PSA)': [
		{ envelope: envelope('certinia', 'a8D1'), timeEntry: { date: '2026-10-05', hours: '7.5', project: { id: 'p1' } } },
		{ envelope: envelope('certinia', 'a8D2'), timeEntry: { date: '2026-09-30', hours: '8', project: { id: 'p1' } } },
		{ payload: { Id: 'a8D3' }, problems: [{ path: 'payload.pse__Total_Hours__c', reason: 'the timecard has 2 worked days' }] },
	],
	'Approved expenses (PSA)': [
		{ envelope: envelope('certinia', 'a5e1'), expense: { date: '2026-10-06', lines: [{ lineId: 'a5e1', date: '2026-10-06', amount: usd('100.00') }] } },
		{ envelope: envelope('certinia', 'rep9'), expense: { date: '2026-10-07', lines: [{ lineId: '1', date: '2026-10-07', amount: usd('5.00') }, { lineId: '2', date: '2026-10-07', amount: usd('6.00') }] } },
	],
	'Billed milestones (PSA)': [
		{ envelope: envelope('certinia', 'a6x1'), milestone: { name: 'Sign-off', status: 'billed', achievedDate: '2026-10-08', amount: usd('25000.00') } },
		{ envelope: envelope('certinia', 'a6x2'), milestone: { name: 'Later', status: 'planned', dueDate: '2026-10-09', amount: usd('1.00') } },
		// A Kantata story that is a task, not a milestone: another kind of record, left out.
		{ payload: { id: '77' }, problems: [{ path: 'payload.story_type', reason: 'is "task": only milestone stories are milestones' }] },
	],
};
const ERP = {
	'Time (ERP)': [
		{ envelope: envelope('netsuite', '901', 'P2C-certinia-a8D1'), timeEntry: { date: '2026-10-05', hours: '7.5' } },
		{ envelope: envelope('netsuite', '902', 'P2C-dataverse-x1'), timeEntry: { date: '2026-10-05', hours: '3' } },
		{ envelope: envelope('netsuite', '903', 'PSA-TE-1001'), timeEntry: { date: '2026-10-05', hours: '3' } },
	],
	'Expenses (ERP)': [
		{ envelope: envelope('netsuite', '501', 'P2C-certinia-a5e1'), expense: { date: '2026-10-06', currency: 'USD', total: usd('90.00') } },
		{ envelope: envelope('netsuite', '502', 'P2C-certinia-a5e1-tax'), expense: { date: '2026-10-06', currency: 'USD', total: usd('10.01') } },
		{ envelope: envelope('netsuite', '503', 'P2C-certinia-rep9-1'), expense: { date: '2026-10-07', currency: 'USD', lines: [{ amount: usd('2.50') }, { amount: usd('2.50') }] } },
	],
	'Invoices (ERP)': [
		{ envelope: envelope('netsuite', '601', 'P2C-MS-certinia-a6x1'), invoice: { issueDate: '2026-10-08', currency: 'USD', total: usd('25000.00'), number: 'INV1' } },
		{ envelope: envelope('netsuite', '602', 'P2C-TM-SF-006A-2026-10-abcd1234'), invoice: { issueDate: '2026-10-31', currency: 'USD', total: usd('999.00') } },
	],
};

const keyRecords = (code = codeOf('Key records')) =>
	runCode(code.replace("const PERIOD_FROM = '';", "const PERIOD_FROM = '2026-10-01';").replace("const PERIOD_TO = '';", "const PERIOD_TO = '2026-10-31';"), { ...PSA, ...ERP });

describe('psa-erp-reconciliation: Key records', () => {
	const items = keyRecords();
	const sideKeys = (side: string) => items.filter((i) => i.side === side && !i.unreadable).map((i) => `${String(i.key)} ${String(i.hours ?? i.amount)}`);

	it("keeps this PSA's records of the period, keyed as the posting flows keyed them in the ERP", () => {
		expect(sideKeys('psa')).toEqual([
			'time:P2C-certinia-a8D1 7.5',
			'expense:P2C-certinia-a5e1 100.00',
			'expense:P2C-certinia-rep9-1 5.00',
			'expense:P2C-certinia-rep9-2 6.00',
			'invoice:P2C-MS-certinia-a6x1 25000.00',
		]);
		// Another PSA's postings (P2C-dataverse-…), another flow's keys (PSA-TE-…, P2C-TM-…) are not this reconciliation's.
		expect(sideKeys('erp')).toEqual(['time:P2C-certinia-a8D1 7.5', 'expense:P2C-certinia-a5e1 100.01', 'expense:P2C-certinia-rep9-1 5.00', 'invoice:P2C-MS-certinia-a6x1 25000.00']);
		expect(items.every((i) => i.period.from === '2026-10-01' && i.period.to === '2026-10-31' && i.psa === 'certinia')).toBe(true);
	});

	it('adds a receipt\'s tax part back to its cost exactly (90.00 + 10.01 = 100.01) and sums lines when there is no total', () => {
		const cost = items.find((i) => i.side === 'erp' && i.key === 'expense:P2C-certinia-a5e1')!;
		expect([cost.amount, cost.currency, cost.parts]).toEqual(['100.01', 'USD', 2]);
		expect(items.find((i) => i.side === 'erp' && i.key === 'expense:P2C-certinia-rep9-1')!.amount).toBe('5.00');
	});

	it('marks a record the read could not map as unreadable with the field, but leaves out records of another kind', () => {
		const unreadable = items.filter((i) => i.unreadable);
		expect(unreadable.map((i) => [i.side, i.stream, i.field])).toEqual([['psa', 'time', 'payload.pse__Total_Hours__c']]);
	});

	it("writes amounts with their currency's decimals and passes an inexact one on as it came, for the totals to reject", () => {
		const expenses = [
			{ envelope: envelope('certinia', 'e1'), expense: { date: '2026-10-06', lines: [{ lineId: 'e1', date: '2026-10-06', amount: usd('58.2') }] } },
			{ envelope: envelope('certinia', 'e2'), expense: { date: '2026-10-06', lines: [{ lineId: 'e2', date: '2026-10-06', amount: usd('1.005') }] } },
			{ envelope: envelope('certinia', 'e3'), expense: { date: '2026-10-06', lines: [{ lineId: 'e3', date: '2026-10-06', amount: { amount: '7', currency: 'JPY' } }] } },
		];
		const code = codeOf('Key records').replace("const PERIOD_FROM = '';", "const PERIOD_FROM = '2026-10-01';").replace("const PERIOD_TO = '';", "const PERIOD_TO = '2026-10-31';");
		const kept = runCode(code, { ...PSA, 'Approved expenses (PSA)': expenses }).filter((i) => i.stream === 'expense');
		expect(kept.map((i) => i.amount)).toEqual(['58.20', '1.005', '7']);
		const { rejected } = groupedControlTotals(kept, [], { group: 'stream', amount: 'amount', currency: 'currency', quantities: [] });
		expect(rejected).toEqual([{ side: 'source', index: 1, reason: expect.stringMatching(/^amount at "amount"/) }]);
	});

	it('defaults to the previous calendar month', () => {
		const [first] = runCode(codeOf('Key records'), { ...PSA, ...ERP, 'Approved time (PSA)': [{ envelope: envelope('certinia', 'now'), timeEntry: { date: '2000-01-01', hours: '1' } }, ...PSA['Approved time (PSA)']] });
		const now = new Date();
		const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
		const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
		expect(first.period).toEqual({ from, to });
	});

	it('reconciles and totals the kept records exactly with the Reconcile node\'s rules', () => {
		const kept = items.filter((i) => !i.unreadable);
		const result = reconcile(
			kept.filter((i) => i.side === 'psa'),
			kept.filter((i) => i.side === 'erp'),
			{ matchKey: 'key', compareFields: ['hours', 'date', 'amount', 'currency'], tolerance: '0' },
		);
		expect(result.mismatched.map((m) => [m.key, m.differences])).toEqual([['expense:P2C-certinia-a5e1', [{ field: 'amount', source: '100.00', target: '100.01', difference: '0.01' }]]]);
		expect(result.missingInTarget.map((m) => m.key)).toEqual(['expense:P2C-certinia-rep9-2']);
		const totals = groupedControlTotals(kept.filter((i) => i.side === 'psa'), kept.filter((i) => i.side === 'erp'), { group: 'stream', amount: 'amount', currency: 'currency', quantities: ['hours'] });
		expect(totals.rows.find((r) => r.group === 'expense')).toEqual({
			group: 'expense',
			currency: 'USD',
			source: { count: 3, amount: '111.00', quantities: {} },
			target: { count: 2, amount: '105.01', quantities: {} },
			difference: { count: -1, amount: '-5.99', quantities: {} },
		});
	});
});

describe('psa-erp-reconciliation: Owner and key', () => {
	const record = (stream: string, externalKey: string, extra: Json = {}) => ({ stream, externalKey, psa: 'certinia', recordId: `x:${externalKey}`, ...extra });
	const owned = runCode(codeOf('Owner and key'), {}, [
		{ key: 'time:T2', outcome: 'mismatched', differences: [{ field: 'hours', source: '8', target: '7.5', difference: '-0.5' }], source: record('time', 'T2'), target: record('time', 'T2') },
		{ key: 'time:T3', outcome: 'missingInTarget', source: record('time', 'T3', { hours: '6', date: '2026-10-07' }) },
		{ key: 'time:T9', outcome: 'missingInSource', target: record('time', 'T9', { hours: '4', date: '2026-10-08' }) },
		{ key: 'expense:E2', outcome: 'mismatched', differences: [{ field: 'amount', source: '58.20', target: '58.21', difference: '0.01' }], source: record('expense', 'E2'), target: record('expense', 'E2') },
		{ key: 'expense:E7', outcome: 'missingInSource', target: record('expense', 'E7', { amount: '3.00', currency: 'USD' }) },
		{ key: 'invoice:M2', outcome: 'missingInTarget', source: record('invoice', 'M2', { amount: '12000.50', currency: 'GBP' }) },
		{ key: 'time:T5', outcome: 'duplicate', sourceCount: 1, targetCount: 2, sources: [record('time', 'T5')], targets: [] },
	]);

	it('gives time to finance unless only the ERP has it (PMO), costs to finance, invoices to finance for Billing', () => {
		expect(owned.map((o) => `${String(o.exceptionKey)} ${String(o.domain)} ${String(o.ownerName)}`)).toEqual([
			'reconcile:certinia:time:mismatched:T2 finance ',
			'reconcile:certinia:time:missingInTarget:T3 finance ',
			'reconcile:certinia:time:missingInSource:T9 pmo ',
			'reconcile:certinia:expense:mismatched:E2 finance ',
			'reconcile:certinia:expense:missingInSource:E7 finance ',
			'reconcile:certinia:invoice:missingInTarget:M2 finance Billing',
			'reconcile:certinia:time:duplicate:T5 finance ',
		]);
	});

	it('names the field and both values in the reason', () => {
		expect(owned[0].reason).toBe('Time entry T2 differs: hours PSA 8, ERP 7.5 (ERP − PSA -0.5)');
		expect(owned[3].reason).toBe('Cost E2 differs: amount PSA 58.20, ERP 58.21 (ERP − PSA 0.01)');
		expect(owned[5].reason).toBe('Invoice M2 (x:M2, 12000.50 GBP) is in the PSA but not in the ERP');
		expect(owned[2].reason).toBe('Time entry T9 (x:T9, 4 h on 2026-10-08) is in the ERP but not approved in the PSA');
		expect(owned[6].reason).toMatch(/appears 1× in the PSA and 2× in the ERP/);
	});
});
