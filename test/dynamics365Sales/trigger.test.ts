/**
 * The Dynamics 365 Sales trigger against the Dataverse sandbox: change tracking emits each change and each
 * delete exactly once across polls and restarts (static data persisted as JSON between them), wins are emitted
 * once, and a table without change tracking falls back to modifiedon polling.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Dynamics365SalesTrigger } from '../../nodes/Dynamics365Sales/Dynamics365SalesTrigger.node';
import { pollContext, useDataverseSandbox } from '../dataverse/helpers';

const suite = useDataverseSandbox();

/** One poll; the static data comes back as n8n would persist it (JSON round trip). */
async function poll(parameters: INodeParameters, staticData: IDataObject): Promise<{ items: IDataObject[]; staticData: IDataObject }> {
	const context = pollContext(suite, { parameters, staticData });
	const result = await new Dynamics365SalesTrigger().poll.call(context);
	return { items: (result?.[0] ?? []).map((item) => item.json), staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject };
}

describe('Dynamics 365 Sales trigger', () => {
	it('table changes: baseline first, then each change and each delete once, across a restart', async () => {
		const parameters = { event: 'tableChanges', resource: 'account', select: 'name,accountnumber' };
		const first = await poll(parameters, {});
		expect(first.items).toEqual([]);
		expect(first.staticData.deltaLink).toEqual(expect.stringContaining('$deltatoken='));

		const service = suite.sandbox.service;
		const created = await service.insert('accounts', { name: 'Initech', accountnumber: 'ACC-2001' });
		await service.update('accounts', { accountid: suite.sandbox.seeded.accounts['ACC-1004'] }, { name: 'Tailspin Energy LLC' });
		await service.remove('accounts', { accountid: suite.sandbox.seeded.accounts['ACC-1011'] });

		const second = await poll(parameters, first.staticData);
		expect(second.items.map((i) => [i.changeType, i.accountid]).sort()).toEqual(
			[
				['changed', created.accountid],
				['changed', suite.sandbox.seeded.accounts['ACC-1004']],
				['deleted', suite.sandbox.seeded.accounts['ACC-1011']],
			].sort(),
		);
		expect(second.items.find((i) => i.accountid === created.accountid)).toMatchObject({ name: 'Initech', accountnumber: 'ACC-2001', table: 'account' });

		// Nothing new: nothing emitted, the delete included.
		const third = await poll(parameters, second.staticData);
		expect(third.items).toEqual([]);
		// A restart: the persisted state only.
		const restarted = await poll(parameters, JSON.parse(JSON.stringify(third.staticData)) as IDataObject);
		expect(restarted.items).toEqual([]);
		await service.update('accounts', { accountid: created.accountid }, { telephone1: '+1 555 0100' });
		const after = await poll(parameters, restarted.staticData);
		expect(after.items.map((i) => i.accountid)).toEqual([created.accountid]);
	});

	it('a delta read twice (the state of before a poll) emits nothing the second time once its keys are kept', async () => {
		const parameters = { event: 'tableChanges', resource: 'contact' };
		const base = await poll(parameters, {});
		const baseLink = String(base.staticData.deltaLink);
		const contact = await suite.sandbox.service.insert('contacts', { firstname: 'Ana', lastname: 'Ruiz' });
		const once = await poll(parameters, base.staticData);
		expect(once.items.map((i) => i.contactid)).toEqual([contact.contactid]);
		// The same delta link again, but with the keys the first read kept (a poll whose delta link was not saved).
		const replay = await poll(parameters, { ...once.staticData, deltaLink: baseLink });
		expect(replay.items).toEqual([]);
	});

	it('an expired delta token: a new baseline, only rows changed since the last poll are emitted, marked resync', async () => {
		const parameters = { event: 'tableChanges', resource: 'account' };
		const base = await poll(parameters, {});
		const expiredLink = String(base.staticData.deltaLink);
		suite.sandbox.expireDeltaTokens();
		const changed = await suite.sandbox.service.update('accounts', { accountid: suite.sandbox.seeded.accounts['ACC-1002'] }, { telephone1: '+49 711 0000' });
		const next = await poll(parameters, base.staticData);
		expect(next.items).toHaveLength(1);
		expect(next.items[0]).toMatchObject({ accountid: changed.accountid, changeType: 'changed', resync: expect.stringContaining('expired') });
		expect(next.staticData.deltaLink).toEqual(expect.stringContaining('$deltatoken='));
		expect(next.staticData.deltaLink).not.toBe(expiredLink);
	});

	it('opportunity won: existing wins are the baseline; a new win is emitted once with its products; an edit after is not a new win', async () => {
		const parameters = { event: 'opportunityWon', output: 'canonical' };
		const base = await poll(parameters, {});
		expect(base.items).toEqual([]);
		const id = suite.sandbox.seeded.opportunities['OPP-2006'];
		await suite.sandbox.service.update('opportunities', { opportunityid: id }, { description: 'negotiating' });
		const notYet = await poll(parameters, base.staticData);
		expect(notYet.items).toEqual([]);

		// Won through the action, as Dataverse requires.
		const service = suite.sandbox.service;
		const closeResponse = await service.hooks.actions!.WinOpportunity({ request: undefined as never, service, inBatch: false, body: { OpportunityClose: { subject: 'Won', 'opportunityid@odata.bind': `/opportunities(${id})` }, Status: 3 } });
		expect(closeResponse.status).toBe(204);
		const won = await poll(parameters, notYet.staticData);
		expect(won.items).toHaveLength(1);
		const contract = won.items[0].contract as IDataObject;
		expect(contract).toMatchObject({ name: 'Adatum Case Management Discovery', status: 'won', totalValue: { amount: '52000.00', currency: 'USD' } });
		expect((contract.lines as IDataObject[]).map((l) => (l.amount as IDataObject).amount)).toEqual(['52000.00']);

		await service.update('opportunities', { opportunityid: id }, { description: 'kick-off booked' });
		const edited = await poll(parameters, won.staticData);
		expect(edited.items).toEqual([]);
		const restarted = await poll(parameters, JSON.parse(JSON.stringify(edited.staticData)) as IDataObject);
		expect(restarted.items).toEqual([]);
	});

	it('a table without change tracking falls back to modifiedon polling (no deletes), each change once', async () => {
		const parameters = { event: 'tableChanges', resource: 'quote' };
		const first = await poll(parameters, {});
		expect(first.staticData).toMatchObject({ mode: 'modifiedon', fallbackReason: expect.stringContaining('not enabled for change tracking') });
		const quote = await suite.sandbox.service.insert('quotes', { name: 'Quote Q-1', quotenumber: 'Q-1' });
		const second = await poll(parameters, first.staticData);
		expect(second.items.map((i) => i.quoteid)).toEqual([quote.quoteid]);
		const third = await poll(parameters, second.staticData);
		expect(third.items).toEqual([]);
		const tracking = suite.sandbox.requests.filter((r) => r.path.endsWith('/quotes') && /track-changes/.test(r.headers.prefer ?? ''));
		expect(tracking).toHaveLength(1);
		expect(tracking[0].status).toBe(400);
	});
});

