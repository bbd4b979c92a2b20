/**
 * The Certinia node through n8n-core against the Salesforce sandbox's pse__ objects: reads with escaped SOQL,
 * writes, upserts that a lost answer cannot duplicate, batch upserts paired to their items, and PSA's domain
 * steps (submit / approve timecards and expense reports, complete milestones, record the ERP invoice).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { shutdownN8nCore } from '../helpers/harness';
import { runCertiniaNode } from './helpers';

type Rec = Record<string, unknown>;

describe('Certinia node against the sandbox', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';
	let credentials: ICredentialDataDecryptedObject;

	beforeAll(async () => {
		sandbox = createSalesforceSandbox({ latencyMs: 0 });
		baseUrl = await sandbox.start(0);
	});
	beforeEach(() => {
		sandbox.reset();
		credentials = salesforceSandboxCredentials(baseUrl);
	});
	afterAll(async () => {
		await sandbox.stop();
		await shutdownN8nCore();
	});

	const state = () => sandbox.org.snapshot() as Record<string, Rec[]>;
	const byExt = (object: string, ext: string) => state()[object].find((r) => r.External_Id__c === ext)!;
	const queries = () => sandbox.requests.filter((r) => r.path.endsWith('/query')).map((r) => new URLSearchParams(r.query).get('q')!);

	it('gets approved timecards with a SOQL built from conditions (values escaped and typed by describe)', async () => {
		const result = await runCertiniaNode({
			credentials,
			parameters: {
				resource: 'timecard',
				operation: 'getMany',
				fields: ['Id', 'External_Id__c', 'pse__Total_Hours__c', 'pse__Status__c'],
				conditions: { condition: [{ field: 'pse__Status__c', operator: 'equal', value: 'Approved' }, { field: 'pse__Billable__c', operator: 'equal', value: 'true' }] },
				returnAll: true,
			},
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Certinia');
		expect(out.map((r) => r.External_Id__c).sort()).toEqual(['PSA-TE-1001', 'PSA-TE-1002', 'PSA-TE-1003', 'PSA-TE-1005']);
		expect(out[0]).not.toHaveProperty('attributes');
		expect(queries().pop()).toBe(
			"SELECT Id, External_Id__c, pse__Total_Hours__c, pse__Status__c FROM pse__Timecard_Header__c WHERE pse__Status__c = 'Approved' AND pse__Billable__c = true ORDER BY Id ASC",
		);

		const injected = await runCertiniaNode({
			credentials,
			parameters: { resource: 'project', operation: 'getMany', conditions: { condition: [{ field: 'Name', operator: 'equal', value: "x' OR Name != '" }] }, returnAll: true },
		});
		expect(injected.output('Certinia')).toHaveLength(0);
		expect(queries().pop()).toContain("Name = 'x\\' OR Name != \\''");
	});

	it('reads resources as Contacts flagged pse__Is_Resource__c', async () => {
		const result = await runCertiniaNode({ credentials, parameters: { resource: 'resource', operation: 'getMany', returnAll: true } });
		expect(result.output('Certinia').map((r) => r.Name).sort()).toEqual(['Dana Whitfield', 'Oliver Hale', 'Priya Raman']);
		expect(queries().pop()).toMatch(/FROM Contact WHERE pse__Is_Resource__c = true/);
	});

	it('upserts a project by external id twice: one record, created then updated', async () => {
		const run = (name: string) =>
			runCertiniaNode({
				credentials,
				parameters: {
					resource: 'project',
					operation: 'upsert',
					externalIdField: { mode: 'name', value: 'External_Id__c' },
					externalIdValue: 'OPP-2002',
					bodyMode: 'json',
					bodyJson: JSON.stringify({ Name: name, pse__Start_Date__c: '2026-11-02', pse__Is_Active__c: true }),
				},
			});
		expect((await run('Contoso SAP Rollout Advisory')).output('Certinia')[0]).toMatchObject({ created: true, success: true });
		expect((await run('Contoso SAP Rollout Advisory (renamed)')).output('Certinia')[0]).toMatchObject({ created: false, success: true });
		const projects = state().pse__Proj__c.filter((p) => p.External_Id__c === 'OPP-2002');
		expect(projects).toHaveLength(1);
		expect(projects[0].Name).toBe('Contoso SAP Rollout Advisory (renamed)');
	});

	it('a create-or-update whose answer is lost after commit is resent and makes no second record', async () => {
		sandbox.addFault({ kind: 'lostResponse', method: 'PATCH', path: 'pse__Proj__c/External_Id__c/' });
		const result = await runCertiniaNode({
			credentials,
			parameters: {
				resource: 'project',
				operation: 'upsert',
				externalIdField: { mode: 'name', value: 'External_Id__c' },
				externalIdValue: 'OPP-2003',
				bodyMode: 'json',
				bodyJson: JSON.stringify({ Name: 'Fabrikam Risk Platform Assessment' }),
			},
		});
		expect(result.error).toBeUndefined();
		const patches = sandbox.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/pse__Proj__c/External_Id__c/OPP-2003'));
		expect(patches.map((r) => r.fault ?? 'answered')).toEqual(['lostResponse', 'answered']);
		expect(state().pse__Proj__c.filter((p) => p.External_Id__c === 'OPP-2003')).toHaveLength(1);
		expect(result.output('Certinia')[0]).toMatchObject({ success: true, created: false });
	});

	it('batch upserts WBS tasks through sObject Collections; a bad record fails alone, paired to its item', async () => {
		const project = String(byExt('pse__Proj__c', 'SF-006A000101').Id);
		const result = await runCertiniaNode({
			credentials,
			continueOnFail: true,
			items: [
				{ ext: 'SF-006A000101-T4', name: 'Hypercare', start: '2026-07-01T09:00:00Z' },
				{ ext: 'SF-006A000101-T5', name: 'Training', start: 'not a date' },
			],
			parameters: {
				resource: 'projectTask',
				operation: 'batchUpsert',
				externalIdField: { mode: 'name', value: 'External_Id__c' },
				externalIdValue: '={{ $json.ext }}',
				bodyMode: 'json',
				bodyJson: `={{ JSON.stringify({ Name: $json.name, pse__Project__c: '${project}', pse__Start_Date_Time__c: $json.start }) }}`,
			},
		});
		const out = result.output('Certinia');
		expect(out[0]).toMatchObject({ success: true, created: true, externalId: 'SF-006A000101-T4' });
		expect(out[1]).toMatchObject({ success: false, fields: ['pse__Start_Date_Time__c'] });
		expect(sandbox.requests.filter((r) => r.path.includes('/composite/sobjects/pse__Project_Task__c/External_Id__c'))).toHaveLength(1);
	});

	it('submits and approves a timecard; refuses to approve a saved one with PSA\'s error and field', async () => {
		const saved = String(byExt('pse__Timecard_Header__c', 'PSA-TE-1007').Id);
		const skipped = await runCertiniaNode({ credentials, continueOnFail: true, parameters: { resource: 'timecard', operation: 'approve', recordId: { mode: 'id', value: saved } } });
		expect(String(skipped.output('Certinia')[0].error)).toMatch(/FIELD_CUSTOM_VALIDATION_EXCEPTION.*Saved to Approved/);
		for (const operation of ['submit', 'approve']) {
			const result = await runCertiniaNode({ credentials, parameters: { resource: 'timecard', operation, recordId: { mode: 'id', value: saved } } });
			expect(result.error).toBeUndefined();
		}
		expect(sandbox.org.byId(saved)).toMatchObject({ pse__Status__c: 'Approved', pse__Approved__c: true, pse__Include_In_Financials__c: true });
	});

	it('completes a milestone and writes the ERP invoice number back onto a released billing event', async () => {
		const milestone = String(byExt('pse__Milestone__c', 'SF-006A000102-M1').Id);
		const completed = await runCertiniaNode({ credentials, parameters: { resource: 'milestone', operation: 'complete', recordId: { mode: 'id', value: milestone }, actualDate: '2026-03-27' } });
		expect(completed.error).toBeUndefined();
		expect(sandbox.org.byId(milestone)).toMatchObject({ pse__Status__c: 'Approved', pse__Actual_Date__c: '2026-03-27', pse__Approved_for_Billing__c: true });

		const event = String(state().pse__Billing_Event__c[0].Id);
		const invoiced = await runCertiniaNode({ credentials, parameters: { resource: 'billingEvent', operation: 'recordInvoice', recordId: { mode: 'id', value: event }, invoiceNumber: 'INV-10042', invoiceDate: '2026-02-02' } });
		expect(invoiced.output('Certinia')[0]).toMatchObject({ success: true, pse__Invoice_Number__c: 'INV-10042', pse__Invoiced__c: true });
		expect(sandbox.org.byId(event)).toMatchObject({ pse__Invoice_Number__c: 'INV-10042', pse__Invoice_Date__c: '2026-02-02', pse__Invoiced__c: true });
	});

	it('timecard splits are read-only: a write is refused before any request', async () => {
		const before = sandbox.requests.length;
		const result = await runCertiniaNode({ credentials, continueOnFail: true, parameters: { resource: 'timecardSplit', operation: 'create', bodyMode: 'json', bodyJson: '{}' } });
		expect(result.error ?? '').toMatch(/written by PSA/);
		expect(sandbox.requests.slice(before).filter((r) => r.path.includes('/sobjects/'))).toHaveLength(0);
	});
});
