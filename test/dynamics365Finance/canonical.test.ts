/**
 * Dynamics 365 Finance ⇄ canonical: Edm.Decimal JSON numbers become exact decimal text (and go back only as
 * numbers that carry exactly that value), company-scoped keys become references, and records written from
 * another system carry its id in the entity's external reference field.
 */
import type { IDataObject } from 'n8n-workflow';

import { decimalFrom, decimalOut, moneyFrom } from '../../nodes/Dynamics365Finance/canonical/common';
import { EXTERNAL_REFERENCE_FIELDS, fromCanonical, toCanonical } from '../../nodes/Dynamics365Finance/canonical';
import { toCanonical as kantataToCanonical } from '../../nodes/Kantata/canonical';
import type { Problem } from '../../lib/canonical';

const env = { environment: 'sandbox' as const, correlationId: 'c-1' };

function value(result: { ok: boolean; value?: unknown; problems: Problem[] }): IDataObject {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value as IDataObject;
}

describe('Dynamics 365 Finance canonical mappings', () => {
	it('reads Edm.Decimal numbers exactly and refuses more decimals than the currency has', () => {
		const problems: Problem[] = [];
		expect(moneyFrom(412.35, 'USD', 'p', problems)).toEqual({ amount: '412.35', currency: 'USD' });
		expect(moneyFrom(1e21, 'USD', 'p', problems)).toEqual({ amount: '1000000000000000000000.00', currency: 'USD' });
		expect(moneyFrom(1500, 'JPY', 'p', problems)).toEqual({ amount: '1500', currency: 'JPY' });
		expect(decimalFrom(7.5, 'p', problems)).toBe('7.5');
		expect(decimalFrom(0.1 + 0.2, 'p', problems)).toBe('0.30000000000000004');
		expect(problems).toEqual([]);
		expect(moneyFrom(10.005, 'USD', 'payload.DebitAmount', problems)).toBeUndefined();
		expect(moneyFrom(10, 'XXL', 'payload.SalesPrice', problems)).toBeUndefined();
		expect(decimalOut({ amount: '12345678901234567.89', currency: 'USD' }, 'expense.total.amount', problems)).toBeUndefined();
		expect(problems.map((p) => p.path)).toEqual(['payload.DebitAmount', 'payload.SalesPrice', 'expense.total.amount']);
		expect(decimalOut({ amount: '412.35', currency: 'USD' }, 'p', [])).toBe(412.35);
	});

	it('a customer is keyed by company and account; the selling legal entity is the company', () => {
		const record = { dataAreaId: 'usmf', CustomerAccount: 'SF-001A000001', OrganizationName: 'Northwind Health Partners', CustomerGroupId: '30', PartyType: 'Organization', SalesCurrencyCode: 'USD', OnHoldStatus: 'No', AddressCity: 'Boston', AddressCountryRegionId: 'USA' };
		const out = value(toCanonical('CustomersV3', record, env));
		expect(out.customer).toMatchObject({ name: 'Northwind Health Partners', number: 'SF-001A000001', status: 'active', kind: 'company', currency: 'USD', legalEntity: { id: 'usmf' }, billingAddress: { city: 'Boston', country: 'USA' } });
		expect((out.envelope as IDataObject).source).toMatchObject({ system: 'd365finance', id: 'usmf/SF-001A000001' });
		const blocked = value(toCanonical('CustomersV3', { ...record, OnHoldStatus: 'All' }, env));
		expect((blocked.customer as IDataObject).status).toBe('inactive');
	});

	it('an hour journal line becomes an exact time entry and goes back to the same fields', () => {
		const line = { dataAreaId: 'usmf', JournalId: 'PJ-000001', LineNumber: 1, ProjectID: 'SF-006A000101', ActivityNumber: 'SF-006A000101-T1', Category: 'Consulting', Hours: 8.5, ProjectDate: '2026-01-14T00:00:00Z', ResourceId: 'EMP-0002', LineProperty: 'Billable', SalesPrice: 200, CostPrice: 70, CurrencyId: 'USD', Description: 'Process mapping workshop' };
		const canonical = toCanonical('ProjectJournalLines', line, env);
		const out = value(canonical);
		expect(out.timeEntry).toMatchObject({ date: '2026-01-14', hours: '8.5', billable: true, resource: { id: 'EMP-0002' }, project: { id: 'usmf/SF-006A000101' }, billRate: { amount: '200.00', currency: 'USD', unit: 'hour' }, costRate: { amount: '70.00', currency: 'USD', unit: 'hour' } });
		const back = value(fromCanonical('ProjectJournalLines', canonical.value, {}));
		expect(back.record).toMatchObject({ ProjectID: 'SF-006A000101', ActivityNumber: 'SF-006A000101-T1', Category: 'Consulting', ResourceId: 'EMP-0002', ProjectDate: '2026-01-14T00:00:00Z', Hours: 8.5, LineProperty: 'Billable', SalesPrice: 200, CurrencyId: 'USD' });
	});

	it('a time entry from another system is a problem for each reference F&O cannot resolve itself', () => {
		const kantataEntry = { id: '77', date_performed: '2026-01-14', time_in_minutes: 510, billable: true, currency: 'USD', currency_base_unit: 100, workspace_id: '5', user_id: '3', approved: true };
		const canonical = value(kantataToCanonical('time_entry', kantataEntry, env));
		const result = fromCanonical('ProjectJournalLines', canonical, {});
		expect(result.ok).toBe(false);
		expect(result.problems.map((p) => p.path).sort()).toEqual(['timeEntry.project', 'timeEntry.resource']);
	});

	it('an expense journal line is an expense of one line; refunds (credits) are negative', () => {
		const line = { dataAreaId: 'usmf', JournalBatchNumber: 'EJ-000001', LineNumber: 2, ProjId: 'SF-006A000101', ProjectCategory: 'Travel', ProjectDate: '2026-01-12T00:00:00Z', ResourceId: 'EMP-0002', ProjectLineProperty: 'Billable', DebitAmount: 412.35, CreditAmount: 0, CurrencyCode: 'USD', Text: 'Flight ORD-DTW' };
		const out = value(toCanonical('ExpenseJournalLines', line, env));
		expect(out.expense).toMatchObject({ total: { amount: '412.35', currency: 'USD' }, lines: [{ lineId: '2', amount: { amount: '412.35', currency: 'USD' }, billable: true, category: { id: 'Travel' } }] });
		const refund = value(toCanonical('ExpenseJournalLines', { ...line, DebitAmount: 0, CreditAmount: 58.2 }, env));
		expect((refund.expense as IDataObject).total).toEqual({ amount: '-58.20', currency: 'USD' });
		const back = value(fromCanonical('ExpenseJournalLines', refund, {}));
		expect(((back.record as IDataObject).lines as IDataObject[])[0]).toMatchObject({ CreditAmount: 58.2, ProjId: 'SF-006A000101', ProjectCategory: 'Travel' });
		expect(((back.record as IDataObject).lines as IDataObject[])[0].DebitAmount).toBeUndefined();
	});

	it('a free-text invoice sums its lines exactly; posted means open', () => {
		const header = { dataAreaId: 'usmf', InvoiceIdentifier: 'FTI-1', CustomerAccount: 'C1', InvoiceDate: '2026-02-01T00:00:00Z', CurrencyCode: 'USD', IsPosted: 'Yes', InvoiceId: 'FTI-000001', Lines: [{ LineNumber: 1, Description: 'Fees', TransactionCurrencyAmount: 0.1, Quantity: 1, UnitPrice: 0.1, SalesTaxAmount: 0 }, { LineNumber: 2, Description: 'More fees', TransactionCurrencyAmount: 0.2, Quantity: 2, UnitPrice: 0.1, SalesTaxAmount: 0.02 }] };
		const out = value(toCanonical('FreeTextInvoiceHeaders', header, env));
		expect(out.invoice).toMatchObject({ status: 'open', number: 'FTI-000001', subtotal: { amount: '0.30', currency: 'USD' }, taxTotal: { amount: '0.02' }, total: { amount: '0.32' } });
	});

	it('a general journal line with an offset account is two legs of a balanced entry', () => {
		const header = { dataAreaId: 'usmf', JournalBatchNumber: 'GJ-1', JournalName: 'GenJrn', Description: 'Accrual', IsPosted: 'No', Lines: [{ LineNumber: 1, AccountDisplayValue: '601500', OffsetAccountDisplayValue: '200100', DebitAmount: 1250.5, CreditAmount: 0, CurrencyCode: 'USD', TransDate: '2026-01-31T00:00:00Z', Text: 'Accrued fees' }] };
		const out = value(toCanonical('LedgerJournalHeaders', header, env));
		const lines = (out.journalEntry as IDataObject).lines as IDataObject[];
		expect(lines).toEqual([
			{ lineId: '1', account: { id: '601500' }, debit: { amount: '1250.50', currency: 'USD' }, memo: 'Accrued fees' },
			{ lineId: '1-offset', account: { id: '200100' }, credit: { amount: '1250.50', currency: 'USD' }, memo: 'Accrued fees' },
		]);
		const back = value(fromCanonical('LedgerJournalHeaders', out, {}));
		expect((back.record as IDataObject).lines).toEqual([
			expect.objectContaining({ LineNumber: 1, AccountDisplayValue: '601500', DebitAmount: 1250.5, CreditAmount: 0 }),
			expect.objectContaining({ LineNumber: 2, AccountDisplayValue: '200100', DebitAmount: 0, CreditAmount: 1250.5 }),
		]);
	});

	it('records written from another system carry its id in the external reference field', () => {
		const canonical = value(kantataToCanonical('workspace', { id: '41', title: 'Acme ERP Implementation', archived: false, currency: 'USD' }, env));
		const back = value(fromCanonical('Projects', canonical, {}));
		expect((back.record as IDataObject).ProjectID).toBeUndefined();
		expect(back.record).toMatchObject({ ProjectName: 'Acme ERP Implementation', ProjectType: 'TimeMaterial', Status: 'InProcess', [EXTERNAL_REFERENCE_FIELDS.Projects]: 'kantata:41' });
	});

	it('a worker is a resource keyed by personnel number; a project contract is a contract of its customer', () => {
		const worker = value(toCanonical('Workers', { PersonnelNumber: 'EMP-0003', Name: 'Oliver Hale', FirstName: 'Oliver', LastName: 'Hale', WorkerType: 'Employee', WorkerStatus: 'Employed', OriginalHireDateTime: '2022-09-01T00:00:00Z', Title: 'Consultant' }, env));
		expect(worker.resource).toEqual({ number: 'EMP-0003', name: { display: 'Oliver Hale', given: 'Oliver', family: 'Hale' }, title: 'Consultant', workerType: 'employee', employmentStatus: 'active', hireDate: '2022-09-01', costRates: [] });
		expect((worker.envelope as IDataObject).source).toMatchObject({ id: 'EMP-0003' });
		const contract = value(toCanonical('ProjectContracts', { dataAreaId: 'gbsi', ProjectContractID: 'PC-000102', ContractName: 'Umbrella Finance Transformation', CustomerAccount: 'SF-001A000004', CurrencyCode: 'GBP' }, env));
		expect(contract.contract).toMatchObject({ kind: 'contract', number: 'PC-000102', customer: { id: 'gbsi/SF-001A000004' }, currency: 'GBP', lines: [] });
	});
});
