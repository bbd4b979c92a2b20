/**
 * The NetSuite sandbox's vendor bill, added for the Coupa template: the firm's subcontractors are vendors keyed
 * by their supplier number, a bill references its vendor and its project line by external id, takes the
 * vendor's subsidiary and currency, totals its expense lines, and refuses a bill without lines.
 */
import { FIRM_SUBCONTRACTORS } from '../../sandbox/firm/dataset';
import { createNetSuiteSandbox } from '../../sandbox/netsuite';
import { SCHEMAS } from '../../sandbox/netsuite/schema';

describe('NetSuite sandbox vendor bills', () => {
	const sandbox = createNetSuiteSandbox();
	const options = { nameValidation: 'Error' as const, replace: [], now: '2026-05-01T00:00:00Z' };

	it('seeds the firm\'s subcontractors as vendors with their supplier numbers', () => {
		expect(sandbox.store.all('vendor').map((v) => [v.fields.externalId, v.fields.companyName])).toEqual(FIRM_SUBCONTRACTORS.map((s) => [s.number, s.name]));
	});

	it('creates a bill against the vendor and the project, in the vendor\'s subsidiary and currency, with an exact total', () => {
		const bill = sandbox.store.create(
			SCHEMAS.vendorBill,
			{ entity: { externalId: 'SUP-3002' }, tranDate: '2026-02-27', tranId: 'BCP-2001', expense: { items: [{ account: { id: '510' }, amount: 3820, memo: 'Workshops', customer: { externalId: 'SF-006A000102' } }, { account: { id: '510' }, amount: 0.1 }, { account: { id: '510' }, amount: 0.2 }] } },
			options,
			'COUPA-INV-1',
		);
		expect(bill.fields).toMatchObject({ tranId: 'BCP-2001', externalId: 'COUPA-INV-1', total: 3820.3, subsidiary: { id: '3' }, currency: { id: '2' } });
		const project = sandbox.store.all('job').find((j) => j.fields.externalId === 'SF-006A000102')!;
		expect((bill.fields.expense as Array<Record<string, unknown>>)[0].customer).toMatchObject({ id: project.id });
	});

	it('refuses a bill without lines, naming the sublist', () => {
		expect(() => sandbox.store.create(SCHEMAS.vendorBill, { entity: { externalId: 'SUP-3001' }, tranDate: '2026-02-27' }, options)).toThrow(/at least one line item/);
	});
});
