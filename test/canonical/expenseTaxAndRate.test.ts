/**
 * An expense line's tax (part of its amount, kept as its own amount) and a foreign-currency receipt's exchange rate
 * (amount = originalAmount × exchangeRate, rounded half up to the minor unit, exactly).
 */
import { validateCanonical } from '../../lib/canonical';
import { convertedMinorUnits } from '../../lib/canonical/rules';
import { toCanonical } from '../../nodes/Dynamics365ProjectOperations/canonical';
import { unprocessedExpenseCostMapper } from '../../nodes/OracleFusion/canonical/mappers';
import { canonicalRecord } from './helpers';


const money = (amount: string, currency = 'USD') => ({ amount, currency });

function expense(line: Record<string, unknown>, total = (line.amount as { amount: string }).amount) {
	return {
		resource: { id: 'EMP-0002' },
		date: '2026-01-20',
		approvalState: 'approved',
		currency: 'USD',
		total: money(total),
		lines: [{ lineId: '1', date: '2026-01-20', billable: true, ...line }],
	};
}

const problemsOf = (data: Record<string, unknown>) => validateCanonical('expense', canonicalRecord('expense', data)).problems;

describe('canonical expense: tax kept as its own amount', () => {
	it('accepts tax that is part of the amount', () => {
		expect(problemsOf(expense({ amount: money('612.90'), taxAmount: money('55.72') }))).toEqual([]);
	});

	it('refuses tax larger than the amount, or of the other sign, naming the line\'s taxAmount', () => {
		expect(problemsOf(expense({ amount: money('50.00'), taxAmount: money('50.01') })).map((p) => p.path)).toEqual(['expense.lines[0].taxAmount']);
		expect(problemsOf(expense({ amount: money('-50.00'), taxAmount: money('4.00') })).map((p) => p.path)).toEqual(['expense.lines[0].taxAmount']);
		expect(problemsOf(expense({ amount: money('-50.00'), taxAmount: money('-4.00') }))).toEqual([]);
	});

	it('refuses tax in another currency than the report', () => {
		expect(problemsOf(expense({ amount: money('50.00'), taxAmount: money('4.00', 'GBP') })).map((p) => p.path)).toEqual(['expense.lines[0].taxAmount.currency']);
	});

	it('refuses tax with more decimals than its currency, naming the field', () => {
		expect(problemsOf(expense({ amount: money('50.00'), taxAmount: money('4.005') })).map((p) => p.path)).toContain('expense.lines[0].taxAmount.amount');
	});
});

describe('canonical expense: a foreign-currency receipt converts exactly at its rate', () => {
	it('converts on integers, half up to the minor unit', () => {
		expect(convertedMinorUnits(money('245.50', 'GBP'), '1.2731', 'USD')).toBe(31255n); // 312.546 05 → 312.55
		expect(convertedMinorUnits(money('100', 'JPY'), '0.006645', 'USD')).toBe(66n); // 0.6645 → 0.66 (half up at 0.665 only)
		expect(convertedMinorUnits(money('1.005', 'KWD'), '3.25', 'USD')).toBe(327n); // 3.26625 → 3.27
		expect(convertedMinorUnits(money('10.00', 'EUR'), '0.125', 'USD')).toBe(125n); // 1.25 exactly
		expect(convertedMinorUnits(money('0.10', 'EUR'), '0.125', 'USD')).toBe(1n); // 0.0125 → 0.01
		expect(convertedMinorUnits(money('0.20', 'EUR'), '0.125', 'USD')).toBe(3n); // 0.025 → 0.03 (half up)
	});

	it('accepts an amount equal to originalAmount × exchangeRate, refuses one a cent off naming exchangeRate', () => {
		expect(problemsOf(expense({ amount: money('312.55'), originalAmount: money('245.50', 'GBP'), exchangeRate: '1.2731' }))).toEqual([]);
		const off = problemsOf(expense({ amount: money('312.54'), originalAmount: money('245.50', 'GBP'), exchangeRate: '1.2731' }));
		expect(off.map((p) => p.path)).toEqual(['expense.lines[0].exchangeRate']);
		expect(off[0].reason).toContain('312.55 USD');
	});

	it('refuses a rate without the amount it converts', () => {
		expect(problemsOf(expense({ amount: money('312.55'), exchangeRate: '1.2731' })).map((p) => p.path)).toEqual(['expense.lines[0].exchangeRate']);
	});
});

describe('Project Operations expense → canonical: the receipt total with its tax', () => {
	const record = (extra: Record<string, unknown>) => ({
		msdyn_expenseid: '6f0e4f7e-0000-4000-8000-000000000001',
		msdyn_name: 'Hotel, 3 nights',
		msdyn_transactiondate: '2026-01-20',
		msdyn_expensestatus: 192350002,
		transactioncurrencyid: { isocurrencycode: 'USD' },
		_msdyn_bookableresource_value: 'b0000000-0000-4000-8000-000000000002',
		...extra,
	});
	const map = (extra: Record<string, unknown>) => toCanonical('msdyn_expense', record(extra), { environment: 'sandbox', correlationId: 'c-1' });
	const lineOf = (extra: Record<string, unknown>) => {
		const result = map(extra);
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		return (result.value.expense as { lines: Array<Record<string, unknown>> }).lines[0];
	};

	it('takes the total with tax as the amount and the sales tax as taxAmount', () => {
		const line = lineOf({ msdyn_amount: 557.18, msdyn_salestaxamount: 55.72, msdyn_totalamount: 612.9 });
		expect(line.amount).toEqual(money('612.90'));
		expect(line.taxAmount).toEqual(money('55.72'));
	});

	it('keeps an expense without tax as it was (its amount, no taxAmount)', () => {
		const line = lineOf({ msdyn_amount: 58.2, msdyn_totalamount: 58.2 });
		expect(line.amount).toEqual(money('58.20'));
		expect('taxAmount' in line).toBe(false);
	});

	it('names the field of a receipt amount with more decimals than its currency', () => {
		const result = map({ msdyn_amount: 12.345 });
		expect(result.ok).toBe(false);
		expect(result.problems.map((p) => p.path)).toContain('expense.lines[0].amount.amount');
	});
});

describe('Oracle Fusion expense cost ← canonical: one cost holds one amount', () => {
	const line = (extra: Record<string, unknown>) => ({ lineId: '1', date: '2026-01-20', category: { id: 'Travel' }, amount: money('557.18'), project: { id: 'SF-006A000101' }, billable: true, ...extra });
	const render = (extra: Record<string, unknown>) =>
		unprocessedExpenseCostMapper.fromCanonical({ resource: { id: 'EMP-0002' }, date: '2026-01-20', approvalState: 'approved', currency: 'USD', total: money('557.18'), lines: [line(extra)] }, { sourceSystem: 'oracleFusion', sourceId: 'dataverse:1', enterpriseId: 'e' });

	it('renders a line without tax as one cost of its amount', () => {
		const { record, problems } = render({});
		expect(problems).toEqual([]);
		expect(record).toMatchObject({ DenomRawCost: 557.18, DenomCurrencyCode: 'USD', ExpenditureType: 'Travel' });
	});

	it('refuses a line that still carries tax, naming taxAmount, so the tax is never costed as the expense', () => {
		expect(render({ amount: money('612.90'), taxAmount: money('55.72') }).problems.map((p) => p.path)).toEqual(['expense.lines[0].taxAmount']);
		expect(render({ taxAmount: money('0.00') }).problems).toEqual([]);
	});
});
