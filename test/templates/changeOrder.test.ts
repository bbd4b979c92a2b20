/**
 * The change-order template's two Code nodes, run on records shaped as the Dataverse reads hand them over, with
 * the revenue engine between them as the Revenue Schedule node runs it: the treatment chosen by what the quote
 * sells (write-in scope → cumulative catch-up, catalogue products at list → separate contract, discounted →
 * prospective), the journal adjustment equal to the engine's catch-up to the cent and balanced, no adjustment for
 * a prospective or separate change, a second change order adjusted only by what it adds, and unusable quotes
 * parked with owner and field.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { computeRevenueSchedule } from '../../lib/revenue';

const template = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows-templates', 'change-order.json'), 'utf8')) as { nodes: Array<{ name: string; parameters: Record<string, any> }> };
const code = (name: string) => template.nodes.find((n) => n.name === name)!.parameters.jsCode as string;
const accounts = template.nodes.find((n) => n.name === 'Revenue Schedule')!.parameters.accounts;

type Json = Record<string, any>;
const CONTRACT = 'c0ffee00-0000-4000-8000-000000000001';
const PROJECT = { msdyn_projectid: 'p-1', p2c_externalid: 'SF-006A000101', msdyn_scheduledstart: '2026-01-12T00:00:00Z', msdyn_scheduledend: '2026-06-30T00:00:00Z', _msdyn_salesorderid_value: CONTRACT };
const LINES = [
	{ productdescription: 'Acme: time and expenses', msdyn_billingmethod: 192350000, priceperunit: 56000, quantity: 1, _salesorderid_value: CONTRACT },
	{ productdescription: 'Acme: fixed fee', msdyn_billingmethod: 192350001, priceperunit: 25000, quantity: 1, _salesorderid_value: CONTRACT },
];
const quote = (id: string, effectivefrom: string, details: Json[], extra: Json = {}) => ({ quoteid: id, quotenumber: id.toUpperCase(), name: id, effectivefrom, effectiveto: '2026-06-30', opportunityid: { p2c_externalid: 'SF-006A000101' }, transactioncurrencyid: { isocurrencycode: 'USD' }, quote_details: details, ...extra });
const writeIn = (hours: number, rate: number) => ({ productdescription: 'More integration scope', isproductoverridden: true, quantity: hours, priceperunit: rate });
const product = (hours: number, rate: number, discount = 0) => ({ productdescription: 'Data migration package', isproductoverridden: false, quantity: hours, priceperunit: rate, manualdiscountamount: discount });

function runCode(source: string, nodes: Record<string, Json[]>): Json[] {
	const $ = (name: string) => ({ all: () => (nodes[name] ?? []).map((json) => ({ json })) });
	const $input = { all: () => (nodes.$input ?? []).map((json) => ({ json })) };
	return (new Function('$', '$input', source) as ($: unknown, $input: unknown) => Array<{ json: Json }>)($, $input).map((i) => i.json);
}

function flow(quotes: Json[]) {
	const built = runCode(code('Build change orders'), { 'Won change orders (CRM)': quotes, 'Projects (PSA)': [PROJECT], 'Contract lines (PSA)': LINES });
	const ok = built.filter((b) => b.ok);
	// The Revenue Schedule node: the engine on each item's contract, schedules out (one item per contract).
	const results = ok.map((b) => computeRevenueSchedule(b.contract, { accounts, trace: false }));
	expect(results.flatMap((r) => r.errors)).toEqual([]);
	const adjusted = runCode(code('Journal adjustment per change order'), { $input: results.map((r) => ({ ...r })), 'Change order OK?': ok });
	return { built, adjusted };
}

const catchUpOf = (modifications: Json[]) =>
	computeRevenueSchedule({ contractId: 'x', currency: 'USD', transactionPrice: '25000.00', allocation: { method: 'relativeSsp' }, calendar: { type: 'month' }, obligations: [{ id: 'fixedFee', ssp: '25000.00', pattern: { type: 'straightLine', start: '2026-01-12', end: '2026-06-30', convention: 'exactDays' } }], modifications }, { trace: false })
		.schedule.filter((l) => l.kind === 'catchUp' || l.kind === 'reversal')
		.reduce((sum, l) => sum + Math.round(Number(l.amount) * 100), 0);

describe('change-order: Build change orders → Revenue Schedule → Journal adjustment', () => {
	it('a write-in scope extension is a cumulative catch-up; the journal is the engine\'s catch-up, balanced, revenue against the contract asset', () => {
		const { built, adjusted } = flow([quote('co-1', '2026-04-01', [writeIn(50, 200)])]);
		expect(built.map((b) => [b.role, b.treatment, b.amount, b.hours])).toEqual([
			['before', 'cumulativeCatchUp', '10000.00', '50.00'],
			['after', 'cumulativeCatchUp', '10000.00', '50.00'],
		]);
		const expected = catchUpOf([{ id: 'CO-1', date: '2026-04-01', treatment: 'cumulativeCatchUp', priceChange: '10000.00', changes: [] }]);
		expect(expected).toBe(464706);
		expect(adjusted).toHaveLength(1);
		const { adjustment } = adjusted[0];
		expect(adjustment.amount).toBe('4647.06');
		expect(adjustment.lines.map((l: Json) => [l.AccountDisplayValue, l.DebitAmount, l.CreditAmount, l.TransDate])).toEqual([
			['130100', 4647.06, 0, '2026-04-01T00:00:00Z'],
			['401100', 0, 4647.06, '2026-04-01T00:00:00Z'],
		]);
	});

	it('catalogue products at list price are a separate contract and discounted ones prospective: neither adjusts past revenue', () => {
		const { built, adjusted } = flow([quote('co-sep', '2026-04-01', [product(20, 150)]), quote('co-pro', '2026-05-04', [product(20, 150, 500)])]);
		expect(built.filter((b) => b.role === 'after').map((b) => [b.quote.id, b.treatment, b.amount])).toEqual([
			['co-sep', 'separateContract', '3000.00'],
			['co-pro', 'prospective', '2500.00'],
		]);
		expect(adjusted.map((a) => [a.quote.id, a.adjustment.amount, a.adjustment.lines.length])).toEqual([
			['co-sep', '0.00', 0],
			['co-pro', '0.00', 0],
		]);
	});

	it('a second change order on the same contract is adjusted only by the catch-up it adds', () => {
		const { adjusted } = flow([quote('co-1', '2026-04-01', [writeIn(50, 200)]), quote('co-2', '2026-05-01', [writeIn(10, 200)])]);
		const first = catchUpOf([{ id: 'CO-1', date: '2026-04-01', treatment: 'cumulativeCatchUp', priceChange: '10000.00', changes: [] }]);
		const both = catchUpOf([
			{ id: 'CO-1', date: '2026-04-01', treatment: 'cumulativeCatchUp', priceChange: '10000.00', changes: [] },
			{ id: 'CO-2', date: '2026-05-01', treatment: 'cumulativeCatchUp', priceChange: '2000.00', changes: [] },
		]);
		expect(adjusted.map((a) => [a.quote.id, Math.round(Number(a.adjustment.amount) * 100)])).toEqual([
			['co-1', first],
			['co-2', both - first],
		]);
		expect(both - first).toBeGreaterThan(0);
	});

	it('parks a quote it cannot apply with the owner and the field', () => {
		const { built } = flow([
			quote('no-deal', '2026-04-01', [writeIn(5, 200)], { opportunityid: null }),
			quote('late', '2026-08-01', [writeIn(5, 200)]),
			quote('inexact', '2026-04-01', [writeIn(0.333, 200)]),
			quote('empty', '2026-04-01', []),
		]);
		expect(built.filter((b) => !b.ok).map((b) => [b.quote.quoteid, b.owner, b.field])).toEqual([
			['no-deal', 'pmo', 'opportunityid'],
			// The rest in the order they take effect (then by quote number), as modifications are applied.
			['empty', 'pmo', 'quote_details'],
			['inexact', 'finance', 'quote_details'],
			['late', 'pmo', 'effectivefrom'],
		]);
	});
});
