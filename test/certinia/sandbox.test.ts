/**
 * The pse__ objects in the Salesforce sandbox: what Certinia PSA's package enforces on the writes our flows
 * make (timecards, expenses, milestones, billing events), through the org as the REST API drives it.
 */
import { createSalesforceSandbox, RecordError } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';

type Rec = Record<string, unknown>;

describe('Certinia PSA in the Salesforce sandbox', () => {
	let sandbox: SalesforceSandbox;
	beforeAll(() => {
		sandbox = createSalesforceSandbox({ latencyMs: 0 });
	});
	beforeEach(() => sandbox.reset());

	const org = () => sandbox.org;
	const state = () => org().snapshot() as Record<string, Rec[]>;
	const user = () => String(state().User[1].Id);
	const byExt = (object: string, ext: string) => state()[object].find((r) => r.External_Id__c === ext)!;
	const refusal = (work: () => unknown): { statusCode: string; message: string; fields: string[] } => {
		try {
			work();
		} catch (error) {
			if (error instanceof RecordError) return error.errors[0];
			throw error;
		}
		throw new Error('the write was accepted');
	};
	const priya = () => String(byExt('Contact', 'EMP-0002').Id);
	const acme = () => String(byExt('pse__Proj__c', 'SF-006A000101').Id);
	const priyaOnAcme = () => String(byExt('pse__Assignment__c', 'SF-006A000101-EMP-0002').Id);
	const week = { pse__Start_Date__c: '2026-01-19', pse__End_Date__c: '2026-01-25' };
	const timecard = (extra: Rec = {}) => org().insert('pse__Timecard_Header__c', { pse__Resource__c: priya(), pse__Project__c: acme(), pse__Assignment__c: priyaOnAcme(), ...week, pse__Monday_Hours__c: 7.25, ...extra }, user());

	it('seeds the firm: resources, projects with tasks and milestones, assignments, approved time in financials', () => {
		const s = state();
		expect(s.Contact.filter((c) => c.pse__Is_Resource__c)).toHaveLength(3);
		expect(s.pse__Proj__c.map((p) => p.Name).sort()).toEqual(['Acme ERP Implementation', 'Umbrella Finance Transformation']);
		expect(s.pse__Project_Task__c).toHaveLength(5);
		expect(byExt('pse__Milestone__c', 'SF-006A000101-M1').pse__Milestone_Amount__c).toBe(25000);
		const approved = s.pse__Timecard_Header__c.filter((t) => t.pse__Status__c === 'Approved');
		expect(approved.map((t) => t.External_Id__c).sort()).toEqual(['PSA-TE-1001', 'PSA-TE-1002', 'PSA-TE-1003', 'PSA-TE-1005']);
		expect(approved.every((t) => t.pse__Approved__c === true && t.pse__Include_In_Financials__c === true)).toBe(true);
		expect(byExt('pse__Timecard_Header__c', 'PSA-TE-1002')).toMatchObject({ pse__Wednesday_Hours__c: 8.5, pse__Total_Hours__c: 8.5, pse__Start_Date__c: '2026-01-12' });
		expect(byExt('pse__Timecard_Header__c', 'PSA-TE-1004').pse__Status__c).toBe('Submitted');
		// PSA wrote one split per timecard, carrying its status.
		expect(s.pse__Timecard__c).toHaveLength(s.pse__Timecard_Header__c.length);
		expect(s.pse__Expense__c.every((e) => e.pse__Status__c === 'Approved')).toBe(true);
	});

	it('a timecard needs a resource and a project', () => {
		const error = refusal(() => org().insert('pse__Timecard_Header__c', { ...week, pse__Monday_Hours__c: 1 }, user()));
		expect(error).toMatchObject({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: ['pse__Resource__c', 'pse__Project__c'] });
	});

	it('a timecard needs an assignment unless the project allows time without one', () => {
		expect(refusal(() => timecard({ pse__Assignment__c: null }))).toMatchObject({ fields: ['pse__Assignment__c'], message: expect.stringMatching(/without an assignment/) });
		org().update('pse__Proj__c', acme(), { pse__Allow_Timecards_Without_Assignment__c: true }, user());
		expect(timecard({ pse__Assignment__c: null })).toMatch(/^a8D/);
	});

	it('an assignment closed for time entry, or of another resource, refuses the timecard', () => {
		org().update('pse__Assignment__c', priyaOnAcme(), { pse__Closed_for_Time_Entry__c: true }, user());
		expect(refusal(() => timecard())).toMatchObject({ fields: ['pse__Assignment__c'], message: expect.stringMatching(/closed for time entry/) });
		const dana = String(byExt('Contact', 'EMP-0001').Id);
		org().update('pse__Assignment__c', priyaOnAcme(), { pse__Closed_for_Time_Entry__c: false }, user());
		expect(refusal(() => timecard({ pse__Resource__c: dana }))).toMatchObject({ fields: ['pse__Assignment__c'], message: expect.stringMatching(/different resource/) });
	});

	it('a project closed for time entry refuses timecards', () => {
		org().update('pse__Proj__c', acme(), { pse__Closed_for_Time_Entry__c: true }, user());
		expect(refusal(() => timecard())).toMatchObject({ fields: ['pse__Project__c'] });
	});

	it('day hours are decimals with at most two places, 0 to 24; the week is seven days', () => {
		expect(refusal(() => timecard({ pse__Monday_Hours__c: 7.125 }))).toMatchObject({ fields: ['pse__Monday_Hours__c'] });
		expect(refusal(() => timecard({ pse__Monday_Hours__c: 24.5 }))).toMatchObject({ fields: ['pse__Monday_Hours__c'] });
		expect(refusal(() => timecard({ pse__End_Date__c: '2026-01-24' }))).toMatchObject({ fields: ['pse__End_Date__c'] });
		const id = timecard({ pse__Tuesday_Hours__c: '0.75' });
		expect(org().byId(id)).toMatchObject({ pse__Monday_Hours__c: 7.25, pse__Tuesday_Hours__c: 0.75, pse__Total_Hours__c: 8, pse__Status__c: 'Saved' });
	});

	it('status runs Saved → Submitted → Approved; approved hours are frozen; splits follow and cannot be written', () => {
		const id = timecard();
		expect(refusal(() => org().update('pse__Timecard_Header__c', id, { pse__Status__c: 'Approved' }, user()))).toMatchObject({ fields: ['pse__Status__c'] });
		org().update('pse__Timecard_Header__c', id, { pse__Status__c: 'Submitted' }, user());
		org().update('pse__Timecard_Header__c', id, { pse__Status__c: 'Approved' }, user());
		expect(org().byId(id)).toMatchObject({ pse__Submitted__c: true, pse__Approved__c: true, pse__Include_In_Financials__c: true });
		expect(refusal(() => org().update('pse__Timecard_Header__c', id, { pse__Monday_Hours__c: 8 }, user()))).toMatchObject({ message: expect.stringMatching(/approved timecard/) });
		const split = state().pse__Timecard__c.find((s) => s.pse__Timecard_Header__c === id)!;
		expect(split).toMatchObject({ pse__Status__c: 'Approved', pse__Monday_Hours__c: 7.25, pse__Approved_for_Billing__c: true });
		expect(refusal(() => org().insert('pse__Timecard__c', { pse__Timecard_Header__c: id }, user()))).toMatchObject({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });
		expect(refusal(() => org().insert('pse__Timecard_Header__c', { pse__Resource__c: priya(), pse__Project__c: acme(), pse__Assignment__c: priyaOnAcme(), ...week, pse__Status__c: 'Approved' }, user()))).toMatchObject({ fields: ['pse__Status__c'] });
	});

	it('approving an expense report approves its expenses; a milestone is approved only with an actual date', () => {
		const report = org().insert('pse__Expense_Report__c', { Name: 'Travel', pse__Resource__c: priya(), pse__Project__c: acme() }, user());
		const expense = org().insert('pse__Expense__c', { pse__Expense_Report__c: report, pse__Project__c: acme(), pse__Amount__c: '10.50', pse__Expense_Date__c: '2026-01-20' }, user());
		org().update('pse__Expense_Report__c', report, { pse__Status__c: 'Submitted' }, user());
		org().update('pse__Expense_Report__c', report, { pse__Status__c: 'Approved' }, user());
		expect(org().byId(expense)).toMatchObject({ pse__Status__c: 'Approved', pse__Approved__c: true, pse__Amount__c: 10.5 });
		const milestone = String(byExt('pse__Milestone__c', 'SF-006A000101-M1').Id);
		expect(refusal(() => org().update('pse__Milestone__c', milestone, { pse__Status__c: 'Approved' }, user()))).toMatchObject({ fields: ['pse__Actual_Date__c'] });
		org().update('pse__Milestone__c', milestone, { pse__Status__c: 'Approved', pse__Actual_Date__c: '2026-06-30' }, user());
		expect(org().byId(milestone)).toMatchObject({ pse__Approved__c: true, pse__Include_In_Financials__c: true });
	});

	it('only a released billing event takes an invoice number', () => {
		const released = String(state().pse__Billing_Event__c[0].Id);
		expect(state().pse__Billing_Event__c[0].pse__Summary_Amount__c).toBe(470.55);
		const unreleased = org().insert('pse__Billing_Event__c', { pse__Project__c: acme(), pse__Date__c: '2026-02-28' }, user());
		expect(refusal(() => org().update('pse__Billing_Event__c', unreleased, { pse__Invoice_Number__c: 'INV-1', pse__Invoiced__c: true }, user()))).toMatchObject({ fields: ['pse__Invoiced__c'] });
		org().update('pse__Billing_Event__c', released, { pse__Invoice_Number__c: 'INV-1', pse__Invoice_Date__c: '2026-02-01', pse__Invoiced__c: true }, user());
		expect(org().byId(released)).toMatchObject({ pse__Invoiced__c: true, pse__Invoice_Number__c: 'INV-1' });
	});

	it('an empty org has no PSA records', () => {
		const empty = createSalesforceSandbox({ empty: true, latencyMs: 0 });
		const s = empty.org.snapshot() as Record<string, Rec[]>;
		expect(s.pse__Proj__c).toHaveLength(0);
		expect(s.Contact).toHaveLength(0);
	});
});
