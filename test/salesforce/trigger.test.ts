import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { takeNew } from '../../nodes/Salesforce/helpers/poll';
import { SalesforceTrigger } from '../../nodes/Salesforce/SalesforceTrigger.node';
import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { pollContext } from './helpers';

type Rec = Record<string, unknown>;

describe('Salesforce trigger', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';
	let credentials: ICredentialDataDecryptedObject;
	const trigger = new SalesforceTrigger();

	beforeAll(async () => {
		sandbox = createSalesforceSandbox();
		baseUrl = await sandbox.start(0);
	});
	beforeEach(() => {
		sandbox.reset();
		credentials = salesforceSandboxCredentials(baseUrl);
	});
	afterAll(async () => await sandbox.stop());

	const state = () => sandbox.org.snapshot() as Record<string, Rec[]>;
	const userId = () => String(state().User[1].Id);

	async function poll(parameters: INodeParameters, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') {
		const context = pollContext({ parameters, credentials, staticData, mode });
		const result = await trigger.poll.call(context);
		return result ? result[0].map((item) => item.json) : null;
	}

	it('emits records updated since the last poll, once; a new SystemModstamp emits again', async () => {
		const parameters = { event: 'recordUpdated', resource: 'account', fields: 'Id, Name, SystemModstamp' };
		const staticData: IDataObject = {};
		// First activation: nothing in the last 15 minutes was touched (the seed is from October).
		expect(await poll(parameters, staticData)).toBeNull();
		expect(staticData.lastTimeChecked).toEqual(expect.any(String));

		const account = state().Account[2];
		sandbox.org.update('Account', String(account.Id), { Phone: '+1 212 555 0100' }, userId());
		const first = await poll(parameters, staticData);
		expect(first?.map((r) => r.Id)).toEqual([account.Id]);
		expect(first?.[0]).not.toHaveProperty('attributes');

		// Same records in the overlapping window: nothing new.
		expect(await poll(parameters, staticData)).toBeNull();

		sandbox.org.update('Account', String(account.Id), { Phone: '+1 212 555 0199' }, userId());
		const again = await poll(parameters, staticData);
		expect(again?.map((r) => r.Id)).toEqual([account.Id]);
		expect(again?.[0].SystemModstamp).not.toBe(first?.[0].SystemModstamp);

		// The window reached back by the safety margin: the query asked for SystemModstamp >= last poll − 15 min.
		const queries = sandbox.requests.filter((r) => r.path.endsWith('/query')).map((r) => new URLSearchParams(r.query).get('q')!);
		const lowerBound = /SystemModstamp >= (\S+Z)/.exec(queries[queries.length - 1])![1];
		expect(Date.parse(lowerBound)).toBeLessThanOrEqual(Date.parse(String(staticData.lastTimeChecked)) - 15 * 60_000 + 60_000);
		expect(queries.every((q) => q.includes('ORDER BY SystemModstamp ASC'))).toBe(true);
	});

	it('record created emits new records only, not later edits of them', async () => {
		const parameters = { event: 'recordCreated', resource: 'contract' };
		const staticData: IDataObject = {};
		await poll(parameters, staticData);
		const account = state().Account[4];
		const id = sandbox.org.insert('Contract', { AccountId: account.Id, StartDate: '2027-01-01', ContractTerm: 12 }, userId());
		expect((await poll(parameters, staticData))?.map((r) => r.Id)).toEqual([id]);
		sandbox.org.update('Contract', id, { Description: 'Signed copy received' }, userId());
		expect(await poll(parameters, staticData)).toBeNull();
	});

	it('opportunity reached Closed Won: emits once per win, with line items, not on later edits', async () => {
		const parameters = { event: 'opportunityStage', stageName: 'Closed Won', fields: 'Id, Name, StageName, Amount, NetSuite_Project_Id__c' };
		const staticData: IDataObject = {};
		expect(await poll(parameters, staticData)).toBeNull();
		const deal = state().Opportunity.find((o) => o.StageName === 'Negotiation/Review')!;
		const other = state().Opportunity.find((o) => o.StageName === 'Prospecting')!;
		sandbox.org.update('Opportunity', String(deal.Id), { StageName: 'Closed Won' }, userId());
		sandbox.org.update('Opportunity', String(other.Id), { StageName: 'Qualification' }, userId());
		const won = await poll(parameters, staticData);
		expect(won?.map((r) => r.Id)).toEqual([deal.Id]);
		expect(((won?.[0].OpportunityLineItems as IDataObject).records as unknown[]).length).toBeGreaterThan(0);

		// Writing the NetSuite project id back modifies the deal; it is not a new win.
		sandbox.org.update('Opportunity', String(deal.Id), { NetSuite_Project_Id__c: '5200' }, userId());
		expect(await poll(parameters, staticData)).toBeNull();

		// Reopened and won again: a new win.
		sandbox.org.update('Opportunity', String(deal.Id), { StageName: 'Negotiation/Review' }, userId());
		expect(await poll(parameters, staticData)).toBeNull();
		sandbox.org.update('Opportunity', String(deal.Id), { StageName: 'Closed Won' }, userId());
		expect((await poll(parameters, staticData))?.map((r) => r.Id)).toEqual([deal.Id]);
	});

	it('manual mode returns the latest matching record as a sample and leaves the state alone', async () => {
		const staticData: IDataObject = {};
		const sample = await poll({ event: 'opportunityStage', stageName: 'Closed Won' }, staticData, 'manual');
		expect(sample).toHaveLength(1);
		expect(sample?.[0].StageName).toBe('Closed Won');
		expect(staticData).toEqual({});
		const query = new URLSearchParams(sandbox.requests.find((r) => r.path.endsWith('/query'))!.query).get('q')!;
		expect(query).toContain("StageName = 'Closed Won'");
		expect(query).toContain('LIMIT 1');
	});

	it('keeps dedupe keys bounded: keys older than the window are dropped', () => {
		const state = { seen: { 'old:1': '2026-01-01T00:00:00.000+0000', 'recent:1': '2026-11-23T17:00:00.000+0000' } };
		const windowStart = Date.parse('2026-11-23T16:45:00Z');
		const fresh = takeNew('recordUpdated', [{ Id: 'new', SystemModstamp: '2026-11-23T17:10:00.000+0000' }], state, windowStart);
		expect(fresh).toHaveLength(1);
		expect(Object.keys(state.seen)).toEqual(['recent:1', 'new:2026-11-23T17:10:00.000+0000']);
	});

	it('stage names are escaped into the query', async () => {
		await poll({ event: 'opportunityStage', stageName: "Won' OR StageName != '" }, {});
		const query = new URLSearchParams(sandbox.requests.find((r) => r.path.endsWith('/query'))!.query).get('q')!;
		expect(query).toContain("StageName = 'Won\\' OR StageName != \\''");
		expect(sandbox.requests.find((r) => r.path.endsWith('/query'))!.status).toBe(200);
	});
});
