/**
 * Oracle ⇄ canonical: Oracle's JSON-number amounts and quantities become exact decimals checked against the
 * currency, costs split into time entries (hours) and expenses, sums in integer minor units; values with no
 * exact counterpart become problems naming the field, never rounded numbers.
 */
import type { IDataObject } from 'n8n-workflow';

import { billingEventMapper, fromCanonical, glInterfaceJournalMapper, objectFor, toCanonical } from '../../nodes/OracleFusion/canonical';
import { oracleNode, useOracleSandbox, workflow } from './helpers';

const options = { environment: 'sandbox' as const, correlationId: 'c-1' };
const suite = useOracleSandbox();

describe('Oracle canonical mappings', () => {
	const labor = { TransactionNumber: 300000001000123, TransactionSource: 'External PSA', Document: 'PSA Labor', ProjectNumber: 'SF-006A000101', ProjectName: 'Acme ERP Implementation', TaskNumber: 'SF-006A000101-T1', TaskName: 'Discovery', PersonNumber: 'EMP-0002', PersonName: 'Priya Raman', ExpenditureType: 'Professional Labor', ExpenditureItemDate: '2026-01-14', Quantity: 8.5, UnitOfMeasure: 'Hours', OriginalTransactionReference: 'PSA-TE-1002', BillableFlag: 'Y', ExpenditureComment: 'Workshop' };

	it('an unprocessed labor cost is a time entry with exact hours; an expense cost an expense with exact money', () => {
		expect(objectFor('unprocessedProjectCosts', labor)).toBe('unprocessedLaborCost');
		const time = toCanonical('unprocessedProjectCosts', labor, options);
		expect(time.problems).toEqual([]);
		expect((time.value as IDataObject).timeEntry).toMatchObject({ date: '2026-01-14', hours: '8.5', approvalState: 'approved', billable: true, project: { id: 'SF-006A000101' }, task: { id: 'SF-006A000101-T1' }, resource: { id: 'EMP-0002' }, posted: false });
		const expense = { ...labor, ExpenditureType: 'Travel', Quantity: 1, UnitOfMeasure: 'Each', DenomRawCost: 412.35, DenomCurrencyCode: 'USD', OriginalTransactionReference: 'PSA-EX-2001' };
		const mapped = toCanonical('unprocessedProjectCosts', expense, options);
		expect(mapped.problems).toEqual([]);
		expect((mapped.value as IDataObject).expense).toMatchObject({ number: 'PSA-EX-2001', currency: 'USD', total: { amount: '412.35', currency: 'USD' }, lines: [{ amount: { amount: '412.35', currency: 'USD' }, category: { id: 'Travel' } }] });
	});

	it('refuses an amount finer than its currency instead of rounding it', () => {
		const expense = { ...labor, UnitOfMeasure: 'Each', DenomRawCost: 1500.5, DenomCurrencyCode: 'JPY' };
		const mapped = toCanonical('projectCosts', { ...expense, ExpenditureItemId: 5 }, options);
		expect(mapped.ok).toBe(false);
		expect(mapped.problems.map((p) => p.path)).toContain('payload.DenomRawCost');
	});

	it('a canonical time entry from Oracle goes back to the same cost fields, hours as an exact JSON number', () => {
		const canonical = toCanonical('unprocessedProjectCosts', labor, options);
		const back = fromCanonical('unprocessedLaborCost', canonical.value, {});
		expect(back.problems).toEqual([]);
		expect((back.value as { record: IDataObject }).record).toMatchObject({ ExpenditureItemDate: '2026-01-14', Quantity: 8.5, UnitOfMeasure: 'Hours', ProjectNumber: 'SF-006A000101', TaskNumber: 'SF-006A000101-T1', PersonNumber: 'EMP-0002', BillableFlag: 'Y' });
	});

	it('a billing event keeps its amount exact and its kind', () => {
		const event = { EventId: 9, ContractNumber: 'CON-1001', EventTypeName: 'Milestone', ProjectNumber: 'SF-006A000101', BillTrnsAmount: 25000, BillTrnsCurrencyCode: 'USD', CompletionDate: '2026-06-30', EventDescription: 'Go-live sign-off', InvoicedFlag: false };
		const mapped = toCanonical('projectBillingEvents', event, options);
		expect(mapped.problems).toEqual([]);
		expect((mapped.value as IDataObject).billingEvent).toMatchObject({ kind: 'milestone', status: 'approved', amount: { amount: '25000.00', currency: 'USD' }, date: '2026-06-30' });
		const back = fromCanonical('projectBillingEvents', mapped.value, {});
		expect((back.value as { record: IDataObject }).record).toMatchObject({ EventTypeName: 'Milestone', BillTrnsAmount: 25000, BillTrnsCurrencyCode: 'USD', ProjectNumber: 'SF-006A000101', ContractNumber: 'CON-1001' });
	});

	it('an invoice sums its lines in minor units and names a total that does not match them', () => {
		const invoice = { CustomerTransactionId: 1, TransactionNumber: '100001', BillToCustomerNumber: 'CUST-1013', TransactionDate: '2026-02-01', InvoiceCurrencyCode: 'USD', InvoiceStatus: 'Complete', EnteredAmount: 0.3, receivablesInvoiceLines: [{ CustomerTransactionLineId: 1, LineNumber: 1, Description: 'a', Quantity: 1, UnitSellingPrice: 0.1, LineAmount: 0.1 }, { CustomerTransactionLineId: 2, LineNumber: 2, Description: 'b', Quantity: 1, UnitSellingPrice: 0.2, LineAmount: 0.2 }] };
		const mapped = toCanonical('receivablesInvoices', invoice, options);
		expect(mapped.problems).toEqual([]);
		expect((mapped.value as IDataObject).invoice).toMatchObject({ status: 'open', subtotal: { amount: '0.30', currency: 'USD' }, total: { amount: '0.30', currency: 'USD' } });
		const off = toCanonical('receivablesInvoices', { ...invoice, EnteredAmount: 0.31 }, options);
		expect(off.problems.map((p) => p.path)).toContain('payload.EnteredAmount');
	});

	it('a reference into another system is a problem naming the field, not a guessed Oracle number', () => {
		const data = { project: { id: '5' }, date: '2026-01-01', kind: 'milestone', status: 'approved', amount: { amount: '1.00', currency: 'USD' } };
		const fromKantata = billingEventMapper.fromCanonical(data, { sourceSystem: 'kantata', sourceId: '5', enterpriseId: 'e' });
		expect(fromKantata.problems.map((p) => p.path)).toEqual(['billingEvent.project']);
		expect(fromKantata.record.ProjectNumber).toBeUndefined();
		const fromOracle = billingEventMapper.fromCanonical(data, { sourceSystem: 'oracleFusion', sourceId: '5', enterpriseId: 'e' });
		expect(fromOracle.problems).toEqual([]);
		expect(fromOracle.record).toMatchObject({ ProjectNumber: '5', BillTrnsAmount: 1 });
	});
});

