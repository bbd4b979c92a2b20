/** The Dataverse sandbox over HTTP: auth, Dataverse's answers and shapes, rules the Sales flows meet. */
import axios from 'axios';
import type { AxiosResponse } from 'axios';

import { ENTRA_SANDBOX_CLIENT_ID } from '../../sandbox/entra';
import { DATAVERSE_API_ROOT } from '../../sandbox/dataverse';
import { entraSandboxAppToken } from '../helpers/entra';
import { useDataverseSandbox } from './helpers';

const suite = useDataverseSandbox();

async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; token?: string | null } = {}): Promise<AxiosResponse> {
	const token = options.token === undefined ? await suite.token() : options.token;
	return await axios.request({
		method,
		url: `${suite.baseUrl}${DATAVERSE_API_ROOT}/${path}`,
		data: options.body,
		headers: { Accept: 'application/json', 'OData-Version': '4.0', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(options.headers ?? {}) },
		validateStatus: () => true,
	});
}

describe('Dataverse sandbox', () => {
	it('refuses requests without a token, or with a token for another environment, as Dataverse does (401, WWW-Authenticate)', async () => {
		const none = await call('GET', 'accounts', { token: null });
		expect(none.status).toBe(401);
		expect(none.headers['www-authenticate']).toMatch(/^Bearer /);
		// A token for another environment (its audience is another origin).
		const other = await call('GET', 'accounts', { token: await entraSandboxAppToken(suite.entra.baseUrl, suite.baseUrl.replace('127.0.0.1', 'localhost')) });
		expect(other.status).toBe(401);
		const who = await call('GET', 'WhoAmI');
		expect(who.status).toBe(200);
		expect(suite.sandbox.service.records('systemusers').find((u) => u.systemuserid === who.data.UserId)?.applicationid).toBe(ENTRA_SANDBOX_CLIENT_ID);
	});

	it('refuses $skip, pages with maxpagesize and an opaque skiptoken', async () => {
		const skip = await call('GET', 'accounts?$skip=2');
		expect(skip.status).toBe(400);
		expect(skip.data.error).toMatchObject({ code: '0x80060888', message: expect.stringContaining('$skip') });
		const page = await call('GET', 'accounts?$select=name', { headers: { Prefer: 'odata.maxpagesize=4' } });
		expect(page.headers['preference-applied']).toBe('odata.maxpagesize=4');
		expect(page.data.value).toHaveLength(4);
		expect(page.data['@odata.nextLink']).toContain('$skiptoken=');
	});

	it('creates with 204 + OData-EntityId; formatted values and lookup names only when asked for', async () => {
		const account = suite.sandbox.seeded.accounts['ACC-1001'];
		const created = await call('POST', 'opportunities', { body: { name: 'Annotated', estimatedvalue: 1234.5, 'customerid_account@odata.bind': `/accounts(${account})` } });
		expect(created.status).toBe(204);
		const id = /\(([0-9a-f-]{36})\)$/.exec(String(created.headers['odata-entityid']))![1];
		const plain = await call('GET', `opportunities(${id})?$select=name,estimatedvalue,_customerid_value`);
		expect(Object.keys(plain.data).filter((k) => k.includes('@OData.Community'))).toEqual([]);
		const annotated = await call('GET', `opportunities(${id})?$select=name,estimatedvalue,_customerid_value,statecode`, { headers: { Prefer: 'odata.include-annotations="*"' } });
		expect(annotated.data).toMatchObject({
			'_customerid_value@OData.Community.Display.V1.FormattedValue': 'Northwind Health Partners',
			'_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
			'statecode@OData.Community.Display.V1.FormattedValue': 'Open',
		});
	});

	it('computes line amounts exactly and totals headers from their lines', async () => {
		const opportunity = suite.sandbox.seeded.opportunities['OPP-2005'];
		await call('POST', 'opportunityproducts', { body: { 'opportunityid@odata.bind': `/opportunities(${opportunity})`, isproductoverridden: true, productdescription: 'Odd', quantity: 3, priceperunit: 0.1, manualdiscountamount: 0.05, tax: 0.02 } });
		const lines = suite.sandbox.service.records('opportunityproducts').filter((l) => l._opportunityid_value === opportunity);
		expect(lines.find((l) => l.productdescription === 'Odd')).toMatchObject({ baseamount: 0.3, extendedamount: 0.27 });
		const header = await call('GET', `opportunities(${opportunity})?$select=totalamount`);
		// 120 × 1600 + 6 × 2400 + 0.27
		expect(header.data.totalamount).toBe(206400.27);
	});

	it('closes an opportunity only through Win/LoseOpportunity, with a status that fits the state', async () => {
		const id = suite.sandbox.seeded.opportunities['OPP-2014'];
		const patch = await call('PATCH', `opportunities(${id})`, { body: { statecode: 1, statuscode: 3 }, headers: { 'If-Match': '*' } });
		expect(patch.status).toBe(400);
		expect(patch.data.error.message).toMatch(/WinOpportunity/);
		const badStatus = await call('POST', 'LoseOpportunity', { body: { OpportunityClose: { subject: 'Lost', 'opportunityid@odata.bind': `/opportunities(${id})` }, Status: 3 } });
		expect(badStatus.status).toBe(400);
		const lost = await call('POST', 'LoseOpportunity', { body: { OpportunityClose: { subject: 'Lost', 'opportunityid@odata.bind': `/opportunities(${id})` }, Status: 4 } });
		expect(lost.status).toBe(204);
		expect(suite.sandbox.service.get('opportunities', { opportunityid: id })).toMatchObject({ statecode: 2, statuscode: 4 });
	});

	it('a deep insert with a bad line writes nothing', async () => {
		const before = suite.sandbox.service.records('opportunities').length;
		const response = await call('POST', 'opportunities', { body: { name: 'Half', product_opportunities: [{ productdescription: 'ok', isproductoverridden: true, quantity: 1, priceperunit: 1 }, { productdescription: 'bad', quantity: 'one' }] } });
		expect(response.status).toBe(400);
		expect(suite.sandbox.service.records('opportunities')).toHaveLength(before);
		expect(suite.sandbox.service.records('opportunityproducts').filter((l) => l.productdescription === 'ok')).toHaveLength(0);
	});

	it('seeds the Salesforce sandbox\'s customers and opportunities: won deals closed with their products', () => {
		const service = suite.sandbox.service;
		expect(service.records('accounts').filter((a) => /^ACC-10\d\d$/.test(String(a.accountnumber)))).toHaveLength(12);
		const won = service.records('opportunities').filter((o) => o.statecode === 1);
		expect(won.map((o) => o.p2c_externalid).sort()).toEqual(['OPP-2001', 'OPP-2002', 'OPP-2003', 'OPP-2004', 'OPP-2009', 'OPP-2010', 'OPP-2012']);
		for (const opportunity of won) {
			expect(service.records('opportunitycloses').filter((c) => c._opportunityid_value === opportunity.opportunityid)).toHaveLength(1);
			expect(service.records('opportunityproducts').filter((l) => l._opportunityid_value === opportunity.opportunityid).length).toBeGreaterThan(0);
		}
	});

	it('takes what the canonical mapping renders: lookups bound by enterprise id and product number, lines deep-inserted', async () => {
		const { fromCanonical, toCanonical } = await import('../../nodes/Dynamics365Sales/canonical');
		const account = suite.sandbox.seeded.accounts['ACC-1008'];
		const enterpriseId = 'ent-customer-0123456789abcdef0123456789abcdef';
		await suite.sandbox.service.update('accounts', { accountid: account }, { p2c_enterpriseid: enterpriseId });
		const source = { opportunityid: '00000000-0000-4000-8000-00000000beef', name: 'Proseware Phase 2', statecode: 0, estimatedvalue: 3200, estimatedclosedate: '2027-03-01', _customerid_value: account, transactioncurrencyid: { isocurrencycode: 'USD' }, product_opportunities: [{ opportunityproductid: '00000000-0000-4000-8000-00000000bee1', quantity: 2, priceperunit: 1600, extendedamount: 3200 }] };
		const canonical = toCanonical('opportunity', source, { environment: 'sandbox', correlationId: 'c' }).value as Record<string, any>;
		canonical.envelope.source = { ...canonical.envelope.source, system: 'salesforce', id: '006A0000000XYZ' };
		canonical.contract.customer.enterpriseId = enterpriseId;
		canonical.contract.lines[0].productCode = 'PS-TM-DAY';
		const rendered = fromCanonical('opportunity', canonical, { verifyIdempotencyKey: false });
		expect(rendered.problems).toEqual([]);
		const response = await call('POST', 'opportunities', { body: (rendered.value as Record<string, any>).record });
		expect(response.status).toBe(204);
		const created = suite.sandbox.service.records('opportunities').find((o) => o.p2c_externalid === '006A0000000XYZ')!;
		expect(created).toMatchObject({ _customerid_value: account, estimatedvalue: 3200 });
		const [line] = suite.sandbox.service.records('opportunityproducts').filter((l) => l._opportunityid_value === created.opportunityid);
		expect(line).toMatchObject({ _productid_value: suite.sandbox.seeded.products['PS-TM-DAY'], quantity: 2, extendedamount: 3200 });
	});
});