describe('Dynamics 365 Sales trigger, table changes with Canonical output', () => {
	it('maps changed accounts to canonical customers; a delete comes out raw', async () => {
		const parameters = { event: 'tableChanges', resource: 'account', output: 'canonical' };
		const base = await poll(parameters, {});
		await suite.sandbox.service.update('accounts', { accountid: suite.sandbox.seeded.accounts['ACC-1009'] }, { name: 'Woodgrove Bank N.A.' });
		await suite.sandbox.service.remove('accounts', { accountid: suite.sandbox.seeded.accounts['ACC-1006'] });
		const next = await poll(parameters, base.staticData);
		const mapped = next.items.find((i) => i.customer);
		expect(mapped).toMatchObject({ customer: { name: 'Woodgrove Bank N.A.', number: 'ACC-1009', currency: 'USD' }, envelope: { source: { system: 'dataverse', object: 'account' } } });
		expect(next.items.find((i) => i.changeType === 'deleted')).toMatchObject({ accountid: suite.sandbox.seeded.accounts['ACC-1006'] });
		expect(next.items).toHaveLength(2);
	});
});

describe('Dynamics 365 Sales trigger in manual mode', () => {
	it('shows the latest won opportunity as a sample and leaves the state alone', async () => {
		const staticData: IDataObject = {};
		const context = pollContext(suite, { parameters: { event: 'opportunityWon' }, staticData, mode: 'manual' });
		const result = await new Dynamics365SalesTrigger().poll.call(context);
		const [sample] = (result?.[0] ?? []).map((item) => item.json);
		expect(sample).toMatchObject({ statecode: 1, product_opportunities: expect.any(Array), transactioncurrencyid: { isocurrencycode: 'USD' } });
		expect(staticData).toEqual({});
	});
});
