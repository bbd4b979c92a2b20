/**
 * The OData core binds a collection navigation by the parent's whole key: with F&O's composite keys
 * (`dataAreaId` first) a header's lines are those holding its company and its number, in `set(key)/nav` reads,
 * `$expand` and creates through the navigation. Two companies with the same journal number keep their lines apart.
 */
import axios from 'axios';

import { SandboxServer } from '../../sandbox/core/server';
import { ODataService, standardDialect } from '../../sandbox/odata';

const ROOT = '/data';

function createService() {
	const service: ODataService = new ODataService({
		root: ROOT,
		dialect: { ...standardDialect, name: 'composite-test' },
		sets: [
			{
				name: 'JournalHeaders',
				entityType: 'JournalHeader',
				key: ['dataAreaId', 'JournalBatchNumber'],
				properties: { dataAreaId: { type: 'Edm.String', maxLength: 4 }, JournalBatchNumber: { type: 'Edm.String' }, Description: { type: 'Edm.String' } },
				collections: { JournalLines: { source: 'JournalLines', column: 'JournalId' } },
			},
			{
				name: 'JournalLines',
				entityType: 'JournalLine',
				key: ['dataAreaId', 'JournalId', 'LineNumber'],
				properties: { dataAreaId: { type: 'Edm.String', maxLength: 4 }, JournalId: { type: 'Edm.String' }, LineNumber: { type: 'Edm.Decimal' }, Text: { type: 'Edm.String' } },
			},
			{
				name: 'Accounts',
				entityType: 'Account',
				key: ['accountid'],
				properties: { accountid: { type: 'Edm.Guid' }, name: { type: 'Edm.String' } },
				collections: { contacts: { source: 'Contacts', column: '_parent_value' } },
			},
			{
				name: 'Contacts',
				entityType: 'Contact',
				key: ['contactid'],
				properties: { contactid: { type: 'Edm.Guid' }, lastname: { type: 'Edm.String' } },
				lookups: { parent_account: { target: 'Accounts', column: '_parent_value' } },
			},
		],
	});
	const server = new SandboxServer({ name: 'composite-test', reset: () => service.clear(), snapshot: () => ({}) });
	service.mount(server);
	return { server, service };
}

describe('OData core: navigation below a composite-key parent', () => {
	const { server, service } = createService();
	let base = '';
	beforeAll(async () => {
		base = `${await server.start(0)}${ROOT}`;
	});
	afterAll(async () => await server.stop());
	beforeEach(async () => {
		service.clear();
		for (const company of ['usmf', 'gbsi']) {
			await service.insert('JournalHeaders', { dataAreaId: company, JournalBatchNumber: 'PJ-1', Description: company });
			for (const line of [1, 2]) await service.insert('JournalLines', { dataAreaId: company, JournalId: 'PJ-1', LineNumber: line, Text: `${company} ${line}` });
		}
	});

	const header = (company: string) => `${base}/JournalHeaders(dataAreaId='${company}',JournalBatchNumber='PJ-1')`;

	it('reads the lines that hold the header’s company and number', async () => {
		const usmf = await axios.get(`${header('usmf')}/JournalLines`, { validateStatus: () => true });
		expect(usmf.status).toBe(200);
		expect(usmf.data.value.map((l: { Text: string }) => l.Text)).toEqual(['usmf 1', 'usmf 2']);
		const gbsi = await axios.get(`${header('gbsi')}?$expand=JournalLines`, { validateStatus: () => true });
		expect(gbsi.data.JournalLines.map((l: { Text: string }) => l.Text)).toEqual(['gbsi 1', 'gbsi 2']);
	});

	it('a line created through the navigation takes every key part of its header', async () => {
		const created = await axios.post(`${header('gbsi')}/JournalLines`, { LineNumber: 3, Text: 'gbsi 3' }, { headers: { Prefer: 'return=representation' }, validateStatus: () => true });
		expect(created.status).toBe(201);
		expect(created.data).toMatchObject({ dataAreaId: 'gbsi', JournalId: 'PJ-1', LineNumber: 3 });
		expect(service.records('JournalLines').filter((l) => l.dataAreaId === 'gbsi')).toHaveLength(3);
		expect(service.records('JournalLines').filter((l) => l.dataAreaId === 'usmf')).toHaveLength(2);
	});

	it('a one-part key binds as before (through the child lookup)', async () => {
		const account = await service.insert('Accounts', { name: 'Northwind' });
		const id = String(account.accountid);
		const created = await axios.post(`${base}/Accounts(${id})/contacts`, { lastname: 'Ng' }, { headers: { Prefer: 'return=representation' }, validateStatus: () => true });
		expect(created.status).toBe(201);
		const read = await axios.get(`${base}/Accounts(${id})/contacts`);
		expect(read.data.value.map((c: { lastname: string }) => c.lastname)).toEqual(['Ng']);
	});
});
