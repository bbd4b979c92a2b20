/**
 * Dynamics 365 Sales ⇄ canonical: account → customer and opportunity (with its products) → contract, both ways.
 * Dataverse Money arrives as JSON numbers in the record's transaction currency; it becomes exact money checked
 * against the currency's minor units, never rounded; a missing currency is a problem naming the field.
 */
import { validateCanonical } from '../../lib/canonical';
import { fromCanonical, toCanonical } from '../../nodes/Dynamics365Sales/canonical';

type Rec = Record<string, any>;
const CONTEXT = { environment: 'sandbox' as const, correlationId: 'c-1' };
const ACCOUNT_ID = '11111111-2222-4333-8444-555555555555';
const OPPORTUNITY_ID = '66666666-7777-4888-9999-000000000001';
const F = '@OData.Community.Display.V1.FormattedValue';

const opportunity = (overrides: Rec = {}): Rec => ({
	'@odata.etag': 'W/"1042"',
	opportunityid: OPPORTUNITY_ID,
	name: "O'Brien Plant Maintenance Rollout",
	statecode: 1,
	statuscode: 3,
	[`statuscode${F}`]: 'Won',
	estimatedvalue: 33000,
	actualvalue: 33000,
	estimatedclosedate: '2026-11-12',
	actualclosedate: '2026-11-12',
	closeprobability: 100,
	_customerid_value: ACCOUNT_ID,
	[`_customerid_value${F}`]: "O'Brien & Sons Engineering",
	'_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
	modifiedon: '2026-11-12T10:00:00Z',
	versionnumber: 1042,
	transactioncurrencyid: { isocurrencycode: 'USD', transactioncurrencyid: 'aaaaaaaa-0000-4000-8000-000000000001' },
	product_opportunities: [
		{ opportunityproductid: '66666666-7777-4888-9999-0000000000a1', _productid_value: 'bbbbbbbb-0000-4000-8000-000000000001', [`_productid_value${F}`]: 'Fixed-Fee Implementation', quantity: 1, priceperunit: 29500, baseamount: 29500, extendedamount: 29500 },
		{ opportunityproductid: '66666666-7777-4888-9999-0000000000a2', productdescription: 'Travel (pass-through)', isproductoverridden: true, quantity: 3500, priceperunit: 1, baseamount: 3500, extendedamount: 3500 },
	],
	...overrides,
});

