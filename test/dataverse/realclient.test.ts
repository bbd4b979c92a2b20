/**
 * A widely used third-party Dataverse client, dynamics-web-api 2.5, against the sandbox: what it sends (OData
 * headers, Prefer, key predicates, $batch multipart, If-None-Match, track-changes) and what it expects back
 * (204 + OData-EntityId, annotations, nextLink paging, delta links, the error body) must line up.
 */
import { DynamicsWebApi } from 'dynamics-web-api';

import { useDataverseSandbox } from './helpers';

const suite = useDataverseSandbox();

function client(token: string) {
	return new DynamicsWebApi({ serverUrl: `${suite.baseUrl}/`, dataApi: { version: '9.2' }, onTokenRefresh: async () => token });
}

describe('dynamics-web-api against the Dataverse sandbox', () => {
	it('WhoAmI, retrieveAll paged by maxPageSize, retrieve with formatted values', async () => {
		const api = client(await suite.token());
		const me = await api.callFunction<{ UserId: string }>({ name: 'WhoAmI' });
		expect(me.UserId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
		const all = await api.retrieveAll<{ name: string }>({ collection: 'accounts', select: ['name', 'accountnumber'], maxPageSize: 5 });
		expect(all.value.length).toBe(suite.sandbox.service.records('accounts').length);
		const pages = suite.sandbox.requests.filter((r) => r.path.endsWith('/accounts'));
		expect(pages.length).toBeGreaterThan(2);
		expect(pages.slice(1).every((r) => r.query.includes('$skiptoken='))).toBe(true);
		const won = await api.retrieve<Record<string, unknown>>({ collection: 'opportunities', key: suite.sandbox.seeded.opportunities['OPP-2003'], select: ['name', 'statecode', 'estimatedvalue'], includeAnnotations: 'OData.Community.Display.V1.FormattedValue' });
		expect(won.statecode).toBe(1);
		// dynamics-web-api turns the annotation into its own `<field>@…` / `<field>_Formatted` names; either way it read it.
		expect(JSON.stringify(won)).toContain('Won');
	});

	it('create (204 + OData-EntityId → id), upsert by alternate key with If-None-Match, update, delete', async () => {
		const api = client(await suite.token());
		const id = await api.create({ collection: 'accounts', data: { name: 'Real Client Ltd', accountnumber: 'ACC-7001' } });
		expect(typeof id === 'string' ? id : '').toMatch(/^[0-9a-f-]{36}$/);
		const upserted = await api.upsert({ collection: 'accounts', key: "accountnumber='ACC-7002'", data: { name: 'Upserted Ltd' }, returnRepresentation: true });
		expect(upserted).toMatchObject({ name: 'Upserted Ltd', accountnumber: 'ACC-7002' });
		await expect(api.upsert({ collection: 'accounts', key: "accountnumber='ACC-7002'", data: { name: 'Again' }, ifnonematch: '*' })).resolves.toBeNull();
		expect(suite.sandbox.service.records('accounts').find((a) => a.accountnumber === 'ACC-7002')?.name).toBe('Upserted Ltd');
		await api.update({ collection: 'accounts', key: String(id), data: { telephone1: '+1 555 0199' } });
		expect(suite.sandbox.service.get('accounts', { accountid: String(id) })?.telephone1).toBe('+1 555 0199');
		await api.deleteRecord({ collection: 'accounts', key: String(id) });
		expect(suite.sandbox.service.get('accounts', { accountid: String(id) })).toBeUndefined();
	});

	it('a $batch with a changeset of two creates, the second referencing the first by Content-ID', async () => {
		const api = client(await suite.token());
		api.startBatch();
		api.create({ collection: 'accounts', data: { name: 'Batch Parent', accountnumber: 'ACC-7100' }, contentId: '1' });
		api.create({ collection: 'contacts', data: { lastname: 'Batch Child', 'parentcustomerid_account@odata.bind': '$1' } });
		const responses = await api.executeBatch();
		expect(responses).toHaveLength(2);
		const parent = suite.sandbox.service.records('accounts').find((a) => a.accountnumber === 'ACC-7100')!;
		expect(suite.sandbox.service.records('contacts').find((c) => c.lastname === 'Batch Child')?._parentcustomerid_value).toBe(parent.accountid);
	});

	it('change tracking: trackChanges gives a delta link; the delta link returns a change and a delete', async () => {
		const api = client(await suite.token());
		const first = await api.retrieveAll<{ accountid: string }>({ collection: 'accounts', select: ['name'], trackChanges: true, maxPageSize: 50 });
		expect(first.oDataDeltaLink).toEqual(expect.stringContaining('$deltatoken='));
		await suite.sandbox.service.update('accounts', { accountid: suite.sandbox.seeded.accounts['ACC-1001'] }, { name: 'Northwind Health' });
		await suite.sandbox.service.remove('accounts', { accountid: suite.sandbox.seeded.accounts['ACC-1012'] });
		const delta = await api.retrieveMultiple<Record<string, unknown>>({ collection: 'accounts' }, first.oDataDeltaLink);
		expect(delta.value.map((row) => row.name ?? row.reason).sort()).toEqual(['Northwind Health', 'deleted']);
	});

	it('errors come back in the Dataverse shape the client parses', async () => {
		const api = client(await suite.token());
		const error = await api.retrieve({ collection: 'accounts', key: '00000000-0000-4000-8000-0000000000ff', select: ['name'] }).catch((e: unknown) => e as { status?: number; code?: string; message?: string });
		expect(error).toMatchObject({ status: 404, code: '0x80040217' });
		const skip = await api.retrieveMultiple({ collection: 'accounts', select: ['name'], top: 1 }, `${suite.baseUrl}/api/data/v9.2/accounts?$skip=5`).catch((e: unknown) => e as { status?: number; message?: string });
		expect(skip).toMatchObject({ status: 400, message: expect.stringContaining('$skip') });
	});
});
