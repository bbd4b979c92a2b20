/** The Dynamics 365 Sales node against the Dataverse sandbox, in n8n-core's WorkflowExecute. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DATAVERSE_SANDBOX_ORG } from '../../sandbox/dataverse/seed';
import { entraSandboxOAuth2Credentials } from '../../sandbox/entra';
import { PACKAGE_NAME, runWorkflow } from '../helpers/harness';
import { extraTypes, useDataverseSandbox, salesNode, workflow } from '../dataverse/helpers';

const suite = useDataverseSandbox();

describe('Dynamics 365 Sales node', () => {
	it('gets many won opportunities with a condition, paged, and reads one by alternate key with Canonical output', async () => {
		const many = await suite.run(
			workflow([{}], salesNode({ resource: 'opportunity', operation: 'getMany', returnAll: true, conditions: { condition: [{ column: 'statecode', operator: 'eq', value: '1' }] }, queryOptions: { select: 'name,statecode,p2c_externalid' } })),
		);
		expect(many.error).toBeUndefined();
		const won = many.output('Sales');
		expect(won.map((o) => o.p2c_externalid).sort()).toEqual(['OPP-2001', 'OPP-2002', 'OPP-2003', 'OPP-2004', 'OPP-2009', 'OPP-2010', 'OPP-2012']);

		const one = await suite.run(
			workflow([{}], salesNode({ resource: 'opportunity', operation: 'get', getBy: 'alternateKey', keyParts: { part: [{ column: 'p2c_externalid', value: 'OPP-2002' }] }, output: 'canonical' })),
		);
		expect(one.error).toBeUndefined();
		const [canonical] = one.output('Sales');
		const data = canonical.contract as Record<string, any>;
		expect((canonical.envelope as Record<string, any>).source).toMatchObject({ system: 'dataverse', object: 'opportunity' });
		expect(data.status).toBe('won');
		expect(data.currency).toBe('USD');
		expect(data.totalValue).toEqual({ amount: '105000.00', currency: 'USD' });
		expect(data.lines.map((l: any) => l.amount.amount).sort()).toEqual(['12000.00', '93000.00']);
		expect(data.customer.name).toBe('Contoso Manufacturing GmbH');
	});

	it("escapes condition values: a name with a quote is found, not injected", async () => {
		const result = await suite.run(
			workflow([{}], salesNode({ resource: 'account', operation: 'getMany', returnAll: true, conditions: { condition: [{ column: 'name', operator: 'eq', value: "O'Brien & Sons Engineering" }] } })),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('Sales').map((a) => a.accountnumber)).toEqual(['ACC-1010']);
	});

	it('upserts by alternate key: a second run updates the same record; Create Only refuses an existing key', async () => {
		const upsert = (name: string, mode = 'upsert') =>
			salesNode({ resource: 'account', operation: 'upsert', keyParts: { part: [{ column: 'accountnumber', value: 'ACC-9001' }] }, upsertMode: mode, jsonBody: JSON.stringify({ name }) }, { continueOnFail: true });
		const first = await suite.run(workflow([{}], upsert('Globex')));
		expect(first.error).toBeUndefined();
		expect(first.output('Sales')[0]).toMatchObject({ name: 'Globex', accountnumber: 'ACC-9001', created: true });
		const second = await suite.run(workflow([{}], upsert('Globex Corporation')));
		expect(second.output('Sales')[0]).toMatchObject({ name: 'Globex Corporation', created: false });
		expect(suite.sandbox.service.records('accounts').filter((a) => a.accountnumber === 'ACC-9001')).toHaveLength(1);
		const refused = await suite.run(workflow([{}], upsert('Other', 'createOnly')));
		expect(refused.output('Sales')[0]).toMatchObject({ code: 'ALREADY_EXISTS', fields: ['accountnumber'] });
		expect(suite.sandbox.service.records('accounts').find((a) => a.accountnumber === 'ACC-9001')?.name).toBe('Globex Corporation');
	});

	it('updates with an ETag: a record changed since it was read is refused as stale, nothing written', async () => {
		const id = suite.sandbox.seeded.accounts['ACC-1003'];
		const read = await suite.run(workflow([{}], salesNode({ resource: 'account', operation: 'get', recordId: { mode: 'id', value: id } })));
		const etag = String(read.output('Sales')[0]['@odata.etag']);
		await suite.sandbox.service.update('accounts', { accountid: id }, { telephone1: '+1 212 555 0100' });
		const stale = await suite.run(
			workflow([{}], salesNode({ resource: 'account', operation: 'update', recordId: { mode: 'id', value: id }, etag, jsonBody: '{"name": "Fabrikam (renamed)"}' }, { continueOnFail: true })),
		);
		expect(stale.output('Sales')[0]).toMatchObject({ code: 'STALE', fields: ['etag'] });
		expect(suite.sandbox.service.get('accounts', { accountid: id })?.name).toBe('Fabrikam Financial Group');
	});

	it('batch-creates through $batch: one bad record fails alone with the column named, the others are written', async () => {
		const items = [{ name: 'Batch A' }, { name: 'Batch B', nosuchcolumn: 1 }, { name: 'Batch C' }];
		const result = await suite.run(workflow(items, salesNode({ resource: 'account', operation: 'batchCreate', jsonBody: '={{ JSON.stringify($json) }}' }, { continueOnFail: true })));
		expect(result.error).toBeUndefined();
		const out = result.output('Sales');
		expect(out).toHaveLength(3);
		expect(out[0]).toMatchObject({ status: 204, accountid: expect.any(String) });
		expect(out[1]).toMatchObject({ code: '0x80060888', fields: ['nosuchcolumn'] });
		expect(out[2]).toMatchObject({ status: 204, accountid: expect.any(String) });
		const names = suite.sandbox.service.records('accounts').map((a) => a.name);
		expect(names).toEqual(expect.arrayContaining(['Batch A', 'Batch C']));
		expect(names).not.toContain('Batch B');
		const batches = suite.sandbox.requests.filter((r) => r.path.endsWith('/$batch'));
		expect(batches).toHaveLength(1);
	});

	it('wins an open opportunity (opportunity close created, state Won) and refuses to win it twice', async () => {
		const id = suite.sandbox.seeded.opportunities['OPP-2005'];
		const win = () => salesNode({ resource: 'opportunity', operation: 'win', recordId: { mode: 'id', value: id }, closeDetails: { actualrevenue: '199200.00', actualend: '2026-12-01' } }, { continueOnFail: true });
		const first = await suite.run(workflow([{}], win()));
		expect(first.output('Sales')[0]).toMatchObject({ opportunityid: id, statecode: 1, closed: 'won' });
		const stored = suite.sandbox.service.get('opportunities', { opportunityid: id })!;
		expect(stored).toMatchObject({ statecode: 1, statuscode: 3, actualclosedate: '2026-12-01', actualvalue: 199200 });
		expect(suite.sandbox.service.records('opportunitycloses').filter((c) => c._opportunityid_value === id)).toHaveLength(1);
		const again = await suite.run(workflow([{}], win()));
		expect(again.output('Sales')[0]).toMatchObject({ code: '0x80040203' });
		expect(suite.sandbox.service.records('opportunitycloses').filter((c) => c._opportunityid_value === id)).toHaveLength(1);
	});

	it('creates an opportunity with its products in one request (deep insert) and deletes a contact', async () => {
		const account = suite.sandbox.seeded.accounts['ACC-1005'];
		const created = await suite.run(
			workflow(
				[{}],
				salesNode({
					resource: 'opportunity',
					operation: 'create',
					jsonBody: JSON.stringify({ name: 'Wingtip Phase 2', estimatedvalue: 5000, product_opportunities: [{ productdescription: 'Workshop', isproductoverridden: true, quantity: 2, priceperunit: 2500.5 }] }),
					lookups: { lookup: [{ navigationProperty: 'customerid_account', entitySet: 'accounts', id: account }] },
				}),
			),
		);
		expect(created.error).toBeUndefined();
		const opportunity = created.output('Sales')[0];
		expect(opportunity).toMatchObject({ name: 'Wingtip Phase 2', _customerid_value: account });
		const lines = suite.sandbox.service.records('opportunityproducts').filter((l) => l._opportunityid_value === opportunity.opportunityid);
		expect(lines.map((l) => l.extendedamount)).toEqual([5001]);
	});

	it('batch create or update by alternate key: an existing key is updated, a new one created, Create Only refuses the existing one alone', async () => {
		const items = [{ accountnumber: 'ACC-1001', name: 'Northwind Health Partners Inc.' }, { accountnumber: 'ACC-8001', name: 'Vandelay Industries' }];
		const node = (mode: string) =>
			salesNode(
				{ resource: 'account', operation: 'batchUpsert', upsertMode: mode, keyParts: { part: [{ column: 'accountnumber', value: '={{ $json.accountnumber }}' }] }, jsonBody: '={{ JSON.stringify({ name: $json.name }) }}' },
				{ continueOnFail: true },
			);
		const first = await suite.run(workflow(items, node('upsert')));
		expect(first.error).toBeUndefined();
		expect(first.output('Sales').map((o) => o.status)).toEqual([204, 204]);
		const accounts = suite.sandbox.service.records('accounts');
		expect(accounts.find((a) => a.accountnumber === 'ACC-1001')?.name).toBe('Northwind Health Partners Inc.');
		expect(accounts.filter((a) => a.accountnumber === 'ACC-8001')).toHaveLength(1);
		const createOnly = await suite.run(workflow([{ accountnumber: 'ACC-1002', name: 'Overwritten?' }, { accountnumber: 'ACC-8002', name: 'Kramerica' }], node('createOnly')));
		const [refused, created] = createOnly.output('Sales');
		expect(refused).toMatchObject({ code: '0x80040237' });
		expect(created).toMatchObject({ status: 204 });
		expect(suite.sandbox.service.records('accounts').find((a) => a.accountnumber === 'ACC-1002')?.name).toBe('Contoso Manufacturing GmbH');
	});

	it('batch create splits at 1,000 requests per $batch and pairs all 1,001 results', async () => {
		const items = Array.from({ length: 1001 }, (_, i) => ({ lastname: `Bulk ${i}` }));
		const result = await suite.run(workflow(items, salesNode({ resource: 'contact', operation: 'batchCreate', jsonBody: '={{ JSON.stringify($json) }}' })));
		expect(result.error).toBeUndefined();
		const out = result.output('Sales');
		expect(out).toHaveLength(1001);
		const contacts = new Map(suite.sandbox.service.records('contacts').map((c) => [c.contactid, c.lastname]));
		expect(out.every((o, i) => contacts.get(o.contactid) === `Bulk ${i}`)).toBe(true);
		expect(suite.sandbox.requests.filter((r) => r.path.endsWith('/$batch'))).toHaveLength(2);
	}, 60_000);

	it('a $batch refused as a whole fails each of its items with Continue On Fail, and is not resent', async () => {
		suite.sandbox.addFault({ kind: 'status', method: 'POST', path: '\\$batch$', status: 400, body: { error: { code: '0x80060888', message: 'The batch request is malformed.' } } });
		const result = await suite.run(workflow([{ name: 'X1' }, { name: 'X2' }], salesNode({ resource: 'account', operation: 'batchCreate', jsonBody: '={{ JSON.stringify($json) }}' }, { continueOnFail: true })));
		expect(result.output('Sales')).toEqual([expect.objectContaining({ code: '0x80060888' }), expect.objectContaining({ code: '0x80060888' })]);
		expect(suite.sandbox.requests.filter((r) => r.path.endsWith('/$batch'))).toHaveLength(1);
		expect(suite.sandbox.service.records('accounts').filter((a) => a.name === 'X1' || a.name === 'X2')).toHaveLength(0);
	});

	it('works as a licensed user through the OAuth2 credential (the user, not the app, is who Dataverse sees)', async () => {
		const node = { ...salesNode({ resource: 'account', operation: 'getMany', limit: 2, authentication: 'oAuth2' }), credentials: { p2cDataverseOAuth2Api: { id: 'cred-oauth', name: 'Dataverse user' } } };
		expect(node.type).toBe(`${PACKAGE_NAME}.dynamics365Sales`);
		const credentials = { p2cDataverseOAuth2Api: entraSandboxOAuth2Credentials(suite.entra.baseUrl, suite.baseUrl) as unknown as ICredentialDataDecryptedObject };
		const result = await runWorkflow(workflow([{}], node), { credentials, extraTypes });
		expect(result.error).toBeUndefined();
		expect(result.output('Sales')).toHaveLength(2);
		expect(suite.sandbox.protection.maxInFlight(DATAVERSE_SANDBOX_ORG.licensedUserId)).toBe(1);
		expect(suite.sandbox.protection.maxInFlight(DATAVERSE_SANDBOX_ORG.applicationUserId)).toBe(0);
	});
});

