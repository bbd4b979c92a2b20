/** The shared Dataverse record operations' $expand for Canonical reads. */
import { withCanonicalExpand } from '../../nodes/Dataverse/recordOperations';

const CURRENCY = 'transactioncurrencyid($select=isocurrencycode)';

describe('withCanonicalExpand', () => {
	it('adds what the mapping needs to the user\'s $expand, once', () => {
		expect(withCanonicalExpand(undefined, `product_opportunities,${CURRENCY}`)).toBe(`product_opportunities,${CURRENCY}`);
		expect(withCanonicalExpand('parentaccountid($select=name)', CURRENCY)).toBe(`parentaccountid($select=name),${CURRENCY}`);
		expect(withCanonicalExpand('transactioncurrencyid($select=currencyname)', CURRENCY)).toBe('transactioncurrencyid($select=currencyname)');
		expect(withCanonicalExpand('', undefined)).toBeUndefined();
	});

	it('matches navigations by their whole name: one nested in another expand, or a longer name, still gets the top-level one', () => {
		expect(withCanonicalExpand('parentaccountid($expand=transactioncurrencyid)', CURRENCY)).toBe(`parentaccountid($expand=transactioncurrencyid),${CURRENCY}`);
		expect(withCanonicalExpand('product_opportunities_archive', 'product_opportunities')).toBe('product_opportunities_archive,product_opportunities');
	});
});
