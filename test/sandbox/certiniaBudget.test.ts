/**
 * Certinia PSA's project budget (pse__Budget__c) in the Salesforce sandbox: its describe metadata as the org
 * gives it, and what PSA enforces on the writes a won-deal flow makes (Approved follows the status and enters
 * financials; an approved budget's amounts, type and project are frozen). Also the Opportunity field the flow
 * writes the PSA project id back to.
 */
import { createSalesforceSandbox, RecordError } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { describe as describeObject, objectDef } from '../../sandbox/salesforce/schema';

type Rec = Record<string, unknown>;
interface DescribedField {
	name: string;
	type: string;
	nillable: boolean;
	referenceTo: string[];
	precision: number;
	scale: number;
	externalId: boolean;
	picklistValues: Array<{ value: string }>;
}

describe('pse__Budget__c in the Salesforce sandbox', () => {
	let sandbox: SalesforceSandbox;
	beforeAll(() => {
		sandbox = createSalesforceSandbox({ latencyMs: 0 });
	});
	beforeEach(() => sandbox.reset());

	const org = () => sandbox.org;
	const state = () => org().snapshot() as Record<string, Rec[]>;
	const user = () => String(state().User[1].Id);
	const acme = () => String(state().pse__Proj__c.find((p) => p.External_Id__c === 'SF-006A000101')!.Id);
	const refusal = (work: () => unknown): { statusCode: string; message: string; fields: string[] } => {
		try {
			work();
		} catch (error) {
			if (error instanceof RecordError) return error.errors[0];
			throw error;
		}
		throw new Error('the write was accepted');
	};
	const budget = (extra: Rec = {}) =>
		org().insert('pse__Budget__c', { Name: 'Acme PO 4711', pse__Project__c: acme(), pse__Type__c: 'Customer Purchase Order', pse__Amount__c: 125000.55, pse__Effective_Date__c: '2026-01-12', ...extra }, user());

	it('is described as PSA describes it: currency amounts, the budget types and statuses, a required project and effective date, an external id', () => {
		const described = describeObject(objectDef('pse__Budget__c')!, 'v61.0') as { keyPrefix: string; fields: DescribedField[] };
		const field = (name: string) => described.fields.find((f) => f.name === name)!;
		expect(described.keyPrefix).toBe('a4V');
		expect(field('pse__Amount__c')).toMatchObject({ type: 'currency', precision: 18, scale: 2 });
		expect(field('pse__Project__c')).toMatchObject({ type: 'reference', nillable: false, referenceTo: ['pse__Proj__c'] });
		expect(field('pse__Effective_Date__c')).toMatchObject({ type: 'date', nillable: false });
		expect(field('pse__Type__c').picklistValues.map((v) => v.value)).toEqual(expect.arrayContaining(['Customer Purchase Order', 'Customer Purchase Order Change Request', 'Internal Budget', 'Vendor Purchase Order']));
		expect(field('pse__Status__c').picklistValues.map((v) => v.value)).toEqual(['Draft', 'Open', 'Approved', 'Rejected']);
		expect(field('pse__Approved__c').type).toBe('boolean');
		expect(field('External_Id__c').externalId).toBe(true);
		const project = describeObject(objectDef('pse__Proj__c')!, 'v61.0') as { childRelationships: Array<{ relationshipName: string; childSObject: string }> };
		expect(project.childRelationships).toContainEqual(expect.objectContaining({ relationshipName: 'pse__Budgets__r', childSObject: 'pse__Budget__c' }));
	});

	it('a budget needs its project and effective date', () => {
		expect(refusal(() => org().insert('pse__Budget__c', { Name: 'No project', pse__Amount__c: 1, pse__Effective_Date__c: '2026-01-12' }, user()))).toMatchObject({
			statusCode: 'REQUIRED_FIELD_MISSING',
			fields: ['pse__Project__c'],
		});
		expect(refusal(() => budget({ pse__Effective_Date__c: null }))).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['pse__Effective_Date__c'] });
	});

	it('a new budget is Draft, not approved and not in financials; approving it sets Approved and Include In Financials', () => {
		const id = budget();
		expect(org().byId(id)).toMatchObject({ pse__Status__c: 'Draft', pse__Approved__c: false, pse__Include_In_Financials__c: false, pse__Amount__c: 125000.55, CurrencyIsoCode: 'USD' });
		org().update('pse__Budget__c', id, { pse__Status__c: 'Approved' }, user());
		expect(org().byId(id)).toMatchObject({ pse__Status__c: 'Approved', pse__Approved__c: true, pse__Include_In_Financials__c: true });
	});

	it('an approved budget keeps its amount, type and project: a change is a further Change Request budget', () => {
		const id = budget({ pse__Status__c: 'Approved' });
		expect(refusal(() => org().update('pse__Budget__c', id, { pse__Amount__c: 130000 }, user()))).toMatchObject({
			statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
			fields: ['pse__Amount__c'],
			message: expect.stringMatching(/Change Request/),
		});
		// The same values again (a resent upsert) and fields outside the frozen set are accepted.
		org().update('pse__Budget__c', id, { pse__Amount__c: 125000.55, pse__Description__c: 'PO 4711 received' }, user());
		expect(org().byId(id)).toMatchObject({ pse__Amount__c: 125000.55, pse__Description__c: 'PO 4711 received' });
		const change = budget({ Name: 'Acme PO 4711 CR1', pse__Type__c: 'Customer Purchase Order Change Request', pse__Amount__c: 4999.45, pse__Status__c: 'Approved' });
		expect(org().byId(change)).toMatchObject({ pse__Approved__c: true });
	});

	it('Opportunity carries Certinia_Project_Id__c for the PSA project written back', () => {
		const field = objectDef('Opportunity')!.fields.find((f) => f.name === 'Certinia_Project_Id__c');
		expect(field).toMatchObject({ type: 'string', length: 18, updateable: true });
	});
});
