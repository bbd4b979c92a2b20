/**
 * SAP S/4HANA Cloud ⇄ canonical: OData v2 dates and decimal strings read exactly (money checked against the
 * currency's minor units, hours without float arithmetic), projects with their WBS, and journal entries that must
 * balance to the minor unit in both directions.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Problem } from '../../lib/canonical';
import { expenseCostMapper, fromCanonical, journalEntryMapper, sapDate, sapHours, sapMoney, toCanonical } from '../../nodes/SapS4HanaCloud/canonical';

const env = { environment: 'sandbox' as const, correlationId: 'c-1' };

function value(result: { ok: boolean; value?: unknown; problems: Problem[] }): IDataObject {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value as IDataObject;
}

describe('SAP S/4HANA Cloud canonical mappings', () => {
	it('reads SAP decimal text as exact money: scale padding dropped, real extra precision refused', () => {
		const problems: Problem[] = [];
		expect(sapMoney('4400.000', 'USD', 'p', problems)).toEqual({ amount: '4400.00', currency: 'USD' });
		expect(sapMoney('1500.000', 'JPY', 'p', problems)).toEqual({ amount: '1500', currency: 'JPY' });
		expect(sapMoney('12345678901234567.890', 'USD', 'p', problems)).toEqual({ amount: '12345678901234567.89', currency: 'USD' });
		expect(problems).toEqual([]);
		expect(sapMoney('10.005', 'USD', 'payload.NetAmount', problems)).toBeUndefined();
		expect(sapMoney(10.5, 'USD', 'payload.NetAmount', problems)).toBeUndefined();
		expect(problems.map((p) => p.path)).toEqual(['payload.NetAmount', 'payload.NetAmount']);
	});

	it('reads /Date(ms)/ and hours exactly', () => {
		const problems: Problem[] = [];
		expect(sapDate('/Date(1768262400000)/', 'p', problems)).toBe('2026-01-13');
		expect(sapHours('7.50', 'p', problems)).toBe('7.5');
		expect(sapHours('8.00', 'p', problems)).toBe('8');
		expect(problems).toEqual([]);
		expect(sapDate('2026-01-13', 'payload.TimeSheetDate', problems)).toBeUndefined();
		expect(problems[0].path).toBe('payload.TimeSheetDate');
	});

	it('maps a timesheet entry to a time entry with its person, WBS element and state', () => {
		const entry = {
			PersonWorkAgreementExternalID: 'EMP-0002', CompanyCode: '1710', TimeSheetRecord: '000000000007', TimeSheetDate: '/Date(1768262400000)/', TimeSheetStatus: '30',
			TimeSheetDataFields: { WBSElement: 'SF-006A000101-T1', RecordedHours: '7.50', TimeSheetNote: '[PSA-TE-1001] Stakeholder interviews' },
		};
		const out = value(toCanonical('TimeSheetEntryCollection', entry, env));
		expect(out.timeEntry).toMatchObject({ date: '2026-01-13', hours: '7.5', resource: { id: 'EMP-0002' }, task: { id: 'SF-006A000101-T1' }, approvalState: 'approved' });
		expect((out.envelope as IDataObject).source).toMatchObject({ system: 'sap', id: 'EMP-0002/1710/000000000007' });
		const bad = toCanonical('TimeSheetEntryCollection', { ...entry, TimeSheetDataFields: { ...entry.TimeSheetDataFields, RecordedHours: 7.5 } }, env);
		expect(bad.ok).toBe(false);
		expect(bad.problems.map((p) => p.path)).toContain('payload.TimeSheetDataFields.RecordedHours');
	});

	it('maps a business partner to a customer, blocked ones inactive', () => {
		const bp = { BusinessPartner: '10100004', BusinessPartnerCategory: '2', OrganizationBPName1: 'Tailspin Energy', BusinessPartnerIsBlocked: false };
		expect(value(toCanonical('A_BusinessPartner', bp, env)).customer).toMatchObject({ name: 'Tailspin Energy', number: '10100004', status: 'active', kind: 'company' });
		expect(value(toCanonical('A_BusinessPartner', { ...bp, BusinessPartnerIsBlocked: true }, env)).customer).toMatchObject({ status: 'inactive' });
	});

	it('turns a canonical journal entry into the Post payload and back, exact, and refuses an unbalanced one', () => {
		const posting = {
			reference: 'REV-006A000101-2026-01', companyCode: '1710', postingDate: '2026-01-31', headerText: 'Revenue 2026-01',
			lines: [
				{ glAccount: '21700000', amount: '10416.67', currency: 'USD', side: 'debit', text: 'Deferred' },
				{ glAccount: '41000000', amount: '10416.67', currency: 'USD', side: 'credit', text: 'Revenue', wbsElement: 'SF-006A000101-T1' },
			],
		};
		const canonical = toCanonical('JournalEntry', posting, env);
		const journal = value(canonical).journalEntry as IDataObject;
		expect(journal).toMatchObject({ number: 'REV-006A000101-2026-01', date: '2026-01-31', currency: 'USD', legalEntity: { id: '1710' } });
		expect(journal.lines).toEqual([
			{ lineId: '1', account: { id: '21700000' }, debit: { amount: '10416.67', currency: 'USD' }, memo: 'Deferred' },
			{ lineId: '2', account: { id: '41000000' }, credit: { amount: '10416.67', currency: 'USD' }, memo: 'Revenue', project: { id: 'SF-006A000101-T1' } },
		]);
		const back = fromCanonical('JournalEntry', canonical.value, {});
		expect(back.ok).toBe(true);
		expect((back.value as unknown as { record: IDataObject }).record).toEqual(posting);
		const unbalanced = JSON.parse(JSON.stringify(canonical.value)) as IDataObject;
		((unbalanced.journalEntry as IDataObject).lines as IDataObject[])[1].credit = { amount: '10416.66', currency: 'USD' };
		const refused = fromCanonical('JournalEntry', unbalanced, {});
		expect(refused.ok).toBe(false);
		expect(refused.problems.map((p) => p.path)).toContain('journalEntry.lines');
		// The mapper's own check, behind the schema's: the difference in minor units, named.
		const direct = journalEntryMapper.fromCanonical(unbalanced.journalEntry as IDataObject, { sourceSystem: 'revenueSchedule', sourceId: 'x', enterpriseId: 'e' });
		expect(direct.problems).toEqual([{ path: 'journalEntry.lines', reason: 'debits and credits differ by 0.01 USD; SAP posts only balanced journals' }]);
	});

	it('turns an expense into SAP project cost (debits on WBS elements, the total to employee clearing) and back, exact', () => {
		const posting = {
			reference: 'PSA-EX-2001', employee: 'EMP-0002', postingDate: '2026-01-12', headerText: 'PSA expense PSA-EX-2001',
			lines: [
				{ glAccount: '65000000', amount: '412.35', currency: 'USD', side: 'debit', text: 'Flight ORD-DTW', wbsElement: 'SF-006A000101-T1' },
				{ glAccount: '21100000', amount: '412.35', currency: 'USD', side: 'credit', text: 'Employee EMP-0002' },
			],
		};
		const canonical = toCanonical('ExpenseCost', posting, env);
		expect(value(canonical).expense).toMatchObject({ number: 'PSA-EX-2001', resource: { id: 'EMP-0002' }, total: { amount: '412.35', currency: 'USD' }, lines: [{ lineId: '1', amount: { amount: '412.35', currency: 'USD' }, task: { id: 'SF-006A000101-T1' }, category: { id: '65000000' } }] });
		const back = fromCanonical('ExpenseCost', canonical.value, {});
		expect((back.value as unknown as { record: IDataObject }).record).toEqual(posting);
		const data = JSON.parse(JSON.stringify((canonical.value as IDataObject).expense)) as IDataObject;
		data.total = { amount: '412.36', currency: 'USD' };
		expect(expenseCostMapper.fromCanonical(data, { sourceSystem: 'kantata', sourceId: '1', enterpriseId: 'e' }).problems).toEqual([{ path: 'expense.total', reason: 'is 412.36 but the lines sum to 412.35 USD' }]);
	});
});
