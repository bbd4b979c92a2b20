/**
 * The Certinia node's Budget resource (pse__Budget__c) against the Salesforce sandbox: offered with the write
 * operations of every writable pse__ object, created or updated by external id (one budget per key however
 * often it is sent, the amount to the cent), read back with SOQL, and PSA's refusal of a change to an approved
 * budget reported with the field named.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Certinia } from '../../../nodes/Certinia/Certinia.node';
import { runCertiniaNode, useCertiniaSandbox } from '../../certinia/helpers';

type Rec = Record<string, unknown>;

describe('Certinia node: budgets', () => {
	const suite = useCertiniaSandbox();

	const state = () => suite.sandbox.org.snapshot() as Record<string, Rec[]>;
	const acme = () => String(state().pse__Proj__c.find((p) => p.External_Id__c === 'SF-006A000101')!.Id);
	const upsertBudget = (amount: number, extra: Rec = {}) =>
		runCertiniaNode({
			credentials: suite.credentials,
			continueOnFail: true,
			parameters: {
				resource: 'budget',
				operation: 'upsert',
				externalIdField: { mode: 'name', value: 'External_Id__c' },
				externalIdValue: 'OPP-2002-PO',
				bodyMode: 'json',
				bodyJson: JSON.stringify({ Name: 'Contoso PO', pse__Project__c: acme(), pse__Type__c: 'Customer Purchase Order', pse__Status__c: 'Approved', pse__Amount__c: amount, pse__Effective_Date__c: '2026-10-20', ...extra }),
			},
		});

	it('offers Budget with create, create or update, batch upsert, update, get and get many', () => {
		const operation = new Certinia().description.properties.find(
			(p: INodeProperties) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes('budget'),
		)!;
		expect((operation.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(['batchUpsert', 'create', 'get', 'getMany', 'update', 'upsert']);
		const resource = new Certinia().description.properties.find((p: INodeProperties) => p.name === 'resource')!;
		expect((resource.options as Array<{ value: string; name: string }>).find((o) => o.value === 'budget')?.name).toBe('Budget');
	});

	it('creates or updates a budget by external id: sent twice, one approved budget with the amount to the cent', async () => {
		const first = await upsertBudget(93000.07);
		expect(first.output('Certinia')[0]).toMatchObject({ success: true, created: true });
		const second = await upsertBudget(93000.07);
		expect(second.output('Certinia')[0]).toMatchObject({ success: true, created: false });
		const budgets = state().pse__Budget__c.filter((b) => b.External_Id__c === 'OPP-2002-PO');
		expect(budgets).toHaveLength(1);
		expect(budgets[0]).toMatchObject({ pse__Amount__c: 93000.07, pse__Approved__c: true, pse__Include_In_Financials__c: true, pse__Project__c: acme() });
		expect(suite.sandbox.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('/sobjects/pse__Budget__c/External_Id__c/OPP-2002-PO'))).toHaveLength(2);

		const read = await runCertiniaNode({
			credentials: suite.credentials,
			parameters: { resource: 'budget', operation: 'getMany', conditions: { condition: [{ field: 'pse__Project__c', operator: 'equal', value: acme() }] }, returnAll: true },
		});
		expect(read.output('Certinia')).toEqual([expect.objectContaining({ Name: 'Contoso PO', pse__Type__c: 'Customer Purchase Order', pse__Amount__c: 93000.07, pse__Status__c: 'Approved' })]);
	});

	it('a changed amount on an approved budget comes back refused by PSA with pse__Amount__c named', async () => {
		await upsertBudget(93000.07);
		const changed = await upsertBudget(94000);
		expect(changed.output('Certinia')[0]).toMatchObject({ error: expect.stringMatching(/FIELD_CUSTOM_VALIDATION_EXCEPTION.*Change Request/) });
		expect(JSON.stringify(changed.output('Certinia')[0])).toContain('pse__Amount__c');
		expect(state().pse__Budget__c.find((b) => b.External_Id__c === 'OPP-2002-PO')!.pse__Amount__c).toBe(93000.07);
	});
});