describe('Output Canonical from the node', () => {
	it('reads the approved expense report with its expenses as one canonical expense, total exact', async () => {
		const result = await suite.run(workflow([{}], oracleNode({ resource: 'expenseReport', operation: 'getMany', returnAll: true, output: 'canonical' })));
		expect(result.error).toBeUndefined();
		const expense = result.output('Oracle')[0].expense as IDataObject;
		expect(expense).toMatchObject({ approvalState: 'approved', currency: 'USD', total: { amount: '470.55', currency: 'USD' }, resource: { id: 'EMP-0002' } });
		expect((expense.lines as IDataObject[]).map((l) => (l.amount as IDataObject).amount)).toEqual(['412.35', '58.20']);
		expect(new URLSearchParams(suite.sandbox.requests[0].query).get('expand')).toBe('Expense');
	});

	it('reads workers as canonical resources and accounts as customers', async () => {
		const workers = await suite.run(workflow([{}], oracleNode({ resource: 'worker', operation: 'getMany', returnAll: true, output: 'canonical' })));
		expect(workers.output('Oracle').map((r) => (r.resource as IDataObject).number)).toEqual(['EMP-0001', 'EMP-0002', 'EMP-0003', 'EMP-0004']);
		const accounts = await suite.run(workflow([{}], oracleNode({ resource: 'customer', operation: 'getMany', limit: 1, output: 'canonical' })));
		expect(accounts.output('Oracle')[0].customer).toMatchObject({ name: 'Northwind Health Partners', status: 'active', number: 'CUST-1001' });
	});
});

describe('journal entry ⇄ Journal Import rows', () => {
	const canonicalJournal = { number: 'REV-OPP-1-2026-09', date: '2026-09-30', currency: 'USD', memo: 'Revenue 2026-09', lines: [{ lineId: '1', account: { id: '101.10.21000.000' }, debit: { amount: '1019.18', currency: 'USD' } }, { lineId: '2', account: { id: '101.10.41000.000' }, credit: { amount: '1019.18', currency: 'USD' } }] };

	it('renders a balanced canonical journal as GL interface rows and reads them back to the same journal', () => {
		const rows = glInterfaceJournalMapper.fromCanonical(canonicalJournal, { sourceSystem: 'revenue', sourceId: 'x', enterpriseId: 'e' });
		expect(rows.problems).toEqual([]);
		expect(rows.record).toEqual({ JournalName: 'REV-OPP-1-2026-09', AccountingDate: '2026-09-30', CurrencyCode: 'USD', Description: 'Revenue 2026-09', Lines: [{ LineNumber: 1, Account: '101.10.21000.000', EnteredDr: '1019.18', Reference: '1' }, { LineNumber: 2, Account: '101.10.41000.000', EnteredCr: '1019.18', Reference: '2' }] });
		const back = toCanonical('glInterfaceJournal', rows.record, options);
		expect(back.problems).toEqual([]);
		expect((back.value as IDataObject).journalEntry).toEqual({ number: 'REV-OPP-1-2026-09', date: '2026-09-30', currency: 'USD', memo: 'Revenue 2026-09', lines: [{ lineId: '1', account: { id: '101.10.21000.000' }, debit: { amount: '1019.18', currency: 'USD' } }, { lineId: '2', account: { id: '101.10.41000.000' }, credit: { amount: '1019.18', currency: 'USD' } }] });
	});

	it('names the field of a journal that does not balance to the cent', () => {
		const unbalanced = { ...canonicalJournal, lines: [canonicalJournal.lines[0], { ...canonicalJournal.lines[1], credit: { amount: '1019.17', currency: 'USD' } }] };
		const rows = glInterfaceJournalMapper.fromCanonical(unbalanced, { sourceSystem: 'revenue', sourceId: 'x', enterpriseId: 'e' });
		expect(rows.problems).toEqual([{ path: 'journalEntry.lines', reason: expect.stringContaining('debits 1019.18 and credits 1019.17') }]);
	});
});
