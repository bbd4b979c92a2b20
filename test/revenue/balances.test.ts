import { contract, journalBalances, run, total } from './helpers';

const monthly = { type: 'straightLine', start: '2025-01-01', end: '2025-12-31', convention: 'evenPeriods' };

describe('contract balances and journal', () => {
	it('billing ahead of revenue is a contract liability that unwinds (ASC 606-10-45-2; Example 38 pattern)', () => {
		const result = run(contract({ transactionPrice: '1200', obligations: [{ id: 'A', ssp: '1', pattern: monthly }], billings: [{ date: '2025-01-01', amount: '1200' }] }));
		expect(result.periods[0]).toEqual({
			period: '2025-01', periodStart: '2025-01-01', periodEnd: '2025-01-31',
			revenue: '100.00', billed: '1200.00', contractAsset: '0.00', contractLiability: '1100.00', unbilledReceivable: '0.00',
		});
		expect(result.periods[11]).toMatchObject({ period: '2025-12', contractLiability: '0.00', contractAsset: '0.00' });
		expect(result.journal[0]).toEqual({
			date: '2025-01-31',
			period: '2025-01',
			lines: [
				{ account: 'Accounts receivable', debit: '1200.00', credit: '0.00' },
				{ account: 'Contract liability (deferred revenue)', debit: '0.00', credit: '1100.00' },
				{ account: 'Revenue', debit: '0.00', credit: '100.00' },
			],
		});
		expect(result.journal[1].lines).toEqual([
			{ account: 'Contract liability (deferred revenue)', debit: '100.00', credit: '0.00' },
			{ account: 'Revenue', debit: '0.00', credit: '100.00' },
		]);
		expect(journalBalances(result)).toBe(true);
	});

	it('revenue ahead of billing is a contract asset, netted per contract (ASC 606-10-45-1; Example 39 pattern)', () => {
		const result = run(contract({
			transactionPrice: '1000',
			obligations: [
				{ id: 'A', ssp: '400', pattern: { type: 'pointInTime', date: '2025-01-15' } },
				{ id: 'B', ssp: '600', pattern: { type: 'pointInTime', date: '2025-02-15' } },
			],
			billings: [{ date: '2025-02-20', amount: '1000' }],
		}));
		expect(result.periods.map((period) => [period.period, period.contractAsset, period.contractLiability])).toEqual([
			['2025-01', '400.00', '0.00'],
			['2025-02', '0.00', '0.00'],
		]);
		expect(result.journal[1].lines).toEqual([
			{ account: 'Accounts receivable', debit: '1000.00', credit: '0.00' },
			{ account: 'Contract asset', debit: '0.00', credit: '400.00' },
			{ account: 'Revenue', debit: '0.00', credit: '600.00' },
		]);
	});

	it('as-invoiced revenue not yet billed is an unbilled receivable; account names come from the options', () => {
		const result = run(contract({
			transactionPrice: '750',
			allocation: { method: 'specified' },
			obligations: [{ id: 'TM', specifiedAmount: '750', pattern: { type: 'asInvoiced', invoices: [{ date: '2025-01-31', amount: '500' }, { date: '2025-02-28', amount: '250' }] } }],
			billings: [{ date: '2025-02-05', amount: '500' }],
		}), { accounts: { unbilledReceivable: '1250 Unbilled AR', revenue: '4000 Services revenue' } });
		expect(result.periods.map((period) => [period.period, period.unbilledReceivable, period.contractAsset])).toEqual([
			['2025-01', '500.00', '0.00'],
			['2025-02', '250.00', '0.00'],
		]);
		expect(result.journal[0].lines).toEqual([
			{ account: '1250 Unbilled AR', debit: '500.00', credit: '0.00' },
			{ account: '4000 Services revenue', debit: '0.00', credit: '500.00' },
		]);
		expect(journalBalances(result)).toBe(true);
	});

	it('period revenue equals the schedule lines of the period, and the balances roll forward', () => {
		const result = run(contract({
			transactionPrice: '999.99',
			obligations: [
				{ id: 'A', ssp: '3', pattern: { type: 'straightLine', start: '2025-01-10', end: '2025-06-20', convention: 'exactDays' } },
				{ id: 'B', ssp: '1', pattern: { type: 'milestones', milestones: [{ id: 'm', date: '2025-04-01', percent: 100 }] } },
			],
			billings: [{ date: '2025-01-10', amount: '300' }, { date: '2025-05-10', amount: '699.99' }],
		}));
		let net = 0n;
		for (const period of result.periods) {
			const lines = result.schedule.filter((line) => line.period === period.period).map((line) => line.amount);
			expect(total([period.revenue])).toBe(total(lines));
			net += total([period.revenue]) - total([period.billed]);
			expect(total([period.contractAsset, period.unbilledReceivable]) - total([period.contractLiability])).toBe(net);
		}
		expect(net).toBe(0n);
		expect(journalBalances(result)).toBe(true);
	});
});
