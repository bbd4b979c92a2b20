/**
 * The Salesforce node's and trigger's Output: Raw | Canonical option, in n8n-core against the Salesforce
 * sandbox (a single-currency org: records carry no CurrencyIsoCode).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { enterpriseIdFor, validateCanonical } from '../../lib/canonical';
import { RESOURCES } from '../../nodes/Salesforce/helpers/objects';
import { SalesforceTrigger } from '../../nodes/Salesforce/SalesforceTrigger.node';
import { isCanonicalException } from '../../nodes/shared/canonicalOutput';
import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { shutdownN8nCore } from '../helpers/harness';
import { pollContext, runSalesforceNode } from './helpers';

type Rec = Record<string, any>;

const CANONICAL = { output: 'canonical', canonicalEnvironment: 'sandbox', canonicalOptions: { defaultCurrency: 'USD' } };

describe('Salesforce Output: Raw | Canonical', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';
	let credentials: ICredentialDataDecryptedObject;

	beforeAll(async () => {
		sandbox = createSalesforceSandbox();
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
	const userId = () => String(state().User[1].Id);
	const queries = () => sandbox.requests.filter((r) => r.path.endsWith('/query')).map((r) => new URLSearchParams(r.query).get('q')!);

	async function run(parameters: INodeParameters, items: IDataObject[] = [{ correlationId: 'sf-run-1' }], continueOnFail = false) {
		const result = await runSalesforceNode({ credentials, parameters, items, continueOnFail });
		expect(result.error).toBeUndefined();
		return result.output('Salesforce');
	}

	it('Raw output is unchanged: the same records with or without the Output parameter, no envelope', async () => {
		const base = { resource: 'opportunity', operation: 'getMany', returnAll: true };
		const without = await run(base);
		const raw = await run({ ...base, output: 'raw' });
		expect(raw).toEqual(without);
		expect(raw.length).toBe(state().Opportunity.length);
		for (const record of raw) {
			expect(record).not.toHaveProperty('envelope');
			expect(record).toMatchObject({ Id: expect.any(String), correlationId: 'sf-run-1' });
		}
		// Raw reads the standard default fields only, as before.
		expect(queries()[0]).toContain(`SELECT ${RESOURCES.opportunity.defaultFields.join(', ')}, (SELECT`);
	});

	it('Canonical getMany: every opportunity a valid canonical contract with its lines, the item’s correlation id and its enterprise id', async () => {
		const parameters = { resource: 'opportunity', operation: 'getMany', returnAll: true, ...CANONICAL };
		const out = await run(parameters);
		const opportunities = state().Opportunity;
		expect(out).toHaveLength(opportunities.length);
		for (const record of out) {
			expect(validateCanonical('contract', record, { unknownFields: 'strict' }).problems).toEqual([]);
			const id = (record.envelope as Rec).source.id as string;
			expect(record.envelope).toMatchObject({
				entity: 'contract',
				correlationId: 'sf-run-1',
				enterpriseId: enterpriseIdFor('contract', 'salesforce', id),
				source: { system: 'salesforce', environment: 'sandbox', object: 'Opportunity' },
			});
			const lines = state().OpportunityLineItem.filter((line) => line.OpportunityId === id);
			expect(((record.contract as Rec).lines ?? []).map((line: Rec) => line.lineId).sort()).toEqual(lines.map((line) => line.Id).sort());
			expect((record.contract as Rec).customer.name).toBe(state().Account.find((a) => a.Id === opportunities.find((o) => o.Id === id)!.AccountId)!.Name);
		}
		expect(out.map((record) => (record.envelope as Rec).source.id).sort()).toEqual(opportunities.map((o) => o.Id).sort());
		// Fields empty: Canonical read asked for the mapped fields the org has, beyond the standard defaults.
		expect(queries()[0]).toMatch(/\bDescription\b/);
		expect(queries()[0]).toContain('Account.Name');
		expect(queries()[0]).not.toContain('CurrencyIsoCode');
	});

	it('Canonical idempotency keys are stable across runs and change when the deal’s content changes', async () => {
		const parameters = { resource: 'opportunity', operation: 'getMany', returnAll: true, ...CANONICAL };
		const keys = (records: IDataObject[]) => Object.fromEntries(records.map((r) => [(r.envelope as Rec).source.id, (r.envelope as Rec).idempotencyKey]));
		const first = keys(await run(parameters));
		const second = keys(await run(parameters, [{ correlationId: 'sf-run-2' }]));
		expect(second).toEqual(first);
		const deal = state().Opportunity[0];
		sandbox.org.update('Opportunity', String(deal.Id), { CloseDate: '2027-03-31' }, userId());
		const third = keys(await run(parameters));
		expect(third[deal.Id]).not.toBe(first[deal.Id]);
		expect(Object.entries(third).filter(([id, key]) => first[id] !== key).map(([id]) => id)).toEqual([deal.Id]);
	});

	it('Canonical get of an account reads it through REST and maps fields the default list leaves out', async () => {
		const id = sandbox.org.insert('Account', { Name: 'Canonical Test Ltd', BillingStreet: '1 Main St\nFloor 2', BillingCity: 'Leeds', Description: 'New' }, userId());
		const [record] = await run({ resource: 'account', operation: 'get', recordId: id, ...CANONICAL, canonicalEnvironment: 'production' });
		expect(validateCanonical('customer', record).problems).toEqual([]);
		expect(record.envelope).toMatchObject({ source: { id, environment: 'production' }, correlationId: 'sf-run-1' });
		expect(record.customer).toMatchObject({ name: 'Canonical Test Ltd', billingAddress: { line1: '1 Main St', line2: 'Floor 2', city: 'Leeds' }, description: 'New' });
	});

	it('Canonical get of an opportunity with lines (SOQL path) maps the lines', async () => {
		const deal = state().Opportunity.find((o) => state().OpportunityLineItem.some((line) => line.OpportunityId === o.Id))!;
		const [record] = await run({ resource: 'opportunity', operation: 'get', recordId: deal.Id, ...CANONICAL });
		expect(validateCanonical('contract', record).problems).toEqual([]);
		const lines = state().OpportunityLineItem.filter((line) => line.OpportunityId === deal.Id);
		expect((record.contract as Rec).lines).toHaveLength(lines.length);
	});

	it('an unmappable record is kept: raw payload, correlation id and the field path of the problem', async () => {
		// Single-currency org and no Default Currency: an opportunity's amount has no currency.
		const parameters = { resource: 'opportunity', operation: 'getMany', returnAll: true, output: 'canonical' };
		const out = await run(parameters);
		const raw = await run({ resource: 'opportunity', operation: 'getMany', returnAll: true });
		expect(out).toHaveLength(raw.length);
		for (const [index, record] of out.entries()) {
			expect(isCanonicalException(record)).toBe(true);
			const { correlationId: _c, ...payload } = raw[index];
			void _c;
			expect(record).toMatchObject({ correlationId: 'sf-run-1', mapping: 'salesforce:Opportunity', payload: { Id: payload.Id, Name: payload.Name } });
			expect((record.problems as Rec[]).map((problem) => problem.path)).toContain('payload.CurrencyIsoCode');
		}
	});

	it('Fields the user names are read as named in Canonical output too; strict names the unmapped custom field', async () => {
		const fields = 'Id, Name, NetSuite_Customer_Id__c';
		const out = await run({ resource: 'account', operation: 'getMany', returnAll: true, fields, ...CANONICAL, canonicalOptions: { unknownFields: 'strict' } });
		expect(queries()[0]).toMatch(/^SELECT Id, Name, NetSuite_Customer_Id__c FROM Account/);
		// Every account comes out (the custom field is on each, set or null), each naming the field it cannot map.
		expect(out.length).toBe(state().Account.length);
		for (const record of out) {
			expect(isCanonicalException(record)).toBe(true);
			expect(record.problems).toEqual([expect.objectContaining({ path: 'payload.NetSuite_Customer_Id__c' })]);
		}
		const lenient = await run({ resource: 'account', operation: 'getMany', returnAll: true, fields, ...CANONICAL });
		expect(lenient.filter((record) => isCanonicalException(record))).toEqual([]);
	});

	describe('trigger', () => {
		const trigger = new SalesforceTrigger();
		async function poll(parameters: INodeParameters, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') {
			const context = pollContext({ parameters, credentials, staticData, mode });
			const result = await trigger.poll.call(context);
			return result ? result[0].map((item) => item.json) : null;
		}

		it('Raw: records as before, without attributes or envelope', async () => {
			const [sample] = (await poll({ event: 'opportunityStage', stageName: 'Closed Won' }, {}, 'manual'))!;
			expect(sample).not.toHaveProperty('envelope');
			expect(sample).not.toHaveProperty('attributes');
			expect(sample.StageName).toBe('Closed Won');
		});

		it('Canonical: each emitted record a valid canonical record with its own correlation id', async () => {
			const parameters = { event: 'recordUpdated', resource: 'account', ...CANONICAL };
			const staticData: IDataObject = {};
			expect(await poll(parameters, staticData)).toBeNull();
			const [a, b] = state().Account;
			sandbox.org.update('Account', String(a.Id), { Phone: '+1 212 555 0100' }, userId());
			sandbox.org.update('Account', String(b.Id), { Phone: '+1 212 555 0101' }, userId());
			const emitted = (await poll(parameters, staticData))!;
			expect(emitted.map((record) => (record.envelope as Rec).source.id).sort()).toEqual([a.Id, b.Id].sort());
			for (const record of emitted) {
				expect(validateCanonical('customer', record, { unknownFields: 'strict' }).problems).toEqual([]);
				expect((record.envelope as Rec).correlationId).toMatch(/^[0-9a-f-]{36}$/);
			}
			expect((emitted[0].envelope as Rec).correlationId).not.toBe((emitted[1].envelope as Rec).correlationId);
		});

		it('Canonical: a won deal without a currency is emitted as an exception record, not dropped', async () => {
			const emitted = (await poll({ event: 'opportunityStage', stageName: 'Closed Won', output: 'canonical' }, {}, 'manual'))!;
			expect(emitted).toHaveLength(1);
			expect(emitted[0]).toMatchObject({ payload: { StageName: 'Closed Won' }, mapping: 'salesforce:Opportunity' });
			expect((emitted[0].problems as Rec[]).map((problem) => problem.path)).toContain('payload.CurrencyIsoCode');
		});
	});
});