describe('Dynamics 365 Sales canonical mappings', () => {
	it('a won opportunity with products is a valid contract: exact money, lines, customer with its enterprise id', () => {
		const result = toCanonical('opportunity', opportunity(), CONTEXT);
		expect(result.problems).toEqual([]);
		const record = result.value as Rec;
		expect(validateCanonical('contract', record).valid).toBe(true);
		expect(record.envelope.source).toMatchObject({ system: 'dataverse', object: 'opportunity', id: OPPORTUNITY_ID, version: '1042', modifiedAt: '2026-11-12T10:00:00Z' });
		expect((toCanonical('opportunity', opportunity({ p2c_externalid: 'OPP-2010' }), CONTEXT).value as Rec).envelope.source.externalId).toBe('OPP-2010');
		expect(record.contract).toMatchObject({
			status: 'won',
			stage: 'Won',
			currency: 'USD',
			totalValue: { amount: '33000.00', currency: 'USD' },
			signedDate: '2026-11-12',
			customer: { id: ACCOUNT_ID, name: "O'Brien & Sons Engineering", enterpriseId: expect.stringMatching(/^ent-customer-/) },
		});
		expect(record.contract.lines).toEqual([
			expect.objectContaining({ product: expect.objectContaining({ name: 'Fixed-Fee Implementation' }), quantity: '1', unitPrice: { amount: '29500.00', currency: 'USD' }, amount: { amount: '29500.00', currency: 'USD' } }),
			expect.objectContaining({ description: 'Travel (pass-through)', quantity: '3500', amount: { amount: '3500.00', currency: 'USD' } }),
		]);
	});

	it('money with more decimals than the currency has is a problem naming the line, never rounded', () => {
		const lines = opportunity().product_opportunities as Rec[];
		const result = toCanonical('opportunity', opportunity({ product_opportunities: [{ ...lines[0], priceperunit: 29500.125, extendedamount: 29500.125 }] }), CONTEXT);
		expect(result.ok).toBe(false);
		expect(result.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['contract.lines[0].amount.amount']));
		expect(JSON.stringify(result)).not.toContain('29500.13');
	});

	it('without the expanded currency, money needs the Default Currency option', () => {
		const { transactioncurrencyid: _currency, ...bare } = opportunity();
		const missing = toCanonical('opportunity', bare, CONTEXT);
		expect(missing.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'payload.transactioncurrencyid' })]));
		const withDefault = toCanonical('opportunity', bare, { ...CONTEXT, defaultCurrency: 'USD' });
		expect(withDefault.ok).toBe(true);
	});

	it('open and lost opportunities map to negotiation and lost; the estimate is the value of an open one', () => {
		const open = toCanonical('opportunity', opportunity({ statecode: 0, statuscode: 1, actualvalue: null, actualclosedate: null, estimatedvalue: 52000 }), CONTEXT).value as Rec;
		expect(open.contract).toMatchObject({ status: 'negotiation', totalValue: { amount: '52000.00', currency: 'USD' }, signedDate: '2026-11-12' });
		const lost = toCanonical('opportunity', opportunity({ statecode: 2, statuscode: 5 }), CONTEXT).value as Rec;
		expect(lost.contract.status).toBe('lost');
	});

	it('renders a contract from another system as an opportunity: customer bound by enterprise id, products deep-inserted, exact numbers', () => {
		const canonical = toCanonical('opportunity', opportunity(), CONTEXT).value as Rec;
		const foreign: Rec = { ...canonical, envelope: { ...canonical.envelope, source: { ...canonical.envelope.source, system: 'salesforce', id: '006A000000000001' } } };
		const rendered = fromCanonical('opportunity', foreign, { verifyIdempotencyKey: false });
		expect(rendered.problems).toEqual([]);
		const record = (rendered.value as Rec).record as Rec;
		expect(record['customerid_account@odata.bind']).toBe(`/accounts(p2c_enterpriseid='${String(canonical.contract.customer.enterpriseId)}')`);
		expect(record.opportunityid).toBeUndefined();
		expect(record).toMatchObject({ p2c_externalid: '006A000000000001', p2c_enterpriseid: canonical.envelope.enterpriseId });
		expect(record).toMatchObject({ name: "O'Brien Plant Maintenance Rollout", estimatedvalue: 33000, estimatedclosedate: '2026-11-12' });
		// A product of another system without an enterprise id or product number becomes a write-in product.
		expect(record.product_opportunities[0]).toEqual({ isproductoverridden: true, productdescription: 'Fixed-Fee Implementation', quantity: 1, priceperunit: 29500 });
		expect(record.product_opportunities[1]).toEqual({ isproductoverridden: true, productdescription: 'Travel (pass-through)', quantity: 3500, priceperunit: 1 });
		// With a product code, it is bound through the product number (an alternate key of product).
		const coded = { ...foreign, contract: { ...foreign.contract, lines: [{ ...foreign.contract.lines[0], productCode: "PS-FF-IMPL" }, foreign.contract.lines[1]] } };
		const codedRecord = ((fromCanonical('opportunity', coded, { verifyIdempotencyKey: false }).value as Rec).record as Rec).product_opportunities[0];
		expect(codedRecord).toEqual({ 'productid@odata.bind': "/products(productnumber='PS-FF-IMPL')", quantity: 1, priceperunit: 29500 });
		// From Dataverse itself, the ids are kept.
		const own = (fromCanonical('opportunity', canonical).value as Rec).record as Rec;
		expect(own).toMatchObject({ opportunityid: OPPORTUNITY_ID, 'customerid_account@odata.bind': `/accounts(${ACCOUNT_ID})` });
	});

	it('an account is a customer and back: addresses, status, parent', () => {
		const account = {
			accountid: ACCOUNT_ID,
			name: 'Contoso Manufacturing GmbH',
			accountnumber: 'ACC-1002',
			statecode: 0,
			customertypecode: 3,
			[`customertypecode${F}`]: 'Customer',
			address1_line1: 'Königstraße 1',
			address1_city: 'Stuttgart',
			address1_country: 'Germany',
			address2_city: 'Esslingen',
			_parentaccountid_value: '11111111-2222-4333-8444-000000000009',
			modifiedon: '2026-10-01T09:00:00Z',
			versionnumber: 1003,
		};
		const result = toCanonical('account', account, CONTEXT);
		expect(result.problems).toEqual([]);
		const customer = (result.value as Rec).customer as Rec;
		expect(customer).toMatchObject({ name: 'Contoso Manufacturing GmbH', number: 'ACC-1002', status: 'active', category: 'Customer', billingAddress: { line1: 'Königstraße 1', city: 'Stuttgart', country: 'Germany' }, shippingAddress: { city: 'Esslingen' } });
		expect(toCanonical('account', { ...account, statecode: 1 }, CONTEXT).value).toMatchObject({ customer: { status: 'inactive' } });
		const back = (fromCanonical('account', result.value).value as Rec).record as Rec;
		expect(back).toMatchObject({ accountid: ACCOUNT_ID, name: 'Contoso Manufacturing GmbH', accountnumber: 'ACC-1002', address1_line1: 'Königstraße 1', address1_city: 'Stuttgart', address2_city: 'Esslingen', 'parentaccountid@odata.bind': '/accounts(11111111-2222-4333-8444-000000000009)' });
	});

	it('strict unknown fields name a column the mapping does not read; annotations of known columns are known', () => {
		const strict = toCanonical('opportunity', opportunity({ new_customfield: 'x' }), { ...CONTEXT, unknownFields: 'strict' });
		expect(strict.problems.map((p) => p.path)).toEqual(['payload.new_customfield']);
		expect(toCanonical('opportunity', opportunity(), { ...CONTEXT, unknownFields: 'strict' }).ok).toBe(true);
	});
});
